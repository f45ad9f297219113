/**
 * Storage of list items shaped like SharePoint's: one SQLite table per list (`l{rid}_items`), holding
 * the item's fields as a JSON document plus one real column per *indexed* column (`k{columnRid}`),
 * each with its own B-tree index. A write touches only its own list's indexes, and an indexed
 * column's value is written once as a plain value instead of being re-extracted from JSON by an
 * expression index (ADR 008). Non-indexed columns are read from the JSON document, which is what a
 * `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly` query scans.
 */
import type Database from 'better-sqlite3';
import { type ColumnDef, isCaseInsensitive } from './columns';

export type FieldValues = Record<string, string | number | boolean | null>;

export interface ItemRow {
  id: number;
  guid: string;
  version: number;
  created: string;
  modified: string;
  seq: number;
  data: string;
}

/** A column as stored: its definition and the rid that names its key column and index. */
export interface StoredColumn {
  rid: number;
  def: ColumnDef;
}

export const ITEM_COLUMNS = 'id, guid, version, created, modified, seq, data';

export const itemTable = (listRid: number): string => `l${listRid}_items`;
const keyColumn = (columnRid: number): string => `k${columnRid}`;
const keyIndex = (columnRid: number): string => `ix_k${columnRid}`;
const builtinIndex = (listRid: number, name: 'created' | 'modified'): string => `ix_l${listRid}_${name}`;

/** Whether a column's values live in a key column of the list's table (indexed custom columns). */
export function hasKeyColumn(def: ColumnDef): boolean {
  return def.indexed && def.storage === 'data';
}

/** The index of a column stored in a key column of its list's table (null for other columns). */
export function keyIndexOf(column: StoredColumn): string | null {
  return hasKeyColumn(column.def) ? keyIndex(column.rid) : null;
}

/** The SQL expression for a column's value in its list's table. */
export function columnExpr(column: StoredColumn): string {
  const { def } = column;
  switch (def.storage) {
    case 'id': return 'id';
    case 'created': return 'created';
    case 'modified': return 'modified';
    case 'data':
      return hasKeyColumn(def) ? keyColumn(column.rid) : `json_extract(data, '$.${def.name}')`;
    default:
      throw new Error(`column ${def.name} has no stored value`);
  }
}

/**
 * The expression with SharePoint's collation for comparisons and ordering. Key columns carry
 * `COLLATE NOCASE` in their declaration; JSON-extracted text needs it spelled out.
 */
export function collatedExpr(column: StoredColumn): string {
  const expr = columnExpr(column);
  if (!isCaseInsensitive(column.def)) return expr;
  return hasKeyColumn(column.def) ? expr : `${expr} COLLATE NOCASE`;
}

/** The value to put in a key column (SQLite has no booleans). */
export function keyValue(value: FieldValues[string] | undefined): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

export function createItemTable(db: Database.Database, listRid: number): void {
  const table = itemTable(listRid);
  db.exec(`CREATE TABLE ${table} (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL,
    version INTEGER NOT NULL,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL
  )`);
  db.exec(`CREATE INDEX ${table}_seq ON ${table} (seq)`);
}

export function dropItemTable(db: Database.Database, listRid: number): void {
  db.exec(`DROP TABLE IF EXISTS ${itemTable(listRid)}`);
}

/**
 * Gives an indexed column its key column (filled from the stored documents) and index, or creates
 * the index of an indexed built-in date. Idempotent.
 */
export function addColumnIndex(db: Database.Database, listRid: number, column: StoredColumn): void {
  const table = itemTable(listRid);
  const { def, rid } = column;
  if (def.storage === 'created' || def.storage === 'modified') {
    db.exec(`CREATE INDEX IF NOT EXISTS ${builtinIndex(listRid, def.storage)} ON ${table} (${def.storage}, id)`);
    return;
  }
  if (def.storage !== 'data') return;
  const existing = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === keyColumn(rid));
  if (!existing) {
    const collate = isCaseInsensitive(def) ? ' COLLATE NOCASE' : '';
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${keyColumn(rid)}${collate}`);
    // JSON true/false come back from json_extract as 1/0, as keyValue stores them.
    db.prepare(`UPDATE ${table} SET ${keyColumn(rid)} = json_extract(data, ?)`).run(`$.${def.name}`);
  }
  db.exec(`CREATE INDEX IF NOT EXISTS ${keyIndex(rid)} ON ${table} (${keyColumn(rid)}, id)`);
}

/** Removes an index (and the key column of a custom column): the values stay in the documents. */
export function dropColumnIndex(db: Database.Database, listRid: number, column: StoredColumn): void {
  const table = itemTable(listRid);
  const { def, rid } = column;
  if (def.storage === 'created' || def.storage === 'modified') {
    db.exec(`DROP INDEX IF EXISTS ${builtinIndex(listRid, def.storage)}`);
    return;
  }
  if (def.storage !== 'data') return;
  db.exec(`DROP INDEX IF EXISTS ${keyIndex(rid)}`);
  const existing = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === keyColumn(rid));
  if (existing) db.exec(`ALTER TABLE ${table} DROP COLUMN ${keyColumn(rid)}`);
}

/** The key columns of a list in a stable order, for INSERT/UPDATE statements. */
export function keyColumns(columns: StoredColumn[]): StoredColumn[] {
  return columns.filter((c) => hasKeyColumn(c.def));
}

export function insertSql(listRid: number, keys: StoredColumn[]): string {
  const names = ['id', 'guid', 'version', 'created', 'modified', 'seq', 'data', ...keys.map((k) => keyColumn(k.rid))];
  return `INSERT INTO ${itemTable(listRid)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
}

export function updateSql(listRid: number, keys: StoredColumn[]): string {
  const sets = ['version = ?', 'modified = ?', 'seq = ?', 'data = ?', ...keys.map((k) => `${keyColumn(k.rid)} = ?`)];
  return `UPDATE ${itemTable(listRid)} SET ${sets.join(', ')} WHERE id = ?`;
}
