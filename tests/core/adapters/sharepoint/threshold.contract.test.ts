/**
 * The adapter against a local server as strict as SharePoint (issue 11), with a low list view
 * threshold (300) so that it runs fast: refusals fail at once with a clear StoreRequestError, the
 * first condition decides, cursors survive Graph's own nextLink form, Yes/No filters select the
 * right items, and dates at whole seconds keep a write from looking like a conflict with itself.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectSharePoint, type SharePointConnection } from '../../../../core/adapters/sharepoint';
import type { RecordInput, RecordOf } from '../../../../core/domain';
import { ConflictError, StoreRequestError } from '../../../../core/ports/errors';
import { startLocalGraphServer, type LocalGraphServer } from '../../../../teams-app/local/graph-server';
import { incident, PERSON_A, PERSON_B } from '../../domain/fixtures';

const THRESHOLD = 300;
let server: LocalGraphServer;
let sp: SharePointConnection;
const requests: { method: string; url: string }[] = [];

const grant = (subjectId: string, n: number, status: RecordOf<'AccessGrants'>['status'] = 'active'): RecordOf<'AccessGrants'> => ({
  subjectId,
  assetId: String(1 + (n % 5)),
  role: 'Handläggare',
  status,
  grantedAt: new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString(),
  validUntil: `2027-01-${String(1 + (n % 28)).padStart(2, '0')}`,
  requestId: null,
  removedAt: status === 'active' ? null : '2026-01-01T10:00:00.000Z',
  removedBy: status === 'active' ? null : PERSON_B,
  removalReason: status === 'active' ? null : 'request',
  lastReview: null,
});

const refusal = async (p: Promise<unknown>) => {
  requests.length = 0;
  const started = Date.now();
  const error = await p.then(() => null, (e: unknown) => e);
  return { error, ms: Date.now() - started, requests: requests.length };
};

beforeAll(async () => {
  server = await startLocalGraphServer({ port: 0, threshold: THRESHOLD });
  sp = await connectSharePoint({
    baseUrl: server.url,
    getToken: async () => server.token,
    userAgent: 'NONISV|StockholmStad|LISforTeams/test',
    provision: true,
    timeoutMs: 2_000,
    observer: { onRequest: (r) => requests.push(r) },
  });
  // 350 grants of A (active) and 50 of B (30 active, 20 removed): 400 items, over the threshold.
  await sp.store.createMany('AccessGrants', Array.from({ length: 350 }, (_, n) => ({ key: `a-${n}`, data: grant(PERSON_A, n) })));
  await sp.store.createMany('AccessGrants', Array.from({ length: 50 }, (_, n) => ({ key: `b-${n}`, data: grant(PERSON_B, n, n < 30 ? 'active' : 'removed') })));
}, 120_000);

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  server.setFaults({});
});

describe('the list view threshold (300 here, 5 000 in SharePoint Online)', () => {
  it('refuses an indexed filter whose condition selects more than the threshold, at once and without retrying', async () => {
    const r = await refusal(sp.store.query('AccessGrants', { where: [{ field: 'status', op: 'eq', value: 'active' }], pageSize: 5 }));
    expect(r.error).toBeInstanceOf(StoreRequestError);
    expect(r.error).toMatchObject({ code: 'listViewThreshold', status: 429 });
    expect((r.error as Error).message).toMatch(/list view threshold/);
    expect((r.error as Error).message).toMatch(/Status eq 'active'/);
    expect(r.requests).toBe(1);
    expect(r.ms).toBeLessThan(1_500);
  });

  it('decides on the FIRST condition: a selective one first works, the same conditions the other way round do not', async () => {
    const ok = await sp.store.query('AccessGrants', { where: [{ field: 'subjectId', op: 'eq', value: PERSON_B }, { field: 'status', op: 'eq', value: 'active' }], pageSize: 100 });
    expect(ok.items).toHaveLength(30);
    const reversed = await refusal(sp.store.query('AccessGrants', { where: [{ field: 'status', op: 'eq', value: 'active' }, { field: 'subjectId', op: 'eq', value: PERSON_B }], pageSize: 100 }));
    expect(reversed.error).toMatchObject({ code: 'listViewThreshold' });
    const heavy = await refusal(sp.store.query('AccessGrants', { where: [{ field: 'subjectId', op: 'eq', value: PERSON_A }, { field: 'status', op: 'eq', value: 'removed' }], pageSize: 10 }));
    expect(heavy.error).toMatchObject({ code: 'listViewThreshold' });
  });

  it('joins range conditions on the first column into one selection', async () => {
    const page = await sp.store.query('AccessGrants', { where: [{ field: 'validUntil', op: 'ge', value: '2027-01-05' }, { field: 'validUntil', op: 'lt', value: '2027-01-06' }], pageSize: 100 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((g) => g.data.validUntil === '2027-01-05')).toBe(true);
  });

  it('reads newest-first along an index without a filter (bounded), at any size', async () => {
    const page = await sp.store.query('AccessGrants', { orderBy: { field: 'validUntil', direction: 'desc' }, pageSize: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.items[0]!.data.validUntil).toBe('2027-01-28');
  });

  it('pages with cursors made from Graph-style nextLinks (site id commas as they are)', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const where = [{ field: 'subjectId' as const, op: 'eq' as const, value: PERSON_B }];
      const page: Awaited<ReturnType<typeof sp.store.query<'AccessGrants'>>> = await sp.store.query('AccessGrants', { where, pageSize: 20, ...(cursor ? { cursor } : {}) });
      for (const g of page.items) seen.add(g.id);
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(50);
    expect(pages).toBe(3);
  });

  it('refuses a cursor for another list, or used with another filter', async () => {
    const first = await sp.store.query('AccessGrants', { where: [{ field: 'subjectId', op: 'eq', value: PERSON_B }], pageSize: 20 });
    expect(first.cursor).toBeTruthy();
    await expect(sp.store.query('Incidents', { cursor: first.cursor! })).rejects.toMatchObject({ code: 'invalidCursor' });
    await expect(sp.store.query('AccessGrants', { where: [{ field: 'subjectId', op: 'eq', value: PERSON_A }], cursor: first.cursor! })).rejects.toMatchObject({ code: 'invalidCursor' });
    const forged = Buffer.from('/sites/x/lists/y/items?$skiptoken=abc', 'utf8').toString('base64url');
    await expect(sp.store.query('AccessGrants', { cursor: forged })).rejects.toMatchObject({ code: 'invalidCursor' });
  });

  it('finds by key on a list over the threshold (the unique key is selective)', async () => {
    const found = await sp.store.findByKey('AccessGrants', 'a-123');
    expect(found?.data.subjectId).toBe(PERSON_A);
  });
});

describe('Yes/No columns', () => {
  it('filters on true/false and gets the right items (the adapter sends 1/0; SharePoint inverts true/false)', async () => {
    const role = (personId: string, active: boolean): RecordInput<'Roles'> => ({ personId, role: 'manager', unit: 'IFO', assignedBy: null, assignedAt: '2026-01-01T10:00:00.000Z', validTo: null, active });
    await sp.store.createMany('Roles', [
      { key: 'r-1', data: role(PERSON_A, true) },
      { key: 'r-2', data: role(PERSON_B, false) },
    ]);
    const active = await sp.store.query('Roles', { where: [{ field: 'active', op: 'eq', value: true }] });
    expect(active.items.map((r) => r.data.personId)).toEqual([PERSON_A]);
    const inactive = await sp.store.query('Roles', { where: [{ field: 'active', op: 'eq', value: false }] });
    expect(inactive.items.map((r) => r.data.personId)).toEqual([PERSON_B]);
  });
});

describe('dates at whole seconds', () => {
  it('stores and returns what SharePoint keeps, so a record read back equals the record written', async () => {
    const created = await sp.store.create('Incidents', 'sec-1', incident({ reportedAt: '2026-03-10T10:00:00.789Z', discoveredAt: '2026-03-10T09:30:00.999Z' }));
    expect(created.data.reportedAt).toBe('2026-03-10T10:00:00.000Z');
    const read = await sp.store.get('Incidents', created.id);
    expect(read!.data).toEqual(created.data);
  });

  it('a write whose answer was lost is recognised as ours, not as someone else\'s (no ConflictError)', async () => {
    const created = await sp.store.create('Incidents', 'sec-2', incident());
    // The PATCH commits, then the client sees 503; the retry meets a new eTag and re-reads.
    server.setFaults({ script: [{ mode: 'commit-then-503', method: 'PATCH', pathIncludes: '/items/' }] });
    const updated = await sp.store.update('Incidents', created, { status: 'triaged', triagedBy: PERSON_A, triagedAt: '2026-03-10T12:34:56.789Z', significant: 'no', significanceRationale: 'Liten påverkan.' });
    expect(updated.data.triagedAt).toBe('2026-03-10T12:34:56.000Z');
    const stored = await sp.store.get('Incidents', created.id);
    expect(stored!.data.triagedAt).toBe('2026-03-10T12:34:56.000Z');
    // Someone else's change is still a conflict.
    await expect(sp.store.update('Incidents', created, { severity: 'high' })).rejects.toBeInstanceOf(ConflictError);
  });
});
