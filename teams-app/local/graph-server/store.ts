/**
 * SQLite persistence for the local SharePoint site: lists, columns, items (custom fields as JSON),
 * a change sequence for delta, and tombstones for deleted items. Every write is one transaction;
 * better-sqlite3 is synchronous, so a check-then-write inside a transaction is atomic.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { type ColumnDef, builtinColumns, isCaseInsensitive } from './columns';
import { columnSql } from './filter';

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
}

export interface ItemRow {
  id: number;
  guid: string;
  version: number;
  created: string;
  modified: string;
  seq: number;
  data: string;
}

export interface DeltaRow extends Omit<ItemRow, 'guid' | 'version' | 'created' | 'modified' | 'data'> {
  deleted: 0 | 1;
  guid: string | null;
  version: number | null;
  created: string | null;
  modified: string | null;
  data: string | null;
}

export type FieldValues = Record<string, string | number | boolean | null>;

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

/** SharePoint stores times with second precision. */
export function nowIso(): string {
  return new Date().toISOString().slice(0, 19) + 'Z';
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lists (
  rid INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  template TEXT NOT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  next_item_id INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX IF NOT EXISTS lists_display_name ON lists (display_name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS columns (
  rid INTEGER PRIMARY KEY AUTOINCREMENT,
  list_rid INTEGER NOT NULL REFERENCES lists (rid) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  def TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS columns_name ON columns (list_rid, name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS items (
  list_rid INTEGER NOT NULL,
  id INTEGER NOT NULL,
  guid TEXT NOT NULL,
  version INTEGER NOT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (list_rid, id)
);
CREATE INDEX IF NOT EXISTS items_seq ON items (list_rid, seq);
CREATE TABLE IF NOT EXISTS tombstones (
  list_rid INTEGER NOT NULL,
  id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (list_rid, id)
);
CREATE INDEX IF NOT EXISTS tombstones_seq ON tombstones (list_rid, seq);
`;

const ITEM_COLUMNS = 'id, guid, version, created, modified, seq, data';

export class GraphStore {
  readonly db: Database.Database;
  readonly site: SiteInfo;
  private readonly columnCache = new Map<number, ColumnDef[]>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(dbPath: string) {
    this.db = new Database(dbPath);
    if (dbPath !== ':memory:') {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.pragma('foreign_keys = ON');
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
      for (const column of [...builtinColumns(), ...input.columns]) this.insertColumn(rid, column);
      return this.stmt('SELECT * FROM lists WHERE rid = ?').get(rid) as ListRow;
    })();
  }

  deleteList(list: ListRow): void {
    this.db.transaction(() => {
      const rids = this.stmt('SELECT rid FROM columns WHERE list_rid = ?').all(list.rid) as { rid: number }[];
      for (const { rid } of rids) this.dropIndex(rid);
      this.stmt('DELETE FROM items WHERE list_rid = ?').run(list.rid);
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

  columns(listRid: number): ColumnDef[] {
    let cached = this.columnCache.get(listRid);
    if (!cached) {
      const rows = this.stmt('SELECT def FROM columns WHERE list_rid = ? ORDER BY rid').all(listRid) as { def: string }[];
      cached = rows.map((r) => JSON.parse(r.def) as ColumnDef);
      this.columnCache.set(listRid, cached);
    }
    return cached;
  }

  private insertColumn(listRid: number, column: ColumnDef): void {
    const info = this.stmt('INSERT INTO columns (list_rid, id, name, def) VALUES (?, ?, ?, ?)').run(listRid, column.id, column.name, JSON.stringify(column));
    this.columnCache.delete(listRid);
    if (column.indexed && column.storage !== 'id') this.createIndex(Number(info.lastInsertRowid), column);
  }

  addColumn(listRid: number, column: ColumnDef): void {
    this.db.transaction(() => {
      this.insertColumn(listRid, column);
      this.touchList(listRid);
    })();
  }

  /** Replaces a column definition, creating or dropping its SQLite index as `indexed` changes. */
  updateColumn(listRid: number, column: ColumnDef): void {
    this.db.transaction(() => {
      const row = this.stmt('SELECT rid, def FROM columns WHERE list_rid = ? AND id = ?').get(listRid, column.id) as { rid: number; def: string };
      const before = JSON.parse(row.def) as ColumnDef;
      this.stmt('UPDATE columns SET def = ? WHERE rid = ?').run(JSON.stringify(column), row.rid);
      if (column.storage !== 'id') {
        if (column.indexed && !before.indexed) this.createIndex(row.rid, column);
        if (!column.indexed && before.indexed) this.dropIndex(row.rid);
      }
      this.touchList(listRid);
    })();
    this.columnCache.delete(listRid);
  }

  private indexName(columnRid: number): string {
    return `ix_col_${columnRid}`;
  }

  /** An expression index (list, value) so that an indexed filter on a large list is a B-tree lookup. */
  private createIndex(columnRid: number, column: ColumnDef): void {
    const collate = isCaseInsensitive(column) ? ' COLLATE NOCASE' : '';
    this.db.exec(`CREATE INDEX IF NOT EXISTS ${this.indexName(columnRid)} ON items (list_rid, ${columnSql(column)}${collate}, id)`);
  }

  private dropIndex(columnRid: number): void {
    this.db.exec(`DROP INDEX IF EXISTS ${this.indexName(columnRid)}`);
  }

  /** Whether two items of the list already share a value of the column (blocks enforceUniqueValues). */
  hasDuplicates(listRid: number, column: ColumnDef): boolean {
    const expr = isCaseInsensitive(column) ? `${columnSql(column)} COLLATE NOCASE` : columnSql(column);
    const sql = `SELECT 1 FROM items WHERE list_rid = ? AND ${columnSql(column)} IS NOT NULL GROUP BY ${expr} HAVING COUNT(*) > 1 LIMIT 1`;
    return this.db.prepare(sql).get(listRid) !== undefined;
  }

  // ---- items ---------------------------------------------------------------------------------

  countItems(listRid: number): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM items WHERE list_rid = ?').get(listRid) as { n: number }).n;
  }

  getItem(listRid: number, id: number): ItemRow | undefined {
    return this.stmt(`SELECT ${ITEM_COLUMNS} FROM items WHERE list_rid = ? AND id = ?`).get(listRid, id) as ItemRow | undefined;
  }

  private assertUnique(listRid: number, itemId: number, data: FieldValues): void {
    for (const column of this.columns(listRid)) {
      if (!column.enforceUniqueValues) continue;
      const value = column.storage === 'data' ? data[column.name] : undefined;
      if (value === undefined || value === null) continue;
      const expr = isCaseInsensitive(column) ? `${columnSql(column)} COLLATE NOCASE` : columnSql(column);
      const bound = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      const clash = this.stmt(`SELECT 1 FROM items WHERE list_rid = ? AND ${expr} = ? AND id <> ? LIMIT 1`).get(listRid, bound, itemId);
      if (clash) throw new UniqueViolation(column.name);
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
      this.stmt('INSERT INTO items (list_rid, id, guid, version, created, modified, seq, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        list.rid, row.id, row.guid, row.version, row.created, row.modified, row.seq, row.data,
      );
      this.stmt('UPDATE lists SET next_item_id = ? WHERE rid = ?').run(id + 1, list.rid);
      return row;
    })();
  }

  /**
   * Updates fields of an item, bumping its version. `ifMatch` (already checked for syntax) is compared
   * against the current eTag inside the transaction. Returns undefined when the item does not exist.
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
      this.stmt('UPDATE items SET version = ?, modified = ?, seq = ?, data = ? WHERE list_rid = ? AND id = ?').run(
        row.version, row.modified, row.seq, row.data, list.rid, id,
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
      this.stmt('DELETE FROM items WHERE list_rid = ? AND id = ?').run(list.rid, id);
      this.stmt('INSERT OR REPLACE INTO tombstones (list_rid, id, seq) VALUES (?, ?, ?)').run(list.rid, id, this.nextSeq());
      return true;
    })();
  }

  /** Runs an item query built by the query planner (SQL after `WHERE list_rid = ?`). */
  queryItems(listRid: number, whereAndOrder: string, params: (string | number | null)[]): ItemRow[] {
    return this.stmt(`SELECT ${ITEM_COLUMNS} FROM items WHERE list_rid = ? ${whereAndOrder}`).all(listRid, ...params) as ItemRow[];
  }

  /** Counts items matching a condition, stopping at `cap` (for list view threshold decisions). */
  countMatching(listRid: number, where: string, params: (string | number)[], cap: number): number {
    const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM items WHERE list_rid = ? AND (${where}) LIMIT ?)`;
    return (this.stmt(sql).get(listRid, ...params, cap) as { n: number }).n;
  }

  /**
   * Items changed after `sinceSeq` and tombstones written after `tombstoneFloor` (the start of an
   * initial enumeration, whose earlier deletions the client never saw), oldest change first.
   */
  changesSince(listRid: number, sinceSeq: number, tombstoneFloor: number, limit: number): DeltaRow[] {
    return this.stmt(
      `SELECT ${ITEM_COLUMNS}, 0 AS deleted FROM items WHERE list_rid = ? AND seq > ?
       UNION ALL
       SELECT id, NULL, NULL, NULL, NULL, seq, NULL, 1 FROM tombstones WHERE list_rid = ? AND seq > ?
       ORDER BY seq LIMIT ?`,
    ).all(listRid, sinceSeq, listRid, Math.max(sinceSeq, tombstoneFloor), limit) as DeltaRow[];
  }
}
