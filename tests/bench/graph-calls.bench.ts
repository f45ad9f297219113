/**
 * Graph calls per user operation (issue 18.1), one person at a time through the bot protocol and the
 * tab API against the local SharePoint server, counted by the server: HTTP requests (a `$batch` once),
 * Graph operations (each request inside a `$batch` too), and round trips on the critical path
 * (requests in flight together — side by side or in one `$batch` — are one; the server adds 10 ms
 * per request so that requests sent together overlap, as they do at Graph). Beside each, the
 * minimum such an operation needs, the time one user waits, and the CPU the process spent on it
 * (process.cpuUsage around the operation: the app and the local SharePoint server share this process,
 * so the figure is both). Medians over a few runs of each. Figures, not pass/fail.
 */
import { randomUUID } from 'node:crypto';
import { loadActor } from '../../core/app/people';
import { cardText, startBotHarness } from '../support/bot-harness';
import { table } from './stats';

const STAFF = 'd0000000-0000-4000-8000-000000000016';
const ALI = 'd0000000-0000-4000-8000-000000000017';
const OWNER = 'd0000000-0000-4000-8000-000000000030';
const ADMIN = 'd0000000-0000-4000-8000-000000000008';
const ISAM = 'd0000000-0000-4000-8000-000000000002';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchGraphCalls(runs = 5): Promise<string> {
  const h = await startBotHarness({ now: '2026-11-20T09:00:00.000Z', env: { READ_CACHE_SECONDS: '30' } });
  try {
    await h.channelMessage(ISAM, 'koppla isam');
    const graph = h.app.graph!;
    const deps = h.app.runtime.deps;
    const ia3 = (await deps.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-003' }] })).items[0]!.id;
    // Caches warm, as on a server that has been running: every person has talked to the bot once.
    for (const p of [STAFF, OWNER, ADMIN, ISAM]) await h.message(p, 'hjälp');
    await loadActor(deps, STAFF);

    // 10 ms per request, as Graph is never instant: requests sent side by side then overlap at the
    // server and count as one round trip (on an instant server they would be answered one by one).
    graph.setFaults({ latencyMs: [10, 10] });
    const rows: Record<string, string | number>[] = [];
    const measure = async (operation: string, minimum: string, prepare: (i: number) => Promise<() => Promise<unknown>>) => {
      const seen: { requests: number; operations: number; waves: number; trail: string[] }[] = [];
      const ms: number[] = [];
      const cpus: number[] = [];
      const background = deps.background!;
      const run = background.run.bind(background);
      for (let i = 0; i < runs; i++) {
        const op = await prepare(i);
        await background.idle();
        // The figures a write changes are recounted off the person's path (core/app/figures): held
        // back while the operation is counted, then let go.
        const held: [string, () => Promise<void>][] = [];
        background.run = (key, task) => void held.push([key, task]);
        graph.resetRequestCount();
        const cpu = process.cpuUsage();
        const t0 = performance.now();
        try {
          await op();
        } finally {
          const used = process.cpuUsage(cpu);
          ms.push(performance.now() - t0);
          cpus.push((used.user + used.system) / 1000);
          seen.push(graph.traffic());
          background.run = run;
          for (const [key, task] of held) run(key, task);
        }
        await background.idle();
      }
      if (process.env.BENCH_TRAIL) console.log(`${operation}:\n  ${seen.at(-1)!.trail.join('\n  ')}`);
      rows.push({
        operation,
        'round trips': median(seen.map((s) => s.waves)),
        'HTTP requests': median(seen.map((s) => s.requests)),
        'Graph operations (in $batch too)': median(seen.map((s) => s.operations)),
        minimum,
        'ms (one user)': Math.round(median(ms)),
        'CPU ms (app + local server)': Math.round(median(cpus) * 10) / 10,
      });
    };

    const draft = (n: number) => ({
      id: randomUUID(), category: 'phishing', title: '', description: `Misstänkt nätfiskemejl nummer ${n}.`, discoveredDate: '2026-11-20', discoveredTime: '08:30',
      occurredDate: '', occurredTime: '', occurredUnknown: 'true', assetId: ia3, supplierId: '', involved: 'no', approxSubjects: '', dataCategories: '', protectedIdentity: 'false',
    });
    await measure('incident submit (bot)', '3: person ∥ system, create, audit+cards $batch', async (n) => async () => {
      const res = await h.execute(STAFF, 'incident.report.submit', { verb: 'incident.report.submit', step: 'review', draft: JSON.stringify(draft(n)) });
      if (!JSON.stringify(res.body).includes('Rapporten är mottagen')) throw new Error(`submit failed: ${JSON.stringify(res.body).slice(0, 300)}`);
    });

    let k = 0;
    const submit = (role: string) =>
      h.execute(STAFF, 'access.request.submit', { formId: `bench-form-${++k}`, kind: 'new', subjectId: ALI, assetId: ia3, role, justification: 'Benchmark.', validUntil: '', grantId: '' });
    const requestId = async (role: string) => {
      const res = await submit(role);
      const stored = await deps.store.findByKey('AccessRequests', `access:request:${STAFF}:bench-form-${k}`);
      if (!stored) throw new Error(`request not stored: ${JSON.stringify(res.body).slice(-2500)}`);
      return stored.id;
    };
    await measure('access request submit (bot)', '3: person, their grants+requests $batch, create, audit+cards $batch', async (n) => () => submit(`Benchroll A${n}`));
    await measure('access decision (bot)', '3 (2 known): person with assets, request ∥ adm. unit, update+audit+cards $batch', async (n) => {
      const id = await requestId(`Benchroll D${n}`);
      return () => h.execute(OWNER, 'access.request.approve', { requestId: id });
    });
    const approved = async (n: number, tag: string) => {
      const id = await requestId(`Benchroll ${tag}${n}`);
      await h.execute(OWNER, 'access.request.approve', { requestId: id });
      return id;
    };
    await measure('access task taken (bot)', '3 (2 known): person, task ∥ adm. unit, update+audit+card $batch', async (n) => {
      const id = await approved(n, 'T');
      return () => h.execute(ADMIN, 'access.task.take', { requestId: id });
    });
    await measure('access task done (bot)', '3: read, register write, update+audit+cards $batch', async (n) => {
      const id = await approved(n, 'C');
      return () => h.execute(ADMIN, 'access.task.done', { requestId: id });
    });
    return table(rows);
  } finally {
    await h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchGraphCalls());
}
