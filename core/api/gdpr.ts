/**
 * Dataskydd: the record of processing (GDPR art. 30) and the impact assessments (art. 35) linked to
 * each processing — and (issue 14) the record kept in the tab, created and edited with every field of
 * art. 30.1, the screening of whether a processing needs an impact assessment (EDPB WP248: two or
 * more criteria), and impact assessments started from it, with the DSO's written opinion (art. 35.2)
 * and prior consultation of IMY flagged (art. 36).
 */
import { z } from 'zod';
import { DPIA_CRITERIA, DPIA_RISK_LEVELS, DPIA_STATUSES, DpiaScreening, ImpactAssessment, ItemId, ProcessingActivity, RecordCode } from '../domain';
import { DPIA_SORT_FIELDS, PROCESSING_SORT_FIELDS } from './choices';
import { CursorParam, Day, Direction, Instant, NextCursor, PageSize, PersonRef, RecordRef, type Routes } from './common';
import { ArchivedFilter, ArchiveInput, HistoryPage, HistoryQuery, Removed, RetentionInfo, XlsxFile } from './registers';

export const ProcessingSortField = z.enum(PROCESSING_SORT_FIELDS);
export type ProcessingSortField = z.infer<typeof ProcessingSortField>;

/** `GET /processing`. */
export const ProcessingListQuery = z.object({
  search: z.string().trim().max(100).optional(),
  unit: z.string().trim().max(50).optional(),
  /** `active` (default): the processing going on; `archived`: ended, kept as evidence; `all`. */
  archived: ArchivedFilter.default('active'),
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

// ── the record kept in the tab, and impact assessments (issue 14) ───────

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
  archive: RetentionInfo,
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
  archive: RetentionInfo,
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

/** `GET /processing/:id`: issue 5's view with the register's fields. */
export const ProcessingDetail = ProcessingView.extend(ProcessingRegisterFields.shape);
export type ProcessingDetail = z.infer<typeof ProcessingDetail>;

export const GDPR_ROUTES = {
  'GET /processing': { query: ProcessingListQuery, response: ProcessingPage },
  'GET /processing/:id': { response: ProcessingDetail },
  'POST /processing': { body: ProcessingCreateInput, response: ProcessingDetail },
  'PATCH /processing/:id': { body: ProcessingPatchInput, response: ProcessingDetail },
  'POST /processing/:id/screening': { body: ScreeningInput, response: ProcessingDetail },
  'GET /processing/:id/history': { query: HistoryQuery, response: HistoryPage },
  'POST /processing/:id/archive': { body: ArchiveInput, response: ProcessingDetail },
  'DELETE /processing/:id': { response: Removed },
  'GET /impact-assessments': { query: ImpactAssessmentListQuery, response: ImpactAssessmentPage },
  'POST /impact-assessments': { body: ImpactAssessmentCreateInput, response: ImpactAssessmentView },
  'GET /impact-assessments/:id': { response: ImpactAssessmentView },
  'GET /impact-assessments/:id/history': { query: HistoryQuery, response: HistoryPage },
  'PATCH /impact-assessments/:id': { body: ImpactAssessmentPatchInput, response: ImpactAssessmentView },
  'POST /impact-assessments/:id/archive': { body: ArchiveInput, response: ImpactAssessmentView },
  'DELETE /impact-assessments/:id': { response: Removed },
  'GET /processing/export.xlsx': { query: ProcessingListQuery, response: XlsxFile },
} satisfies Routes;
