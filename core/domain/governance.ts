/** Governing documents (styrdokument): the local instructions, their owners and review dates. */
import { z } from 'zod';
import { GOVERNING_DOCUMENT_KINDS, GOVERNING_DOCUMENT_STATUSES } from './choices';
import { AadObjectId, CalendarDate, Line, OptionalText, RecordCode, UtcDateTime, WebUrl } from './common';
import { has, same, type ActorLike } from './policy/actor';
import { addMonthsToDate } from './training';


export const GoverningDocument = z.object({
  /** The administration's own id, e.g. SD-04. */
  code: RecordCode('governance.codeFormat').nullable().default(null),
  title: Line(255),
  kind: z.enum(GOVERNING_DOCUMENT_KINDS).default('instruction'),
  /** The document's version as written on it (`2.1`). */
  version: z.string().trim().max(20).nullable().default(null),
  description: OptionalText(2_000),
  url: WebUrl,
  ownerId: AadObjectId,
  decidedAt: CalendarDate,
  /** Who decided it (the district committee, the director) and the decision's reference (diarienummer, §). */
  decidedBy: z.string().trim().max(255).nullable().default(null),
  decisionRef: z.string().trim().max(100).nullable().default(null),
  /** When the owner must review it next. */
  reviewAt: CalendarDate,
  status: z.enum(GOVERNING_DOCUMENT_STATUSES),
  lastReminderAt: UtcDateTime.nullable(),
  updatedAt: UtcDateTime.nullable().default(null),
  /** Archived: no longer in use; kept for good (retention.ts). */
  archived: z.boolean().default(false),
  archivedAt: UtcDateTime.nullable().default(null),
});
export type GoverningDocument = z.infer<typeof GoverningDocument>;

/** The owner is reminded this many days before the review date (and at once when it has passed). */
export const REVIEW_NOTICE_DAYS = 30;

/** A calendar date `days` later (or earlier). */
export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export type ReviewState = 'ok' | 'due_soon' | 'overdue' | 'repealed';

export function reviewState(doc: Pick<GoverningDocument, 'reviewAt' | 'status'>, today: string): ReviewState {
  if (doc.status === 'repealed') return 'repealed';
  if (doc.reviewAt < today) return 'overdue';
  if (addDaysToDate(doc.reviewAt, -REVIEW_NOTICE_DAYS) <= today) return 'due_soon';
  return 'ok';
}

/**
 * A document in force whose review is due within the notice period or overdue. One reminder per
 * review date: the reminder's key carries the date, so a new date (after a review) starts over.
 */
export function reviewReminderDue(doc: Pick<GoverningDocument, 'reviewAt' | 'status'>, today: string): boolean {
  if (doc.status !== 'in_force') return false;
  const state = reviewState(doc, today);
  return state === 'due_soon' || state === 'overdue';
}

/** ISAM keeps the register of governing documents. */
export const canManageGoverningDocuments = (actor: ActorLike) => has(actor, 'isam');
/** The owner records that a review is done (ISAM may do it for them). */
export const canRecordReview = (actor: ActorLike, doc: Pick<GoverningDocument, 'ownerId'>) => same(actor.id, doc.ownerId) || has(actor, 'isam');

/** The default next review: a year after the review (the yearly cycle of the LIS). */
export const nextReviewAfter = (reviewedOn: string) => addMonthsToDate(reviewedOn, 12);
