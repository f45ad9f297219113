/**
 * Dataskydd kept in the tab (issue 14): the record of processing created and edited (art. 30.1), the
 * screening of whether a processing needs an impact assessment (EDPB WP248: two or more criteria),
 * and the impact assessments started from it — with the DSO's written opinion (art. 35.2) and prior
 * consultation of IMY flagged (art. 36). The read views of issue 5 are in gdpr.ts.
 */
import { z } from 'zod';
import { DPIA_CRITERIA, DPIA_RISK_LEVELS, DPIA_STATUSES, DpiaScreening, ImpactAssessment, ItemId, ProcessingActivity, RecordCode } from '../domain';
import { CursorParam, Day, Direction, Instant, NextCursor, PageSize, PersonRef, RecordRef, type Routes } from './common';
import { ArchivedFilter, ArchiveInput, HistoryPage, HistoryQuery, Removed, RetentionInfo } from './registers';

export const DpiaCriterionValue = z.enum(DPIA_CRITERIA);
export const ScreeningOutcomeValue = z.enum(['required', 'consider', 'not_required']);

export const ScreeningView = z.strictObject({
  criteria: z.array(DpiaCriterionValue),
  notes: z.string().nullable(),
  screenedBy: PersonRef,
  screenedAt: Day,
  outcome: ScreeningOutcomeValue,
});
export type ScreeningView = z.infer<typeof ScreeningView>;

/** What `GET /processing/:id` adds to the record of processing: the register's fields and what the actor may do. */
export const ProcessingRegisterFields = z.strictObject({
  etag: z.string(),
  jointController: z.string().nullable(),
  incidents: z.array(z.strictObject({ id: z.string(), title: z.string(), reportedAt: Instant })),
  screening: ScreeningView.nullable(),
  archived: z.boolean(),
  canEdit: z.boolean(),
  /** Screen it: the processing's owner, the DSO, ISAM. */
  canScreen: z.boolean(),
  /** Start an impact assessment: the screening says one is required and none is open. */
  canStartImpactAssessment: z.boolean(),
  canArchive: z.boolean(),
  retention: RetentionInfo,
  history: HistoryPage,
});
export type ProcessingRegisterFields = z.infer<typeof ProcessingRegisterFields>;

const shape = ProcessingActivity.shape;
export const ProcessingInput = z.strictObject({
  code: shape.code,
  name: shape.name,
  purpose: shape.purpose,
  legalBasis: shape.legalBasis,
  controllerName: shape.controllerName,
  jointController: z.string().trim().max(500).nullable(),
  dpoContact: shape.dpoContact,
  dataSubjectCategories: shape.dataSubjectCategories,
  personalDataCategories: shape.personalDataCategories,
  specialCategories: shape.specialCategories,
  recipients: shape.recipients,
  thirdCountryTransfers: shape.thirdCountryTransfers,
  retention: shape.retention,
  securityMeasures: shape.securityMeasures,
  assetIds: shape.assetIds,
  supplierIds: shape.supplierIds,
  /** Personal-data breaches (incident ids) that concerned the processing. */
  incidentIds: z.array(ItemId).max(500),
  ownerId: shape.ownerId,
  unit: shape.unit,
});
/** `POST /processing` (Idempotency-Key; the DSO, ISAM). `code` defaults to the next PA-nnn; `dpoContact` to the DSO's name and e-mail. */
export const ProcessingCreateInput = ProcessingInput.partial({
  code: true,
  jointController: true,
  dpoContact: true,
  recipients: true,
  thirdCountryTransfers: true,
  assetIds: true,
  supplierIds: true,
  incidentIds: true,
});
export type ProcessingCreateInput = z.input<typeof ProcessingCreateInput>;
/** `PATCH /processing/:id` (If-Match). */
export const ProcessingPatchInput = ProcessingInput.partial();
export type ProcessingPatchInput = z.input<typeof ProcessingPatchInput>;

/** `POST /processing/:id/screening` (If-Match): the criteria met, and notes (required when exactly one is met). */
export const ScreeningInput = z.strictObject({ criteria: DpiaScreening.shape.criteria, notes: DpiaScreening.shape.notes.optional() });
export type ScreeningInput = z.input<typeof ScreeningInput>;

// ── impact assessments ─────────────────────────────────────────────────────

export const DpiaStatusValue = z.enum(DPIA_STATUSES);
export const DpiaRiskValue = z.enum(DPIA_RISK_LEVELS);
export const DPIA_SORT_FIELDS = ['code', 'nextReviewAt'] as const;

/** `GET /impact-assessments`. */
export const ImpactAssessmentListQuery = z.object({
  processingActivityId: ItemId.optional(),
  status: DpiaStatusValue.optional(),
  archived: ArchivedFilter.default('active'),
  sort: z.enum(DPIA_SORT_FIELDS).default('code'),
  direction: Direction.default('asc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type ImpactAssessmentListQuery = z.input<typeof ImpactAssessmentListQuery>;

/**
 * A row: everyone sees that an assessment exists, for which processing, and its status; its title
 * and risk only those who may read it (`canRead`: the DSO, ISAM, the processing's owner).
 */
export const ImpactAssessmentRow = z.strictObject({
  id: z.string(),
  etag: z.string(),
  code: z.string(),
  processing: RecordRef,
  status: DpiaStatusValue,
  title: z.string().nullable(),
  residualRisk: DpiaRiskValue.nullable(),
  /** Art. 36: residual high risk — IMY must be consulted before the processing starts. */
  priorConsultationRequired: z.boolean(),
  priorConsultationAt: Day.nullable(),
  dsoConsultedAt: Day.nullable(),
  nextReviewAt: Day.nullable(),
  archived: z.boolean(),
  canRead: z.boolean(),
  canEdit: z.boolean(),
});
export type ImpactAssessmentRow = z.infer<typeof ImpactAssessmentRow>;

export const ImpactAssessmentPage = z.strictObject({ items: z.array(ImpactAssessmentRow), cursor: NextCursor });
export type ImpactAssessmentPage = z.infer<typeof ImpactAssessmentPage>;

export const ImpactAssessmentView = ImpactAssessmentRow.extend({
  title: z.string(),
  criteria: z.array(DpiaCriterionValue),
  description: z.string().nullable(),
  necessity: z.string().nullable(),
  risks: z.string().nullable(),
  measures: z.string().nullable(),
  riskLevel: DpiaRiskValue.nullable(),
  dsoOpinion: z.string().nullable(),
  dsoOpinionBy: PersonRef.nullable(),
  conclusion: z.string().nullable(),
  priorConsultationRef: z.string().nullable(),
  decidedBy: PersonRef.nullable(),
  decidedAt: Day.nullable(),
  /** Only the DSO writes the opinion. */
  canGiveOpinion: z.boolean(),
  /** The processing's owner (or ISAM) decides. */
  canDecide: z.boolean(),
  canArchive: z.boolean(),
  retention: RetentionInfo,
  history: HistoryPage,
});
export type ImpactAssessmentView = z.infer<typeof ImpactAssessmentView>;

/** `POST /impact-assessments` (Idempotency-Key): start one from a processing whose screening requires it. */
export const ImpactAssessmentCreateInput = z.strictObject({
  processingActivityId: ItemId,
  code: RecordCode().optional(),
  title: ImpactAssessment.shape.title.optional(),
});
export type ImpactAssessmentCreateInput = z.input<typeof ImpactAssessmentCreateInput>;

const dpia = ImpactAssessment.shape;
/**
 * `PATCH /impact-assessments/:id` (If-Match). The content by its workers; `dsoOpinion` by the DSO
 * alone; `status: completed` (the decision) by the processing's owner or ISAM, once the opinion,
 * the residual risk and the conclusion are there.
 */
export const ImpactAssessmentPatchInput = z
  .strictObject({
    code: dpia.code,
    title: dpia.title,
    status: dpia.status,
    description: z.string().trim().max(10_000).nullable(),
    necessity: z.string().trim().max(10_000).nullable(),
    risks: z.string().trim().max(10_000).nullable(),
    measures: z.string().trim().max(10_000).nullable(),
    riskLevel: dpia.riskLevel,
    residualRisk: DpiaRiskValue.nullable(),
    dsoConsultedAt: dpia.dsoConsultedAt,
    dsoOpinion: dpia.dsoOpinion,
    conclusion: dpia.conclusion,
    priorConsultationAt: Day.nullable(),
    priorConsultationRef: z.string().trim().max(100).nullable(),
    nextReviewAt: dpia.nextReviewAt,
  })
  .partial();
export type ImpactAssessmentPatchInput = z.input<typeof ImpactAssessmentPatchInput>;

export const DATA_PROTECTION_ROUTES = {
  'POST /processing': { body: ProcessingCreateInput, response: ProcessingRegisterFields.passthrough() },
  'PATCH /processing/:id': { body: ProcessingPatchInput, response: ProcessingRegisterFields.passthrough() },
  'POST /processing/:id/screening': { body: ScreeningInput, response: ProcessingRegisterFields.passthrough() },
  'GET /processing/:id/history': { query: HistoryQuery, response: HistoryPage },
  'POST /processing/:id/archive': { body: ArchiveInput, response: ProcessingRegisterFields.passthrough() },
  'DELETE /processing/:id': { response: Removed },
  'GET /impact-assessments': { query: ImpactAssessmentListQuery, response: ImpactAssessmentPage },
  'POST /impact-assessments': { body: ImpactAssessmentCreateInput, response: ImpactAssessmentView },
  'GET /impact-assessments/:id': { response: ImpactAssessmentView },
  'GET /impact-assessments/:id/history': { query: HistoryQuery, response: HistoryPage },
  'PATCH /impact-assessments/:id': { body: ImpactAssessmentPatchInput, response: ImpactAssessmentView },
  'POST /impact-assessments/:id/archive': { body: ArchiveInput, response: ImpactAssessmentView },
  'DELETE /impact-assessments/:id': { response: Removed },
} satisfies Routes;
