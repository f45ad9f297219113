/**
 * The Graph budget (issue 18.3, ADR 021): what one person waits for an incident report while the
 * outbox delivers a backlog and throttling comes and goes — with the budget's background share
 * (the default: 8 of 32 slots, paused by a Retry-After to one of them) and with background work allowed every slot
 * but one (`GRAPH_BACKGROUND_CONCURRENCY=31`, about how it was before). Local server, 10 ms per
 * request, 5 % of requests answered 429 with Retry-After 1 s. Figures, not pass/fail.
 *
 *   npx tsx tests/bench/budget.bench.ts
 */
import { randomUUID } from 'node:crypto';
import { startBotHarness } from '../support/bot-harness';
import { table } from './stats';

const STAFF = 'd0000000-0000-4000-8000-000000000016';
const ISAM = 'd0000000-0000-4000-8000-000000000002';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

const draft = (n: number) => ({
  id: randomUUID(), category: 'phishing', title: '', description: `Misstänkt nätfiskemejl nummer ${n}.`, discoveredDate: '2026-11-20', discoveredTime: '08:30',
  occurredDate: '', occurredTime: '', occurredUnknown: 'true', assetId: '', supplierId: '', involved: 'no', approxSubjects: '', dataCategories: '', protectedIdentity: 'false',
});

export async function benchBudget(backlogReports = 60, measured = 15): Promise<string> {
  const rows: Record<string, string | number>[] = [];
  for (const [label, env] of [
    ['background share 8 of 32 (default)', {}],
    ['background may take 31 of 32', { GRAPH_BACKGROUND_CONCURRENCY: '31' }],
  ] as const) {
    const h = await startBotHarness({ now: '2026-11-20T09:00:00.000Z', env: { READ_CACHE_SECONDS: '30', ...env } });
    try {
      await h.channelMessage(ISAM, 'koppla isam');
      await h.message(STAFF, 'hjälp');
      const submit = async (n: number) => {
        const res = await h.execute(STAFF, 'incident.report.submit', { verb: 'incident.report.submit', step: 'review', draft: JSON.stringify(draft(n)) });
        if (!JSON.stringify(res.body).includes('Rapporten är mottagen')) throw new Error(`submit failed: ${JSON.stringify(res.body).slice(0, 300)}`);
      };
      // A backlog: each report leaves its notifications in the outbox (nothing drains meanwhile).
      for (let i = 0; i < backlogReports; i++) await submit(i);
      await h.app.runtime.deps.background!.idle();
      const graph = h.app.graph!;
      graph.setFaults({ latencyMs: [10, 10], rate429: 0.05, retryAfterSeconds: 1 });
      const budget = h.app.sharepoint.budget;
      const before = budget.stats();
      // The outbox drains (background) while one person reports, one report after the other.
      let draining = true;
      const drain = (async () => {
        while (draining) {
          const r = await h.app.runtime.outbox.drain();
          if (r.sent + r.retried + r.dead === 0) break;
        }
      })();
      const ms: number[] = [];
      for (let i = 0; i < measured; i++) {
        const t0 = performance.now();
        await submit(1000 + i);
        ms.push(performance.now() - t0);
      }
      const after = budget.stats();
      draining = false;
      graph.setFaults({});
      await drain;
      rows.push({
        budget: label,
        'report p50 ms': Math.round(pct(ms, 50)),
        'report p95 ms': Math.round(pct(ms, 95)),
        'user requests that waited': after.waited.user.count - before.waited.user.count,
        'background waits': after.waited.background.count - before.waited.background.count,
        'background wait s': Math.round((after.waited.background.ms - before.waited.background.ms) / 100) / 10,
        'background pauses (Retry-After)': after.pauses - before.pauses,
      });
    } finally {
      await h.close();
    }
  }
  return table(rows);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchBudget());
}
