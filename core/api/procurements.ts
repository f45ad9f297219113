/**
 * Anskaffningar: each procurement with the information assets it concerns, the security requirements
 * derived from their classification (the highest level per aspect) and from the impact assessments
 * of the processing they serve, and the checklist's state — one checklist per procurement.
 */
import { z } from 'zod';
import { PROCUREMENT_SORT_FIELDS } from './choices';
import { CLASSIFICATION_ASPECTS, ItemId, Procurement, PROCUREMENT_STATUSES } from '../domain';
import { Count, CursorParam, Day, Direction, Instant, NextCursor, PageSize, PersonRef, RecordRef, type Routes } from './common';
import { ArchivedFilter, ArchiveInput, HistoryPage, HistoryQuery, Removed, RetentionInfo, XlsxFile } from './registers';

export const ProcurementStatusValue = z.enum(PROCUREMENT_STATUSES);

/** `GET /procurements`. */
export const ProcurementListQuery = z.object({
  search: z.string().trim().max(100).optional(),
  status: ProcurementStatusValue.optional(),
  unit: z.string().trim().max(50).optional(),
  ownerId: z.guid().optional(),
  supplierId: ItemId.optional(),
  archived: ArchivedFilter.default('active'),
  sort: z.enum(PROCUREMENT_SORT_FIELDS).default('updatedAt'),
  direction: Direction.default('desc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type ProcurementListQuery = z.input<typeof ProcurementListQuery>;

/** Requirements met (done, or with a note on the deviation) of those required. */
export const ChecklistProgress = z.strictObject({ met: Count, required: Count });

export const ProcurementRow = z.strictObject({
  id: z.string(),
  etag: z.string(),
  code: z.string(),
  title: z.string(),
  unit: z.string(),
  owner: PersonRef,
  status: ProcurementStatusValue,
  supplier: RecordRef.nullable(),
  assets: z.array(RecordRef),
  progress: ChecklistProgress,
  plannedContractAt: Day.nullable(),
  contractedAt: Day.nullable(),
  archived: z.boolean(),
  canEdit: z.boolean(),
});
export type ProcurementRow = z.infer<typeof ProcurementRow>;

export const ProcurementPage = z.strictObject({ items: z.array(ProcurementRow), cursor: NextCursor, canCreate: z.boolean() });
export type ProcurementPage = z.infer<typeof ProcurementPage>;

/** Where a requirement comes from: the standard checklist, an asset's classification, an impact assessment. */
export const RequirementSource = z.enum(['standard', 'classification', 'dpia']);

export const ProcurementRequirement = z.strictObject({
  key: z.string(),
  source: RequirementSource,
  aspect: z.enum(CLASSIFICATION_ASPECTS).nullable(),
  level: z.number().int().nullable(),
  sv: z.string(),
  en: z.string(),
  done: z.boolean(),
  note: z.string().nullable(),
});
export type ProcurementRequirement = z.infer<typeof ProcurementRequirement>;

export const ProcurementView = ProcurementRow.extend({
  description: z.string().nullable(),
  /** The highest level per aspect over the procurement's assets (null: none classified). */
  levels: z.record(z.enum(CLASSIFICATION_ASPECTS), z.number().int().nullable()),
  /** Assets not yet classified: their requirements are unknown until they are. */
  unclassifiedAssets: z.array(RecordRef),
  /** An asset at level 4: a separate security-protection analysis is needed (säkerhetsskydd). */
  securityProtection: z.boolean(),
  impactAssessments: z.array(z.strictObject({ id: z.string(), code: z.string(), title: z.string(), status: z.string(), residualRisk: z.string().nullable() })),
  requirements: z.array(ProcurementRequirement),
  /** Stored checklist points no longer required (an asset left the procurement): kept, shown apart. */
  formerPoints: z.array(z.strictObject({ key: z.string(), done: z.boolean(), note: z.string().nullable() })),
  createdBy: PersonRef,
  updatedAt: Instant,
  canArchive: z.boolean(),
  archive: RetentionInfo,
  history: HistoryPage,
});
export type ProcurementView = z.infer<typeof ProcurementView>;

const shape = Procurement.shape;
export const ProcurementChecklistPoint = z.strictObject({ key: z.string().trim().min(1).max(100), done: z.boolean(), note: z.string().trim().max(1_000).nullable() });
export const ProcurementInput = z.strictObject({
  code: shape.code,
  title: shape.title,
  description: shape.description,
  unit: shape.unit,
  ownerId: shape.ownerId,
  status: shape.status,
  supplierId: shape.supplierId,
  assetIds: shape.assetIds,
  /** Points to set: each replaces the stored point with its key; points not sent stay as they are. */
  checklist: z.array(ProcurementChecklistPoint).max(300),
  plannedContractAt: shape.plannedContractAt,
  contractedAt: shape.contractedAt,
});
/** `POST /procurements` (Idempotency-Key). `code` defaults to the next ANS-nnn. */
export const ProcurementCreateInput = ProcurementInput.partial({ code: true, description: true, status: true, supplierId: true, checklist: true, plannedContractAt: true, contractedAt: true });
export type ProcurementCreateInput = z.input<typeof ProcurementCreateInput>;
/** `PATCH /procurements/:id` (If-Match). */
export const ProcurementPatchInput = ProcurementInput.partial();
export type ProcurementPatchInput = z.input<typeof ProcurementPatchInput>;

export const PROCUREMENT_ROUTES = {
  'GET /procurements': { query: ProcurementListQuery, response: ProcurementPage },
  'GET /procurements/export.xlsx': { query: ProcurementListQuery, response: XlsxFile },
  'POST /procurements': { body: ProcurementCreateInput, response: ProcurementView },
  'GET /procurements/:id': { response: ProcurementView },
  'GET /procurements/:id/history': { query: HistoryQuery, response: HistoryPage },
  'PATCH /procurements/:id': { body: ProcurementPatchInput, response: ProcurementView },
  'POST /procurements/:id/archive': { body: ArchiveInput, response: ProcurementView },
  'DELETE /procurements/:id': { response: Removed },
} satisfies Routes;
