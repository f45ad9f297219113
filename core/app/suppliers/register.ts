/**
 * The supplier register kept in the tab (issue 14): creating and editing suppliers, their chain of
 * sub-suppliers (a parent may not be the supplier itself or one of its own sub-suppliers, and the
 * chain is at most MAX_SUPPLIER_CHAIN_DEPTH deep), the PUB-avtal, third-country transfers, and
 * follow-ups whose next planned date is kept in the indexed `nextFollowUpAt` for the reminders.
 *
 * ISAM and the IT security officer keep the register; a supplier's contract owner records follow-ups
 * and the agreement's dates (CONTRACT_OWNER_FIELDS). Every change is audited with the real actor.
 */
import { CONTRACT_OWNER_FIELDS, SupplierCreateInput, SupplierPatchInput, type FollowUpInput, type SupplierRegisterFields } from '../../api';
import type { RecordRef } from '../../api/common';
import { followUpDates, MAX_SUPPLIER_CHAIN_DEPTH, stockholmDate, type RecordOf, type SupplierFollowUp } from '../../domain';
import { canArchiveSupplier, canEditSupplier, canManageSuppliers, canRemoveRecords } from '../../domain/policy';
import { ConflictError, NotFoundError, RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, wrongState, type Deps } from '../platform';
import {
  archiveRecord,
  changeDetails,
  changedFields,
  checkPeople,
  checkUniqueCode,
  namesOf,
  nextCode,
  parseWith,
  personRef,
  queueDueReminders,
  recordHistory,
  removeRecord,
  retentionInfo,
  ruleIssue,
  MAX_EXPORT_ROWS,
  type ExportRow,
  type ExportTable,
} from '../registers';
import type { SupplierNode } from '../../api';
import { getSupplier, listSuppliers } from './suppliers';

const LIST = 'Suppliers';
type SupplierRecord = RecordOf<typeof LIST>;
type StoredSupplier = StoredOf<typeof LIST>;
const LONG = new Set(['services', 'notes', 'followUps', 'thirdCountrySafeguard']);

/** The chain above a supplier, from the top down to its parent (at most MAX_SUPPLIER_CHAIN_DEPTH reads). */
export async function chainAbove(deps: Pick<Deps, 'store'>, parentId: string | null): Promise<StoredSupplier[]> {
  const chain: StoredSupplier[] = [];
  let next = parentId;
  while (next && chain.length <= MAX_SUPPLIER_CHAIN_DEPTH) {
    const s = await deps.store.get(LIST, next);
    if (!s || chain.some((c) => c.id === s.id)) break;
    chain.unshift(s);
    next = s.data.parentId;
  }
  return chain;
}

/** The deepest chain of sub-suppliers below a supplier (bounded by the depth limit; indexed `parentId`). */
async function depthBelow(deps: Pick<Deps, 'store'>, id: string, seen = new Set<string>()): Promise<number> {
  if (seen.has(id) || seen.size > MAX_SUPPLIER_CHAIN_DEPTH * 20) return 0;
  seen.add(id);
  const children = (await deps.store.query(LIST, { where: [{ field: 'parentId', op: 'eq', value: id }], pageSize: 200 })).items;
  let deepest = 0;
  for (const c of children) deepest = Math.max(deepest, 1 + (await depthBelow(deps, c.id, seen)));
  return deepest;
}

/** A parent that is the supplier itself, one of its sub-suppliers, or makes the chain too deep is refused. */
async function checkParent(deps: Deps, id: string | null, parentId: string | null): Promise<void> {
  if (!parentId) return;
  const parent = await deps.store.get(LIST, parentId);
  if (!parent || parent.data.archived) throw new RecordValidationError(LIST, [ruleIssue('parentId', 'supplier.parentUnknown')]);
  const chain = await chainAbove(deps, parentId);
  if (id && (parentId === id || chain.some((c) => c.id === id))) throw new RecordValidationError(LIST, [ruleIssue('parentId', 'supplier.cycle')]);
  const below = id ? await depthBelow(deps, id) : 0;
  if (chain.length + 1 + below > MAX_SUPPLIER_CHAIN_DEPTH) throw new RecordValidationError(LIST, [ruleIssue('parentId', 'supplier.chainTooDeep', { max: MAX_SUPPLIER_CHAIN_DEPTH })]);
}

/** The follow-ups a form sent, with stored ids kept, new ones numbered on, and who recorded each as done. */
function mergeFollowUps(actor: Actor, stored: SupplierFollowUp[], sent: FollowUpInput[]): SupplierFollowUp[] {
  const byId = new Map(stored.map((f) => [f.id, f]));
  let next = Math.max(0, ...stored.map((f) => Number(f.id.slice(1))), ...sent.map((f) => (f.id ? Number(f.id.slice(1)) : 0))) + 1;
  const issues = sent.flatMap((f, i) => (f.id && !byId.has(f.id) ? [{ ...ruleIssue('followUps', 'supplier.followUp.unknown', { id: f.id }), path: ['followUps', i, 'id'] }] : []));
  if (issues.length) throw new RecordValidationError(LIST, issues);
  return sent.map((f) => {
    const before = f.id ? byId.get(f.id) : undefined;
    const doneAt = f.doneAt ?? null;
    return {
      id: f.id ?? `U${next++}`,
      plannedAt: f.plannedAt,
      focus: f.focus,
      doneAt,
      doneBy: doneAt ? (before?.doneAt === doneAt ? before.doneBy : actor.id) : null,
      findings: f.findings ?? null,
    };
  });
}

/** What the supplier page shows besides issue 5's fields. */
export async function supplierRegisterFields(deps: Deps, actor: Actor, s: StoredSupplier): Promise<SupplierRegisterFields> {
  const d = s.data;
  const [chain, history, names] = await Promise.all([chainAbove(deps, d.parentId), recordHistory(deps, LIST, s.id), namesOf(deps, d.followUps.map((f) => f.doneBy))]);
  const today = stockholmDate(deps.clock.now());
  const all = canManageSuppliers(actor);
  const editable = d.archived ? [] : all ? ['code', 'name', 'orgNumber', 'parentId', 'services', 'processesPersonalData', 'thirdCountry', 'thirdCountrySafeguard', 'contractOwnerId', ...CONTRACT_OWNER_FIELDS] : canEditSupplier(actor, d) ? [...CONTRACT_OWNER_FIELDS] : [];
  return {
    depth: chain.length,
    chain: chain.map((c): RecordRef => ({ id: c.id, code: c.data.code, name: c.data.name })),
    followUps: d.followUps.map((f) => ({ id: f.id, plannedAt: f.plannedAt, focus: f.focus, doneAt: f.doneAt, doneBy: personRef(names, f.doneBy), findings: f.findings, overdue: !f.doneAt && f.plannedAt < today })),
    notes: d.notes,
    updatedAt: d.updatedAt,
    archived: d.archived,
    editableFields: editable,
    canArchive: !d.archived && canArchiveSupplier(actor),
    archive: retentionInfo(deps, LIST, d, canRemoveRecords(actor)),
    history,
  };
}

export async function supplierHistory(deps: Deps, _actor: Actor, id: string, cursor?: string) {
  if (!(await deps.store.get(LIST, id))) throw new NotFoundError(LIST, id);
  return recordHistory(deps, LIST, id, cursor);
}

const DEFAULTS = {
  orgNumber: null,
  parentId: null,
  dpaSignedAt: null,
  dpaExpiresAt: null,
  dpaInstructionAttached: false,
  dpaSubprocessorListAttached: false,
  contractOwnerId: null,
  contractEndsAt: null,
  thirdCountry: null,
  thirdCountrySafeguard: null,
  notes: null,
};

/** Creates a supplier; returns the stored record (the route answers with the supplier page). */
export async function createSupplier(deps: Deps, actor: Actor, key: string, input: unknown): Promise<StoredSupplier> {
  if (!canManageSuppliers(actor)) throw forbidden('supplier.onlyIsamOrItsec');
  const sent = parseWith(LIST, SupplierCreateInput, input);
  const recordKey = `supplier:${actor.id}:${key}`;
  const replay = await deps.store.findByKey(LIST, recordKey);
  // A retry after a crash between the create and its audit entry writes the entry then (idempotent by key).
  const recorded = (stored: NonNullable<typeof replay>) =>
    audit(deps, `supplier.created:${recordKey}`, {
      actorId: actor.id,
      action: 'supplier.created',
      target: `${LIST}/${stored.id}`,
      summary: `Leverantör ${stored.data.code} registrerad: ${stored.data.name}`.slice(0, 500),
      details: { code: stored.data.code, parentId: stored.data.parentId, dpaStatus: stored.data.dpaStatus, contractOwnerId: stored.data.contractOwnerId },
    });
  if (replay) {
    await recorded(replay);
    return replay;
  }
  const { followUps: sentFollowUps, ...fields } = sent;
  const followUps = mergeFollowUps(actor, [], sentFollowUps ?? []);
  const dates = followUpDates(followUps);
  await checkParent(deps, null, fields.parentId ?? null);
  await checkPeople(deps, LIST, { contractOwnerId: fields.contractOwnerId ?? null });
  const code = fields.code ?? (await nextCode(deps, LIST, 'SUP'));
  await checkUniqueCode(deps, LIST, code, { key: recordKey });
  const now = deps.clock.now().toISOString();
  const data: SupplierRecord = {
    ...DEFAULTS,
    ...fields,
    code,
    followUps,
    nextFollowUpAt: dates.next,
    lastFollowUpAt: dates.last,
    securityChecklist: [],
    updatedAt: now,
    lastReminderAt: null,
    archived: false,
    archivedAt: null,
  };
  const stored = await deps.store.create(LIST, recordKey, data);
  await recorded(stored);
  return stored;
}

export async function updateSupplier(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<StoredSupplier> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canEditSupplier(actor, current.data)) throw forbidden('supplier.onlyIsamOrItsec');
  if (current.data.archived) throw forbidden('registers.archivedReadOnly');
  const sent = parseWith(LIST, SupplierPatchInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const { followUps: sentFollowUps, ...rest } = sent;
  const next: SupplierRecord = { ...current.data, ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<SupplierRecord>) };
  if (sentFollowUps) {
    next.followUps = mergeFollowUps(actor, current.data.followUps, sentFollowUps);
    const dates = followUpDates(next.followUps);
    next.nextFollowUpAt = dates.next;
    next.lastFollowUpAt = dates.last;
  }
  const fields = changedFields(current.data, next);
  if (!fields.length) return current;
  const asked = [...Object.keys(rest).filter((f) => fields.includes(f as keyof SupplierRecord)), ...(fields.includes('followUps') ? ['followUps'] : [])];
  if (!canManageSuppliers(actor) && asked.some((f) => !(CONTRACT_OWNER_FIELDS as readonly string[]).includes(f))) throw forbidden('supplier.contractOwnerFields');
  if (fields.includes('parentId')) await checkParent(deps, id, next.parentId);
  if (fields.includes('code')) await checkUniqueCode(deps, LIST, next.code, { id });
  if (fields.includes('contractOwnerId')) await checkPeople(deps, LIST, { contractOwnerId: next.contractOwnerId });
  const updated = await deps.store.update(LIST, current, { ...Object.fromEntries(fields.map((f) => [f, next[f]])), updatedAt: deps.clock.now().toISOString() } as Partial<SupplierRecord>);
  const followUpDone = fields.includes('followUps') && next.followUps.some((f) => f.doneAt && !current.data.followUps.find((c) => c.id === f.id)?.doneAt);
  await audit(deps, `supplier.updated:${id}:${current.etag.replace(/[^A-Za-z0-9-]/g, '')}`, {
    actorId: actor.id,
    action: followUpDone ? 'supplier.followed_up' : 'supplier.updated',
    target: `${LIST}/${id}`,
    summary: `Leverantör ${updated.data.code} ${followUpDone ? 'följd upp' : 'ändrad'}`.slice(0, 500),
    details: { changes: changeDetails(current.data, updated.data, fields.filter((f) => f !== 'nextFollowUpAt' && f !== 'lastFollowUpAt'), LONG) },
  });
  return updated;
}

export async function archiveSupplier(deps: Deps, actor: Actor, id: string, etag: string, input: { reason?: string | null | undefined }): Promise<StoredSupplier> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canArchiveSupplier(actor)) throw forbidden('tab.error.forbidden');
  if (current.data.archived) return current;
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const children = await deps.store.query(LIST, { where: [{ field: 'parentId', op: 'eq', value: id }, { field: 'archived', op: 'eq', value: false }], pageSize: 1 });
  if (children.items.length) throw wrongState('supplier.hasSubSuppliers');
  return archiveRecord(deps, actor, LIST, current, { verb: 'supplier', label: `Leverantör ${current.data.code}`, reason: input.reason });
}

export async function removeSupplier(deps: Deps, actor: Actor, id: string, etag: string): Promise<void> {
  await removeRecord(deps, actor, LIST, id, etag, { verb: 'supplier', label: (s) => `Leverantör ${s.code}`, allowed: () => canRemoveRecords(actor) });
}

/** Who a supplier's reminders go to: its contract owner, else ISAM's channel. */
const contractOwnerOrIsam = (s: StoredSupplier) => (s.data.contractOwnerId ? { type: 'person' as const, id: s.data.contractOwnerId } : { type: 'channel' as const, role: 'isam' as const });

/** Follow-ups, PUB-avtal expiry and contract end: the contract owner is reminded (once per date and kind). */
export async function queueSupplierReminders(deps: Deps, now: Date): Promise<string[]> {
  const notArchived = [{ field: 'archived' as const, op: 'eq' as const, value: false }];
  const base = (s: StoredSupplier) => ({ register: 'suppliers' as const, id: s.id, code: s.data.code, title: s.data.name });
  const followUps = await queueDueReminders(deps, now, {
    kind: 'supplier_follow_up',
    list: LIST,
    field: 'nextFollowUpAt',
    where: notArchived,
    due: () => true,
    to: contractOwnerOrIsam,
    payload: (s) => ({ ...base(s), detail: s.data.followUps.find((f) => !f.doneAt && f.plannedAt === s.data.nextFollowUpAt)?.focus ?? null }),
  });
  const dpa = await queueDueReminders(deps, now, {
    kind: 'dpa_expiry',
    list: LIST,
    field: 'dpaExpiresAt',
    where: notArchived,
    due: (s) => s.data.dpaStatus === 'signed' || s.data.dpaStatus === 'expired',
    to: contractOwnerOrIsam,
    payload: (s) => ({ ...base(s), detail: null }),
  });
  const contract = await queueDueReminders(deps, now, {
    kind: 'contract_end',
    list: LIST,
    field: 'contractEndsAt',
    where: notArchived,
    due: () => true,
    to: contractOwnerOrIsam,
    payload: (s) => ({ ...base(s), detail: null }),
  });
  return [...followUps, ...dpa, ...contract];
}

/** `GET /suppliers/:id`: issue 5's supplier page with the register's fields. */
export async function getSupplierDetail(deps: Deps, actor: Actor, id: string) {
  const view = await getSupplier(deps, actor, id);
  const s = await deps.store.get(LIST, id);
  if (!s) throw new NotFoundError(LIST, id);
  return { ...view, ...(await supplierRegisterFields(deps, actor, s)) };
}

/** The supplier register as a table: the tree walked depth first, each row with its depth in the chain. */
export async function exportSuppliers(deps: Deps, actor: Actor, query: { search?: string; archived?: string }): Promise<ExportTable> {
  const tree = await listSuppliers(deps, actor, query);
  const rows: ExportRow[] = [];
  const walk = (nodes: SupplierNode[], parent: string | null) => {
    for (const n of nodes) {
      if (rows.length < MAX_EXPORT_ROWS) {
        rows.push({ code: n.code, name: n.name, parent, depth: n.depth, services: n.services, personalData: n.processesPersonalData, dpaStatus: n.dpaStatus, dpaExpiresAt: n.dpaExpiresAt, systems: n.systems.map((x) => x.code), archived: n.archived });
      }
      walk(n.children, n.code);
    }
  };
  walk(tree.roots, null);
  return {
    fileName: 'leverantorer',
    sheet: 'export.sheet.suppliers',
    columns: [
      { key: 'code', header: 'export.col.code', type: 'text', width: 10 },
      { key: 'name', header: 'export.col.name', type: 'text', width: 34 },
      { key: 'parent', header: 'export.col.parent', type: 'text', width: 12 },
      { key: 'depth', header: 'export.col.depth', type: 'number', width: 8 },
      { key: 'services', header: 'export.col.services', type: 'text', width: 40 },
      { key: 'personalData', header: 'export.col.personalData', type: 'boolean', width: 14 },
      { key: 'dpaStatus', header: 'export.col.dpaStatus', type: 'text', width: 16, labels: (v) => `tab.dpa.${v}` as never },
      { key: 'dpaExpiresAt', header: 'export.col.dpaExpiresAt', type: 'date', width: 14 },
      { key: 'systems', header: 'export.col.assets', type: 'list', width: 20 },
      { key: 'archived', header: 'export.col.archived', type: 'boolean', width: 10 },
    ],
    rows,
    truncated: tree.total > rows.length,
  };
}
