/** Improvement actions (förbättringsåtgärder) and the annual management review (Ledningens genomgång). */
import { z } from 'zod';
import { IMPROVEMENT_SOURCES, IMPROVEMENT_STATUSES } from './choices';
import { AadObjectId, CalendarDate, ItemIdList, Line, OptionalText, UtcDateTime } from './common';
import { REVIEW_AREAS } from './review';

export const ImprovementAction = z.object({
  title: Line(255),
  description: OptionalText(4_000),
  ownerId: AadObjectId,
  dueAt: CalendarDate,
  status: z.enum(IMPROVEMENT_STATUSES),
  source: z.enum(IMPROVEMENT_SOURCES),
  /** What the action came from, e.g. "Incidents/42" or "ManagementReviews/3". */
  sourceRef: z.string().trim().max(100).nullable(),
  createdBy: AadObjectId.nullable(),
  completedAt: UtcDateTime.nullable(),
});
export type ImprovementAction = z.infer<typeof ImprovementAction>;

/** A proposed improvement of a management review. `key` is stable: it names the action it becomes. */
export const ReviewProposal = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,40}$/),
  area: z.enum(REVIEW_AREAS),
  title: Line(255),
  description: OptionalText(2_000),
  ownerId: AadObjectId,
  dueAt: CalendarDate,
});
export type ReviewProposal = z.infer<typeof ReviewProposal>;

/**
 * A management review (Ledningens genomgång, ISO 27001:2022 9.3) for a period of whole Stockholm
 * months. ISAM writes the draft (`sections`, `proposals`); sending it for decision freezes the
 * figures into `inputs`; the director records the decision with the registry number (diarienummer),
 * after which the review is locked and kept until `keptUntil` (core/domain/review.ts).
 */
export const ManagementReview = z.object({
  year: z.number().int().min(2000).max(2100),
  title: Line(255),
  /** First and last day of the period (Stockholm calendar dates, whole months). */
  periodFrom: CalendarDate,
  periodTo: CalendarDate,
  /** `registered` is kept for items written before the decision carried the registry number. */
  status: z.enum(['draft', 'presented', 'decided', 'registered']),
  /** The frozen figures (`ReviewFigures`, core/api/reviews.ts) once presented; `{}` while a draft. */
  inputs: z.record(z.string(), z.unknown()),
  /** The written parts, by section key (REVIEW_SECTIONS). */
  sections: z.record(z.string(), z.string().max(20_000)),
  summary: OptionalText(20_000),
  /** Proposed improvements; each becomes an improvement action when the review is decided. */
  proposals: z.array(ReviewProposal).max(50),
  presentedAt: UtcDateTime.nullable(),
  presentedBy: AadObjectId.nullable(),
  decision: OptionalText(10_000),
  decidedBy: AadObjectId.nullable(),
  decidedAt: CalendarDate.nullable(),
  /** Diarienummer when the report is registered with the decision. */
  registrationNumber: z.string().trim().max(50).nullable(),
  /** The last day the decided review must be kept (retention); null until decided. */
  keptUntil: CalendarDate.nullable(),
  actionIds: ItemIdList,
  createdBy: AadObjectId,
  createdAt: UtcDateTime,
});
export type ManagementReview = z.infer<typeof ManagementReview>;
