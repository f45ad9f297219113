/**
 * A unique-value violation comes back in more than one form: Graph answers 409 nameAlreadyExists,
 * SharePoint REST 500 and Power Automate's connector 400, all with SharePoint's text "duplicate values
 * were found". Whatever the status, the adapter reads the item back by its key instead of failing or
 * retrying the create. The transport is faked at the edge (a tiny HTTP server); the adapter is real.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient, SharePointRecordStore } from '../../../../core/adapters/sharepoint';
import { isListViewThresholdRefusal, graphErrorInfo, isUniqueViolation } from '../../../../core/adapters/sharepoint/graph-errors';
import { StoreRequestError } from '../../../../core/ports/errors';
import { incident } from '../../domain/fixtures';

const DUPLICATE = 'The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [IdempotencyKey].';
const ANSWERS: Record<string, { status: number; body: unknown }> = {
  graph409: { status: 409, body: { error: { code: 'nameAlreadyExists', message: DUPLICATE } } },
  rest500: { status: 500, body: { error: { code: '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException', message: DUPLICATE } } },
  flow400: { status: 400, body: { error: { code: 'invalidRequest', message: DUPLICATE } } },
};

let server: http.Server;
let base = '';
let mode = 'graph409';
const seen: string[] = [];
const existing = {
  id: '7',
  eTag: '"e,1"',
  fields: { id: '7', '@odata.etag': '"e,1"', IdempotencyKey: 'dup-key', Title: 'first', Created: '2026-03-10T10:00:00Z', Modified: '2026-03-10T10:00:00Z', Status: 'reported' },
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${decodeURIComponent(req.url ?? '')}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.endsWith('/items')) return send(ANSWERS[mode]!.status, ANSWERS[mode]!.body);
      if (req.method === 'GET' && req.url?.includes('/items?')) return send(200, { value: [existing] });
      send(404, { error: { code: 'itemNotFound', message: 'nope' } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const store = () =>
  new SharePointRecordStore({
    client: createGraphClient({ baseUrl: base, getToken: async () => 't', userAgent: 'test', retry: { maxRetries: 2, baseDelayMs: 5 } }),
    siteId: 'site',
    listIds: new Map([['Incidents', 'list-1']]),
  });

describe('a unique-value violation on create', () => {
  it.each(Object.keys(ANSWERS))('answered as %s: the item is read back by key, one POST, no error', async (answer) => {
    mode = answer;
    seen.length = 0;
    const result = await store().createOrGet('Incidents', 'dup-key', incident());
    expect(result.created).toBe(false);
    expect(result.record.id).toBe('7');
    expect(seen.filter((s) => s.startsWith('POST'))).toHaveLength(1);
    expect(seen.some((s) => s.startsWith('GET') && s.includes("IdempotencyKey eq 'dup-key'"))).toBe(true);
  });

  it('classifies the forms of both failures', () => {
    for (const a of Object.values(ANSWERS)) expect(isUniqueViolation(graphErrorInfo({ status: a.status, body: a.body }))).toBe(true);
    expect(isUniqueViolation(graphErrorInfo({ status: 409, body: { error: { code: 'resourceModified', message: 'x' } } }))).toBe(false);
    const items = '/sites/s/lists/l/items?$filter=x';
    expect(isListViewThresholdRefusal(graphErrorInfo({ status: 429, headers: {}, body: { error: { code: 'activityLimitReached', message: 'The request has been throttled' } } }), items)).toBe(true);
    expect(isListViewThresholdRefusal(graphErrorInfo({ status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 'activityLimitReached', message: 'The request has been throttled' } } }), items)).toBe(false);
    expect(isListViewThresholdRefusal(graphErrorInfo({ status: 429, headers: {}, body: {} }), '/sites/s/lists/l/items/5')).toBe(false);
    expect(isListViewThresholdRefusal(graphErrorInfo({ status: 422, body: { error: { code: 'notSupported', message: 'The request is unprocessable because it uses too many resources', innerError: { code: 'tooManyResources' } } } }))).toBe(true);
    expect(isListViewThresholdRefusal(graphErrorInfo({ status: 500, body: { error: { code: '-2147024860, Microsoft.SharePoint.SPQueryThrottledException', message: 'The attempted operation is prohibited because it exceeds the list view threshold.' } } }))).toBe(true);
  });

  it('a query refused with `tooManyResources` fails fast with the same StoreRequestError', async () => {
    const s2 = http.createServer((req, res) => {
      req.resume();
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'notSupported', message: 'The request is unprocessable because it uses too many resources', innerError: { code: 'tooManyResources' } } }));
    });
    await new Promise<void>((r) => s2.listen(0, '127.0.0.1', r));
    try {
      const st = new SharePointRecordStore({
        client: createGraphClient({ baseUrl: `http://127.0.0.1:${(s2.address() as AddressInfo).port}`, getToken: async () => 't', userAgent: 'test' }),
        siteId: 'site',
        listIds: new Map([['Incidents', 'list-1']]),
      });
      const error = await st.query('Incidents', { where: [{ field: 'status', op: 'eq', value: 'reported' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreRequestError);
      expect(error).toMatchObject({ code: 'listViewThreshold' });
    } finally {
      await new Promise<void>((r) => s2.close(() => r()));
    }
  });
});
