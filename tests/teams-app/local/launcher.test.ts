/**
 * `npm start` in-process: the local Graph server, provisioning, the demo seed and the app server, on
 * ephemeral loopback ports with a temporary data folder.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocal } from '../../../teams-app/local/launcher';
import { loadSeed } from '../../../teams-app/local/seed-demo';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-launcher-'));
const env = { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let token = '';
async function graphGet(graphUrl: string, p: string) {
  const res = await fetch(`${graphUrl}/v1.0${p}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status, p).toBe(200);
  return (await res.json()) as { value: { fields?: Record<string, unknown>; displayName?: string }[]; '@odata.nextLink'?: string };
}

async function countItems(graphUrl: string, list: string): Promise<number> {
  let n = 0;
  let next: string | undefined = `/sites/root/lists/${list}/items?$top=999`;
  while (next) {
    const page = await graphGet(graphUrl, next);
    n += page.value.length;
    next = page['@odata.nextLink']?.replace(/^.*\/v1\.0/, '');
  }
  return n;
}

describe('local mode launcher', () => {
  it('starts, provisions, seeds once, and keeps data across a restart', async () => {
    const seed = loadSeed();
    const first = await startLocal({ env, quiet: true, background: false });
    token = first.graphToken;
    try {
      expect(first.seed.seeded).toBe(true);
      // A random token, created in the data folder on first start, readable by its owner only.
      expect(first.graphToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(readFileSync(first.graphTokenFile, 'utf8').trim()).toBe(first.graphToken);
      expect(statSync(first.graphTokenFile).mode & 0o077).toBe(0);
      expect(first.threshold).toBe(5000);
      const health = await fetch(`${first.appUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', mode: 'local' });

      const lists = await graphGet(first.graphUrl, '/sites/root/lists?$select=displayName');
      expect(lists.value.map((l) => l.displayName)).toEqual(expect.arrayContaining(['Incidents', 'AccessRequests', 'AccessGrants', 'InformationAssets', 'Suppliers', 'AuditLog', 'Outbox', 'Channels', 'Roles']));
      // assets.json, and the one registers.json archived years ago (issue 14's retention).
      expect(await countItems(first.graphUrl, 'InformationAssets')).toBe(seed.assets.length + 1);
      expect(await countItems(first.graphUrl, 'Incidents')).toBe(seed.incidents.length);
      expect(await countItems(first.graphUrl, 'AccessGrants')).toBe(seed.grants.length);
      // Every role held, and the ended assignments of registers.json (issue 14).
      expect(await countItems(first.graphUrl, 'Roles')).toBe(seed.people.reduce((n, p) => n + p.roles.length, 0) + seed.registers.roleHistory.length);

      // The sub-supplier chain is stored as parent links.
      const suppliers = await graphGet(first.graphUrl, '/sites/root/lists/Suppliers/items?$expand=fields($select=Code,ParentId)&$top=999');
      const byId = new Map(suppliers.value.map((s) => [String((s as { id?: string }).id), s.fields!]));
      const depth = (f: Record<string, unknown>): number => (f.ParentId ? 1 + depth(byId.get(String(f.ParentId))!) : 1);
      expect(Math.max(...suppliers.value.map((s) => depth(s.fields!)))).toBeGreaterThanOrEqual(3);
    } finally {
      await first.close();
    }

    const second = await startLocal({ env, quiet: true, background: false });
    try {
      expect(second.seed.seeded).toBe(false);
      expect(second.siteId).toBe(first.siteId);
      expect(second.graphToken).toBe(first.graphToken); // kept with the data
      expect(await countItems(second.graphUrl, 'InformationAssets')).toBe(seed.assets.length + 1);
    } finally {
      await second.close();
    }

    const reset = await startLocal({ env, reset: true, quiet: true, background: false });
    try {
      expect(reset.seed.seeded).toBe(true);
      expect(reset.siteId).not.toBe(first.siteId);
      expect(reset.graphToken).not.toBe(first.graphToken); // a fresh folder, a fresh token
      token = reset.graphToken;
      expect(await countItems(reset.graphUrl, 'Incidents')).toBe(seed.incidents.length);
    } finally {
      await reset.close();
    }
  });

  it('refuses to start local mode on a public interface', async () => {
    await expect(startLocal({ env: { ...env, HOST: '0.0.0.0' }, quiet: true })).rejects.toThrow(/loopback only/);
  });
});
