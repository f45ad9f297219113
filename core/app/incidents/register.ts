/**
 * The incident register for the tab: the list of incidents the actor may see (checked on the
 * server with `canSeeIncident` against the stored records) and the choices of the report form.
 * One incident's page is page.ts. Writes go through the use cases beside it.
 *
 * Paging: ISAM and the IT security officer see every incident, so their list is the store's own
 * query (indexed `status` / `category` filters, sorted on indexed `reportedAt`) with the store's
 * cursor. The DSO sees incidents involving personal data, which is not an indexed column: their
 * list walks the store's pages and keeps what they may see (cursor = the store's). Everyone else
 * sees a small set — what they reported, what their staff reported, incidents on assets they own —
 * read with indexed queries, merged, and paged by offset.
 */
import type { z } from 'zod';
import { IncidentListQuery, type IncidentPage, type IncidentRow, type RecordChoice } from '../../api';
import { canSeeIncident, caseNumber, has, isLater, normalizeIncident, openLegalObligations, type ClockKind, type Incident } from '../../domain';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import type { Deps } from '../platform';

type StoredIncident = StoredOf<'Incidents'>;

function parseQuery(input: unknown): z.infer<typeof IncidentListQuery> {
  const r = IncidentListQuery.safeParse(input);
  if (!r.success) throw new RecordValidationError('Incidents', issuesFromZod(r.error));
  return r.data;
}

function nextDue(i: Incident, nowIso: string): IncidentRow['nextDue'] {
  const open = i.clocks.filter((c) => c.completedAt === null).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const c = open[0];
  return c ? { kind: c.kind, dueAt: c.dueAt, overdue: isLater(nowIso, c.dueAt), provisional: c.basis === 'provisional' } : null;
}

function toRow(s: StoredIncident, nowIso: string): IncidentRow {
  const i = normalizeIncident(s.data);
  return {
    id: s.id,
    caseNumber: caseNumber(s.id, i.reportedAt),
    title: i.title,
    category: i.category,
    status: i.status,
    severity: i.severity,
    significant: i.significant,
    personalData: i.personalDataBreach === true || i.personalData.involved !== 'no',
    reportedAt: i.reportedAt,
    unit: i.reporterUnit,
    nextDue: nextDue(i, nowIso),
    openObligations: openLegalObligations(i.clocks).length,
  };
}

async function ownershipOf(deps: Deps, incidents: StoredIncident[]) {
  const ids = [...new Set(incidents.map((s) => s.data.assetId).filter((id): id is string => Boolean(id)))];
  const assets = ids.length ? await deps.store.getMany('InformationAssets', ids) : [];
  return new Map(assets.map((a) => [a.id, { ownerId: a.data.ownerId, delegateId: a.data.delegateId }]));
}

/** One page of the incidents the actor may see. */
export async function listIncidents(deps: Deps, actor: Actor, query: IncidentListQuery): Promise<IncidentPage> {
  const q = parseQuery(query);
  const nowIso = deps.clock.now().toISOString();
  const where: Condition<'Incidents'>[] = [];
  if (q.status) where.push({ field: 'status', op: 'eq', value: q.status });
  if (q.category) where.push({ field: 'category', op: 'eq', value: q.category });
  const orderBy = { field: 'reportedAt' as const, direction: q.direction };

  if (has(actor, 'isam', 'itsec')) {
    const page = await deps.store.query('Incidents', { where, orderBy, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
    return { items: page.items.map((s) => toRow(s, nowIso)), cursor: page.cursor, direction: q.direction, scope: 'all' };
  }

  if (has(actor, 'dso')) {
    // Personal data is not an indexed column: walk the store's pages, keep what the DSO may see.
    const items: IncidentRow[] = [];
    let cursor: string | null | undefined = q.cursor;
    for (let round = 0; round < 10 && items.length === 0; round++) {
      const page: Awaited<ReturnType<typeof deps.store.query<'Incidents'>>> = await deps.store.query('Incidents', { where, orderBy, pageSize: q.pageSize, ...(cursor ? { cursor } : {}) });
      const owners = await ownershipOf(deps, page.items);
      for (const s of page.items) if (canSeeIncident(actor, s.data, s.data.assetId ? (owners.get(s.data.assetId) ?? null) : null)) items.push(toRow(s, nowIso));
      cursor = page.cursor;
      if (!cursor) break;
    }
    return { items, cursor: cursor ?? null, direction: q.direction, scope: 'entitled' };
  }

  // Everyone else: what they reported, what their staff reported, incidents on assets they own.
  const found = new Map<string, StoredIncident>();
  const collect = async (extra: Condition<'Incidents'>) => {
    for await (const s of deps.store.queryAll('Incidents', { where: [...where, extra] })) found.set(s.id, s);
  };
  await collect({ field: 'reporterId', op: 'eq', value: actor.id });
  await collect({ field: 'managerId', op: 'eq', value: actor.id });
  const owned = new Set<string>();
  for (const field of ['ownerId', 'delegateId'] as const) {
    for await (const a of deps.store.queryAll('InformationAssets', { where: [{ field, op: 'eq', value: actor.id }] })) owned.add(a.id);
  }
  for (const assetId of owned) await collect({ field: 'assetId', op: 'eq', value: assetId });
  const owners = await ownershipOf(deps, [...found.values()]);
  const visible = [...found.values()]
    .filter((s) => canSeeIncident(actor, s.data, s.data.assetId ? (owners.get(s.data.assetId) ?? null) : null))
    .sort((a, b) => (q.direction === 'asc' ? 1 : -1) * (Date.parse(a.data.reportedAt) - Date.parse(b.data.reportedAt)) || Number(a.id) - Number(b.id));
  const offset = q.cursor && /^o:\d{1,6}$/.test(q.cursor) ? Number(q.cursor.slice(2)) : 0;
  const slice = visible.slice(offset, offset + q.pageSize);
  const next = offset + q.pageSize < visible.length ? `o:${offset + q.pageSize}` : null;
  return { items: slice.map((s) => toRow(s, nowIso)), cursor: next, direction: q.direction, scope: 'entitled' };
}


/** The choices of the report form: every asset and supplier by id (as the bot's wizard offers them). */
export async function incidentFormOptions(deps: Deps): Promise<{ assets: RecordChoice[]; suppliers: RecordChoice[] }> {
  const assets: RecordChoice[] = [];
  for await (const a of deps.store.queryAll('InformationAssets', { orderBy: { field: 'code', direction: 'asc' } })) assets.push({ id: a.id, code: a.data.code, name: a.data.name });
  const suppliers: RecordChoice[] = [];
  for await (const s of deps.store.queryAll('Suppliers', { orderBy: { field: 'code', direction: 'asc' } })) suppliers.push({ id: s.id, code: s.data.code, name: s.data.name });
  return { assets, suppliers };
}
