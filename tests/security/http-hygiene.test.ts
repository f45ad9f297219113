/**
 * Issue 17.6 — HTTP hygiene of the two doors, `/api/messages` and `/api/v1`, driven over HTTP against
 * the real local app: wrong content types and charsets are refused with 415, malformed bodies with
 * 400 — always JSON and never a stack trace or a file path (whatever NODE_ENV says: vitest runs with
 * NODE_ENV=test, where express's own error page prints both); the headers a scanner expects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TENANT_ID } from '../../bot/config';
import { PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness';

let h: BotHarness;
let token: string;

beforeAll(async () => {
  h = await startBotHarness();
  const res = await fetch(`${h.app.appUrl}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: PEOPLE.isam }) });
  token = ((await res.json()) as { token: string }).token;
});
afterAll(async () => h?.close());

const activity = {
  type: 'message',
  id: 'hygiene-1',
  text: 'meny',
  channelId: 'msteams',
  locale: 'sv-SE',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:x', aadObjectId: 'd0000000-0000-4000-8000-000000000033' },
  recipient: { id: '28:lis-local-bot' },
  conversation: { id: 'a:hygiene', conversationType: 'personal', tenantId: LOCAL_TENANT_ID },
  channelData: { tenant: { id: LOCAL_TENANT_ID } },
};

/** Sends raw bytes with the given headers; returns status, content type and the text of the answer. */
async function raw(path: string, body: string | undefined, headers: Record<string, string>, method = 'POST') {
  const res = await fetch(`${h.app.appUrl}${path}`, { method, headers, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), headers: res.headers };
}

/** No internals: no stack frames, no file paths, no module names, no HTML error page. */
function expectCleanJson(r: { type: string; text: string }) {
  expect(r.type).toMatch(/^application\/json/);
  const body = JSON.parse(r.text) as { error: string; message: string };
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  expect(r.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|\.js:\d+|<pre>|<!DOCTYPE/i);
  return body;
}

describe('/api/messages', () => {
  it('refuses a body that is not JSON with 415 in JSON', async () => {
    const r = await raw('/api/messages', 'type=message&text=hej', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expect(expectCleanJson(r).error).toBe('unsupported_media_type');
    const plain = await raw('/api/messages', JSON.stringify(activity), { 'Content-Type': 'text/plain' });
    expect(plain.status).toBe(415);
    expectCleanJson(plain);
  });

  it('refuses an unknown charset with 415, not an HTML page with a stack trace', async () => {
    const r = await raw('/api/messages', JSON.stringify(activity), { 'Content-Type': 'application/json; charset=klingon-8' });
    expect(r.status).toBe(415);
    expect(expectCleanJson(r).error).toBe('unsupported_charset');
  });

  it('answers a malformed body with 400 in JSON, with no stack trace or file paths', async () => {
    for (const body of ['{"type": "message",', '[1,2,3', '{"a":}', '\u0000\u0001']) {
      const r = await raw('/api/messages', body, { 'Content-Type': 'application/json' });
      expect(r.status, body).toBe(400);
      expectCleanJson(r);
    }
  });

  it('answers an oversized body with 413 in JSON', async () => {
    const r = await raw('/api/messages', JSON.stringify({ ...activity, text: 'x'.repeat(300_000) }), { 'Content-Type': 'application/json' });
    expect(r.status).toBe(413);
    expectCleanJson(r);
  });

  it('answers other methods with 405 and Allow: POST', async () => {
    const r = await raw('/api/messages', undefined, {}, 'GET');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
    expectCleanJson(r);
  });

  it('still takes a well-formed activity in UTF-8', async () => {
    const r = await raw('/api/messages', JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }), { 'Content-Type': 'application/json; charset=utf-8' });
    expect(r.status).toBe(200);
  });
});

describe('/api/v1', () => {
  const auth = () => ({ Authorization: `Bearer ${token}`, 'Idempotency-Key': `hygiene-${Math.random().toString(36).slice(2, 12)}` });

  it('answers an unknown charset with 415, not 500', async () => {
    const r = await raw('/api/v1/improvements', JSON.stringify({ title: 'x' }), { ...auth(), 'Content-Type': 'application/json; charset=klingon-8' });
    expect(r.status).toBe(415);
    expect(expectCleanJson(r).error).toBe('unsupported_charset');
  });

  it('answers a body that is not JSON with 415', async () => {
    const r = await raw('/api/v1/improvements', 'title=x', { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expectCleanJson(r);
    const xml = await raw('/api/v1/assets', '<asset/>', { ...auth(), 'Content-Type': 'application/xml' });
    expect(xml.status).toBe(415);
  });

  it('answers malformed JSON with 400 and an oversized body with 413, both JSON', async () => {
    const bad = await raw('/api/v1/improvements', '{"title":', { ...auth(), 'Content-Type': 'application/json' });
    expect(bad.status).toBe(400);
    expectCleanJson(bad);
    const big = await raw('/api/v1/improvements', JSON.stringify({ title: 'x'.repeat(100_000) }), { ...auth(), 'Content-Type': 'application/json' });
    expect(big.status).toBe(413);
    expectCleanJson(big);
  });

  it('answers a message in the caller’s language', async () => {
    const r = await raw('/api/v1/improvements', 'x', { ...auth(), 'Content-Type': 'text/html', 'Accept-Language': 'en-GB' });
    expect(JSON.parse(r.text).message).toMatch(/not supported/);
  });
});

describe('security headers', () => {
  it('sends HSTS, nosniff, a strict CSP and no X-Powered-By on API answers', async () => {
    for (const path of ['/healthz', '/api/v1/config']) {
      const res = await fetch(`${h.app.appUrl}${path}`);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000; includeSubDomains/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    const bot = await raw('/api/messages', 'x', { 'Content-Type': 'text/plain' });
    expect(bot.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('keeps the tab framable by Teams, Microsoft 365, Outlook and SharePoint (frame-ancestors, no X-Frame-Options)', async () => {
    const res = await fetch(`${h.app.appUrl}/`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain('frame-ancestors');
    for (const host of ['https://teams.microsoft.com', 'https://*.cloud.microsoft', 'https://*.office.com', 'https://outlook.office365.com', 'https://*.sharepoint.com']) expect(csp).toContain(host);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
  });
});
