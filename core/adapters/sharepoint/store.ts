/**
 * RecordStore over Microsoft Graph and SharePoint lists.
 *
 * - create: one POST with an `IdempotencyKey` column that SharePoint keeps unique. A retried POST that
 *   had already committed gets 409 and the first item is returned; after a timeout the key is looked
 *   up before the create is sent again. Either way: one item, never two.
 * - update: PATCH …/fields with If-Match. 412 → ConflictError, unless the item already holds exactly
 *   this patch (our own write whose answer was lost), which is success.
 * - query: only on indexed columns (checked here, before anything is sent), paging by nextLink. A
 *   refusal for the list view threshold fails at once with StoreRequestError('listViewThreshold'):
 *   retrying cannot help, the query must change (graph-errors.ts). `queryMany` sends several
 *   queries in one `$batch`; `changes` follows the list's Graph delta.
 * - derived keys (core/domain/keys.ts): computed from the record and written with it on every create
 *   and update, filterable like any indexed column, never read back into records.
 * - dateTime values are kept at whole seconds, as SharePoint stores them, so that a record read back
 *   equals the record written.
 * - createMany / getMany: hand-built `$batch` bodies (≤ 20 requests), each inner status handled, inner
 *   429/503 retried after Retry-After — an outer 200 is not success by itself.
 */
import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { APPEND_ONLY_LISTS, RECORD_SCHEMAS, type ListName, type MutableListName, type RecordInput, type RecordOf } from '../../domain/records';
import { issuesFromZod } from '../../i18n/validation';
import {
  ConflictError,
  NotFoundError,
  RecordValidationError,
  StoreRequestError,
  StoreUnavailableError,
} from '../../ports/errors';
import type { AnyListQuery, AnyNewRecord, Changes, Created, Condition, NewRecord, Page, PagesOf, QueryOptions, RecordStore, StoredOf } from '../../ports/record-store';
import { relativeGraphPath } from './client';
import { atSharePointPrecision, decodeFields, encodeKeys, encodeNew, encodePatch, holdsPatch, odataLiteral, type Fields } from './codec';
import { BATCH_LIMIT, sendBatch, type BatchResponse } from './batch';
import { KEY_COLUMN, queryColumn, type ListDef } from './columns';
import { graphErrorInfo, isListViewThresholdRefusal, isUniqueViolation } from './graph-errors';
import { listDef } from './lists';
import { backoffMs, DEFAULT_RETRY, sleep, WriteAttempts } from './middleware';

export interface SharePointStoreOptions {
  client: Client;
  siteId: string;
  /** List ids by display name, as returned by `provisionLists`. */
  listIds: ReadonlyMap<ListName, string>;
  /** Attempts for a create or update whose outcome was unknown (timeout, 5xx). Default 4. */
  writeAttempts?: number;
}

interface GraphItem {
  id: string;
  eTag?: string;
  createdDateTime?: string;
  lastModifiedDateTime?: string;
  fields?: Fields;
}


function statusOf(error: unknown): number | undefined {
  const e = error as Partial<GraphError> | undefined;
  return typeof e?.statusCode === 'number' ? e.statusCode : undefined;
}

/** The write may or may not have been applied: a transport failure, a timeout, or a 5xx/429 after retries. */
function isAmbiguous(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status === -1 || status === 0 || status === 429 || status >= 500;
}

function describe(error: unknown): string {
  const e = error as Partial<GraphError> & { message?: string };
  return [e.statusCode, e.code, e.message].filter((x) => x !== undefined && x !== '').join(' ');
}

/** The failure for a query SharePoint refused because its first condition selects too many items. */
export function listViewThresholdError(list: string, path: string, status = 429): StoreRequestError {
  const query = new URL(path, 'https://graph.invalid').searchParams;
  const filter = query.get('$filter');
  const order = query.get('$orderby');
  return new StoreRequestError(
    `SharePoint refused a query on ${list}: it would read more items than the list view threshold allows ` +
      `(5 000 in SharePoint Online; LOCAL_GRAPH_THRESHOLD locally). The first condition of the filter must be on an ` +
      `indexed column and select no more items than that` +
      `${filter ? ` (filter: ${filter})` : ''}${order ? ` (order: ${order})` : ''}. Retrying does not help; the query has to change.`,
    status,
    'listViewThreshold',
  );
}

function translate(error: unknown, list: string, id = '', path?: string): Error {
  if (path !== undefined && isListViewThresholdRefusal(graphErrorInfo(error), path)) {
    return listViewThresholdError(list, path, statusOf(error));
  }
  const status = statusOf(error);
  if (status === 412) return new ConflictError(list, id);
  if (status === 404) return new NotFoundError(list, id);
  if (isAmbiguous(error)) return new StoreUnavailableError(`Graph: ${describe(error)}`, status, { cause: error });
  return new StoreRequestError(`Graph refused the request for ${list}: ${describe(error)}`, status ?? 0, (error as GraphError).code ?? undefined);
}

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const unb64url = (s: string) => Buffer.from(s, 'base64url').toString('utf8');

const ITEM_ID = /^[1-9]\d{0,9}$/;

export class SharePointRecordStore implements RecordStore {
  private readonly client: Client;
  private readonly siteId: string;
  private readonly listIds: ReadonlyMap<ListName, string>;
  private readonly writeAttempts: number;

  constructor(options: SharePointStoreOptions) {
    this.client = options.client;
    this.siteId = options.siteId;
    this.listIds = options.listIds;
    this.writeAttempts = options.writeAttempts ?? 4;
  }

  // ── paths ────────────────────────────────────────────────────────────────

  private itemsPath(list: ListName): string {
    const id = this.listIds.get(list);
    if (!id) throw new Error(`List ${list} is not provisioned`);
    return `/sites/${encodeURIComponent(this.siteId)}/lists/${encodeURIComponent(id)}/items`;
  }

  /** `$expand=fields($select=…)`: only our columns, not SharePoint's dozens of system fields. */
  private expandFields(def: ListDef): string {
    const columns = ['Title', KEY_COLUMN, 'Created', 'Modified', ...def.columns.map((c) => c.column)];
    return `$expand=fields($select=${[...new Set(columns)].join(',')})`;
  }

  private decodeItem<L extends ListName>(def: ListDef, item: GraphItem): StoredOf<L> {
    const fields = item.fields ?? {};
    return decodeFields<RecordOf<L>>(def, {
      ...fields,
      id: item.id,
      '@odata.etag': item.eTag ?? fields['@odata.etag'],
      Created: item.createdDateTime ?? fields.Created,
      Modified: item.lastModifiedDateTime ?? fields.Modified,
    });
  }

  // ── validation ───────────────────────────────────────────────────────────

  private validate<L extends ListName>(list: L, data: unknown): RecordOf<L> {
    const result = RECORD_SCHEMAS[list].safeParse(data);
    if (!result.success) throw new RecordValidationError(list, issuesFromZod(result.error));
    return result.data as RecordOf<L>;
  }

  // ── reads ────────────────────────────────────────────────────────────────

  async get<L extends ListName>(list: L, id: string): Promise<StoredOf<L> | null> {
    // SharePoint item ids start at 1: anything else (0, 007, 20 digits) names no item, and asking
    // Graph for it would be answered 400, not 404.
    if (!ITEM_ID.test(id)) return null;
    const def = listDef(list);
    try {
      const item = (await this.client.api(`${this.itemsPath(list)}/${id}?${this.expandFields(def)}`).get()) as GraphItem;
      return this.decodeItem<L>(def, item);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw translate(error, list, id);
    }
  }

  async getMany<L extends ListName>(list: L, ids: string[]): Promise<StoredOf<L>[]> {
    const def = listDef(list);
    const unique = [...new Set(ids.filter((id) => ITEM_ID.test(id)))];
    const responses = await sendBatch(this.client, (error) => translate(error, list),
      unique.map((id, i) => ({ id: String(i), method: 'GET', url: `${this.itemsPath(list)}/${id}?${this.expandFields(def)}` })),
    );
    const out: StoredOf<L>[] = [];
    responses.forEach((r) => {
      if (r.status === 200) out.push(this.decodeItem<L>(def, r.body as GraphItem));
      else if (r.status !== 404) throw translate({ statusCode: r.status, ...(r.body as object) }, list);
    });
    return out;
  }

  async findByKey<L extends ListName>(list: L, key: string): Promise<StoredOf<L> | null> {
    const def = listDef(list);
    const filter = `fields/${KEY_COLUMN} eq ${odataLiteral({ field: KEY_COLUMN, column: KEY_COLUMN, type: 'text' }, key)}`;
    const path = `${this.itemsPath(list)}?${this.expandFields(def)}&$filter=${encodeURIComponent(filter)}&$top=2`;
    try {
      const res = (await this.client.api(path).get()) as { value: GraphItem[] };
      const item = res.value[0];
      return item ? this.decodeItem<L>(def, item) : null;
    } catch (error) {
      throw translate(error, list, '', path);
    }
  }

  private filterOf<L extends ListName>(def: ListDef, where: Condition<L>[]): string {
    return where
      .map((c) => {
        const col = queryColumn(def, c.field);
        if (!col) throw new Error(`${def.name} has no field or key ${c.field}`);
        if (!col.indexed) {
          // Never send a non-indexed filter: it works on a small list and fails once the list passes
          // 5 000 items, in production, months later.
          throw new Error(`${def.name}.${c.field} is not indexed; add { indexed: true } in lists.ts to filter on it`);
        }
        if (c.op === 'startswith') return `startswith(fields/${col.column},${odataLiteral(col, String(c.value))})`;
        return `fields/${col.column} ${c.op} ${odataLiteral(col, c.value)}`;
      })
      .join(' and ');
  }

  /** The Graph path of a query (or of its next page, from a cursor). */
  private queryPath<L extends ListName>(list: L, options: QueryOptions<L>): string {
    const def = listDef(list);
    const filter = options.where?.length ? this.filterOf(def, options.where) : undefined;
    let orderby: string | undefined;
    if (options.orderBy) {
      const col = queryColumn(def, options.orderBy.field);
      if (!col?.indexed) throw new Error(`${list}.${String(options.orderBy.field)} is not indexed; cannot sort on it`);
      orderby = `fields/${col.column} ${options.orderBy.direction ?? 'asc'}`;
    }
    if (options.cursor) return this.checkCursor(list, unb64url(options.cursor), options.where?.length ? filter : undefined, orderby);
    const top = Math.min(Math.max(options.pageSize ?? 200, 1), 999);
    const parts = [this.expandFields(def), `$top=${top}`];
    if (filter) parts.push(`$filter=${encodeURIComponent(filter)}`);
    if (orderby) parts.push(`$orderby=${encodeURIComponent(orderby)}`);
    return `${this.itemsPath(list)}?${parts.join('&')}`;
  }

  private pageOf<L extends ListName>(def: ListDef, res: { value: GraphItem[]; '@odata.nextLink'?: string }): Page<RecordOf<L>> {
    const next = res['@odata.nextLink'];
    return { items: res.value.map((i) => this.decodeItem<L>(def, i)), cursor: next ? b64url(relativeGraphPath(next)) : null };
  }

  async query<L extends ListName>(list: L, options: QueryOptions<L> = {}): Promise<Page<RecordOf<L>>> {
    const def = listDef(list);
    const path = this.queryPath(list, options);
    try {
      return this.pageOf<L>(def, (await this.client.api(path).get()) as { value: GraphItem[]; '@odata.nextLink'?: string });
    } catch (error) {
      throw translate(error, list, '', path);
    }
  }

  async queryMany<const Q extends readonly AnyListQuery[]>(queries: Q): Promise<PagesOf<Q>> {
    if (!queries.length) return [] as unknown as PagesOf<Q>;
    const paths = queries.map((q) => this.queryPath(q.list, q.options as QueryOptions<ListName>));
    // Reads: the $batches of one call go side by side (a view's sources cost one round trip).
    const responses = await sendBatch(this.client, (error) => translate(error, queries[0]!.list), paths.map((url, i) => ({ id: String(i), method: 'GET', url })), { parallel: 4 });
    return responses.map((r, i) => {
      const list = queries[i]!.list;
      if (r.status === 200) return this.pageOf(listDef(list), r.body as { value: GraphItem[]; '@odata.nextLink'?: string });
      const body = (r.body as { error?: object } | undefined)?.error ?? {};
      throw translate({ statusCode: r.status, headers: r.headers, ...body, body: r.body }, list, '', paths[i]);
    }) as unknown as PagesOf<Q>;
  }

  async findByKeys<L extends ListName>(list: L, keys: string[]): Promise<StoredOf<L>[]> {
    const unique = [...new Set(keys)];
    if (!unique.length) return [];
    const def = listDef(list);
    const paths = unique.map((key) => {
      const filter = `fields/${KEY_COLUMN} eq ${odataLiteral({ field: KEY_COLUMN, column: KEY_COLUMN, type: 'text' }, key)}`;
      return `${this.itemsPath(list)}?${this.expandFields(def)}&$filter=${encodeURIComponent(filter)}&$top=2`;
    });
    const responses = await sendBatch(this.client, (error) => translate(error, list), paths.map((url, i) => ({ id: String(i), method: 'GET', url })), { parallel: 4 });
    const out: StoredOf<L>[] = [];
    responses.forEach((r, i) => {
      if (r.status !== 200) throw translate({ statusCode: r.status, ...((r.body as { error?: object } | undefined)?.error ?? {}) }, list, '', paths[i]);
      const item = (r.body as { value: GraphItem[] }).value[0];
      if (item) out.push(this.decodeItem<L>(def, item));
    });
    return out;
  }

  /**
   * Graph delta of a list: `null` enumerates every item, `'latest'` starts from now, anything else is
   * a cursor this method returned (a nextLink while `more`, then a deltaLink). A link Graph no longer
   * knows (410 Gone) fails with StoreRequestError code `resyncRequired`: start again.
   */
  async changes<L extends ListName>(list: L, cursor: string | null, options: { pageSize?: number } = {}): Promise<Changes<RecordOf<L>>> {
    const def = listDef(list);
    let path: string;
    if (cursor === null || cursor === 'latest') {
      const top = Math.min(Math.max(options.pageSize ?? 500, 1), 999);
      path = `${this.itemsPath(list)}/delta?${this.expandFields(def)}&$top=${top}${cursor === 'latest' ? '&token=latest' : ''}`;
    } else {
      path = unb64url(cursor);
      const url = new URL(path, 'https://graph.invalid');
      if (url.origin !== 'https://graph.invalid' || decodeURIComponent(url.pathname) !== decodeURIComponent(`${this.itemsPath(list)}/delta`)) {
        throw new StoreRequestError(`Invalid delta cursor for ${list}`, 400, 'invalidCursor');
      }
    }
    let res: { value: (GraphItem & { deleted?: unknown })[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    try {
      res = (await this.client.api(path).get()) as typeof res;
    } catch (error) {
      if (statusOf(error) === 410) throw new StoreRequestError(`The delta link of ${list} expired`, 410, 'resyncRequired');
      throw translate(error, list);
    }
    const link = res['@odata.nextLink'] ?? res['@odata.deltaLink'];
    if (!link) throw new StoreRequestError(`Graph answered a delta of ${list} without a link`, 502, 'noDeltaLink');
    return {
      items: res.value.filter((i) => !i.deleted && i.fields).map((i) => this.decodeItem<L>(def, i)),
      removed: res.value.filter((i) => i.deleted).map((i) => i.id),
      cursor: b64url(relativeGraphPath(link)),
      more: Boolean(res['@odata.nextLink']),
    };
  }

  /**
   * A cursor is a nextLink that went to a browser and came back: it may only page through this
   * same list, with the filter and order the caller asks for now. Graph writes nextLinks in its own
   * form (the site id's commas as they are, where we send `%2C`), so paths compare decoded.
   */
  private checkCursor(list: ListName, path: string, filter: string | undefined, orderby: string | undefined): string {
    const invalid = () => new StoreRequestError(`Invalid cursor for ${list}`, 400, 'invalidCursor');
    let url: URL;
    let samePath: boolean;
    try {
      url = new URL(path, 'https://graph.invalid');
      samePath = url.origin === 'https://graph.invalid' && decodeURIComponent(url.pathname) === decodeURIComponent(this.itemsPath(list));
    } catch {
      throw invalid();
    }
    if (!samePath || !url.searchParams.has('$skiptoken')) throw invalid();
    if (filter !== undefined && url.searchParams.get('$filter') !== filter) throw invalid();
    if (orderby !== undefined && url.searchParams.get('$orderby') !== orderby) throw invalid();
    return path;
  }

  /**
   * One page of the derived-key back-fill (backfill.ts): items in id order (unfiltered paging works
   * at any list size), each key recomputed from the record and written where the stored value
   * differs (a key column added to a list that already has items, or a key whose rule changed).
   * PATCHes go twenty to a `$batch` with If-Match: an item changed meanwhile was written by the
   * store, keys included, and is left alone.
   */
  async backfillKeysPage(list: ListName, cursor: string | null, pageSize = 500): Promise<{ scanned: number; patched: number; cursor: string | null }> {
    const def = listDef(list);
    if (!def.keys.length) return { scanned: 0, patched: 0, cursor: null };
    const columns = ['Title', KEY_COLUMN, 'Created', 'Modified', ...def.columns.map((c) => c.column), ...def.keys.map((k) => k.column)];
    const path = cursor ? unb64url(cursor) : `${this.itemsPath(list)}?$expand=fields($select=${[...new Set(columns)].join(',')})&$top=${Math.min(Math.max(pageSize, 1), 999)}`;
    if (!path.startsWith(`${this.itemsPath(list)}?`) && decodeURIComponent(new URL(path, 'https://graph.invalid').pathname) !== decodeURIComponent(this.itemsPath(list))) {
      throw new StoreRequestError(`Invalid back-fill cursor for ${list}`, 400, 'invalidCursor');
    }
    let res: { value: GraphItem[]; '@odata.nextLink'?: string };
    try {
      res = (await this.client.api(path).get()) as typeof res;
    } catch (error) {
      throw translate(error, list, '', path);
    }
    const same = (k: ListDef['keys'][number], stored: unknown, wanted: unknown) =>
      k.type === 'dateTime' ? (stored ? Date.parse(String(stored)) : null) === (wanted ? Date.parse(String(wanted)) : null) : (stored ?? null) === (wanted ?? null);
    const patches: { id: string; etag: string; fields: Fields }[] = [];
    for (const item of res.value) {
      const record = this.decodeItem<ListName>(def, item);
      const wanted = encodeKeys(def, record.data as Record<string, unknown>);
      const fields = item.fields ?? {};
      const changed = Object.fromEntries(def.keys.filter((k) => !same(k, fields[k.column], wanted[k.column])).map((k) => [k.column, wanted[k.column]]));
      if (Object.keys(changed).length) patches.push({ id: record.id, etag: record.etag, fields: changed });
    }
    let patched = 0;
    if (patches.length) {
      const responses = await sendBatch(this.client, (error) => translate(error, list), patches.map((p, i) => ({
        id: String(i), method: 'PATCH', url: `${this.itemsPath(list)}/${p.id}/fields`, headers: { 'Content-Type': 'application/json', 'If-Match': p.etag }, body: p.fields,
      })));
      for (const r of responses) {
        if (r.status === 200) patched++;
        else if (r.status !== 412 && r.status !== 404) throw translate({ statusCode: r.status, ...((r.body as { error?: object } | undefined)?.error ?? {}) }, list);
      }
    }
    const next = res['@odata.nextLink'];
    return { scanned: res.value.length, patched, cursor: next ? b64url(relativeGraphPath(next)) : null };
  }

  /**
   * Every matching record, following pages. NOT part of the RecordStore port: for tests and
   * maintenance scripts that look at a whole list on purpose. The app reads through bounded queries
   * (docs/queries.md); tests/architecture/bounded-reads.test.ts keeps it out of core/app and bot/.
   */
  async *queryAll<L extends ListName>(list: L, options: Omit<QueryOptions<L>, 'cursor'> = {}): AsyncIterable<StoredOf<L>> {
    let cursor: string | null | undefined;
    do {
      const page = await this.query(list, { ...options, pageSize: options.pageSize ?? 999, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.cursor;
    } while (cursor);
  }

  // ── writes ───────────────────────────────────────────────────────────────

  async create<L extends ListName>(list: L, key: string, data: RecordInput<L>): Promise<StoredOf<L>> {
    return (await this.createOrGet(list, key, data)).record;
  }

  async createOrGet<L extends ListName>(list: L, key: string, data: RecordInput<L>): Promise<{ record: StoredOf<L>; created: boolean }> {
    const def = listDef(list);
    const fields = encodeNew(def, key, atSharePointPrecision(def, this.validate(list, data) as Record<string, unknown>));
    let lastError: unknown;
    for (let attempt = 0; attempt < this.writeAttempts; attempt++) {
      if (attempt > 0) {
        // The previous attempt may have committed before its answer was lost: then it is ours.
        const existing = await this.findByKey(list, key);
        if (existing) return { record: existing, created: true };
        await sleep(backoffMs(attempt, DEFAULT_RETRY));
      }
      const marker = new WriteAttempts();
      try {
        const item = (await this.client.api(this.itemsPath(list)).middlewareOptions([marker]).post({ fields })) as GraphItem;
        return { record: this.decodeItem<L>(def, item), created: true };
      } catch (error) {
        if (isUniqueViolation(graphErrorInfo(error))) {
          // SharePoint refused a second item with this key (409 through Graph; 400 or 500 with the
          // same text elsewhere). After a retry of our own (here, or the middleware's after a 503)
          // the first attempt committed and only its answer was lost: that item is this call's.
          // Callers use `created` only to skip work or word an answer, never to decide who may act.
          const existing = await this.findByKey(list, key);
          if (existing) return { record: existing, created: (attempt > 0 || marker.retried) && this.holds(def, existing, fields) };
          throw translate(error, list);
        }
        if (!isAmbiguous(error)) throw translate(error, list);
        lastError = error;
      }
    }
    throw translate(lastError, list);
  }

  async createMany<L extends ListName>(list: L, records: NewRecord<L>[]): Promise<StoredOf<L>[]> {
    const def = listDef(list);
    const encoded = records.map((r) => ({ key: r.key, fields: encodeNew(def, r.key, atSharePointPrecision(def, this.validate(list, r.data) as Record<string, unknown>)) }));
    const byKey = new Map<string, StoredOf<L>>();
    for (let start = 0; start < encoded.length; start += BATCH_LIMIT) {
      const chunk = encoded.slice(start, start + BATCH_LIMIT).filter((r) => !byKey.has(r.key));
      let responses: BatchResponse[];
      try {
        responses = await sendBatch(this.client, (error) => translate(error, list),
          chunk.map((r, i) => ({ id: String(i), method: 'POST', url: this.itemsPath(list), headers: { 'Content-Type': 'application/json' }, body: { fields: r.fields } })),
        );
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        // Unknown how much of the batch committed: create one by one (each idempotent by key).
        for (const r of chunk) byKey.set(r.key, await this.create(list, r.key, records.find((x) => x.key === r.key)!.data));
        continue;
      }
      for (const [i, r] of responses.entries()) {
        const key = chunk[i]!.key;
        if (r.status === 201 || r.status === 200) byKey.set(key, this.decodeItem<L>(def, r.body as GraphItem));
        else if (isUniqueViolation(graphErrorInfo(r))) {
          const existing = await this.findByKey(list, key);
          if (!existing) throw translate({ statusCode: r.status, ...((r.body as { error?: object })?.error ?? {}) }, list);
          byKey.set(key, existing);
        } else throw translate({ statusCode: r.status, ...((r.body as { error?: object })?.error ?? {}) }, list);
      }
    }
    return records.map((r) => byKey.get(r.key)!);
  }

  /**
   * Whether `existing` holds exactly what this call sent: after a retry, only then is it this call's
   * own first attempt (another writer with the same key — a second instance taking a lease — wrote
   * something else).
   */
  private holds(def: ListDef, existing: StoredOf<ListName>, sent: Fields): boolean {
    const compared = Object.fromEntries(Object.entries(sent).filter(([c]) => c !== KEY_COLUMN && c !== 'Title'));
    return holdsPatch(def, encodeNew(def, existing.key, existing.data as Record<string, unknown>), compared);
  }

  async createAll(records: readonly AnyNewRecord[]): Promise<Created[]> {
    const encoded = records.map((r) => {
      const def = listDef(r.list);
      return { ...r, def, fields: encodeNew(def, r.key, atSharePointPrecision(def, this.validate(r.list, r.data) as Record<string, unknown>)) };
    });
    const out = new Map<number, Created>();
    const retried = new Set<string>();
    let responses: BatchResponse[];
    try {
      responses = await sendBatch(this.client, (error) => translate(error, encoded[0]?.list ?? 'AuditLog'),
        encoded.map((r, i) => ({ id: String(i), method: 'POST', url: this.itemsPath(r.list), headers: { 'Content-Type': 'application/json' }, body: { fields: r.fields } })),
        { retried },
      );
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      // Unknown how much committed: one by one, each idempotent by key. An item found there counts as
      // created by this call (its own $batch may have committed it).
      const one: Created[] = [];
      for (const r of encoded) {
        const res = (await this.createOrGet(r.list, r.key, r.data as never)) as Created;
        one.push({ record: res.record, created: res.created || this.holds(r.def, res.record as StoredOf<ListName>, r.fields) });
      }
      return one;
    }
    const refused = (i: number) => translate({ statusCode: responses[i]!.status, ...((responses[i]!.body as { error?: object })?.error ?? {}) }, encoded[i]!.list);
    const there: number[] = [];
    for (const [i, res] of responses.entries()) {
      const r = encoded[i]!;
      if (res.status === 201 || res.status === 200) out.set(i, { record: this.decodeItem(r.def, res.body as GraphItem), created: true });
      else if (isUniqueViolation(graphErrorInfo(res))) there.push(i);
      else throw refused(i);
    }
    // Those already there (a retry completing what a crash left): looked up together, per list.
    const lists = [...new Set(there.map((i) => encoded[i]!.list))];
    const found = await Promise.all(lists.map((list) => this.findByKeys(list, there.filter((i) => encoded[i]!.list === list).map((i) => encoded[i]!.key))));
    const byKey = new Map(found.flatMap((items, n) => items.map((item) => [`${lists[n]}|${item.key}`, item] as const)));
    for (const i of there) {
      const r = encoded[i]!;
      const existing = byKey.get(`${r.list}|${r.key}`);
      if (!existing) throw refused(i);
      out.set(i, { record: existing, created: retried.has(String(i)) && this.holds(r.def, existing, r.fields) });
    }
    return records.map((_, i) => out.get(i)!);
  }

  /** What an update sends: the merged record validated whole, the changed columns and every derived key. */
  private prepareUpdate<L extends MutableListName>(list: L, current: StoredOf<L>, patch: Partial<RecordOf<L>>) {
    if (APPEND_ONLY_LISTS.has(list)) throw new Error(`${list} is append-only`);
    const def = listDef(list);
    const merged = atSharePointPrecision(def, this.validate(list, { ...current.data, ...patch }) as Record<string, unknown>) as RecordOf<L>;
    const changed = Object.fromEntries(Object.keys(patch).map((f) => [f, (merged as Record<string, unknown>)[f]]));
    // Every derived key goes with every update: a key depends on the whole record, and an item
    // written before a key existed gets it on its next write.
    const fields = { ...encodePatch(def, changed), ...encodeKeys(def, merged as Record<string, unknown>) };
    const path = `${this.itemsPath(list)}/${encodeURIComponent(current.id)}/fields`;
    const result = (etag: string, modified: unknown): StoredOf<L> => ({
      ...current,
      etag,
      modifiedAt: modified ? new Date(String(modified)).toISOString() : new Date().toISOString(),
      data: merged,
    });
    return { def, fields, path, result };
  }

  /** After a 412 or no answer: the record now, when it holds this update (an attempt of ours landed); else null. */
  private async landed<L extends MutableListName>(list: L, current: StoredOf<L>, def: ListDef, fields: Fields): Promise<StoredOf<L> | 'unchanged'> {
    const now = await this.get(list, current.id);
    if (!now) throw new NotFoundError(list, current.id);
    if (now.etag === current.etag) return 'unchanged';
    const data = now.data as Record<string, unknown>;
    if (holdsPatch(def, { ...encodePatch(def, data), ...encodeKeys(def, data) }, fields)) return now;
    throw new ConflictError(list, current.id);
  }

  async update<L extends MutableListName>(list: L, current: StoredOf<L>, patch: Partial<RecordOf<L>>): Promise<StoredOf<L>> {
    const { def, fields, path, result } = this.prepareUpdate(list, current, patch);
    let lastError: unknown;
    for (let attempt = 0; attempt < this.writeAttempts; attempt++) {
      try {
        // Graph answers with the changed fields and the new @odata.etag only.
        const res = (await this.client.api(path).header('If-Match', current.etag).patch(fields)) as Fields;
        return result(String(res['@odata.etag'] ?? ''), res.Modified);
      } catch (error) {
        const status = statusOf(error);
        if (status === 404) throw new NotFoundError(list, current.id);
        if (status !== 412 && !isAmbiguous(error)) throw translate(error, list, current.id);
        // 412, or no answer: did one of our attempts land (its answer lost, the retry refused)?
        const now = await this.landed(list, current, def, fields);
        if (now !== 'unchanged') return now;
        lastError = error;
        await sleep(backoffMs(attempt, DEFAULT_RETRY));
      }
    }
    throw translate(lastError, list, current.id);
  }

  async updateThenCreateAll<L extends MutableListName>(list: L, current: StoredOf<L>, patch: Partial<RecordOf<L>>, records: readonly AnyNewRecord[]): Promise<{ record: StoredOf<L>; created: Created[] }> {
    const { def, fields, path, result } = this.prepareUpdate(list, current, patch);
    const encoded = records.map((r) => {
      const d = listDef(r.list);
      return { ...r, def: d, fields: encodeNew(d, r.key, atSharePointPrecision(d, this.validate(r.list, r.data) as Record<string, unknown>)) };
    });
    // The plain way when it would not fit one $batch, or when nothing follows.
    const separately = async (record?: StoredOf<L>) => {
      const updated = record ?? (await this.update(list, current, patch));
      return { record: updated, created: records.length ? await this.createAll(records) : [] };
    };
    if (!records.length || records.length + 1 > BATCH_LIMIT) return separately();
    let responses: BatchResponse[];
    try {
      responses = await sendBatch(this.client, (error) => translate(error, list, current.id), [
        { id: 'u', method: 'PATCH', url: path, headers: { 'Content-Type': 'application/json', 'If-Match': current.etag }, body: fields },
        ...encoded.map((r, i) => ({ id: String(i), method: 'POST' as const, url: this.itemsPath(r.list), headers: { 'Content-Type': 'application/json' }, body: { fields: r.fields }, dependsOn: ['u'] })),
      ]);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      // Unknown what landed: the update (which recognises its own earlier attempt), then the follow-ups.
      return separately();
    }
    const [u, ...creates] = responses;
    let record: StoredOf<L>;
    if (u!.status === 200 || u!.status === 204) {
      const body = (u!.body ?? {}) as Fields;
      record = result(String(body['@odata.etag'] ?? u!.headers?.ETag ?? u!.headers?.etag ?? ''), body.Modified);
    } else if (u!.status === 404) throw new NotFoundError(list, current.id);
    else if (u!.status === 412 || u!.status === 0 || u!.status >= 500) {
      // Refused as changed — possibly by an earlier attempt of this very batch (retried after a 503).
      const now = await this.landed(list, current, def, fields);
      if (now === 'unchanged') return separately();
      return separately(now);
    } else throw translate({ statusCode: u!.status, ...((u!.body as { error?: object })?.error ?? {}) }, list, current.id);
    // The update went through: the follow-ups it carried, and any it did not (a 424, an inner refusal), created now.
    if (creates.every((c) => c.status === 201 || c.status === 200)) {
      return { record, created: creates.map((c, i) => ({ record: this.decodeItem(encoded[i]!.def, c.body as GraphItem), created: true })) };
    }
    const rest = await this.createAll(records);
    return { record, created: rest.map((r, i) => (creates[i]!.status === 201 || creates[i]!.status === 200 ? { record: r.record, created: true } : r)) };
  }

  async remove<L extends MutableListName>(list: L, current: StoredOf<L>): Promise<void> {
    if (APPEND_ONLY_LISTS.has(list)) throw new Error(`${list} is append-only`);
    const path = `${this.itemsPath(list)}/${encodeURIComponent(current.id)}`;
    let lastError: unknown;
    for (let attempt = 0; attempt < this.writeAttempts; attempt++) {
      try {
        await this.client.api(path).header('If-Match', current.etag).delete();
        return;
      } catch (error) {
        const status = statusOf(error);
        // Gone: removed by this call's earlier attempt (its answer lost) or by someone else.
        if (status === 404) return;
        if (status === 412) throw new ConflictError(list, current.id);
        if (!isAmbiguous(error)) throw translate(error, list, current.id);
        lastError = error;
        await sleep(backoffMs(attempt, DEFAULT_RETRY));
      }
    }
    throw translate(lastError, list, current.id);
  }

  // ── $batch ───────────────────────────────────────────────────────────────
}
