/**
 * The legal clocks of an incident (DOMAIN.md "Legal clocks"), in calendar time from when the
 * organisation became aware (`awareAt`):
 *
 * - Cybersäkerhetslagen (SFS 2025:1506) 2 kap. 5–8 §§, significant incident: early warning within
 *   24 h, incident notification within 72 h, an intermediate report when MCF asks (by the date it
 *   gives), the final report one month after the notification — or, if the incident is still being
 *   handled then, a situation report, and the final report one month after it is handled.
 * - GDPR art. 33(1): notify IMY within 72 h (with reasons when later), unless a risk to people is
 *   unlikely; art. 34: decide whether to inform the people concerned (without undue delay when the
 *   risk is high) — inform them, or record why not; art. 33(5): document every breach.
 * - The line manager's investigation: `investigationDays` calendar days from the first triage.
 *
 * The clocks are *derived*: `reconcileClocks` recomputes them from the facts — the awareness time,
 * the assessments, what was sent and decided — whenever one of them changes. So a reassessment back
 * and forth restores a clock with its original due time, a corrected awareness time moves every
 * deadline counted from it, and what was sent or formally decided is never lost. Before anyone has
 * assessed the incident the clocks run *provisionally* from the discovery time.
 */
import type { Assessment, ClockKind, Incident, IncidentCause, LegalClock, LegalKind } from './incident';
import { EMPTY_FACTS, isLegalKind } from './incident';
import { addHours, addStockholmDays, addStockholmMonths } from './time';

export interface ClockSettings {
  investigationDays: number;
}

export const CS_KINDS: readonly ClockKind[] = ['cs_early_warning', 'cs_notification', 'cs_intermediate_report', 'cs_final_report', 'cs_situation_report'];
export const GDPR_KINDS: readonly ClockKind[] = ['imy_notification', 'data_subjects', 'breach_documentation'];

export const isCyberSecurityClock = (kind: ClockKind) => CS_KINDS.includes(kind);
export const isGdprClock = (kind: ClockKind) => GDPR_KINDS.includes(kind);
export const isOpen = (clock: Pick<LegalClock, 'completedAt'>) => clock.completedAt === null;

/** Hours from awareness to each hour-based deadline. */
export const DEADLINE_HOURS: Partial<Record<ClockKind, number>> = { cs_early_warning: 24, cs_notification: 72, imy_notification: 72, data_subjects: 72 };

type IncidentFacts = Pick<
  Incident,
  'discoveredAt' | 'awareAt' | 'reportedAt' | 'clocks' | 'assessments' | 'personalData' | 'status' | 'closedAt' | 'investigation'
>;

/**
 * A stored incident as the current rules read it. Records written before an awareness time,
 * assessments and report facts existed get them here: the discovery time, the assessment the
 * mirrored triage fields describe, no facts yet.
 */
export function normalizeIncident<T extends Partial<Incident> & Pick<Incident, 'discoveredAt' | 'clocks'>>(raw: T): T & Pick<Incident, 'awareAt' | 'assessments' | 'facts' | 'nextDueAt' | 'lastOperation'> {
  const i = raw as T & Partial<Incident>;
  const assessments =
    i.assessments && i.assessments.length
      ? i.assessments
      : i.triagedAt && i.triagedBy && i.severity && i.personalDataBreach !== null && i.personalDataBreach !== undefined
        ? [
            {
              at: i.triagedAt,
              by: i.triagedBy,
              severity: i.severity,
              personalDataBreach: i.personalDataBreach,
              significant: i.significant ?? 'undecided',
              rationale: i.significanceRationale ?? null,
              imyNotRequiredRationale: null,
              reason: null,
            },
          ]
        : [];
  const clocks = (i.clocks ?? []).map((c) => ({
    ...c,
    key: c.key || c.kind,
    basis: c.basis ?? 'confirmed',
    recordedAt: c.recordedAt ?? null,
    stoppedBy: c.stoppedBy ?? (c.outcome === 'not_required' ? 'assessment' : null),
    lateReason: c.lateReason ?? null,
    evidenceId: c.evidenceId ?? null,
    requestReference: c.requestReference ?? null,
  })) as LegalClock[];
  return {
    ...i,
    awareAt: i.awareAt ?? i.discoveredAt,
    assessments,
    facts: { ...EMPTY_FACTS, ...(i.facts ?? {}) },
    clocks,
    nextDueAt: i.nextDueAt ?? null,
    lastOperation: i.lastOperation ?? null,
  } as T & Pick<Incident, 'awareAt' | 'assessments' | 'facts' | 'nextDueAt' | 'lastOperation'>;
}

export function currentAssessment(i: Pick<Incident, 'assessments'>): Assessment | null {
  return i.assessments.at(-1) ?? null;
}

/** Nothing is decided yet: no assessment, or significance left undecided. */
export function isUndecided(i: Pick<Incident, 'assessments'>): boolean {
  const a = currentAssessment(i);
  return a === null || a.significant === 'undecided';
}

type Applicability = { state: 'applies'; basis: LegalClock['basis'] } | { state: 'stopped'; at: string; by: string; rationale: string | null } | { state: 'absent' };

/** Whether an obligation applies under the current assessment (or, before one, as a precaution). */
export function applicability(kind: ClockKind, i: Pick<Incident, 'assessments' | 'personalData'>): Applicability {
  const a = currentAssessment(i);
  if (isCyberSecurityClock(kind)) {
    if (!a || a.significant === 'undecided') return { state: 'applies', basis: 'provisional' };
    if (a.significant === 'yes') return { state: 'applies', basis: 'confirmed' };
    return { state: 'stopped', at: a.at, by: a.by, rationale: a.rationale };
  }
  if (kind === 'imy_notification') {
    if (!a) return i.personalData.involved === 'no' ? { state: 'absent' } : { state: 'applies', basis: 'provisional' };
    if (!a.personalDataBreach) return { state: 'stopped', at: a.at, by: a.by, rationale: a.reason ?? null };
    if (a.imyNotRequiredRationale) return { state: 'stopped', at: a.at, by: a.by, rationale: a.imyNotRequiredRationale };
    return { state: 'applies', basis: 'confirmed' };
  }
  if (kind === 'data_subjects' || kind === 'breach_documentation') {
    if (!a) return { state: 'absent' };
    if (!a.personalDataBreach) return { state: 'stopped', at: a.at, by: a.by, rationale: a.reason ?? null };
    return { state: 'applies', basis: 'confirmed' };
  }
  return a ? { state: 'applies', basis: 'confirmed' } : { state: 'absent' };
}

function newClock(kind: ClockKind, key: string, startedAt: string, dueAt: string, basis: LegalClock['basis']): LegalClock {
  return {
    kind,
    key,
    startedAt,
    dueAt,
    basis,
    completedAt: null,
    completedBy: null,
    recordedAt: null,
    reference: null,
    outcome: null,
    stoppedBy: null,
    rationale: null,
    lateReason: null,
    evidenceId: null,
    requestReference: null,
  };
}

const reopen = (c: LegalClock): LegalClock => ({ ...c, completedAt: null, completedBy: null, recordedAt: null, outcome: null, stoppedBy: null, rationale: null });

/** Applies an applicability to one clock: restores one the assessment had stopped, stops one it no longer needs. */
function settle(c: LegalClock, ap: Applicability): LegalClock {
  if (ap.state === 'applies') {
    const restored = c.outcome === 'not_required' && c.stoppedBy === 'assessment' ? reopen(c) : c;
    return { ...restored, basis: ap.basis };
  }
  if (ap.state === 'stopped' && isOpen(c)) {
    return { ...c, completedAt: ap.at, completedBy: ap.by, recordedAt: ap.at, outcome: 'not_required', stoppedBy: 'assessment', rationale: ap.rationale };
  }
  return c;
}

const iso = (d: Date) => d.toISOString();
const keyNumber = (key: string) => Number(key.split(':')[1] ?? '1');

/**
 * The clocks the facts call for, keeping what was recorded on each (sent, decided, referenced). Pure
 * and idempotent: reconciling reconciled clocks changes nothing.
 */
export function reconcileClocks(i: IncidentFacts, settings: ClockSettings): LegalClock[] {
  const aware = new Date(i.awareAt);
  const first = i.assessments[0] ?? null;
  let clocks = i.clocks.map((c) => ({ ...c }));
  const find = (key: string) => clocks.find((c) => c.key === key);
  const put = (c: LegalClock) => {
    const at = clocks.findIndex((x) => x.key === c.key);
    if (at >= 0) clocks[at] = c;
    else clocks.push(c);
  };

  // Deadlines counted in hours from awareness.
  for (const kind of ['cs_early_warning', 'cs_notification', 'imy_notification', 'data_subjects'] as const) {
    const ap = applicability(kind, i);
    const existing = find(kind);
    const dueAt = iso(addHours(aware, DEADLINE_HOURS[kind]!));
    if (existing) put(settle({ ...existing, startedAt: i.awareAt, dueAt }, ap));
    else if (ap.state === 'applies') put(newClock(kind, kind, i.awareAt, dueAt, ap.basis));
  }

  // Art. 33(5) documentation and the investigation: from the first assessment, the setting's days.
  if (first) {
    const investigationDue = find('internal_investigation')?.dueAt ?? iso(addStockholmDays(new Date(first.at), settings.investigationDays));
    const inv = find('internal_investigation') ?? newClock('internal_investigation', 'internal_investigation', first.at, investigationDue, 'confirmed');
    put(
      i.investigation && isOpen(inv)
        ? { ...inv, completedAt: i.investigation.recordedAt, completedBy: i.investigation.recordedBy, recordedAt: i.investigation.recordedAt, outcome: 'sent' }
        : inv,
    );
    const ap = applicability('breach_documentation', i);
    const doc = find('breach_documentation');
    if (doc) put(settle(doc, ap));
    else if (ap.state === 'applies') put(newClock('breach_documentation', 'breach_documentation', first.at, inv.dueAt, 'confirmed'));
  }

  // The final report: a month after the notification was sent; after a situation report, a month
  // after the incident is handled (until then provisionally a month after the situation report).
  const notification = find('cs_notification');
  const csAp = applicability('cs_final_report', i);
  if (notification?.outcome === 'sent' && notification.completedAt) {
    const situations = clocks.filter((c) => c.kind === 'cs_situation_report').sort((a, b) => keyNumber(a.key) - keyNumber(b.key));
    let previous = notification.completedAt;
    for (const s of situations) {
      put({ ...s, startedAt: notification.completedAt, dueAt: iso(addStockholmMonths(new Date(previous), 1)) });
      previous = s.completedAt ?? previous;
    }
    const lastSituation = situations.filter((s) => s.outcome === 'sent').at(-1);
    const handled = i.status === 'closed' && i.closedAt ? i.closedAt : null;
    const dueAt = !lastSituation ? iso(addStockholmMonths(new Date(notification.completedAt), 1)) : iso(addStockholmMonths(new Date(handled ?? lastSituation.completedAt!), 1));
    const waiting = Boolean(lastSituation) && !handled;
    const final = find('cs_final_report');
    const ap: Applicability = csAp.state === 'applies' ? { state: 'applies', basis: waiting ? 'provisional' : csAp.basis } : csAp;
    if (final) put(settle({ ...final, startedAt: notification.completedAt, dueAt }, ap));
    else if (ap.state === 'applies') put(newClock('cs_final_report', 'cs_final_report', notification.completedAt, dueAt, ap.basis));
  }

  // Intermediate reports run from the authority's request to the date it gave, whatever the assessment.
  clocks = clocks.map((c) => (c.kind === 'cs_intermediate_report' ? { ...c, basis: 'confirmed' as const } : c));
  return clocks;
}

/** The earliest due time of an open obligation (legal or the investigation), or null when nothing is open. */
export function nextDueAt(clocks: readonly LegalClock[]): string | null {
  const open = clocks.filter(isOpen).map((c) => c.dueAt).sort();
  return open[0] ?? null;
}

/** Legal obligations still open: shown by the register, the incident page and the reminders, closed or not. */
export function openLegalObligations(clocks: readonly LegalClock[]): LegalClock[] {
  return clocks.filter((c) => isOpen(c) && isLegalKind(c.kind));
}

export function hasOpenObligation(i: Pick<Incident, 'clocks'>): boolean {
  return openLegalObligations(i.clocks).length > 0;
}

/** A report the law requires reasons for when it is late (GDPR art. 33(1)). */
export const REASONS_REQUIRED_WHEN_LATE: readonly ClockKind[] = ['imy_notification'];

export function isLate(c: Pick<LegalClock, 'dueAt'>, at: string): boolean {
  return Date.parse(at) > Date.parse(c.dueAt);
}

/** A sent report that was late and has no reasons recorded although the law asks for them. */
export function missingLateReason(c: LegalClock): boolean {
  return c.outcome === 'sent' && c.completedAt !== null && REASONS_REQUIRED_WHEN_LATE.includes(c.kind) && isLate(c, c.completedAt) && !c.lateReason;
}

export type ClockRefusal = 'no_running_clock' | 'late_reason_required' | 'sent_before_start' | 'not_sent' | 'not_decidable' | 'duplicate';
export type ClockResult = { ok: true; clocks: LegalClock[] } | { ok: false; refusal: ClockRefusal };

/**
 * The keys of the reports that may be recorded as sent now: every open legal clock, and a
 * situation report while the final report runs and the incident is still being handled.
 */
export function recordableKeys(i: Pick<Incident, 'clocks' | 'status'>): string[] {
  const keys = openLegalObligations(i.clocks).map((c) => c.key);
  if (i.status !== 'closed' && i.clocks.some((c) => c.kind === 'cs_final_report' && isOpen(c))) keys.push(nextKey(i.clocks, 'cs_situation_report'));
  return keys;
}

/** The key of the next clock of a kind that can occur several times (`cs_situation_report:2`). */
export function nextKey(clocks: readonly LegalClock[], kind: 'cs_situation_report' | 'cs_intermediate_report'): string {
  const n = clocks.filter((c) => c.kind === kind).length + 1;
  return `${kind}:${n}`;
}

export interface SentFacts {
  sentAt: string;
  recordedAt: string;
  by: string;
  reference: string | null;
  lateReason: string | null;
  evidenceId: string | null;
}

/**
 * A report was sent (or the people concerned informed, or the breach documented): its clock stops at
 * the time it was actually sent. A late IMY notification needs its reasons. A situation report stops
 * the final-report date and is recorded as a clock of its own.
 */
export function recordSent(i: Pick<Incident, 'clocks' | 'status' | 'awareAt'>, key: string, f: SentFacts): ClockResult {
  if (!recordableKeys(i).includes(key)) return { ok: false, refusal: 'no_running_clock' };
  if (key.startsWith('cs_situation_report')) {
    const final = i.clocks.find((c) => c.kind === 'cs_final_report')!;
    if (Date.parse(f.sentAt) < Date.parse(final.startedAt)) return { ok: false, refusal: 'sent_before_start' };
    const situation = newClock('cs_situation_report', key, final.startedAt, final.dueAt, 'confirmed');
    return { ok: true, clocks: [...i.clocks, sent(situation, f)] };
  }
  const clock = i.clocks.find((c) => c.key === key)!;
  if (Date.parse(f.sentAt) < Date.parse(clock.startedAt) && clock.kind === 'cs_intermediate_report') return { ok: false, refusal: 'sent_before_start' };
  if (REASONS_REQUIRED_WHEN_LATE.includes(clock.kind) && isLate(clock, f.sentAt) && !f.lateReason) return { ok: false, refusal: 'late_reason_required' };
  return { ok: true, clocks: i.clocks.map((c) => (c.key === key ? sent(c, f) : c)) };
}

function sent(c: LegalClock, f: SentFacts): LegalClock {
  return {
    ...c,
    completedAt: f.sentAt,
    completedBy: f.by,
    recordedAt: f.recordedAt,
    reference: f.reference,
    outcome: 'sent',
    stoppedBy: null,
    rationale: null,
    lateReason: isLate(c, f.sentAt) ? f.lateReason : null,
    evidenceId: f.evidenceId,
  };
}

/** Corrects the send time, reference or reasons of a sent report; a late IMY notification still needs its reasons. */
export function correctSent(clocks: readonly LegalClock[], key: string, f: { sentAt: string; reference: string | null; lateReason: string | null }): ClockResult {
  const clock = clocks.find((c) => c.key === key);
  if (!clock || clock.outcome !== 'sent' || !isLegalKind(clock.kind)) return { ok: false, refusal: 'not_sent' };
  if (REASONS_REQUIRED_WHEN_LATE.includes(clock.kind) && isLate(clock, f.sentAt) && !f.lateReason) return { ok: false, refusal: 'late_reason_required' };
  return {
    ok: true,
    clocks: clocks.map((c) => (c.key === key ? { ...c, completedAt: f.sentAt, reference: f.reference, lateReason: isLate(c, f.sentAt) ? f.lateReason : null } : c)),
  };
}

/**
 * A formal decision that an open obligation is not needed (e.g. MCF said no final report is
 * required, an intermediate report request was withdrawn, the people concerned are not informed
 * because the risk is not high): the clock stops with the rationale, and no reassessment reopens it.
 */
export function decideNotRequired(clocks: readonly LegalClock[], key: string, rationale: string, at: string, by: string): ClockResult {
  const clock = clocks.find((c) => c.key === key);
  if (!clock || !isOpen(clock) || !isLegalKind(clock.kind)) return { ok: false, refusal: 'not_decidable' };
  return { ok: true, clocks: clocks.map((c) => (c.key === key ? { ...c, completedAt: at, completedBy: by, recordedAt: at, outcome: 'not_required', stoppedBy: 'decision', rationale } : c)) };
}

/** MCF asks for an intermediate report by a date: a clock from the request to that date. */
export function requestIntermediate(clocks: readonly LegalClock[], r: { requestedAt: string; dueAt: string; reference: string | null }): ClockResult {
  if (clocks.some((c) => c.kind === 'cs_intermediate_report' && c.startedAt === r.requestedAt && c.dueAt === r.dueAt)) return { ok: false, refusal: 'duplicate' };
  const key = nextKey(clocks, 'cs_intermediate_report');
  return { ok: true, clocks: [...clocks, { ...newClock('cs_intermediate_report', key, r.requestedAt, r.dueAt, 'confirmed'), requestReference: r.reference }] };
}

// ── reminders and escalation ──────────────────────────────────────────────

export type ReminderStage = 'due_soon' | 'overdue' | 'still_overdue';

/** How long before the deadline the "due soon" reminder goes out. */
export function leadTime(kind: ClockKind): number {
  switch (kind) {
    case 'cs_early_warning':
      return 6 * 3_600_000;
    case 'cs_notification':
    case 'imy_notification':
    case 'data_subjects':
      return 24 * 3_600_000;
    case 'cs_intermediate_report':
      return 2 * 24 * 3_600_000;
    default:
      return 7 * 24 * 3_600_000;
  }
}

/** An overdue legal report is raised again every week until it is sent or decided not needed. */
export const OVERDUE_REPEAT_MS = 7 * 24 * 3_600_000;

export interface ReminderDue {
  stage: ReminderStage;
  /** 0 for due_soon and overdue; n ≥ 1 for the n-th weekly repeat. */
  round: number;
}

/** Reminders a clock has reached at `now`; each is sent once, ever (the outbox key names stage and round). */
export function reminderStages(c: LegalClock, now: Date): ReminderDue[] {
  if (!isOpen(c)) return [];
  const due = Date.parse(c.dueAt);
  const out: ReminderDue[] = [];
  if (now.getTime() >= due - leadTime(c.kind)) out.push({ stage: 'due_soon', round: 0 });
  if (now.getTime() > due) out.push({ stage: 'overdue', round: 0 });
  if (isLegalKind(c.kind) && now.getTime() > due + OVERDUE_REPEAT_MS) out.push({ stage: 'still_overdue', round: Math.floor((now.getTime() - due) / OVERDUE_REPEAT_MS) });
  return out;
}

/** An untriaged report is raised to ISAM after this long (the provisional 24-hour clock already runs). */
export const UNTRIAGED_AFTER_MS = 2 * 3_600_000;
/** Escalation starts this many hours after awareness: the 24 h mark nears. */
export const ESCALATION_FROM_HOURS = 16;

/**
 * While nothing is decided and a provisional clock runs, ISAM is reminded: once two hours after the
 * report (slot 0), then from 16 hours after awareness every `everyHours` up to the 72-hour mark, and
 * daily after it. Returns the slot `now` is in (each slot is sent once), or null.
 */
export function escalationSlot(i: Pick<Incident, 'assessments' | 'clocks' | 'status' | 'awareAt' | 'reportedAt'>, now: Date, everyHours: number): number | null {
  if (i.status === 'closed' || !isUndecided(i)) return null;
  if (!i.clocks.some((c) => isOpen(c) && c.basis === 'provisional' && c.kind !== 'cs_final_report')) return null;
  const hours = (now.getTime() - Date.parse(i.awareAt)) / 3_600_000;
  if (hours >= ESCALATION_FROM_HOURS) {
    const beforeDaily = Math.ceil((72 - ESCALATION_FROM_HOURS) / everyHours);
    if (hours < 72) return 1 + Math.floor((hours - ESCALATION_FROM_HOURS) / everyHours);
    return 1 + beforeDaily + Math.floor((hours - 72) / 24);
  }
  return currentAssessment(i) === null && now.getTime() - Date.parse(i.reportedAt) >= UNTRIAGED_AFTER_MS ? 0 : null;
}

// ── significance hints ────────────────────────────────────────────────────

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
  | { key: 'sameCause'; count: number; months: number; cases: string[] }
  | { key: 'causeUnknown'; months: number };

/** Causes too vague to say two incidents share them. */
const UNCOMPARABLE: readonly IncidentCause[] = ['other'];

/**
 * Two incidents have the same root cause when the cause is the same (and known) and they affect the
 * same information asset or the same supplier — not merely the same category.
 */
export function sameRootCause(
  a: Pick<Incident, 'assetId' | 'supplierId'> & { facts: Pick<Incident['facts'], 'cause'> },
  b: Pick<Incident, 'assetId' | 'supplierId'> & { facts: Pick<Incident['facts'], 'cause'> },
): 'asset' | 'supplier' | null {
  const cause = a.facts.cause;
  if (!cause || UNCOMPARABLE.includes(cause) || cause !== b.facts.cause) return null;
  if (a.assetId && a.assetId === b.assetId) return 'asset';
  if (a.supplierId && a.supplierId === b.supplierId) return 'supplier';
  return null;
}

/** Which thresholds an incident's facts reach: shown to ISAM as hints when assessing. */
export function significanceHints(
  facts: {
    restrictedHours?: number | null;
    manualWorkaroundHours?: number | null;
    affectedPeople?: number | null;
    /** Case numbers of other incidents with the same root cause in the window; null when the cause is not known. */
    sameCause?: string[] | null;
  },
  t: SignificanceThresholds = DEFAULT_THRESHOLDS,
): SignificanceHint[] {
  const hints: SignificanceHint[] = [];
  if ((facts.restrictedHours ?? 0) > t.restrictedHours) hints.push({ key: 'restricted', hours: facts.restrictedHours!, threshold: t.restrictedHours });
  if ((facts.manualWorkaroundHours ?? 0) > t.manualWorkaroundHours) hints.push({ key: 'manual', hours: facts.manualWorkaroundHours!, threshold: t.manualWorkaroundHours });
  if ((facts.affectedPeople ?? 0) >= t.protectedPeople) hints.push({ key: 'protectedPeople', people: facts.affectedPeople!, threshold: t.protectedPeople });
  if (facts.sameCause === null) hints.push({ key: 'causeUnknown', months: t.sameCauseMonths });
  else if (facts.sameCause && facts.sameCause.length + 1 >= t.sameCauseCount) {
    hints.push({ key: 'sameCause', count: facts.sameCause.length + 1, months: t.sameCauseMonths, cases: facts.sameCause });
  }
  return hints;
}

/** The case number people see: INC-2026-0042 (year reported, list item id). */
export function caseNumber(id: string, reportedAt: string): string {
  return `INC-${reportedAt.slice(0, 4)}-${id.padStart(4, '0')}`;
}

/** The legal kinds, for iteration in a stable order. */
export type { LegalKind };
