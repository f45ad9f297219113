/**
 * Local mode stays local (issue 17, point 5): the local Graph server accepts only its own random
 * token, answers only requests addressed to it by a loopback name (DNS rebinding), and its control
 * endpoints need the token too.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerMatches, isAllowedHost, isLoopbackAddress } from '../../../../teams-app/local/graph-server/local-guard';
import { type TestGraph, expectGraphError, startTestGraph } from './helpers';

let g: TestGraph;
let port: number;
beforeAll(async () => {
  g = await startTestGraph();
  port = Number(new URL(g.server.url).port);
});
afterAll(async () => {
  await g.server.close();
});

/** A raw request with a chosen Host header (fetch does not let a caller set it). */
function raw(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the local Graph token', () => {
  it('is random per server and long', () => {
    expect(g.server.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('refuses any other bearer token with 401 InvalidAuthenticationToken, as Graph does', async () => {
    for (const token of ['local-development-token', 'x', `${g.server.token}x`, g.server.token.slice(1)]) {
      const res = await g.req('GET', '/sites/root', { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expectGraphError(res.body, 'InvalidAuthenticationToken');
      expect(res.body.error.message).toMatch(/Access token validation failure/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await g.get('/sites/root')).status).toBe(200);
  });

  it('takes a token given by the caller (npm start keeps one per data folder)', async () => {
    const given = `folder-${randomUUID()}`;
    const other = await startTestGraph({ token: given });
    try {
      expect(other.server.token).toBe(given);
      expect((await other.get('/sites/root')).status).toBe(200);
      expect((await other.req('GET', '/sites/root', { headers: { Authorization: `Bearer ${g.server.token}` } })).status).toBe(401);
    } finally {
      await other.server.close();
    }
    await expect(startTestGraph({ token: 'short' })).rejects.toThrow(/at least 16/);
  });
});

describe('the Host allow-list (DNS rebinding)', () => {
  const auth = () => ({ Authorization: `Bearer ${g.server.token}` });

  it('answers 127.0.0.1, localhost and [::1] on its own port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await raw('/v1.0/sites/root', { Host: host, ...auth() })).status).toBe(200);
    }
  });

  it('refuses any other name, or another port, with 421 before looking at the token', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `127.0.0.1:${port + 1}`, 'localhost', `attacker.localhost:${port}`]) {
      const res = await raw('/v1.0/sites/root', { Host: host, ...auth() });
      expect(res.status, host).toBe(421);
      expect(JSON.parse(res.body).error.code).toBe('misdirectedRequest');
    }
    expect((await raw(`/_local/stats`, { Host: `evil.example:${port}`, ...auth() })).status).toBe(421);
  });

  it('isAllowedHost and isLoopbackAddress decide as documented', () => {
    expect(isAllowedHost('127.0.0.1:4010', 4010)).toBe(true);
    expect(isAllowedHost('localhost.:4010', 4010)).toBe(true);
    expect(isAllowedHost(undefined, 4010)).toBe(false);
    expect(isAllowedHost('127.0.0.1:4010@evil', 4010)).toBe(false);
    expect(isAllowedHost('localhost', 80)).toBe(true);
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('10.0.0.5')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
    expect(bearerMatches('Bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('Bearer abcd', 'abc')).toBe(false);
    expect(bearerMatches('Basic abc', 'abc')).toBe(false);
  });
});

describe('/_local control endpoints', () => {
  it('need the token: without it, or with another, 401 and nothing changes', async () => {
    for (const headers of [{}, { Authorization: 'Bearer local-development-token' }] as Record<string, string>[]) {
      const stats = await fetch(`${g.server.url}/_local/stats`, { headers });
      expect(stats.status).toBe(401);
      const put = await fetch(`${g.server.url}/_local/faults`, { method: 'PUT', headers, body: JSON.stringify({ rate503: 1 }) });
      expect(put.status).toBe(401);
    }
    expect((await g.get('/sites/root')).status).toBe(200); // the fault was not installed
    const ok = await fetch(`${g.server.url}/_local/stats`, { headers: { Authorization: `Bearer ${g.server.token}` } });
    expect(ok.status).toBe(200);
  });
});
