import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestGraph, expectGraphError, startTestGraph } from './helpers';

let g: TestGraph;
let path: string;
beforeAll(async () => {
  g = await startTestGraph();
  ({ path } = await g.createList('Batched', [{ name: 'Key', text: {}, indexed: true, enforceUniqueValues: true }]));
});
afterAll(async () => {
  await g.server.close();
});

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('$batch', () => {
  it('runs each request and returns its own status inside an outer 200', async () => {
    const res = await g.post('/$batch', {
      requests: [
        { id: '1', method: 'POST', url: `${path}/items`, headers: JSON_HEADERS, body: { fields: { Title: 'one', Key: 'b-1' } } },
        { id: '2', method: 'POST', url: `${path.slice(1)}/items`, headers: JSON_HEADERS, body: { fields: { Title: 'dup', Key: 'b-1' } } },
        { id: '3', method: 'GET', url: `${path}/items/999` },
        { id: '4', method: 'POST', url: `${path}/items`, headers: JSON_HEADERS, body: { fields: { Title: 'bad', Nope: 1 } } },
        { id: '5', method: 'GET', url: '/sites/root' },
        { id: '6', method: 'GET', url: `${path}/items?$expand=fields&$filter=${encodeURIComponent("fields/Key eq 'b-1'")}` },
      ],
    });
    expect(res.status).toBe(200);
    const byId = new Map<string, any>(res.body.responses.map((r: any) => [r.id, r]));
    expect(byId.get('1').status).toBe(201);
    expect(byId.get('1').body.fields.Key).toBe('b-1');
    expect(byId.get('1').headers['Content-Type']).toContain('application/json');
    expect(byId.get('2').status).toBe(409);
    expectGraphError(byId.get('2').body, 'nameAlreadyExists');
    expect(byId.get('3').status).toBe(404);
    expect(byId.get('4').status).toBe(400);
    expect(byId.get('5').status).toBe(200);
    expect(byId.get('5').body.id).toBe(g.siteId);
    expect(byId.get('6').body.value).toHaveLength(1);
  });

  it('answers 204 for DELETE without a body', async () => {
    const created = await g.post(`${path}/items`, { fields: { Title: 'to delete' } });
    const res = await g.post('/$batch', { requests: [{ id: 'd', method: 'DELETE', url: `${path}/items/${created.body.id}` }] });
    expect(res.body.responses[0].status).toBe(204);
    expect(res.body.responses[0].body).toBeUndefined();
  });

  it('refuses more than 20 requests with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/sites/root' }));
    const res = await g.post('/$batch', { requests });
    expect(res.status).toBe(400);
    expectGraphError(res.body, 'BadRequest');
    const twenty = await g.post('/$batch', { requests: requests.slice(0, 20) });
    expect(twenty.status).toBe(200);
    expect(twenty.body.responses).toHaveLength(20);
  });

  it('rejects inner urls that start with /v1.0 the way Graph does', async () => {
    const res = await g.post('/$batch', {
      requests: [
        { id: '1', method: 'GET', url: '/v1.0/sites/root' },
        { id: '2', method: 'GET', url: 'v1.0/sites/root' },
      ],
    });
    expect(res.status).toBe(200);
    for (const r of res.body.responses) {
      expect(r.status).toBe(400);
      expect(r.body.error.message).toBe("Resource not found for the segment 'v1.0'.");
    }
  });

  it('rejects malformed batches with 400: absolute urls, duplicate ids, writes without Content-Type', async () => {
    const abs = await g.post('/$batch', { requests: [{ id: '1', method: 'GET', url: `${g.server.url}/v1.0/sites/root` }] });
    expect(abs.status).toBe(400);
    const dupIds = await g.post('/$batch', { requests: [{ id: 'a', method: 'GET', url: '/sites/root' }, { id: 'A', method: 'GET', url: '/sites/root' }] });
    expect(dupIds.status).toBe(400);
    const noType = await g.post('/$batch', { requests: [{ id: '1', method: 'POST', url: `${path}/items`, body: { fields: { Title: 'x' } } }] });
    expect(noType.status).toBe(400);
    expect(noType.body.error.message).toBe('Write request id : 1 does not contain Content-Type header or body.');
    expect((await g.post('/$batch', { nope: [] })).status).toBe(400);
    expect((await g.post('/$batch', { requests: [] })).status).toBe(400);
  });

  it('honours dependsOn order and fails dependants of a failed request with 424', async () => {
    const res = await g.post('/$batch', {
      requests: [
        { id: 'c', method: 'GET', url: `${path}/items?$filter=${encodeURIComponent("fields/Key eq 'dep-1'")}`, dependsOn: ['b'] },
        { id: 'b', method: 'POST', url: `${path}/items`, headers: JSON_HEADERS, body: { fields: { Title: 'dep', Key: 'dep-1' } }, dependsOn: ['a'] },
        { id: 'a', method: 'GET', url: '/sites/root' },
        { id: 'x', method: 'GET', url: `${path}/items/12345` },
        { id: 'y', method: 'GET', url: '/sites/root', dependsOn: ['x'] },
      ],
    });
    const byId = new Map<string, any>(res.body.responses.map((r: any) => [r.id, r]));
    expect(byId.get('b').status).toBe(201);
    expect(byId.get('c').body.value).toHaveLength(1);
    expect(byId.get('y').status).toBe(424);
    const unknown = await g.post('/$batch', { requests: [{ id: '1', method: 'GET', url: '/sites/root', dependsOn: ['zzz'] }] });
    expect(unknown.status).toBe(400);
  });

  it('applies faults to inner requests: an inner 429 with Retry-After inside an outer 200', async () => {
    g.server.setFaults({ retryAfterSeconds: 2, script: [{ mode: '429', method: 'POST', pathIncludes: '/items', times: 2 }] });
    try {
      const requests = Array.from({ length: 4 }, (_, i) => ({
        id: String(i + 1), method: 'POST', url: `${path}/items`, headers: JSON_HEADERS, body: { fields: { Title: `f${i}` } },
      }));
      const res = await g.post('/$batch', { requests });
      expect(res.status).toBe(200);
      const statuses = res.body.responses.map((r: any) => r.status);
      expect(statuses).toEqual([429, 429, 201, 201]);
      expect(res.body.responses[0].headers['Retry-After']).toBe('2');
      expectGraphError(res.body.responses[0].body);
    } finally {
      g.server.setFaults({});
    }
  });

  it('creates thousands of items through $batch quickly', async () => {
    const { path: big } = await g.createList('BatchSpeed', [{ name: 'Key', text: {}, indexed: true, enforceUniqueValues: true }]);
    const started = Date.now();
    await g.createItems(big, Array.from({ length: 2000 }, (_, i) => ({ Title: `t${i}`, Key: `k${i}` })));
    expect(Date.now() - started).toBeLessThan(10_000);
    const found = await g.get(`${big}/items?$filter=${encodeURIComponent("fields/Key eq 'k1999'")}`);
    expect(found.body.value.map((i: any) => i.id)).toEqual(['2000']);
  });
});
