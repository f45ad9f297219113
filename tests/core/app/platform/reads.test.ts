/**
 * The merge of bounded sources (core/app/platform/reads.ts) on a small list kept in a test double of
 * the RecordStore port's read side: every page, in both directions, with ties, filters, sources that
 * overlap and sources that cannot reach the page. Paging through everything must give every row
 * exactly once, in order, whatever the page size. The real adapter runs the same code in the API
 * and must-show tests (tests/bot/api, tests/must-show).
 */
import { describe, expect, it } from 'vitest';
import { mergeSources, walkSources, decodeCursor, type Source } from '../../../../core/app/platform';
import type { Condition, Page, QueryOptions, RecordStore, StoredOf } from '../../../../core/ports/record-store';

type Row = StoredOf<'Incidents'>;

/** A read-only store over rows (only what the merge uses: query / queryMany). */
function storeOf(rows: Row[]): RecordStore & { calls: number } {
  const match = (r: Row, c: Condition<'Incidents'>) => {
    const v = (r.data as unknown as Record<string, unknown>)[c.field] as string;
    const w = c.value as string;
    switch (c.op) {
      case 'eq': return v === w;
      case 'ge': return v >= w;
      case 'gt': return v > w;
      case 'le': return v <= w;
      case 'lt': return v < w;
      default: throw new Error(c.op);
    }
  };
  const query = (o: QueryOptions<'Incidents'>): Page<Row['data']> => {
    let out = rows.filter((r) => (o.where ?? []).every((c) => match(r, c)));
    if (o.orderBy) {
      const f = o.orderBy.field as string;
      const dir = o.orderBy.direction === 'desc' ? -1 : 1;
      // SharePoint orders ties by id ascending.
      out = [...out].sort((a, b) => dir * String((a.data as never)[f]).localeCompare(String((b.data as never)[f])) || Number(a.id) - Number(b.id));
    }
    return { items: out.slice(0, o.pageSize ?? 200), cursor: null };
  };
  const store = {
    calls: 0,
    async queryMany(qs: readonly { options: QueryOptions<'Incidents'> }[]) {
      store.calls++;
      return qs.map((q) => query(q.options));
    },
    async query(_list: string, o: QueryOptions<'Incidents'>) {
      store.calls++;
      return query(o);
    },
  };
  return store as unknown as RecordStore & { calls: number };
}

const row = (id: number, reportedAt: string, extra: Record<string, unknown> = {}): Row =>
  ({ id: String(id), key: `k${id}`, etag: '', createdAt: reportedAt, modifiedAt: reportedAt, data: { reportedAt, status: 'closed', reporterKey: null, ...extra } }) as unknown as Row;

async function everything(store: RecordStore, sources: Source<'Incidents'>[], pageSize: number, direction: 'asc' | 'desc', extra: { filter?: Condition<'Incidents'>[]; keep?: (r: Row) => boolean } = {}) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 200; n++) {
    const page: { items: Row[]; cursor: string | null } = await mergeSources(store, { list: 'Incidents', sort: 'reportedAt', direction, sources, pageSize, cursor, ...extra });
    if (process.env.DEBUG_MERGE) console.log(n, page.items.map((r) => `${r.id}@${r.data.reportedAt.slice(5, 10)}`).join(' '), cursor && decodeCursor(cursor), '→', page.cursor && decodeCursor(page.cursor));
    ids.push(...page.items.map((r) => r.id));
    cursor = page.cursor;
    if (!cursor) return ids;
  }
  throw new Error('paging did not end');
}

const months = (from: number, to: number): Source<'Incidents'>[] =>
  Array.from({ length: to - from + 1 }, (_, i) => to - i).map((m) => {
    const f = `2026-${String(m).padStart(2, '0')}-01T00:00:00.000Z`;
    const t = m === 12 ? '2027-01-01T00:00:00.000Z' : `2026-${String(m + 1).padStart(2, '0')}-01T00:00:00.000Z`;
    return { where: [{ field: 'reportedAt', op: 'ge', value: f }, { field: 'reportedAt', op: 'lt', value: t }], from: f, to: t };
  });

// 60 rows over a year, several sharing a second.
const rows: Row[] = Array.from({ length: 60 }, (_, i) => row(i + 1, `2026-${String((i % 12) + 1).padStart(2, '0')}-${String(10 + (i % 3)).padStart(2, '0')}T08:00:00.000Z`));
const order = (direction: 'asc' | 'desc') =>
  [...rows].sort((a, b) => (direction === 'desc' ? -1 : 1) * (a.data.reportedAt.localeCompare(b.data.reportedAt) || Number(a.id) - Number(b.id))).map((r) => r.id);

describe('mergeSources', () => {
  for (const direction of ['desc', 'asc'] as const) {
    for (const pageSize of [1, 4, 7, 25, 100]) {
      it(`pages month sources ${direction} by ${pageSize}: every row once, in order`, async () => {
        expect(await everything(storeOf(rows), months(1, 12), pageSize, direction)).toEqual(order(direction));
      });
    }
  }

  it('merges overlapping sources (an open bucket and year buckets) without duplicates', async () => {
    const data = [...rows.slice(0, 30).map((r) => ({ ...r, data: { ...r.data, reporterKey: 'me|2026' } })), ...rows.slice(30).map((r) => ({ ...r, data: { ...r.data, reporterKey: 'me|open' } }))] as Row[];
    const sources: Source<'Incidents'>[] = [
      { where: [{ field: 'reporterKey', op: 'eq', value: 'me|open' }] },
      { where: [{ field: 'reporterKey', op: 'eq', value: 'me|2026' }], from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' },
      { where: [{ field: 'reporterKey', op: 'eq', value: 'me|2025' }], from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
      ...months(1, 12),
    ];
    expect(await everything(storeOf(data), sources, 6, 'desc')).toEqual(order('desc'));
  });

  it('applies narrowing filters and kept rows on every page', async () => {
    const data = rows.map((r, i) => ({ ...r, data: { ...r.data, status: i % 4 === 0 ? 'triaged' : 'closed' } })) as Row[];
    const ids = await everything(storeOf(data), months(1, 12), 5, 'desc', { filter: [{ field: 'status', op: 'eq', value: 'triaged' }], keep: (r) => Number(r.id) % 3 !== 0 });
    const want = order('desc').filter((id) => (Number(id) - 1) % 4 === 0 && Number(id) % 3 !== 0);
    expect(ids).toEqual(want);
  });

  it('reads only the sources that can reach the first page: one request for the newest month', async () => {
    // Distinct times (ties at a page's edge cost a second read: the test above covers them).
    const distinct = rows.map((r, i) => ({ ...r, data: { ...r.data, reportedAt: r.data.reportedAt.replace('08:00:00', `08:${String(i).padStart(2, '0')}:00`) } })) as Row[];
    const store = storeOf(distinct);
    const page = await mergeSources(store, { list: 'Incidents', sort: 'reportedAt', direction: 'desc', sources: months(1, 12), pageSize: 3, cursor: null });
    expect(page.items.map((r) => r.id)).toEqual(['60', '48', '36']);
    expect(page.rounds).toBe(1);
    expect(store.calls).toBe(1);
  });

  it('ends with no cursor when nothing is left, and refuses a forged cursor', async () => {
    const page = await mergeSources(storeOf(rows), { list: 'Incidents', sort: 'reportedAt', direction: 'desc', sources: months(1, 12), pageSize: 100, cursor: null });
    expect(page.items).toHaveLength(60);
    expect(page.cursor).toBeNull();
    await expect(mergeSources(storeOf(rows), { list: 'Incidents', sort: 'reportedAt', direction: 'desc', sources: months(1, 12), pageSize: 5, cursor: 'not-a-cursor!' })).rejects.toThrow(/cursor/i);
    expect(() => decodeCursor(btoa('{"v":1}'))).toThrow(/cursor/i);
  });
});

describe('walkSources', () => {
  it('goes through sources in order, each to its end, across pages of any size', async () => {
    const sources = months(1, 12).reverse();
    for (const pageSize of [1, 5, 13, 60]) {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let n = 0; n < 100; n++) {
        const page: { items: Row[]; cursor: string | null } = await walkSources(storeOf(rows), { list: 'Incidents', sort: 'reportedAt', direction: 'desc', sources, pageSize, cursor, lookahead: 3 });
        if (process.env.DEBUG_MERGE) console.log(pageSize, n, page.items.map((r) => `${r.id}@${r.data.reportedAt.slice(5, 10)}`).join(' '), cursor && decodeCursor(cursor), '→', page.cursor && decodeCursor(page.cursor));
        ids.push(...page.items.map((r) => r.id));
        cursor = page.cursor;
        if (!cursor) break;
      }
      const want = sources.flatMap((s) => order('desc').filter((id) => {
        const r = rows.find((x) => x.id === id)!;
        return r.data.reportedAt >= s.from! && r.data.reportedAt < s.to!;
      }));
      expect(ids, `page size ${pageSize}`).toEqual(want);
    }
  });
});
