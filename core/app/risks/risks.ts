/**
 * Risker: the risk register. Risks are recorded per information asset and/or business process,
 * assessed on the 4×4 matrix (core/domain/risk.ts), treated, owned and reviewed. Who may do what:
 * core/domain/policy/register-writes.ts. Every change is audited with the real actor; the history of
 * a risk is read back from the audit log.
 *
 * Queries: the register is small (hundreds of risks in a district, docs/queries.md). Every filter and
 * sort is on an indexed column; a person who does not see the whole register gets `ownerId eq <them>`
 * as the first condition, which selects their own risks (bounded by what one person owns).
 */
import { RISK_MATRIX, RISK_LEVELS, riskLevel, stockholmDate, type RecordOf, type RiskLevel } from '../../domain';
import {
  canAcceptRisk,
  canArchiveRisk,
  canCreateRisk,
  canEditRisk,
  canReadAllRisks,
  canReadRisk,
  canRemoveRecords,
} from '../../domain/policy';
import type { RecordRef } from '../../api/common';
import { RiskCreateInput, RiskListQuery, RiskPatchInput, type HeatMap, type RiskInput, type RiskMatrix, type RiskPage, type RiskRow, type RiskView } from '../../api/risks';
import { HeatMapQuery } from '../../api/risks';
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

const LIST = 'Risks';
type RiskRecord = RecordOf<typeof LIST>;
type StoredRisk = StoredOf<typeof LIST>;
const CODE_LIKE = /^[a-zåäö]{2,6}-\d*$/i;
const LONG = new Set(['threat', 'vulnerability', 'consequence', 'treatmentRationale']);

// ── reading ─────────────────────────────────────────────────────────────────

type AssetLite = { id: string; code: string; name: string; ownerId: string; delegateId: string | null; archived: boolean };

async function assetsById(deps: Deps, ids: (string | null)[]): Promise<Map<string, AssetLite>> {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  const assets = unique.length ? await deps.store.getMany('InformationAssets', unique) : [];
  return new Map(assets.map((a) => [a.id, { id: a.id, code: a.data.code, name: a.data.name, ownerId: a.data.ownerId, delegateId: a.data.delegateId, archived: a.data.archived }]));
}

const assetRef = (a: AssetLite | undefined): RecordRef | null => (a ? { id: a.id, code: a.code, name: a.name } : null);

function toRow(actor: Actor, today: string, names: Names, assets: Map<string, AssetLite>, s: StoredRisk): RiskRow {
  const r = s.data;
  return {
    id: s.id,
    etag: s.etag,
    code: r.code,
    title: r.title,
    asset: assetRef(r.assetId ? assets.get(r.assetId) : undefined),
    process: r.process,
    unit: r.unit,
    likelihood: r.likelihood,
    consequenceLevel: r.consequenceLevel,
    level: r.level,
    treatment: r.treatment,
    status: r.status,
    owner: personRef(names, r.ownerId),
    reviewAt: r.reviewAt,
    reviewDue: r.status !== 'closed' && !r.archived && r.reviewAt <= today,
    archived: r.archived,
    canEdit: !r.archived && canEditRisk(actor, r),
  };
}

async function toView(deps: Deps, actor: Actor, s: StoredRisk): Promise<RiskView> {
  const r = s.data;
  const [assets, actions, history] = await Promise.all([
    assetsById(deps, [r.assetId]),
    r.actionIds.length ? deps.store.getMany('ImprovementActions', r.actionIds) : Promise.resolve([]),
    recordHistory(deps, LIST, s.id),
  ]);
  const names = await namesOf(deps, [r.ownerId, r.decidedBy, r.createdBy, ...actions.map((a) => a.data.ownerId)]);
  const today = stockholmDate(deps.clock.now());
  return {
    ...toRow(actor, today, names, assets, s),
    threat: r.threat,
    vulnerability: r.vulnerability,
    consequence: r.consequence,
    treatmentRationale: r.treatmentRationale,
    transferredTo: r.transferredTo,
    actions: actions.map((a) => ({ id: a.id, title: a.data.title, status: a.data.status, dueAt: a.data.dueAt, owner: personRef(names, a.data.ownerId) })),
    residualLikelihood: r.residualLikelihood,
    residualConsequence: r.residualConsequence,
    residualLevel: r.residualLikelihood && r.residualConsequence ? riskLevel(r.residualLikelihood, r.residualConsequence) : null,
    decidedBy: personRef(names, r.decidedBy),
    decidedAt: r.decidedAt,
    createdBy: personRef(names, r.createdBy),
    updatedAt: r.updatedAt,
    canAccept: !r.archived && canAcceptRisk(actor, r),
    canArchive: !r.archived && canArchiveRisk(actor),
    archive: retentionInfo(deps, LIST, r, canRemoveRecords(actor)),
    history,
  };
}

/** One page of the register. */
export async function listRisks(deps: Deps, actor: Actor, query: unknown): Promise<RiskPage> {
  const q = parseWith(LIST, RiskListQuery, query);
  const all = canReadAllRisks(actor);
  const where: Condition<typeof LIST>[] = [];
  // The most selective condition first: SharePoint judges the threshold on it.
  if (!all) where.push({ field: 'ownerId', op: 'eq', value: actor.id });
  else if (q.ownerId) where.push({ field: 'ownerId', op: 'eq', value: q.ownerId });
  if (q.assetId) where.push({ field: 'assetId', op: 'eq', value: q.assetId });
  if (q.search) where.push(CODE_LIKE.test(q.search) ? { field: 'code', op: 'startswith', value: q.search.toUpperCase() } : { field: 'title', op: 'startswith', value: q.search });
  if (q.unit) where.push({ field: 'unit', op: 'eq', value: q.unit });
  if (q.level) where.push({ field: 'level', op: 'eq', value: q.level });
  if (q.status) where.push({ field: 'status', op: 'eq', value: q.status });
  if (q.treatment) where.push({ field: 'treatment', op: 'eq', value: q.treatment });
  if (q.archived !== 'all') where.push({ field: 'archived', op: 'eq', value: q.archived === 'archived' });
  const page = await deps.store.query(LIST, { where, orderBy: { field: q.sort, direction: q.direction }, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
  const [names, assets] = await Promise.all([namesOf(deps, page.items.map((s) => s.data.ownerId)), assetsById(deps, page.items.map((s) => s.data.assetId))]);
  const today = stockholmDate(deps.clock.now());
  return { items: page.items.map((s) => toRow(actor, today, names, assets, s)), cursor: page.cursor, canCreate: canCreateRisk(actor, null), scope: all ? 'all' : 'own' };
}

async function readable(deps: Deps, actor: Actor, id: string): Promise<StoredRisk> {
  const s = await deps.store.get(LIST, id);
  if (!s) throw new NotFoundError(LIST, id);
  const asset = s.data.assetId ? await deps.store.get('InformationAssets', s.data.assetId) : null;
  if (!canReadRisk(actor, s.data, asset?.data ?? null)) throw forbidden('tab.error.forbidden');
  return s;
}

export async function getRisk(deps: Deps, actor: Actor, id: string): Promise<RiskView> {
  return toView(deps, actor, await readable(deps, actor, id));
}

export async function riskHistory(deps: Deps, actor: Actor, id: string, cursor?: string) {
  await readable(deps, actor, id);
  return recordHistory(deps, LIST, id, cursor);
}

// ── writing ─────────────────────────────────────────────────────────────────

/** References a risk names: its asset (known, in use) and its improvement actions (known). */
async function checkReferences(deps: Deps, data: Partial<RiskRecord>): Promise<void> {
  const issues = [];
  if (data.assetId) {
    const asset = await deps.store.get('InformationAssets', data.assetId);
    if (!asset || asset.data.archived) issues.push(ruleIssue('assetId', 'registers.assetUnknown'));
  }
  if (data.actionIds?.length) {
    const found = await deps.store.getMany('ImprovementActions', data.actionIds);
    if (found.length !== new Set(data.actionIds).size) issues.push(ruleIssue('actionIds', 'registers.actionUnknown'));
  }
  if (issues.length) throw new RecordValidationError(LIST, issues);
  if (data.ownerId !== undefined) await checkPeople(deps, LIST, { ownerId: data.ownerId });
}

const withLevel = (r: RiskRecord): RiskRecord => ({ ...r, level: riskLevel(r.likelihood, r.consequenceLevel) });

export async function createRisk(deps: Deps, actor: Actor, key: string, input: unknown): Promise<RiskView> {
  const sent = parseWith(LIST, RiskCreateInput, input);
  const asset = sent.assetId ? await deps.store.get('InformationAssets', sent.assetId) : null;
  if (!canCreateRisk(actor, asset?.data ?? null)) throw forbidden('tab.error.forbidden');
  if (sent.treatment === 'accept' && !canAcceptRisk(actor, { ownerId: sent.ownerId })) throw forbidden('risk.acceptOnlyOwner');
  const recordKey = `risk:${actor.id}:${key}`;
  const replay = await deps.store.findByKey(LIST, recordKey);
  // A retry after a crash between the create and its audit entry writes the entry then (idempotent by key).
  const recorded = (stored: NonNullable<typeof replay>) =>
    audit(deps, `risk.created:${recordKey}`, {
      actorId: actor.id,
      action: 'risk.created',
      target: `${LIST}/${stored.id}`,
      summary: `Risk ${stored.data.code} registrerad: ${stored.data.title} (${levelText(stored.data.level)})`.slice(0, 500),
      details: { code: stored.data.code, assetId: stored.data.assetId, ownerId: stored.data.ownerId, likelihood: stored.data.likelihood, consequenceLevel: stored.data.consequenceLevel, level: stored.data.level, treatment: stored.data.treatment },
    });
  if (replay) {
    await recorded(replay);
    return toView(deps, actor, replay);
  }
  await checkReferences(deps, sent);
  const code = sent.code ?? (await nextCode(deps, LIST, 'RISK'));
  await checkUniqueCode(deps, LIST, code, { key: recordKey });
  const now = deps.clock.now();
  const data = withLevel({
    code,
    title: sent.title,
    assetId: sent.assetId ?? null,
    process: sent.process ?? null,
    unit: sent.unit,
    threat: sent.threat,
    vulnerability: sent.vulnerability ?? null,
    consequence: sent.consequence,
    likelihood: sent.likelihood,
    consequenceLevel: sent.consequenceLevel,
    level: 'low',
    treatment: sent.treatment ?? null,
    treatmentRationale: sent.treatmentRationale ?? null,
    transferredTo: sent.transferredTo ?? null,
    actionIds: sent.actionIds ?? [],
    residualLikelihood: sent.residualLikelihood ?? null,
    residualConsequence: sent.residualConsequence ?? null,
    ownerId: sent.ownerId,
    decidedBy: sent.treatment ? actor.id : null,
    decidedAt: sent.treatment ? stockholmDate(now) : null,
    reviewAt: sent.reviewAt,
    status: sent.status ?? 'open',
    createdBy: actor.id,
    updatedAt: now.toISOString(),
    lastReminderAt: null,
    archived: false,
    archivedAt: null,
  });
  const stored = await deps.store.create(LIST, recordKey, data);
  await recorded(stored);
  return toView(deps, actor, stored);
}

const LEVEL_SV: Record<RiskLevel, string> = { low: 'låg', medium: 'medel', high: 'hög', very_high: 'mycket hög' };
const levelText = (l: RiskLevel) => `risknivå ${LEVEL_SV[l]}`;

export async function updateRisk(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<RiskView> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canEditRisk(actor, current.data)) throw forbidden('tab.error.forbidden');
  if (current.data.archived) throw forbidden('registers.archivedReadOnly');
  const sent = parseWith(LIST, RiskPatchInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const fields = changedFields(current.data, sent as Partial<RiskRecord>);
  if (!fields.length) return toView(deps, actor, current);
  const next = withLevel({ ...current.data, ...Object.fromEntries(fields.map((f) => [f, (sent as Record<string, unknown>)[f]])) } as RiskRecord);
  // Accepting (or re-wording an acceptance) is the owner's own decision.
  const accepting = next.treatment === 'accept' && (fields.includes('treatment') || fields.includes('treatmentRationale') || fields.includes('ownerId'));
  if (accepting && !canAcceptRisk(actor, next)) throw forbidden('risk.acceptOnlyOwner');
  if (fields.includes('code')) await checkUniqueCode(deps, LIST, next.code, { id });
  await checkReferences(deps, Object.fromEntries(fields.filter((f) => ['assetId', 'actionIds', 'ownerId'].includes(f)).map((f) => [f, next[f]])) as Partial<RiskRecord>);
  const now = deps.clock.now();
  if (fields.includes('treatment') || accepting) {
    next.decidedBy = next.treatment ? actor.id : null;
    next.decidedAt = next.treatment ? stockholmDate(now) : null;
  }
  const patchFields = (Object.keys(next) as (keyof RiskRecord)[]).filter((f) => JSON.stringify(next[f]) !== JSON.stringify(current.data[f]));
  const patch = { ...Object.fromEntries(patchFields.map((f) => [f, next[f]])), updatedAt: now.toISOString() } as Partial<RiskRecord>;
  const updated = await deps.store.update(LIST, current, patch);
  await audit(deps, `risk.updated:${id}:${current.etag.replace(/[^A-Za-z0-9-]/g, '')}`, {
    actorId: actor.id,
    action: accepting ? 'risk.accepted' : fields.includes('treatment') ? 'risk.treated' : 'risk.updated',
    target: `${LIST}/${id}`,
    summary: `Risk ${updated.data.code} ${accepting ? 'accepterad av riskägaren' : 'ändrad'} (${levelText(updated.data.level)})`.slice(0, 500),
    details: { changes: changeDetails(current.data, updated.data, patchFields.filter((f) => f !== 'updatedAt'), LONG) },
  });
  return toView(deps, actor, updated);
}

export async function archiveRisk(deps: Deps, actor: Actor, id: string, etag: string, input: { reason?: string | null | undefined }): Promise<RiskView> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canArchiveRisk(actor)) throw forbidden('tab.error.forbidden');
  if (current.etag !== etag && !current.data.archived) throw new ConflictError(LIST, id);
  const updated = await archiveRecord(deps, actor, LIST, current, { verb: 'risk', label: `Risk ${current.data.code}`, reason: input.reason });
  return toView(deps, actor, updated);
}

export async function removeRisk(deps: Deps, actor: Actor, id: string, etag: string): Promise<void> {
  await removeRecord(deps, actor, LIST, id, etag, { verb: 'risk', label: (r) => `Risk ${r.code}`, allowed: () => canRemoveRecords(actor) });
}

// ── the matrix and the heat map ────────────────────────────────────────────

export function riskMatrix(): RiskMatrix {
  return { likelihoods: [1, 2, 3, 4], consequences: [1, 2, 3, 4], levels: RISK_MATRIX.map((row) => [...row]) };
}

/**
 * Open risks a heat map counts: most a scope may hold for its count (five requests of 999; a
 * district's register holds hundreds). Past it the answer says `truncated`.
 */
export const HEATMAP_LIMIT = 4_995;

/**
 * Open risks per cell of the matrix, for the organisation, one unit or one asset: where each risk is
 * now, and where it is expected after treatment (`residual`; a risk without an estimate stays put).
 * Counted from one bounded query per scope (see HEATMAP_LIMIT); people who see only their own risks
 * get their own.
 */
export async function riskHeatMap(deps: Deps, actor: Actor, query: unknown): Promise<HeatMap> {
  const q = parseWith(LIST, HeatMapQuery, query);
  const where: Condition<typeof LIST>[] = [];
  if (!canReadAllRisks(actor)) where.push({ field: 'ownerId', op: 'eq', value: actor.id });
  if (q.assetId) where.push({ field: 'assetId', op: 'eq', value: q.assetId });
  if (q.unit) where.push({ field: 'unit', op: 'eq', value: q.unit });
  where.push({ field: 'archived', op: 'eq', value: false });
  where.push({ field: 'status', op: 'ne', value: 'closed' });
  const { items, truncated } = await readUpTo(deps.store, LIST, { where }, HEATMAP_LIMIT);
  const cells = new Map<string, { count: number; residual: number }>();
  const cell = (l: number, c: number) => {
    const k = `${l}:${c}`;
    if (!cells.has(k)) cells.set(k, { count: 0, residual: 0 });
    return cells.get(k)!;
  };
  const byLevel = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;
  for (const s of items) {
    const r = s.data;
    cell(r.likelihood, r.consequenceLevel).count++;
    cell(r.residualLikelihood ?? r.likelihood, r.residualConsequence ?? r.consequenceLevel).residual++;
    byLevel[r.level]++;
  }
  const out: HeatMap['cells'] = [];
  for (let l = 1; l <= 4; l++) for (let c = 1; c <= 4; c++) out.push({ likelihood: l, consequence: c, level: riskLevel(l, c), count: cells.get(`${l}:${c}`)?.count ?? 0, residual: cells.get(`${l}:${c}`)?.residual ?? 0 });
  const scope = !canReadAllRisks(actor) ? `own:${actor.id}` : q.assetId ? `asset:${q.assetId}` : q.unit ? `unit:${q.unit}` : 'org';
  return { scope, cells: out, total: items.length, byLevel, truncated, computedAt: deps.clock.now().toISOString() };
}

// ── export ──────────────────────────────────────────────────────────────────

export async function exportRisks(deps: Deps, actor: Actor, query: unknown): Promise<ExportTable> {
  const base = (query ?? {}) as Record<string, unknown>;
  const { rows, truncated } = await collectRows(
    (cursor) => listRisks(deps, actor, { ...base, pageSize: 100, ...(cursor ? { cursor } : {}) }),
    (r: RiskRow) => ({
      code: r.code,
      title: r.title,
      asset: r.asset ? `${r.asset.code} ${r.asset.name}` : null,
      process: r.process,
      unit: r.unit,
      likelihood: r.likelihood,
      consequenceLevel: r.consequenceLevel,
      level: r.level,
      treatment: r.treatment,
      status: r.status,
      owner: r.owner.name ?? r.owner.id,
      reviewAt: r.reviewAt,
      archived: r.archived,
    }),
  );
  return {
    fileName: 'riskregister',
    sheet: 'export.sheet.risks',
    columns: [
      { key: 'code', header: 'export.col.code', type: 'text', width: 12 },
      { key: 'title', header: 'export.col.title', type: 'text', width: 40 },
      { key: 'asset', header: 'export.col.asset', type: 'text', width: 30 },
      { key: 'process', header: 'export.col.process', type: 'text', width: 25 },
      { key: 'unit', header: 'export.col.unit', type: 'text', width: 10 },
      { key: 'likelihood', header: 'export.col.likelihood', type: 'number', width: 14 },
      { key: 'consequenceLevel', header: 'export.col.consequence', type: 'number', width: 14 },
      { key: 'level', header: 'export.col.riskLevel', type: 'text', width: 14, labels: (v) => `risk.level.${v}` as never },
      { key: 'treatment', header: 'export.col.treatment', type: 'text', width: 16, labels: (v) => `risk.treatment.${v}` as never },
      { key: 'status', header: 'export.col.status', type: 'text', width: 14, labels: (v) => `risk.status.${v}` as never },
      { key: 'owner', header: 'export.col.owner', type: 'text', width: 24 },
      { key: 'reviewAt', header: 'export.col.reviewAt', type: 'date', width: 14 },
      { key: 'archived', header: 'export.col.archived', type: 'boolean', width: 10 },
    ],
    rows,
    truncated,
  };
}

export type { RiskInput };
