/**
 * The database layout and the one-time conversion of a database written by an earlier version (one
 * shared `items` table with an expression index per indexed column of every list) into one table per
 * list (item-tables.ts). The conversion keeps every list, item, id, eTag and delta token.
 */
import type Database from 'better-sqlite3';
import type { ColumnDef } from './columns';
import { addColumnIndex, createItemTable, itemTable } from './item-tables';

/** 1: shared `items` table (until this change). 2: one table per list. */
export const SCHEMA_VERSION = 2;

export const SCHEMA = `
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
  next_item_id INTEGER NOT NULL DEFAULT 1,
  item_count INTEGER NOT NULL DEFAULT 0
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
CREATE TABLE IF NOT EXISTS tombstones (
  list_rid INTEGER NOT NULL,
  id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (list_rid, id)
);
CREATE INDEX IF NOT EXISTS tombstones_seq ON tombstones (list_rid, seq);
`;

const tableExists = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** Converts a version-1 database in place (one transaction); a fresh or current database is left alone. */
export function migrateSchema(db: Database.Database, onMigrate?: (message: string) => void): void {
  if (!tableExists(db, 'items')) return;
  const started = Date.now();
  let items = 0;
  db.transaction(() => {
    const listColumns = db.prepare('PRAGMA table_info(lists)').all() as { name: string }[];
    if (!listColumns.some((c) => c.name === 'item_count')) {
      db.exec('ALTER TABLE lists ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0');
    }
    const lists = db.prepare('SELECT rid FROM lists ORDER BY rid').all() as { rid: number }[];
    for (const { rid } of lists) {
      if (!tableExists(db, itemTable(rid))) createItemTable(db, rid);
      const copied = db
        .prepare(`INSERT INTO ${itemTable(rid)} (id, guid, version, created, modified, seq, data)
                  SELECT id, guid, version, created, modified, seq, data FROM items WHERE list_rid = ?`)
        .run(rid).changes;
      items += copied;
      const columns = db.prepare('SELECT rid, def FROM columns WHERE list_rid = ? ORDER BY rid').all(rid) as { rid: number; def: string }[];
      for (const c of columns) {
        const def = JSON.parse(c.def) as ColumnDef;
        if (def.indexed && def.storage !== 'id') addColumnIndex(db, rid, { rid: c.rid, def });
      }
      db.prepare('UPDATE lists SET item_count = (SELECT COUNT(*) FROM ' + itemTable(rid) + ') WHERE rid = ?').run(rid);
    }
    db.exec('DROP TABLE items');
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(SCHEMA_VERSION));
  })();
  onMigrate?.(
    `Converted the local SharePoint database to one table per list (${items} items in ${Date.now() - started} ms); ` +
      'nothing was lost. `npm start -- --reset` starts from a fresh demo organisation instead.',
  );
}
