/**
 * `/api/messages` in Microsoft 365 mode: every activity carries a Bot Framework JWT, validated by
 * botbuilder against the channel's OpenID metadata — here served on 127.0.0.1 with a signing key
 * generated for this test run — and the activity's tenant must be ours. Refused requests get 401
 * and write nothing; a valid one is answered.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StaticDirectory } from '../../core/adapters/directory/static-directory';
import { connectSharePoint, type SharePointConnection } from '../../core/adapters/sharepoint';
import type { ListName } from '../../core/domain/records';
import { ConfigError, loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { createRuntime, type Runtime } from '../../bot/runtime';
import { createApp, listen, type RunningServer } from '../../bot/server';
import { startLocalGraphServer, type LocalGraphServer } from '../../teams-app/local/graph-server';
import { loadPeople } from '../../teams-app/local/seed-demo';
import { TestClock } from '../support/bot-harness';

const BOT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const TENANT = '66666666-7777-4888-9999-000000000000';
const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const USER = 'd0000000-0000-4000-8000-000000000002';
const KID = 'lis-test-signing-key';

let idp: { url: string; metadataRequests: number; close(): Promise<void> };
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
let graph: LocalGraphServer;
let sharepoint: SharePointConnection;
let runtime: Runtime;
let server: RunningServer;

/** The Bot Framework's OpenID metadata and JWKS, on loopback, with our public key endorsed for msteams. */
async function startIdentityProvider(jwk: JWK) {
  let metadataRequests = 0;
  const srv = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      metadataRequests++;
      res.end(JSON.stringify({ issuer: ISSUER, authorization_endpoint: `${base}/authorize`, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] }));
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: KID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    get metadataRequests() {
      return metadataRequests;
    },
    close: () => new Promise<void>((resolve) => srv.close(() => resolve())),
  };
}

interface TokenOptions {
  audience?: string;
  issuer?: string;
  serviceUrl?: string | null;
  expiresIn?: number;
  key?: CryptoKey;
}

async function channelToken(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {};
  if (options.serviceUrl !== null) claims.serviceurl = options.serviceUrl ?? SERVICE_URL;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? BOT_ID)
    .setNotBefore(now - 60)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (options.expiresIn ?? 3600))
    .sign(options.key ?? signingKey);
}

let counter = 0;
function activity(extra: { tenant?: string; serviceUrl?: string; type?: string; text?: string } = {}) {
  const tenant = extra.tenant ?? TENANT;
  return {
    type: extra.type ?? 'message',
    id: `jwt-${++counter}`,
    text: extra.text ?? 'meny',
    channelId: 'msteams',
    locale: 'sv-SE',
    serviceUrl: extra.serviceUrl ?? SERVICE_URL,
    ...(extra.type === 'invoke' ? {} : { deliveryMode: 'expectReplies' }),
    timestamp: new Date().toISOString(),
    from: { id: `29:${USER}`, aadObjectId: USER, name: '' },
    recipient: { id: `28:${BOT_ID}`, name: 'LIS' },
    conversation: { id: `a:jwt-${USER}`, conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
    ...(extra.type === 'invoke' ? { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'incident.report.start', data: {} }, trigger: 'manual' } } : {}),
  };
}

async function post(body: unknown, token?: string | null, scheme = 'Bearer') {
  const res = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `${scheme} ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text };
}

/** Items in the lists a turn writes to: conversation references, audit, incidents, outbox. */
async function written(): Promise<number> {
  let n = 0;
  for (const list of ['Conversations', 'AuditLog', 'Incidents', 'Outbox'] as ListName[]) {
    for await (const _ of sharepoint.store.queryAll(list)) n++;
  }
  return n;
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  idp = await startIdentityProvider(await exportJWK(pair.publicKey));

  graph = await startLocalGraphServer({ port: 0, dbPath: ':memory:' });
  sharepoint = await connectSharePoint({ baseUrl: graph.url, getToken: async () => graph.token, userAgent: 'NONISV|Test|LIS/0', provision: true });
  const config = loadConfig({
    LIS_MODE: 'm365',
    PORT: '0',
    MicrosoftAppId: BOT_ID,
    MicrosoftAppTenantId: TENANT,
    MicrosoftAppManagedIdentityClientId: BOT_ID,
    TAB_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
    SHAREPOINT_SITE_ID: sharepoint.siteId,
    PUBLIC_URL: 'https://lis.example.org',
    BOT_OPENID_METADATA_URL: `${idp.url}/v1/.well-known/openidconfiguration`,
  });
  runtime = createRuntime({ config, store: sharepoint.store, directory: new StaticDirectory(loadPeople()), clock: new TestClock(Date.now()), log: createLogger({ silent: true }) });
  server = await listen(createApp({ runtime }), '127.0.0.1', 0);
  // botbuilder prints every refused request with console.error; keep the test output readable.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await runtime?.stop();
  await server?.close();
  await graph?.close();
  await idp?.close();
});

describe('/api/messages in Microsoft 365 mode', () => {
  it('answers an activity with a valid channel token from our tenant', async () => {
    const before = await written();
    const res = await post(activity(), await channelToken());
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { activities: { attachments?: unknown[] }[] };
    expect(body.activities.length).toBeGreaterThan(0);
    // The conversation reference was stored: the turn ran.
    expect(await written()).toBe(before + 1);
    expect(idp.metadataRequests).toBeGreaterThanOrEqual(1);
  });

  const refused: [string, () => Promise<{ status: number; text: string }>][] = [
    ['no token at all', async () => post(activity(), null)],
    ['a token that is not a bearer token', async () => post(activity(), await channelToken(), 'Basic')],
    ['a token for another bot (wrong audience)', async () => post(activity(), await channelToken({ audience: '12345678-1234-4234-8234-123456789012' }))],
    ['an expired token', async () => post(activity(), await channelToken({ expiresIn: -3600 }))],
    ['a token signed with a key the channel does not publish', async () => post(activity(), await channelToken({ key: strangerKey }))],
    ['a token from another issuer', async () => post(activity(), await channelToken({ issuer: 'https://evil.example' }))],
    ['an activity whose serviceUrl is not the one in the token', async () => post(activity({ serviceUrl: 'https://evil.example/teams/' }), await channelToken())],
    ['a token without a serviceUrl claim', async () => post(activity(), await channelToken({ serviceUrl: null }))],
    ['a valid token carrying another tenant\'s activity', async () => post(activity({ tenant: OTHER_TENANT }), await channelToken())],
    ['a valid token carrying another tenant\'s invoke', async () => post(activity({ tenant: OTHER_TENANT, type: 'invoke' }), await channelToken())],
    ['an activity naming no tenant', async () => post({ ...activity(), channelData: {}, conversation: { id: 'a:x', conversationType: 'personal' } }, await channelToken())],
  ];

  for (const [what, send] of refused) {
    it(`refuses ${what} with 401 and writes nothing`, async () => {
      const before = await written();
      const res = await send();
      expect(res.status).toBe(401);
      expect(res.text).not.toMatch(/"activities"/);
      expect(await written()).toBe(before);
    });
  }

  it('answers a card action from our tenant with a valid token', async () => {
    const res = await post(activity({ type: 'invoke' }), await channelToken());
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  });
});

describe('the channel metadata setting', () => {
  const base = {
    LIS_MODE: 'm365',
    MicrosoftAppId: BOT_ID,
    MicrosoftAppTenantId: TENANT,
    MicrosoftAppManagedIdentityClientId: BOT_ID,
    TAB_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
    SHAREPOINT_SITE_ID: 'contoso.sharepoint.com,1,2',
    PUBLIC_URL: 'https://lis.example.org',
  };

  it('defaults to Microsoft\'s public cloud', () => {
    expect(loadConfig(base).m365?.botOpenIdMetadataUrl).toBeNull();
  });

  it('takes https anywhere, plain http only on loopback', () => {
    expect(loadConfig({ ...base, BOT_OPENID_METADATA_URL: 'https://login.botframework.com/v1/.well-known/openidconfiguration' }).m365?.botOpenIdMetadataUrl).toMatch(/^https:/);
    expect(() => loadConfig({ ...base, BOT_OPENID_METADATA_URL: 'http://metadata.example/openid' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, BOT_OPENID_METADATA_URL: 'not a url' })).toThrow(/must be a URL/);
  });
});
