/**
 * Sök and Start at scale: a local site with 20 000 incidents over five years (the scale seed's
 * district, with its heavy reporter and manager) behind the whole app. Prints how long making every
 * search text takes, and per search and per home the latency (p50/p95 over repeated requests
 * through the tab API) and the Graph requests it cost. Figures, not pass/fail. Run: `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rebuildAllSearch } from '../../core/app/search';
import { startLocal } from '../../teams-app/local/launcher';
import { HEAVY } from '../../teams-app/local/seed-scale';
import { summarise, table } from './stats';

const ISAM = 'd0000000-0000-4000-8000-000000000002';
const STAFF = 'd0000000-0000-4000-8000-000000000016';
const DSO = 'd0000000-0000-4000-8000-000000000003';

export async function benchSearch(options: { incidents?: number; repeats?: number } = {}): Promise<string> {
  const incidents = options.incidents ?? 20_000;
  const repeats = options.repeats ?? 15;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-search-bench-'));
  const seeded = Date.now();
  const app = await startLocal({
    env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir },
    quiet: true,
    background: false,
    scale: { incidents, grants: 2_000, requests: 800, audit: 1_000, trainings: 500, ownerGrants: 500, managerIncidents: Math.round(incidents / 10), reporterIncidents: Math.round(incidents / 30) },
  });
  const seedSeconds = (Date.now() - seeded) / 1000;
  try {
    const t0 = Date.now();
    const rebuilt = await rebuildAllSearch({ store: app.sharepoint.store, clock: app.runtime.deps.clock });
    const rebuildSeconds = (Date.now() - t0) / 1000;

    const base = `${app.appUrl}/api/v1`;
    const token = async (id: string) => ((await (await fetch(`${base}/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: id }) })).json()) as { token: string }).token;
    const rows: Record<string, string | number>[] = [];
    const measure = async (label: string, who: string, route: string) => {
      const bearer = await token(who);
      const ms: number[] = [];
      let requests = 0;
      let bytes = 0;
      for (let i = 0; i < repeats; i++) {
        app.graph!.resetRequestCount();
        const start = performance.now();
        const res = await fetch(`${base}${route}`, { headers: { Authorization: `Bearer ${bearer}` } });
        const body = await res.text();
        ms.push(performance.now() - start);
        requests = app.graph!.requestCount();
        bytes = body.length;
        if (res.status !== 200) throw new Error(`${route} → ${res.status}: ${body.slice(0, 200)}`);
      }
      const s = summarise(ms.slice(1)); // the first request warms the caches
      rows.push({ what: label, p50_ms: s.p50, p95_ms: s.p95, graph_requests: requests, answer_kB: bytes / 1000 });
    };
    await measure('search "fiske", ISAM (all registers)', ISAM, `/search?q=fiske`);
    await measure('search "fiske" in incidents, ISAM, 50 hits', ISAM, `/search?q=fiske&in=incidents&limit=50`);
    await measure('search "skrivaren", staff', STAFF, `/search?q=skrivaren`);
    await measure('search "(sc", heavy reporter', HEAVY.reporter, `/search?q=(sc&in=incidents`);
    await measure('search "nyckel", DSO', DSO, `/search?q=nyckel`);
    await measure('search older incidents (a year back), ISAM', ISAM, `/search?q=fiske&in=incidents&before=${new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 7)}`);
    await measure('assets register search "system"', STAFF, `/assets?search=system`);
    await measure('home, staff', STAFF, `/home`);
    await measure('home, ISAM (every running deadline)', ISAM, `/home`);
    await measure('home, heavy line manager', HEAVY.manager, `/home`);
    await measure('home, heavy owner', HEAVY.owner, `/home`);

    return [
      `Scale site: ${app.scale?.counts.Incidents ?? 0} incidents (seeded in ${seedSeconds.toFixed(1)} s).`,
      `Every search text checked again after the seed (${rebuilt.buckets} buckets, ${rebuilt.entries} records, ${rebuilt.written} items rewritten): ${rebuildSeconds.toFixed(1)} s` +
        (rebuilt.truncated.length ? `; truncated: ${rebuilt.truncated.join(', ')}` : '') +
        '.',
      table(rows),
    ].join('\n');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchSearch({ incidents: Number(process.env.BENCH_INCIDENTS ?? 20_000) }));
