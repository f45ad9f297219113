/**
 * Risker: the risk register per information asset and process — threat, consequence, likelihood, the
 * level from the 4×4 matrix (core/domain/risk.ts), treatment, owner and review date — and the heat map.
 */
import { z } from 'zod';
import { RISK_SORT_FIELDS } from './choices';
import { ItemId, Risk, RISK_LEVELS, RISK_STATUSES, RISK_TREATMENTS } from '../domain';
import { Count, CursorParam, Day, Direction, Instant, NextCursor, PageSize, PersonRef, RecordRef, type Routes } from './common';
import { ArchivedFilter, ArchiveInput, HistoryPage, HistoryQuery, Removed, RetentionInfo, XlsxFile } from './registers';

export const RiskLevelValue = z.enum(RISK_LEVELS);
export const RiskStatusValue = z.enum(RISK_STATUSES);
export const RiskTreatmentValue = z.enum(RISK_TREATMENTS);
const Scale = z.number().int().min(1).max(4);

/** `GET /risks`: filters on indexed columns; people who see only their own risks get those whatever they ask. */
export const RiskListQuery = z.object({
  /** Start of the title, or of the id when it looks like one (`RISK-0`). */
  search: z.string().trim().max(100).optional(),
  assetId: ItemId.optional(),
  ownerId: z.guid().optional(),
  unit: z.string().trim().max(50).optional(),
  level: RiskLevelValue.optional(),
  status: RiskStatusValue.optional(),
  treatment: RiskTreatmentValue.optional(),
  archived: ArchivedFilter.default('active'),
  sort: z.enum(RISK_SORT_FIELDS).default('code'),
  direction: Direction.default('asc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type RiskListQuery = z.input<typeof RiskListQuery>;

export const RiskRow = z.strictObject({
  id: z.string(),
  etag: z.string(),
  code: z.string(),
  title: z.string(),
  asset: RecordRef.nullable(),
  process: z.string().nullable(),
  unit: z.string(),
  likelihood: Scale,
  consequenceLevel: Scale,
  level: RiskLevelValue,
  treatment: RiskTreatmentValue.nullable(),
  status: RiskStatusValue,
  owner: PersonRef,
  reviewAt: Day,
  /** Review date today or passed (Stockholm), and the risk still open. */
  reviewDue: z.boolean(),
  archived: z.boolean(),
  canEdit: z.boolean(),
});
export type RiskRow = z.infer<typeof RiskRow>;

export const RiskPage = z.strictObject({ items: z.array(RiskRow), cursor: NextCursor, canCreate: z.boolean(), scope: z.enum(['all', 'own']) });
export type RiskPage = z.infer<typeof RiskPage>;

/** An improvement action linked to a risk, as it stands. */
export const LinkedAction = z.strictObject({ id: z.string(), title: z.string(), status: z.string(), dueAt: Day, owner: PersonRef });
export type LinkedAction = z.infer<typeof LinkedAction>;

/** `GET /risks/:id`: the whole risk, its actions, retention and the first page of its history. */
export const RiskView = RiskRow.extend({
  threat: z.string(),
  vulnerability: z.string().nullable(),
  consequence: z.string(),
  treatmentRationale: z.string().nullable(),
  transferredTo: z.string().nullable(),
  actions: z.array(LinkedAction),
  residualLikelihood: Scale.nullable(),
  residualConsequence: Scale.nullable(),
  residualLevel: RiskLevelValue.nullable(),
  decidedBy: PersonRef.nullable(),
  decidedAt: Day.nullable(),
  createdBy: PersonRef,
  updatedAt: Instant,
  /** Only the risk owner accepts a risk. */
  canAccept: z.boolean(),
  canArchive: z.boolean(),
  archive: RetentionInfo,
  history: HistoryPage,
});
export type RiskView = z.infer<typeof RiskView>;

const shape = Risk.shape;

/** A risk as a form sends it. `code` is given the next free RISK-nnn when left out; the level is computed. */
export const RiskInput = z.strictObject({
  code: shape.code,
  title: shape.title,
  assetId: shape.assetId,
  process: shape.process,
  unit: shape.unit,
  threat: shape.threat,
  vulnerability: shape.vulnerability,
  consequence: shape.consequence,
  likelihood: shape.likelihood,
  consequenceLevel: shape.consequenceLevel,
  treatment: shape.treatment,
  treatmentRationale: shape.treatmentRationale,
  transferredTo: shape.transferredTo,
  actionIds: shape.actionIds,
  residualLikelihood: shape.residualLikelihood,
  residualConsequence: shape.residualConsequence,
  ownerId: shape.ownerId,
  reviewAt: shape.reviewAt,
  status: shape.status,
});
export type RiskInput = z.infer<typeof RiskInput>;
/** `POST /risks` (Idempotency-Key). */
export const RiskCreateInput = RiskInput.partial({
  code: true,
  assetId: true,
  process: true,
  vulnerability: true,
  treatment: true,
  treatmentRationale: true,
  transferredTo: true,
  actionIds: true,
  residualLikelihood: true,
  residualConsequence: true,
  status: true,
});
export type RiskCreateInput = z.input<typeof RiskCreateInput>;
/** `PATCH /risks/:id` (If-Match): the fields that change. */
export const RiskPatchInput = RiskInput.partial();
export type RiskPatchInput = z.input<typeof RiskPatchInput>;

/** `GET /risks/matrix`: the matrix as data (the tab draws it and the heat map from this). */
export const RiskMatrix = z.strictObject({
  likelihoods: z.array(Scale),
  consequences: z.array(Scale),
  /** `levels[likelihood - 1][consequence - 1]`. */
  levels: z.array(z.array(RiskLevelValue)),
});
export type RiskMatrix = z.infer<typeof RiskMatrix>;

/** `GET /risks/heatmap?unit=&assetId=`: open risks per cell (likelihood × consequence), before and after treatment. */
export const HeatMapQuery = z.object({ unit: z.string().trim().max(50).optional(), assetId: ItemId.optional() });
export type HeatMapQuery = z.input<typeof HeatMapQuery>;
export const HeatMapCell = z.strictObject({ likelihood: Scale, consequence: Scale, level: RiskLevelValue, count: Count, residual: Count });
export const HeatMap = z.strictObject({
  scope: z.string(),
  cells: z.array(HeatMapCell),
  /** Open risks counted; those without a residual estimate count as where they are. */
  total: Count,
  byLevel: z.record(RiskLevelValue, Count),
  /** More open risks matched than the count reads (HEATMAP_LIMIT, 4 995): the figures are of the first ones. */
  truncated: z.boolean(),
  /** When the figure was counted. */
  computedAt: Instant,
});
export type HeatMap = z.infer<typeof HeatMap>;

export const RISK_ROUTES = {
  'GET /risks': { query: RiskListQuery, response: RiskPage },
  'GET /risks/export.xlsx': { query: RiskListQuery, response: XlsxFile },
  'GET /risks/matrix': { response: RiskMatrix },
  'GET /risks/heatmap': { query: HeatMapQuery, response: HeatMap },
  'POST /risks': { body: RiskCreateInput, response: RiskView },
  'GET /risks/:id': { response: RiskView },
  'GET /risks/:id/history': { query: HistoryQuery, response: HistoryPage },
  'PATCH /risks/:id': { body: RiskPatchInput, response: RiskView },
  'POST /risks/:id/archive': { body: ArchiveInput, response: RiskView },
  'DELETE /risks/:id': { response: Removed },
} satisfies Routes;
