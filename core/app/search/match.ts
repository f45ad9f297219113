/**
 * Within-word search inside one small register's own list (the inventory's, the record of
 * processing's, the supplier register's search box): the ids whose kept text holds every word —
 * one read of the register's kept texts, whatever the register's size (ADR 016). The register's
 * use case then reads those records and sorts and pages them itself.
 */
import { matchesAll, searchWords, type SearchRegister } from '../../domain';
import type { RecordStore } from '../../ports/record-store';

/**
 * Ids in the register whose code or name holds every word (a register's own list searches what its
 * rows show; the search across registers also looks in descriptions); null when the text has no
 * word to search for.
 */
export async function matchingIds(store: RecordStore, register: Exclude<SearchRegister, 'incidents'>, query: string): Promise<Set<string> | null> {
  const words = searchWords(query);
  if (!words.length) return null;
  const page = await store.query('SearchIndex', { where: [{ field: 'register', op: 'eq', value: register }, { field: 'bucket', op: 'eq', value: 'all' }], pageSize: 999 });
  const ids = new Set<string>();
  for (const d of page.items) {
    for (const e of d.data.entries) {
      if (typeof e.t === 'string' && matchesAll(e.t, words)) ids.add(String(e.i));
    }
  }
  return ids;
}

/** A page of records found by search, sorted in memory; the cursor is the offset (`s40`). */
export function pageOfFound<T>(items: T[], options: { cursor?: string | undefined; pageSize: number; compare: (a: T, b: T) => number }): { items: T[]; cursor: string | null } {
  const offset = Number(/^s(\d{1,6})$/.exec(options.cursor ?? '')?.[1] ?? 0);
  const sorted = [...items].sort(options.compare);
  const page = sorted.slice(offset, offset + options.pageSize);
  return { items: page, cursor: offset + options.pageSize < sorted.length ? `s${offset + options.pageSize}` : null };
}

/** Compares two field values for a sort: text the Swedish way, numbers as numbers, empty values last. */
export function compareValues(a: unknown, b: unknown, direction: 'asc' | 'desc'): number {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1;
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'sv', { numeric: true });
  return direction === 'asc' ? c : -c;
}
