/**
 * Every view and every background job at two sizes of organisation, printed as one table: p50 and
 * p95 milliseconds and Graph requests per call (figures, not assertions). Issue 11's goal: flat with
 * size, p95 ≤ 300 ms locally, ≤ 3 Graph requests per view.
 *
 * The two sites are seeded once into data folders kept between runs (`.data/bench-small`,
 * `.data/bench-large`, git-ignored): the first run takes a minute or two for the large one, later
 * runs start in seconds. `BENCH_RESEED=1` starts them afresh; `BENCH_SIZES=small` runs one.
 *
 *   npm run bench                    (this table is part of it)
 *   npx tsx tests/bench/views.bench.ts
 *
 * Sizes: small = 1 000 grants and 400 incidents; large = 50 000 grants and 20 000 incidents (and
 * requests, audit entries and trainings to match, with issue 11's concentrations: one owner with
 * 5 000 grants, one line manager with 2 000 incidents) — teams-app/local/seed-scale.ts. The local
 * server enforces SharePoint's list view threshold of 5 000 on every query.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { HEAVY, resolveScale, type ScaleOptions } from '../../teams-app/local/seed-scale';
import { startLocal, type LocalApp } from '../../teams-app/local/launcher';
import { summarise, table } from './stats';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export const SIZES: Record<'small' | 'large', { label: string; scale: ScaleOptions }> = {
  small: { label: '1 000 grants / 400 incidents', scale: { grants: 1_000, incidents: 400, ownerGrants: 100, managerIncidents: 40, reporterIncidents: 12 } },
  large: { label: '50 000 grants / 20 000 incidents', scale: {} },
};

const CAST = {
  isam: HEAVY.isam,
  owner: HEAVY.owner,
  manager: HEAVY.manager,
  reporter: HEAVY.reporter,
  dso: 'd0000000-0000-4000-8000-000000000003',
  admin: HEAVY.adminUnit[0]!,
  staff: 'd0000000-0000-4000-8000-000000000016',
} as const;

/** The views people open, as whom: the tab API's GET routes and the bot's lists. */
const VIEWS: { view: string; as: keyof typeof CAST }[] = [
  { view: '/dashboard', as: 'isam' },
  { view: '/dashboard', as: 'manager' },
  { view: '/dashboard', as: 'owner' },
  { view: '/dashboard', as: 'reporter' },
  { view: '/incidents', as: 'isam' },
  { view: '/incidents (page 2)', as: 'isam' },
  { view: '/incidents?status=closed', as: 'isam' },
  { view: '/incidents', as: 'manager' },
  { view: '/incidents', as: 'owner' },
  { view: '/incidents', as: 'reporter' },
  { view: '/incidents', as: 'dso' },
  { view: '/incidents/form-options', as: 'staff' },
  { view: '/access/requests', as: 'isam' },
  { view: '/access/requests?status=pending', as: 'admin' },
  { view: '/access/requests', as: 'owner' },
  { view: '/access/grants', as: 'isam' },
  { view: '/access/grants?status=active', as: 'admin' },
  { view: '/access/grants', as: 'owner' },
  { view: '/access/grants', as: 'staff' },
  { view: '/access/campaigns', as: 'isam' },
  { view: '/assets', as: 'isam' },
  { view: '/suppliers', as: 'isam' },
  { view: '/processing', as: 'isam' },
  { view: '/improvements', as: 'isam' },
  { view: '/trainings', as: 'isam' },
  { view: '/trainings?unit=AOM', as: 'isam' },
  { view: '/ambassadors', as: 'isam' },
  { view: 'bot: mina ärenden', as: 'reporter' },
  { view: 'bot: mina ärenden', as: 'manager' },
  { view: 'bot: mina ärenden', as: 'owner' },
];

class RateLimited extends Error {
  constructor(readonly seconds: number) {
    super('rate limited');
  }
}

async function start(size: 'small' | 'large', log: (s: string) => void): Promise<LocalApp> {
  const dataDir = path.join(ROOT, '.data', `bench-${size}`);
  if (process.env.BENCH_RESEED) rmSync(dataDir, { recursive: true, force: true });
  const t0 = performance.now();
  const app = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir, LOCAL_GRAPH_THRESHOLD: '5000' }, quiet: true, background: false, scale: SIZES[size].scale, log: () => undefined });
  log(`  ${size}: ${SIZES[size].label}, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s${app.scale?.alreadyDone ? ' (data folder kept from an earlier run)' : ' (seeded now)'}`);
  return app;
}

async function measureViews(app: LocalApp, runs: number): Promise<Map<string, { p50: number; p95: number; requests: number }>> {
  const graph = app.graph!;
  const tokens = new Map<string, string>();
  const token = async (id: string) => {
    if (!tokens.has(id)) tokens.set(id, ((await (await fetch(`${app.appUrl}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: id }) })).json()) as { token: string }).token);
    return tokens.get(id)!;
  };
  const cursors = new Map<string, string>();
  const call = async (view: string, as: string): Promise<void> => {
    if (view.startsWith('bot:')) {
      const res = await fetch(`${app.appUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: `b-${Math.random()}`, text: 'mina ärenden', channelId: 'msteams', locale: 'sv-SE', serviceUrl: `${app.appUrl}/_local/connector/`, deliveryMode: 'expectReplies',
          from: { id: `29:${as}`, aadObjectId: as }, recipient: { id: '28:lis' }, conversation: { id: `a:${as}`, conversationType: 'personal', tenantId: app.config.tenantId }, channelData: { tenant: { id: app.config.tenantId } },
        }),
      });
      const text = await res.text();
      if (res.status !== 200 || /Något gick fel/.test(text)) throw new Error(`bot answered ${res.status}: ${text.slice(0, 200)}`);
      return;
    }
    let route = view;
    if (view.endsWith('(page 2)')) {
      const base = view.replace(' (page 2)', '');
      if (!cursors.has(base)) cursors.set(base, ((await (await fetch(`${app.appUrl}/api/v1${base}`, { headers: { Authorization: `Bearer ${await token(as)}` } })).json()) as { cursor: string }).cursor);
      route = `${base}?cursor=${encodeURIComponent(cursors.get(base)!)}`;
    }
    const res = await fetch(`${app.appUrl}/api/v1${route}`, { headers: { Authorization: `Bearer ${await token(as)}` } });
    const text = await res.text();
    if (res.status === 429) throw new RateLimited(Number(res.headers.get('retry-after') ?? '1'));
    if (res.status !== 200) throw new Error(`${route} answered ${res.status}: ${text.slice(0, 200)}`);
  };
  // The tab API's per-person rate limit (bot/api/rate-limit.ts) stops a person who clicks 120 times
  // in a burst: the bench waits as a person would, and measures the call again.
  const measured = async (view: string, as: string): Promise<void> => {
    for (;;) {
      try {
        return await call(view, as);
      } catch (error) {
        if (!(error instanceof RateLimited)) throw error;
        await new Promise((resolve) => setTimeout(resolve, error.seconds * 1_000));
      }
    }
  };
  const out = new Map<string, { p50: number; p95: number; requests: number }>();
  for (const { view, as } of VIEWS) {
    const id = CAST[as];
    await token(id);
    for (let i = 0; i < 2; i++) await measured(view, id); // warm-up: caches, JIT, the token
    const times: number[] = [];
    const requests: number[] = [];
    for (let i = 0; i < runs; i++) {
      for (;;) {
        await app.runtime.deps.background?.idle();
        graph.resetRequestCount();
        const t0 = performance.now();
        try {
          await call(view, id);
        } catch (error) {
          if (!(error instanceof RateLimited)) throw error;
          await new Promise((resolve) => setTimeout(resolve, error.seconds * 1_000));
          continue;
        }
        times.push(performance.now() - t0);
        requests.push(graph.requestCount());
        break;
      }
    }
    const s = summarise(times);
    out.set(`${view} — ${as}`, { p50: s.p50, p95: s.p95, requests: Math.max(...requests) });
  }
  return out;
}

async function measureJobs(app: LocalApp, runs: number): Promise<Map<string, { p50: number; p95: number; requests: number }>> {
  const graph = app.graph!;
  const jobs = (app.runtime.scheduler as unknown as { jobs: { name: string; run(deps: unknown, now: Date): Promise<void> }[] }).jobs;
  const out = new Map<string, { p50: number; p95: number; requests: number }>();
  for (const job of jobs) {
    await job.run(app.runtime.deps, new Date()); // the first run catches up (windows from nothing): not counted
    const times: number[] = [];
    const requests: number[] = [];
    for (let i = 0; i < runs; i++) {
      graph.resetRequestCount();
      const t0 = performance.now();
      await job.run(app.runtime.deps, new Date());
      times.push(performance.now() - t0);
      requests.push(graph.requestCount());
    }
    const s = summarise(times);
    out.set(`job ${job.name}`, { p50: s.p50, p95: s.p95, requests: Math.max(...requests) });
  }
  return out;
}

export async function benchViews(options: { runs?: number; sizes?: ('small' | 'large')[]; log?: (s: string) => void } = {}): Promise<string> {
  const runs = options.runs ?? 20;
  const log = options.log ?? ((s: string) => console.log(s));
  const sizes = options.sizes ?? ((process.env.BENCH_SIZES?.split(',') as ('small' | 'large')[] | undefined) ?? ['small', 'large']);
  const results = new Map<string, Map<string, { p50: number; p95: number; requests: number }>>();
  for (const size of sizes) {
    const app = await start(size, log);
    try {
      const views = await measureViews(app, runs);
      const jobs = await measureJobs(app, 3);
      results.set(size, new Map([...views, ...jobs]));
    } finally {
      await app.close();
    }
  }
  const names = [...new Set([...results.values()].flatMap((m) => [...m.keys()]))];
  const rows = names.map((name) => {
    const row: Record<string, string | number> = { 'view / job — as': name };
    for (const size of sizes) {
      const r = results.get(size)!.get(name);
      row[`${size} p50 ms`] = r ? Math.round(r.p50 * 10) / 10 : '';
      row[`${size} p95 ms`] = r ? Math.round(r.p95 * 10) / 10 : '';
      row[`${size} Graph req`] = r ? r.requests : '';
    }
    return row;
  });
  const large = resolveScale(SIZES.large.scale);
  return [
    `Views (${runs} calls each after 2 warm-ups) and jobs (3 runs after a first catch-up run); loopback, no added latency.`,
    `Sizes: small = ${SIZES.small.label}; large = ${large.grants} grants / ${large.incidents} incidents / ${large.requests} requests / ${large.trainings} trainings.`,
    'Graph requests: the most any call of the view took (a $batch counts once), the token check and roles included.',
    table(rows),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchViews());
}
