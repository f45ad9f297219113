import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETAG_PATTERN, type TestGraph, expectGraphError, startTestGraph } from './helpers';

let g: TestGraph;
let path: string;
let listId: string;
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

beforeAll(async () => {
  g = await startTestGraph();
  ({ path, id: listId } = await g.createList('Widgets', [
    { name: 'Key', text: { maxLength: 40 }, indexed: true, enforceUniqueValues: true },
    { name: 'Weight', number: { minimum: 0, maximum: 1000 } },
    { name: 'Active', boolean: {} },
    { name: 'Due', dateTime: { format: 'dateTime' } },
    { name: 'Day', dateTime: { format: 'dateOnly' } },
    { name: 'Color', choice: { choices: ['Red', 'Blue'] } },
    { name: 'Notes', text: { allowMultipleLines: true } },
    { name: 'Owner', text: {}, required: true },
  ]));
});
afterAll(async () => {
  await g.server.close();
});

describe('item CRUD and shapes', () => {
  it('POST .../items returns 201 and a listItem with fields', async () => {
    const res = await g.post(`${path}/items`, {
      fields: { Title: 'Widget', Key: 'w-1', Weight: 32.5, Active: true, Due: '2025-03-01T09:30:00+01:00', Day: '2025-03-01', Color: 'Red', Owner: 'Anna' },
    });
    expect(res.status).toBe(201);
    const item = res.body;
    expect(item.id).toBe('1');
    expect(item.eTag).toMatch(ETAG_PATTERN);
    expect(item['@odata.etag']).toBe(item.eTag);
    expect(item.eTag.endsWith(',1"')).toBe(true);
    expect(item.createdDateTime).toMatch(ISO_Z);
    expect(item.lastModifiedDateTime).toMatch(ISO_Z);
    expect(item.createdBy.application.displayName).toBeTruthy();
    expect(item.lastModifiedBy.user.displayName).toBeTruthy();
    expect(item.parentReference).toEqual({ id: listId, siteId: g.siteId });
    expect(item.contentType).toMatchObject({ name: 'Item' });
    expect(item.contentType.id).toMatch(/^0x0100/);
    expect(item.webUrl).toContain('/Lists/Widgets/');
    expect(item.fields).toMatchObject({
      '@odata.etag': item.eTag,
      id: '1',
      Title: 'Widget',
      Key: 'w-1',
      Weight: 32.5,
      Active: true,
      Due: '2025-03-01T08:30:00Z',
      Day: '2025-03-01T00:00:00Z',
      Color: 'Red',
      Owner: 'Anna',
      ContentType: 'Item',
      _UIVersionString: '1.0',
      Attachments: false,
    });
    expect(item.fields.Created).toMatch(ISO_Z);
    expect(item.fields.Modified).toMatch(ISO_Z);
    expect(item.fields).not.toHaveProperty('Notes'); // unset fields are omitted, as in Graph
  });

  it('ids are sequential per list and never reused', async () => {
    const a = await g.post(`${path}/items`, { fields: { Title: 'a', Owner: 'x' } });
    const b = await g.post(`${path}/items`, { fields: { Title: 'b', Owner: 'x' } });
    expect(Number(b.body.id)).toBe(Number(a.body.id) + 1);
    expect((await g.del(`${path}/items/${b.body.id}`)).status).toBe(204);
    const c = await g.post(`${path}/items`, { fields: { Title: 'c', Owner: 'x' } });
    expect(Number(c.body.id)).toBe(Number(b.body.id) + 1);
    const other = await g.createList('OtherList');
    const first = await g.post(`${other.path}/items`, { fields: { Title: 'first' } });
    expect(first.body.id).toBe('1');
  });

  it('GET item without $expand=fields has no fields; with it, fields; $select and fields($select) narrow', async () => {
    const plain = await g.get(`${path}/items/1`);
    expect(plain.status).toBe(200);
    expect(plain.body.fields).toBeUndefined();
    expect(plain.body.id).toBe('1');
    const expanded = await g.get(`${path}/items/1?$expand=fields`);
    expect(expanded.body.fields.Title).toBe('Widget');
    const narrow = await g.get(`${path}/items/1?$select=id,eTag&$expand=fields($select=Title,Weight)`);
    expect(Object.keys(narrow.body).sort()).toEqual(['@odata.context', '@odata.etag', 'eTag', 'fields', 'id']);
    expect(narrow.body.fields).toEqual({ '@odata.etag': narrow.body.eTag, Title: 'Widget', Weight: 32.5 });
    const noDollar = await g.get(`${path}/items/1?expand=fields(select=Key)`);
    expect(noDollar.body.fields).toEqual({ '@odata.etag': noDollar.body.eTag, Key: 'w-1' });
    const list = await g.get(`${path}/items`);
    expect(list.body.value[0].fields).toBeUndefined();
    const fieldsOnly = await g.get(`${path}/items/1/fields`);
    expect(fieldsOnly.status).toBe(200);
    expect(fieldsOnly.body.Key).toBe('w-1');
  });

  it('PATCH .../fields returns the fieldValueSet with a new @odata.etag and version', async () => {
    const before = await g.get(`${path}/items/1`);
    const res = await g.patch(`${path}/items/1/fields`, { Weight: 40, Notes: 'line 1\nline 2', Active: false });
    expect(res.status).toBe(200);
    expect(res.body['@odata.etag']).toMatch(ETAG_PATTERN);
    expect(res.body['@odata.etag']).not.toBe(before.body.eTag);
    expect(res.body).toMatchObject({ Weight: 40, Notes: 'line 1\nline 2', Active: false, Title: 'Widget', _UIVersionString: '2.0' });
    const after = await g.get(`${path}/items/1`);
    expect(after.body.eTag).toBe(res.body['@odata.etag']);
    expect(after.body.eTag.split(',')[0]).toBe(before.body.eTag.split(',')[0]);
  });

  it('PATCH .../items/{id} with { fields } also updates; null clears a field', async () => {
    const res = await g.patch(`${path}/items/1`, { fields: { Notes: null, Color: 'Blue' } });
    expect(res.status).toBe(200);
    expect(res.body.Color).toBe('Blue');
    expect(res.body).not.toHaveProperty('Notes');
  });

  it('DELETE returns 204, then the item is gone (404)', async () => {
    const created = await g.post(`${path}/items`, { fields: { Title: 'temp', Owner: 'x' } });
    expect((await g.del(`${path}/items/${created.body.id}`)).status).toBe(204);
    const gone = await g.get(`${path}/items/${created.body.id}`);
    expect(gone.status).toBe(404);
    expectGraphError(gone.body, 'itemNotFound');
    expect((await g.del(`${path}/items/${created.body.id}`)).status).toBe(404);
    expect((await g.patch(`${path}/items/9999/fields`, { Title: 'x' })).status).toBe(404);
    expect((await g.get(`${path}/items/abc`)).status).toBe(400);
  });
});

describe('field validation', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['unknown column', { Title: 'x', Owner: 'x', Colour: 'Red' }],
    ['number as string', { Title: 'x', Owner: 'x', Weight: '12' }],
    ['number out of range', { Title: 'x', Owner: 'x', Weight: 5000 }],
    ['boolean as string', { Title: 'x', Owner: 'x', Active: 'yes' }],
    ['bad date', { Title: 'x', Owner: 'x', Due: 'next tuesday' }],
    ['date as number', { Title: 'x', Owner: 'x', Due: 1700000000 }],
    ['choice not offered', { Title: 'x', Owner: 'x', Color: 'Green' }],
    ['text too long', { Title: 'x', Owner: 'x', Key: 'k'.repeat(41) }],
    ['text as object', { Title: { text: 'x' }, Owner: 'x' }],
    ['required Title missing', { Owner: 'x' }],
    ['required custom column missing', { Title: 'x' }],
    ['required column empty', { Title: 'x', Owner: '' }],
    ['read-only Created', { Title: 'x', Owner: 'x', Created: '2020-01-01T00:00:00Z' }],
    ['read-only ID', { Title: 'x', Owner: 'x', ID: 5 }],
    ['read-only id', { Title: 'x', Owner: 'x', id: '5' }],
    ['read-only AuthorLookupId', { Title: 'x', Owner: 'x', AuthorLookupId: '3' }],
  ];
  it.each(bad)('rejects %s with 400 and writes nothing', async (_name, fields) => {
    const before = (await g.getAll(`${path}/items`)).items.length;
    const res = await g.post(`${path}/items`, { fields });
    expect(res.status).toBe(400);
    expectGraphError(res.body, 'invalidRequest');
    expect((await g.getAll(`${path}/items`)).items.length).toBe(before);
  });

  it('names the unrecognised field as Graph does', async () => {
    const res = await g.post(`${path}/items`, { fields: { Title: 'x', Owner: 'x', Colour: 'Red' } });
    expect(res.body.error.message).toBe("Field 'Colour' is not recognized");
  });

  it('rejects bad values on update too, and clearing a required field', async () => {
    expect((await g.patch(`${path}/items/1/fields`, { Weight: 'heavy' })).status).toBe(400);
    expect((await g.patch(`${path}/items/1/fields`, { Owner: null })).status).toBe(400);
    expect((await g.patch(`${path}/items/1/fields`, { Modified: '2020-01-01T00:00:00Z' })).status).toBe(400);
    expect((await g.get(`${path}/items/1?$expand=fields`)).body.fields.Weight).toBe(40);
  });

  it('ignores @odata annotations in a round-tripped fieldValueSet', async () => {
    const current = await g.get(`${path}/items/1/fields`);
    const res = await g.patch(`${path}/items/1/fields`, { '@odata.etag': current.body['@odata.etag'], Title: 'Widget' });
    expect(res.status).toBe(200);
  });
});

describe('ETags and If-Match', () => {
  it('a stale If-Match on PATCH fields, PATCH item and DELETE gives 412 and changes nothing', async () => {
    const created = await g.post(`${path}/items`, { fields: { Title: 'etag', Owner: 'x', Weight: 1 } });
    const id = created.body.id;
    const stale = created.body.eTag;
    const fresh = await g.patch(`${path}/items/${id}/fields`, { Weight: 2 }, { 'If-Match': stale });
    expect(fresh.status).toBe(200);
    for (const res of [
      await g.patch(`${path}/items/${id}/fields`, { Weight: 3 }, { 'If-Match': stale }),
      await g.patch(`${path}/items/${id}`, { fields: { Weight: 3 } }, { 'If-Match': stale }),
      await g.del(`${path}/items/${id}`, { 'If-Match': stale }),
    ]) {
      expect(res.status).toBe(412);
      expectGraphError(res.body);
    }
    const now = await g.get(`${path}/items/${id}?$expand=fields`);
    expect(now.body.fields.Weight).toBe(2);
    expect(now.body.eTag).toBe(fresh.body['@odata.etag']);
  });

  it('accepts the quoted eTag, the @odata.etag, the unquoted form and *', async () => {
    const created = await g.post(`${path}/items`, { fields: { Title: 'forms', Owner: 'x' } });
    const id = created.body.id;
    let etag: string = created.body.eTag;
    const r1 = await g.patch(`${path}/items/${id}/fields`, { Weight: 1 }, { 'If-Match': etag });
    expect(r1.status).toBe(200);
    etag = r1.body['@odata.etag'];
    const r2 = await g.patch(`${path}/items/${id}/fields`, { Weight: 2 }, { 'If-Match': etag.replace(/"/g, '') });
    expect(r2.status).toBe(200);
    const r3 = await g.patch(`${path}/items/${id}/fields`, { Weight: 3 }, { 'If-Match': `W/${r2.body['@odata.etag']}` });
    expect(r3.status).toBe(200);
    const r4 = await g.patch(`${path}/items/${id}/fields`, { Weight: 4 }, { 'If-Match': '*' });
    expect(r4.status).toBe(200);
    expect((await g.del(`${path}/items/${id}`, { 'If-Match': r4.body['@odata.etag'] })).status).toBe(204);
  });
});

describe('unique values', () => {
  it('a duplicate value on create or update gives 409 naming the column, and nothing is written', async () => {
    const { path: p } = await g.createList('Uniq', [{ name: 'Key', text: {}, indexed: true, enforceUniqueValues: true }]);
    const a = await g.post(`${p}/items`, { fields: { Title: 'a', Key: 'K-1' } });
    expect(a.status).toBe(201);
    const dup = await g.post(`${p}/items`, { fields: { Title: 'b', Key: 'k-1' } }); // SharePoint compares case-insensitively
    expect(dup.status).toBe(409);
    expectGraphError(dup.body, 'nameAlreadyExists');
    expect(dup.body.error.message).toContain('Key');
    const b = await g.post(`${p}/items`, { fields: { Title: 'b', Key: 'K-2' } });
    expect(b.status).toBe(201);
    const upd = await g.patch(`${p}/items/${b.body.id}/fields`, { Key: 'K-1', Title: 'changed' });
    expect(upd.status).toBe(409);
    const after = await g.get(`${p}/items/${b.body.id}?$expand=fields`);
    expect(after.body.fields).toMatchObject({ Key: 'K-2', Title: 'b' });
    expect(after.body.eTag).toBe(b.body.eTag);
    const all = await g.getAll(`${p}/items`);
    expect(all.items).toHaveLength(2);
    // Updating an item to its own value is fine; empty values are not compared.
    expect((await g.patch(`${p}/items/${b.body.id}/fields`, { Key: 'K-2' })).status).toBe(200);
    expect((await g.post(`${p}/items`, { fields: { Title: 'no key 1' } })).status).toBe(201);
    expect((await g.post(`${p}/items`, { fields: { Title: 'no key 2' } })).status).toBe(201);
  });

  it('is atomic under concurrency: 25 parallel creates with one key give one 201 and 24 409s', async () => {
    const { path: p } = await g.createList('UniqRace', [{ name: 'Key', text: {}, indexed: true, enforceUniqueValues: true }]);
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => g.post(`${p}/items`, { fields: { Title: `try ${i}`, Key: 'same-key' } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(24);
    expect((await g.getAll(`${p}/items`)).items).toHaveLength(1);
  });
});
