import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilter, parseOrderBy } from '../../../../teams-app/local/graph-server/filter';
import { type TestGraph, expectGraphError, startTestGraph } from './helpers';

const PREFER = { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' };
const enc = encodeURIComponent;

describe('$filter parser', () => {
  it('parses comparisons, and/or precedence, parentheses, startswith and literals', () => {
    expect(parseFilter("fields/A eq 'it''s'")).toEqual({ kind: 'cmp', op: 'eq', field: 'A', value: "it's", literal: 'string' });
    expect(parseFilter('fields/N ge -1.5')).toMatchObject({ op: 'ge', value: -1.5, literal: 'number' });
    expect(parseFilter('fields/B eq true')).toMatchObject({ value: true, literal: 'boolean' });
    expect(parseFilter('fields/B ne null')).toMatchObject({ op: 'ne', value: null });
    expect(parseFilter('fields/D lt 2024-01-02T03:04:05Z')).toMatchObject({ value: '2024-01-02T03:04:05Z', literal: 'date' });
    expect(parseFilter("id eq '5'")).toMatchObject({ field: 'ID' });
    const tree = parseFilter("fields/A eq 'x' or fields/B eq 'y' and fields/C eq 'z'");
    expect(tree).toMatchObject({ kind: 'or', right: { kind: 'and' } });
    const grouped = parseFilter("(fields/A eq 'x' or fields/B eq 'y') and startswith(fields/C,'pre')");
    expect(grouped).toMatchObject({ kind: 'and', left: { kind: 'or' }, right: { kind: 'startswith', field: 'C', prefix: 'pre' } });
    expect(parseOrderBy('fields/A desc')).toEqual([{ field: 'A', desc: true }]);
  });

  it.each([
    "fields/A eq 'open",
    'fields/A eq',
    "fields/A like 'x'",
    "(fields/A eq 'x'",
    "fields/A eq 'x' and",
    "Title eq 'x'",
    "not fields/A eq 'x'",
    'fields/A eq fields/B',
    "startswith(fields/A, 5)",
    '',
  ])('refuses %j with 400', (input) => {
    expect(() => parseFilter(input)).toThrowError();
    try {
      parseFilter(input);
    } catch (err) {
      expect((err as { status: number }).status).toBe(400);
    }
  });
});

describe('$filter and $orderby on list items', () => {
  let g: TestGraph;
  let path: string;
  beforeAll(async () => {
    g = await startTestGraph({ threshold: 50 });
    ({ path } = await g.createList('Assets', [
      { name: 'Code', text: {}, indexed: true },
      { name: 'Class', choice: { choices: ['Open', 'Internal', 'Secret'] }, indexed: true },
      { name: 'Score', number: {}, indexed: true },
      { name: 'Critical', boolean: {}, indexed: true },
      { name: 'Review', dateTime: {}, indexed: true },
      { name: 'Note', text: {} },
    ]));
    await g.createItems(
      path,
      Array.from({ length: 40 }, (_, i) => ({
        Title: `Asset ${i}`,
        Code: `A-${String(i).padStart(3, '0')}`,
        Class: ['Open', 'Internal', 'Secret'][i % 3],
        Score: i,
        Critical: i % 4 === 0,
        Review: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
        Note: i % 2 === 0 ? 'even' : "odd's",
        ...(i === 39 ? { Code: null } : {}),
      })),
    );
  });
  afterAll(async () => {
    await g.server.close();
  });

  const query = async (filter: string, extra = '', headers?: Record<string, string>) => {
    const res = await g.get(`${path}/items?$expand=fields&$top=999&$filter=${enc(filter)}${extra}`, headers);
    return res;
  };
  const scores = (res: { body: any }) => res.body.value.map((i: any) => i.fields.Score).sort((a: number, b: number) => a - b);

  it('filters indexed columns by each operator and literal type', async () => {
    expect(scores(await query("fields/Code eq 'A-005'"))).toEqual([5]);
    expect(scores(await query("fields/Code eq 'a-005'"))).toEqual([5]); // text compares case-insensitively
    expect(scores(await query('fields/Score gt 36'))).toEqual([37, 38, 39]);
    expect(scores(await query('fields/Score ge 38'))).toEqual([38, 39]);
    expect(scores(await query('fields/Score lt 2'))).toEqual([0, 1]);
    expect(scores(await query('fields/Score le 1'))).toEqual([0, 1]);
    expect((await query('fields/Score ne 0')).body.value).toHaveLength(39);
    expect(scores(await query('fields/Critical eq 1 and fields/Score lt 10'))).toEqual([0, 4, 8]);
    expect(scores(await query('fields/Critical eq 0 and fields/Score lt 10'))).toEqual([1, 2, 3, 5, 6, 7, 9]);
    expect(scores(await query("fields/Review ge '2024-02-07T00:00:00Z'"))).toEqual([37, 38, 39]);
    expect(scores(await query('fields/Review lt 2024-01-03T00:00:00Z'))).toEqual([0, 1]);
    expect(scores(await query("fields/Review lt '2024-01-03T01:00:00+01:00'"))).toEqual([0, 1]);
    expect(scores(await query("fields/Class eq 'Secret' and fields/Score lt 9"))).toEqual([2, 5, 8]);
    expect(scores(await query("fields/Score eq 1 or fields/Score eq 3 or (fields/Class eq 'Open' and fields/Score gt 35)"))).toEqual([1, 3, 36, 39]);
    expect(scores(await query("startswith(fields/Code,'A-01')"))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(scores(await query('fields/Code eq null'))).toEqual([39]);
    expect((await query('fields/Code ne null')).body.value).toHaveLength(39);
    expect(scores(await query("id eq '7'"))).toEqual([6]);
    expect(scores(await query('fields/ID le 2'))).toEqual([0, 1]);
  });

  it('selects the OPPOSITE items for a Yes/No column compared with true/false, as SharePoint does', async () => {
    // SharePoint/sp-dev-docs#4750 and #5594: `eq true` and `eq 'true'` return the items set to No.
    // The local server does the same, so code that filters Yes/No columns with true/false fails here.
    expect(scores(await query('fields/Critical eq true and fields/Score lt 10'))).toEqual([1, 2, 3, 5, 6, 7, 9]);
    expect(scores(await query("fields/Critical eq 'true' and fields/Score lt 10"))).toEqual([1, 2, 3, 5, 6, 7, 9]);
    expect(scores(await query('fields/Critical eq false and fields/Score lt 10'))).toEqual([0, 4, 8]);
  });

  it('refuses a date/time literal without a time zone on a dateTime column', async () => {
    for (const literal of ['2024-01-03', "'2024-01-03'", "'2024-01-03T10:00:00'"]) {
      const res = await query(`fields/Review lt ${literal}`);
      expect(res.status).toBe(400);
      expectGraphError(res.body, 'invalidRequest');
      expect(res.body.error.message).toMatch(/no time zone/);
    }
  });

  it('orders by an indexed column asc and desc', async () => {
    const asc = await g.get(`${path}/items?$expand=fields&$orderby=fields/Score asc&$top=5`);
    expect(asc.body.value.map((i: any) => i.fields.Score)).toEqual([0, 1, 2, 3, 4]);
    const desc = await g.get(`${path}/items?$expand=fields&$orderby=${enc('fields/Score desc')}&$top=3`);
    expect(desc.body.value.map((i: any) => i.fields.Score)).toEqual([39, 38, 37]);
    const filtered = await g.get(`${path}/items?$expand=fields&$filter=${enc("fields/Class eq 'Open'")}&$orderby=${enc('fields/Review desc')}&$top=2`);
    expect(filtered.body.value.map((i: any) => i.fields.Score)).toEqual([39, 36]);
  });

  it('refuses a non-indexed column in $filter or $orderby with SharePoint\'s message, without the Prefer header', async () => {
    const res = await query("fields/Note eq 'even'");
    expect(res.status).toBe(400);
    expectGraphError(res.body, 'invalidRequest');
    expect(res.body.error.message).toBe(
      "Field 'Note' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.",
    );
    expect((await query("fields/Code eq 'A-001' and fields/Note eq 'even'")).status).toBe(400);
    expect((await query("fields/Title eq 'Asset 1'")).status).toBe(400); // Title is not indexed by default
    expect((await g.get(`${path}/items?$orderby=fields/Note`)).status).toBe(400);
    expect((await query("fields/Missing eq 'x'")).status).toBe(400);
  });

  it('allows a non-indexed filter with the Prefer header while the list is within the threshold', async () => {
    const res = await query("fields/Note eq 'odd''s' and fields/Score lt 6", '', PREFER);
    expect(res.status).toBe(200);
    expect(scores(res)).toEqual([1, 3, 5]);
    const ordered = await g.get(`${path}/items?$expand=fields&$orderby=fields/Note desc&$top=1`, PREFER);
    expect(ordered.status).toBe(200);
  });

  it('fails like SharePoint\'s list view threshold above it (429, no Retry-After), but indexed filters still work', async () => {
    await g.createItems(path, Array.from({ length: 11 }, (_, i) => ({ Title: `More ${i}`, Code: `B-${i}`, Score: 100 + i, Note: 'late' })));
    const res = await query("fields/Note eq 'late'", '', PREFER);
    expect(res.status).toBe(429);
    expectGraphError(res.body, 'activityLimitReached');
    expect(res.headers.get('retry-after')).toBeNull();
    const orderOnly = await g.get(`${path}/items?$orderby=fields/Note`, PREFER);
    expect(orderOnly.status).toBe(429);
    // A top-level indexed condition that selects at most `threshold` items narrows the query enough.
    const narrowed = await query("fields/Score ge 100 and fields/Note eq 'late'", '', PREFER);
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.value).toHaveLength(11);
    const indexed = await query("fields/Code eq 'B-3'");
    expect(indexed.status).toBe(200);
    expect(indexed.body.value).toHaveLength(1);
    const unfiltered = await g.getAll(`${path}/items?$top=20`);
    expect(unfiltered.items).toHaveLength(51);
  });

  it('rejects filters that compare a column with the wrong type of literal', async () => {
    expect((await query("fields/Score eq 'ten'")).status).toBe(400);
    expect((await query("fields/Review gt 'yesterday'")).status).toBe(400);
    expect((await query('fields/Code eq 2024-01-03')).status).toBe(400); // a bare date is not text
    expect((await query("startswith(fields/Score,'1')")).status).toBe(400);
    expect((await query('fields/Score gt null')).status).toBe(400);
  });
});
