/**
 * Roller: the LIS roles and who holds them (the `Roles` list, which authorization rests on), and the
 * information owner of each asset. ISAM and the administrative unit assign and end roles — never to
 * or for themselves, and never the last ISAM — and every change is audited with the real actor.
 *
 * The list holds one item per assignment: a few per person who has a role (about a thousand in a
 * large district, docs/queries.md). Filters are on indexed columns, the person or the role first.
 */
import { InformationOwnerInput, RoleCreateInput, RoleListQuery, RolePatchInput, type InformationOwnerAnswer, type RolePage, type RoleRow, type RoleView } from '../../api/roles';
import { stockholmDate, type RecordOf, type RoleKey } from '../../domain';
import { canAssignInformationOwner, canAssignRoles, canAssignRoleTo, canRemoveRecords } from '../../domain/policy';
import { ConflictError, NotFoundError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import { assignAssetOwner } from '../assets';
import type { Actor } from '../people';
import { audit, forbidden, wrongState, type Deps } from '../platform';
import { archiveRecord, changeDetails, changedFields, checkPeople, collectRows, namesOf, parseWith, personRef, recordHistory, removeRecord, retentionInfo, type ExportTable, type Names } from '../registers';

const LIST = 'Roles';
type StoredRole = StoredOf<typeof LIST>;
type RoleRecord = RecordOf<typeof LIST>;

const inForce = (r: RoleRecord, today: string) => r.active && (r.validTo === null || r.validTo >= today);

function toRow(actor: Actor, today: string, names: Names, s: StoredRole): RoleRow {
  const r = s.data;
  return {
    id: s.id,
    etag: s.etag,
    person: personRef(names, r.personId),
    role: r.role,
    unit: r.unit,
    assignedBy: personRef(names, r.assignedBy),
    assignedAt: r.assignedAt,
    validTo: r.validTo,
    active: r.active,
    expired: r.active && r.validTo !== null && r.validTo < today,
    endedAt: r.endedAt,
    endedBy: personRef(names, r.endedBy),
    canEdit: r.active && canAssignRoleTo(actor, r.personId),
  };
}

async function toView(deps: Deps, actor: Actor, s: StoredRole): Promise<RoleView> {
  const [names, history] = await Promise.all([namesOf(deps, [s.data.personId, s.data.assignedBy, s.data.endedBy]), recordHistory(deps, LIST, s.id)]);
  return { ...toRow(actor, stockholmDate(deps.clock.now()), names, s), archive: retentionInfo(deps, LIST, s.data, canRemoveRecords(actor)), history };
}

/** Everyone may read who holds which role: it is how the organisation finds its ISAM, DSO and ambassadors. */
export async function listRoles(deps: Deps, actor: Actor, query: unknown): Promise<RolePage> {
  const q = parseWith(LIST, RoleListQuery, query);
  const where: Condition<typeof LIST>[] = [];
  if (q.personId) where.push({ field: 'personId', op: 'eq', value: q.personId });
  if (q.role) where.push({ field: 'role', op: 'eq', value: q.role });
  if (q.unit) where.push({ field: 'unit', op: 'eq', value: q.unit });
  if (q.archived !== 'all') where.push({ field: 'active', op: 'eq', value: q.archived === 'active' });
  const page = await deps.store.query(LIST, { where, orderBy: { field: q.sort, direction: q.direction }, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
  const names = await namesOf(deps, page.items.flatMap((s) => [s.data.personId, s.data.assignedBy, s.data.endedBy]));
  const today = stockholmDate(deps.clock.now());
  return { items: page.items.map((s) => toRow(actor, today, names, s)), cursor: page.cursor, canAssign: canAssignRoles(actor) };
}

async function stored(deps: Deps, id: string): Promise<StoredRole> {
  const s = await deps.store.get(LIST, id);
  if (!s) throw new NotFoundError(LIST, id);
  return s;
}

export async function getRole(deps: Deps, actor: Actor, id: string): Promise<RoleView> {
  return toView(deps, actor, await stored(deps, id));
}

export async function roleHistory(deps: Deps, _actor: Actor, id: string, cursor?: string) {
  await stored(deps, id);
  return recordHistory(deps, LIST, id, cursor);
}

/** The person's assignments (bounded: a person holds a few roles). */
async function assignmentsOf(deps: Deps, personId: string): Promise<StoredRole[]> {
  return (await deps.store.query(LIST, { where: [{ field: 'personId', op: 'eq', value: personId }], pageSize: 100 })).items;
}

export async function assignRole(deps: Deps, actor: Actor, key: string, input: unknown): Promise<RoleView> {
  if (!canAssignRoles(actor)) throw forbidden('roles.onlyIsamOrAdmin');
  const sent = parseWith(LIST, RoleCreateInput, input);
  if (!canAssignRoleTo(actor, sent.personId)) throw forbidden('roles.notSelf');
  const recordKey = `role:${actor.id}:${key}`;
  const replay = await deps.store.findByKey(LIST, recordKey);
  // A retry after a crash between the create and its audit entry writes the entry then (idempotent by key).
  const recorded = (s: NonNullable<typeof replay>) =>
    audit(deps, `role.assigned:${recordKey}`, {
      actorId: actor.id,
      action: 'role.assigned',
      target: `${LIST}/${s.id}`,
      summary: `Rollen ${s.data.role}${s.data.unit ? ` (${s.data.unit})` : ''} tilldelad`,
      details: { personId: s.data.personId, role: s.data.role, unit: s.data.unit, validTo: s.data.validTo },
    });
  if (replay) {
    await recorded(replay);
    return toView(deps, actor, replay);
  }
  await checkPeople(deps, LIST, { personId: sent.personId });
  const unit = sent.unit ?? (await deps.directory.getPerson(sent.personId))?.unit ?? null;
  const today = stockholmDate(deps.clock.now());
  const holding = (await assignmentsOf(deps, sent.personId)).find((a) => a.data.role === sent.role && inForce(a.data, today) && (a.data.unit ?? '') === (unit ?? ''));
  if (holding) throw wrongState('roles.alreadyHolds');
  const now = deps.clock.now().toISOString();
  const s = await deps.store.create(LIST, recordKey, { personId: sent.personId, role: sent.role, unit, assignedBy: actor.id, assignedAt: now, validTo: sent.validTo ?? null, active: true, endedAt: null, endedBy: null });
  await recorded(s);
  return toView(deps, actor, s);
}

export async function updateRole(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<RoleView> {
  const current = await stored(deps, id);
  if (!canAssignRoles(actor)) throw forbidden('roles.onlyIsamOrAdmin');
  if (!canAssignRoleTo(actor, current.data.personId)) throw forbidden('roles.notSelf');
  if (!current.data.active) throw forbidden('registers.archivedReadOnly');
  const sent = parseWith(LIST, RolePatchInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const fields = changedFields(current.data, sent as Partial<RoleRecord>);
  if (!fields.length) return toView(deps, actor, current);
  if (current.data.role === 'isam' && fields.includes('validTo') && sent.validTo) await refuseLastIsam(deps, current, sent.validTo);
  const updated = await deps.store.update(LIST, current, Object.fromEntries(fields.map((f) => [f, (sent as Record<string, unknown>)[f]])) as Partial<RoleRecord>);
  await audit(deps, `role.updated:${id}:${current.etag.replace(/[^A-Za-z0-9-]/g, '')}`, {
    actorId: actor.id,
    action: 'role.updated',
    target: `${LIST}/${id}`,
    summary: `Rollen ${updated.data.role} ändrad`,
    details: { changes: changeDetails(current.data, updated.data, fields) },
  });
  return toView(deps, actor, updated);
}

/** The administration always has an ISAM: the last assignment in force cannot end (or expire) first. */
async function refuseLastIsam(deps: Deps, ending: StoredRole, lastDay?: string): Promise<void> {
  const today = stockholmDate(deps.clock.now());
  const isams = (await deps.store.query(LIST, { where: [{ field: 'role', op: 'eq', value: 'isam' as RoleKey }, { field: 'active', op: 'eq', value: true }], pageSize: 100 })).items;
  const others = isams.filter((a) => a.id !== ending.id && inForce(a.data, today) && (!lastDay || a.data.validTo === null || a.data.validTo > lastDay));
  if (!others.length) throw wrongState('roles.lastIsam');
}

/** Ends an assignment (archives it): it stops counting at once and is kept as evidence. */
export async function endRole(deps: Deps, actor: Actor, id: string, etag: string, input: { reason?: string | null | undefined }): Promise<RoleView> {
  const current = await stored(deps, id);
  if (!canAssignRoles(actor)) throw forbidden('roles.onlyIsamOrAdmin');
  if (!canAssignRoleTo(actor, current.data.personId)) throw forbidden('roles.notSelf');
  if (!current.data.active) return toView(deps, actor, current);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  if (current.data.role === 'isam') await refuseLastIsam(deps, current);
  return toView(deps, actor, await archiveRecord(deps, actor, LIST, current, { verb: 'role', label: `Rollen ${current.data.role}`, reason: input.reason }));
}

export async function removeRole(deps: Deps, actor: Actor, id: string, etag: string): Promise<void> {
  await removeRecord(deps, actor, LIST, id, etag, { verb: 'role', label: (r) => `Rolltilldelning ${r.role}`, allowed: () => canRemoveRecords(actor) });
}

/** Makes someone the information owner (and delegate) of an asset: ISAM, the classification lead, the administrative unit. */
export async function assignInformationOwner(deps: Deps, actor: Actor, key: string, input: unknown): Promise<InformationOwnerAnswer> {
  if (!canAssignInformationOwner(actor)) throw forbidden('roles.onlyOwnerAssigners');
  const sent = parseWith('InformationAssets', InformationOwnerInput, input);
  const r = await assignAssetOwner(deps, actor, sent.assetId, sent.ownerId, sent.delegateId === undefined ? undefined : sent.delegateId, `owner:${actor.id}:${key}`);
  const names = await namesOf(deps, [r.asset.data.ownerId, r.asset.data.delegateId]);
  return { asset: { id: r.asset.id, code: r.asset.data.code, name: r.asset.data.name }, owner: personRef(names, r.asset.data.ownerId), delegate: personRef(names, r.asset.data.delegateId), changed: r.changed };
}

export async function exportRoles(deps: Deps, actor: Actor, query: unknown): Promise<ExportTable> {
  const base = (query ?? {}) as Record<string, unknown>;
  const { rows, truncated } = await collectRows(
    (cursor) => listRoles(deps, actor, { ...base, pageSize: 100, ...(cursor ? { cursor } : {}) }),
    (r: RoleRow) => ({ person: r.person.name ?? r.person.id, role: r.role, unit: r.unit, assignedBy: r.assignedBy?.name ?? null, assignedAt: r.assignedAt, validTo: r.validTo, active: r.active, endedAt: r.endedAt }),
  );
  return {
    fileName: 'roller',
    sheet: 'export.sheet.roles',
    columns: [
      { key: 'person', header: 'export.col.person', type: 'text', width: 26 },
      { key: 'role', header: 'export.col.role', type: 'text', width: 30, labels: (v) => `tab.role.${v}` as never },
      { key: 'unit', header: 'export.col.unit', type: 'text', width: 10 },
      { key: 'assignedBy', header: 'export.col.assignedBy', type: 'text', width: 26 },
      { key: 'assignedAt', header: 'export.col.assignedAt', type: 'datetime', width: 18 },
      { key: 'validTo', header: 'export.col.validTo', type: 'date', width: 14 },
      { key: 'active', header: 'export.col.active', type: 'boolean', width: 10 },
      { key: 'endedAt', header: 'export.col.endedAt', type: 'datetime', width: 18 },
    ],
    rows,
    truncated,
  };
}
