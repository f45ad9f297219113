/**
 * The scheduler's job: reminders of the legal clocks, and escalation of incidents nobody has
 * decided on. Each reminder's outbox key names the incident, the clock (or escalation slot), the
 * stage and the due time, so it is sent once however often and on however many instances this
 * runs. Closed incidents are reminded too while a legal report is still unsent.
 *
 * Which incidents are read: those with an open obligation due within the longest lead time, or
 * overdue — `nextDueAt` (an indexed column derived from the clocks on every write, see
 * core/domain/clocks.ts `nextDueAt`) — whatever their status.
 *
 * What is written: only what is new since the last completed run (kept in `JobState`). An incident
 * unchanged since then whose latest stage (or escalation slot) was already reached at that run was
 * handled by it — its reminder is in the outbox — and costs nothing; without this, every overdue
 * obligation of a large district (thousands, years of stragglers) cost one refused create every
 * five minutes. A changed incident (a new deadline, a corrected awareness) is looked at whole, and
 * the outbox key still makes each reminder once.
 */
import { caseNumber, escalationSlot, isLegalKind, normalizeIncident, reminderStages, type LegalClock } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import { notify, readJobState, readSmall, saveJobState, type Deps, type Recipient } from '../platform';

export { UNTRIAGED_AFTER_MS } from '../../domain';

/** The longest lead time of any clock: an incident whose next deadline is further away needs nothing yet. */
const HORIZON_MS = 7 * 24 * 3_600_000;

/**
 * Incidents that may need a reminder now: an open obligation due within the horizon, or overdue —
 * the window `nextDueAt ≤ now + horizon`, soonest first. Its bound is the open work: obligations
 * that fall due within a week, and those overdue and still unsent (docs/queries.md). Read in pages,
 * at most `REMINDER_BATCH` per run; a longer list is taken in turns, soonest first.
 */
export async function* reminderCandidates(deps: Deps, now: Date): AsyncIterable<StoredOf<'Incidents'>> {
  const horizon = new Date(now.getTime() + HORIZON_MS).toISOString();
  yield* await readSmall(deps.store, 'Incidents', { where: [{ field: 'nextDueAt', op: 'le', value: horizon }], orderBy: { field: 'nextDueAt', direction: 'asc' } }, REMINDER_BATCH);
}

/** Incidents looked at per run (the window's bound: open obligations of a district are far fewer). */
export const REMINDER_BATCH = 4_995;

export interface ReminderPayloadData {
  id: string;
  caseNumber: string;
  kind: string;
  stage: 'due_soon' | 'overdue' | 'still_overdue' | 'escalation';
  dueAt: string;
  detailed: boolean;
  title: string | null;
  provisional: boolean;
  closed: boolean;
  /** Hours since the organisation became aware (escalations). */
  hours?: number;
  /** Escalations: triaged, with significance still undecided (rather than not assessed at all). */
  assessed?: boolean;
  /** The due time had passed when the reminder was written (the card is rendered later). */
  passed?: boolean;
}

function recipientsOf(c: LegalClock, managerId: string | null): Recipient[] {
  const to: Recipient[] = [{ type: 'channel', role: 'isam' }];
  if (c.kind === 'internal_investigation' && managerId) to.push({ type: 'person', id: managerId });
  if (c.kind === 'imy_notification' || c.kind === 'data_subjects' || c.kind === 'breach_documentation') to.push({ type: 'channel', role: 'dso' });
  return to;
}

/** The job's state: the `now` of its last completed run. */
export const REMINDER_JOB_STATE = 'incident-reminders';
/** Runs overlap by this much (clock skew, two instances): a repeat inside it is refused by the outbox key. */
export const REMINDER_OVERLAP_MS = 15 * 60_000;

export async function sendIncidentReminders(deps: Deps, now: Date): Promise<number> {
  let queued = 0;
  const state = await readJobState(deps, REMINDER_JOB_STATE);
  const last = state ? Date.parse(state.data.value) : Number.NaN;
  // Stages reached by this instant were handled by the last completed run (null: look at everything).
  const since = Number.isFinite(last) && last <= now.getTime() ? new Date(last - REMINDER_OVERLAP_MS) : null;
  for await (const stored of reminderCandidates(deps, now)) {
    const i = normalizeIncident(stored.data);
    const unchanged = since !== null && Date.parse(stored.modifiedAt) < since.getTime();
    const number = caseNumber(stored.id, i.reportedAt);
    const hidden = i.personalData.protectedIdentity;
    const base = { id: stored.id, caseNumber: number, title: hidden ? null : i.title, detailed: !hidden, closed: i.status === 'closed' };

    // Nothing decided yet: ISAM is told as the 24-hour mark nears, and again while nobody decides.
    const slot = escalationSlot(i, now, deps.settings.escalationHours);
    const early = i.clocks.find((c) => c.key === 'cs_early_warning');
    if (slot !== null && !(unchanged && escalationSlot(i, since, deps.settings.escalationHours) === slot)) {
      const payload: ReminderPayloadData = {
        ...base,
        kind: slot === 0 ? 'untriaged' : 'escalation',
        stage: 'escalation',
        dueAt: early?.dueAt ?? i.awareAt,
        provisional: true,
        assessed: i.assessments.length > 0,
        passed: Date.parse(early?.dueAt ?? i.awareAt) < now.getTime(),
        hours: Math.floor((now.getTime() - Date.parse(i.awareAt)) / 3_600_000),
      };
      await notify(deps, `reminder:${stored.id}:escalation:${slot}:${i.awareAt}`, {
        to: { type: 'channel', role: 'isam' },
        card: 'incident.reminder',
        payload: { ...payload },
        // A new message each time (not an update in place): it has to be noticed.
        correlationKey: `incident:${stored.id}:escalation:${slot}`,
      });
      queued++;
    }

    for (const clock of i.clocks) {
      // While undecided, the escalation speaks for the provisional clocks.
      if (slot !== null && clock.basis === 'provisional' && clock.kind !== 'cs_final_report') continue;
      if (i.status === 'closed' && !isLegalKind(clock.kind)) continue;
      // The latest stage reached: each is sent once (its key); one missed while nothing ran is superseded.
      const due = reminderStages(clock, now).at(-1);
      const before = unchanged ? reminderStages(clock, since).at(-1) : undefined;
      if (due && !(before && before.stage === due.stage && before.round === due.round)) {
        for (const to of recipientsOf(clock, i.managerId)) {
          const detailed = to.type === 'person' || !hidden;
          const payload: ReminderPayloadData = { ...base, detailed, title: detailed ? i.title : null, kind: clock.kind, stage: due.stage, dueAt: clock.dueAt, provisional: clock.basis === 'provisional' };
          await notify(deps, `reminder:${stored.id}:${clock.key}:${due.stage}:${due.round}:${clock.dueAt}`, {
            to,
            card: 'incident.reminder',
            payload: { ...payload },
            correlationKey: `incident:${stored.id}:reminder:${clock.key}${due.stage === 'still_overdue' ? `:${due.round}` : ''}`,
          });
          queued++;
        }
      }
    }
  }
  // Everything up to `now` is in the outbox: the next run starts from here. A run that failed part
  // way does not get here, and the next one looks again from the last completed run.
  await saveJobState(deps, REMINDER_JOB_STATE, now.toISOString(), state);
  return queued;
}
