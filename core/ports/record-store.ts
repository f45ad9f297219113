/**
 * RecordStore: where every record lives. Production and local mode use the same implementation
 * (core/adapters/sharepoint over Microsoft Graph); tests run it against the local SharePoint server.
 */
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
export type FieldValue = string | number | boolean | null;

export interface Condition<L extends ListName> {
  field: FieldOf<L>;
  /** `startswith` (text columns) serves search boxes: on an indexed column it works past 5 000 items. */
  op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'startswith';
  value: FieldValue;
}

export interface QueryOptions<L extends ListName> {
  /**
   * Conditions joined by `and`. Each must be on an indexed column (lists.ts): SharePoint refuses
   * filters on non-indexed columns once a list passes 5 000 items, so the adapter never sends one.
   */
  where?: Condition<L>[];
  orderBy?: { field: FieldOf<L>; direction?: 'asc' | 'desc' };
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

export interface NewRecord<L extends ListName> {
  key: string;
  data: RecordInput<L>;
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
   * Deletes `current` (a record as read from this store) with If-Match on its etag. Only for records
   * whose retention has ended, decided by a person (core/domain/retention.ts); the audit log is
   * append-only and refuses. Throws ConflictError when it changed since it was read; a record already
   * gone counts as removed (a retry after a lost answer).
   */
  remove<L extends MutableListName>(list: L, current: StoredOf<L>): Promise<void>;
  query<L extends ListName>(list: L, options?: QueryOptions<L>): Promise<Page<RecordOf<L>>>;
  /** Every matching record, following pages. */
  queryAll<L extends ListName>(list: L, options?: Omit<QueryOptions<L>, 'cursor'>): AsyncIterable<StoredOf<L>>;
}
