/**
 * SharePoint's list view threshold as the local server applies it (README "List view threshold"):
 * on a list over the threshold, the FIRST condition of the filter must be on an indexed column and
 * select no more than the threshold; an `or` group must be indexed throughout and small as a whole;
 * ordering walks an index. A low threshold (30) keeps the test fast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestGraph, expectGraphError, startTestGraph } from './helpers';

const PREFER = { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' };
const enc = encodeURIComponent;

let g: TestGraph;
let path: string;
let listId: string;
beforeAll(async () => {
  g = await startTestGraph({ threshold: 30 });
  ({ path, id: listId } = await g.createList('Grants', [
    { name: 'Owner', text: {}, indexed: true },
    { name: 'Status', choice: { choices: ['active', 'removed'] }, indexed: true },
    { name: 'Granted', dateTime: {}, indexed: true },
    { name: 'Note', text: {} },
  ]));
  // 40 items: owner O1 has 35 (over the threshold), O2 has 5; 36 active, 4 removed.
  await g.createItems(path, Array.from({ length: 40 }, (_, i) => ({
    Title: `g${i}`,
    Owner: i < 35 ? 'O1' : 'O2',
    Status: i % 10 === 9 ? 'removed' : 'active',
    Granted: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
    Note: 'n',
  })));
});
afterAll(async () => {
  await g.server.close();
});

const items = (filter: string, extra = '&$top=5', headers?: Record<string, string>) =>
  g.get(`${path}/items?$expand=fields&$filter=${enc(filter)}${extra}`, headers);

const refusedAsThreshold = (res: { status: number; headers: Headers; body: any }) => {
  expect(res.status).toBe(429);
  expectGraphError(res.body, 'activityLimitReached');
  expect(res.headers.get('retry-after')).toBeNull();
};

describe('on a list over the threshold', () => {
  it('refuses an indexed condition that selects more items than the threshold, whatever $top is', async () => {
    refusedAsThreshold(await items("fields/Status eq 'active'"));
    refusedAsThreshold(await items("fields/Owner eq 'O1'", '&$top=1'));
    expect((await items("fields/Owner eq 'O2'")).status).toBe(200);
  });

  it('judges the first condition only: narrowing it later does not help, narrowing it first does', async () => {
    refusedAsThreshold(await items("fields/Owner eq 'O1' and fields/Status eq 'removed'"));
    refusedAsThreshold(await items("fields/Status eq 'active' and fields/Owner eq 'O2'"));
    const ok = await items("fields/Owner eq 'O2' and fields/Status eq 'active'");
    expect(ok.status).toBe(200);
    expect(ok.body.value).toHaveLength(4);
  });

  it('joins conditions on the first column into one range', async () => {
    const range = await items("fields/Granted ge '2025-01-10T00:00:00Z' and fields/Granted lt '2025-01-20T00:00:00Z' and fields/Status eq 'active'", '&$top=50');
    expect(range.status).toBe(200);
    expect(range.body.value).toHaveLength(9);
    refusedAsThreshold(await items("fields/Granted ge '2025-01-01T00:00:00Z' and fields/Status eq 'removed'"));
  });

  it('needs an `or` group first to be indexed throughout and small as a whole', async () => {
    expect((await items("(fields/Owner eq 'O2' or fields/Status eq 'removed') and fields/Granted ge '2025-01-01T00:00:00Z'", '&$top=50')).status).toBe(200);
    refusedAsThreshold(await items("fields/Owner eq 'O2' or fields/Owner eq 'O1'"));
    refusedAsThreshold(await items("fields/Owner eq 'O2' or fields/Note eq 'x'", '&$top=5', PREFER));
  });

  it('refuses a non-indexed condition first, even with the Prefer header and a selective condition after it', async () => {
    refusedAsThreshold(await items("fields/Note eq 'n' and fields/Owner eq 'O2'", '&$top=5', PREFER));
    expect((await items("fields/Owner eq 'O2' and fields/Note eq 'n'", '&$top=5', PREFER)).status).toBe(200);
  });

  it('walks an index without a filter (ID or an indexed column, both directions), but refuses a sort on a non-indexed one', async () => {
    const newest = await g.get(`${path}/items?$expand=fields&$top=3&$orderby=${enc('fields/Granted desc')}`);
    expect(newest.status).toBe(200);
    expect(newest.body.value.map((i: any) => i.fields.Title)).toEqual(['g39', 'g38', 'g37']);
    expect((await g.get(`${path}/items?$top=3&$orderby=${enc('fields/ID desc')}`)).status).toBe(200);
    refusedAsThreshold(await g.get(`${path}/items?$top=3&$orderby=fields/Note`, PREFER));
    // Sorting what a selective first condition selected is fine.
    expect((await g.get(`${path}/items?$top=3&$filter=${enc("fields/Owner eq 'O2'")}&$orderby=fields/Note`, PREFER)).status).toBe(200);
  });

  it('refuses an unknown field as SharePoint does (400 invalidRequest, "does not exist")', async () => {
    const res = await items("fields/Ownr eq 'O2'");
    expect(res.status).toBe(400);
    expectGraphError(res.body, 'invalidRequest');
    expect(res.body.error.message).toBe("Column 'Ownr' does not exist. It may have been deleted by another user.");
    expect((await items("fields/owner eq 'O2'")).status).toBe(400); // internal names are case-sensitive
  });

  it('writes nextLinks in Graph\'s canonical form (site id and list id), whatever form the request used', async () => {
    const res = await g.get(`/sites/root/lists/Grants/items?$top=2&$filter=${enc("fields/Owner eq 'O2'")}`);
    const next = new URL(res.body['@odata.nextLink']);
    expect(decodeURIComponent(next.pathname)).toBe(`/v1.0/sites/${g.siteId}/lists/${listId}/items`);
    expect(next.pathname).toContain(g.siteId); // commas as they are, not %2C
    expect(next.searchParams.get('$filter')).toBe("fields/Owner eq 'O2'");
    const page2 = await g.get(res.body['@odata.nextLink']);
    expect(page2.status).toBe(200);
    expect(page2.body.value).toHaveLength(2);
  });
});
