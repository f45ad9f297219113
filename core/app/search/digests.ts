/**
 * Rebuilding one bucket of search texts: read the bucket's records with its bounded query, make an
 * entry of each, split the entries into parts that fit an item, and write the parts whose content
 * changed. `computedAt` is when the rebuild started reading; a part that already holds a later
 * rebuild is left alone, so two instances rebuilding at once, or a slow rebuild finishing after a
 * quick one, cannot put older texts back. Parts a smaller bucket no longer needs are emptied.
 */
import { isLater, searchDigestKey, type RecordOf, type SearchEntry, type SearchRegister } from '../../domain';
import { ConflictError } from '../../ports/errors';
import type { RecordStore, StoredOf } from '../../ports/record-store';
import type { RegisterSpec } from './registers';

/** Characters of entries per item: well under SharePoint's 63 999 for a multi-line text column. */
export const PART_CHARS = 50_000;

export interface Rebuilt {
  register: SearchRegister;
  bucket: string;
  entries: number;
  parts: number;
  /** Parts written (changed). */
  written: number;
  /** True when the bucket held more records than one rebuild reads (MAX_BUCKET_ITEMS). */
  truncated: boolean;
}

/** Entries into parts of at most PART_CHARS characters of JSON each (always at least one part). */
export function splitEntries(entries: SearchEntry[], limit = PART_CHARS): SearchEntry[][] {
  const parts: SearchEntry[][] = [[]];
  let size = 2;
  for (const e of entries) {
    const n = JSON.stringify(e).length + 1;
    if (size + n > limit && parts[parts.length - 1]!.length > 0) {
      parts.push([]);
      size = 2;
    }
    parts[parts.length - 1]!.push(e);
    size += n;
  }
  return parts;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function rebuildBucket(deps: { store: RecordStore; clock: { now(): Date } }, spec: RegisterSpec, bucket: string): Promise<Rebuilt> {
  const { store } = deps;
  const readAt = deps.clock.now().toISOString();
  const [source, existing] = await Promise.all([
    spec.read(store, bucket),
    store.query('SearchIndex', { where: [{ field: 'register', op: 'eq', value: spec.register }, { field: 'bucket', op: 'eq', value: bucket }], pageSize: 999 }),
  ]);
  const entries = source.items
    // A record that moved to another bucket since the query (its month can change only by a correction) is not this bucket's.
    .filter((s) => spec.bucketOf(s.data as never) === bucket)
    .map((s) => spec.entryOf(s.id, s.data as never))
    .sort((a, b) => Number(a.i) - Number(b.i));
  const parts = splitEntries(entries);
  const byPart = new Map(existing.items.map((s) => [s.data.part, s]));
  let written = 0;

  const save = async (part: number, content: SearchEntry[]) => {
    const data: RecordOf<'SearchIndex'> = { register: spec.register, bucket, part, entries: content, computedAt: readAt, sourceItems: source.items.length };
    let current: StoredOf<'SearchIndex'> | null | undefined = byPart.get(part);
    if (!current) {
      const r = await store.createOrGet('SearchIndex', searchDigestKey(spec.register, bucket, part), data);
      if (r.created) {
        written++;
        return;
      }
      current = r.record;
    }
    for (let attempt = 0; attempt < 3 && current; attempt++) {
      if (isLater(current.data.computedAt, readAt)) return;
      if (same(current.data.entries, content)) return;
      try {
        await store.update('SearchIndex', current, data);
        written++;
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        current = await store.get('SearchIndex', current.id);
      }
    }
  };

  for (const [i, content] of parts.entries()) await save(i, content);
  // Parts beyond what the bucket needs now: emptied (an item is cheaper kept than deleted and re-made).
  for (const [part, item] of byPart) if (part >= parts.length && item.data.entries.length > 0) await save(part, []);

  return { register: spec.register, bucket, entries: entries.length, parts: parts.length, written, truncated: source.truncated };
}
