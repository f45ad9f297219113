/**
 * Issue 15's benchmark: the management review of a year on the large site of issue 11 (50 000
 * access grants, 20 000 incidents over five years, kept in `.data/bench-large` like the views bench,
 * list view threshold 5 000). For the last full year and the year so far: building the figures, the
 * review page through the tab API (as ISAM), sending it for decision (figures frozen) and the .docx
 * — milliseconds and Graph requests per call (a `$batch` counts once). Goal: under 10 s and under
 * 100 Graph requests. Figures, not pass/fail.
 *
 *   npm run bench                (part of it)
 *   npx tsx tests/bench/review.bench.ts
 */
import path from 'node:path';
import { pngCharts } from '../../core/adapters/charts/png-chart';
import { renderDocx } from '../../core/adapters/docx/docx-renderer';
import { buildReviewFigures, createReview, presentReview, reviewDocument } from '../../core/app/reviews';
import { loadActor } from '../../core/app/people';
import { startLocal } from '../../teams-app/local/launcher';
import { HEAVY } from '../../teams-app/local/seed-scale';
import { summarise, table } from './stats';
import { SIZES } from './views.bench';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function benchReview(options: { runs?: number; size?: 'small' | 'large' } = {}): Promise<string> {
  const runs = options.runs ?? 5;
  const size = options.size ?? (process.env.BENCH_SIZES === 'small' ? 'small' : 'large');
  const dataDir = path.join(ROOT, '.data', `bench-${size}`);
  const t0 = performance.now();
  const app = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir, LOCAL_GRAPH_THRESHOLD: '5000' }, quiet: true, background: false, scale: SIZES[size].scale, log: () => undefined });
  const ready = (performance.now() - t0) / 1000;
  try {
    const graph = app.graph!;
    const deps = app.runtime.deps;
    const isam = await loadActor(deps, HEAVY.isam);
    const year = new Date().getFullYear();
    const token = ((await (await fetch(`${app.appUrl}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: HEAVY.isam }) })).json()) as { token: string }).token;
    const rows: Record<string, string | number>[] = [];
    const measure = async (name: string, run: () => Promise<unknown>, n = runs) => {
      const times: number[] = [];
      graph.resetRequestCount();
      for (let i = 0; i < n; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      const s = summarise(times);
      rows.push({ what: name, calls: n, 'p50 ms': Math.round(s.p50), 'max ms': Math.round(s.max), 'graph req/call': graph.requestCount() / n });
    };
    let incidents = 0;
    for (const y of [year - 1, year]) {
      const from = `${y}-01-01`;
      const to = `${y}-12-31`;
      await measure(`figures ${y}`, async () => (incidents = (await buildReviewFigures(deps, from, to)).incidents.total));
      rows[rows.length - 1]!.what = `figures ${y} (${incidents} incidents)`;
      const { view } = await createReview(deps, isam, `bench-${y}`, { from, to });
      await measure(`GET /reviews/:id ${y} (draft: figures read now)`, async () => (await fetch(`${app.appUrl}/api/v1/reviews/${view.id}`, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer());
      await measure(`.docx ${y} (draft, two charts)`, async () => renderDocx((await reviewDocument(deps, isam, view.id, 'sv', pngCharts)).document));
      if (view.status === 'draft') {
        await measure(`send for decision ${y} (figures frozen)`, async () => presentReview(deps, isam, view.id, view.etag), 1);
        await measure(`GET /reviews/:id ${y} (frozen)`, async () => (await fetch(`${app.appUrl}/api/v1/reviews/${view.id}`, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer());
      }
    }
    return `  ${SIZES[size].label}, threshold 5 000, ready in ${ready.toFixed(1)} s${app.scale?.alreadyDone ? ' (data folder kept from an earlier run)' : ' (seeded now)'}\n${table(rows)}`;
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchReview());
