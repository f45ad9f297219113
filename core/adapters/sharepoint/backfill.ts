/**
 * Back-fills derived keys (core/domain/keys.ts) on items written before a key existed, so that a
 * query on the key finds them. Run by provisioning (`connectSharePoint({ provision: true })`, and the
 * `npm run provision:m365` command) after the key columns are added.
 *
 * Bounded and resumable: a list is walked page by page in id order (unfiltered paging, which
 * SharePoint allows at any list size), the place kept in the `JobState` list under
 * `keys.backfill.<List>` together with the set of keys it was done for. A run stops after
 * `maxPages`; the next continues where it stopped. Once a list is done for its current keys, later
 * runs read one item and do nothing. New items never need it: the store writes keys with every write.
 */
import { keysOf, type ListName } from '../../domain';
import type { SharePointRecordStore } from './store';

export interface BackfillReport {
  /** Per list: items read and items whose keys were written this run. */
  lists: { list: ListName; scanned: number; patched: number; done: boolean }[];
}

const stateKey = (list: ListName) => `job:keys.backfill.${list}`;
const signature = (list: ListName) => Object.keys(keysOf(list)).sort().join(',');

export async function backfillKeys(store: SharePointRecordStore, lists: readonly ListName[], options: { maxPages?: number; pageSize?: number; now?: () => Date; log?: (line: string) => void } = {}): Promise<BackfillReport> {
  const report: BackfillReport = { lists: [] };
  const now = options.now ?? (() => new Date());
  const keyed = lists.filter((l) => signature(l) !== '');
  const states = new Map((await store.findByKeys('JobState', keyed.map(stateKey))).map((s) => [s.key, s]));
  for (const list of keyed) {
    let state = states.get(stateKey(list)) ?? null;
    const value = state ? (JSON.parse(state.data.value || '{}') as { keys?: string; next?: string | null; done?: boolean }) : {};
    if (value.keys === signature(list) && value.done) continue;
    let cursor = value.keys === signature(list) ? (value.next ?? null) : null;
    let scanned = 0;
    let patched = 0;
    let done = false;
    for (let page = 0; page < (options.maxPages ?? Number.POSITIVE_INFINITY); page++) {
      const r = await store.backfillKeysPage(list, cursor, options.pageSize);
      scanned += r.scanned;
      patched += r.patched;
      cursor = r.cursor;
      done = cursor === null;
      const data = { name: `keys.backfill.${list}`, value: JSON.stringify({ keys: signature(list), next: cursor, done }), updatedAt: now().toISOString() };
      state = state ? await store.update('JobState', state, data) : (await store.createOrGet('JobState', stateKey(list), data)).record;
      if (done) break;
    }
    if (patched || !done) options.log?.(`Derived keys of ${list}: ${patched} of ${scanned} items written${done ? '' : ' (continues next run)'}.`);
    report.lists.push({ list, scanned, patched, done });
  }
  return report;
}
