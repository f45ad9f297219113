/**
 * The production entry (bot/main.ts, `npm run start:m365`) against loopback stand-ins: it refuses
 * to start without app id, tenant and site, refuses a site that was never provisioned, and
 * otherwise starts with Graph tokens from the managed identity, resolving (never creating) lists.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectSharePoint } from '../../../core/adapters/sharepoint';
import { ConfigError } from '../../../bot/config';
import { createLogger } from '../../../bot/log';
import { startM365 } from '../../../bot/main';
import { startLocalGraphServer, type LocalGraphServer } from '../../../teams-app/local/graph-server';
import { GRAPH_TOKEN, IDENTITY_HEADER, MI_CLIENT_ID, startFakeCloud, type FakeCloud } from './fake-cloud';

const root = path.resolve(import.meta.dirname, '../../..');
const TENANT = '66666666-7777-4888-9999-000000000000';
const HENRIK = 'd0000000-0000-4000-8000-000000000002';
const KARIN = 'd0000000-0000-4000-8000-000000000001';

let provisioned: LocalGraphServer;
let empty: LocalGraphServer;
let cloud: FakeCloud;
let emptyCloud: FakeCloud;

const users = [
  { id: KARIN, displayName: 'Karin Ekström', mail: 'karin@soderbyn.example', department: 'LEDN', accountEnabled: true, manager: null },
  { id: HENRIK, displayName: 'Henrik Sandberg', mail: 'henrik@soderbyn.example', department: 'LEDN', accountEnabled: true, manager: KARIN },
];

const env = (graphUrl: string, siteId: string): NodeJS.ProcessEnv => ({
  LIS_MODE: 'm365',
  HOST: '127.0.0.1',
  PORT: '0',
  MicrosoftAppId: MI_CLIENT_ID,
  MicrosoftAppTenantId: TENANT,
  MicrosoftAppManagedIdentityClientId: MI_CLIENT_ID,
  TAB_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  SHAREPOINT_SITE_ID: siteId,
  PUBLIC_URL: 'https://lis.example.org',
  GRAPH_BASE_URL: graphUrl,
  IDENTITY_ENDPOINT: `${graphUrl}/msi/token`,
  IDENTITY_HEADER,
});

beforeAll(async () => {
  // The fake cloud hands the managed identity's token through to the local server.
  provisioned = await startLocalGraphServer({ port: 0, dbPath: ':memory:', token: GRAPH_TOKEN });
  await connectSharePoint({ baseUrl: provisioned.url, getToken: async () => provisioned.token, userAgent: 'test', provision: true });
  empty = await startLocalGraphServer({ port: 0, dbPath: ':memory:', token: GRAPH_TOKEN });
  cloud = await startFakeCloud(provisioned.url, users);
  emptyCloud = await startFakeCloud(empty.url, users);
});

afterAll(async () => {
  await cloud?.close();
  await emptyCloud?.close();
  await provisioned?.close();
  await empty?.close();
});

describe('npm run start:m365', () => {
  it('refuses to start without app id, tenant and site, naming what is missing', async () => {
    await expect(startM365({ env: { LIS_MODE: 'm365' }, logger: createLogger({ silent: true }) })).rejects.toThrow(
      /needs MicrosoftAppId, MicrosoftAppTenantId, SHAREPOINT_SITE_ID, PUBLIC_URL/,
    );
    const { SHAREPOINT_SITE_ID: _s, ...noSite } = env(cloud.url, provisioned.siteId);
    await expect(startM365({ env: noSite, logger: createLogger({ silent: true }) })).rejects.toThrow(/SHAREPOINT_SITE_ID/);
  });

  it('refuses local mode: this entry is for Microsoft 365 only', async () => {
    await expect(startM365({ env: {}, logger: createLogger({ silent: true }) })).rejects.toBeInstanceOf(ConfigError);
  });

  it('refuses a site whose lists were never provisioned, and says what to run', async () => {
    await expect(startM365({ env: env(emptyCloud.url, empty.siteId), logger: createLogger({ silent: true }), background: false })).rejects.toThrow(
      /lacks the lists .*Incidents.*Run the provisioning command/,
    );
    expect(emptyCloud.refused).toEqual([]);
  });

  it('starts with Graph tokens from the managed identity, resolving the lists without creating any', async () => {
    const listsBefore = await fetch(`${provisioned.url}/v1.0/sites/root/lists?$select=id`, { headers: { Authorization: `Bearer ${provisioned.token}` } }).then((r) => r.json() as Promise<{ value: unknown[] }>);
    const app = await startM365({ env: env(cloud.url, provisioned.siteId), logger: createLogger({ silent: true }), background: false });
    try {
      const health = await fetch(`${app.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', mode: 'm365' });

      // The directory is Entra ID through Graph, with the same token.
      const person = await app.runtime.deps.directory.getPerson(HENRIK);
      expect(person).toMatchObject({ displayName: 'Henrik Sandberg', unit: 'LEDN', managerAadObjectId: KARIN, accountEnabled: true });

      expect(cloud.tokenRequests).toBe(1);
      expect(cloud.refused).toEqual([]);
      expect(cloud.graphRequests.some((r) => r.startsWith('GET /v1.0/sites/'))).toBe(true);
      expect(cloud.graphRequests.every((r) => r.startsWith('GET ') || r === 'POST /v1.0/$batch')).toBe(true);
      const listsAfter = await fetch(`${provisioned.url}/v1.0/sites/root/lists?$select=id`, { headers: { Authorization: `Bearer ${provisioned.token}` } }).then((r) => r.json() as Promise<{ value: unknown[] }>);
      expect(listsAfter.value).toHaveLength(listsBefore.value.length);

      // The bot endpoint demands a Bot Framework token in this mode (botbuilder logs the refusal).
      const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const bot = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'x' }, from: { id: 'y' }, recipient: { id: 'z' } }) });
      quiet.mockRestore();
      expect(bot.status).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('as a process, exits with a message naming the missing settings', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', LIS_MODE: 'm365', MicrosoftAppId: MI_CLIENT_ID },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/did not start: Microsoft 365 mode \(LIS_MODE=m365\) needs MicrosoftAppTenantId, SHAREPOINT_SITE_ID, PUBLIC_URL/);
  });
});
