import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestGraph, expectGraphError, startTestGraph } from './helpers';

let g: TestGraph;
beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g.server.close();
});

describe('authentication and envelope', () => {
  it('refuses requests without a bearer token with 401 InvalidAuthenticationToken', async () => {
    const none = await g.req('GET', '/sites/root', { auth: false });
    expect(none.status).toBe(401);
    expectGraphError(none.body, 'InvalidAuthenticationToken');
    const empty = await g.req('GET', '/sites/root', { headers: { Authorization: 'Bearer ' } });
    expect(empty.status).toBe(401);
    const basic = await g.req('GET', '/sites/root', { headers: { Authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);
  });

  it('sends request-id and echoes client-request-id on every response', async () => {
    const res = await g.get('/sites/root', { 'client-request-id': 'abc-123' });
    expect(res.status).toBe(200);
    expect(res.headers.get('client-request-id')).toBe('abc-123');
    expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('content-type')).toContain('application/json');
    const err = await g.get('/nothing-here', { 'client-request-id': 'err-1' });
    expect(err.headers.get('client-request-id')).toBe('err-1');
    expect(err.body.error.innerError['client-request-id']).toBe('err-1');
    expect(err.body.error.innerError['request-id']).toBe(err.headers.get('request-id'));
  });

  it('answers unknown segments like Graph (400 BadRequest, Resource not found for the segment)', async () => {
    const res = await g.get('/nothing-here');
    expect(res.status).toBe(400);
    expectGraphError(res.body, 'BadRequest');
    expect(res.body.error.message).toBe("Resource not found for the segment 'nothing-here'.");
    const sub = await g.get(`/sites/${g.siteId}/drives`);
    expect(sub.status).toBe(400);
  });

  it('refuses other API versions and unknown sites', async () => {
    expect((await g.req('GET', `${g.server.url}/beta/sites/root`)).status).toBe(400);
    const site = await g.get('/sites/127.0.0.1,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000');
    expect(site.status).toBe(404);
    expectGraphError(site.body, 'itemNotFound');
  });
});

describe('site', () => {
  it('GET /sites/root returns the site resource with a composite id', async () => {
    const res = await g.get('/sites/root');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: g.siteId,
      name: 'LIS',
      displayName: 'LIS',
      siteCollection: { hostname: '127.0.0.1' },
    });
    expect(res.body.id).toMatch(/^127\.0\.0\.1,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    expect(res.body.webUrl).toBe(`${g.server.url}/sites/LIS`);
    expect(res.body.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(res.body.lastModifiedDateTime).toMatch(/Z$/);
  });

  it('GET /sites/{site-id} and /sites/{host}:/sites/{name} return the same site', async () => {
    const byId = await g.get(`/sites/${g.siteId}`);
    expect(byId.status).toBe(200);
    expect(byId.body.id).toBe(g.siteId);
    const byPath = await g.get('/sites/127.0.0.1:/sites/LIS');
    expect(byPath.status).toBe(200);
    expect(byPath.body.id).toBe(g.siteId);
    const lists = await g.get('/sites/127.0.0.1:/sites/LIS:/lists');
    expect(lists.status).toBe(200);
    expect(Array.isArray(lists.body.value)).toBe(true);
  });
});

describe('lists', () => {
  it('creates a generic list (201) with Graph list shape', async () => {
    const res = await g.post(g.lists, {
      displayName: 'Incidents',
      description: 'Reported incidents',
      columns: [{ name: 'Severity', choice: { choices: ['Low', 'High'] } }],
      list: { template: 'genericList' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      displayName: 'Incidents',
      name: 'Incidents',
      description: 'Reported incidents',
      list: { template: 'genericList', hidden: false, contentTypesEnabled: false },
      parentReference: { siteId: g.siteId },
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.eTag).toBe(res.body['@odata.etag']);
    expect(res.body.webUrl).toBe(`${g.server.url}/sites/LIS/Lists/Incidents`);
    expect(res.body.createdBy.application.displayName).toBeTruthy();
  });

  it('refuses a second list with the same display name (409 nameAlreadyExists)', async () => {
    await g.createList('Suppliers');
    const res = await g.post(g.lists, { displayName: 'suppliers', list: { template: 'genericList' } });
    expect(res.status).toBe(409);
    expectGraphError(res.body, 'nameAlreadyExists');
  });

  it('gets a list by id and by display name, and finds it with $filter=displayName eq', async () => {
    const { id } = await g.createList("Owner's Assets");
    const byId = await g.get(`${g.lists}/${id}`);
    expect(byId.status).toBe(200);
    expect(byId.body.displayName).toBe("Owner's Assets");
    const byName = await g.get(`${g.lists}/${encodeURIComponent("Owner's Assets")}`);
    expect(byName.body.id).toBe(id);
    const filtered = await g.get(`${g.lists}?$filter=${encodeURIComponent("displayName eq 'Owner''s Assets'")}&$select=id,displayName`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.value).toHaveLength(1);
    expect(filtered.body.value[0]).toMatchObject({ id, displayName: "Owner's Assets" });
    expect(filtered.body.value[0].webUrl).toBeUndefined();
    const none = await g.get(`${g.lists}?$filter=${encodeURIComponent("displayName eq 'Nope'")}`);
    expect(none.body.value).toEqual([]);
    const missing = await g.get(`${g.lists}/Nope`);
    expect(missing.status).toBe(404);
    expectGraphError(missing.body, 'itemNotFound');
  });

  it('a new list has the built-in columns with readOnly where SharePoint has it', async () => {
    const { path } = await g.createList('Builtins');
    const res = await g.get(`${path}/columns`);
    expect(res.status).toBe(200);
    const byName = new Map<string, any>(res.body.value.map((c: any) => [c.name, c]));
    expect(byName.get('Title')).toMatchObject({ required: true, readOnly: false, text: { maxLength: 255, allowMultipleLines: false } });
    expect(byName.get('ID')).toMatchObject({ readOnly: true, indexed: true });
    expect(byName.get('Created')).toMatchObject({ readOnly: true, dateTime: { format: 'dateTime' } });
    expect(byName.get('Modified')).toMatchObject({ readOnly: true });
    expect(byName.get('Author')).toMatchObject({ readOnly: true, displayName: 'Created By' });
    for (const c of res.body.value) {
      expect(c).toHaveProperty('id');
      expect(c).toHaveProperty('displayName');
      expect(typeof c.indexed).toBe('boolean');
    }
    const list = await g.get(`${path}?$expand=columns`);
    expect(list.body.columns.map((c: any) => c.name)).toContain('Title');
  });

  it('rejects list templates other than genericList and malformed bodies', async () => {
    const lib = await g.post(g.lists, { displayName: 'Docs', list: { template: 'documentLibrary' } });
    expect(lib.status).toBe(400);
    expectGraphError(lib.body);
    const noName = await g.post(g.lists, { list: { template: 'genericList' } });
    expect(noName.status).toBe(400);
    const badJson = await g.req('POST', g.lists, { body: '{not json' });
    expect(badJson.status).toBe(400);
    expectGraphError(badJson.body, 'BadRequest');
  });
});
