/**
 * Dataskydd, read-only in the tab: the record of processing (GDPR art. 30) and the impact
 * assessments (art. 35) linked to each processing.
 */
import { z } from 'zod';
import { ImpactAssessment } from '../domain';
import { PROCESSING_SORT_FIELDS } from './choices';
import { CursorParam, Day, Direction, Instant, NextCursor, PageSize, PersonRef, RecordRef, type Routes } from './common';

export const ProcessingSortField = z.enum(PROCESSING_SORT_FIELDS);
export type ProcessingSortField = z.infer<typeof ProcessingSortField>;

/** `GET /processing`. */
export const ProcessingListQuery = z.object({
  search: z.string().trim().max(100).optional(),
  unit: z.string().trim().max(50).optional(),
  sort: ProcessingSortField.default('code'),
  direction: Direction.default('asc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type ProcessingListQuery = z.input<typeof ProcessingListQuery>;

/** What anyone may know of an impact assessment: that it exists and its status; `detail` for those who may read it. */
export const DpiaSummary = z.strictObject({
  id: z.string(),
  code: z.string(),
  status: ImpactAssessment.shape.status,
  /** Null when the actor may not read the assessment's content. */
  detail: z
    .strictObject({
      title: z.string(),
      riskLevel: ImpactAssessment.shape.riskLevel,
      dsoConsultedAt: Day.nullable(),
      dsoOpinion: z.string().nullable(),
      conclusion: z.string().nullable(),
      decidedBy: PersonRef.nullable(),
      decidedAt: Day.nullable(),
      nextReviewAt: Day.nullable(),
    })
    .nullable(),
});
export type DpiaSummary = z.infer<typeof DpiaSummary>;

export const ProcessingRow = z.strictObject({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  owner: PersonRef,
  legalBasis: z.string(),
  specialCategories: z.boolean(),
  thirdCountry: z.boolean(),
  dpiaRequired: z.boolean(),
  dpias: z.array(DpiaSummary),
});
export type ProcessingRow = z.infer<typeof ProcessingRow>;

export const ProcessingPage = z.strictObject({ items: z.array(ProcessingRow), cursor: NextCursor, sort: ProcessingSortField, direction: Direction });
export type ProcessingPage = z.infer<typeof ProcessingPage>;

/** `GET /processing/:id`: every field of the record of processing. */
export const ProcessingView = ProcessingRow.extend({
  purpose: z.string(),
  controllerName: z.string(),
  dpoContact: z.string(),
  dataSubjectCategories: z.array(z.string()),
  personalDataCategories: z.array(z.string()),
  recipients: z.array(z.string()),
  thirdCountryTransfers: z.array(z.strictObject({ country: z.string(), safeguard: z.string() })),
  retention: z.string(),
  securityMeasures: z.string(),
  assets: z.array(RecordRef),
  suppliers: z.array(RecordRef),
  updatedAt: Instant,
});
export type ProcessingView = z.infer<typeof ProcessingView>;

export const GDPR_ROUTES = {
  'GET /processing': { query: ProcessingListQuery, response: ProcessingPage },
  'GET /processing/:id': { response: ProcessingView },
} satisfies Routes;
