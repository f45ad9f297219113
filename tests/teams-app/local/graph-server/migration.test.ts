/**
 * A data folder written before one-table-per-list (one shared `items` table with an expression index
 * per indexed column) is converted on first open: nothing is lost, ids and eTags stay, and indexed
 * filters, unique keys and new ids work as before.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { type ColumnDef, builtinColumns } from '../../../../teams-app/local/graph-server/columns';
import { startTestGraph } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'local-graph-v1-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a database the way the previous version of the store did. */
function writeVersion1(dbPath: string): { listId: string; etag: string } {
  const db = new Database(dbPath);
  db.exec(`
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE lists (rid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '', template TEXT NOT NULL, created TEXT NOT NULL, modified TEXT NOT NULL, next_item_id INTEGER NOT NULL DEFAULT 1);
    CREATE UNIQUE INDEX lists_display_name ON lists (display_name COLLATE NOCASE);
    CREATE TABLE columns (rid INTEGER PRIMARY KEY AUTOINCREMENT, list_rid INTEGER NOT NULL REFERENCES lists (rid) ON DELETE CASCADE, id TEXT NOT NULL, name TEXT NOT NULL, def TEXT NOT NULL);
    CREATE UNIQUE INDEX columns_name ON columns (list_rid, name COLLATE NOCASE);
    CREATE TABLE items (list_rid INTEGER NOT NULL, id INTEGER NOT NULL, guid TEXT NOT NULL, version INTEGER NOT NULL, created TEXT NOT NULL,
      modified TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (list_rid, id));
    CREATE INDEX items_seq ON items (list_rid, seq);
    CREATE TABLE tombstones (list_rid INTEGER NOT NULL, id INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (list_rid, id));
    CREATE INDEX tombstones_seq ON tombstones (list_rid, seq);
  `);
  const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  for (const [k, v] of [['site_guid', randomUUID()], ['web_guid', randomUUID()], ['site_created', '2026-01-01T00:00:00Z'], ['epoch', 'v1epoch0'], ['seq', '4']]) put.run(k, v);
  const listId = randomUUID();
  db.prepare("INSERT INTO lists (id, display_name, name, template, created, modified, next_item_id) VALUES (?, 'Old', 'Old', 'genericList', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 4)").run(listId);
  const custom: ColumnDef[] = [
    { id: randomUUID(), name: 'Key', displayName: 'Key', description: '', columnGroup: 'Custom Columns', type: 'text', indexed: true, enforceUniqueValues: true, required: false, hidden: false, readOnly: false, builtin: false, storage: 'data', text: { allowMultipleLines: false, appendChangesToExistingText: false, linesForEditing: 0, maxLength: 255 } },
    { id: randomUUID(), name: 'Flag', displayName: 'Flag', description: '', columnGroup: 'Custom Columns', type: 'boolean', indexed: true, enforceUniqueValues: false, required: false, hidden: false, readOnly: false, builtin: false, storage: 'data' },
  ];
  for (const c of [...builtinColumns(), ...custom]) {
    const info = db.prepare('INSERT INTO columns (list_rid, id, name, def) VALUES (1, ?, ?, ?)').run(c.id, c.name, JSON.stringify(c));
    if (c.indexed && c.storage === 'data') {
      db.exec(`CREATE INDEX ix_col_${info.lastInsertRowid} ON items (list_rid, json_extract(data, '$.${c.name}')${c.type === 'text' ? ' COLLATE NOCASE' : ''}, id)`);
    }
  }
  const item = db.prepare('INSERT INTO items (list_rid, id, guid, version, created, modified, seq, data) VALUES (1, ?, ?, ?, ?, ?, ?, ?)');
  const guid = randomUUID();
  item.run(1, guid, 2, '2026-01-01T10:00:00Z', '2026-01-02T10:00:00Z', 3, JSON.stringify({ Title: 'one', Key: 'k1', Flag: true }));
  item.run(2, randomUUID(), 1, '2026-01-01T11:00:00Z', '2026-01-01T11:00:00Z', 2, JSON.stringify({ Title: 'two', Key: 'k2', Flag: false }));
  db.prepare('INSERT INTO tombstones (list_rid, id, seq) VALUES (1, 3, 4)').run();
  db.close();
  return { listId, etag: `"${guid},2"` };
}

describe('a version-1 database', () => {
  it('is converted to one table per list on open, keeping items, ids, eTags and indexes', async () => {
    const dbPath = join(dir, 'graph.sqlite');
    const { listId, etag } = writeVersion1(dbPath);
    const messages: string[] = [];
    const g = await startTestGraph({ dbPath, onMigrate: (m) => messages.push(m) });
    try {
      expect(messages.join('\n')).toMatch(/one table per list \(2 items/);
      const items = await g.getAll(`${g.lists}/${listId}/items?$expand=fields`);
      expect(items.items.map((i) => [i.id, i.fields.Title])).toEqual([['1', 'one'], ['2', 'two']]);
      expect(items.items[0].eTag).toBe(etag);
      const byKey = await g.get(`${g.lists}/Old/items?$filter=${encodeURIComponent("fields/Key eq 'K2'")}`);
      expect(byKey.body.value.map((i: any) => i.id)).toEqual(['2']);
      const flagged = await g.get(`${g.lists}/Old/items?$filter=${encodeURIComponent('fields/Flag eq 1')}`);
      expect(flagged.body.value.map((i: any) => i.id)).toEqual(['1']);
      expect((await g.post(`${g.lists}/Old/items`, { fields: { Title: 'dup', Key: 'k1' } })).status).toBe(409);
      const next = await g.post(`${g.lists}/Old/items`, { fields: { Title: 'four', Key: 'k4' } });
      expect(next.body.id).toBe('4');
    } finally {
      await g.server.close();
    }
    const db = new Database(dbPath, { readonly: true });
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      expect(tables).not.toContain('items');
      expect(tables).toContain('l1_items');
      expect((db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value).toBe('2');
      expect((db.prepare('SELECT item_count FROM lists WHERE rid = 1').get() as { item_count: number }).item_count).toBe(3);
    } finally {
      db.close();
    }
    // A second open has nothing to convert.
    const again: string[] = [];
    const g2 = await startTestGraph({ dbPath, onMigrate: (m) => again.push(m) });
    await g2.server.close();
    expect(again).toEqual([]);
  });
});
