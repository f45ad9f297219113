/**
 * Local mode stays local (issue 17, point 5) and honours LOCAL_GRAPH_THRESHOLD (issue 11): `npm start`
 * in-process with a low threshold; the app server and the local Graph server refuse requests not
 * addressed to a loopback name, and the inbox and the Graph server want the data folder's token.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, thresholdFromEnv, type LocalApp } from '../../../teams-app/local/launcher';
import { localHostGuard } from '../../../teams-app/local/local-connector';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-local-only-'));
let local: LocalApp;

beforeAll(async () => {
  local = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir, LOCAL_GRAPH_THRESHOLD: '25' }, quiet: true, background: false });
}, 120_000);
afterAll(async () => {
  await local?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function raw(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('LOCAL_GRAPH_THRESHOLD', () => {
  it('is what the local Graph server enforces: an indexed filter selecting more than 25 items is refused', async () => {
    expect(local.threshold).toBe(25);
    const auth = { Authorization: `Bearer ${local.graphToken}` };
    const stats = await fetch(`${local.graphUrl}/_local/stats`, { headers: auth });
    expect(await stats.json()).toMatchObject({ threshold: 25 });
    // The demo organisation has 65 active grants; an indexed condition selecting all of them fails.
    const all = `${local.graphUrl}/v1.0/sites/root/lists/AccessGrants/items?$top=5&$filter=${encodeURIComponent("fields/Status eq 'active'")}`;
    const refused = await fetch(all, { headers: auth });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeNull();
    // Jonas Lindqvist's 12 grants: a selective first condition, then the status.
    const narrow = `${local.graphUrl}/v1.0/sites/root/lists/AccessGrants/items?$filter=${encodeURIComponent("fields/SubjectId eq 'd0000000-0000-4000-8000-000000000032' and fields/Status eq 'active'")}`;
    expect((await fetch(narrow, { headers: auth })).status).toBe(200);
  });

  it('is read and checked from the environment (default 5 000)', () => {
    expect(thresholdFromEnv({})).toBe(5000);
    expect(thresholdFromEnv({ LOCAL_GRAPH_THRESHOLD: '300' })).toBe(300);
    for (const bad of ['0', '-5', 'many', '2.5']) expect(() => thresholdFromEnv({ LOCAL_GRAPH_THRESHOLD: bad })).toThrow(/LOCAL_GRAPH_THRESHOLD/);
  });
});

describe('local mode stays local', () => {
  it('the app uses the data folder token, and the local Graph server refuses the old fixed one', async () => {
    const res = await fetch(`${local.graphUrl}/v1.0/sites/root`, { headers: { Authorization: 'Bearer local-development-token' } });
    expect(res.status).toBe(401);
    expect((await fetch(`${local.appUrl}/healthz`)).status).toBe(200); // provisioning and seeding went through with the token
  });

  it('the app server answers only its loopback names (DNS rebinding gets 421)', async () => {
    const port = new URL(local.appUrl).port;
    for (const host of [`evil.example:${port}`, `127.0.0.1:1`, 'rebind.attacker.test']) {
      for (const p of ['/healthz', '/api/v1/people?q=a', '/api/v1/auth/demo', '/_local/inbox', '/']) {
        expect((await raw(`${local.appUrl}${p}`, { Host: host })).status, `${host} ${p}`).toBe(421);
      }
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await raw(`${local.appUrl}/healthz`, { Host: host })).status).toBe(200);
    }
  });

  it('also allows the configured PUBLIC_URL (a tunnel in front of local mode), and nothing else', () => {
    const guard = localHostGuard({ publicUrl: 'https://lis-dev.example.test' });
    const decide = (host: string) => {
      let passed = false;
      let status = 0;
      const res = { status: (s: number) => ((status = s), res), type: () => res, send: () => res };
      guard({ headers: { host }, socket: { localPort: 3978 } } as never, res as never, () => (passed = true));
      return passed ? 200 : status;
    };
    expect(decide('lis-dev.example.test')).toBe(200);
    expect(decide('127.0.0.1:3978')).toBe(200);
    expect(decide('lis-dev.example.test.evil.example')).toBe(421);
    expect(decide('evil.example')).toBe(421);
  });

  it('the local inbox wants the token', async () => {
    expect((await fetch(`${local.appUrl}/_local/inbox`)).status).toBe(401);
    expect((await fetch(`${local.appUrl}/_local/inbox`, { headers: { Authorization: 'Bearer local-development-token' } })).status).toBe(401);
    const ok = await fetch(`${local.appUrl}/_local/inbox`, { headers: { Authorization: `Bearer ${local.graphToken}` } });
    expect(ok.status).toBe(200);
    expect(Array.isArray(await ok.json())).toBe(true);
  });
});
