/**
 * Styrdokument: the register of local instructions — owner, version, status, decision and review
 * date — kept in the tab (the bot's `styrdokument` answer links here). ISAM keeps the register; a
 * document's owner keeps its version, link, status and review date, and records reviews.
 */
import { z } from 'zod';
import { GOVERNING_DOCUMENT_SORT_FIELDS } from './choices';
import { GOVERNING_DOCUMENT_KINDS, GOVERNING_DOCUMENT_STATUSES, GoverningDocument, RecordCode } from '../domain';
import { CursorParam, Day, Direction, Instant, NextCursor, PageSize, PersonRef, type Routes } from './common';
import { ArchivedFilter, ArchiveInput, HistoryPage, HistoryQuery, RetentionInfo, XlsxFile } from './registers';

export const DocumentStatusValue = z.enum(GOVERNING_DOCUMENT_STATUSES);
export const DocumentKindValue = z.enum(GOVERNING_DOCUMENT_KINDS);
/** `ok`, `due_soon` (within 30 days), `overdue`, `repealed`. */
export const ReviewStateValue = z.enum(['ok', 'due_soon', 'overdue', 'repealed']);

/** `GET /governing-documents`. */
export const GoverningDocumentListQuery = z.object({
  /** Start of the title, or of the id when it looks like one (`SD-0`). */
  search: z.string().trim().max(100).optional(),
  status: DocumentStatusValue.optional(),
  kind: DocumentKindValue.optional(),
  ownerId: z.guid().optional(),
  archived: ArchivedFilter.default('active'),
  sort: z.enum(GOVERNING_DOCUMENT_SORT_FIELDS).default('title'),
  direction: Direction.default('asc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type GoverningDocumentListQuery = z.input<typeof GoverningDocumentListQuery>;

export const GoverningDocumentRow = z.strictObject({
  id: z.string(),
  etag: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  kind: DocumentKindValue,
  version: z.string().nullable(),
  description: z.string().nullable(),
  url: z.string(),
  owner: PersonRef,
  decidedAt: Day,
  decidedBy: z.string().nullable(),
  decisionRef: z.string().nullable(),
  reviewAt: Day,
  status: DocumentStatusValue,
  reviewState: ReviewStateValue,
  archived: z.boolean(),
  canRecordReview: z.boolean(),
  canEdit: z.boolean(),
});
export type GoverningDocumentRow = z.infer<typeof GoverningDocumentRow>;

export const GoverningDocumentPage = z.strictObject({ items: z.array(GoverningDocumentRow), cursor: NextCursor, canCreate: z.boolean() });
export type GoverningDocumentPage = z.infer<typeof GoverningDocumentPage>;

export const GoverningDocumentDetail = GoverningDocumentRow.extend({
  /** Fields the actor may change: all (ISAM), the owner's, or none. */
  editableFields: z.array(z.string()),
  updatedAt: Instant.nullable(),
  lastReminderAt: Instant.nullable(),
  canArchive: z.boolean(),
  archive: RetentionInfo,
  history: HistoryPage,
});
export type GoverningDocumentDetail = z.infer<typeof GoverningDocumentDetail>;

const shape = GoverningDocument.shape;
export const GoverningDocumentInput = z.strictObject({
  code: RecordCode('governance.codeFormat').nullable(),
  title: shape.title,
  kind: shape.kind.unwrap(),
  version: z.string().trim().max(20).nullable(),
  description: shape.description,
  url: shape.url,
  ownerId: shape.ownerId,
  decidedAt: shape.decidedAt,
  decidedBy: z.string().trim().max(255).nullable(),
  decisionRef: z.string().trim().max(100).nullable(),
  reviewAt: shape.reviewAt,
  status: shape.status,
});
/** `POST /governing-documents` (Idempotency-Key, ISAM). */
export const GoverningDocumentCreateInput = GoverningDocumentInput.partial({ code: true, kind: true, version: true, description: true, decidedBy: true, decisionRef: true, status: true });
export type GoverningDocumentCreateInput = z.input<typeof GoverningDocumentCreateInput>;
/** `PATCH /governing-documents/:id` (If-Match): ISAM any field, the owner version, url, description, status, reviewAt. */
export const GoverningDocumentPatchInput = GoverningDocumentInput.partial();
export type GoverningDocumentPatchInput = z.input<typeof GoverningDocumentPatchInput>;

/** `POST /governing-documents/:id/review` (If-Match): the review of `reviewAt` is done; the next one is `nextReviewAt` (default a year on). */
export const DocumentReviewInput = z.strictObject({ reviewAt: Day, nextReviewAt: Day.optional() });
export type DocumentReviewInput = z.input<typeof DocumentReviewInput>;

export const GOVERNANCE_ROUTES = {
  'GET /governing-documents': { query: GoverningDocumentListQuery, response: GoverningDocumentPage },
  'GET /governing-documents/export.xlsx': { query: GoverningDocumentListQuery, response: XlsxFile },
  'POST /governing-documents': { body: GoverningDocumentCreateInput, response: GoverningDocumentDetail },
  'GET /governing-documents/:id': { response: GoverningDocumentDetail },
  'GET /governing-documents/:id/history': { query: HistoryQuery, response: HistoryPage },
  'PATCH /governing-documents/:id': { body: GoverningDocumentPatchInput, response: GoverningDocumentDetail },
  'POST /governing-documents/:id/review': { body: DocumentReviewInput, response: GoverningDocumentDetail },
  'POST /governing-documents/:id/archive': { body: ArchiveInput, response: GoverningDocumentDetail },
  // No DELETE: governing documents are kept for good (core/domain/retention.ts).
} satisfies Routes;
