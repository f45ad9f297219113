/**
 * Anskaffningar: one checklist per procurement (issue 14), instead of one per supplier. The
 * requirements are derived when read — never copied — from the procurement's assets as they are
 * classified now (the highest level per aspect, core/domain/requirements.ts), the standard points of
 * the checklist, and the impact assessments of the processing activities that use those assets; the
 * record keeps only each point's state (done, note). A procurement is contracted only when every
 * requirement is met or its deviation noted, and every asset is classified.
 *
 * Reads: the procurement register is small (tens a year). Finding the impact assessments reads the
 * record of processing whole, bounded by PROCESSING_LIMIT (hundreds in a district), because which
 * assets a processing uses is a list inside it, not an indexed column.
 */
import { ProcurementCreateInput, ProcurementListQuery, ProcurementPatchInput, type ProcurementPage, type ProcurementRequirement, type ProcurementRow, type ProcurementView } from '../../api/procurements';
import type { RecordRef } from '../../api/common';
import { CLASSIFICATION_ASPECTS, SUPPLIER_CHECKLIST_KEYS, dpiaChecklistKey, highestLevels, requirementsFor, type AspectLevels, type RecordOf } from '../../domain';
import { canArchiveProcurement, canCreateProcurement, canEditProcurement, canRemoveRecords } from '../../domain/policy';
import { t } from '../../i18n';
import { ConflictError, NotFoundError, RecordValidationError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, readUpTo, type Deps } from '../platform';
import {
  archiveRecord,
  changeDetails,
  changedFields,
  checkPeople,
  checkUniqueCode,
  collectRows,
  namesOf,
  nextCode,
  parseWith,
  personRef,
  recordHistory,
  removeRecord,
  retentionInfo,
  ruleIssue,
  type ExportTable,
  type Names,
} from '../registers';

const LIST = 'Procurements';
type ProcurementRecord = RecordOf<typeof LIST>;
type StoredProcurement = StoredOf<typeof LIST>;
const CODE_LIKE = /^[a-zåäö]{2,6}-\d*$/i;
/** Most processing activities read to find the impact assessments of a procurement's assets. */
export const PROCESSING_LIMIT = 999;

interface Derived {
  assets: StoredOf<'InformationAssets'>[];
  levels: AspectLevels;
  unclassified: StoredOf<'InformationAssets'>[];
  securityProtection: boolean;
  dpias: StoredOf<'ImpactAssessments'>[];
  requirements: Omit<ProcurementRequirement, 'done' | 'note'>[];
}

const levelsOf = (a: RecordOf<'InformationAssets'>): AspectLevels => ({ confidentiality: a.confidentiality, integrity: a.integrity, availability: a.availability, traceability: a.traceability });
const isClassified = (a: RecordOf<'InformationAssets'>) => CLASSIFICATION_ASPECTS.every((x) => a[x] !== null);

/** The requirements of a procurement of these assets, as things stand now. */
async function derive(deps: Deps, assetIds: string[]): Promise<Derived> {
  const assets = assetIds.length ? await deps.store.getMany('InformationAssets', assetIds) : [];
  const classified = assets.filter((a) => isClassified(a.data));
  const levels = highestLevels(classified.map((a) => levelsOf(a.data)));
  const ids = new Set(assets.map((a) => a.id));
  const processing = (await readUpTo(deps.store, 'ProcessingActivities', { where: [{ field: 'archived', op: 'eq', value: false }] }, PROCESSING_LIMIT)).items.filter((p) => p.data.assetIds.some((id) => ids.has(id)));
  const dpiaPages = await Promise.all(processing.map((p) => deps.store.query('ImpactAssessments', { where: [{ field: 'processingActivityId', op: 'eq', value: p.id }], pageSize: 50 })));
  const dpias = dpiaPages.flatMap((p) => p.items).filter((d) => !d.data.archived).sort((a, b) => a.data.code.localeCompare(b.data.code));
  const requirements: Derived['requirements'] = [
    ...SUPPLIER_CHECKLIST_KEYS.map((key) => ({ key, source: 'standard' as const, aspect: null, level: null, sv: t('sv', `tab.checklist.${key}`), en: t('en', `tab.checklist.${key}`) })),
    ...requirementsFor(levels).map((r) => ({ key: r.id, source: 'classification' as const, aspect: r.aspect, level: r.level, sv: r.sv, en: r.en })),
    ...dpias.map((d) => ({
      key: dpiaChecklistKey(d.id),
      source: 'dpia' as const,
      aspect: null,
      level: null,
      sv: t('sv', 'procurement.dpiaRequirement', { code: d.data.code, title: d.data.title }),
      en: t('en', 'procurement.dpiaRequirement', { code: d.data.code, title: d.data.title }),
    })),
  ];
  return { assets, levels, unclassified: assets.filter((a) => !isClassified(a.data)), securityProtection: classified.some((a) => CLASSIFICATION_ASPECTS.some((x) => a.data[x] === 4)), dpias, requirements };
}

const met = (p: { done: boolean; note: string | null } | undefined) => Boolean(p && (p.done || p.note));

function progress(requirements: { key: string }[], checklist: ProcurementRecord['checklist']) {
  const byKey = new Map(checklist.map((c) => [c.key, c]));
  return { met: requirements.filter((r) => met(byKey.get(r.key))).length, required: requirements.length };
}

const ref = (s: { id: string; data: { code: string; name: string } }): RecordRef => ({ id: s.id, code: s.data.code, name: s.data.name });

async function rows(deps: Deps, actor: Actor, items: StoredProcurement[]): Promise<ProcurementRow[]> {
  const assetIds = [...new Set(items.flatMap((p) => p.data.assetIds))];
  const supplierIds = [...new Set(items.map((p) => p.data.supplierId).filter((x): x is string => Boolean(x)))];
  const [assets, suppliers, names] = await Promise.all([
    assetIds.length ? deps.store.getMany('InformationAssets', assetIds) : [],
    supplierIds.length ? deps.store.getMany('Suppliers', supplierIds) : [],
    namesOf(deps, items.map((p) => p.data.ownerId)),
  ]);
  const assetById = new Map(assets.map((a) => [a.id, a]));
  const supplierById = new Map(suppliers.map((s) => [s.id, s]));
  // The list's progress counts the standard and classification points (the impact assessments are counted on the procurement's page).
  return items.map((p) => {
    const mine = p.data.assetIds.map((id) => assetById.get(id)).filter((a): a is StoredOf<'InformationAssets'> => Boolean(a));
    const levels = highestLevels(mine.filter((a) => isClassified(a.data)).map((a) => levelsOf(a.data)));
    const required = [...SUPPLIER_CHECKLIST_KEYS.map((key) => ({ key })), ...requirementsFor(levels).map((r) => ({ key: r.id })), ...p.data.checklist.filter((c) => c.key.startsWith('dpia:')).map((c) => ({ key: c.key }))];
    return toRow(actor, names, p, mine.map(ref), p.data.supplierId ? supplierById.get(p.data.supplierId) : undefined, progress(required, p.data.checklist));
  });
}

function toRow(actor: Actor, names: Names, p: StoredProcurement, assets: RecordRef[], supplier: StoredOf<'Suppliers'> | undefined, prog: { met: number; required: number }): ProcurementRow {
  const d = p.data;
  return {
    id: p.id,
    etag: p.etag,
    code: d.code,
    title: d.title,
    unit: d.unit,
    owner: personRef(names, d.ownerId),
    status: d.status,
    supplier: supplier ? ref(supplier) : null,
    assets,
    progress: prog,
    plannedContractAt: d.plannedContractAt,
    contractedAt: d.contractedAt,
    archived: d.archived,
    canEdit: !d.archived && canEditProcurement(actor, d),
  };
}

async function toView(deps: Deps, actor: Actor, p: StoredProcurement): Promise<ProcurementView> {
  const d = p.data;
  const [derived, supplier, history, names] = await Promise.all([
    derive(deps, d.assetIds),
    d.supplierId ? deps.store.get('Suppliers', d.supplierId) : null,
    recordHistory(deps, LIST, p.id),
    namesOf(deps, [d.ownerId, d.createdBy]),
  ]);
  const byKey = new Map(d.checklist.map((c) => [c.key, c]));
  const required = new Set(derived.requirements.map((r) => r.key));
  return {
    ...toRow(actor, names, p, derived.assets.map(ref), supplier ?? undefined, progress(derived.requirements, d.checklist)),
    description: d.description,
    levels: derived.levels,
    unclassifiedAssets: derived.unclassified.map(ref),
    securityProtection: derived.securityProtection,
    impactAssessments: derived.dpias.map((x) => ({ id: x.id, code: x.data.code, title: x.data.title, status: x.data.status, residualRisk: x.data.residualRisk })),
    requirements: derived.requirements.map((r) => ({ ...r, done: byKey.get(r.key)?.done ?? false, note: byKey.get(r.key)?.note ?? null })),
    formerPoints: d.checklist.filter((c) => !required.has(c.key)).map((c) => ({ key: c.key, done: c.done, note: c.note })),
    createdBy: personRef(names, d.createdBy),
    updatedAt: d.updatedAt,
    canArchive: !d.archived && canArchiveProcurement(actor),
    archive: retentionInfo(deps, LIST, d, canRemoveRecords(actor)),
    history,
  };
}

/** Everyone in the administration may read the procurements and their requirements. */
export async function listProcurements(deps: Deps, actor: Actor, query: unknown): Promise<ProcurementPage> {
  const q = parseWith(LIST, ProcurementListQuery, query);
  const where: Condition<typeof LIST>[] = [];
  if (q.ownerId) where.push({ field: 'ownerId', op: 'eq', value: q.ownerId });
  if (q.supplierId) where.push({ field: 'supplierId', op: 'eq', value: q.supplierId });
  if (q.search) where.push(CODE_LIKE.test(q.search) ? { field: 'code', op: 'startswith', value: q.search.toUpperCase() } : { field: 'title', op: 'startswith', value: q.search });
  if (q.unit) where.push({ field: 'unit', op: 'eq', value: q.unit });
  if (q.status) where.push({ field: 'status', op: 'eq', value: q.status });
  if (q.archived !== 'all') where.push({ field: 'archived', op: 'eq', value: q.archived === 'archived' });
  const page = await deps.store.query(LIST, { where, orderBy: { field: q.sort, direction: q.direction }, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
  return { items: await rows(deps, actor, page.items), cursor: page.cursor, canCreate: canCreateProcurement(actor) };
}

async function stored(deps: Deps, id: string): Promise<StoredProcurement> {
  const p = await deps.store.get(LIST, id);
  if (!p) throw new NotFoundError(LIST, id);
  return p;
}

export async function getProcurement(deps: Deps, actor: Actor, id: string): Promise<ProcurementView> {
  return toView(deps, actor, await stored(deps, id));
}

export async function procurementHistory(deps: Deps, _actor: Actor, id: string, cursor?: string) {
  await stored(deps, id);
  return recordHistory(deps, LIST, id, cursor);
}

/** Checks what a procurement names and, to contract it, that its requirements are met. */
async function check(deps: Deps, next: ProcurementRecord, stored: ProcurementRecord['checklist'], touched: { assets: boolean; supplier: boolean; owner: boolean; checklist: ProcurementRecord['checklist'] | null; contracting: boolean }): Promise<void> {
  const issues = [];
  if (touched.assets) {
    const found = await deps.store.getMany('InformationAssets', next.assetIds);
    if (found.length !== new Set(next.assetIds).size || found.some((a) => a.data.archived)) issues.push(ruleIssue('assetIds', 'registers.assetUnknown'));
  }
  if (touched.supplier && next.supplierId) {
    const s = await deps.store.get('Suppliers', next.supplierId);
    if (!s || s.data.archived) issues.push(ruleIssue('supplierId', 'procurement.supplierUnknown'));
  }
  if (issues.length) throw new RecordValidationError(LIST, issues);
  if (touched.owner) await checkPeople(deps, LIST, { ownerId: next.ownerId });
  if (!touched.checklist && !touched.contracting) return;
  const derived = await derive(deps, next.assetIds);
  // A point sent must be a requirement now, or one stored before (kept when an asset leaves).
  const known = new Set([...derived.requirements.map((r) => r.key), ...stored.map((c) => c.key)]);
  const unknown = (touched.checklist ?? []).findIndex((c) => !known.has(c.key));
  if (unknown >= 0) throw new RecordValidationError(LIST, [{ ...ruleIssue('checklist', 'procurement.unknownPoint', { key: touched.checklist![unknown]!.key }), path: ['checklist', unknown, 'key'] }]);
  if (touched.contracting) {
    if (derived.unclassified.length) throw new RecordValidationError(LIST, [ruleIssue('status', 'procurement.assetsUnclassified', { assets: derived.unclassified.map((a) => a.data.code).join(', ') })]);
    const p = progress(derived.requirements, next.checklist);
    if (p.met < p.required) throw new RecordValidationError(LIST, [ruleIssue('status', 'procurement.checklistIncomplete', { missing: p.required - p.met })]);
  }
}

/** Points sent replace the stored point with the same key; others stay. */
const mergeChecklist = (stored: ProcurementRecord['checklist'], sent: ProcurementRecord['checklist']) => {
  const byKey = new Map(stored.map((c) => [c.key, c]));
  for (const c of sent) byKey.set(c.key, { key: c.key, done: c.done, note: c.note || null });
  return [...byKey.values()];
};

export async function createProcurement(deps: Deps, actor: Actor, key: string, input: unknown): Promise<ProcurementView> {
  if (!canCreateProcurement(actor)) throw forbidden('procurement.onlyCreators');
  const sent = parseWith(LIST, ProcurementCreateInput, input);
  const recordKey = `procurement:${actor.id}:${key}`;
  const replay = await deps.store.findByKey(LIST, recordKey);
  // A retry after a crash between the create and its audit entry writes the entry then (idempotent by key).
  const recorded = (s: NonNullable<typeof replay>) =>
    audit(deps, `procurement.created:${recordKey}`, {
      actorId: actor.id,
      action: 'procurement.created',
      target: `${LIST}/${s.id}`,
      summary: `Anskaffning ${s.data.code} registrerad: ${s.data.title}`.slice(0, 500),
      details: { code: s.data.code, assetIds: s.data.assetIds, supplierId: s.data.supplierId, ownerId: s.data.ownerId },
    });
  if (replay) {
    await recorded(replay);
    return toView(deps, actor, replay);
  }
  const code = sent.code ?? (await nextCode(deps, LIST, 'ANS'));
  await checkUniqueCode(deps, LIST, code, { key: recordKey });
  const data: ProcurementRecord = {
    code,
    title: sent.title,
    description: sent.description ?? null,
    unit: sent.unit,
    ownerId: sent.ownerId,
    status: sent.status ?? 'planning',
    supplierId: sent.supplierId ?? null,
    assetIds: [...new Set(sent.assetIds)],
    checklist: mergeChecklist([], sent.checklist ?? []),
    plannedContractAt: sent.plannedContractAt ?? null,
    contractedAt: sent.contractedAt ?? null,
    createdBy: actor.id,
    updatedAt: deps.clock.now().toISOString(),
    archived: false,
    archivedAt: null,
  };
  await check(deps, data, [], { assets: true, supplier: true, owner: true, checklist: sent.checklist ?? null, contracting: data.status === 'contracted' });
  const s = await deps.store.create(LIST, recordKey, data);
  await recorded(s);
  return toView(deps, actor, s);
}

export async function updateProcurement(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<ProcurementView> {
  const current = await stored(deps, id);
  if (!canEditProcurement(actor, current.data)) throw forbidden('procurement.onlyEditors');
  if (current.data.archived) throw forbidden('registers.archivedReadOnly');
  const sent = parseWith(LIST, ProcurementPatchInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const { checklist, ...rest } = sent;
  const next: ProcurementRecord = { ...current.data, ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<ProcurementRecord>) };
  if (rest.assetIds) next.assetIds = [...new Set(rest.assetIds)];
  if (checklist) next.checklist = mergeChecklist(current.data.checklist, checklist);
  const fields = changedFields(current.data, next);
  if (!fields.length) return toView(deps, actor, current);
  if (fields.includes('code')) await checkUniqueCode(deps, LIST, next.code, { id });
  await check(deps, next, current.data.checklist, {
    assets: fields.includes('assetIds'),
    supplier: fields.includes('supplierId'),
    owner: fields.includes('ownerId'),
    checklist: checklist ?? null,
    contracting: next.status === 'contracted' && (fields.includes('status') || fields.includes('assetIds') || fields.includes('checklist')),
  });
  const updated = await deps.store.update(LIST, current, { ...Object.fromEntries(fields.map((f) => [f, next[f]])), updatedAt: deps.clock.now().toISOString() } as Partial<ProcurementRecord>);
  const contracted = fields.includes('status') && updated.data.status === 'contracted';
  await audit(deps, `procurement.updated:${id}:${current.etag.replace(/[^A-Za-z0-9-]/g, '')}`, {
    actorId: actor.id,
    action: contracted ? 'procurement.contracted' : 'procurement.updated',
    target: `${LIST}/${id}`,
    summary: `Anskaffning ${updated.data.code} ${contracted ? 'avtalad' : 'ändrad'}`.slice(0, 500),
    details: { changes: changeDetails(current.data, updated.data, fields, new Set(['description', 'checklist'])) },
  });
  return toView(deps, actor, updated);
}

export async function archiveProcurement(deps: Deps, actor: Actor, id: string, etag: string, input: { reason?: string | null | undefined }): Promise<ProcurementView> {
  const current = await stored(deps, id);
  if (!canArchiveProcurement(actor)) throw forbidden('tab.error.forbidden');
  if (current.etag !== etag && !current.data.archived) throw new ConflictError(LIST, id);
  return toView(deps, actor, await archiveRecord(deps, actor, LIST, current, { verb: 'procurement', label: `Anskaffning ${current.data.code}`, reason: input.reason }));
}

export async function removeProcurement(deps: Deps, actor: Actor, id: string, etag: string): Promise<void> {
  await removeRecord(deps, actor, LIST, id, etag, { verb: 'procurement', label: (p) => `Anskaffning ${p.code}`, allowed: () => canRemoveRecords(actor) });
}

export async function exportProcurements(deps: Deps, actor: Actor, query: unknown): Promise<ExportTable> {
  const base = (query ?? {}) as Record<string, unknown>;
  const { rows: out, truncated } = await collectRows(
    (cursor) => listProcurements(deps, actor, { ...base, pageSize: 100, ...(cursor ? { cursor } : {}) }),
    (p: ProcurementRow) => ({
      code: p.code,
      title: p.title,
      unit: p.unit,
      owner: p.owner.name ?? p.owner.id,
      status: p.status,
      supplier: p.supplier ? `${p.supplier.code} ${p.supplier.name}` : null,
      assets: p.assets.map((a) => a.code),
      met: p.progress.met,
      required: p.progress.required,
      plannedContractAt: p.plannedContractAt,
      contractedAt: p.contractedAt,
      archived: p.archived,
    }),
  );
  return {
    fileName: 'anskaffningar',
    sheet: 'export.sheet.procurements',
    columns: [
      { key: 'code', header: 'export.col.code', type: 'text', width: 10 },
      { key: 'title', header: 'export.col.title', type: 'text', width: 40 },
      { key: 'unit', header: 'export.col.unit', type: 'text', width: 10 },
      { key: 'owner', header: 'export.col.owner', type: 'text', width: 24 },
      { key: 'status', header: 'export.col.status', type: 'text', width: 14, labels: (v) => `procurement.status.${v}` as never },
      { key: 'supplier', header: 'export.col.supplier', type: 'text', width: 30 },
      { key: 'assets', header: 'export.col.assets', type: 'list', width: 20 },
      { key: 'met', header: 'export.col.requirementsMet', type: 'number', width: 12 },
      { key: 'required', header: 'export.col.requirements', type: 'number', width: 12 },
      { key: 'plannedContractAt', header: 'export.col.plannedContractAt', type: 'date', width: 14 },
      { key: 'contractedAt', header: 'export.col.contractedAt', type: 'date', width: 14 },
      { key: 'archived', header: 'export.col.archived', type: 'boolean', width: 10 },
    ],
    rows: out,
    truncated,
  };
}
