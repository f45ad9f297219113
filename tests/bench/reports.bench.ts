/**
 * Issue 13's paths, on the seeded site with the local SharePoint server: the incident page (clocks,
 * timeline, drafts, hints), a fresh draft of each report, its .docx, recording a report sent, and the
 * reminder job over every incident with something due. Prints p50/p95 latency and Graph requests per
 * call. Figures, not pass/fail.
 */
import { randomUUID } from 'node:crypto';
import { startBotHarness } from '../support/bot-harness';
import { summarise, table } from './stats';

const ISAM = 'd0000000-0000-4000-8000-000000000002';
const DSO = 'd0000000-0000-4000-8000-000000000003';

export async function benchReports(rounds = 20): Promise<string> {
  const h = await startBotHarness({ now: '2026-12-06T09:00:00.000Z' });
  try {
    const graph = h.app.graph!;
    const base = `${h.app.appUrl}/api/v1`;
    const token = async (personId: string) =>
      ((await (await fetch(`${base}/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId }) })).json()) as { token: string }).token;
    const tokens: Record<string, string> = { [ISAM]: await token(ISAM), [DSO]: await token(DSO) };
    const get = (as: string, route: string) => fetch(`${base}${route}`, { headers: { Authorization: `Bearer ${tokens[as]}`, 'Accept-Language': 'sv-SE' } });
    const id = (await h.app.runtime.deps.store.findByKey('Incidents', 'seed:incident:INC-016'))!.id;

    const rows: Record<string, string | number>[] = [];
    const measure = async (name: string, run: () => Promise<unknown>, n = rounds) => {
      const times: number[] = [];
      graph.resetRequestCount();
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      const s = summarise(times);
      rows.push({ path: name, calls: n, 'p50 ms': s.p50, 'p95 ms': s.p95, 'graph req/call': graph.requestCount() / n });
    };

    await measure('GET /incidents/:id (page)', async () => (await get(ISAM, `/incidents/${id}`)).arrayBuffer());
    for (const [key, as] of [['cs_notification', ISAM], ['cs_final_report', ISAM], ['imy_notification', DSO], ['data_subjects', DSO]] as const) {
      await measure(`GET draft ${key}`, async () => (await get(as, `/incidents/${id}/reports/${key}/draft?fresh=1`)).arrayBuffer());
    }
    await measure('GET document.docx (IMY)', async () => (await get(DSO, `/incidents/${id}/reports/imy_notification/document.docx`)).arrayBuffer());

    // Recording a report sent on fresh incidents (one write of the incident, audit, the card to everyone concerned).
    const ids: string[] = [];
    for (let i = 0; i < rounds; i++) {
      const res = await fetch(`${base}/incidents`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens[ISAM]}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ category: 'malware', title: null, description: `Skadlig kod ${i}.`, occurredAt: null, discoveredAt: '2026-12-06T07:00:00.000Z', assetId: null, supplierId: null, personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } }),
      });
      ids.push(((await res.json()) as { id: string }).id);
    }
    let n = 0;
    await measure('POST …/reports/cs_early_warning (record sent)', async () => {
      const target = ids[n++]!;
      const page = (await (await get(ISAM, `/incidents/${target}`)).json()) as { etag: string };
      graph.resetRequestCount(); // the page read above is the tab's, not the action's
      const res = await fetch(`${base}/incidents/${target}/reports/cs_early_warning`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens[ISAM]}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'If-Match': page.etag },
        body: JSON.stringify({ sentAt: '2026-12-06T08:30:00.000Z', reference: 'MCF-1' }),
      });
      await res.arrayBuffer();
    });
    rows.at(-1)!['graph req/call'] = graph.requestCount();

    graph.resetRequestCount();
    const t0 = performance.now();
    await h.app.runtime.scheduler.tick();
    rows.push({ path: 'scheduler tick (reminders and every other job)', calls: 1, 'p50 ms': performance.now() - t0, 'p95 ms': performance.now() - t0, 'graph req/call': graph.requestCount() });
    return table(rows);
  } finally {
    await h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchReports());
}
