/**
 * Issue 14's registers at a size past any district's (RISKS risks, spread over the demo's assets and
 * owners) on the local SharePoint server: a page of the register, one risk with its history, the
 * heat map, the Excel export of every risk, a create, and the reminder job over all of them. Prints
 * p50/p95 latency and Graph requests per call. Figures, not pass/fail.
 */
import { randomUUID } from 'node:crypto';
import { queueRiskReminders } from '../../core/app/risks';
import { riskLevel, type RecordInput } from '../../core/domain';
import { startBotHarness } from '../support/bot-harness';
import { summarise, table } from './stats';

const ISAM = 'd0000000-0000-4000-8000-000000000002';
const OWNERS = ['d0000000-0000-4000-8000-000000000030', 'd0000000-0000-4000-8000-000000000019', 'd0000000-0000-4000-8000-000000000007', 'd0000000-0000-4000-8000-000000000025'];

export async function benchRegisters(options: { risks?: number; rounds?: number } = {}): Promise<string> {
  const risks = options.risks ?? 2_000;
  const rounds = options.rounds ?? 20;
  const h = await startBotHarness({ now: '2026-12-06T09:00:00.000Z' });
  try {
    const graph = h.app.graph!;
    const store = h.app.runtime.deps.store;
    const base = `${h.app.appUrl}/api/v1`;
    const token = ((await (await fetch(`${base}/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: ISAM }) })).json()) as { token: string }).token;
    const headers = { Authorization: `Bearer ${token}`, 'Accept-Language': 'sv-SE' };
    const asset = (await store.findByKey('InformationAssets', 'seed:asset:IA-001'))!.id;

    const t0 = performance.now();
    const records = Array.from({ length: risks }, (_, i) => {
      const likelihood = (i % 4) + 1;
      const consequenceLevel = ((i >> 2) % 4) + 1;
      const data: RecordInput<'Risks'> = {
        code: `RISK-${String(1_000 + i)}`, title: `Benchmarkrisk ${i}`, assetId: asset, process: null, unit: 'IFO', threat: 'Hot.', vulnerability: null, consequence: 'Konsekvens.',
        likelihood, consequenceLevel, level: riskLevel(likelihood, consequenceLevel), treatment: null, treatmentRationale: null, transferredTo: null, actionIds: [],
        residualLikelihood: null, residualConsequence: null, ownerId: OWNERS[i % OWNERS.length]!, decidedBy: null, decidedAt: null,
        reviewAt: `2027-${String((i % 12) + 1).padStart(2, '0')}-15`, status: 'open', createdBy: ISAM, updatedAt: '2026-12-01T09:00:00.000Z', lastReminderAt: null, archived: false, archivedAt: null,
      };
      return { key: `bench:risk:${i}`, data };
    });
    await store.createMany('Risks', records);
    const seeded = performance.now() - t0;

    const rows: Record<string, string | number>[] = [];
    const measure = async (name: string, run: () => Promise<unknown>, n = rounds) => {
      const times: number[] = [];
      graph.resetRequestCount();
      for (let i = 0; i < n; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      const s = summarise(times);
      rows.push({ path: name, calls: n, 'p50 ms': s.p50, 'p95 ms': s.p95, 'graph req/call': graph.requestCount() / n });
    };
    const get = (route: string) => fetch(`${base}${route}`, { headers });
    const some = (await (await get('/risks?search=RISK-10&pageSize=1')).json()) as { items: { id: string }[] };

    await measure('GET /risks (page of 25)', async () => (await get('/risks')).arrayBuffer());
    await measure('GET /risks?level=very_high&sort=reviewAt', async () => (await get('/risks?level=very_high&sort=reviewAt')).arrayBuffer());
    await measure('GET /risks/:id (with history)', async () => (await get(`/risks/${some.items[0]!.id}`)).arrayBuffer());
    await measure('GET /risks/heatmap (org, all open risks)', async () => (await get('/risks/heatmap')).arrayBuffer());
    let bytes = 0;
    let exported = 0;
    await measure(`GET /risks/export.xlsx (${risks + 15} rows)`, async () => {
      const res = await get('/risks/export.xlsx?archived=all');
      bytes = (await res.arrayBuffer()).byteLength;
      exported = Number(res.headers.get('x-export-rows'));
    }, 3);
    await measure('POST /risks', async () =>
      (await fetch(`${base}/risks`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ title: 'Ny risk', assetId: asset, unit: 'IFO', threat: 'Hot.', consequence: 'Konsekvens.', likelihood: 2, consequenceLevel: 3, ownerId: OWNERS[0], reviewAt: '2027-06-30' }),
      })).arrayBuffer(),
    );
    await measure('reminder job (risks due in 30 days)', () => queueRiskReminders(h.app.runtime.deps, h.clock.now()), 2);
    return [
      `${risks} risks written through $batch in ${(seeded / 1000).toFixed(1)} s; the export held ${exported} rows, ${Math.round(bytes / 1024)} kB.`,
      table(rows),
    ].join('\n');
  } finally {
    await h.close();
  }
}
