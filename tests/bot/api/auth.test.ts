/**
 * Who is calling `/api/v1`: the validated token's `oid`, in the configured tenant — never a field of
 * the request. Local demo tokens (HS256, secret in the data folder) and, in Microsoft 365 mode,
 * Entra ID tokens checked against OpenID metadata and a JWKS served here on loopback with a
 * locally generated key.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticDirectory } from '../../../core/adapters/directory/static-directory';
import { systemClock } from '../../../core/ports/clock';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER } from '../../../bot/api/auth/local-tokens';
import { createTabApi } from '../../../bot/api/router';
import { TAB_DIST } from '../../../bot/api/static-tab';
import { composeDeps } from '../../../bot/compose';
import { LOCAL_TENANT_ID, loadConfig } from '../../../bot/config';
import { listen, type RunningServer } from '../../../bot/server';
import { loadPeople } from '../../../teams-app/local/seed-demo';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';

async function localToken(claims: Record<string, unknown>, options: { secret?: Uint8Array; exp?: number; alg?: string } = {}) {
  const secret = options.secret ?? Buffer.from(readFileSync(path.join(api.dataDir, 'tab-token-secret'), 'utf8').trim(), 'base64url');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: LOCAL_TENANT_ID, oid: PEOPLE.isam, name: 'x', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(LOCAL_TOKEN_ISSUER)
    .setAudience(LOCAL_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(secret);
}

describe('local mode sign-in', () => {
  it('tells the tab how to sign in, without a token', async () => {
    const res = await api.call('GET', '/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mode: 'local', tenantId: LOCAL_TENANT_ID, auth: { kind: 'local' } });
  });

  it('lists the demo people with unit and roles', async () => {
    const res = await api.call('GET', '/auth/demo-people');
    expect(res.status).toBe(200);
    expect(res.body.people).toHaveLength(41);
    expect(res.body.people).toEqual(
      expect.arrayContaining([
        { id: PEOPLE.isam, name: 'Henrik Sandberg', unit: 'LEDN', roles: ['isam'] },
        { id: PEOPLE.classificationLead, name: 'Maria Lundgren', unit: 'LEDN', roles: ['ambassador', 'classification_lead'] },
        { id: PEOPLE.staff, name: 'Johanna Berg', unit: 'EKB', roles: [] },
      ]),
    );
  });

  it('issues a short-lived token for a person of the directory, and the roles come from the Roles list', async () => {
    const res = await api.call('POST', '/auth/demo', { body: { personId: PEOPLE.classificationLead } });
    expect(res.status).toBe(200);
    const [, payload] = res.body.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ oid: PEOPLE.classificationLead, tid: LOCAL_TENANT_ID, name: 'Maria Lundgren', iss: LOCAL_TOKEN_ISSUER, aud: LOCAL_TOKEN_AUDIENCE });
    expect(claims.exp - claims.iat).toBe(3600);
    const me = await api.call('GET', '/me', { token: res.body.token });
    expect(me.body).toMatchObject({ id: PEOPLE.classificationLead, name: 'Maria Lundgren', unit: 'LEDN', roles: ['ambassador', 'classification_lead'], permissions: { createAsset: true } });
  });

  it('refuses a person the directory does not know, and a malformed request', async () => {
    expect((await api.call('POST', '/auth/demo', { body: { personId: '11111111-2222-4333-8444-555555555555' } })).status).toBe(401);
    expect((await api.call('POST', '/auth/demo', { body: { personId: 'henrik' } })).status).toBe(400);
    expect((await api.call('POST', '/auth/demo', { body: 'not json', headers: { 'Content-Type': 'application/json' } })).status).toBe(400);
  });
});

describe('every other route needs a valid token', () => {
  it('answers 401 without a token, in Swedish, with WWW-Authenticate', async () => {
    for (const route of ['/me', '/assets', '/dashboard', '/people?query=an', '/units', '/assets/1']) {
      const res = await api.call('GET', route);
      expect(res.status, route).toBe(401);
      expect(res.body.message).toBe('Du behöver logga in.');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await api.call('POST', '/assets', { body: {}, headers: { 'Idempotency-Key': 'abcdefgh12' } })).status).toBe(401);
    expect((await api.call('GET', '/me', { headers: { Authorization: 'Basic aGVucmlrOg==' } })).status).toBe(401);
  });

  it('refuses a token of another tenant even when it is correctly signed', async () => {
    const good = await localToken({});
    expect((await api.call('GET', '/me', { token: good })).status).toBe(200);
    const other = await localToken({ tid: OTHER_TENANT });
    const res = await api.call('GET', '/me', { token: other });
    expect(res.status).toBe(401);
  });

  it('refuses expired, foreign-signed, unsigned and oid-less tokens', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    expect((await api.call('GET', '/me', { token: await localToken({}, { exp: past }) })).status).toBe(401);
    expect((await api.call('GET', '/me', { token: await localToken({}, { secret: new Uint8Array(32).fill(7) }) })).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ oid: PEOPLE.isam, tid: LOCAL_TENANT_ID, iss: LOCAL_TOKEN_ISSUER, aud: LOCAL_TOKEN_AUDIENCE, exp: 9999999999 })).toString('base64url')}.`;
    expect((await api.call('GET', '/me', { token: unsigned })).status).toBe(401);
    expect((await api.call('GET', '/me', { token: await localToken({ oid: 'not-a-guid' }) })).status).toBe(401);
  });

  it('takes the actor from the token only: a body or query naming someone else changes nothing', async () => {
    const token = await api.token(PEOPLE.staff);
    const res = await api.call('POST', '/assets?oid=' + PEOPLE.isam, { token, body: { actorId: PEOPLE.isam }, headers: { 'Idempotency-Key': 'spoof-attempt-1' } });
    expect(res.status).toBe(403);
    expect((await api.call('GET', `/me?oid=${PEOPLE.isam}`, { token })).body.id).toBe(PEOPLE.staff);
  });
});

describe('the tab’s files', () => {
  it('are served at / with a CSP that lets only Teams and Microsoft 365 frame them', async () => {
    const res = await fetch(`${api.app.appUrl}/`);
    expect([200, 503]).toContain(res.status);
    if (existsSync(path.join(TAB_DIST, 'index.html'))) expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeNull();
    // Other answers get the strict policy of bot/api/security-headers.ts, not the tab's.
    expect((await fetch(`${api.app.appUrl}/healthz`)).headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it('answer API routes that do not exist with JSON 404, not the tab', async () => {
    const res = await api.call('GET', '/nope', { as: PEOPLE.isam });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });
});

describe('Microsoft 365 mode: Entra ID access tokens', () => {
  const TENANT = LOCAL_TENANT_ID;
  const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
  const APP_ID_URI = `api://lis.example.org/${CLIENT_ID}`;
  let idp: http.Server;
  let authority: string;
  let m365: RunningServer;
  let privateKey: CryptoKey;
  let jwk: JWK;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    idp = http.createServer((req, res) => {
      if (req.url === `/${TENANT}/v2.0/.well-known/openid-configuration`) {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ issuer: `${authority}/${TENANT}/v2.0`, jwks_uri: `${authority}/${TENANT}/discovery/v2.0/keys` }));
      } else if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    authority = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;

    const config = loadConfig({
      LIS_MODE: 'm365',
      MicrosoftAppId: CLIENT_ID,
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppManagedIdentityClientId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      TAB_CLIENT_ID: CLIENT_ID,
      SHAREPOINT_SITE_ID: 'contoso.sharepoint.com,1,2',
      PUBLIC_URL: 'https://lis.example.org',
      ENTRA_AUTHORITY_HOST: authority,
    });
    expect(config.m365!.tab).toEqual({ clientId: CLIENT_ID, appIdUri: APP_ID_URI, scope: 'access_as_user', authorityHost: authority, appRole: 'LIS.User' });
    const deps = composeDeps(config, api.app.sharepoint.store, new StaticDirectory(loadPeople()), systemClock);
    const app = express();
    app.use('/api/v1', createTabApi({ config, deps }));
    m365 = await listen(app, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await m365?.close();
    await new Promise((resolve) => idp?.close(resolve));
  });

  const entraToken = (claims: Record<string, unknown> = {}, options: { issuer?: string; audience?: string; key?: CryptoKey; kid?: string } = {}) =>
    new SignJWT({ oid: PEOPLE.isam, tid: TENANT, name: 'Henrik Sandberg', scp: 'access_as_user', ver: '2.0', roles: ['LIS.User'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key' })
      .setIssuer(options.issuer ?? `${authority}/${TENANT}/v2.0`)
      .setAudience(options.audience ?? CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(options.key ?? privateKey);

  const me = async (token: string) => {
    const res = await fetch(`${m365.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as { id?: string; roles?: string[] } };
  };

  it('accepts a v2 token for the tab (audience: client id or app id URI) and acts as its oid', async () => {
    expect(await me(await entraToken())).toEqual({ status: 200, body: expect.objectContaining({ id: PEOPLE.isam, roles: ['isam'] }) });
    expect((await me(await entraToken({}, { audience: APP_ID_URI }))).status).toBe(200);
  });

  it('refuses another tenant, audience, issuer, key, or a token without the API scope', async () => {
    expect((await me(await entraToken({ tid: OTHER_TENANT }))).status).toBe(401);
    expect((await me(await entraToken({}, { audience: 'api://someone-else' }))).status).toBe(401);
    expect((await me(await entraToken({}, { issuer: `https://sts.windows.net/${TENANT}/` }))).status).toBe(401);
    expect((await me(await entraToken({ scp: 'User.Read' }))).status).toBe(401);
    const stranger = await generateKeyPair('RS256');
    expect((await me(await entraToken({}, { key: stranger.privateKey }))).status).toBe(401);
  });

  it('lets in only people assigned to the enterprise app (the LIS.User app role), with a message in their language', async () => {
    for (const claims of [{ roles: [] }, { roles: ['Something.Else'] }, { roles: undefined }]) {
      const res = await fetch(`${m365.url}/api/v1/me`, { headers: { Authorization: `Bearer ${await entraToken(claims)}`, 'Accept-Language': 'sv-SE' } });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'not_admitted', message: expect.stringContaining('inte tilldelad appen LIS') });
    }
    // The people directory is not read for them either.
    const people = await fetch(`${m365.url}/api/v1/people?query=an`, { headers: { Authorization: `Bearer ${await entraToken({ roles: [] })}` } });
    expect(people.status).toBe(403);
  });

  it('refuses a guest, a disabled and an unknown account even with the app role', async () => {
    for (const [oid, text] of [
      ['d0000000-0000-4000-8000-000000000042', 'gästkonton'],
      ['d0000000-0000-4000-8000-000000000043', 'inaktiverat'],
      ['0badc0de-0000-4000-8000-000000000099', 'finns inte i förvaltningens katalog'],
    ] as const) {
      const res = await fetch(`${m365.url}/api/v1/people?query=an`, { headers: { Authorization: `Bearer ${await entraToken({ oid })}`, 'Accept-Language': 'sv-SE' } });
      expect(res.status, oid).toBe(403);
      expect(await res.json()).toEqual({ error: 'not_admitted', message: expect.stringContaining(text) });
    }
  });

  it('has no demo sign-in, and tells the tab its Entra app', async () => {
    expect((await fetch(`${m365.url}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: PEOPLE.isam }) })).status).toBe(401);
    expect((await fetch(`${m365.url}/api/v1/auth/demo-people`)).status).toBe(401);
    const withToken = await fetch(`${m365.url}/api/v1/auth/demo-people`, { headers: { Authorization: `Bearer ${await entraToken()}` } });
    expect(withToken.status).toBe(404);
    const config = await (await fetch(`${m365.url}/api/v1/config`)).json();
    expect(config).toEqual({ mode: 'm365', tenantId: TENANT, auth: { kind: 'entra', clientId: CLIENT_ID, authority: `${authority}/${TENANT}`, scopes: [`${APP_ID_URI}/access_as_user`] } });
  });
});
