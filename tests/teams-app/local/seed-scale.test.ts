/**
 * The scale seed (issue 11, point 3), small: records go through the production RecordStore, the
 * concentrations land on the named people, generated staff join the local directory through the data
 * folder, and a second run adds nothing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSharePoint, type SharePointConnection } from '../../../core/adapters/sharepoint';
import { systemClock } from '../../../core/ports/clock';
import { startLocalGraphServer, type LocalGraphServer } from '../../../teams-app/local/graph-server';
import { loadDirectoryPeople, SCALE_PEOPLE_FILE } from '../../../teams-app/local/seed-data';
import { seedDemoOrganisation } from '../../../teams-app/local/seed-demo';
import { HEAVY, parseScaleArgs, resolveScale, seedScale, SMALL_SCALE } from '../../../teams-app/local/seed-scale';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-scale-'));
let server: LocalGraphServer;
let sp: SharePointConnection;
const requests: { method: string; url: string }[] = [];
const OPTIONS = { people: 200, assets: 6, grants: 300, incidents: 240, requests: 60, audit: 50, trainings: 80, ownerGrants: 120, managerIncidents: 100, reporterIncidents: 40 };

beforeAll(async () => {
  server = await startLocalGraphServer({ port: 0 });
  sp = await connectSharePoint({ baseUrl: server.url, getToken: async () => server.token, userAgent: 'test', provision: true, observer: { onRequest: (r) => requests.push(r) } });
  await seedDemoOrganisation({ store: sp.store, clock: systemClock, tenantId: '00000000-0000-4000-8000-000000000001', serviceUrl: 'http://127.0.0.1:1/_local/connector/' });
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('seedScale', () => {
  it('writes every record through $batch, with the concentrations on the named people', async () => {
    requests.length = 0;
    const logs: string[] = [];
    const result = await seedScale({ store: sp.store, clock: systemClock, ...OPTIONS, dataDir, log: (l) => logs.push(l) });
    expect(result.alreadyDone).toBe(false);
    expect(result.counts).toMatchObject({ AccessGrants: 300, Incidents: 240, AccessRequests: 60, AuditLog: 50, Trainings: 80, InformationAssets: 6 });
    expect(logs.at(-1)).toMatch(/records in [\d.]+ s/);
    // Every record in a $batch; the one plain POST is the completion mark in the audit log.
    const plain = requests.filter((r) => r.method === 'POST' && !r.url.endsWith('/$batch'));
    expect(plain).toHaveLength(1);
    expect(requests.filter((r) => r.url.endsWith('/$batch')).length).toBeGreaterThanOrEqual(15 + 12 + 3 + 3 + 4 + 1); // 20 per batch, per list

    // Concentrations, read with selective indexed queries.
    const heavyManager = await sp.store.query('Incidents', { where: [{ field: 'managerId', op: 'eq', value: HEAVY.manager }], pageSize: 999 });
    expect(heavyManager.items.filter((i) => i.key.startsWith('scale:'))).toHaveLength(100);
    const heavyReporter = await sp.store.query('Incidents', { where: [{ field: 'reporterId', op: 'eq', value: HEAVY.reporter }], pageSize: 999 });
    expect(heavyReporter.items.filter((i) => i.key.startsWith('scale:'))).toHaveLength(40);
    const assets = (await sp.store.query('InformationAssets', { pageSize: 999 })).items;
    expect(assets).toHaveLength(18 + 1 + 6); // the demo's, one archived years ago (registers.json), the scale's
    const owned = new Set(assets.filter((a) => a.data.ownerId === HEAVY.owner).map((a) => a.id));
    let ownerGrants = 0;
    for (const id of owned) {
      ownerGrants += (await sp.store.query('AccessGrants', { where: [{ field: 'assetId', op: 'eq', value: id }], pageSize: 999 })).items.filter((g) => g.key.startsWith('scale:')).length;
    }
    expect(ownerGrants).toBe(120);

    // Generated staff are in the data folder and join the local directory; the cast is unchanged.
    expect(existsSync(path.join(dataDir, SCALE_PEOPLE_FILE))).toBe(true);
    const people = loadDirectoryPeople(dataDir);
    expect(people).toHaveLength(200);
    expect(people.find((p) => p.aadObjectId === HEAVY.manager)?.displayName).toBe('Thomas Granlund');
    const leads = people.filter((p) => p.aadObjectId.startsWith('d1') && p.roles.includes('manager'));
    expect(leads.length).toBeGreaterThan(0);
    const roles = await sp.store.query('Roles', { where: [{ field: 'personId', op: 'eq', value: leads[0]!.aadObjectId }] });
    expect(roles.items.map((r) => r.data.role)).toEqual(['manager']);
  }, 120_000);

  it('adds nothing the second time', async () => {
    const again = await seedScale({ store: sp.store, clock: systemClock, ...OPTIONS, dataDir });
    expect(again.alreadyDone).toBe(true);
  });
});

describe('scale options', () => {
  it('reads the command line, and defaults scale with the sizes', () => {
    expect(parseScaleArgs(['--grants', '1000', '--incidents=500', '--reset']).options).toEqual({ grants: 1000, incidents: 500 });
    expect(parseScaleArgs(['--grants', '1000', '--reset']).rest).toEqual(['--reset']);
    expect(parseScaleArgs(['--small']).options).toEqual(SMALL_SCALE);
    expect(() => parseScaleArgs(['--grants', 'many'])).toThrow(/--grants/);
    const d = resolveScale();
    expect(d).toMatchObject({ people: 1000, grants: 50_000, incidents: 20_000, ownerGrants: 5_000, managerIncidents: 2_000 });
    expect(resolveScale(SMALL_SCALE)).toMatchObject({ grants: 1_500, incidents: 1_200, ownerGrants: 1_000, managerIncidents: 800, reporterIncidents: 400 });
    expect(resolveScale({ incidents: 100, managerIncidents: 10, reporterIncidents: 50 }).reporterIncidents).toBe(10);
  });
});
