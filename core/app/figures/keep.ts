/**
 * Figures kept by the writes: a RecordStore that passes everything to the real one and, after a
 * write to a counted list, queues a recount of the buckets it touched on the background queue —
 * after the person has their answer, deduplicated per bucket, a few at a time. Use cases need not
 * know: any write through `deps.store` keeps the figures.
 *
 * Writes that go round it (the demo seed, a test writing to the adapter directly, another
 * instance's crash) are healed by the background pass (refresh.ts), which follows Graph delta.
 */
import type { ListName, MutableListName, RecordOf } from '../../domain';
import type { AnyNewRecord, NewRecord, RecordStore, StoredOf } from '../../ports/record-store';
import type { Background, Deps } from '../platform';
import { bucketKey, bucketsOf, isCounted, recount, type Bucket } from './buckets';

export function keepingFigures(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, background: Background, onRecount?: (b: Bucket, written: number) => void): RecordStore {
  const inner = deps.store;
  const raw = { ...deps, store: inner };
  const touched = <L extends ListName>(list: L, before: RecordOf<L> | null, after: RecordOf<L>) => {
    if (!isCounted(list)) return;
    for (const b of bucketsOf(list, before, after)) {
      background.run(`figures:${bucketKey(b)}`, async () => {
        const written = await recount(raw, b);
        onRecount?.(b, written);
      });
    }
  };
  const wrapped: RecordStore = {
    create: async (list, key, data) => {
      const r = await wrapped.createOrGet(list, key, data);
      return r.record;
    },
    createOrGet: async (list, key, data) => {
      const r = await inner.createOrGet(list, key, data);
      // Also when it was there already: a retried operation may be finishing what a crash left.
      touched(list, null, r.record.data);
      return r;
    },
    createMany: async <L extends ListName>(list: L, records: NewRecord<L>[]) => {
      const stored = await inner.createMany(list, records);
      for (const s of stored) touched(list, null, s.data);
      return stored;
    },
    createAll: async (records) => {
      const done = await inner.createAll(records);
      done.forEach((d, i) => touched(records[i]!.list, null, d.record.data as never));
      return done;
    },
    update: async <L extends MutableListName>(list: L, current: StoredOf<L>, patch: Partial<RecordOf<L>>) => {
      const updated = await inner.update(list, current, patch);
      touched(list, current.data, updated.data);
      return updated;
    },
    updateThenCreateAll: async <L extends MutableListName>(list: L, current: StoredOf<L>, patch: Partial<RecordOf<L>>, records: readonly AnyNewRecord[]) => {
      const done = await inner.updateThenCreateAll(list, current, patch, records);
      touched(list, current.data, done.record.data);
      done.created.forEach((d, i) => touched(records[i]!.list, null, d.record.data as never));
      return done;
    },
    remove: async <L extends MutableListName>(list: L, current: StoredOf<L>) => {
      await inner.remove(list, current);
      // The buckets it was counted in, recounted without it.
      touched(list, null, current.data);
    },
    get: (list, id) => inner.get(list, id),
    getMany: (list, ids) => inner.getMany(list, ids),
    findByKey: (list, key) => inner.findByKey(list, key),
    findByKeys: (list, keys) => inner.findByKeys(list, keys),
    query: (list, options) => inner.query(list, options),
    queryMany: (queries) => inner.queryMany(queries),
    changes: (list, cursor, options) => inner.changes(list, cursor, options),
  };
  return wrapped;
}
