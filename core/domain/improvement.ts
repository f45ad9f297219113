/** Improvement actions (förbättringsåtgärder) and the annual management review (Ledningens genomgång). */
import { z } from 'zod';
import { IMPROVEMENT_SOURCES, IMPROVEMENT_STATUSES } from './choices';
import { AadObjectId, CalendarDate, ItemIdList, Line, OptionalText, UtcDateTime } from './common';

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

/**
 * A management review (ISO 27001 9.3). `inputs` is the snapshot of figures the draft was generated
 * from, kept so that the registered report can be reproduced.
 */
export const ManagementReview = z.object({
  year: z.number().int().min(2000).max(2100),
  title: Line(255),
  status: z.enum(['draft', 'presented', 'decided', 'registered']),
  inputs: z.record(z.string(), z.unknown()),
  summary: OptionalText(20_000),
  decision: OptionalText(10_000),
  decidedBy: AadObjectId.nullable(),
  decidedAt: CalendarDate.nullable(),
  /** Diarienummer when the report is registered with the decision. */
  registrationNumber: z.string().trim().max(50).nullable(),
  actionIds: ItemIdList,
  createdBy: AadObjectId,
  createdAt: UtcDateTime,
});
export type ManagementReview = z.infer<typeof ManagementReview>;
