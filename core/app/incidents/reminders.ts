/**
 * The scheduler's job: reminders of the legal clocks and of reports nobody has triaged yet.
 *
 * It reads a window, not every open incident: the reminder stages (clocks.ts, `reminderStages`) that
 * became due since the last run. A stage can become due in (since, now] only for a running clock whose
 * deadline lies in [since, now + the longest lead time]; such incidents are found on the derived keys
 * `lastDueAt ≥ since` (incidents with a deadline still ahead of the window: bounded by the clocks
 * running now) and `nextDueAt ≤ now + lead`. Untriaged reports: `reportedAt` in the window two hours
 * back (bounded by the reports of one window). The end of the window is kept in JobState.
 */
import { caseNumber, CLOCK_KINDS, leadTime, reminderStages, type Incident, type LegalClock } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import { notify, readJobState, readSmall, saveJobState, type Deps, type Recipient } from '../platform';

/** Untriaged reports are raised to ISAM after this long (the 24-hour clock may already be running). */
export const UNTRIAGED_AFTER_MS = 2 * 3_600_000;
/** A first run, or one after a long stop, looks back at most this far. */
export const REMINDER_LOOKBACK_MS = 35 * 86_400_000;
const JOB = 'incident-reminders';
const LONGEST_LEAD_MS = Math.max(...CLOCK_KINDS.map(leadTime));

/** Stages reached by `now` that were not reached at `since`. */
const newStages = (clock: LegalClock, since: Date, now: Date) => {
  const before = new Set(reminderStages(clock, since));
  return reminderStages(clock, now).filter((s) => !before.has(s));
};

/**
 * Reminders before each deadline and when it has passed, to the ISAM channel (and the manager for
 * the investigation, the DSO for IMY). Each reminder's outbox key names incident, clock, stage and
 * due time, so it is sent exactly once however often and on however many instances this runs.
 */
export async function sendIncidentReminders(deps: Deps, now: Date): Promise<number> {
  const state = await readJobState(deps, JOB);
  const kept = state?.data.value ? Date.parse(state.data.value) : NaN;
  const since = new Date(Math.max(Number.isFinite(kept) ? kept : 0, now.getTime() - REMINDER_LOOKBACK_MS));
  if (since.getTime() >= now.getTime()) return 0;
  const untriagedFrom = new Date(since.getTime() - UNTRIAGED_AFTER_MS).toISOString();
  const untriagedTo = new Date(now.getTime() - UNTRIAGED_AFTER_MS).toISOString();
  const [running, untriaged] = await Promise.all([
    readSmall(deps.store, 'Incidents', {
      where: [
        { field: 'lastDueAt', op: 'ge', value: since.toISOString() },
        { field: 'nextDueAt', op: 'le', value: new Date(now.getTime() + LONGEST_LEAD_MS).toISOString() },
      ],
    }, 4_995),
    readSmall(deps.store, 'Incidents', {
      where: [
        { field: 'reportedAt', op: 'gt', value: untriagedFrom },
        { field: 'reportedAt', op: 'le', value: untriagedTo },
        { field: 'status', op: 'eq', value: 'reported' },
      ],
    }, 4_995),
  ]);
  let queued = 0;
  for (const stored of untriaged) {
    const i = stored.data;
    await notify(deps, `reminder:${stored.id}:untriaged`, {
      to: { type: 'channel', role: 'isam' },
      card: 'incident.reminder',
      payload: { id: stored.id, caseNumber: caseNumber(stored.id, i.reportedAt), kind: 'untriaged', stage: 'overdue', dueAt: i.reportedAt, detailed: !i.personalData.protectedIdentity, title: i.personalData.protectedIdentity ? null : i.title },
      correlationKey: `incident:${stored.id}:reminder:untriaged`,
    });
    queued++;
  }
  for (const stored of running) {
    if (stored.data.status === 'closed') continue;
    queued += await remindClocks(deps, stored, since, now);
  }
  await saveJobState(deps, JOB, now.toISOString(), state);
  return queued;
}

async function remindClocks(deps: Deps, stored: StoredOf<'Incidents'>, since: Date, now: Date): Promise<number> {
  const i: Incident = stored.data;
  let queued = 0;
  for (const clock of i.clocks) {
    for (const stage of newStages(clock, since, now)) {
      const recipients: Recipient[] = [{ type: 'channel', role: 'isam' }];
      if (clock.kind === 'internal_investigation' && i.managerId) recipients.push({ type: 'person', id: i.managerId });
      if (clock.kind === 'imy_notification') recipients.push({ type: 'channel', role: 'dso' });
      for (const to of recipients) {
        const detailed = to.type === 'person' || !i.personalData.protectedIdentity;
        await notify(deps, `reminder:${stored.id}:${clock.kind}:${stage}:${clock.dueAt}`, {
          to,
          card: 'incident.reminder',
          payload: { id: stored.id, caseNumber: caseNumber(stored.id, i.reportedAt), kind: clock.kind, stage, dueAt: clock.dueAt, detailed, title: detailed ? i.title : null },
          correlationKey: `incident:${stored.id}:reminder:${clock.kind}`,
        });
        queued++;
      }
    }
  }
  return queued;
}
