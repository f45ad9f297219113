import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultController, faultsFromEnv } from '../../../../teams-app/local/graph-server/faults';
import { type TestGraph, expectGraphError, startTestGraph } from './helpers';

let g: TestGraph;
let path: string;
beforeAll(async () => {
  g = await startTestGraph();
  ({ path } = await g.createList('Faulty', [{ name: 'Key', text: {}, indexed: true, enforceUniqueValues: true }]));
});
afterEach(() => g.server.setFaults({}));
afterAll(async () => {
  await g.server.close();
});

const local = (p: string, init: RequestInit = {}) =>
  fetch(`${g.server.url}/_local/${p}`, { ...init, headers: { Authorization: `Bearer ${g.server.token}`, ...(init.headers as Record<string, string> | undefined) } });
const countKey = async (key: string) =>
  (await g.get(`${path}/items?$filter=${encodeURIComponent(`fields/Key eq '${key}'`)}`)).body.value.length;

describe('scripted faults', () => {
  it('429 with Retry-After on the next matching request only', async () => {
    g.server.setFaults({ retryAfterSeconds: 3, script: [{ mode: '429', method: 'GET', pathIncludes: '/items' }] });
    expect((await g.get('/sites/root')).status).toBe(200); // does not match
    const hit = await g.get(`${path}/items`);
    expect(hit.status).toBe(429);
    expect(hit.headers.get('retry-after')).toBe('3');
    expectGraphError(hit.body, 'activityLimitReached');
    expect((await g.get(`${path}/items`)).status).toBe(200); // used up
  });

  it('503 with Retry-After, `times` uses', async () => {
    g.server.setFaults({ script: [{ mode: '503', pathIncludes: '/sites/root', times: 2 }] });
    const a = await g.get('/sites/root');
    const b = await g.get('/sites/root');
    const c = await g.get('/sites/root');
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200]);
    expect(a.headers.get('retry-after')).toBe('1');
    expectGraphError(a.body, 'serviceNotAvailable');
  });

  it('commit-then-503 performs the write, then answers 503', async () => {
    g.server.setFaults({ script: [{ mode: 'commit-then-503', method: 'POST', pathIncludes: '/items' }] });
    const res = await g.post(`${path}/items`, { fields: { Title: 'committed', Key: 'c503' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await countKey('c503')).toBe(1);
    // A blind retry now hits the unique index, which is why creates need an idempotency key.
    expect((await g.post(`${path}/items`, { fields: { Title: 'retry', Key: 'c503' } })).status).toBe(409);
  });

  it('commit-then-hang performs the write and holds the response past the client timeout', async () => {
    g.server.setFaults({ script: [{ mode: 'commit-then-hang', method: 'POST', pathIncludes: '/items', hangMs: 5_000 }] });
    const started = Date.now();
    await expect(
      g.req('POST', `${path}/items`, { body: { fields: { Title: 'hung', Key: 'hang-1' } }, signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await countKey('hang-1')).toBe(1);
  });

  it('commit-then-hang eventually answers with the real response', async () => {
    g.server.setFaults({ script: [{ mode: 'commit-then-hang', method: 'POST', hangMs: 150 }] });
    const started = Date.now();
    const res = await g.post(`${path}/items`, { fields: { Title: 'slow', Key: 'hang-2' } });
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('random faults and latency', () => {
  it('rate429 = 1 throttles every request with Retry-After; /_local is never faulted', async () => {
    g.server.setFaults({ rate429: 1, retryAfterSeconds: 0 });
    const res = await g.get('/sites/root');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('0');
    expect((await local('stats')).status).toBe(200);
    g.server.setFaults({ rate503: 1 });
    expect((await g.get('/sites/root')).status).toBe(503);
  });

  it('adds latency within the configured range', async () => {
    g.server.setFaults({ latencyMs: [120, 150] });
    const started = Date.now();
    await g.get('/sites/root');
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('FaultController draws random faults at the configured rate', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const c = new FaultController({ rate429: 0.25 }, random);
    let hits = 0;
    for (let i = 0; i < 4000; i++) if (c.decide('GET', '/v1.0/sites/root').kind === 'reject') hits++;
    expect(hits / 4000).toBeGreaterThan(0.2);
    expect(hits / 4000).toBeLessThan(0.3);
  });
});

describe('runtime control over /_local', () => {
  it('GET/PUT /_local/faults replaces the config; bad configs are refused with 400', async () => {
    const put = await local('faults', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ script: [{ mode: '503', times: 1 }] }) });
    expect(put.status).toBe(200);
    expect(await (await local('faults')).json()).toEqual({ script: [{ mode: '503', times: 1 }] });
    expect((await g.get('/sites/root')).status).toBe(503);
    expect(await (await local('faults')).json()).toEqual({ script: [] });
    const bad = await local('faults', { method: 'PUT', body: JSON.stringify({ rate429: 2 }) });
    expect(bad.status).toBe(400);
    const badMode = await local('faults', { method: 'PUT', body: JSON.stringify({ script: [{ mode: 'explode' }] }) });
    expect(badMode.status).toBe(400);
    await local('faults', { method: 'PUT', body: '{}' });
    expect((await g.get('/sites/root')).status).toBe(200);
  });

  it('GET /_local/stats and requestCount() count served Graph requests', async () => {
    g.server.resetRequestCount();
    await g.get('/sites/root');
    await g.post('/$batch', { requests: [{ id: '1', method: 'GET', url: '/sites/root' }, { id: '2', method: 'GET', url: '/sites/root' }] });
    await g.req('GET', '/sites/root', { auth: false });
    expect(g.server.requestCount()).toBe(3);
    expect(await (await local('stats')).json()).toEqual({ requests: 3, threshold: 5000 });
  });
});

describe('faultsFromEnv', () => {
  it('reads rates, Retry-After and latency', () => {
    expect(faultsFromEnv({})).toEqual({});
    expect(
      faultsFromEnv({
        LOCAL_GRAPH_FAULT_429_RATE: '0.1',
        LOCAL_GRAPH_FAULT_503_RATE: '0.05',
        LOCAL_GRAPH_RETRY_AFTER_SECONDS: '2',
        LOCAL_GRAPH_LATENCY_MS: '20-80',
      }),
    ).toEqual({ rate429: 0.1, rate503: 0.05, retryAfterSeconds: 2, latencyMs: [20, 80] });
    expect(faultsFromEnv({ LOCAL_GRAPH_LATENCY_MS: '50' })).toEqual({ latencyMs: [50, 50] });
  });

  it('refuses values it cannot use', () => {
    expect(() => faultsFromEnv({ LOCAL_GRAPH_FAULT_429_RATE: '1.5' })).toThrow();
    expect(() => faultsFromEnv({ LOCAL_GRAPH_LATENCY_MS: '80-20' })).toThrow();
    expect(() => faultsFromEnv({ LOCAL_GRAPH_RETRY_AFTER_SECONDS: 'soon' })).toThrow();
  });
});
