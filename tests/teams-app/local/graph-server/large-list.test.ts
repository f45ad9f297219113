import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestGraph, startTestGraph } from './helpers';

const PREFER = { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' };
const enc = encodeURIComponent;

describe('a list at SharePoint scale (real 5 000 threshold)', () => {
  let g: TestGraph;
  let path: string;
  beforeAll(async () => {
    g = await startTestGraph(); // default threshold: 5 000
    ({ path } = await g.createList('Large', [
      { name: 'Key', text: {}, indexed: true, enforceUniqueValues: true },
      { name: 'Bucket', number: {} },
    ]));
    await g.createItems(path, Array.from({ length: 5000 }, (_, i) => ({ Title: `row ${i}`, Key: `key-${i}`, Bucket: i % 10 })));
  });
  afterAll(async () => {
    await g.server.close();
  });

  it('allows a non-indexed filter with Prefer at exactly 5 000 items and refuses it at 5 001', async () => {
    const q = `${path}/items?$top=1&$filter=${enc('fields/Bucket eq 3')}`;
    const at = await g.get(q, PREFER);
    expect(at.status).toBe(200);
    expect(at.body['@odata.nextLink']).toBeTruthy();
    await g.post(`${path}/items`, { fields: { Title: 'one more', Key: 'key-5000', Bucket: 3 } });
    const over = await g.get(q, PREFER);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('activityLimitReached');
    expect((await g.get(q)).status).toBe(400);
  });

  it('grows to 12 000 items; indexed eq stays fast and paging returns each item once', async () => {
    await g.createItems(path, Array.from({ length: 6999 }, (_, i) => ({ Title: `row ${5001 + i}`, Key: `key-${5001 + i}`, Bucket: i % 10 })));
    const started = Date.now();
    for (let k = 0; k < 50; k++) {
      const res = await g.get(`${path}/items?$expand=fields&$filter=${enc(`fields/Key eq 'key-${k * 239}'`)}`);
      expect(res.body.value).toHaveLength(1);
    }
    expect(Date.now() - started).toBeLessThan(2_000);
    const all = await g.getAll(`${path}/items?$expand=fields($select=Key)&$top=999`);
    expect(all.items).toHaveLength(12_000);
    expect(new Set(all.items.map((i) => i.id)).size).toBe(12_000);
    expect(all.pages).toBe(13);
  });
});
