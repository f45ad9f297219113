/**
 * Bounded reads: how every list view and job reads SharePoint (docs/queries.md).
 *
 * SharePoint refuses a query whose first condition selects more than 5 000 items, so a view never
 * asks "everything matching X" of a list that grows. It asks several small questions instead —
 * *sources*, each selecting a bounded set (a derived key like `managerKey eq '<id>|2026'`, or a range
 * of the sort column like one month of `reportedAt`) — sends them together in one `$batch`
 * (`RecordStore.queryMany`), and merges the sorted pages:
 *
 * - `mergeSources`: newest (or oldest) first across all sources — a person's incidents are what
 *   they reported, what their staff reported and what happened to their systems, each walked by
 *   year, merged by `reportedAt`.
 * - `walkSources`: one source after the other — the active grants of every system, system by system.
 *
 * Both page with a keyset cursor (the last row's sort value and id, plus the source for a walk): the
 * next page asks each source for rows after that position, as a narrowing condition after the
 * source's own bounded one. A cursor carries no filter or permission: those are applied again on
 * every page, so a cursor from a browser can only move through what the person may see anyway.
 *
 * `readUpTo` reads a small list, or a selector with a small natural bound, whole — up to a limit it
 * names. There is no unbounded read: `RecordStore` has none.
 */
import { yearBounds, monthBounds, stockholmYear, stockholmMonthOf } from '../../domain';
import type { ListName } from '../../domain/records';
import { StoreRequestError } from '../../ports/errors';
import type { AnyListQuery, Condition, QueryField, QueryOptions, RecordStore, StoredOf } from '../../ports/record-store';

/** Sub-requests in one Graph `$batch`. */
export const BATCH_SIZE = 20;
/**
 * Sources read in one round of a merge: two `$batch`es, sent side by side by the adapter — one
 * round trip, two Graph requests — so that a person's union (their own, their staff's, each of their
 * systems', year by year) is read in one go.
 */
export const ROUND_SIZE = 2 * BATCH_SIZE;
/** Bounded sources (a month, a year) read in a merge's first round, besides the unbounded ones. */
export const FIRST_ROUND_BOUNDED = 4;
/** Largest page the adapter asks for. */
export const MAX_PAGE = 999;

/** Queries on one list in one `$batch` (at most 20), pages in the order asked. */
export async function batchPages<L extends ListName>(store: RecordStore, list: L, queries: QueryOptions<L>[]): Promise<{ items: StoredOf<L>[]; cursor: string | null }[]> {
  if (!queries.length) return [];
  const asked = queries.map((options) => ({ list, options })) as unknown as readonly AnyListQuery[];
  return (await store.queryMany(asked)) as unknown as { items: StoredOf<L>[]; cursor: string | null }[];
}

// ── small reads ─────────────────────────────────────────────────────────────

export interface UpTo<T> {
  items: T[];
  /** True when more matched than `max`: the caller shows what it has and says so. */
  truncated: boolean;
}

/**
 * Every record matching `options` — for a small list (assets, roles, courses: hundreds) or a
 * selector whose natural bound is small (one person's open cases) — at most `max` (default 999: one
 * request). The first condition must be bounded like any other query's.
 */
export async function readUpTo<L extends ListName>(store: RecordStore, list: L, options: Omit<QueryOptions<L>, 'cursor' | 'pageSize'> = {}, max = MAX_PAGE): Promise<UpTo<StoredOf<L>>> {
  const items: StoredOf<L>[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: StoredOf<L>[]; cursor: string | null } = await store.query(list, { ...options, pageSize: Math.min(MAX_PAGE, max - items.length + 1), ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length <= max);
  return { items: items.slice(0, max), truncated: items.length > max || cursor !== null };
}

/** `readUpTo`'s items, for callers that accept a truncated answer (the limit is documented there). */
export async function readSmall<L extends ListName>(store: RecordStore, list: L, options: Omit<QueryOptions<L>, 'cursor' | 'pageSize'> = {}, max = MAX_PAGE): Promise<StoredOf<L>[]> {
  return (await readUpTo(store, list, options, max)).items;
}

/** Many queries in as few `$batch`es as possible; pages in the order asked. */
export async function firstPages<L extends ListName>(store: RecordStore, list: L, queries: QueryOptions<L>[]): Promise<StoredOf<L>[][]> {
  const out: StoredOf<L>[][] = [];
  for (let i = 0; i < queries.length; i += BATCH_SIZE) {
    const pages = await batchPages(store, list, queries.slice(i, i + BATCH_SIZE));
    out.push(...pages.map((p) => p.items));
  }
  return out;
}

/**
 * Every record of several bounded selections (each a `where` whose first condition is bounded):
 * first pages together in `$batch`es, then the rest of any selection larger than a page. At most
 * `max` per selection.
 */
export async function readEach<L extends ListName>(store: RecordStore, list: L, wheres: Condition<L>[][], max = 4_995): Promise<StoredOf<L>[][]> {
  const out: StoredOf<L>[][] = [];
  for (let i = 0; i < wheres.length; i += BATCH_SIZE) {
    const chunk = wheres.slice(i, i + BATCH_SIZE);
    const pages = await batchPages(store, list, chunk.map((where) => ({ where, pageSize: MAX_PAGE })));
    const rest = await Promise.all(
      pages.map(async (p, j) => {
        const items = [...p.items];
        let cursor = p.cursor;
        while (cursor && items.length < max) {
          const next: { items: StoredOf<L>[]; cursor: string | null } = await store.query(list, { where: chunk[j]!, pageSize: MAX_PAGE, cursor });
          items.push(...next.items);
          cursor = next.cursor;
        }
        return items.slice(0, max);
      }),
    );
    out.push(...rest);
  }
  return out;
}

/**
 * Several bounded selections on any lists, read whole (up to `max` each): first pages together in
 * `$batch`es of twenty, then the rest of any selection larger than a page. For a view that needs a
 * few small things at once (a register, its figures, one unit's completions): one Graph request.
 */
export async function readTogether(store: RecordStore, queries: readonly AnyListQuery[], max = 4_995): Promise<StoredOf<ListName>[][]> {
  const out: StoredOf<ListName>[][] = [];
  for (let i = 0; i < queries.length; i += BATCH_SIZE) {
    const chunk = queries.slice(i, i + BATCH_SIZE).map((q) => ({ ...q, options: { ...q.options, pageSize: MAX_PAGE } })) as unknown as readonly AnyListQuery[];
    const pages = (await store.queryMany(chunk)) as unknown as { items: StoredOf<ListName>[]; cursor: string | null }[];
    out.push(
      ...(await Promise.all(
        pages.map(async (p, j) => {
          const items = [...p.items];
          let cursor = p.cursor;
          const q = chunk[j]!;
          while (cursor && items.length < max) {
            const next = (await store.query(q.list, { ...(q.options as QueryOptions<ListName>), cursor })) as unknown as { items: StoredOf<ListName>[]; cursor: string | null };
            items.push(...next.items);
            cursor = next.cursor;
          }
          return items.slice(0, max);
        }),
      )),
    );
  }
  return out;
}

/**
 * One page of a whole list sorted on an indexed column, with no filter: SharePoint walks the index
 * and reads only the page, at any list size — for the registers of those who see everything, when
 * they filter on nothing. The cursor is the store's (a filter would make the next page's first
 * condition a range over the whole list, so a keyset cursor cannot be used here).
 */
export async function sortedPage<L extends ListName>(store: RecordStore, o: { list: L; sort: QueryField<NoInfer<L>>; direction: 'asc' | 'desc'; pageSize: number; cursor?: string | null | undefined }): Promise<Merged<StoredOf<L>>> {
  const page = await store.query(o.list, { orderBy: { field: o.sort, direction: o.direction }, pageSize: o.pageSize, ...(o.cursor ? { cursor: o.cursor } : {}) });
  return { items: page.items as StoredOf<L>[], cursor: page.cursor, rounds: 1 };
}

// ── sources ─────────────────────────────────────────────────────────────────

/** A bounded selection within a list: its first condition must select at most 5 000 items at any size. */
export interface Source<L extends ListName> {
  where: Condition<L>[];
  /**
   * The sort values this source can hold, `[from, to)` (ISO instants or dates). Lets the merge leave
   * out sources that cannot reach the page. Omitted: any value (an "open" bucket).
   */
  from?: string;
  to?: string;
  /** For reading: which selector and bucket this is (`manager 2025`). */
  label?: string;
}

/**
 * The open bucket and the year buckets of an open|year key (core/domain/keys.ts), newest year first:
 * `<id>|open`, `<id>|2026`, `<id>|2025`, … down to `fromYear`.
 */
export function openAndYears<L extends ListName>(key: QueryField<L>, id: string, years: readonly number[], options: { open?: string | false } = {}): Source<L>[] {
  const v = (b: string | number) => `${id.toLowerCase()}|${b}`;
  const open = options.open === false ? [] : [{ where: [{ field: key, op: 'eq', value: v(options.open ?? 'open') }], label: `${key} ${options.open ?? 'open'}` } as Source<L>];
  return [...open, ...years.map((y) => ({ where: [{ field: key, op: 'eq', value: v(y) }], ...yearBounds(y), label: `${key} ${y}` }) as Source<L>)];
}

/** One source per Stockholm month of `field` (a range on the sort column itself), newest first. */
export function monthRanges<L extends ListName>(field: QueryField<L>, months: readonly string[]): Source<L>[] {
  return months.map((m) => {
    const { from, to } = monthBounds(m);
    return { where: [{ field, op: 'ge', value: from }, { field, op: 'lt', value: to }], from, to, label: `${field} ${m}` } as Source<L>;
  });
}

/** Stockholm calendar years from `fromYear` to the year of `now`, newest first. */
export function yearsBack(now: Date, fromYear: number): number[] {
  const current = stockholmYear(now.toISOString());
  const out: number[] = [];
  for (let y = current; y >= Math.min(fromYear, current); y--) out.push(y);
  return out;
}

/** Stockholm months (YYYY-MM) from the month of `now` back to the month of `from`, newest first. */
export function monthsBack(now: Date, from: string): string[] {
  const first = stockholmMonthOf(from);
  let m = stockholmMonthOf(now.toISOString());
  const out: string[] = [];
  while (m >= first && out.length < 1_200) {
    out.push(m);
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
  }
  return out;
}

const floors = new WeakMap<RecordStore, Map<string, { value: string | null; until: number; refreshing?: Promise<unknown> }>>();
const FLOOR_TTL_MS = 10 * 60_000;

/**
 * The oldest value of an indexed sort column in a list (one row, sorted, no filter: fine at any
 * size): where a walk back through buckets can stop. Kept per store; once known it is answered at
 * once and refreshed in the background when older than ten minutes (it only moves when history
 * older than all of it is written — an import of old records).
 */
export async function oldestValue<L extends ListName>(store: RecordStore, list: L, field: QueryField<L>): Promise<string | null> {
  let cache = floors.get(store);
  if (!cache) floors.set(store, (cache = new Map()));
  const key = `${list}.${field}`;
  const read = async () => {
    const page = await store.query(list, { orderBy: { field, direction: 'asc' }, pageSize: 1 });
    const first = page.items[0] as { data: Record<string, unknown> } | undefined;
    const value = first ? ((first.data[field] as string | null) ?? null) : null;
    cache.set(key, { value, until: Date.now() + FLOOR_TTL_MS });
    return value;
  };
  const hit = cache.get(key);
  if (!hit) return read();
  if (hit.until <= Date.now() && !hit.refreshing) hit.refreshing = read().catch(() => cache.set(key, { ...hit, refreshing: undefined }));
  return hit.value;
}

/** Forgets cached floors (a test that writes history older than what it read before). */
export function forgetFloors(store: RecordStore): void {
  floors.delete(store);
}

/** The years to walk for a list sorted by `field`: from its oldest record's year to now. */
export async function historyYears<L extends ListName>(store: RecordStore, list: L, field: QueryField<L>, now: Date): Promise<number[]> {
  const oldest = await oldestValue(store, list, field);
  return yearsBack(now, oldest ? stockholmYear(oldest) : stockholmYear(now.toISOString()));
}

/** The months to walk for a list sorted by `field`: from its oldest record's month to now. */
export async function historyMonths<L extends ListName>(store: RecordStore, list: L, field: QueryField<L>, now: Date): Promise<string[]> {
  const oldest = await oldestValue(store, list, field);
  return monthsBack(now, oldest ?? now.toISOString());
}

// ── cursors ─────────────────────────────────────────────────────────────────

/** Where a page ended: the last row's sort value and id (and, for a walk, its source). */
export interface Position {
  v: string;
  id: string;
  s?: number;
}

const toBase64Url = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (b64: string) => new TextDecoder().decode(Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

export function encodeCursor(p: Position): string {
  return toBase64Url(JSON.stringify(p));
}

/** A cursor from a browser: anything malformed is refused as a bad request, never trusted. */
export function decodeCursor(cursor: string | null | undefined): Position | null {
  if (!cursor) return null;
  const invalid = () => new StoreRequestError('Invalid cursor', 400, 'invalidCursor');
  let p: unknown;
  try {
    if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
    p = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw invalid();
  }
  const ok = (x: unknown): x is Position =>
    typeof x === 'object' && x !== null && typeof (x as Position).v === 'string' && (x as Position).v.length <= 40 && typeof (x as Position).id === 'string' && /^\d{1,10}$/.test((x as Position).id) && ((x as Position).s === undefined || (Number.isInteger((x as Position).s) && (x as Position).s! >= 0 && (x as Position).s! < 10_000));
  if (!ok(p)) throw invalid();
  return { v: p.v, id: p.id, ...(p.s !== undefined ? { s: p.s } : {}) };
}

// ── merging ─────────────────────────────────────────────────────────────────

export interface MergeOptions<L extends ListName> {
  list: L;
  /** Indexed column the page is sorted on; values compare as text (ISO instants, dates). */
  sort: QueryField<L>;
  direction: 'asc' | 'desc';
  sources: Source<L>[];
  /** Narrowing conditions added after each source's own (a status, a category). */
  filter?: Condition<L>[];
  /** Rows to keep after reading (who may see what): checked on every page. */
  keep?: (row: StoredOf<L>) => boolean;
  pageSize: number;
  cursor?: string | null;
  /** Most `$batch` rounds per page (default 4); a page that needs more ends early with a cursor. */
  maxRounds?: number;
}

export interface Merged<T> {
  items: T[];
  cursor: string | null;
  /** Graph requests this page took (one per `$batch`). */
  rounds: number;
}

const idCmp = (a: string, b: string) => Number(a) - Number(b);

function sortValue<L extends ListName>(row: StoredOf<L>, field: string): string {
  const v = (row.data as Record<string, unknown>)[field];
  return v === null || v === undefined ? '' : String(v);
}

interface SourceState<L extends ListName> {
  source: Source<L>;
  index: number;
  fetched: boolean;
  /** More rows may follow what was read. */
  more: boolean;
  /**
   * Where the unread rows start: rows with a sort value at or beyond `edge` (inclusive: the rows
   * sharing the edge value are read again, whole, since a page may have cut through them).
   */
  edge: string | null;
  /** Rows asked per read; raised when one sort value alone fills a page. */
  size: number;
}

/**
 * Rows a full page can vouch for: all but those sharing the page's last sort value, which may go on
 * past the page (in whatever order the server breaks ties). `edge` is where the next read starts.
 */
function settle<L extends ListName>(items: StoredOf<L>[], full: boolean, sort: string): { settled: StoredOf<L>[]; edge: string | null } {
  if (!full || !items.length) return { settled: items, edge: null };
  const edge = sortValue(items[items.length - 1]!, sort);
  return { settled: items.filter((r) => sortValue(r, sort) !== edge), edge };
}

/** One merge's progress over its sources (mergeMany drives several in shared `$batch`es). */
class Merge<L extends ListName> {
  readonly desc: boolean;
  readonly after: Position | null;
  readonly states: SourceState<L>[];
  readonly rows = new Map<string, StoredOf<L>>();
  rounds = 0;

  constructor(readonly o: MergeOptions<L>) {
    this.desc = o.direction === 'desc';
    this.after = decodeCursor(o.cursor);
    const size = Math.min(MAX_PAGE, o.pageSize + 1);
    this.states = o.sources.map((source, index) => ({ source, index, fetched: false, more: true, edge: null, size }));
  }

  /** a comes before b in the page's order: the sort value, then the id, both in the page's direction. */
  private before(a: Position, b: Position): boolean {
    if (a.v === b.v) return this.desc ? idCmp(a.id, b.id) > 0 : idCmp(a.id, b.id) < 0;
    return this.desc ? a.v > b.v : a.v < b.v;
  }

  private pos(r: StoredOf<L>): Position {
    return { v: sortValue(r, this.o.sort), id: r.id };
  }

  /** The best sort value a source's unread rows can have (null: unbounded). */
  private best(s: SourceState<L>): string | null {
    const limit = this.desc ? (s.source.to ?? null) : (s.source.from ?? null);
    const at = s.edge ?? this.after?.v ?? null;
    if (limit === null) return at;
    if (at === null) return limit;
    return this.desc ? (at < limit ? at : limit) : at > limit ? at : limit;
  }

  page(): StoredOf<L>[] {
    const after = this.after;
    return [...this.rows.values()].filter((r) => !after || this.before(after, this.pos(r))).sort((a, b) => (this.before(this.pos(a), this.pos(b)) ? -1 : 1));
  }

  /** A source that may still hold rows after the cursor. */
  private alive(s: SourceState<L>): boolean {
    if (!s.more) return false;
    const after = this.after;
    // Entirely on the other side of the cursor.
    if (after && this.desc && s.source.from !== undefined && after.v < s.source.from) return false;
    if (after && !this.desc && s.source.to !== undefined && after.v >= s.source.to) return false;
    return true;
  }

  /** Sources worth reading now, best first; none when the page is settled. */
  candidates(): SourceState<L>[] {
    if (this.rounds >= (this.o.maxRounds ?? 4)) return [];
    const current = this.page();
    const bar = current.length >= this.o.pageSize ? this.pos(current[this.o.pageSize - 1]!) : null;
    const reaches = (s: SourceState<L>) => {
      if (!this.alive(s)) return false;
      if (!bar) return true;
      const b = this.best(s);
      return b === null || (this.desc ? b >= bar.v : b <= bar.v);
    };
    return this.states.filter(reaches).sort((a, b) => {
      const x = this.best(a);
      const y = this.best(b);
      if (x === y) return a.index - b.index;
      if (x === null) return -1;
      if (y === null) return 1;
      return this.desc ? (x > y ? -1 : 1) : x < y ? -1 : 1;
    });
  }

  query(s: SourceState<L>): QueryOptions<L> {
    const from = s.edge ?? this.after?.v ?? null;
    const where: Condition<L>[] = [...s.source.where, ...(this.o.filter ?? [])];
    if (from !== null) where.push({ field: this.o.sort, op: this.desc ? 'le' : 'ge', value: from });
    return { where, orderBy: { field: this.o.sort, direction: this.o.direction }, pageSize: s.size };
  }

  take(s: SourceState<L>, items: StoredOf<L>[]): void {
    s.fetched = true;
    const full = items.length >= s.size;
    const { settled, edge } = settle(items, full, this.o.sort);
    if (full && !settled.length) {
      // One sort value fills the page: read it again in pages as large as the store allows, and
      // past that take what came (more rows sharing one second than a page holds is not a list
      // this app keeps).
      if (s.size < MAX_PAGE) {
        s.size = MAX_PAGE;
        return;
      }
      for (const r of items) if (!this.o.keep || this.o.keep(r)) this.rows.set(r.id, r);
      s.more = false;
      return;
    }
    for (const r of settled) if (!this.o.keep || this.o.keep(r)) this.rows.set(r.id, r);
    s.more = full;
    s.edge = edge;
  }

  result(): Merged<StoredOf<L>> {
    const sorted = this.page();
    const items = sorted.slice(0, this.o.pageSize);
    const remaining = this.states.filter((s) => this.alive(s));
    const more = sorted.length > this.o.pageSize || remaining.length > 0;
    const lastRow = items[items.length - 1];
    if (!more) return { items, cursor: null, rounds: this.rounds };
    if (lastRow) return { items, cursor: encodeCursor(this.pos(lastRow)), rounds: this.rounds };
    // Nothing found within the rounds allowed, but sources are left: go on from the best of them
    // (from the same cursor when that is where they stand: nothing there was shown yet).
    const bounds = remaining.map((s) => this.best(s)).filter((b): b is string => b !== null).sort();
    const v = this.desc ? bounds[bounds.length - 1] : bounds[0];
    if (v === undefined) return { items, cursor: this.after ? encodeCursor(this.after) : null, rounds: this.rounds };
    if (this.after && v === this.after.v) return { items, cursor: encodeCursor(this.after), rounds: this.rounds };
    return { items, cursor: encodeCursor({ v, id: this.desc ? '9999999999' : '0' }), rounds: this.rounds };
  }
}

/** A merge for `mergeMany`, type-checked against its own list. */
export const mergeOf = <L extends ListName>(o: { list: L } & MergeOptions<NoInfer<L>>): MergeOptions<ListName> => o as unknown as MergeOptions<ListName>;

/**
 * Several merges at once — the lists of one view — with the sources of all of them in shared
 * `$batch`es (up to 20 sub-requests each): a view with three lists costs one Graph request, not three.
 */
export async function mergeMany(store: RecordStore, merges: MergeOptions<ListName>[]): Promise<Merged<StoredOf<ListName>>[]> {
  return (await mergeWith(store, merges, [])).merged;
}

/**
 * `mergeMany`, with a few more queries sent in the first `$batch` (their first page each): what the
 * view needs beside its lists — the asset register for names, a figure — at no extra request.
 */
export async function mergeWith(store: RecordStore, merges: MergeOptions<ListName>[], extra: readonly AnyListQuery[]): Promise<{ merged: Merged<StoredOf<ListName>>[]; extra: StoredOf<ListName>[][] }> {
  const running = merges.map((o) => new Merge(o));
  let pending = [...extra];
  const extraPages: StoredOf<ListName>[][] = [];
  let rounds = 0;
  for (;;) {
    const wanted = running.map((m) => m.candidates());
    if (wanted.every((c) => c.length === 0) && !pending.length) break;
    const first = pending.slice(0, BATCH_SIZE);
    pending = pending.slice(first.length);
    // Share the round: one source per merge in turn, best first. The first round is one $batch:
    // every unbounded source (an open bucket can hold the newest rows) and the few best bounded ones
    // (the newest months or years), which fill most pages; a page still short after it reads up to
    // two $batches side by side, so that it ends in one more round trip.
    const room = rounds === 0 ? BATCH_SIZE : ROUND_SIZE;
    if (rounds === 0) {
      for (const [k, c] of wanted.entries()) {
        let bounded = 0;
        wanted[k] = c.filter((st) => (running[k]!.o.direction === 'desc' ? st.source.to === undefined : st.source.from === undefined) || bounded++ < FIRST_ROUND_BOUNDED);
      }
    }
    rounds++;
    const round: { m: Merge<ListName>; s: SourceState<ListName> }[] = [];
    for (let i = 0; first.length + round.length < room && wanted.some((c) => c.length > i); i++) {
      for (const [k, c] of wanted.entries()) if (c[i] && first.length + round.length < room) round.push({ m: running[k]!, s: c[i]! });
    }
    for (const m of new Set(round.map((r) => r.m))) m.rounds++;
    const asked = [...first, ...round.map(({ m, s }) => ({ list: m.o.list, options: m.query(s) }))] as unknown as readonly AnyListQuery[];
    const pages = (await store.queryMany(asked)) as unknown as { items: StoredOf<ListName>[] }[];
    pages.slice(0, first.length).forEach((p) => extraPages.push(p.items));
    pages.slice(first.length).forEach((p, i) => round[i]!.m.take(round[i]!.s, p.items));
  }
  return { merged: running.map((m) => m.result()), extra: extraPages };
}

/**
 * One page of rows from several sources, sorted on `sort` across all of them (ties by id), after the
 * cursor. Sources are read in `$batch`es of up to 20, those that could hold the best rows first; a
 * source whose range cannot reach the page is never read.
 */
export async function mergeSources<L extends ListName>(store: RecordStore, o: { list: L } & MergeOptions<NoInfer<L>>): Promise<Merged<StoredOf<L>>> {
  const [result] = await mergeMany(store, [o as unknown as MergeOptions<ListName>]);
  return result as unknown as Merged<StoredOf<L>>;
}

export interface WalkOptions<L extends ListName> extends Omit<MergeOptions<L>, 'sources'> {
  /** Read in this order, each to its end, before the next. */
  sources: Source<L>[];
  /** Sources read ahead in the same `$batch` (default 5). */
  lookahead?: number;
}

/**
 * One page of rows going through `sources` in order — each sorted on `sort` — then on to the next
 * source. For a register partitioned by something with no time order (system by system).
 */
export async function walkSources<L extends ListName>(store: RecordStore, o: { list: L } & WalkOptions<NoInfer<L>>): Promise<Merged<StoredOf<L>>> {
  const desc = o.direction === 'desc';
  const after = decodeCursor(o.cursor);
  const lookahead = Math.max(1, o.lookahead ?? 5);
  const maxRounds = o.maxRounds ?? 4;
  const items: StoredOf<L>[] = [];
  let lastShown: Position | null = null;
  // Where reading resumes: a source, and inside it rows at or beyond `edge` not yet shown.
  let index = Math.min(after?.s ?? 0, o.sources.length);
  let edge: string | null = after && after.v !== '' ? after.v : null;
  let shownUpTo: Position | null = after && after.v !== '' ? after : null;
  let size = Math.min(MAX_PAGE, o.pageSize + 1);
  let rounds = 0;
  // r comes after p in the walk's order within a source (sort value, then id, in the direction).
  const isAfter = (r: StoredOf<L>, p: Position) => {
    const v = sortValue(r, o.sort);
    if (v !== p.v) return desc ? v < p.v : v > p.v;
    return desc ? idCmp(r.id, p.id) < 0 : idCmp(r.id, p.id) > 0;
  };
  const inOrder = (a: StoredOf<L>, b: StoredOf<L>) => {
    const x = sortValue(a, o.sort);
    const y = sortValue(b, o.sort);
    if (x !== y) return (desc ? x > y : x < y) ? -1 : 1;
    return desc ? idCmp(b.id, a.id) : idCmp(a.id, b.id);
  };
  while (index < o.sources.length && rounds < maxRounds) {
    rounds++;
    const round = o.sources.slice(index, index + lookahead);
    const pages = await batchPages(
      store,
      o.list,
      round.map((source, i) => {
        const where: Condition<L>[] = [...source.where, ...(o.filter ?? [])];
        if (i === 0 && edge !== null) where.push({ field: o.sort, op: desc ? 'le' : 'ge', value: edge });
        return { where, orderBy: { field: o.sort, direction: o.direction }, pageSize: i === 0 ? size : Math.min(MAX_PAGE, o.pageSize + 1) };
      }),
    );
    const base = index;
    for (const [i, p] of pages.entries()) {
      const s = base + i;
      const full = p.items.length >= (i === 0 ? size : Math.min(MAX_PAGE, o.pageSize + 1));
      let { settled, edge: next } = settle(p.items, full, o.sort);
      if (full && !settled.length) {
        if (i === 0 && size < MAX_PAGE) {
          size = MAX_PAGE; // one value fills the page: read it whole next round
          break;
        }
        if (i !== 0) {
          index = s;
          edge = null;
          shownUpTo = null;
          break;
        }
        settled = p.items;
        next = null;
      }
      const from = i === 0 ? shownUpTo : null;
      const fresh = settled.filter((r) => !from || isAfter(r, from)).sort(inOrder);
      for (const r of fresh) {
        if (o.keep && !o.keep(r)) continue;
        if (items.length >= o.pageSize) return { items, cursor: encodeCursor(lastShown!), rounds };
        items.push(r);
        lastShown = { v: sortValue(r, o.sort), id: r.id, s };
      }
      if (next !== null) {
        // This source has more than a page: go on inside it next round, from its edge.
        index = s;
        edge = next;
        shownUpTo = fresh.length ? { v: sortValue(fresh[fresh.length - 1]!, o.sort), id: fresh[fresh.length - 1]!.id, s } : shownUpTo;
        size = Math.min(MAX_PAGE, o.pageSize + 1);
        break;
      }
      index = s + 1;
      edge = null;
      shownUpTo = null;
    }
    if (items.length >= o.pageSize) break;
  }
  if (index >= o.sources.length) return { items, cursor: null, rounds };
  if (items.length >= o.pageSize && lastShown) return { items, cursor: encodeCursor(lastShown), rounds };
  // The round limit ended the page early: go on where reading stopped.
  return { items, cursor: encodeCursor(shownUpTo ?? (edge !== null ? { v: edge, id: desc ? '9999999999' : '0', s: index } : { v: '', id: '0', s: index })), rounds };
}
