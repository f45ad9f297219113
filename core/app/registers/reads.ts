/**
 * Reading a bounded set whole: a small register, or a selector with a small natural bound (one
 * asset's risks), page by page up to a named limit. `truncated` says when more matched, so a view
 * can say so instead of pretending.
 */
import type { ListName } from '../../domain';
import type { QueryOptions, RecordStore, StoredOf } from '../../ports/record-store';

export async function readUpToLimit<L extends ListName>(store: RecordStore, list: L, options: Omit<QueryOptions<L>, 'cursor' | 'pageSize'>, max: number): Promise<{ items: StoredOf<L>[]; truncated: boolean }> {
  const items: StoredOf<L>[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: StoredOf<L>[]; cursor: string | null } = await store.query(list, { ...options, pageSize: Math.min(999, max - items.length + 1), ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length <= max);
  return { items: items.slice(0, max), truncated: items.length > max || cursor !== null };
}
