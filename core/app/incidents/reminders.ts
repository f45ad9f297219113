/**
 * The scheduler's job: reminders of the legal clocks, and escalation of incidents nobody has
 * decided on. Each reminder's outbox key names the incident, the clock (or escalation slot), the
 * stage and the due time, so it is sent once however often and on however many instances this
 * runs. Closed incidents are reminded too while a legal report is still unsent.
 *
 * Which incidents are read: those with an open obligation due within the longest lead time, or
 * overdue — `nextDueAt` (an indexed column derived from the clocks on every write, see
 * core/domain/clocks.ts `nextDueAt`) — whatever their status.
 */
import { caseNumber, escalationSlot, isLegalKind, normalizeIncident, reminderStages, type LegalClock } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import { notify, type Deps, type Recipient } from '../platform';

export { UNTRIAGED_AFTER_MS } from '../../domain';

/** The longest lead time of any clock: an incident whose next deadline is further away needs nothing yet. */
const HORIZON_MS = 7 * 24 * 3_600_000;

/** Incidents that may need a reminder now: an open obligation due within the horizon, or overdue. */
export async function* reminderCandidates(deps: Deps, now: Date): AsyncIterable<StoredOf<'Incidents'>> {
  const horizon = new Date(now.getTime() + HORIZON_MS).toISOString();
  yield* deps.store.queryAll('Incidents', { where: [{ field: 'nextDueAt', op: 'le', value: horizon }], orderBy: { field: 'nextDueAt', direction: 'asc' } });
}

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

export async function sendIncidentReminders(deps: Deps, now: Date): Promise<number> {
  let queued = 0;
  for await (const stored of reminderCandidates(deps, now)) {
    const i = normalizeIncident(stored.data);
    const number = caseNumber(stored.id, i.reportedAt);
    const hidden = i.personalData.protectedIdentity;
    const base = { id: stored.id, caseNumber: number, title: hidden ? null : i.title, detailed: !hidden, closed: i.status === 'closed' };

    // Nothing decided yet: ISAM is told as the 24-hour mark nears, and again while nobody decides.
    const slot = escalationSlot(i, now, deps.settings.escalationHours);
    const early = i.clocks.find((c) => c.key === 'cs_early_warning');
    if (slot !== null) {
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
      if (due) {
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
  return queued;
}
