/**
 * The asset register beside the form (assets.ts): information owners assigned through the roles
 * capability, archiving (a decommissioned system), removal after retention, a record's history, the
 * export, and the owner's reminder before a classification's review date.
 */
import { CLASSIFICATION_ASPECTS, summariseClassification } from '../../domain';
import { canGovernAssetRegister, canRemoveRecords } from '../../domain/policy';
import { ConflictError, NotFoundError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, type Deps } from '../platform';
import { archiveRecord, checkPeople, collectRows, queueDueReminders, recordHistory, removeRecord, type ExportTable } from '../registers';
import type { AssetRow, AssetView } from '../../api';
import { getAsset, listAssets } from './assets';

const LIST = 'InformationAssets';

export async function assetHistory(deps: Deps, _actor: Actor, id: string, cursor?: string) {
  if (!(await deps.store.get(LIST, id))) throw new NotFoundError(LIST, id);
  return recordHistory(deps, LIST, id, cursor);
}

/**
 * Makes `ownerId` the information owner of an asset (and `delegateId` its delegate, when given). The
 * caller — the roles capability — has decided that `actor` may. Idempotent: assigning the owner the
 * asset already has changes nothing and writes nothing.
 */
export async function assignAssetOwner(deps: Deps, actor: Actor, assetId: string, ownerId: string, delegateId: string | null | undefined, operationKey: string): Promise<{ asset: StoredOf<typeof LIST>; changed: boolean }> {
  const current = await deps.store.get(LIST, assetId);
  if (!current) throw new NotFoundError(LIST, assetId);
  if (current.data.archived) throw forbidden('registers.archivedReadOnly');
  await checkPeople(deps, LIST, { ownerId, delegateId });
  const patch: { ownerId?: string; delegateId?: string | null } = {};
  if (current.data.ownerId.toLowerCase() !== ownerId.toLowerCase()) patch.ownerId = ownerId;
  if (delegateId !== undefined && (current.data.delegateId ?? '').toLowerCase() !== (delegateId ?? '').toLowerCase()) patch.delegateId = delegateId;
  if (!Object.keys(patch).length) return { asset: current, changed: false };
  const updated = await deps.store.update(LIST, current, { ...patch, updatedAt: deps.clock.now().toISOString() });
  await audit(deps, `asset.owner_assigned:${assetId}:${operationKey}`, {
    actorId: actor.id,
    action: 'asset.owner_assigned',
    target: `${LIST}/${assetId}`,
    summary: `Informationsägare för ${updated.data.code} ändrad`,
    details: { changes: Object.fromEntries(Object.keys(patch).map((f) => [f, { from: current.data[f as 'ownerId'] ?? null, to: updated.data[f as 'ownerId'] ?? null }])) },
  });
  return { asset: updated, changed: true };
}

export async function archiveAsset(deps: Deps, actor: Actor, id: string, etag: string, input: { reason?: string | null | undefined }): Promise<AssetView> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canGovernAssetRegister(actor)) throw forbidden('tab.error.governedField');
  if (current.etag !== etag && !current.data.archived) throw new ConflictError(LIST, id);
  await archiveRecord(deps, actor, LIST, current, { verb: 'asset', label: `Informationstillgång ${current.data.code}`, reason: input.reason });
  return getAsset(deps, actor, id);
}

export async function removeAsset(deps: Deps, actor: Actor, id: string, etag: string): Promise<void> {
  await removeRecord(deps, actor, LIST, id, etag, { verb: 'asset', label: (a) => `Informationstillgång ${a.code}`, allowed: () => canRemoveRecords(actor) });
}

export async function exportAssets(deps: Deps, actor: Actor, query: unknown): Promise<ExportTable> {
  const base = (query ?? {}) as Record<string, unknown>;
  const { rows, truncated } = await collectRows(
    (cursor) => listAssets(deps, actor, { ...base, pageSize: 100, ...(cursor ? { cursor } : {}) } as never),
    (a: AssetRow) => ({
      code: a.code,
      name: a.name,
      unit: a.unit,
      owner: a.owner.name ?? a.owner.id,
      critical: a.critical,
      ...Object.fromEntries(CLASSIFICATION_ASPECTS.map((x) => [x, a.levels[x]])),
      state: a.summary.state,
      level4: a.summary.securityProtectionFlag,
      classifiedAt: a.classifiedAt,
      nextReviewAt: a.nextReviewAt,
      priority: a.priority,
      archived: a.archived,
    }),
  );
  return {
    fileName: 'informationstillgangar',
    sheet: 'export.sheet.assets',
    columns: [
      { key: 'code', header: 'export.col.code', type: 'text', width: 10 },
      { key: 'name', header: 'export.col.name', type: 'text', width: 36 },
      { key: 'unit', header: 'export.col.unit', type: 'text', width: 10 },
      { key: 'owner', header: 'export.col.informationOwner', type: 'text', width: 24 },
      { key: 'critical', header: 'export.col.critical', type: 'boolean', width: 10 },
      { key: 'confidentiality', header: 'export.col.confidentiality', type: 'number', width: 8 },
      { key: 'integrity', header: 'export.col.integrity', type: 'number', width: 8 },
      { key: 'availability', header: 'export.col.availability', type: 'number', width: 8 },
      { key: 'traceability', header: 'export.col.traceability', type: 'number', width: 8 },
      { key: 'state', header: 'export.col.classificationState', type: 'text', width: 18, labels: (v) => `export.classification.${v}` as never },
      { key: 'level4', header: 'export.col.securityProtection', type: 'boolean', width: 14 },
      { key: 'classifiedAt', header: 'export.col.classifiedAt', type: 'date', width: 14 },
      { key: 'nextReviewAt', header: 'export.col.reviewAt', type: 'date', width: 14 },
      { key: 'priority', header: 'export.col.priority', type: 'number', width: 10 },
      { key: 'archived', header: 'export.col.archived', type: 'boolean', width: 10 },
    ],
    rows,
    truncated,
  };
}

/** The owner of a classified asset is reminded before its review date (once per date). */
export function queueClassificationReminders(deps: Deps, now: Date): Promise<string[]> {
  return queueDueReminders(deps, now, {
    kind: 'classification_review',
    list: LIST,
    field: 'nextReviewAt',
    where: [{ field: 'archived', op: 'eq', value: false }],
    due: (s) => summariseClassification(s.data, '0000-01-01').state !== 'unclassified',
    to: (s) => ({ type: 'person', id: s.data.ownerId }),
    payload: (s) => ({ register: 'assets', id: s.id, code: s.data.code, title: s.data.name, detail: `K${s.data.confidentiality} R${s.data.integrity} T${s.data.availability} S${s.data.traceability}` }),
    marks: true,
  });
}
