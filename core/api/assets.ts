/** Informationstillgångar: the inventory page by page, one asset, and creating and classifying assets (KLASSA). */
import { z } from 'zod';
import { CLASSIFICATION_ASPECTS, InformationAsset, KLASSA_LEVELS } from '../domain';
import { ASSET_SORT_FIELDS } from './choices';
import { CursorParam, Day, Direction, Instant, NextCursor, PageSize, PersonRef, type Routes } from './common';
import { ArchivedFilter, ArchiveInput, HistoryPage, HistoryQuery, Removed, RetentionInfo, XlsxFile } from './registers';

export const AssetSortField = z.enum(ASSET_SORT_FIELDS);
export type AssetSortField = z.infer<typeof AssetSortField>;

/** `GET /assets`: filters and sorting on indexed columns only, so that they work past 5 000 items. */
export const AssetListQuery = z.object({
  /** Prefix of the name, or of the id when it looks like one (`IA-0`). */
  search: z.string().trim().max(100).optional(),
  unit: z.string().trim().max(50).optional(),
  ownerId: z.guid().optional(),
  /** `active` (default): assets in use; `archived`: decommissioned, kept as evidence; `all`. */
  archived: ArchivedFilter.default('active'),
  sort: AssetSortField.default('code'),
  direction: Direction.default('asc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type AssetListQuery = z.input<typeof AssetListQuery>;

/** A KLASSA level, 0–4. */
export const KlassaLevelValue = z.literal(KLASSA_LEVELS);

/** The four aspects' levels; null while unclassified. */
export const AssetLevels = z.strictObject({
  confidentiality: KlassaLevelValue.nullable(),
  integrity: KlassaLevelValue.nullable(),
  availability: KlassaLevelValue.nullable(),
  traceability: KlassaLevelValue.nullable(),
});
export type AssetLevels = z.infer<typeof AssetLevels>;

/** The overall state of a classification (core/domain/classification.ts). */
export const ClassificationSummary = z.strictObject({
  state: z.enum(['unclassified', 'classified', 'review_due']),
  maxLevel: KlassaLevelValue.nullable(),
  securityProtectionFlag: z.boolean(),
});
export type ClassificationSummary = z.infer<typeof ClassificationSummary>;

/** One row of the inventory. */
export const AssetRow = z.strictObject({
  id: z.string(),
  etag: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  critical: z.boolean(),
  owner: PersonRef,
  levels: AssetLevels,
  summary: ClassificationSummary,
  priority: z.number().int().nullable(),
  classifiedAt: Day.nullable(),
  nextReviewAt: Day.nullable(),
  archived: z.boolean(),
  canEdit: z.boolean(),
});
export type AssetRow = z.infer<typeof AssetRow>;

/** One asset with everything the form shows. */
export const AssetView = AssetRow.extend({
  description: z.string(),
  information: z.string(),
  delegate: PersonRef.nullable(),
  contact: PersonRef.nullable(),
  systemOwner: PersonRef.nullable(),
  classifiedBy: PersonRef.nullable(),
  notes: z.string().nullable(),
  supplierIds: z.array(z.string()),
  updatedAt: Instant,
  canGovern: z.boolean(),
  /** Why each aspect has its level (the valuation's motivation, KLASSA). */
  motivations: z.partialRecord(z.enum(CLASSIFICATION_ASPECTS), z.string()),
  /** The security requirements that follow from the levels (core/domain/requirements.ts), Swedish and English. */
  requirements: z.array(z.strictObject({ id: z.string(), aspect: z.enum(CLASSIFICATION_ASPECTS), level: z.number().int(), sv: z.string(), en: z.string() })),
  /** When the owner was last reminded of the review. */
  lastReminderAt: Instant.nullable(),
  canArchive: z.boolean(),
  archive: RetentionInfo,
  history: HistoryPage,
});
export type AssetView = z.infer<typeof AssetView>;

export const AssetPage = z.strictObject({ items: z.array(AssetRow), cursor: NextCursor, sort: AssetSortField, direction: Direction });
export type AssetPage = z.infer<typeof AssetPage>;

const shape = InformationAsset.shape;

/** What a person may send when creating or editing an asset. Who classified and when it changed are set by the server, never sent. */
export const AssetInput = z.strictObject({
  code: shape.code,
  name: shape.name,
  description: shape.description,
  information: shape.information,
  critical: shape.critical,
  ownerId: shape.ownerId,
  delegateId: shape.delegateId,
  contactId: shape.contactId,
  unit: shape.unit,
  systemOwnerId: shape.systemOwnerId,
  confidentiality: shape.confidentiality,
  integrity: shape.integrity,
  availability: shape.availability,
  traceability: shape.traceability,
  /** Defaults to today when the levels change. */
  classifiedAt: shape.classifiedAt,
  priority: shape.priority,
  /** Defaults to a year after the classification. */
  nextReviewAt: shape.nextReviewAt,
  notes: shape.notes,
  /** The motivation of each aspect's level: required for every level set or changed. */
  motivations: shape.motivations.unwrap().optional(),
});
export type AssetInput = z.infer<typeof AssetInput>;

/** `POST /assets`: what may be left out of a new asset. */
export const AssetCreateInput = AssetInput.partial({
  critical: true,
  delegateId: true,
  contactId: true,
  systemOwnerId: true,
  confidentiality: true,
  integrity: true,
  availability: true,
  traceability: true,
  classifiedAt: true,
  priority: true,
  nextReviewAt: true,
  notes: true,
  motivations: true,
});
export type AssetCreateInput = z.input<typeof AssetCreateInput>;
/** `PATCH /assets/:id`: the fields that change. */
export const AssetPatchInput = AssetInput.partial();
export type AssetPatchInput = z.input<typeof AssetPatchInput>;

export const ASSET_ROUTES = {
  'GET /assets': { query: AssetListQuery, response: AssetPage },
  'GET /assets/:id': { response: AssetView },
  'POST /assets': { body: AssetCreateInput, response: AssetView },
  'PATCH /assets/:id': { body: AssetPatchInput, response: AssetView },
  'GET /assets/:id/history': { query: HistoryQuery, response: HistoryPage },
  'GET /assets/export.xlsx': { query: AssetListQuery, response: XlsxFile },
  'POST /assets/:id/archive': { body: ArchiveInput, response: AssetView },
  'DELETE /assets/:id': { response: Removed },
} satisfies Routes;
