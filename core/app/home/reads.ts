/**
 * What the home reads, and nothing more: every query selects a bounded set on an indexed column
 * and reads at most one page of it (`capped` says when there was more). They run side by side.
 *
 * | For | Query (first condition) | Bound |
 * |---|---|---|
 * | everyone | own incidents: `reporterKey` open and year buckets merged newest first, one page | what one person has open; reports in a year |
 * | everyone | own requests, `subjectId` and `requesterId`, newest first | one person's requests |
 * | everyone | the course catalogue, and own completions by `personId` | tens of items |
 * | everyone | assets owned (`ownerId`) and delegated (`delegateId`) | a person's systems |
 * | owners | open requests by `ownerKey` / `delegateKey` `'<me>|open'`, pending kept, oldest first | what one owner has open |
 * | line managers, the director, ISAM | pending requests by `status`, oldest first, for an owner's own access | the backlog |
 * | owners | open reviews by `ownerId` (and each delegated asset) + `status` | two campaigns a year |
 * | managers | incidents by `managerKey` `'<me>|open'`, triaged / investigating kept | what one manager has open |
 * | ISAM, IT security, DSO | incidents with a deadline running (`nextDueAt`, soonest first), and `status` reported | the open work |
 * | administrative unit | requests by `status` approved / in progress | the open work |
 *
 * Where one person's selector can reach thousands over the years (an owner of a large system, a
 * manager of a large unit), the home reads the person's open bucket (`ownerKey`, `delegateKey`,
 * `managerKey` eq `'<id>|open'`, docs/queries.md) and keeps the statuses it shows.
 */
import { has } from '../../domain/policy';
import { openOrYear, type ListName } from '../../domain';
import type { QueryOptions, RecordStore, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { historyYears, mergeSources, openAndYears, type Deps } from '../platform';

export interface Read<T> {
  items: T[];
  /** True when more matched than was read. */
  capped: boolean;
}

/** Own cases shown on the home (newest first). */
export const OWN_PAGE = 11;
/** Work waiting for one person or the organisation, read at most this many at a time. */
export const WORK_PAGE = 200;

export interface HomeReads {
  myIncidents: Read<StoredOf<'Incidents'>>;
  myRequests: Read<StoredOf<'AccessRequests'>>;
  courses: StoredOf<'TrainingCourses'>[];
  completions: StoredOf<'Trainings'>[];
  myAssets: Map<string, StoredOf<'InformationAssets'>>;
  pendingForMe: Read<StoredOf<'AccessRequests'>>;
  /**
   * Waiting requests someone other than the owner may have to decide — an owner's own access goes to
   * the owner's line manager, else ISAM (separation of duties): the backlog, for those who can be
   * such an approver; null for everyone else.
   */
  pendingBacklog: Read<StoredOf<'AccessRequests'>> | null;
  reviews: Read<StoredOf<'AccessReviews'>>;
  managed: Read<StoredOf<'Incidents'>>;
  /** Open incidents, for those who answer for the legal deadlines; null for everyone else. */
  open: Read<StoredOf<'Incidents'>> | null;
  tasks: Read<StoredOf<'AccessRequests'>>;
}

async function page<L extends ListName>(store: RecordStore, list: L, options: QueryOptions<L>): Promise<Read<StoredOf<L>>> {
  const p = await store.query(list, options);
  return { items: p.items as StoredOf<L>[], capped: p.cursor !== null };
}

/** Several reads as one: items merged (by id, first wins), capped when any was. */
async function union<L extends ListName>(reads: Promise<Read<StoredOf<L>>>[]): Promise<Read<StoredOf<L>>> {
  const done = await Promise.all(reads);
  const byId = new Map<string, StoredOf<L>>();
  for (const r of done) for (const item of r.items) if (!byId.has(item.id)) byId.set(item.id, item);
  return { items: [...byId.values()], capped: done.some((r) => r.capped) };
}

const none = <T>(): Promise<Read<T>> => Promise.resolve({ items: [], capped: false });

export async function homeReads(deps: Pick<Deps, 'store' | 'clock'>, actor: Actor): Promise<HomeReads> {
  const { store } = deps;
  const me = actor.id;
  const newest = { field: 'requestedAt', direction: 'desc' } as const;
  const isManager = has(actor, 'manager');
  const seesDeadlines = has(actor, 'isam', 'itsec', 'dso');

  const mayApproveIndependently = has(actor, 'manager', 'director', 'isam');

  const [myIncidents, myRequests, courses, completions, owned, delegated, pendingForMe, ownReviews, managed, open, tasks, pendingBacklog] = await Promise.all([
    // One person's reports over the years: their open bucket and year buckets merged newest first
    // (a heavy reporter's history passes the threshold on `reporterId` alone).
    historyYears(store, 'Incidents', 'reportedAt', deps.clock.now())
      .then((years) => mergeSources(store, { list: 'Incidents', sort: 'reportedAt', direction: 'desc', sources: openAndYears('reporterKey', me, years), pageSize: OWN_PAGE }))
      .then((m) => ({ items: m.items, capped: m.cursor !== null })),
    union([
      page(store, 'AccessRequests', { where: [{ field: 'subjectId', op: 'eq', value: me }], orderBy: newest, pageSize: OWN_PAGE }),
      page(store, 'AccessRequests', { where: [{ field: 'requesterId', op: 'eq', value: me }], orderBy: newest, pageSize: OWN_PAGE }),
    ]).then((r) => ({ ...r, items: r.items.sort((a, b) => Date.parse(b.data.requestedAt) - Date.parse(a.data.requestedAt)).slice(0, OWN_PAGE) })),
    store.query('TrainingCourses', { pageSize: 200 }).then((p) => p.items),
    store.query('Trainings', { where: [{ field: 'personId', op: 'eq', value: me }], pageSize: 500 }).then((p) => p.items),
    store.query('InformationAssets', { where: [{ field: 'ownerId', op: 'eq', value: me }], pageSize: 500 }).then((p) => p.items),
    store.query('InformationAssets', { where: [{ field: 'delegateId', op: 'eq', value: me }], pageSize: 500 }).then((p) => p.items),
    // An owner of a large system has thousands of requests over the years: the open bucket only.
    union([
      page(store, 'AccessRequests', { where: [{ field: 'ownerKey', op: 'eq', value: openOrYear(me, 'open') }], pageSize: WORK_PAGE }),
      page(store, 'AccessRequests', { where: [{ field: 'delegateKey', op: 'eq', value: openOrYear(me, 'open') }], pageSize: WORK_PAGE }),
    ]).then((r) => ({ ...r, items: r.items.filter((x) => x.data.status === 'pending').sort((a, b) => Date.parse(a.data.requestedAt) - Date.parse(b.data.requestedAt)) })),
    page(store, 'AccessReviews', { where: [{ field: 'ownerId', op: 'eq', value: me }, { field: 'status', op: 'eq', value: 'open' }], pageSize: WORK_PAGE }),
    isManager
      ? page(store, 'Incidents', { where: [{ field: 'managerKey', op: 'eq', value: openOrYear(me, 'open') }], pageSize: WORK_PAGE }).then((r) => ({
          ...r,
          items: r.items.filter((i) => i.data.status === 'triaged' || i.data.status === 'investigating'),
        }))
      : none<StoredOf<'Incidents'>>(),
    seesDeadlines
      ? union([
          // Every incident with a deadline running, soonest first (closed ones can still owe a report).
          page(store, 'Incidents', { where: [{ field: 'nextDueAt', op: 'ge', value: '2000-01-01T00:00:00.000Z' }], orderBy: { field: 'nextDueAt', direction: 'asc' }, pageSize: 999 }),
          // Reports nobody has assessed yet.
          page(store, 'Incidents', { where: [{ field: 'status', op: 'eq', value: 'reported' }], pageSize: WORK_PAGE }),
        ])
      : Promise.resolve(null),
    has(actor, 'admin_unit')
      ? union((['approved', 'in_progress'] as const).map((status) => page(store, 'AccessRequests', { where: [{ field: 'status', op: 'eq', value: status }], orderBy: { field: 'requestedAt', direction: 'asc' }, pageSize: WORK_PAGE })))
      : none<StoredOf<'AccessRequests'>>(),
    mayApproveIndependently ? page(store, 'AccessRequests', { where: [{ field: 'status', op: 'eq', value: 'pending' }], orderBy: { field: 'requestedAt', direction: 'asc' }, pageSize: WORK_PAGE }) : Promise.resolve(null),
  ]);

  const myAssets = new Map([...owned, ...delegated].map((a) => [a.id, a]));
  // A delegate finishes the owner's reviews of the delegated systems.
  const delegatedReviews = delegated.length
    ? await union(delegated.slice(0, 20).map((a) => page(store, 'AccessReviews', { where: [{ field: 'assetId', op: 'eq', value: a.id }, { field: 'status', op: 'eq', value: 'open' }], pageSize: 50 })))
    : { items: [], capped: false };
  const reviews = { items: [...new Map([...ownReviews.items, ...delegatedReviews.items].map((r) => [r.id, r])).values()], capped: ownReviews.capped || delegatedReviews.capped };

  return { myIncidents, myRequests, courses, completions, myAssets, pendingForMe, pendingBacklog, reviews, managed, open, tasks };
}
