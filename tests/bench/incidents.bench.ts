/**
 * 50 reporters submit an incident at the same moment through the bot's HTTP protocol (the whole
 * local app, a fake Bot Connector). Prints p50/p95 invoke latency and Graph requests per incident:
 * for the submit itself, and for delivering its notifications through the outbox.
 */
import { randomUUID } from 'node:crypto';
import { loadPeople } from '../../teams-app/local/seed-demo';
import { startBotHarness } from '../support/bot-harness';
import { summarise, table } from './stats';

export async function benchIncidents(reporters = 50): Promise<string> {
  const h = await startBotHarness({ now: '2026-11-20T09:00:00.000Z' });
  try {
    await h.channelMessage('d0000000-0000-4000-8000-000000000002', 'koppla isam');
    // Members of the administration only: guests and disabled accounts are refused (issue 17).
    const people = loadPeople().filter((p) => {
      const account = p as { userType?: string; accountEnabled?: boolean };
      return p.managerAadObjectId && account.userType !== 'Guest' && account.accountEnabled !== false;
    });
    const assets = (await h.app.runtime.deps.store.query('InformationAssets', { pageSize: 20 })).items.map((a) => a.id);
    const drafts = Array.from({ length: reporters }, (_, n) => ({
      from: people[n % people.length]!.aadObjectId,
      draft: {
        id: randomUUID(), category: 'phishing', title: '', description: `Misstänkt nätfiskemejl nummer ${n}.`, discoveredDate: '2026-11-20', discoveredTime: '09:30',
        occurredDate: '', occurredTime: '', occurredUnknown: 'true', assetId: assets[n % assets.length]!, supplierId: '', involved: 'no', approxSubjects: '', dataCategories: '', protectedIdentity: 'false',
      },
    }));
    const graph = h.app.graph!;
    graph.resetRequestCount();
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      drafts.map(async (d) => {
        const t0 = performance.now();
        const res = await h.execute(d.from, 'incident.report.submit', { verb: 'incident.report.submit', step: 'review', draft: JSON.stringify(d.draft) });
        latencies.push(performance.now() - t0);
        if (res.status !== 200 || !JSON.stringify(res.body).includes('Rapporten är mottagen')) throw new Error(`submit failed: ${JSON.stringify(res.body).slice(0, 600)}`);
      }),
    );
    const wall = performance.now() - started;
    const submitRequests = graph.requestCount();
    graph.resetRequestCount();
    let delivered = 0;
    for (let round = 0; round < 10; round++) {
      const r = await h.app.runtime.outbox.drain();
      delivered += r.sent;
      if (r.sent === 0 && r.retried === 0) break;
    }
    const deliveryRequests = graph.requestCount();
    const s = summarise(latencies);
    return table([
      {
        reporters,
        'wall s': wall / 1000,
        'p50 ms': s.p50,
        'p95 ms': s.p95,
        'max ms': s.max,
        'graph req/incident (submit)': submitRequests / reporters,
        'notifications sent': delivered,
        'graph req/notification (outbox)': delivered ? deliveryRequests / delivered : 0,
      },
    ]);
  } finally {
    await h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchIncidents());
}
