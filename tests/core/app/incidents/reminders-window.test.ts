/**
 * The incident reminder job writes only what is new since its last completed run: a second run with
 * nothing new queues nothing (before, every overdue obligation cost one refused outbox create every
 * five minutes — 2 669 Graph requests a run on the large site), a changed incident is looked at whole,
 * and a new stage reached between runs is queued once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMINDER_JOB_STATE, sendIncidentReminders } from '../../../../core/app/incidents';
import { readJobState } from '../../../../core/app/platform';
import { EMPTY_FACTS, nextDueAt, type RecordOf } from '../../../../core/domain';
import { PEOPLE, startApi, type Api } from '../../../bot/api/helpers';

const HOUR = 3_600_000;
let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

function incident(now: number, title: string, clocks: RecordOf<'Incidents'>['clocks']): RecordOf<'Incidents'> {
  const at = (h: number) => new Date(now + h * HOUR).toISOString();
  return {
    title,
    category: 'unauthorised_access',
    description: 'Testincident för påminnelser.',
    occurredAt: null,
    discoveredAt: at(-100),
    awareAt: at(-100),
    reportedAt: at(-99),
    reporterId: PEOPLE.staff,
    reporterUnit: 'EKB',
    managerId: PEOPLE.cecilia,
    assetId: null,
    supplierId: null,
    personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false },
    status: 'triaged',
    severity: 'high',
    personalDataBreach: false,
    significant: 'yes',
    significanceRationale: null,
    triagedBy: PEOPLE.isam,
    triagedAt: at(-98),
    clocks,
    assessments: [{ at: at(-98), by: PEOPLE.isam, severity: 'high', personalDataBreach: false, significant: 'yes', rationale: null, imyNotRequiredRationale: null, reason: null }],
    facts: EMPTY_FACTS,
    investigation: null,
    closedBy: null,
    closedAt: null,
    nextDueAt: nextDueAt(clocks),
    lastOperation: null,
  };
}

const clock = (now: number, kind: 'cs_notification' | 'cs_final_report', dueInHours: number): RecordOf<'Incidents'>['clocks'][number] => ({
  kind,
  key: kind,
  basis: 'confirmed',
  recordedAt: null,
  stoppedBy: null,
  lateReason: null,
  evidenceId: null,
  requestReference: null,
  startedAt: new Date(now - 100 * HOUR).toISOString(),
  dueAt: new Date(now + dueInHours * HOUR).toISOString(),
  completedAt: null,
  completedBy: null,
  reference: null,
  outcome: null,
  rationale: null,
});

const outboxFor = async (id: string) => (await api.app.sharepoint.store.query('Outbox', { where: [{ field: 'correlationKey', op: 'eq', value: `incident:${id}:reminder:cs_notification` }], pageSize: 50 })).items;

describe('the incident reminder job', () => {
  it('queues what is new since its last completed run, and nothing twice', async () => {
    const deps = api.app.runtime.deps;
    const store = api.app.sharepoint.store;
    // The runs' clock is an hour ahead of the writes: as if the incidents were written an hour before
    // the first run (a write within the runs' overlap is looked at again, harmlessly).
    const t0 = Date.now() + HOUR;
    // Overdue by a day, and one falling due in two hours (its due-soon stage is reached already).
    const late = await store.create('Incidents', 'test:reminders:late', incident(t0, 'Försenad anmälan', [clock(t0, 'cs_notification', -24)]));
    const soon = await store.create('Incidents', 'test:reminders:soon', incident(t0, 'Snart dags', [clock(t0, 'cs_notification', 2)]));

    const first = await sendIncidentReminders(deps, new Date(t0));
    expect(first).toBeGreaterThan(0);
    expect((await outboxFor(late.id)).length).toBe(1);
    expect((await outboxFor(soon.id)).length).toBe(1);
    expect((await readJobState(deps, REMINDER_JOB_STATE))?.data.value).toBe(new Date(t0).toISOString());

    // Five minutes later nothing is new: nothing is queued, not even a refused repeat.
    expect(await sendIncidentReminders(deps, new Date(t0 + 5 * 60_000))).toBe(0);

    // Three hours later the second one is overdue: that stage, once.
    expect(await sendIncidentReminders(deps, new Date(t0 + 3 * HOUR))).toBeGreaterThan(0);
    expect((await outboxFor(soon.id)).length).toBe(2);
    expect(await sendIncidentReminders(deps, new Date(t0 + 3 * HOUR + 5 * 60_000))).toBe(0);
    expect((await outboxFor(late.id)).length).toBe(1);
  });

  it('looks again at an incident that changed since the last run (a corrected deadline)', async () => {
    const deps = api.app.runtime.deps;
    const store = api.app.sharepoint.store;
    // Real time now: the last run's state (from the test above) is in the future, so this run looks at everything.
    const t0 = Date.now();
    const stored = await store.create('Incidents', 'test:reminders:moved', incident(t0, 'Ändrad frist', [clock(t0, 'cs_notification', 30)]));
    await sendIncidentReminders(deps, new Date(t0));
    expect((await outboxFor(stored.id)).length).toBe(0);
    // The deadline is corrected to have passed already (awareness was earlier than first recorded).
    const moved = [clock(t0, 'cs_notification', -1)];
    await store.update('Incidents', stored, { clocks: moved, nextDueAt: nextDueAt(moved) });
    expect(await sendIncidentReminders(deps, new Date(t0 + 5 * 60_000))).toBeGreaterThan(0);
    expect((await outboxFor(stored.id)).length).toBe(1);
  });
});
