/**
 * Which views, bot lists and jobs survive SharePoint's list view threshold? Starts local mode with a
 * low threshold (LOCAL_GRAPH_THRESHOLD, default 300 here) on the must-show site (`--small`: 1 500
 * grants and 1 200 incidents concentrated on one owner and one manager), then calls every tab view as
 * the people the concentrations land on, asks the bot for "mina ärenden", and runs every scheduler
 * job. Prints a table: status, time and Graph requests per probe. Figures, not a test:
 *
 *   npx tsx tests/bench/threshold-views.probe.ts            (THRESHOLD=300 SCALE=small by default)
 *   THRESHOLD=5000 SCALE=large npx tsx tests/bench/threshold-views.probe.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocal } from '../../teams-app/local/launcher';
import { HEAVY, SMALL_SCALE, type ScaleOptions } from '../../teams-app/local/seed-scale';
import { table } from './stats';

const threshold = process.env.THRESHOLD ?? '300';
const scale: ScaleOptions = process.env.SCALE === 'large' ? {} : SMALL_SCALE;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-threshold-probe-'));

const PEOPLE: Record<string, string> = {
  isam: HEAVY.isam,
  owner: HEAVY.owner,
  manager: HEAVY.manager,
  reporter: HEAVY.reporter,
  admin: HEAVY.adminUnit[0]!,
  dso: 'd0000000-0000-4000-8000-000000000003',
  director: 'd0000000-0000-4000-8000-000000000001',
  staff: 'd0000000-0000-4000-8000-000000000016',
};

const VIEWS = [
  '/dashboard', '/incidents', '/incidents?status=reported', '/incidents?status=closed', '/assets', '/suppliers', '/processing',
  '/improvements', '/trainings', '/access/requests', '/access/requests?status=pending', '/access/grants', '/access/grants?status=active',
  '/access/campaigns', '/ambassadors',
];

const started = Date.now();
const local = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir, LOCAL_GRAPH_THRESHOLD: threshold }, quiet: true, background: false, scale, log: () => undefined });
console.log(`Site ready in ${((Date.now() - started) / 1000).toFixed(1)} s (threshold ${threshold}): ${JSON.stringify(local.scale?.counts)}`);
const rows: Record<string, string | number>[] = [];
const graphRequests = () => local.graph?.requestCount() ?? 0;

async function probe(what: string, who: string, run: () => Promise<{ status: number; detail?: string }>) {
  local.graph?.resetRequestCount();
  const t0 = performance.now();
  let status: number;
  let detail = '';
  try {
    ({ status, detail = '' } = await run());
  } catch (error) {
    status = -1;
    detail = error instanceof Error ? error.message.slice(0, 90) : String(error);
  }
  rows.push({ probe: what, as: who, result: status >= 200 && status < 300 ? 'ok' : `FAIL ${status}`, ms: Math.round(performance.now() - t0), 'graph req': graphRequests(), detail: detail.slice(0, 90) });
}

try {
  for (const [who, id] of Object.entries(PEOPLE)) {
    const signIn = await fetch(`${local.appUrl}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: id }) });
    const { token } = (await signIn.json()) as { token: string };
    for (const view of VIEWS) {
      await probe(`tab ${view}`, who, async () => {
        const res = await fetch(`${local.appUrl}/api/v1${view}`, { headers: { Authorization: `Bearer ${token}` } });
        const body = await res.text();
        return { status: res.status, detail: res.ok ? '' : body };
      });
    }
  }
  for (const [who, id] of [['reporter', HEAVY.reporter], ['manager', HEAVY.manager], ['owner', HEAVY.owner]] as const) {
    await probe('bot "mina ärenden"', who, async () => {
      const res = await fetch(`${local.appUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: `m-${who}`, text: 'mina ärenden', channelId: 'msteams', locale: 'sv-SE',
          serviceUrl: `${local.appUrl}/_local/connector/`, deliveryMode: 'expectReplies',
          from: { id: `29:${who}`, aadObjectId: id }, recipient: { id: '28:lis' },
          conversation: { id: `a:${who}`, conversationType: 'personal', tenantId: local.config.tenantId },
          channelData: { tenant: { id: local.config.tenantId } },
        }),
      });
      const body = await res.text();
      const failed = /Något gick fel|Something went wrong/.test(body);
      return { status: failed ? 500 : res.status, detail: failed ? 'the bot answered "Något gick fel"' : '' };
    });
  }
  const jobs = (local.runtime.scheduler as unknown as { jobs: { name: string; run(deps: unknown, now: Date): Promise<void> }[] }).jobs;
  for (const job of jobs) {
    await probe(`job ${job.name}`, 'system', async () => {
      await job.run(local.runtime.deps, local.runtime.deps.clock.now());
      return { status: 200 };
    });
  }
} finally {
  await local.close();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(table(rows));
const failed = rows.filter((r) => String(r.result).startsWith('FAIL'));
console.log(`\n${failed.length} of ${rows.length} probes failed with threshold ${threshold}.`);
