/**
 * The provisioning command (teams-app/m365/provision.ts): creates the LIS lists through the
 * production adapter, idempotently, against the local SharePoint-lists server as a dry run of the
 * real site — and the real path (site address, token from the managed identity) through a
 * loopback stand-in for Graph.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LISTS, createGraphClient, provisionLists, type ListDef } from '../../../core/adapters/sharepoint';
import { connectSharePoint } from '../../../core/adapters/sharepoint';
import { StaticTokenProvider } from '../../../core/adapters/graph-token';
import { formatSummary, parseArgs, provision, ProvisionError, run, sitePath, tokensFromEnv } from '../../../teams-app/m365/provision';
import { startLocalGraphServer, type LocalGraphServer } from '../../../teams-app/local/graph-server';
import { GRAPH_TOKEN, IDENTITY_HEADER, MI_CLIENT_ID, startFakeCloud } from './fake-cloud';

const root = path.resolve(import.meta.dirname, '../../..');
const ISAM = 'd0000000-0000-4000-8000-000000000002';
const tokens = new StaticTokenProvider(GRAPH_TOKEN);

let graph: LocalGraphServer;
beforeEach(async () => {
  // The fake cloud hands the managed identity's token through to the local server.
  graph = await startLocalGraphServer({ port: 0, dbPath: ':memory:', token: GRAPH_TOKEN });
});
afterEach(async () => graph?.close());

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('provision()', () => {
  it('creates every list on a fresh site, and nothing the second time', async () => {
    const first = await provision({ graphUrl: graph.url, tokens, site: 'root' });
    expect(first.report.createdLists).toEqual(LISTS.map((l) => l.name));
    expect(first.resolved).toBe(LISTS.length);
    expect(first.site).toMatchObject({ id: graph.siteId, name: 'LIS' });

    const second = await provision({ graphUrl: graph.url, tokens, site: 'root' });
    expect(second.report).toMatchObject({ createdLists: [], addedColumns: [], indexedColumns: [], extendedChoices: [] });
    expect(second.report.listIds).toEqual(first.report.listIds);
    expect(formatSummary(second, graph.url)).toContain(`Nothing to create: all ${LISTS.length} lists`);
  });

  it('completes a site provisioned by an older version: missing lists, columns, indexes and choices', async () => {
    const client = createGraphClient({ baseUrl: graph.url, getToken: () => tokens.getToken(), userAgent: 'test' });
    const incidents = LISTS.find((l) => l.name === 'Incidents')!;
    const dropped = incidents.columns.find((c) => !c.indexed && c.column !== 'Title')!;
    const unindexed = incidents.columns.find((c) => c.indexed && c.type !== 'choice')!;
    const choice = incidents.columns.find((c) => c.type === 'choice' && (c.choices?.length ?? 0) > 2)!;
    const older: ListDef = {
      ...incidents,
      columns: incidents.columns
        .filter((c) => c !== dropped)
        .map((c) => (c === unindexed ? { ...c, indexed: false } : c === choice ? { ...c, choices: c.choices!.slice(0, -1) } : c)),
    };
    await provisionLists(client, graph.siteId, [older, ...LISTS.slice(1, 4)]);

    const summary = await provision({ graphUrl: graph.url, tokens, site: graph.siteId });
    expect(summary.report.createdLists).toEqual(LISTS.slice(4).map((l) => l.name));
    expect(summary.report.addedColumns).toEqual([`Incidents.${dropped.column}`]);
    expect(summary.report.indexedColumns).toEqual([`Incidents.${unindexed.column}`]);
    expect(summary.report.extendedChoices).toEqual([`Incidents.${choice.column}: ${choice.choices!.at(-1)}`]);
    const text = formatSummary(summary, graph.url);
    expect(text).toContain(`Added columns (1):\n    + Incidents.${dropped.column}`);
    expect(text).toContain(`Check: the app's start-up lookup finds ${LISTS.length} of ${LISTS.length} lists.`);
  });

  it('records the first ISAM once, with an audit entry', async () => {
    const a = await provision({ graphUrl: graph.url, tokens, site: 'root', isam: ISAM.toUpperCase() });
    const b = await provision({ graphUrl: graph.url, tokens, site: 'root', isam: ISAM });
    expect(a.isam).toEqual({ personId: ISAM, created: true });
    expect(b.isam).toEqual({ personId: ISAM, created: false });
    const { store } = await connectSharePoint({ baseUrl: graph.url, getToken: () => tokens.getToken(), userAgent: 'test' });
    const roles = [];
    for await (const r of store.queryAll('Roles')) roles.push(r.data);
    expect(roles).toEqual([expect.objectContaining({ personId: ISAM, role: 'isam', active: true })]);
    const audit = [];
    for await (const e of store.queryAll('AuditLog')) audit.push(e.data);
    expect(audit).toEqual([expect.objectContaining({ actorId: 'system', action: 'role.assigned', details: { personId: ISAM, role: 'isam' } })]);
    await expect(provision({ graphUrl: graph.url, tokens, site: 'root', isam: 'henrik' })).rejects.toThrow(/Entra object id/);
  });

  it('addresses a site by id, by host and path, or as root', () => {
    expect(sitePath('root')).toBe('/sites/root');
    expect(sitePath('contoso.sharepoint.com:/sites/LIS')).toBe('/sites/contoso.sharepoint.com:/sites/LIS');
    expect(sitePath('contoso.sharepoint.com:/sites/LIS säkerhet')).toBe('/sites/contoso.sharepoint.com:/sites/LIS%20s%C3%A4kerhet');
    expect(sitePath('contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE')).toBe(
      '/sites/contoso.sharepoint.com%2C2C712604-1370-44E7-A1F5-426573FDA80A%2C2D2244C3-251A-49EA-93A8-39E1C3A060FE',
    );
    expect(() => sitePath('../../users')).toThrow(ProvisionError);
    expect(() => sitePath('')).toThrow(/SHAREPOINT_SITE_ID/);
  });
});

describe('the real path', () => {
  it('provisions through "Graph" with the managed identity\'s token, addressing the site by host and path', async () => {
    const cloud = await startFakeCloud(graph.url, []);
    try {
      const lines: string[] = [];
      const env = {
        GRAPH_BASE_URL: cloud.url,
        SHAREPOINT_SITE_ID: '127.0.0.1:/sites/LIS',
        MicrosoftAppManagedIdentityClientId: MI_CLIENT_ID,
        IDENTITY_ENDPOINT: `${cloud.url}/msi/token`,
        IDENTITY_HEADER,
      };
      const summary = await run([], env, (l) => lines.push(l));
      expect(summary?.report.createdLists).toHaveLength(LISTS.length);
      expect(summary?.site.id).toBe(graph.siteId);
      expect(lines.join('\n')).toMatch(/token: managed identity/);
      expect(cloud.tokenRequests).toBe(1);
      expect(cloud.refused).toEqual([]);
      // Only reads and creates: nothing is ever deleted.
      expect(cloud.graphRequests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
    } finally {
      await cloud.close();
    }
  });

  it('says what to check when Graph refuses the site', async () => {
    const cloud = await startFakeCloud(graph.url, []);
    try {
      await expect(run(['--site', '127.0.0.1:/sites/LIS'], { GRAPH_BASE_URL: cloud.url, GRAPH_TOKEN: 'not-the-managed-identity' }, () => undefined)).rejects.toThrow(
        /HTTP 401\).*Sites\.Selected.*manage role/,
      );
    } finally {
      await cloud.close();
    }
  });

  it('picks the credential from the environment and says when there is none', () => {
    expect(tokensFromEnv({ GRAPH_TOKEN: 'abc' }).source).toBe('GRAPH_TOKEN');
    expect(tokensFromEnv({ PROVISION_CLIENT_ID: MI_CLIENT_ID, PROVISION_CLIENT_SECRET: 'x', MicrosoftAppTenantId: MI_CLIENT_ID }).source).toMatch(/client credentials/);
    expect(() => tokensFromEnv({ PROVISION_CLIENT_ID: MI_CLIENT_ID })).toThrow(/PROVISION_CLIENT_SECRET, MicrosoftAppTenantId/);
    expect(tokensFromEnv({ MicrosoftAppManagedIdentityClientId: MI_CLIENT_ID }).source).toBe('managed identity');
    expect(() => tokensFromEnv({})).toThrow(/No Graph credential.*--local/);
  });

  it('parses its options', () => {
    expect(parseArgs(['--local', '--reset', '--isam', ISAM])).toMatchObject({ local: true, reset: true, isam: ISAM });
    expect(() => parseArgs(['--site'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--reset'])).toThrow(/only applies to --local/);
    expect(() => parseArgs(['--delete-everything'])).toThrow(/Unknown option/);
  });
});

describe('npm run provision:m365 -- --local', () => {
  it('prints what it created, and the second run creates nothing', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-provision-'));
    dirs.push(dataDir);
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), LIS_DATA_DIR: dataDir };
    const first = spawnSync('npm', ['run', '--silent', 'provision:m365', '--', '--local'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Created ${LISTS.length} lists:`);
    expect(first.stdout).toMatch(/\+ Incidents\s+\d+ columns, +\d+ indexed/);

    const second = spawnSync(process.execPath, ['--import', 'tsx', 'teams-app/m365/provision.ts', '--local'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Nothing to create');
    expect(second.stdout).not.toContain('Created');
  });
});
