/**
 * The management review's structure and rules (Ledningens genomgång; ISO 27001:2022 9.3.2 a–g).
 *
 * The sections follow the district's own report: a summary and what the review is, then the inputs
 * of 9.3.2 — status of actions from previous reviews (a), changes in external and internal issues
 * (b), feedback on performance (d: nonconformities, monitoring, audits, objectives), feedback from
 * interested parties (e), risk assessment and treatment (f), opportunities for improvement (g) — the
 * proposed improvements per area, and the director's decision. (9.3.2 c, changes in the needs of
 * interested parties, is written with e.) Figures from the records go with the sections they feed.
 */
import { addYearsToDate } from './retention';

export const REVIEW_SECTIONS = [
  'summary',
  'purpose',
  'previous_actions',
  'external_changes',
  'internal_changes',
  'performance',
  'interested_parties',
  'risks',
  'opportunities',
] as const;
export type ReviewSection = (typeof REVIEW_SECTIONS)[number];

/** The areas the district's report proposes improvements in (Förslag till förbättringar per område). */
export const REVIEW_AREAS = ['cyber_security_law', 'organisation', 'classification', 'access', 'suppliers', 'training', 'incidents', 'data_protection', 'other'] as const;
export type ReviewArea = (typeof REVIEW_AREAS)[number];

export type ReviewStatus = 'draft' | 'presented' | 'decided' | 'registered';

/** Written parts and proposals change only while the review is a draft. */
export const isReviewEditable = (status: ReviewStatus) => status === 'draft';
/** A decided review is locked: nothing changes, its figures are those frozen when it was presented. */
export const isReviewLocked = (status: ReviewStatus) => status === 'decided' || status === 'registered';

/**
 * A review period is whole Stockholm calendar months (the incident figures are kept per month), at
 * most 24 of them. Returns the message key of what is wrong, or null.
 */
export function reviewPeriodProblem(from: string, to: string): string | null {
  if (!/^\d{4}-\d{2}-01$/.test(from)) return 'review.periodStart';
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d !== last) return 'review.periodEnd';
  if (to < from) return 'review.periodOrder';
  if (reviewMonths(from, to).length > 24) return 'review.periodLength';
  return null;
}

/** The months (YYYY-MM) of a period, oldest first. */
export function reviewMonths(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  while (out.length < 100) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) break;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * The last day a decided review is kept: the retention of compliance evidence (RETENTION_YEARS,
 * DOMAIN.md: at least 5 years) counted from the decision.
 */
export const reviewKeptUntil = (decidedAt: string, retentionYears: number) => addYearsToDate(decidedAt, retentionYears);

export type ReviewRemoval = { ok: true } | { ok: false; reason: 'locked_until'; until: string };

/**
 * May a review be removed on `today`? A draft or a presented review (nothing decided) may be
 * discarded; a decided one only after its retention ended.
 */
export function reviewRemovalVerdict(review: { status: ReviewStatus; keptUntil: string | null }, today: string): ReviewRemoval {
  if (!isReviewLocked(review.status)) return { ok: true };
  const until = review.keptUntil ?? '9999-12-31';
  return today > until ? { ok: true } : { ok: false, reason: 'locked_until', until };
}
