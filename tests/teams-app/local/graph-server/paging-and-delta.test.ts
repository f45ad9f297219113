import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestGraph, expectGraphError, startTestGraph } from './helpers';

let g: TestGraph;
beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g.server.close();
});

describe('paging with @odata.nextLink', () => {
  let path: string;
  beforeAll(async () => {
    ({ path } = await g.createList('Paged', [{ name: 'Group', text: {}, indexed: true }, { name: 'Rank', number: {}, indexed: true }]));
    await g.createItems(path, Array.from({ length: 350 }, (_, i) => ({ Title: `Item ${i}`, Group: i % 5 === 0 ? 'five' : 'other', Rank: i % 17 })));
  });

  it('defaults to 200 per page and pages through every item once', async () => {
    const first = await g.get(`${path}/items`);
    expect(first.body.value).toHaveLength(200);
    const all = await g.getAll(`${path}/items`);
    expect(all.pages).toBe(2);
    const ids = all.items.map((i) => Number(i.id));
    expect(new Set(ids).size).toBe(350);
    expect(ids).toEqual(Array.from({ length: 350 }, (_, i) => i + 1));
  });

  it('uses absolute nextLinks to /v1.0 with $skiptoken that keep $filter, $expand and $top', async () => {
    const filter = "fields/Group eq 'five'";
    const all = await g.getAll(`${path}/items?$expand=fields($select=Title,Group)&$top=7&$filter=${encodeURIComponent(filter)}`);
    expect(all.items).toHaveLength(70);
    expect(all.pages).toBe(10);
    expect(new Set(all.items.map((i) => i.id)).size).toBe(70);
    expect(all.items.every((i) => i.fields.Group === 'five' && i.fields.Rank === undefined)).toBe(true);
    for (const link of all.links) {
      expect(link.startsWith(`${g.server.url}/v1.0/sites/`)).toBe(true);
      const u = new URL(link);
      expect(u.searchParams.get('$skiptoken')).toBeTruthy();
      expect(u.searchParams.get('$top')).toBe('7');
      expect(u.searchParams.get('$filter')).toBe(filter);
      expect(u.searchParams.get('$expand')).toBe('fields($select=Title,Group)');
    }
  });

  it('pages an $orderby query without gaps or duplicates, including ties', async () => {
    const all = await g.getAll(`${path}/items?$expand=fields&$top=13&$orderby=${encodeURIComponent('fields/Rank desc')}`);
    expect(all.items).toHaveLength(350);
    expect(new Set(all.items.map((i) => i.id)).size).toBe(350);
    const ranks = all.items.map((i) => i.fields.Rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('items created while paging by id do not cause gaps or duplicates among existing items', async () => {
    const page1 = await g.get(`${path}/items?$top=100`);
    await g.createItems(path, [{ Title: 'late 1' }, { Title: 'late 2' }]);
    const rest = await g.getAll(page1.body['@odata.nextLink']);
    const ids = [...page1.body.value, ...rest.items].map((i) => Number(i.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(352);
  });

  it('caps $top at 5000 and rejects a bad $top or $skiptoken', async () => {
    expect((await g.get(`${path}/items?$top=10000`)).body.value.length).toBe(352);
    expect((await g.get(`${path}/items?$top=0`)).status).toBe(400);
    expect((await g.get(`${path}/items?$top=abc`)).status).toBe(400);
    const bad = await g.get(`${path}/items?$skiptoken=garbage`);
    expect(bad.status).toBe(400);
    expectGraphError(bad.body, 'BadRequest');
  });
});

describe('delta', () => {
  it('returns all items then a deltaLink; the deltaLink returns only changes and deletions', async () => {
    const { path } = await g.createList('Deltas', [{ name: 'Status', text: {} }]);
    await g.createItems(path, Array.from({ length: 5 }, (_, i) => ({ Title: `d${i}`, Status: 'new' })));
    const initial = await g.get(`${path}/items/delta?$expand=fields`);
    expect(initial.status).toBe(200);
    expect(initial.body.value.map((i: any) => i.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(initial.body.value[0].fields.Status).toBe('new');
    expect(initial.body['@odata.nextLink']).toBeUndefined();
    const deltaLink: string = initial.body['@odata.deltaLink'];
    expect(deltaLink.startsWith(`${g.server.url}/v1.0/sites/`)).toBe(true);
    expect(new URL(deltaLink).searchParams.get('token')).toBeTruthy();
    expect(new URL(deltaLink).searchParams.get('$expand')).toBe('fields');

    const quiet = await g.get(deltaLink);
    expect(quiet.body.value).toEqual([]);

    await g.patch(`${path}/items/2/fields`, { Status: 'done' });
    await g.del(`${path}/items/4`);
    await g.post(`${path}/items`, { fields: { Title: 'd5' } });
    const changes = await g.get(deltaLink);
    expect(changes.status).toBe(200);
    const byId = new Map<string, any>(changes.body.value.map((i: any) => [i.id, i]));
    expect([...byId.keys()].sort()).toEqual(['2', '4', '6']);
    expect(byId.get('2').fields.Status).toBe('done');
    expect(byId.get('4').deleted).toEqual({ state: 'deleted' });
    expect(byId.get('4').fields).toBeUndefined();
    expect(byId.get('6').fields.Title).toBe('d5');

    const next = await g.get(changes.body['@odata.deltaLink']);
    expect(next.body.value).toEqual([]);
  });

  it('pages with nextLink when there are many changes, and token=latest skips the enumeration', async () => {
    const { path } = await g.createList('BigDelta');
    await g.createItems(path, Array.from({ length: 45 }, (_, i) => ({ Title: `b${i}` })));
    const all = await g.getAll(`${path}/items/delta?$top=10`);
    expect(all.pages).toBe(5);
    expect(all.items).toHaveLength(45);
    expect(all.links.every((l) => new URL(l).searchParams.get('token'))).toBe(true);
    const latest = await g.get(`${path}/items/delta?token=latest`);
    expect(latest.body.value).toEqual([]);
    await g.patch(`${path}/items/3/fields`, { Title: 'changed' });
    const after = await g.get(latest.body['@odata.deltaLink']);
    expect(after.body.value.map((i: any) => i.id)).toEqual(['3']);
  });

  it('reports a deletion of an item already delivered during an initial enumeration', async () => {
    const { path } = await g.createList('DeltaRace');
    await g.createItems(path, Array.from({ length: 4 }, (_, i) => ({ Title: `r${i}` })));
    const page1 = await g.get(`${path}/items/delta?$top=2`);
    expect(page1.body.value.map((i: any) => i.id)).toEqual(['1', '2']);
    await g.del(`${path}/items/1`);
    const rest = await g.getAll(page1.body['@odata.nextLink']);
    const deleted = rest.items.filter((i) => i.deleted).map((i) => i.id);
    expect(deleted).toEqual(['1']);
  });

  it('answers 410 Gone (resyncRequired) with a Location for an unknown or foreign token', async () => {
    const { path } = await g.createList('DeltaGone');
    const res = await g.get(`${path}/items/delta?token=not-a-token`);
    expect(res.status).toBe(410);
    expectGraphError(res.body, 'resyncRequired');
    expect(res.headers.get('location')).toContain('/items/delta');
    const other = await g.createList('DeltaOther');
    const token = new URL((await g.get(`${other.path}/items/delta`)).body['@odata.deltaLink']).searchParams.get('token')!;
    expect((await g.get(`${path}/items/delta?token=${encodeURIComponent(token)}`)).status).toBe(410);
  });
});
