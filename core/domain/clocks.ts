/**
 * The legal clocks of an incident (DOMAIN.md "Legal clocks"), counted from when the organisation
 * became aware (`discoveredAt`):
 *
 * - Cybersäkerhetslagen (SFS 2025:1506) 2 kap. 5–8 §§, significant incident: early warning within
 *   24 h, incident notification within 72 h, final report one month after the notification — or, if
 *   the incident is still being handled then, a situation report, and the final report one month
 *   after it is handled. These run while significance is "yes" or still "undecided": a person
 *   decides, and a "no" needs a written rationale; the clocks then stop as not required.
 * - GDPR art. 33: notify IMY within 72 h of a personal-data breach (not required when a risk to
 *   individuals is unlikely — a decision with a rationale).
 * - The line manager's investigation: `investigationDays` calendar days from triage (a setting).
 */
import type { ClockKind, Incident, LegalClock } from './incident';
import { addHours, addStockholmDays, addStockholmMonths } from './time';

export interface ClockSettings {
  investigationDays: number;
}

const CS_KINDS: ClockKind[] = ['cs_early_warning', 'cs_notification', 'cs_final_report', 'cs_situation_report'];

export const isCyberSecurityClock = (kind: ClockKind) => CS_KINDS.includes(kind);
export const isOpen = (clock: LegalClock) => clock.completedAt === null;

function clock(kind: ClockKind, startedAt: Date, dueAt: Date): LegalClock {
  return { kind, startedAt: startedAt.toISOString(), dueAt: dueAt.toISOString(), completedAt: null, completedBy: null, reference: null, outcome: null, rationale: null };
}

function stop(c: LegalClock, at: Date, by: string, outcome: 'sent' | 'not_required', reference: string | null, rationale: string | null): LegalClock {
  return { ...c, completedAt: at.toISOString(), completedBy: by, outcome, reference, rationale };
}

/**
 * Clocks after a triage decision. Clocks already running keep their start and due time (a re-triage
 * does not move a legal deadline); new ones start; ones no longer required stop with the rationale.
 */
export function clocksAfterTriage(
  incident: Pick<Incident, 'discoveredAt' | 'clocks'>,
  decision: { significant: Incident['significant']; personalDataBreach: boolean; rationale: string | null; imyNotRequiredRationale?: string | null },
  at: Date,
  by: string,
  settings: ClockSettings,
): LegalClock[] {
  const aware = new Date(incident.discoveredAt);
  const clocks = [...incident.clocks];
  const has = (kind: ClockKind) => clocks.some((c) => c.kind === kind);
  const stopOpen = (kinds: ClockKind[], rationale: string) => {
    for (const [i, c] of clocks.entries()) if (kinds.includes(c.kind) && isOpen(c)) clocks[i] = stop(c, at, by, 'not_required', null, rationale);
  };

  if (decision.significant === 'no') {
    stopOpen(CS_KINDS, decision.rationale ?? '');
  } else {
    if (!has('cs_early_warning')) clocks.push(clock('cs_early_warning', aware, addHours(aware, 24)));
    if (!has('cs_notification')) clocks.push(clock('cs_notification', aware, addHours(aware, 72)));
  }

  if (decision.personalDataBreach) {
    if (!has('imy_notification')) clocks.push(clock('imy_notification', aware, addHours(aware, 72)));
    if (decision.imyNotRequiredRationale) stopOpen(['imy_notification'], decision.imyNotRequiredRationale);
  } else {
    stopOpen(['imy_notification'], decision.rationale ?? 'Ingen personuppgiftsincident enligt triage.');
  }

  if (!has('internal_investigation')) clocks.push(clock('internal_investigation', at, addStockholmDays(at, settings.investigationDays)));
  return clocks;
}

/**
 * A report was sent (or an investigation recorded): its clock stops. Sending the incident
 * notification starts the final-report month; sending a situation report moves the final report to
 * one month after the incident is handled (set when it is closed; until then a month from now).
 */
export function clocksAfterReport(
  incident: Pick<Incident, 'clocks' | 'closedAt'>,
  kind: ClockKind,
  at: Date,
  by: string,
  reference: string | null,
): LegalClock[] {
  // Only a running clock can be stopped; a situation report needs a running final-report clock.
  const running = kind === 'cs_situation_report' ? 'cs_final_report' : kind;
  if (!incident.clocks.some((c) => c.kind === running && isOpen(c))) return incident.clocks;
  let clocks = incident.clocks.map((c) => (c.kind === kind && isOpen(c) ? stop(c, at, by, 'sent', reference, null) : c));
  if (kind === 'cs_situation_report' && !clocks.some((c) => c.kind === 'cs_situation_report')) {
    clocks.push(stop(clock('cs_situation_report', at, at), at, by, 'sent', reference, null));
  }
  if (kind === 'cs_notification' && !clocks.some((c) => c.kind === 'cs_final_report')) {
    clocks.push(clock('cs_final_report', at, addStockholmMonths(at, 1)));
  }
  if (kind === 'cs_situation_report') {
    const handled = incident.closedAt ? new Date(incident.closedAt) : at;
    clocks = clocks.map((c) => (c.kind === 'cs_final_report' && isOpen(c) ? { ...c, dueAt: addStockholmMonths(handled, 1).toISOString() } : c));
  }
  return clocks;
}

/** On closing: after a situation report, the final report is due one month after the incident was handled. */
export function clocksAfterClose(incident: Pick<Incident, 'clocks'>, closedAt: Date): LegalClock[] {
  const situationSent = incident.clocks.some((c) => c.kind === 'cs_situation_report' && c.outcome === 'sent');
  return incident.clocks.map((c) => (situationSent && c.kind === 'cs_final_report' && isOpen(c) ? { ...c, dueAt: addStockholmMonths(closedAt, 1).toISOString() } : c));
}

export type ReminderStage = 'due_soon' | 'overdue';

/** How long before the deadline the "due soon" reminder goes out. */
export function leadTime(kind: ClockKind): number {
  switch (kind) {
    case 'cs_early_warning':
      return 6 * 3_600_000;
    case 'cs_notification':
    case 'imy_notification':
      return 24 * 3_600_000;
    default:
      return 7 * 24 * 3_600_000;
  }
}

/** Reminder stages a clock has reached at `now` (at most one of each, ever: the outbox key says so). */
export function reminderStages(c: LegalClock, now: Date): ReminderStage[] {
  if (!isOpen(c)) return [];
  const due = Date.parse(c.dueAt);
  const stages: ReminderStage[] = [];
  if (now.getTime() >= due - leadTime(c.kind)) stages.push('due_soon');
  if (now.getTime() > due) stages.push('overdue');
  return stages;
}

/** Threshold settings (MCFFS 2026:8 as reported — verify): they suggest, never decide. */
export interface SignificanceThresholds {
  restrictedHours: number;
  manualWorkaroundHours: number;
  protectedPeople: number;
  sameCauseCount: number;
  sameCauseMonths: number;
}

export const DEFAULT_THRESHOLDS: SignificanceThresholds = { restrictedHours: 4, manualWorkaroundHours: 12, protectedPeople: 500, sameCauseCount: 2, sameCauseMonths: 6 };

export type SignificanceHint =
  | { key: 'restricted'; hours: number; threshold: number }
  | { key: 'manual'; hours: number; threshold: number }
  | { key: 'protectedPeople'; people: number; threshold: number }
  | { key: 'sameCause'; count: number; months: number };

/** Which thresholds an incident's facts reach: shown to ISAM as hints on the triage card. */
export function significanceHints(
  facts: { restrictedHours?: number | null; manualWorkaroundHours?: number | null; affectedPeople?: number | null; similarRecent?: number },
  t: SignificanceThresholds = DEFAULT_THRESHOLDS,
): SignificanceHint[] {
  const hints: SignificanceHint[] = [];
  if ((facts.restrictedHours ?? 0) > t.restrictedHours) hints.push({ key: 'restricted', hours: facts.restrictedHours!, threshold: t.restrictedHours });
  if ((facts.manualWorkaroundHours ?? 0) > t.manualWorkaroundHours) hints.push({ key: 'manual', hours: facts.manualWorkaroundHours!, threshold: t.manualWorkaroundHours });
  if ((facts.affectedPeople ?? 0) >= t.protectedPeople) hints.push({ key: 'protectedPeople', people: facts.affectedPeople!, threshold: t.protectedPeople });
  if ((facts.similarRecent ?? 0) + 1 >= t.sameCauseCount) hints.push({ key: 'sameCause', count: (facts.similarRecent ?? 0) + 1, months: t.sameCauseMonths });
  return hints;
}

/** The case number people see: INC-2026-0042 (year reported, list item id). */
export function caseNumber(id: string, reportedAt: string): string {
  return `INC-${reportedAt.slice(0, 4)}-${id.padStart(4, '0')}`;
}
