/**
 * Leverantörer for the tab: suppliers with their sub-supplier chain as a tree (`parentId`), the
 * PUB-avtal status with its expiry, the systems each supplier serves — derived from the assets
 * whose `supplierIds` name it, never stored on the supplier — and the procurement security
 * checklist, which ISAM and the IT security officer edit with If-Match.
 */
import { ChecklistInput, type ChecklistPoint, type DpaExpiry, type SupplierNode, type SupplierTree, type SupplierView, type SystemRef } from '../../api';
import { addStockholmDays, stockholmDate, SUPPLIER_CHECKLIST_KEYS, type RecordOf } from '../../domain';
import { canEditSupplierChecklist } from '../../domain/policy';
import { issuesFromZod } from '../../i18n/validation';
import { ConflictError, NotFoundError, RecordValidationError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, readSmall, type Deps } from '../platform';
import { matchingIds } from '../search';

type StoredSupplier = StoredOf<'Suppliers'>;

/** Most suppliers the tree holds (a district has hundreds). */
export const SUPPLIER_TREE_LIMIT = 2_000;

function dpaExpiry(s: RecordOf<'Suppliers'>, today: string, soon: string): DpaExpiry {
  if (s.dpaStatus === 'expired') return 'expired';
  if (!s.dpaExpiresAt) return null;
  if (s.dpaExpiresAt < today) return 'expired';
  return s.dpaExpiresAt <= soon ? 'soon' : 'ok';
}

/** Standard points first (in order), then any other stored points. */
function checklistOf(s: RecordOf<'Suppliers'>): ChecklistPoint[] {
  const stored = new Map(s.securityChecklist.map((c) => [c.key, c]));
  const standard = SUPPLIER_CHECKLIST_KEYS.map((key) => ({ key, done: stored.get(key)?.done ?? false, note: stored.get(key)?.note ?? null }));
  const extra = s.securityChecklist.filter((c) => !(SUPPLIER_CHECKLIST_KEYS as readonly string[]).includes(c.key)).map((c) => ({ key: c.key, done: c.done, note: c.note }));
  return [...standard, ...extra];
}

/** Systems per supplier id: the assets whose `supplierIds` name it (the asset register: a small list). */
async function systemsBySupplier(deps: Deps, assets?: StoredOf<'InformationAssets'>[]): Promise<Map<string, SystemRef[]>> {
  const out = new Map<string, SystemRef[]>();
  for (const a of assets ?? (await readSmall(deps.store, 'InformationAssets', { orderBy: { field: 'code', direction: 'asc' } }))) {
    if (a.data.archived) continue; // a decommissioned system is not served any more
    for (const sid of a.data.supplierIds) {
      if (!out.has(sid)) out.set(sid, []);
      out.get(sid)!.push({ id: a.id, code: a.data.code, name: a.data.name });
    }
  }
  return out;
}

function dates(deps: Deps) {
  const now = deps.clock.now();
  return { today: stockholmDate(now), soon: stockholmDate(addStockholmDays(now, 90)) };
}

/**
 * Every supplier as a tree of sub-suppliers. A search (within words, ADR 016) lists matches flat.
 * `archived`: `active` (default) the suppliers in use, `archived` those kept as evidence, `all` both.
 * The register holds hundreds of suppliers in a district: one bounded read (999 of each register).
 */
export async function listSuppliers(deps: Deps, actor: Actor, query: { search?: string | undefined; archived?: string | undefined }): Promise<SupplierTree> {
  const text = query.search?.trim().slice(0, 100) ?? '';
  const archived = query.archived === 'archived' || query.archived === 'all' ? query.archived : 'active';
  const where: Condition<'Suppliers'>[] = [];
  if (archived !== 'all') where.push({ field: 'archived', op: 'eq', value: archived === 'archived' });
  // A search finds its words anywhere in the id, name or services, also inside words (ADR 016).
  // Both registers are small lists (hundreds): one $batch, 999 of each.
  const [found, [suppliers, assets]] = await Promise.all([
    text ? matchingIds(deps.store, 'suppliers', text) : Promise.resolve(null),
    deps.store.queryMany([
      { list: 'Suppliers', options: { ...(where.length ? { where } : {}), orderBy: { field: 'name', direction: 'asc' }, pageSize: 999 } },
      { list: 'InformationAssets', options: { orderBy: { field: 'code', direction: 'asc' }, pageSize: 999 } },
    ] as const),
  ]);
  const search = found !== null;
  const all: StoredSupplier[] = suppliers.items.filter((s) => !found || found.has(s.id)).slice(0, SUPPLIER_TREE_LIMIT);
  const systems = await systemsBySupplier(deps, assets.items);
  const { today, soon } = dates(deps);
  const nodes = new Map<string, SupplierNode>(
    all.map((s) => {
      const list = checklistOf(s.data);
      return [
        s.id,
        {
          id: s.id,
          code: s.data.code,
          name: s.data.name,
          parentId: s.data.parentId,
          services: s.data.services,
          processesPersonalData: s.data.processesPersonalData,
          dpaStatus: s.data.dpaStatus,
          dpaExpiresAt: s.data.dpaExpiresAt,
          dpaExpiry: dpaExpiry(s.data, today, soon),
          systems: systems.get(s.id) ?? [],
          checklist: { done: list.filter((c) => c.done).length, total: list.length },
          depth: 0,
          archived: s.data.archived,
          children: [],
        },
      ];
    }),
  );
  const roots: SupplierNode[] = [];
  for (const node of nodes.values()) {
    const parent = !search && node.parentId ? nodes.get(node.parentId) : undefined;
    // A cycle or a missing parent must not hide a supplier: it is shown at the top.
    if (parent && parent !== node && !isAncestor(nodes, node.id, parent)) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (n: SupplierNode, d: number) => {
    n.depth = d;
    for (const c of n.children) setDepth(c, d + 1);
  };
  for (const r of roots) setDepth(r, 0);
  return { roots, total: all.length, canEditChecklist: canEditSupplierChecklist(actor) };
}

function isAncestor(nodes: Map<string, SupplierNode>, id: string, from: SupplierNode): boolean {
  let cur: SupplierNode | undefined = from;
  for (let i = 0; cur && i < 50; i++) {
    if (cur.parentId === id) return true;
    cur = cur.parentId ? nodes.get(cur.parentId) : undefined;
  }
  return false;
}

async function toView(deps: Deps, actor: Actor, s: StoredSupplier): Promise<SupplierView> {
  const d = s.data;
  const [parent, children, systems, owner] = await Promise.all([
    d.parentId ? deps.store.get('Suppliers', d.parentId) : null,
    deps.store.query('Suppliers', { where: [{ field: 'parentId', op: 'eq', value: s.id }], orderBy: { field: 'name', direction: 'asc' }, pageSize: 200 }),
    systemsBySupplier(deps),
    d.contractOwnerId ? deps.directory.getPerson(d.contractOwnerId) : null,
  ]);
  const { today, soon } = dates(deps);
  return {
    id: s.id,
    etag: s.etag,
    code: d.code,
    name: d.name,
    orgNumber: d.orgNumber,
    parent: parent ? { id: parent.id, code: parent.data.code, name: parent.data.name } : null,
    subSuppliers: children.items.map((c) => ({ id: c.id, code: c.data.code, name: c.data.name })),
    services: d.services,
    processesPersonalData: d.processesPersonalData,
    dpaStatus: d.dpaStatus,
    dpaSignedAt: d.dpaSignedAt,
    dpaExpiresAt: d.dpaExpiresAt,
    dpaExpiry: dpaExpiry(d, today, soon),
    dpaInstructionAttached: d.dpaInstructionAttached,
    dpaSubprocessorListAttached: d.dpaSubprocessorListAttached,
    contractOwner: d.contractOwnerId ? { id: d.contractOwnerId, name: owner?.displayName ?? null } : null,
    contractEndsAt: d.contractEndsAt,
    thirdCountry: d.thirdCountry,
    thirdCountrySafeguard: d.thirdCountrySafeguard,
    lastFollowUpAt: d.lastFollowUpAt,
    nextFollowUpAt: d.nextFollowUpAt,
    systems: systems.get(s.id) ?? [],
    checklist: checklistOf(d),
    canEditChecklist: canEditSupplierChecklist(actor),
  };
}

export async function getSupplier(deps: Deps, actor: Actor, id: string): Promise<SupplierView> {
  const s = await deps.store.get('Suppliers', id);
  if (!s) throw new NotFoundError('Suppliers', id);
  return toView(deps, actor, s);
}

/** Replaces the checklist of a supplier read at `etag`. ISAM and the IT security officer only. */
export async function updateSupplierChecklist(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<SupplierView> {
  if (!canEditSupplierChecklist(actor)) throw forbidden('tab.error.forbidden');
  const current = await deps.store.get('Suppliers', id);
  if (!current) throw new NotFoundError('Suppliers', id);
  const parsed = ChecklistInput.safeParse(input);
  if (!parsed.success) throw new RecordValidationError('Suppliers', issuesFromZod(parsed.error));
  if (current.etag !== etag) throw new ConflictError('Suppliers', id);
  const items = parsed.data.items.map((c) => ({ key: c.key, done: c.done, note: c.note || null }));
  const updated = await deps.store.update('Suppliers', current, { securityChecklist: items });
  await audit(deps, `supplier.checklist:${id}:${current.etag}`, {
    actorId: actor.id,
    action: 'supplier.checklist_updated',
    target: `Suppliers/${id}`,
    summary: `Säkerhetskrav för ${updated.data.code} uppdaterade (${items.filter((c) => c.done).length} av ${items.length} uppfyllda)`,
    details: { done: items.filter((c) => c.done).map((c) => c.key) },
  });
  return toView(deps, actor, updated);
}
