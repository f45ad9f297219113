/**
 * Search texts kept by the writes: a RecordStore that passes everything to the real one and, after a
 * write to a searchable register that changed what the search keeps of a record, queues a rebuild of
 * the record's bucket (and of its old bucket, if it moved) on the background queue — after the person
 * has their answer, once per bucket however many writes came. Use cases need not know: any write
 * through `deps.store` keeps the texts.
 *
 * Writes that go round it (the demo seed, another instance's crash before its rebuild, a person
 * editing a list in SharePoint itself) are healed by `healSearch` (heal.ts), run by the scheduler.
 */
import type { ListName, MutableListName, RecordOf } from '../../domain';
import type { AnyNewRecord, NewRecord, RecordStore, StoredOf } from '../../ports/record-store';
import { createBackground, type Background } from '../platform';
import { rebuildBucket, type Rebuilt } from './digests';
import { specsOfList } from './registers';

export interface SearchKeeping {
  /** The store to give the use cases. */
  store: RecordStore;
  /** Rebuilds waiting or running; `idle()` resolves when they are done. */
  background: Background;
}

export interface KeepingOptions {
  clock: { now(): Date };
  background?: Background;
  onRebuilt?: (r: Rebuilt) => void;
  onError?: (task: string, error: unknown) => void;
}

export function keepingSearch(inner: RecordStore, options: KeepingOptions): SearchKeeping {
  const background = options.background ?? createBackground({ concurrency: 2, ...(options.onError ? { onError: options.onError } : {}) });
  const deps = { store: inner, clock: options.clock };

  const touched = <L extends ListName>(list: L, id: string, before: RecordOf<L> | null, after: RecordOf<L>) => {
    for (const spec of specsOfList(list)) {
      const to = spec.bucketOf(after as never);
      const from = before ? spec.bucketOf(before as never) : null;
      // Nothing the search keeps changed (a status the entry does not hold, a comment…).
      if (before && from === to && JSON.stringify(spec.entryOf(id, before as never)) === JSON.stringify(spec.entryOf(id, after as never))) continue;
      for (const bucket of new Set([to, ...(from ? [from] : [])])) {
        background.run(`search:${spec.register}:${bucket}`, async () => {
          const r = await rebuildBucket(deps, spec, bucket);
          options.onRebuilt?.(r);
        });
      }
    }
  };

  const store: RecordStore = {
    create: async (list, key, data) => (await store.createOrGet(list, key, data)).record,
    createOrGet: async (list, key, data) => {
      const r = await inner.createOrGet(list, key, data);
      // Also when it was there already: a retried operation may be finishing what a crash left.
      touched(list, r.record.id, null, r.record.data);
      return r;
    },
    createMany: async <L extends ListName>(list: L, records: NewRecord<L>[]) => {
      const stored = await inner.createMany(list, records);
      for (const s of stored) touched(list, s.id, null, s.data);
      return stored;
    },
    createAll: async (records) => {
      const done = await inner.createAll(records);
      done.forEach((d, i) => touched(records[i]!.list, d.record.id, null, d.record.data as never));
      return done;
    },
    update: async <L extends MutableListName>(list: L, current: StoredOf<L>, patch: Partial<RecordOf<L>>) => {
      const updated = await inner.update(list, current, patch);
      touched(list, updated.id, current.data, updated.data);
      return updated;
    },
    updateThenCreateAll: async <L extends MutableListName>(list: L, current: StoredOf<L>, patch: Partial<RecordOf<L>>, records: readonly AnyNewRecord[]) => {
      const done = await inner.updateThenCreateAll(list, current, patch, records);
      touched(list, done.record.id, current.data, done.record.data);
      done.created.forEach((d, i) => touched(records[i]!.list, d.record.id, null, d.record.data as never));
      return done;
    },
    remove: async <L extends MutableListName>(list: L, current: StoredOf<L>) => {
      await inner.remove(list, current);
      // Its bucket is rebuilt without it.
      for (const spec of specsOfList(list)) {
        const bucket = spec.bucketOf(current.data as never);
        background.run(`search:${spec.register}:${bucket}`, async () => options.onRebuilt?.(await rebuildBucket(deps, spec, bucket)));
      }
    },
    get: (list, id) => inner.get(list, id),
    getMany: (list, ids) => inner.getMany(list, ids),
    findByKey: (list, key) => inner.findByKey(list, key),
    findByKeys: (list, keys) => inner.findByKeys(list, keys),
    query: (list, options) => inner.query(list, options),
    queryMany: (queries) => inner.queryMany(queries),
    changes: (list, cursor, options) => inner.changes(list, cursor, options),
  };
  return { store, background };
}
