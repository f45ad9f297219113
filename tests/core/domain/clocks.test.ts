/** Legal clocks and Stockholm time, across the DST changes of 2026 (29 March, 25 October). */
import { describe, expect, it } from 'vitest';
import {
  addStockholmDays,
  addStockholmMonths,
  caseNumber,
  clocksAfterClose,
  clocksAfterReport,
  clocksAfterTriage,
  formatStockholm,
  fromStockholmWallTime,
  reminderStages,
  significanceHints,
  stockholmInputToUtc,
  utcToStockholmInput,
  type LegalClock,
} from '../../../core/domain';
import { incident } from './fixtures';

const ISAM = 'd0000000-0000-4000-8000-000000000002';
const at = (iso: string) => new Date(iso);
const find = (clocks: LegalClock[], kind: string) => clocks.find((c) => c.kind === kind)!;

describe('Stockholm calendar arithmetic', () => {
  it('keeps the wall-clock time when a month crosses into summer time', () => {
    // 10 March 10:00 CET (09:00Z) → 10 April 10:00 CEST (08:00Z).
    expect(addStockholmMonths(at('2026-03-10T09:00:00Z'), 1).toISOString()).toBe('2026-04-10T08:00:00.000Z');
  });

  it('keeps the wall-clock time when 30 days cross into winter time', () => {
    // 10 October 10:00 CEST (08:00Z) → 9 November 10:00 CET (09:00Z).
    expect(addStockholmDays(at('2026-10-10T08:00:00Z'), 30).toISOString()).toBe('2026-11-09T09:00:00.000Z');
  });

  it('clamps the 31st to the end of a shorter month', () => {
    expect(addStockholmMonths(at('2026-01-31T09:00:00Z'), 1).toISOString()).toBe('2026-02-28T09:00:00.000Z');
  });

  it('moves a wall time in the spring gap forward, and takes the first of an autumn repeat', () => {
    expect(fromStockholmWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(fromStockholmWallTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // first 02:30 (CEST)
  });

  it('converts form input both ways', () => {
    expect(stockholmInputToUtc('2026-07-01', '08:15')).toBe('2026-07-01T06:15:00.000Z');
    expect(stockholmInputToUtc('2026-12-01', '08:15')).toBe('2026-12-01T07:15:00.000Z');
    expect(utcToStockholmInput('2026-03-29T01:30:00.000Z')).toEqual({ date: '2026-03-29', time: '03:30' });
    expect(formatStockholm('2026-03-29T01:30:00.000Z', 'sv')).toMatch(/29 mars 2026.*03:30/);
  });
});

describe('legal clocks', () => {
  const settings = { investigationDays: 30 };

  it('starts 24 h, 72 h, IMY 72 h and the investigation on triage — exact hours across spring-forward', () => {
    // Discovered Saturday 28 March 12:00 CET; the clocks run through the night the hour is lost.
    const inc = incident({ discoveredAt: '2026-03-28T11:00:00.000Z', reportedAt: '2026-03-28T11:30:00.000Z', occurredAt: null });
    const clocks = clocksAfterTriage(inc, { significant: 'yes', personalDataBreach: true, rationale: null }, at('2026-03-28T13:00:00Z'), ISAM, settings);
    expect(find(clocks, 'cs_early_warning').dueAt).toBe('2026-03-29T11:00:00.000Z'); // 13:00 CEST: 24 real hours
    expect(find(clocks, 'cs_notification').dueAt).toBe('2026-03-31T11:00:00.000Z');
    expect(find(clocks, 'imy_notification').dueAt).toBe('2026-03-31T11:00:00.000Z');
    expect(find(clocks, 'internal_investigation').dueAt).toBe('2026-04-27T12:00:00.000Z'); // 30 days, same wall time 14:00
  });

  it('runs the Cybersäkerhetslagen clocks while significance is undecided, and stops them on a reasoned "no"', () => {
    const inc = incident({ discoveredAt: '2026-05-04T08:00:00.000Z', reportedAt: '2026-05-04T09:00:00.000Z', occurredAt: null });
    const undecided = clocksAfterTriage(inc, { significant: 'undecided', personalDataBreach: false, rationale: null }, at('2026-05-04T10:00:00Z'), ISAM, settings);
    expect(undecided.map((c) => c.kind).sort()).toEqual(['cs_early_warning', 'cs_notification', 'internal_investigation']);
    const no = clocksAfterTriage({ ...inc, clocks: undecided }, { significant: 'no', personalDataBreach: false, rationale: 'Ingen driftpåverkan.' }, at('2026-05-04T12:00:00Z'), ISAM, settings);
    expect(find(no, 'cs_early_warning')).toMatchObject({ outcome: 'not_required', rationale: 'Ingen driftpåverkan.', completedAt: '2026-05-04T12:00:00.000Z' });
    expect(find(no, 'internal_investigation').completedAt).toBeNull();
    // A re-triage never moves a running deadline.
    expect(find(no, 'internal_investigation').dueAt).toBe(find(undecided, 'internal_investigation').dueAt);
  });

  it('starts the final-report month when the notification is sent, and moves it after a situation report', () => {
    const inc = incident({ discoveredAt: '2026-10-01T08:00:00.000Z', reportedAt: '2026-10-01T09:00:00.000Z', occurredAt: null });
    const triaged = clocksAfterTriage(inc, { significant: 'yes', personalDataBreach: false, rationale: null }, at('2026-10-01T10:00:00Z'), ISAM, settings);
    const notified = clocksAfterReport({ clocks: triaged, closedAt: null }, 'cs_notification', at('2026-10-03T08:00:00Z'), ISAM, 'MCF-2026-123');
    expect(find(notified, 'cs_notification')).toMatchObject({ outcome: 'sent', completedAt: '2026-10-03T08:00:00.000Z' });
    expect(find(notified, 'cs_final_report').dueAt).toBe('2026-11-03T09:00:00.000Z'); // 10:00 CEST → 10:00 CET
    const situation = clocksAfterReport({ clocks: notified, closedAt: null }, 'cs_situation_report', at('2026-11-02T09:00:00Z'), ISAM, 'MCF-2026-123');
    expect(find(situation, 'cs_situation_report').outcome).toBe('sent');
    const closed = clocksAfterClose({ clocks: situation }, at('2026-11-20T14:00:00Z'));
    expect(find(closed, 'cs_final_report').dueAt).toBe('2026-12-20T14:00:00.000Z');
  });

  it('changes nothing for a report whose clock is not running', () => {
    const inc = incident({ discoveredAt: '2026-05-04T08:00:00.000Z', reportedAt: '2026-05-04T09:00:00.000Z', occurredAt: null });
    const notSignificant = clocksAfterTriage(inc, { significant: 'no', personalDataBreach: false, rationale: 'Ingen påverkan.' }, at('2026-05-04T10:00:00Z'), ISAM, settings);
    expect(clocksAfterReport({ clocks: notSignificant, closedAt: null }, 'cs_notification', at('2026-05-05T10:00:00Z'), ISAM, null)).toEqual(notSignificant);
    expect(clocksAfterReport({ clocks: notSignificant, closedAt: null }, 'cs_situation_report', at('2026-05-05T10:00:00Z'), ISAM, null)).toEqual(notSignificant);
  });

  it('reminds before the deadline and when it has passed, never for a stopped clock', () => {
    const c = { kind: 'cs_early_warning' as const, startedAt: '2026-05-04T08:00:00.000Z', dueAt: '2026-05-05T08:00:00.000Z', completedAt: null, completedBy: null, reference: null, outcome: null, rationale: null };
    expect(reminderStages(c, at('2026-05-05T01:00:00Z'))).toEqual([]);
    expect(reminderStages(c, at('2026-05-05T02:00:00Z'))).toEqual(['due_soon']);
    expect(reminderStages(c, at('2026-05-05T08:00:01Z'))).toEqual(['due_soon', 'overdue']);
    expect(reminderStages({ ...c, completedAt: '2026-05-05T07:00:00.000Z' }, at('2026-05-06T00:00:00Z'))).toEqual([]);
  });

  it('suggests significance from thresholds without deciding', () => {
    expect(significanceHints({ restrictedHours: 5, manualWorkaroundHours: 2, affectedPeople: 600, similarRecent: 1 }).map((h) => h.key)).toEqual(['restricted', 'protectedPeople', 'sameCause']);
    expect(significanceHints({ restrictedHours: 4, similarRecent: 0 })).toEqual([]);
  });

  it('numbers cases by year and item id', () => {
    expect(caseNumber('42', '2026-03-10T10:00:00.000Z')).toBe('INC-2026-0042');
  });
});
