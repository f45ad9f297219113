/**
 * Access decisions through the bot's HTTP protocol against the local SharePoint server: Graph
 * requests and SharePoint resource units per operation (counted by the store's GraphTrafficObserver),
 * and invoke latency with 50 owners deciding at the same time. The app is composed as in local mode
 * (bot/runtime + bot/server + the demo organisation), plus 50 benchmark owners with one system each.
 * Figures, not pass/fail. Run: `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCAL_TENANT_ID, loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { createRuntime } from '../../bot/runtime';
import { createApp, listen } from '../../bot/server';
import { StaticDirectory, type SeedPerson } from '../../core/adapters/directory/static-directory';
import { connectSharePoint } from '../../core/adapters/sharepoint';
import type { RecordInput, RecordOf } from '../../core/domain';
import { startLocalGraphServer } from '../../teams-app/local/graph-server';
import { loadPeople, seedDemoOrganisation } from '../../teams-app/local/seed-demo';
import { startFakeConnector } from '../support/fake-connector';
import { resourceUnits, summarise, table } from './stats';

const OWNERS = 50;
const ADMIN = 'd0000000-0000-4000-8000-000000000008';
const REQUESTER = 'd0000000-0000-4000-8000-000000000016';
const owner = (n: number) => `b0000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`;

export interface AccessBenchOptions {
  /** Added latency per Graph request in the local server (ms); 20 is closer to Graph. */
  latencyMs?: number;
  /** Decisions per owner in the sustained concurrent phase. */
  rounds?: number;
}

export async function benchAccess(options: AccessBenchOptions = {}): Promise<string> {
  const rounds = options.rounds ?? 3;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-access-bench-'));
  const graph = await startLocalGraphServer({ port: 0, ...(options.latencyMs ? { faults: { latencyMs: [options.latencyMs, options.latencyMs] } } : {}) });
  const connector = await startFakeConnector();
  const calls: { method: string; url: string }[] = [];
  let counting = false;
  const sp = await connectSharePoint({
    baseUrl: graph.url,
    getToken: async () => graph.token,
    userAgent: 'NONISV|StockholmStad|LISforTeams/bench',
    provision: true,
    observer: { onRequest: (r) => counting && calls.push(r) },
  });
  const t = { now: Date.parse('2026-11-28T09:00:00.000Z') };
  const clock = { now: () => new Date(t.now) };
  const owners: SeedPerson[] = Array.from({ length: OWNERS }, (_, n) => ({
    aadObjectId: owner(n),
    displayName: `Ägare ${n + 1}`,
    email: `agare${n + 1}@soderbyn.example`,
    unit: 'ADM',
    managerAadObjectId: null,
    roles: [],
  }));
  const config = loadConfig({ PORT: '0', LOCAL_GRAPH_URL: graph.url, LIS_DATA_DIR: dataDir });
  // $batch bodies are invisible to the observer: count their inner requests at the store instead.
  let inner = 0;
  const store = new Proxy(sp.store, {
    get(target, prop, receiver) {
      if (prop === 'createMany') return (list: never, records: unknown[]) => ((inner += counting ? records.length : 0), target.createMany(list, records as never));
      if (prop === 'getMany') return (list: never, ids: string[]) => ((inner += counting ? new Set(ids).size : 0), target.getMany(list, ids));
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const runtime = createRuntime({ config, store, directory: new StaticDirectory([...loadPeople(), ...owners]), clock, log: createLogger({ silent: true }) });
  const server = await listen(createApp({ runtime }), '127.0.0.1', 0);
  let n = 0;
  try {
    await seedDemoOrganisation({ store, clock, tenantId: LOCAL_TENANT_ID, serviceUrl: connector.serviceUrl });
    const assets = await store.createMany(
      'InformationAssets',
      owners.map((o, i) => ({
        key: `bench:asset:${i}`,
        data: {
          code: `BN-${String(i + 1).padStart(3, '0')}`, name: `Benchmarksystem ${i + 1}`, description: 'Benchmark.', information: 'Benchmark.', critical: false,
          ownerId: o.aadObjectId, delegateId: null, contactId: null, unit: 'ADM', systemOwnerId: null, confidentiality: null, integrity: null, availability: null,
          traceability: null, classifiedAt: null, classifiedBy: null, priority: null, nextReviewAt: null, supplierIds: [], notes: null, updatedAt: clock.now().toISOString(),
        } satisfies RecordInput<'InformationAssets'>,
      })),
    );
    const pending = (i: number, k: number): RecordOf<'AccessRequests'> => ({
      kind: 'new', subjectId: REQUESTER, requesterId: REQUESTER, assetId: assets[i]!.id, role: `Benchmarkroll ${k}`, justification: 'Benchmark.', validUntil: null, grantId: null,
      ownerId: owners[i]!.aadObjectId, delegateId: null, status: 'pending', decidedBy: null, decidedAt: null, decisionComment: null, takenBy: null, takenAt: null,
      completedBy: null, completedAt: null, requestedAt: clock.now().toISOString(), origin: 'request',
    });
    const requests = await store.createMany('AccessRequests', assets.flatMap((_, i) => Array.from({ length: rounds + 2 }, (__, k) => ({ key: `bench:request:${i}:${k}`, data: pending(i, k) }))));
    const byOwner = owners.map((_, i) => requests.filter((r) => r.data.ownerId === owners[i]!.aadObjectId).map((r) => r.id));

    const activity = (from: string, extra: Record<string, unknown>) => ({
      channelId: 'msteams', serviceUrl: connector.serviceUrl, id: `bench-${++n}`, timestamp: clock.now().toISOString(), locale: 'sv-SE',
      from: { id: `29:${from}`, aadObjectId: from, name: '' }, recipient: { id: '28:lis-local-bot', name: 'LIS' },
      conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID }, channelData: { tenant: { id: LOCAL_TENANT_ID } }, ...extra,
    });
    const post = async (body: unknown) => {
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      return text;
    };
    const execute = (from: string, verb: string, data: Record<string, unknown>) => post(activity(from, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } }));
    // Everyone has talked with the bot once (their 1:1 conversation is known), as in Teams.
    for (const who of [...owners.map((o) => o.aadObjectId), ADMIN, REQUESTER]) await post(activity(who, { type: 'message', text: 'hej' }));

    const rows: Record<string, string | number>[] = [];
    const names = new Map([...sp.listIds].map(([k, v]) => [v, k]));
    const cost = () => {
      const batches = calls.filter((c) => c.url.includes('/$batch')).length;
      // A $batch costs what its inner requests cost (2 RU each: the access paths batch writes and multi-reads).
      return { requests: calls.length, ru: calls.reduce((s, c) => s + (c.url.includes('/$batch') ? 0 : resourceUnits(c.method, c.url)), 0) + inner * 2, batches };
    };
    async function measure(name: string, ops: { from: string; verb: string; data: Record<string, unknown>; expect: string }[], concurrency: number) {
      calls.length = 0;
      inner = 0;
      counting = true;
      const samples: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < ops.length; i = next++) {
            const op = ops[i]!;
            const t0 = performance.now();
            const body = await execute(op.from, op.verb, op.data);
            samples.push(performance.now() - t0);
            if (!body.includes(op.expect)) throw new Error(`${name}: unexpected answer ${body.slice(0, 300)}`);
          }
        }),
      );
      counting = false;
      // BENCH_DEBUG=1 prints the Graph requests of the first operation, by list.
      if (process.env.BENCH_DEBUG && ops.length) console.log(name, calls.slice(0, Math.ceil(calls.length / ops.length)).map((c) => `${c.method} ${decodeURIComponent(c.url).replace(/^.*\/lists\/([0-9a-f-]+)/, (_, id: string) => names.get(id) ?? id).slice(0, 90)}`));
      const wall = (performance.now() - started) / 1000;
      const s = summarise(samples);
      const c = cost();
      rows.push({ operation: name, ops: ops.length, conc: concurrency, 'ops/s': ops.length / wall, 'p50 ms': s.p50, 'p95 ms': s.p95, 'p99 ms': s.p99, 'max ms': s.max, 'graph req/op': c.requests / ops.length, 'RU/op': c.ru / ops.length, '$batch/op': c.batches / ops.length });
    }

    // Per operation, one at a time (steady state: actors' conversations known).
    await measure('approve (owner decides)', owners.slice(0, 20).map((o, i) => ({ from: o.aadObjectId, verb: 'access.request.approve', data: { requestId: byOwner[i]![0]!, comment: 'Ok.' }, expect: 'Ditt beslut är sparat' })), 1);
    await measure('approve again (double click)', owners.slice(0, 20).map((o, i) => ({ from: o.aadObjectId, verb: 'access.request.approve', data: { requestId: byOwner[i]![0]! }, expect: 'redan beslutat' })), 1);
    await measure('approve by non-owner (refused)', owners.slice(0, 20).map((_, i) => ({ from: REQUESTER, verb: 'access.request.approve', data: { requestId: byOwner[i + 20]![0]! }, expect: 'Du kan inte besluta' })), 1);
    await measure('task done (admin unit)', owners.slice(0, 20).map((_, i) => ({ from: ADMIN, verb: 'access.task.done', data: { requestId: byOwner[i]![0]! }, expect: 'behörighetsregistret är uppdaterat' })), 1);
    // Delivering what those 20 decisions and 20 completions put in the outbox (owner card, requester, admin task…).
    calls.length = 0;
    inner = 0;
    counting = true;
    let sent = 0;
    for (let i = 0; i < 20; i++) {
      const r = await runtime.outbox.drain();
      sent += r.sent;
      if (r.sent === 0 && r.retried === 0) break;
    }
    counting = false;
    const delivery = cost();
    rows.push({ operation: `outbox: ${sent} cards for 20 decisions + 20 done`, ops: sent, conc: 4, 'ops/s': '', 'p50 ms': '', 'p95 ms': '', 'p99 ms': '', 'max ms': '', 'graph req/op': delivery.requests / Math.max(1, sent), 'RU/op': delivery.ru / Math.max(1, sent), '$batch/op': delivery.batches / Math.max(1, sent) });

    // 50 owners deciding at the same moment: once each, then `rounds` each back to back.
    const burst = owners.map((o, i) => ({ from: o.aadObjectId, verb: 'access.request.approve', data: { requestId: byOwner[i]![1]! }, expect: 'Ditt beslut är sparat' }));
    await measure(`approve, ${OWNERS} owners at once`, burst, OWNERS);
    const sustained = owners.flatMap((o, i) => byOwner[i]!.slice(2, rounds + 2).map((requestId) => ({ from: o.aadObjectId, verb: 'access.request.approve', data: { requestId }, expect: 'Ditt beslut är sparat' })));
    await measure(`approve, ${OWNERS} owners × ${rounds} in a row`, sustained, OWNERS);
    return table(rows);
  } finally {
    await runtime.stop();
    await server.close();
    await graph.close();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Both runs with headings, as `npm run bench` prints them. */
export async function benchAccessReport(): Promise<string> {
  return [
    '\nAccess decisions through the bot protocol: Graph requests and SharePoint RU per operation, 50 owners at once (local server, loopback)',
    await benchAccess(),
    '\nThe same with 20 ms added latency per Graph request (closer to Graph)',
    await benchAccess({ latencyMs: 20 }),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchAccessReport());
}
