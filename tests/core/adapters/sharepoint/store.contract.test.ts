/**
 * RecordStore contract, run against the local SharePoint-lists server through the production Graph
 * adapter (graph-client with our middleware). Nothing here is mocked but time-outs made short.
 */
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectSharePoint, LISTS, provisionLists, type SharePointConnection } from '../../../../core/adapters/sharepoint';
import { ConflictError, NotFoundError, RecordValidationError, StoreRequestError } from '../../../../core/ports/errors';
import type { RecordOf } from '../../../../core/domain';
import { startLocalGraphServer, type LocalGraphServer } from '../../../../teams-app/local/graph-server';
import { asset, incident, PERSON_A } from '../../domain/fixtures';

let server: LocalGraphServer;
let sp: SharePointConnection;
const requests: { method: string; url: string }[] = [];

const training = (n: number, course = 'ISK-GRUND'): RecordOf<'Trainings'> => ({
  personId: PERSON_A,
  courseCode: course,
  unit: `U${n % 7}`,
  completedAt: '2026-01-15',
  source: 'import',
  recordedBy: null,
  recordedAt: '2026-01-15T10:00:00.000Z',
});

beforeAll(async () => {
  server = await startLocalGraphServer({ port: 0 });
  sp = await connectSharePoint({
    baseUrl: server.url,
    getToken: async () => server.token,
    userAgent: 'NONISV|StockholmStad|LISforTeams/test',
    provision: true,
    timeoutMs: 1_000,
    retry: { baseDelayMs: 5, maxDelayMs: 1_500 },
    observer: { onRequest: (r) => requests.push(r) },
  });
});

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  server.setFaults({});
  requests.length = 0;
});

describe('provisioning', () => {
  it('creates every list, and a second run only reads', async () => {
    expect(sp.listIds.size).toBe(LISTS.length);
    const again = await provisionLists(sp.client, sp.siteId);
    expect(again.createdLists).toEqual([]);
    expect(again.addedColumns).toEqual([]);
    expect(again.indexedColumns).toEqual([]);
    expect(again.extendedChoices).toEqual([]);
    expect(requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('migrates an older site: adds missing columns, indexes and choices, removes nothing', async () => {
    const list = sp.listIds.get('Suppliers')!;
    const base = `${server.url}/v1.0/sites/${sp.siteId}/lists/${list}/columns`;
    const auth = { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' };
    const columns = ((await (await fetch(base, { headers: auth })).json()) as { value: { id: string; name: string; choice?: { choices: string[] } }[] }).value;
    const dpa = columns.find((c) => c.name === 'DpaStatus')!;
    const code = columns.find((c) => c.name === 'Code')!;
    // Make the site look like an older version: an enum without 'via_parent', plus an old choice of its own.
    await fetch(`${base}/${dpa.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ choice: { choices: ['signed', 'draft', 'missing', 'expired', 'not_required', 'legacy'] } }) });
    await fetch(`${base}/${code.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ indexed: false }) });
    const report = await provisionLists(sp.client, sp.siteId);
    expect(report.extendedChoices).toEqual(['Suppliers.DpaStatus: via_parent']);
    expect(report.indexedColumns).toEqual(['Suppliers.Code']);
    const after = ((await (await fetch(base, { headers: auth })).json()) as { value: { name: string; indexed: boolean; choice?: { choices: string[] } }[] }).value;
    expect(after.find((c) => c.name === 'DpaStatus')!.choice!.choices).toEqual(['signed', 'draft', 'missing', 'expired', 'not_required', 'legacy', 'via_parent']);
    expect(after.find((c) => c.name === 'Code')!.indexed).toBe(true);
  });

  it('creates lists a plain Graph client can read, with indexed unique keys', async () => {
    const res = await fetch(`${server.url}/v1.0/sites/${sp.siteId}/lists/${sp.listIds.get('Incidents')}/columns`, { headers: { Authorization: `Bearer ${server.token}` } });
    const columns = ((await res.json()) as { value: { name: string; indexed: boolean; enforceUniqueValues?: boolean }[] }).value;
    expect(columns.find((c) => c.name === 'IdempotencyKey')).toMatchObject({ indexed: true, enforceUniqueValues: true });
    expect(columns.find((c) => c.name === 'Status')).toMatchObject({ indexed: true });
  });
});

describe('create', () => {
  it('stores and reads back a record, labelled as Microsoft asks', async () => {
    // Graph requests go out through node:http (core/adapters/sharepoint/http-transport.ts).
    const requestSpy = vi.spyOn(http, 'request');
    const created = await sp.store.create('Incidents', 'c-1', incident());
    const headers = new Headers((requestSpy.mock.calls[0]![1] as http.RequestOptions).headers as Record<string, string>);
    requestSpy.mockRestore();
    expect(headers.get('User-Agent')).toBe('NONISV|StockholmStad|LISforTeams/test');
    expect(headers.get('Authorization')).toBe(`Bearer ${server.token}`);
    expect(created).toMatchObject({ id: expect.stringMatching(/^\d+$/), key: 'c-1', etag: expect.any(String), data: incident() });
    expect(await sp.store.get('Incidents', created.id)).toEqual(created);
    expect(await sp.store.findByKey('Incidents', 'c-1')).toEqual(created);
    expect(await sp.store.get('Incidents', '999999')).toBeNull();
  });

  it('gives the first record back for the same key (double click) and writes nothing', async () => {
    const first = await sp.store.create('Incidents', 'c-2', incident());
    const second = await sp.store.create('Incidents', 'c-2', incident({ title: 'Dubbelklick' }));
    expect(second.id).toBe(first.id);
    expect(second.data.title).toBe(incident().title);
  });

  it('keeps one item when two creates with one key race', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => sp.store.create('Incidents', 'c-race', incident())));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
  });

  it('refuses invalid data before sending anything', async () => {
    await expect(sp.store.create('Incidents', 'c-bad', incident({ description: '' }))).rejects.toBeInstanceOf(RecordValidationError);
    expect(requests).toEqual([]);
  });

  it('makes one item when a POST committed but its answer never came (timeout)', async () => {
    server.setFaults({ script: [{ method: 'POST', pathIncludes: '/items', mode: 'commit-then-hang', hangMs: 3_000 }] });
    const created = await sp.store.create('Incidents', 'c-timeout', incident());
    const matches = await sp.store.query('Incidents', { where: [{ field: 'reporterId', op: 'eq', value: PERSON_A }], pageSize: 999 });
    expect(matches.items.filter((i) => i.key === 'c-timeout').map((i) => i.id)).toEqual([created.id]);
    expect(requests.filter((r) => r.method === 'POST').length).toBe(1); // looked up, found, not re-sent
  });

  it('makes one item when a POST committed and then answered 503 (graph-client style retry)', async () => {
    server.setFaults({ script: [{ method: 'POST', pathIncludes: '/items', mode: 'commit-then-503' }] });
    const created = await sp.store.create('Incidents', 'c-503', incident());
    expect((await sp.store.findByKey('Incidents', 'c-503'))?.id).toBe(created.id);
    const all: string[] = [];
    for await (const i of sp.store.queryAll('Incidents')) if (i.key === 'c-503') all.push(i.id);
    expect(all).toHaveLength(1);
  });

  it('waits out 429 with Retry-After and succeeds', async () => {
    server.setFaults({ retryAfterSeconds: 1, script: [{ method: 'POST', pathIncludes: '/items', mode: '429', times: 2 }] });
    const started = Date.now();
    await sp.store.create('Incidents', 'c-429', incident());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400); // Retry-After honoured (capped at 1.5 s here)
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(3);
  });
});

describe('update', () => {
  it('changes fields with If-Match and returns the new version', async () => {
    const created = await sp.store.create('Incidents', 'u-1', incident());
    const updated = await sp.store.update('Incidents', created, { status: 'triaged', severity: 'high', triagedBy: PERSON_A, triagedAt: '2026-03-10T11:00:00.000Z' });
    expect(updated.etag).not.toBe(created.etag);
    expect(updated.data).toMatchObject({ status: 'triaged', severity: 'high', title: incident().title });
    expect(await sp.store.get('Incidents', created.id)).toMatchObject({ etag: updated.etag, data: updated.data });
  });

  it('lets exactly one of two concurrent updates win; the other gets a conflict', async () => {
    const created = await sp.store.create('Incidents', 'u-2', incident());
    const results = await Promise.allSettled([
      sp.store.update('Incidents', created, { severity: 'low' }),
      sp.store.update('Incidents', created, { severity: 'critical' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
    const final = await sp.store.get('Incidents', created.id);
    expect(final!.data.severity).toBe((won[0] as PromiseFulfilledResult<{ data: { severity: string } }>).value.data.severity);
  });

  it('treats its own committed write as success when the answer was lost', async () => {
    const created = await sp.store.create('Incidents', 'u-3', incident());
    server.setFaults({ script: [{ method: 'PATCH', mode: 'commit-then-503' }] });
    const updated = await sp.store.update('Incidents', created, { severity: 'medium' });
    expect(updated.data.severity).toBe('medium');
  });

  it('validates the whole merged record and writes nothing when invalid', async () => {
    const created = await sp.store.create('Incidents', 'u-4', incident());
    requests.length = 0;
    await expect(sp.store.update('Incidents', created, { significant: 'no' })).rejects.toBeInstanceOf(RecordValidationError);
    expect(requests).toEqual([]);
  });

  it('reports a deleted record as not found', async () => {
    const created = await sp.store.create('Incidents', 'u-5', incident());
    await fetch(`${server.url}/v1.0/sites/${sp.siteId}/lists/${sp.listIds.get('Incidents')}/items/${created.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${server.token}` } });
    await expect(sp.store.update('Incidents', created, { severity: 'low' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('never edits the audit log', async () => {
    const entry = await sp.store.create('AuditLog', 'a-1', { at: '2026-01-01T00:00:00.000Z', actorId: PERSON_A, action: 'test.done', target: 'Incidents/1', summary: 'x', details: {}, correlationId: null });
    await expect(sp.store.update('AuditLog' as never, entry as never, {} as never)).rejects.toThrow(/append-only/);
  });
});

describe('query', () => {
  it('filters on indexed columns and refuses to send a filter on a non-indexed one', async () => {
    await sp.store.create('InformationAssets', 'q-1', asset({ code: 'IA-901', unit: 'KUL' }));
    await sp.store.create('InformationAssets', 'q-2', asset({ code: 'IA-902', unit: 'AOM' }));
    const kul = await sp.store.query('InformationAssets', { where: [{ field: 'unit', op: 'eq', value: 'KUL' }] });
    expect(kul.items.map((i) => i.data.code)).toEqual(['IA-901']);
    await expect(sp.store.query('InformationAssets', { where: [{ field: 'description', op: 'eq', value: 'x' }] })).rejects.toThrow(/not indexed/);
  });

  it('searches by prefix on an indexed column, quotes and all', async () => {
    await sp.store.create('InformationAssets', 'q-4', asset({ code: 'IA-904', name: "Barnens o'hälsa-register" }));
    const hits = await sp.store.query('InformationAssets', { where: [{ field: 'name', op: 'startswith', value: "Barnens o'h" }] });
    expect(hits.items.map((i) => i.data.code)).toEqual(['IA-904']);
  });

  it('sorts on an indexed column', async () => {
    const page = await sp.store.query('InformationAssets', { orderBy: { field: 'code', direction: 'desc' } });
    const codes = page.items.map((i) => i.data.code);
    expect(codes).toEqual([...codes].sort().reverse());
  });

  it('refuses a cursor that points elsewhere', async () => {
    const forged = Buffer.from(`/sites/${sp.siteId}/lists/${sp.listIds.get('Roles')}/items?$top=5`).toString('base64url');
    await expect(sp.store.query('Incidents', { cursor: forged })).rejects.toBeInstanceOf(StoreRequestError);
  });

  it('reads several records by id in one batch, skipping missing ones', async () => {
    const a = await sp.store.create('InformationAssets', 'q-3', asset({ code: 'IA-903' }));
    requests.length = 0;
    const got = await sp.store.getMany('InformationAssets', [a.id, '987654', a.id]);
    expect(got.map((g) => g.id)).toEqual([a.id]);
    expect(requests).toHaveLength(1);
  });
});

describe('batches and large lists', () => {
  it('creates in $batch, retrying inner 429s, once each', async () => {
    // 25 inner requests answered 429: the whole first batch, then 5 of its retry (deterministic).
    server.setFaults({ retryAfterSeconds: 0, script: [{ method: 'POST', pathIncludes: '/items', mode: '429', times: 25 }] });
    const records = Array.from({ length: 100 }, (_, n) => ({ key: `b-${n}`, data: training(n, 'BATCH-429') }));
    const stored = await sp.store.createMany('Trainings', records);
    server.setFaults({});
    expect(stored.map((s) => s.key)).toEqual(records.map((r) => r.key));
    const all = [];
    for await (const t of sp.store.queryAll('Trainings', { where: [{ field: 'courseCode', op: 'eq', value: 'BATCH-429' }] })) all.push(t);
    expect(all).toHaveLength(100);
    expect(new Set(all.map((t) => t.key)).size).toBe(100);
    // Re-running the same batch (a crashed seed) creates nothing new.
    const again = await sp.store.createMany('Trainings', records.slice(0, 20));
    expect(again.map((s) => s.id)).toEqual(stored.slice(0, 20).map((s) => s.id));
  });

  it('pages through 12 000 items, and past 5 000 SharePoint refuses non-indexed filters and unselective indexed ones', async () => {
    const total = 12_000;
    for (let start = 0; start < total; start += 2_000) {
      await sp.store.createMany('Trainings', Array.from({ length: 2_000 }, (_, n) => ({ key: `p-${start + n}`, data: training(start + n, 'BIG') })));
    }
    // Paging in ID order touches one page at a time: it works at any size.
    const ids = new Set<string>();
    let pages = 0;
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof sp.store.query<'Trainings'>>> = await sp.store.query('Trainings', { pageSize: 999, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) ids.add(item.id);
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(ids.size).toBeGreaterThanOrEqual(total);
    expect(pages).toBe(Math.ceil(ids.size / 999));

    // An indexed filter whose condition selects all 12 000 items is refused at once, not retried.
    requests.length = 0;
    const started = Date.now();
    const refused = await sp.store.query('Trainings', { where: [{ field: 'courseCode', op: 'eq', value: 'BIG' }], pageSize: 10 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreRequestError);
    expect(refused).toMatchObject({ code: 'listViewThreshold', status: 429 });
    expect(requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);

    // A plain Graph request filtering on a non-indexed column, even with the Prefer header: refused.
    // Graph reports SharePoint's list view threshold as throttling (429) with no Retry-After.
    const list = sp.listIds.get('Trainings');
    const res = await fetch(
      `${server.url}/v1.0/sites/${sp.siteId}/lists/${list}/items?$expand=fields&$filter=${encodeURIComponent("fields/Source eq 'import'")}`,
      { headers: { Authorization: `Bearer ${server.token}`, Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' } },
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBeNull();
    // The same filter without the Prefer header is refused outright as not indexed.
    const plain = await fetch(
      `${server.url}/v1.0/sites/${sp.siteId}/lists/${list}/items?$expand=fields&$filter=${encodeURIComponent("fields/Source eq 'import'")}`,
      { headers: { Authorization: `Bearer ${server.token}` } },
    );
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { error: { message: string } }).error.message).toMatch(/HonorNonIndexedQueriesWarningMayFailRandomly/);
  }, 180_000);
});
