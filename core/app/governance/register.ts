/**
 * Styrdokument in the tab: the register page by page (indexed filters and sort: the register holds
 * tens of documents), one document with its history and retention, archiving, the export, and a
 * review recorded from the tab. Creating and changing are documents.ts (shared with the bot).
 */
import { GoverningDocumentListQuery, DocumentReviewInput, type GoverningDocumentDetail, type GoverningDocumentPage, type GoverningDocumentRow } from '../../api/governance';
import { canManageGoverningDocuments, canRecordReview, GOVERNING_DOCUMENT_OWNER_FIELDS, reviewState, stockholmDate, type RecordOf } from '../../domain';
import { canEditGoverningDocument, canRemoveRecords } from '../../domain/policy';
import { ConflictError, NotFoundError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { forbidden, type Deps } from '../platform';
import { archiveRecord, collectRows, namesOf, parseWith, personRef, recordHistory, removeRecord, retentionInfo, type ExportTable, type Names } from '../registers';
import { createGoverningDocument, recordDocumentReview, updateGoverningDocument } from './documents';

const LIST = 'GoverningDocuments';
type StoredDoc = StoredOf<typeof LIST>;
const CODE_LIKE = /^[a-zåäö]{2,6}-\d*$/i;

function toRow(actor: Actor, today: string, names: Names, d: StoredDoc): GoverningDocumentRow {
  const g = d.data;
  return {
    id: d.id,
    etag: d.etag,
    code: g.code,
    title: g.title,
    kind: g.kind,
    version: g.version,
    description: g.description,
    url: g.url,
    owner: personRef(names, g.ownerId),
    decidedAt: g.decidedAt,
    decidedBy: g.decidedBy,
    decisionRef: g.decisionRef,
    reviewAt: g.reviewAt,
    status: g.status,
    reviewState: reviewState(g, today),
    archived: g.archived,
    canRecordReview: !g.archived && g.status !== 'repealed' && g.status !== 'draft' && canRecordReview(actor, g),
    canEdit: !g.archived && canEditGoverningDocument(actor, g),
  };
}

async function detail(deps: Deps, actor: Actor, d: StoredDoc): Promise<GoverningDocumentDetail> {
  const [names, history] = await Promise.all([namesOf(deps, [d.data.ownerId]), recordHistory(deps, LIST, d.id)]);
  const isam = canManageGoverningDocuments(actor);
  const row = toRow(actor, stockholmDate(deps.clock.now()), names, d);
  return {
    ...row,
    editableFields: !row.canEdit ? [] : isam ? ['code', 'title', 'kind', 'version', 'description', 'url', 'ownerId', 'decidedAt', 'decidedBy', 'decisionRef', 'reviewAt', 'status'] : [...GOVERNING_DOCUMENT_OWNER_FIELDS],
    updatedAt: d.data.updatedAt,
    lastReminderAt: d.data.lastReminderAt,
    canArchive: !d.data.archived && isam,
    archive: retentionInfo(deps, LIST, d.data, canRemoveRecords(actor)),
    history,
  };
}

export async function listGoverningDocumentPage(deps: Deps, actor: Actor, query: unknown): Promise<GoverningDocumentPage> {
  const q = parseWith(LIST, GoverningDocumentListQuery, query);
  const where: Condition<typeof LIST>[] = [];
  if (q.ownerId) where.push({ field: 'ownerId', op: 'eq', value: q.ownerId });
  if (q.search) where.push(CODE_LIKE.test(q.search) ? { field: 'code', op: 'startswith', value: q.search.toUpperCase() } : { field: 'title', op: 'startswith', value: q.search });
  if (q.status) where.push({ field: 'status', op: 'eq', value: q.status });
  if (q.kind) where.push({ field: 'kind', op: 'eq', value: q.kind });
  if (q.archived !== 'all') where.push({ field: 'archived', op: 'eq', value: q.archived === 'archived' });
  const page = await deps.store.query(LIST, { where, orderBy: { field: q.sort, direction: q.direction }, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
  const names = await namesOf(deps, page.items.map((d) => d.data.ownerId));
  const today = stockholmDate(deps.clock.now());
  return { items: page.items.map((d) => toRow(actor, today, names, d)), cursor: page.cursor, canCreate: canManageGoverningDocuments(actor) };
}

async function stored(deps: Deps, id: string): Promise<StoredDoc> {
  const d = await deps.store.get(LIST, id);
  if (!d) throw new NotFoundError(LIST, id);
  return d;
}

export async function getGoverningDocumentDetail(deps: Deps, actor: Actor, id: string): Promise<GoverningDocumentDetail> {
  return detail(deps, actor, await stored(deps, id));
}

export async function governingDocumentHistory(deps: Deps, _actor: Actor, id: string, cursor?: string) {
  await stored(deps, id);
  return recordHistory(deps, LIST, id, cursor);
}

export async function createGoverningDocumentDetail(deps: Deps, actor: Actor, key: string, input: unknown): Promise<GoverningDocumentDetail> {
  const view = await createGoverningDocument(deps, actor, input, key);
  return getGoverningDocumentDetail(deps, actor, view.id);
}

export async function updateGoverningDocumentDetail(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<GoverningDocumentDetail> {
  const view = await updateGoverningDocument(deps, actor, id, etag, input);
  return getGoverningDocumentDetail(deps, actor, view.id);
}

/** A review recorded from the tab, at the document's version the tab showed. */
export async function reviewGoverningDocument(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<GoverningDocumentDetail> {
  const v = parseWith(LIST, DocumentReviewInput, input);
  const current = await stored(deps, id);
  if (current.etag !== etag && current.data.reviewAt === v.reviewAt) throw new ConflictError(LIST, id);
  await recordDocumentReview(deps, actor, id, v.reviewAt, v.nextReviewAt ? { nextReviewAt: v.nextReviewAt } : {});
  return getGoverningDocumentDetail(deps, actor, id);
}

export async function archiveGoverningDocument(deps: Deps, actor: Actor, id: string, etag: string, input: { reason?: string | null | undefined }): Promise<GoverningDocumentDetail> {
  const current = await stored(deps, id);
  if (!canManageGoverningDocuments(actor)) throw forbidden('governance.onlyIsam');
  if (current.etag !== etag && !current.data.archived) throw new ConflictError(LIST, id);
  return detail(deps, actor, await archiveRecord(deps, actor, LIST, current, { verb: 'governing_document', label: `Styrdokument ${current.data.code ?? current.data.title}`, reason: input.reason }));
}

/** Governing documents are kept for good: removal is always refused with that reason (retention.ts). */
export async function removeGoverningDocument(deps: Deps, actor: Actor, id: string, etag: string): Promise<void> {
  await removeRecord(deps, actor, LIST, id, etag, { verb: 'governing_document', label: (d: RecordOf<typeof LIST>) => `Styrdokument ${d.code ?? d.title}`, allowed: () => canRemoveRecords(actor) });
}

export async function exportGoverningDocuments(deps: Deps, actor: Actor, query: unknown): Promise<ExportTable> {
  const base = (query ?? {}) as Record<string, unknown>;
  const { rows, truncated } = await collectRows(
    (cursor) => listGoverningDocumentPage(deps, actor, { ...base, pageSize: 100, ...(cursor ? { cursor } : {}) }),
    (d: GoverningDocumentRow) => ({
      code: d.code,
      title: d.title,
      kind: d.kind,
      version: d.version,
      owner: d.owner.name ?? d.owner.id,
      status: d.status,
      decidedAt: d.decidedAt,
      decidedBy: d.decidedBy,
      decisionRef: d.decisionRef,
      reviewAt: d.reviewAt,
      url: d.url,
      archived: d.archived,
    }),
  );
  return {
    fileName: 'styrdokument',
    sheet: 'export.sheet.governingDocuments',
    columns: [
      { key: 'code', header: 'export.col.code', type: 'text', width: 10 },
      { key: 'title', header: 'export.col.title', type: 'text', width: 50 },
      { key: 'kind', header: 'export.col.kind', type: 'text', width: 14, labels: (v) => `governance.kind.${v}` as never },
      { key: 'version', header: 'export.col.version', type: 'text', width: 10 },
      { key: 'owner', header: 'export.col.owner', type: 'text', width: 24 },
      { key: 'status', header: 'export.col.status', type: 'text', width: 16, labels: (v) => `governance.status.${v}` as never },
      { key: 'decidedAt', header: 'export.col.decidedAt', type: 'date', width: 14 },
      { key: 'decidedBy', header: 'export.col.decidedBy', type: 'text', width: 24 },
      { key: 'decisionRef', header: 'export.col.decisionRef', type: 'text', width: 18 },
      { key: 'reviewAt', header: 'export.col.reviewAt', type: 'date', width: 14 },
      { key: 'url', header: 'export.col.url', type: 'text', width: 40 },
      { key: 'archived', header: 'export.col.archived', type: 'boolean', width: 10 },
    ],
    rows,
    truncated,
  };
}
