import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestGraph } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'local-graph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('persistence with a database file', () => {
  it('keeps the site id, lists, columns, items, ids and delta tokens across a restart', async () => {
    const dbPath = join(dir, 'graph.sqlite');
    const first = await startTestGraph({ dbPath });
    const siteId = first.siteId;
    const { path, id: listId } = await first.createList('Persisted', [{ name: 'Key', text: {}, indexed: true, enforceUniqueValues: true }]);
    await first.createItems(path, [{ Title: 'one', Key: 'p1' }, { Title: 'two', Key: 'p2' }, { Title: 'three', Key: 'p3' }]);
    await first.del(`${path}/items/3`);
    const updated = await first.patch(`${path}/items/1/fields`, { Title: 'one v2' });
    const deltaLink = (await first.get(`${path}/items/delta`)).body['@odata.deltaLink'] as string;
    await first.server.close();

    const second = await startTestGraph({ dbPath });
    try {
      expect(second.siteId).toBe(siteId);
      expect((await second.get('/sites/root')).body.id).toBe(siteId);
      const list = await second.get(`${second.lists}/Persisted`);
      expect(list.body.id).toBe(listId);
      const items = await second.getAll(`${second.lists}/${listId}/items?$expand=fields`);
      expect(items.items.map((i) => [i.id, i.fields.Title])).toEqual([['1', 'one v2'], ['2', 'two']]);
      expect(items.items[0].eTag).toBe(updated.body['@odata.etag']);
      const byKey = await second.get(`${second.lists}/${listId}/items?$filter=${encodeURIComponent("fields/Key eq 'p2'")}`);
      expect(byKey.body.value.map((i: any) => i.id)).toEqual(['2']);
      expect((await second.post(`${second.lists}/${listId}/items`, { fields: { Title: 'dup', Key: 'P1' } })).status).toBe(409);
      const next = await second.post(`${second.lists}/${listId}/items`, { fields: { Title: 'four', Key: 'p4' } });
      expect(next.body.id).toBe('4'); // id 3 was deleted and is not reused
      // A delta token issued before the restart still works (the port may differ; the path and token do not).
      const u = new URL(deltaLink);
      const changes = await second.get(`${u.pathname.replace('/v1.0', '')}${u.search}`);
      expect(changes.status).toBe(200);
      expect(changes.body.value.map((i: any) => i.id)).toEqual(['4']);
    } finally {
      await second.server.close();
    }
  });

  it('a different database file has a different site id', async () => {
    const a = await startTestGraph({ dbPath: join(dir, 'a.sqlite') });
    const b = await startTestGraph({ dbPath: join(dir, 'b.sqlite') });
    expect(a.siteId).not.toBe(b.siteId);
    await a.server.close();
    await b.server.close();
  });
});
