/**
 * Short-lived reads of the lists every request consults and that rarely change — roles, information
 * assets, suppliers, channel links (ADR 018): a RecordStore that passes everything to the real one
 * and keeps the answers of `get`, `findByKey`, `query` and `queryMany` on those lists for `ttlMs`.
 *
 * - A write through this store to one of those lists forgets everything kept about that list at
 *   once (the person who changed it, and everyone else on this instance, sees the change next).
 * - Another instance's write counts within `ttlMs` at most (default 30 s, READ_CACHE_SECONDS).
 * - Only answers are kept, never promises of failures; entries are at most `maxEntries` (oldest go).
 * - Requests for the same thing while it is being read share that one read (fifty people opening
 *   the same asset's card at once make one request, not fifty); a failed read fails them all and is
 *   not kept.
 */
import type { ListName } from '../../domain';
import type { AnyListQuery, RecordStore } from '../../ports/record-store';

export const CACHED_LISTS: readonly ListName[] = ['Roles', 'InformationAssets', 'Suppliers', 'Channels'];

export function cachingReads(inner: RecordStore, options: { ttlMs: number; now?: () => number; lists?: readonly ListName[]; maxEntries?: number }): RecordStore {
  if (options.ttlMs <= 0) return inner;
  const lists = new Set<string>(options.lists ?? CACHED_LISTS);
  const now = options.now ?? (() => Date.now());
  const max = options.maxEntries ?? 5_000;
  const kept = new Map<string, { at: number; lists: string[]; value: unknown }>();
  /** Reads in flight, by key: those asking meanwhile wait for the same answer. */
  const reading = new Map<string, { versions: number[]; done: Promise<unknown> }>();
  /** Bumped on every write to a list: an answer read before a write is not kept after it. */
  const version = new Map<string, number>();

  const forget = (list: string) => {
    version.set(list, (version.get(list) ?? 0) + 1);
    for (const [k, e] of kept) if (e.lists.includes(list)) kept.delete(k);
  };
  const cached = async <T>(key: string, of: string[], read: () => Promise<T>): Promise<T> => {
    const hit = kept.get(key);
    if (hit && now() - hit.at < options.ttlMs) return structuredClone(hit.value) as T;
    const before = of.map((l) => version.get(l) ?? 0);
    const unchanged = (versions: number[]) => of.every((l, i) => (version.get(l) ?? 0) === versions[i]);
    // Shared only when no write to its lists came since it started (else it may miss that write).
    const flight = reading.get(key);
    if (flight && unchanged(flight.versions)) return structuredClone(await flight.done) as T;
    const done = read();
    reading.set(key, { versions: before, done });
    try {
      const value = await done;
      if (unchanged(before)) {
        if (kept.size >= max) kept.delete(kept.keys().next().value!);
        kept.set(key, { at: now(), lists: of, value: structuredClone(value) });
      }
      return value;
    } finally {
      if (reading.get(key)?.done === done) reading.delete(key);
    }
  };
  const writes = <A extends unknown[], R>(fn: (...a: A) => Promise<R>, listsOf: (...a: A) => string[]) =>
    async (...a: A): Promise<R> => {
      try {
        return await fn(...a);
      } finally {
        for (const l of listsOf(...a)) if (lists.has(l)) forget(l);
      }
    };

  return {
    get: (list, id) => (lists.has(list) ? cached(`get|${list}|${id}`, [list], () => inner.get(list, id)) : inner.get(list, id)),
    findByKey: (list, key) => (lists.has(list) ? cached(`key|${list}|${key}`, [list], () => inner.findByKey(list, key)) : inner.findByKey(list, key)),
    query: (list, o) => (lists.has(list) && !o?.cursor ? cached(`query|${list}|${JSON.stringify(o ?? {})}`, [list], () => inner.query(list, o)) : inner.query(list, o)),
    queryMany: ((queries: readonly AnyListQuery[]) =>
      queries.every((q) => lists.has(q.list) && !q.options.cursor)
        ? cached(`many|${JSON.stringify(queries)}`, [...new Set(queries.map((q) => q.list))], () => inner.queryMany(queries))
        : inner.queryMany(queries)) as RecordStore['queryMany'],
    getMany: (list, ids) => inner.getMany(list, ids),
    findByKeys: (list, keys) => inner.findByKeys(list, keys),
    changes: (list, cursor, o) => inner.changes(list, cursor, o),
    create: writes(inner.create.bind(inner), (list) => [list]) as RecordStore['create'],
    createOrGet: writes(inner.createOrGet.bind(inner), (list) => [list]) as RecordStore['createOrGet'],
    createMany: writes(inner.createMany.bind(inner), (list) => [list]) as RecordStore['createMany'],
    createAll: writes(inner.createAll.bind(inner), (records) => records.map((r) => r.list)),
    update: writes(inner.update.bind(inner), (list) => [list]) as RecordStore['update'],
    remove: writes(inner.remove.bind(inner), (list) => [list]) as RecordStore['remove'],
    updateThenCreateAll: writes(inner.updateThenCreateAll.bind(inner), (list, _current, _patch, records) => [list, ...records.map((r) => r.list)]) as RecordStore['updateThenCreateAll'],
  };
}
