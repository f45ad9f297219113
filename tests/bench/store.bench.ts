/**
 * RecordStore against the local SharePoint server, through the production Graph adapter:
 * throughput, latency percentiles, Graph requests and SharePoint resource units per operation.
 * Bounded: a few thousand operations on loopback. Run: `npm run bench`.
 */
import { connectSharePoint } from '../../core/adapters/sharepoint';
import type { RecordOf } from '../../core/domain';
import { startLocalGraphServer } from '../../teams-app/local/graph-server';
import { incident } from '../core/domain/fixtures';
import { resourceUnits, summarise, table } from './stats';

/** A phishing report, varied by unit so that indexed queries have something to select. */
const benchIncident = (n: number): RecordOf<'Incidents'> =>
  incident({ title: `Benchmark ${n}`, category: 'phishing', reporterUnit: `U${n % 7}`, assetId: null, personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } });

export async function benchStore(options: { latencyMs?: number } = {}): Promise<string> {
  const server = await startLocalGraphServer({ port: 0, ...(options.latencyMs ? { faults: { latencyMs: [options.latencyMs, options.latencyMs] } } : {}) });
  const calls: { method: string; url: string }[] = [];
  const sp = await connectSharePoint({
    baseUrl: server.url,
    getToken: async () => server.token,
    userAgent: 'NONISV|StockholmStad|LISforTeams/bench',
    provision: true,
    observer: { onRequest: (r) => calls.push(r) },
  });
  const rows: Record<string, string | number>[] = [];

  async function measure(name: string, count: number, op: (i: number) => Promise<unknown>, concurrency = 1, innerPerCall = 0) {
    calls.length = 0;
    const samples: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          const t0 = performance.now();
          await op(i);
          samples.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const s = summarise(samples);
    const ru = calls.reduce((sum, c) => sum + resourceUnits(c.method, c.url, innerPerCall), 0);
    rows.push({
      operation: name,
      ops: count,
      conc: concurrency,
      'ops/s': count / seconds,
      'p50 ms': s.p50,
      'p95 ms': s.p95,
      'p99 ms': s.p99,
      'graph req/op': calls.length / count,
      'RU/op': ru / count,
    });
  }

  const created: Awaited<ReturnType<typeof sp.store.create<'Incidents'>>>[] = [];
  await measure('create (idempotent key)', 300, async (i) => created.push(await sp.store.create('Incidents', `bench-${i}`, benchIncident(i))));
  await measure('create, 10 concurrent', 300, (i) => sp.store.create('Incidents', `bench-c-${i}`, benchIncident(i)), 10);
  await measure('create again, same key', 100, (i) => sp.store.create('Incidents', `bench-${i}`, benchIncident(i)));
  await measure('createMany ($batch of 20)', 100, (i) => sp.store.createMany('Incidents', Array.from({ length: 20 }, (_, k) => ({ key: `bench-b-${i}-${k}`, data: benchIncident(k) }))), 1, 20);
  await measure('get by id', 300, (i) => sp.store.get('Incidents', created[i % created.length]!.id));
  await measure('getMany 20 ($batch)', 50, (i) => sp.store.getMany('Incidents', created.slice(i, i + 20).map((c) => c.id)), 1, 20);
  await measure('findByKey', 300, (i) => sp.store.findByKey('Incidents', `bench-${i}`));
  await measure('query indexed eq, page 200', 100, (i) => sp.store.query('Incidents', { where: [{ field: 'reporterUnit', op: 'eq', value: `U${i % 7}` }], pageSize: 200 }));
  await measure('update with If-Match', 300, (i) => sp.store.update('Incidents', created[i]!, { severity: 'low' }));
  let total = 0;
  await measure('queryAll (paging, 999/page)', 1, async () => {
    for await (const _ of sp.store.queryAll('Incidents')) total++;
  });
  rows[rows.length - 1]!.operation = `queryAll ${total} items`;
  await server.close();
  return table(rows);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchStore());
}
