/**
 * SQLite persistence for the local SharePoint site: lists, columns, one item table per list
 * (item-tables.ts), a change sequence for delta, and tombstones for deleted items. Every write is one
 * transaction; better-sqlite3 is synchronous, so a check-then-write inside a transaction is atomic.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { type ColumnDef, builtinColumns } from './columns';
import {
  type FieldValues, ITEM_COLUMNS, type ItemRow, type StoredColumn, addColumnIndex, collatedExpr, columnExpr,
  createItemTable, dropColumnIndex, dropItemTable, insertSql, itemTable, keyColumns, keyValue, updateSql,
} from './item-tables';
import { SCHEMA, SCHEMA_VERSION, migrateSchema } from './schema';

export type { FieldValues, ItemRow, StoredColumn } from './item-tables';

export interface SiteInfo {
  siteGuid: string;
  webGuid: string;
  created: string;
  /** Random per database; delta tokens from another database are refused. */
  epoch: string;
}

export interface ListRow {
  rid: number;
  id: string;
  display_name: string;
  name: string;
  description: string;
  template: string;
  created: string;
  modified: string;
  item_count: number;
}

export interface DeltaRow extends Omit<ItemRow, 'guid' | 'version' | 'created' | 'modified' | 'data'> {
  deleted: 0 | 1;
  guid: string | null;
  version: number | null;
  created: string | null;
  modified: string | null;
  data: string | null;
}

/** A write that would give a unique column a value another item already has. */
export class UniqueViolation extends Error {
  constructor(readonly column: string) {
    super(`duplicate value in ${column}`);
  }
}

/** An If-Match precondition that does not hold. */
export class EtagMismatch extends Error {
  constructor(readonly current: ItemRow) {
    super('etag mismatch');
  }
}

/** SharePoint stores times with second precision (the fraction is cut, not rounded). */
export function nowIso(): string {
  return new Date().toISOString().slice(0, 19) + 'Z';
}

export interface OpenOptions {
  /** Told when an older database file is converted to the current layout. */
  onMigrate?: (message: string) => void;
}

export class GraphStore {
  readonly db: Database.Database;
  readonly site: SiteInfo;
  private readonly columnCache = new Map<number, StoredColumn[]>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(dbPath: string, options: OpenOptions = {}) {
    this.db = new Database(dbPath);
    if (dbPath !== ':memory:') {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.pragma('foreign_keys = ON');
    migrateSchema(this.db, options.onMigrate);
    this.db.exec(SCHEMA);
    this.site = this.db.transaction(() => {
      const get = (key: string) => (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
      const put = (key: string, value: string) => this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
      if (get('site_guid') === undefined) {
        put('site_guid', randomUUID());
        put('web_guid', randomUUID());
        put('site_created', nowIso());
        put('epoch', randomUUID().slice(0, 8));
        put('seq', '0');
      }
      if (get('schema_version') === undefined) put('schema_version', String(SCHEMA_VERSION));
      return { siteGuid: get('site_guid')!, webGuid: get('web_guid')!, created: get('site_created')!, epoch: get('epoch')! };
    })();
  }

  close(): void {
    this.db.close();
  }

  /** A cached prepared statement. */
  stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private nextSeq(): number {
    const row = this.stmt("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'seq' RETURNING value").get() as { value: number | string };
    return Number(row.value);
  }

  /** The latest change sequence number (delta tokens point at it). */
  currentSeq(): number {
    return Number((this.stmt("SELECT value FROM meta WHERE key = 'seq'").get() as { value: string }).value);
  }

  // ---- lists ---------------------------------------------------------------------------------

  lists(): ListRow[] {
    return this.stmt('SELECT * FROM lists ORDER BY rid').all() as ListRow[];
  }

  /** Finds a list by id (GUID) or by display name (case-insensitive), as Graph allows both. */
  findList(idOrName: string): ListRow | undefined {
    return (this.stmt('SELECT * FROM lists WHERE id = ? COLLATE NOCASE').get(idOrName) ??
      this.stmt('SELECT * FROM lists WHERE display_name = ? COLLATE NOCASE').get(idOrName)) as ListRow | undefined;
  }

  listNameTaken(displayName: string): boolean {
    return this.stmt('SELECT 1 FROM lists WHERE display_name = ? COLLATE NOCASE').get(displayName) !== undefined;
  }

  createList(input: { displayName: string; description: string; template: string; columns: ColumnDef[] }): ListRow {
    return this.db.transaction(() => {
      const now = nowIso();
      const id = randomUUID();
      const name = input.displayName.replace(/[^A-Za-z0-9]/g, '') || 'List';
      const info = this.stmt(
        'INSERT INTO lists (id, display_name, name, description, template, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(id, input.displayName, name, input.description, input.template, now, now);
      const rid = Number(info.lastInsertRowid);
      createItemTable(this.db, rid);
      for (const column of [...builtinColumns(), ...input.columns]) this.insertColumn(rid, column);
      return this.stmt('SELECT * FROM lists WHERE rid = ?').get(rid) as ListRow;
    })();
  }

  deleteList(list: ListRow): void {
    this.db.transaction(() => {
      dropItemTable(this.db, list.rid);
      this.stmt('DELETE FROM tombstones WHERE list_rid = ?').run(list.rid);
      this.stmt('DELETE FROM columns WHERE list_rid = ?').run(list.rid);
      this.stmt('DELETE FROM lists WHERE rid = ?').run(list.rid);
    })();
    this.columnCache.delete(list.rid);
  }

  private touchList(rid: number): void {
    this.stmt('UPDATE lists SET modified = ? WHERE rid = ?').run(nowIso(), rid);
  }

  // ---- columns -------------------------------------------------------------------------------

  /** The list's columns with their storage ids, in creation order. */
  storedColumns(listRid: number): StoredColumn[] {
    let cached = this.columnCache.get(listRid);
    if (!cached) {
      const rows = this.stmt('SELECT rid, def FROM columns WHERE list_rid = ? ORDER BY rid').all(listRid) as { rid: number; def: string }[];
      cached = rows.map((r) => ({ rid: r.rid, def: JSON.parse(r.def) as ColumnDef }));
      this.columnCache.set(listRid, cached);
    }
    return cached;
  }

  columns(listRid: number): ColumnDef[] {
    return this.storedColumns(listRid).map((c) => c.def);
  }

  private insertColumn(listRid: number, column: ColumnDef): void {
    const info = this.stmt('INSERT INTO columns (list_rid, id, name, def) VALUES (?, ?, ?, ?)').run(listRid, column.id, column.name, JSON.stringify(column));
    this.columnCache.delete(listRid);
    if (column.indexed) addColumnIndex(this.db, listRid, { rid: Number(info.lastInsertRowid), def: column });
  }

  addColumn(listRid: number, column: ColumnDef): void {
    this.db.transaction(() => {
      this.insertColumn(listRid, column);
      this.touchList(listRid);
    })();
  }

  /** Replaces a column definition, creating or dropping its key column and index as `indexed` changes. */
  updateColumn(listRid: number, column: ColumnDef): void {
    this.db.transaction(() => {
      const row = this.stmt('SELECT rid, def FROM columns WHERE list_rid = ? AND id = ?').get(listRid, column.id) as { rid: number; def: string };
      const before = JSON.parse(row.def) as ColumnDef;
      this.stmt('UPDATE columns SET def = ? WHERE rid = ?').run(JSON.stringify(column), row.rid);
      if (column.indexed && !before.indexed) addColumnIndex(this.db, listRid, { rid: row.rid, def: column });
      if (!column.indexed && before.indexed) dropColumnIndex(this.db, listRid, { rid: row.rid, def: before });
      this.touchList(listRid);
    })();
    this.columnCache.delete(listRid);
  }

  /** Whether two items of the list already share a value of the column (blocks enforceUniqueValues). */
  hasDuplicates(listRid: number, column: ColumnDef): boolean {
    const stored = this.storedColumns(listRid).find((c) => c.def.id === column.id)!;
    const probe = { rid: stored.rid, def: { ...column, indexed: stored.def.indexed } };
    const expr = collatedExpr(probe);
    const sql = `SELECT 1 FROM ${itemTable(listRid)} WHERE ${columnExpr(probe)} IS NOT NULL GROUP BY ${expr} HAVING COUNT(*) > 1 LIMIT 1`;
    return this.db.prepare(sql).get() !== undefined;
  }

  // ---- items ---------------------------------------------------------------------------------

  /** The list's item count, kept by every create and delete (SharePoint's ItemCount). */
  countItems(listRid: number): number {
    return (this.stmt('SELECT item_count FROM lists WHERE rid = ?').get(listRid) as { item_count: number }).item_count;
  }

  getItem(listRid: number, id: number): ItemRow | undefined {
    return this.stmt(`SELECT ${ITEM_COLUMNS} FROM ${itemTable(listRid)} WHERE id = ?`).get(id) as ItemRow | undefined;
  }

  private assertUnique(listRid: number, itemId: number, data: FieldValues): void {
    for (const column of this.storedColumns(listRid)) {
      if (!column.def.enforceUniqueValues || column.def.storage !== 'data') continue;
      const value = keyValue(data[column.def.name]);
      if (value === null || value === '') continue; // SharePoint does not compare empty values
      const clash = this.stmt(`SELECT 1 FROM ${itemTable(listRid)} WHERE ${columnExpr(column)} = ? AND id <> ? LIMIT 1`).get(value, itemId);
      if (clash) throw new UniqueViolation(column.def.name);
    }
  }

  /** Creates an item (id = next id of the list, never reused). Throws UniqueViolation. */
  createItem(list: ListRow, fields: FieldValues): ItemRow {
    return this.db.transaction(() => {
      const { next_item_id: id } = this.stmt('SELECT next_item_id FROM lists WHERE rid = ?').get(list.rid) as { next_item_id: number };
      const data: FieldValues = {};
      for (const [k, v] of Object.entries(fields)) if (v !== null) data[k] = v;
      this.assertUnique(list.rid, id, data);
      const now = nowIso();
      const row: ItemRow = { id, guid: randomUUID(), version: 1, created: now, modified: now, seq: this.nextSeq(), data: JSON.stringify(data) };
      const keys = keyColumns(this.storedColumns(list.rid));
      this.stmt(insertSql(list.rid, keys)).run(
        row.id, row.guid, row.version, row.created, row.modified, row.seq, row.data, ...keys.map((k) => keyValue(data[k.def.name])),
      );
      this.stmt('UPDATE lists SET next_item_id = ?, item_count = item_count + 1 WHERE rid = ?').run(id + 1, list.rid);
      return row;
    })();
  }

  /**
   * Updates fields of an item, bumping its version. `matches` (the If-Match check) runs against the
   * current row inside the transaction. Returns undefined when the item does not exist.
   */
  updateItem(list: ListRow, id: number, fields: FieldValues, matches: (row: ItemRow) => boolean): ItemRow | undefined {
    return this.db.transaction(() => {
      const current = this.getItem(list.rid, id);
      if (!current) return undefined;
      if (!matches(current)) throw new EtagMismatch(current);
      const data = JSON.parse(current.data) as FieldValues;
      for (const [k, v] of Object.entries(fields)) {
        if (v === null) delete data[k];
        else data[k] = v;
      }
      this.assertUnique(list.rid, id, data);
      const row: ItemRow = { ...current, version: current.version + 1, modified: nowIso(), seq: this.nextSeq(), data: JSON.stringify(data) };
      const keys = keyColumns(this.storedColumns(list.rid));
      this.stmt(updateSql(list.rid, keys)).run(
        row.version, row.modified, row.seq, row.data, ...keys.map((k) => keyValue(data[k.def.name])), id,
      );
      return row;
    })();
  }

  /** Deletes an item, leaving a tombstone for delta. Returns false when the item does not exist. */
  deleteItem(list: ListRow, id: number, matches: (row: ItemRow) => boolean): boolean {
    return this.db.transaction(() => {
      const current = this.getItem(list.rid, id);
      if (!current) return false;
      if (!matches(current)) throw new EtagMismatch(current);
      this.stmt(`DELETE FROM ${itemTable(list.rid)} WHERE id = ?`).run(id);
      this.stmt('UPDATE lists SET item_count = item_count - 1 WHERE rid = ?').run(list.rid);
      this.stmt('INSERT OR REPLACE INTO tombstones (list_rid, id, seq) VALUES (?, ?, ?)').run(list.rid, id, this.nextSeq());
      return true;
    })();
  }

  /**
   * Runs an item query built by the query planner (`where` may be empty; `orderAndLimit` follows it).
   * `index`: the index of the selecting condition's column — SharePoint evaluates the first condition
   * through its index, and so does this server (SQLite alone may pick another index, e.g. a Status
   * index holding most of the list, and sort thousands of rows).
   */
  queryItems(listRid: number, where: string, orderAndLimit: string, params: (string | number | null)[], index?: string | null): ItemRow[] {
    const plain = `SELECT ${ITEM_COLUMNS} FROM ${itemTable(listRid)}${where ? ` WHERE ${where}` : ''} ${orderAndLimit}`;
    if (index && where) {
      try {
        return this.stmt(`SELECT ${ITEM_COLUMNS} FROM ${itemTable(listRid)} INDEXED BY ${index} WHERE ${where} ${orderAndLimit}`).all(...params) as ItemRow[];
      } catch (error) {
        // The condition cannot use that index after all (SQLite: "no query solution").
        if (!/no query solution/i.test(String((error as Error).message))) throw error;
      }
    }
    return this.stmt(plain).all(...params) as ItemRow[];
  }

  /** Counts items matching a condition, stopping at `cap` (for list view threshold decisions). */
  countMatching(listRid: number, where: string, params: (string | number)[], cap: number): number {
    const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${itemTable(listRid)} WHERE ${where} LIMIT ?)`;
    return (this.stmt(sql).get(...params, cap) as { n: number }).n;
  }

  /**
   * Items changed after `sinceSeq` and tombstones written after `tombstoneFloor` (the start of an
   * initial enumeration, whose earlier deletions the client never saw), oldest change first.
   */
  changesSince(listRid: number, sinceSeq: number, tombstoneFloor: number, limit: number): DeltaRow[] {
    return this.stmt(
      `SELECT ${ITEM_COLUMNS}, 0 AS deleted FROM ${itemTable(listRid)} WHERE seq > ?
       UNION ALL
       SELECT id, NULL, NULL, NULL, NULL, seq, NULL, 1 FROM tombstones WHERE list_rid = ? AND seq > ?
       ORDER BY seq LIMIT ?`,
    ).all(sinceSeq, listRid, Math.max(sinceSeq, tombstoneFloor), limit) as DeltaRow[];
  }
}
