/**
 * Which incidents a person may see (`canSeeIncident`), as bounded sources for the register, "my
 * cases" and the overview (docs/queries.md, "Incidents"):
 *
 * | Who | Sources | Bound of each |
 * |---|---|---|
 * | ISAM, IT security | one month of `reportedAt` each, newest first; an open status alone | a month's intake; the open backlog |
 * | the reporter | `reporterKey` `<me>\|open`, `<me>\|<year>`… | what one person has open; reports in a year |
 * | the line manager | `managerKey` likewise | what one manager's staff have open; report in a year |
 * | an asset's owner or delegate | `assetKey` per asset they own | incidents on one asset, open; in a year |
 * | the DSO | also one month of `reportedAt` each, kept when personal data is involved | a month's intake |
 *
 * The sources are merged newest first (platform/reads.ts), and every row is checked with
 * `canSeeIncident` against the asset's current owner before it is shown.
 */
import { canSeeIncident, has, OPEN_INCIDENT_STATUSES, type Incident, type IncidentStatus } from '../../domain';
import type { AssetOwnership } from '../../domain/policy';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { monthRanges, openAndYears, readSmall, type Deps, type Source } from '../platform';

type IncidentSource = Source<'Incidents'>;

export interface IncidentReach {
  /** ISAM and the IT security officer see every incident. */
  all: boolean;
  /** The DSO also sees every incident involving personal data. */
  personalData: boolean;
  /** Assets the person owns or is delegate for, with their current ownership. */
  assets: Map<string, AssetOwnership>;
}

/** What the person may see: their roles, and the assets they own or are delegate for (two small queries in one batch). */
export async function incidentReach(deps: Pick<Deps, 'store'>, actor: Actor): Promise<IncidentReach> {
  const all = has(actor, 'isam', 'itsec');
  const assets = new Map<string, AssetOwnership>();
  if (!all && actor.assets) {
    // Read with the actor's roles.
    for (const a of actor.assets) assets.set(a.id, { ownerId: a.data.ownerId, delegateId: a.data.delegateId });
  } else if (!all) {
    const [owned, delegated] = await deps.store.queryMany([
      { list: 'InformationAssets', options: { where: [{ field: 'ownerId', op: 'eq', value: actor.id }], pageSize: 200 } },
      { list: 'InformationAssets', options: { where: [{ field: 'delegateId', op: 'eq', value: actor.id }], pageSize: 200 } },
    ] as const);
    for (const a of [...owned.items, ...delegated.items]) assets.set(a.id, { ownerId: a.data.ownerId, delegateId: a.data.delegateId });
  }
  return { all, personalData: has(actor, 'dso'), assets };
}

const isOpenStatus = (s: IncidentStatus | undefined) => s !== undefined && (OPEN_INCIDENT_STATUSES as readonly string[]).includes(s);

export interface SourceOptions {
  /** Stockholm years to walk for the open|year keys, newest first. */
  years: number[];
  /** Stockholm months to walk for the organisation-wide views, newest first. */
  months: string[];
  /** A status filter: an open status reads only open buckets, `closed` only the year buckets. */
  status?: IncidentStatus;
}

/** The bounded sources of what a person may see. */
export function incidentSources(actor: Actor, reach: IncidentReach, o: SourceOptions): IncidentSource[] {
  if (reach.all) {
    // An open status is bounded by the backlog; everything else is walked a month at a time.
    if (isOpenStatus(o.status)) return [{ where: [{ field: 'status', op: 'eq', value: o.status! }], label: `status ${o.status}` }];
    return monthRanges('reportedAt', o.months);
  }
  const open = o.status === undefined || isOpenStatus(o.status);
  const closed = o.status === undefined || o.status === 'closed';
  const years = closed ? o.years : [];
  const keyed = (key: 'reporterKey' | 'managerKey' | 'assetKey', id: string) => openAndYears<'Incidents'>(key, id, years, { open: open ? 'open' : false });
  const sources = [...keyed('reporterKey', actor.id), ...keyed('managerKey', actor.id), ...[...reach.assets.keys()].flatMap((id) => keyed('assetKey', id))];
  if (reach.personalData) {
    if (isOpenStatus(o.status)) sources.push({ where: [{ field: 'status', op: 'eq', value: o.status! }], label: `status ${o.status}` });
    else sources.push(...monthRanges<'Incidents'>('reportedAt', o.months));
  }
  return sources;
}

/** The status/category narrowing added after each source's own condition. */
export function incidentFilter(q: { status?: IncidentStatus | undefined; category?: Incident['category'] | undefined }): Condition<'Incidents'>[] {
  const where: Condition<'Incidents'>[] = [];
  if (q.status) where.push({ field: 'status', op: 'eq', value: q.status });
  if (q.category) where.push({ field: 'category', op: 'eq', value: q.category });
  return where;
}

/**
 * `canSeeIncident` for rows of these sources. The asset's ownership only matters when the person owns
 * or is delegate for it now — and those assets are in `reach`, read this request.
 */
export function visibleTo(actor: Actor, reach: IncidentReach) {
  return (s: StoredOf<'Incidents'>): boolean => canSeeIncident(actor, s.data, s.data.assetId ? (reach.assets.get(s.data.assetId) ?? null) : null);
}

/**
 * The open incidents a person may see, in one `$batch`: their open buckets (reporter, manager, each
 * asset) — and for the DSO the incidents with a running clock, kept when personal data is involved.
 * ISAM and IT security: the incidents with a running clock (bounded by the open work).
 */
export async function openIncidentsOf(deps: Pick<Deps, 'store'>, actor: Actor, reach: IncidentReach): Promise<StoredOf<'Incidents'>[]> {
  const wheres: Condition<'Incidents'>[][] = [];
  if (reach.all || reach.personalData) wheres.push([{ field: 'nextDueAt', op: 'ge', value: '2000-01-01T00:00:00.000Z' }]);
  if (!reach.all) {
    wheres.push([{ field: 'reporterKey', op: 'eq', value: `${actor.id.toLowerCase()}|open` }], [{ field: 'managerKey', op: 'eq', value: `${actor.id.toLowerCase()}|open` }]);
    for (const id of reach.assets.keys()) wheres.push([{ field: 'assetKey', op: 'eq', value: `${id}|open` }]);
  }
  const pages = await deps.store.queryMany(wheres.map((where) => ({ list: 'Incidents' as const, options: { where, pageSize: 999 } })));
  const found = new Map<string, StoredOf<'Incidents'>>();
  for (const p of pages) for (const s of (p as { items: StoredOf<'Incidents'>[] }).items) found.set(s.id, s);
  const keep = visibleTo(actor, reach);
  return [...found.values()].filter(keep);
}

/** Small helper for views that need the asset register's names (a small list). */
export async function assetNames(deps: Pick<Deps, 'store'>, ids: string[]): Promise<Map<string, { code: string; name: string }>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  if (wanted.length > 20) {
    const all = await readSmall(deps.store, 'InformationAssets', {}, 4_995);
    return new Map(all.filter((a) => wanted.includes(a.id)).map((a) => [a.id, { code: a.data.code, name: a.data.name }]));
  }
  const got = await deps.store.getMany('InformationAssets', wanted);
  return new Map(got.map((a) => [a.id, { code: a.data.code, name: a.data.name }]));
}
