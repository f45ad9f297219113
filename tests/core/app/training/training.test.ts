/** Training rules (core/domain/training.ts) and the monthly reminder's window (core/app/training/training.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMonthlyTrainingReminders } from '../../../../core/app/training';
import { addMonthsToDate, completionKey, completionValid, firstWeekdayOfMonth, latestCompletions, missingTraining, type TrainingCourse } from '../../../../core/domain';
import { startBotHarness, type BotHarness } from '../../../support/bot-harness';

const course = (code: string, over: Partial<TrainingCourse> = {}): TrainingCourse => ({ code, name: code, mandatory: true, audience: 'all', validityMonths: null, ...over });
const COURSES = [course('ISK-GRUND'), course('GDPR-GRUND', { validityMonths: 24 }), course('CSL-LEDNING', { audience: 'management' }), course('NATFISKE', { mandatory: false })];

describe('what a person lacks', () => {
  it('asks the mandatory courses for all of everyone, and management’s course of management only', () => {
    const none = new Map<string, string>();
    expect(missingTraining(COURSES, none, false, '2026-12-01')).toEqual({ all: [COURSES[0], COURSES[1]], management: [] });
    expect(missingTraining(COURSES, none, true, '2026-12-01').management).toEqual([COURSES[2]]);
    const done = new Map([
      ['ISK-GRUND', '2020-01-01'],
      ['GDPR-GRUND', '2024-12-01'],
      ['CSL-LEDNING', '2026-02-01'],
    ]);
    expect(missingTraining(COURSES, done, true, '2026-12-01')).toEqual({ all: [], management: [] });
    // A completion counts while it is valid: GDPR-GRUND for 24 months.
    expect(missingTraining(COURSES, done, true, '2026-12-02').all).toEqual([COURSES[1]]);
    expect(completionValid({ validityMonths: 12 }, '2025-01-31', '2026-01-31')).toBe(true);
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('keeps the latest completion per person and course, whatever the case of the id', () => {
    const latest = latestCompletions([
      { personId: 'D0000000-0000-4000-8000-000000000017', courseCode: 'ISK-GRUND', completedAt: '2024-05-01' },
      { personId: 'd0000000-0000-4000-8000-000000000017', courseCode: 'ISK-GRUND', completedAt: '2026-05-01' },
    ]);
    expect(latest.get('d0000000-0000-4000-8000-000000000017')?.get('ISK-GRUND')).toBe('2026-05-01');
    expect(completionKey('D0000000-0000-4000-8000-000000000017', 'ISK-GRUND', '2026-05-01')).toBe('training:d0000000-0000-4000-8000-000000000017:ISK-GRUND:2026-05-01');
  });

  it('finds the month’s first weekday', () => {
    expect(firstWeekdayOfMonth('2026-12')).toBe('2026-12-01'); // Tuesday
    expect(firstWeekdayOfMonth('2026-11')).toBe('2026-11-02'); // 1 November is a Sunday
    expect(firstWeekdayOfMonth('2027-05')).toBe('2027-05-03'); // 1 May is a Saturday
  });
});

describe('the monthly reminder’s window', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ now: '2026-11-28T09:00:00.000Z' });
  });
  afterAll(async () => h?.close());

  it('is the first week from the first weekday at 08:00 Stockholm time', async () => {
    const deps = h.app.runtime.deps;
    expect(await queueMonthlyTrainingReminders(deps, new Date('2026-11-28T09:00:00Z'))).toMatchObject({ month: '2026-11', due: false });
    expect(await queueMonthlyTrainingReminders(deps, new Date('2026-12-01T06:59:00Z'))).toMatchObject({ due: false });
    expect(await queueMonthlyTrainingReminders(deps, new Date('2026-12-08T07:00:00Z'))).toMatchObject({ due: false });
    const run = await queueMonthlyTrainingReminders(deps, new Date('2026-12-07T12:00:00Z'));
    expect(run).toMatchObject({ month: '2026-12', due: true, managers: 8 });
    expect(run.reminded).toHaveLength(7);
    // Done for the month: a later run in the window reads no completions and queues nothing.
    expect((await queueMonthlyTrainingReminders(deps, new Date('2026-12-07T13:00:00Z'))).reminded).toEqual([]);
  });
});
