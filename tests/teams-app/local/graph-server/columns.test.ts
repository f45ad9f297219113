import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestGraph, expectGraphError, startTestGraph } from './helpers';

let g: TestGraph;
beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g.server.close();
});

describe('columns', () => {
  it('creates columns of each supported type (201) with their facets', async () => {
    const { path } = await g.createList('Typed');
    const specs = [
      { name: 'Summary', displayName: 'Summary text', text: { allowMultipleLines: true } },
      { name: 'Code', text: { maxLength: 20 }, indexed: true, enforceUniqueValues: true, required: true, description: 'idempotency key' },
      { name: 'Score', number: { decimalPlaces: 'none', minimum: 0, maximum: 10 } },
      { name: 'Open', boolean: {} },
      { name: 'Due', dateTime: { format: 'dateOnly' } },
      { name: 'State', choice: { choices: ['New', 'Done'], allowTextEntry: false } },
    ];
    for (const spec of specs) {
      const res = await g.post(`${path}/columns`, spec);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: spec.name, displayName: spec.displayName ?? spec.name, readOnly: false, hidden: false });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const all = await g.get(`${path}/columns`);
    const byName = new Map<string, any>(all.body.value.map((c: any) => [c.name, c]));
    expect(byName.get('Summary').text).toMatchObject({ allowMultipleLines: true });
    expect(byName.get('Code')).toMatchObject({ indexed: true, enforceUniqueValues: true, required: true, description: 'idempotency key', text: { maxLength: 20 } });
    expect(byName.get('Score').number).toMatchObject({ decimalPlaces: 'none', minimum: 0, maximum: 10 });
    expect(byName.get('Open').boolean).toEqual({});
    expect(byName.get('Due').dateTime).toMatchObject({ format: 'dateOnly' });
    expect(byName.get('State').choice).toMatchObject({ choices: ['New', 'Done'], allowTextEntry: false });
    const one = await g.get(`${path}/columns/${byName.get('Score').id}`);
    expect(one.status).toBe(200);
    expect(one.body.name).toBe('Score');
  });

  it('refuses a column whose name exists (409), unsupported types and bad names (400)', async () => {
    const { path } = await g.createList('Dupes', [{ name: 'Key', text: {} }]);
    const dup = await g.post(`${path}/columns`, { name: 'key', text: {} });
    expect(dup.status).toBe(409);
    expectGraphError(dup.body, 'nameAlreadyExists');
    const title = await g.post(`${path}/columns`, { name: 'Title', text: {} });
    expect(title.status).toBe(409);
    const lookup = await g.post(`${path}/columns`, { name: 'Ref', lookup: { listId: 'x' } });
    expect(lookup.status).toBe(400);
    const twoTypes = await g.post(`${path}/columns`, { name: 'Both', text: {}, number: {} });
    expect(twoTypes.status).toBe(400);
    const badName = await g.post(`${path}/columns`, { name: '1st-col', text: {} });
    expect(badName.status).toBe(400);
  });

  it('enforceUniqueValues requires indexed (400 otherwise)', async () => {
    const { path } = await g.createList('UniqueNeedsIndex');
    const res = await g.post(`${path}/columns`, { name: 'Key', text: {}, enforceUniqueValues: true });
    expect(res.status).toBe(400);
    expectGraphError(res.body, 'invalidRequest');
    const created = await g.post(`${path}/columns`, { name: 'Key', text: {} });
    const patch = await g.patch(`${path}/columns/${created.body.id}`, { enforceUniqueValues: true });
    expect(patch.status).toBe(400);
    const both = await g.patch(`${path}/columns/${created.body.id}`, { indexed: true, enforceUniqueValues: true });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ indexed: true, enforceUniqueValues: true });
  });

  it('allows at most 20 indexed columns per list: the 21st is refused with 400', async () => {
    const { path } = await g.createList('ManyIndexes');
    for (let i = 1; i <= 20; i++) {
      const res = await g.post(`${path}/columns`, { name: `Ix${i}`, text: {}, indexed: true });
      expect(res.status, `column ${i}`).toBe(201);
    }
    const extra = await g.post(`${path}/columns`, { name: 'Ix21', text: {}, indexed: true });
    expect(extra.status).toBe(400);
    expectGraphError(extra.body, 'invalidRequest');
    const plain = await g.post(`${path}/columns`, { name: 'Plain', text: {} });
    expect(plain.status).toBe(201);
    const patch = await g.patch(`${path}/columns/${plain.body.id}`, { indexed: true });
    expect(patch.status).toBe(400);
    // Unindexing one frees a slot.
    const cols = await g.get(`${path}/columns`);
    const ix1 = cols.body.value.find((c: any) => c.name === 'Ix1');
    expect((await g.patch(`${path}/columns/${ix1.id}`, { indexed: false })).status).toBe(200);
    expect((await g.patch(`${path}/columns/${plain.body.id}`, { indexed: true })).status).toBe(200);
  });

  it('PATCH sets indexed: true (200), which makes the column filterable', async () => {
    const { path } = await g.createList('IndexLater', [{ name: 'Email', text: {} }]);
    await g.createItems(path, [{ Title: 'a', Email: 'a@x.se' }, { Title: 'b', Email: 'b@x.se' }]);
    const q = `${path}/items?$filter=${encodeURIComponent("fields/Email eq 'b@x.se'")}`;
    expect((await g.get(q)).status).toBe(400);
    const cols = await g.get(`${path}/columns`);
    const email = cols.body.value.find((c: any) => c.name === 'Email');
    const res = await g.patch(`${path}/columns/${email.id}`, { indexed: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Email', indexed: true });
    const after = await g.get(q);
    expect(after.status).toBe(200);
    expect(after.body.value).toHaveLength(1);
  });

  it('PATCH can index built-in Created/Modified and Title, but not change read-only built-ins', async () => {
    const { path } = await g.createList('BuiltinPatch');
    const cols = (await g.get(`${path}/columns`)).body.value as any[];
    const id = (name: string) => cols.find((c) => c.name === name).id;
    expect((await g.patch(`${path}/columns/${id('Created')}`, { indexed: true })).status).toBe(200);
    expect((await g.patch(`${path}/columns/${id('Title')}`, { indexed: true })).status).toBe(200);
    expect((await g.patch(`${path}/columns/${id('Created')}`, { required: true })).status).toBe(400);
    expect((await g.patch(`${path}/columns/${id('ID')}`, { indexed: false })).status).toBe(400);
    expect((await g.patch(`${path}/columns/${id('Title')}`, { number: {} })).status).toBe(400);
  });

  it('refuses enforceUniqueValues when items already share a value', async () => {
    const { path } = await g.createList('HasDupes', [{ name: 'Key', text: {}, indexed: true }]);
    await g.createItems(path, [{ Title: 'a', Key: 'same' }, { Title: 'b', Key: 'SAME' }]);
    const key = (await g.get(`${path}/columns`)).body.value.find((c: any) => c.name === 'Key');
    const res = await g.patch(`${path}/columns/${key.id}`, { enforceUniqueValues: true });
    expect(res.status).toBe(400);
    expectGraphError(res.body);
  });

  it('hidden columns are listed only when $select asks for hidden', async () => {
    const { path } = await g.createList('Hidden', [{ name: 'Secret', text: {}, hidden: true }]);
    const plain = await g.get(`${path}/columns`);
    expect(plain.body.value.map((c: any) => c.name)).not.toContain('Secret');
    const withHidden = await g.get(`${path}/columns?$select=name,hidden`);
    const secret = withHidden.body.value.find((c: any) => c.name === 'Secret');
    expect(secret).toEqual({ name: 'Secret', hidden: true });
    const item = await g.post(`${path}/items`, { fields: { Title: 't', Secret: 's3cret' } });
    expect(item.body.fields.Secret).toBeUndefined();
    const selected = await g.get(`${path}/items/${item.body.id}?$expand=fields($select=Title,Secret)`);
    expect(selected.body.fields.Secret).toBe('s3cret');
  });
});
