/**
 * What each searchable register keeps as search text, in which bucket, and how a bucket is read
 * back from the register with a bounded query. Adding a register: a spec here (its entry holds the
 * folded text `t`, optionally more text `x`, and whatever the search needs to show a hit or to
 * decide who may see it), its name in SEARCH_REGISTERS (core/domain/search.ts), and a group in
 * search.ts.
 *
 * | Register | Bucket | Read back with | Bound |
 * |---|---|---|---|
 * | assets, suppliers, processing | `all` | the whole list, page by page | hundreds of records (at most 4 995 read) |
 * | incidents | Stockholm month of `reportedAt` | `reportedAt ge <month> and lt <next month>` | one month's reports |
 */
import { caseNumber, foldForSearch, fromStockholmWallTime, stockholmWallTime, type ListName, type RecordOf, type SearchEntry, type SearchRegister } from '../../domain';
import type { QueryOptions, RecordStore, StoredOf } from '../../ports/record-store';
import { readUpTo } from '../platform';

/** Records a bucket rebuild reads at most (SharePoint's list view threshold, less a margin). */
export const MAX_BUCKET_ITEMS = 4_995;
/** Characters of description kept as extra search text per record. */
const EXTRA_CHARS = 300;

export interface RegisterSpec<L extends ListName = ListName> {
  register: SearchRegister;
  list: L;
  /** The bucket a record belongs in. */
  bucketOf(record: RecordOf<L>): string;
  /** What is kept of a record. */
  entryOf(id: string, record: RecordOf<L>): SearchEntry;
  /** The records of one bucket: a bounded read. */
  read(store: RecordStore, bucket: string): Promise<{ items: StoredOf<L>[]; truncated: boolean }>;
  /** Every bucket that can exist now (for a rebuild of everything). */
  buckets(store: RecordStore, now: Date): Promise<string[]>;
}

const clip = (text: string | null | undefined, max: number) => foldForSearch(text ?? '').slice(0, max);

/** Pages through a bounded selection, at most MAX_BUCKET_ITEMS (the platform's bounded read). */
const readBounded = <L extends ListName>(store: RecordStore, list: L, options: Omit<QueryOptions<L>, 'cursor' | 'pageSize'>) => readUpTo(store, list, options, MAX_BUCKET_ITEMS);

// ── months (Stockholm) ───────────────────────────────────────────────────

export function monthOf(iso: string): string {
  const w = stockholmWallTime(new Date(iso));
  return `${w.year}-${String(w.month).padStart(2, '0')}`;
}

export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const at = (year: number, mo: number) => fromStockholmWallTime({ year: year + Math.floor((mo - 1) / 12), month: ((mo - 1) % 12) + 1, day: 1, hour: 0, minute: 0, second: 0 }).toISOString();
  return { from: at(y, m), to: at(y, m + 1) };
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Months from `first` to `last`, oldest first. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last && out.length < 1_200; m = addMonths(m, 1)) out.push(m);
  return out;
}

// ── the registers ────────────────────────────────────────────────────────

const whole =
  <L extends ListName>(list: L) =>
  (store: RecordStore) =>
    readBounded(store, list, {});

export const ASSETS: RegisterSpec<'InformationAssets'> = {
  register: 'assets',
  list: 'InformationAssets',
  bucketOf: () => 'all',
  entryOf: (id, a) => ({
    i: id,
    c: a.code,
    n: a.name,
    t: foldForSearch(`${a.code} ${a.name}`),
    x: clip(`${a.unit ?? ''} ${a.description ?? ''} ${a.information ?? ''}`, EXTRA_CHARS),
    // Owner and delegate: an incident on the asset is theirs to see (canSeeIncident).
    o: a.ownerId.toLowerCase(),
    g: a.delegateId ? a.delegateId.toLowerCase() : null,
  }),
  read: whole('InformationAssets'),
  buckets: async () => ['all'],
};

export const SUPPLIERS: RegisterSpec<'Suppliers'> = {
  register: 'suppliers',
  list: 'Suppliers',
  bucketOf: () => 'all',
  entryOf: (id, s) => ({ i: id, c: s.code, n: s.name, t: foldForSearch(`${s.code} ${s.name} ${s.orgNumber ?? ''}`), x: clip(s.services, EXTRA_CHARS) }),
  read: whole('Suppliers'),
  buckets: async () => ['all'],
};

export const PROCESSING: RegisterSpec<'ProcessingActivities'> = {
  register: 'processing',
  list: 'ProcessingActivities',
  bucketOf: () => 'all',
  entryOf: (id, p) => ({ i: id, c: p.code, n: p.name, t: foldForSearch(`${p.code} ${p.name}`), x: clip(`${p.unit ?? ''} ${p.purpose ?? ''}`, EXTRA_CHARS) }),
  read: whole('ProcessingActivities'),
  buckets: async () => ['all'],
};

export const INCIDENTS: RegisterSpec<'Incidents'> = {
  register: 'incidents',
  list: 'Incidents',
  bucketOf: (i) => monthOf(i.reportedAt),
  // Case number and title; who may see it: reporter, line manager, affected asset, personal data.
  entryOf: (id, i) => ({
    i: id,
    t: foldForSearch(`${caseNumber(id, i.reportedAt)} ${i.title}`),
    r: i.reporterId.toLowerCase(),
    m: i.managerId ? i.managerId.toLowerCase() : null,
    a: i.assetId,
    p: i.personalDataBreach === true || i.personalData.involved !== 'no' ? 1 : 0,
    d: i.reportedAt,
  }),
  read: (store, bucket) => {
    const { from, to } = monthBounds(bucket);
    return readBounded(store, 'Incidents', {
      where: [
        { field: 'reportedAt', op: 'ge', value: from },
        { field: 'reportedAt', op: 'lt', value: to },
      ],
    });
  },
  buckets: async (store, now) => {
    const oldest = (await store.query('Incidents', { orderBy: { field: 'reportedAt', direction: 'asc' }, pageSize: 1 })).items[0];
    return oldest ? monthsBetween(monthOf(oldest.data.reportedAt), monthOf(now.toISOString())) : [];
  },
};

export const SEARCH_SPECS: readonly RegisterSpec[] = [ASSETS, SUPPLIERS, PROCESSING, INCIDENTS] as unknown as RegisterSpec[];

export const specOf = (register: SearchRegister): RegisterSpec => SEARCH_SPECS.find((s) => s.register === register)!;

export const specsOfList = (list: ListName): RegisterSpec[] => SEARCH_SPECS.filter((s) => s.list === list);
