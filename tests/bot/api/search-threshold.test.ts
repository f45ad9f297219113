/**
 * Sök past SharePoint's list view threshold: the local server set to refuse any query whose first
 * condition selects more than 300 items, and a site with 1 200 incidents over five years (the small
 * scale seed, with one heavy reporter). The search still finds words inside words, walks back a year
 * at a time to an incident years old, shows a heavy reporter only her own, and costs a few Graph
 * requests per search.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../core/api';
import { EMPTY_FACTS, type RecordOf } from '../../../core/domain';
import { StoreRequestError } from '../../../core/ports/errors';
import { startLocal, type LocalApp } from '../../../teams-app/local/launcher';
import { HEAVY, SMALL_SCALE } from '../../../teams-app/local/seed-scale';

const ISAM = 'd0000000-0000-4000-8000-000000000002';
let app: LocalApp;
let dataDir: string;
const tokens = new Map<string, string>();

async function search(as: string, query: string) {
  const base = `${app.appUrl}/api/v1`;
  if (!tokens.has(as)) {
    const res = await fetch(`${base}/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: as }) });
    tokens.set(as, ((await res.json()) as { token: string }).token);
  }
  const route = `/search?${query}`;
  const res = await fetch(`${base}${route}`, { headers: { Authorization: `Bearer ${tokens.get(as)}`, 'Accept-Language': 'sv-SE' } });
  const body = await res.json();
  expect(checkAnswer('GET', route, res.status, body).issues).toEqual([]);
  expect(res.status).toBe(200);
  return body as { groups: { register: string; hits: { id: string; title: string; code: string }[]; total: number; older: string | null; searched: { from: string; to: string } | null }[] };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-search-threshold-'));
  app = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir, LOCAL_GRAPH_THRESHOLD: '300' }, quiet: true, background: false, scale: SMALL_SCALE });
}, 300_000);
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('searching a site past the list view threshold', () => {
  it('runs on a site where a query selecting every incident is refused', async () => {
    expect(app.threshold).toBe(300);
    expect(app.scale?.counts.Incidents).toBeGreaterThanOrEqual(1_200);
    await expect(app.sharepoint.store.query('Incidents', { where: [{ field: 'reportedAt', op: 'ge', value: '2000-01-01T00:00:00Z' }], pageSize: 10 })).rejects.toBeInstanceOf(StoreRequestError);
  });

  it('finds a word inside words among hundreds of incidents, showing a few and counting all', async () => {
    app.graph!.resetRequestCount();
    const r = await search(ISAM, 'q=fiske&in=incidents');
    expect(app.graph!.requestCount()).toBeLessThanOrEqual(8);
    const incidents = r.groups[0]!;
    expect(incidents.total).toBeGreaterThan(20); // "nätfiskemejl" in a year of a district's reports
    expect(incidents.hits).toHaveLength(5);
    expect(incidents.hits.every((h) => /fiske/i.test(h.title))).toBe(true);
    expect(incidents.older).not.toBeNull();
  });

  it('walks back a year at a time to an incident years old', async () => {
    const old = new Date(Date.now() - 3.5 * 365 * 86_400_000);
    const incident: RecordOf<'Incidents'> = {
      title: 'Kvartalsrapporten från Quasimodoprojektet låg kvar i skrivaren',
      category: 'paper_documents',
      description: 'Planterad för sökningen.',
      occurredAt: null,
      discoveredAt: old.toISOString(),
      awareAt: old.toISOString(),
      reportedAt: new Date(old.getTime() + 3_600_000).toISOString(),
      reporterId: ISAM,
      reporterUnit: 'LEDN',
      managerId: 'd0000000-0000-4000-8000-000000000001',
      assetId: null,
      supplierId: null,
      personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false },
      status: 'closed',
      severity: 'low',
      personalDataBreach: false,
      significant: 'no',
      significanceRationale: 'Inga uppgifter röjdes.',
      triagedBy: ISAM,
      triagedAt: new Date(old.getTime() + 7_200_000).toISOString(),
      assessments: [],
      facts: EMPTY_FACTS,
      clocks: [],
      nextDueAt: null,
      lastOperation: null,
      investigation: null,
      closedBy: ISAM,
      closedAt: new Date(old.getTime() + 86_400_000).toISOString(),
    };
    const stored = await app.runtime.deps.store.create('Incidents', 'test:search:old', incident);
    await app.runtime.search.background.idle();

    let before = '';
    const windows: { from: string; to: string }[] = [];
    for (let step = 0; step < 8; step++) {
      const r = (await search(ISAM, `q=simod&in=incidents${before ? `&before=${before}` : ''}`)).groups[0]!;
      windows.push(r.searched!);
      if (r.hits.length) {
        expect(r.hits.map((h) => h.id)).toEqual([stored.id]);
        break;
      }
      expect(r.older).not.toBeNull();
      before = r.older!;
    }
    // Found in the fourth year back, each window a year older than the one before.
    expect(windows.length).toBe(4);
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.to < windows[i - 1]!.from).toBe(true);
  });

  it('shows a reporter with hundreds of reports only her own', async () => {
    const r = (await search(HEAVY.reporter, 'q=(sc&in=incidents&limit=50')).groups[0]!;
    expect(r.total).toBeGreaterThan(20);
    const records = await app.sharepoint.store.getMany('Incidents', r.hits.map((h) => h.id));
    expect(records.length).toBe(r.hits.length);
    expect(records.every((i) => i.data.reporterId === HEAVY.reporter)).toBe(true);
  });
});
