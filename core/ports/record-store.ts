/**
 * RecordStore: where every record lives. Production and local mode use the same implementation
 * (core/adapters/sharepoint over Microsoft Graph); tests run it against the local SharePoint server.
 */
import type { KeyOf } from '../domain/keys';
import type { ListName, MutableListName, RecordInput, RecordOf } from '../domain/records';

export interface Stored<T> {
  /** SharePoint list item id. */
  id: string;
  /** The idempotency key the record was created with. */
  key: string;
  /** Opaque version tag; pass it back to `update`. */
  etag: string;
  createdAt: string;
  modifiedAt: string;
  data: T;
}

export type StoredOf<L extends ListName> = Stored<RecordOf<L>>;

export type FieldOf<L extends ListName> = Extract<keyof RecordOf<L>, string>;
/** A field of the record, or one of the list's derived keys (core/domain/keys.ts). */
export type QueryField<L extends ListName> = FieldOf<L> | KeyOf<L>;
export type FieldValue = string | number | boolean | null;

export interface Condition<L extends ListName> {
  field: QueryField<L>;
  /** `startswith` (text columns) serves search boxes: on an indexed column it works past 5 000 items. */
  op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'startswith';
  value: FieldValue;
}

export interface QueryOptions<L extends ListName> {
  /**
   * Conditions joined by `and`. Each must be on an indexed column (lists.ts): SharePoint refuses
   * filters on non-indexed columns once a list passes 5 000 items, so the adapter never sends one.
   * The FIRST condition is what SharePoint evaluates against its list view threshold: it must select
   * at most 5 000 items at any list size (docs/queries.md names the bound of every selector). Two
   * conditions on the same column (`ge` and `lt`) count as one range.
   */
  where?: Condition<L>[];
  orderBy?: { field: QueryField<L>; direction?: 'asc' | 'desc' };
  /** Items per page (1–999, default 200). */
  pageSize?: number;
  /** From a previous page's `cursor`. */
  cursor?: string;
}

export interface Page<T> {
  items: Stored<T>[];
  /** Pass to the next `query` to get the next page; null on the last page. */
  cursor: string | null;
}

/** One query of a `queryMany` batch. */
export interface ListQuery<L extends ListName = ListName> {
  list: L;
  options: QueryOptions<L>;
}

/** A query on any one list, checked against that list's fields (a union over the lists). */
export type AnyListQuery = { [L in ListName]: ListQuery<L> }[ListName];

export type PagesOf<Q extends readonly AnyListQuery[]> = { -readonly [K in keyof Q]: Q[K] extends ListQuery<infer L> ? Page<RecordOf<L>> : never };

/** What changed in a list since a `changes` cursor (Graph delta). */
export interface Changes<T> {
  /** Records created or changed (their latest state, once each). */
  items: Stored<T>[];
  /** Ids of records deleted. */
  removed: string[];
  /** Pass back to get what changed next. */
  cursor: string;
  /** True while this pass has more pages; false once caught up (later calls return only new changes). */
  more: boolean;
}

export interface NewRecord<L extends ListName> {
  key: string;
  data: RecordInput<L>;
}

/** One record of a `createAll`, on any list. */
export type AnyNewRecord = { [L in ListName]: { list: L; key: string; data: RecordInput<L> } }[ListName];

/** What `createAll` did with one record: created by this call, or found there already. */
export interface Created {
  record: Stored<unknown>;
  created: boolean;
}

export interface RecordStore {
  /**
   * Creates a record, idempotently: a second call with the same key (a retry, a double click, a
   * retried POST that had already committed) returns the first record and writes nothing.
   * Throws RecordValidationError before writing anything when `data` is invalid.
   */
  create<L extends ListName>(list: L, key: string, data: RecordInput<L>): Promise<StoredOf<L>>;
  /** `create` that also says whether this call created the record or found it already there. */
  createOrGet<L extends ListName>(list: L, key: string, data: RecordInput<L>): Promise<{ record: StoredOf<L>; created: boolean }>;
  /** `create` for many records at once (Graph `$batch`, 20 per request). Results in input order. */
  createMany<L extends ListName>(list: L, records: NewRecord<L>[]): Promise<StoredOf<L>[]>;
  /**
   * Creates records on several lists together (one Graph `$batch` per 20), each idempotently by its
   * key, and says for each whether this call created it (a retry of its own that found its first
   * attempt committed counts as created). For the follow-up writes of one operation — its audit entry
   * and outbox items — in a single round trip. Results in input order. Not atomic: a crash midway
   * leaves some written, and running the same call again completes the rest.
   */
  createAll(records: readonly AnyNewRecord[]): Promise<Created[]>;
  get<L extends ListName>(list: L, id: string): Promise<StoredOf<L> | null>;
  /** Reads several records by id (batched). Missing ids are left out. */
  getMany<L extends ListName>(list: L, ids: string[]): Promise<StoredOf<L>[]>;
  findByKey<L extends ListName>(list: L, key: string): Promise<StoredOf<L> | null>;
  /**
   * Changes fields of `current` (a record as read from this store). The merged record is validated
   * whole, then only the changed columns are sent with If-Match on `current.etag`. Throws
   * ConflictError when someone else changed it first, NotFoundError when it is gone,
   * RecordValidationError when the result is invalid (nothing is written).
   */
  update<L extends MutableListName>(list: L, current: StoredOf<L>, patch: Partial<RecordOf<L>>): Promise<StoredOf<L>>;
  /**
   * Records with the given idempotency keys (batched: 20 look-ups per request). Missing keys are left
   * out. For existence checks before writing many records ("which of these are new?").
   */
  findByKeys<L extends ListName>(list: L, keys: string[]): Promise<StoredOf<L>[]>;
  /**
   * Deletes `current` (a record as read from this store) with If-Match on its etag. Only for records
   * whose retention has ended, decided by a person (core/domain/retention.ts); the audit log is
   * append-only and refuses. Throws ConflictError when it changed since it was read; a record already
   * gone counts as removed (a retry after a lost answer).
   */
  remove<L extends MutableListName>(list: L, current: StoredOf<L>): Promise<void>;
  /**
   * `update`, then `createAll` of its follow-ups (an audit entry, outbox items), in one Graph `$batch`
   * where the creates depend on the update: when the update is refused (ConflictError, NotFoundError,
   * RecordValidationError, as `update` throws them) nothing is created. When the update went through
   * and some follow-ups did not, those are created one request later (each idempotent by its key).
   * One round trip for "change the record, then record and announce the change".
   */
  updateThenCreateAll<L extends MutableListName>(list: L, current: StoredOf<L>, patch: Partial<RecordOf<L>>, records: readonly AnyNewRecord[]): Promise<{ record: StoredOf<L>; created: Created[] }>;
  /** One page. There is deliberately no "read everything": see docs/queries.md. */
  query<L extends ListName>(list: L, options?: QueryOptions<L>): Promise<Page<RecordOf<L>>>;
  /**
   * Several queries, possibly on different lists, sent together (Graph `$batch`: one request per 20
   * queries). Pages come back in the order asked; a refused query fails the whole call.
   */
  queryMany<const Q extends readonly AnyListQuery[]>(queries: Q): Promise<PagesOf<Q>>;
  /**
   * What changed in a list since `cursor` (Graph delta), one page at a time. `null` starts with every
   * current record; `'latest'` starts from now with nothing. For background jobs that keep the
   * cursor between runs (JobState), never for a page load.
   */
  changes<L extends ListName>(list: L, cursor: string | null, options?: { pageSize?: number }): Promise<Changes<RecordOf<L>>>;
}
