/**
 * The one bench table (issue 18.5): every user operation at 1, 10 and 50 concurrent users through
 * the bot protocol, beside the echo-bot floor measured in the same run.
 *
 * Four processes, all on 127.0.0.1 on ephemeral ports, with their own temporary data folder:
 * - the app (support/app-process.ts), composed as local mode composes it; its own CPU and memory
 *   are read over IPC (process.cpuUsage / process.memoryUsage), so CPU per operation is the app's
 *   alone: the delta over a run (recounts the writes started included) / operations;
 * - the local SharePoint-lists server (support/graph-process.ts), which counts the Graph requests;
 * - a bare echo bot on the same stack (support/echo-process.ts): the floor, for messages (echoed
 *   through the Bot Connector) and for invokes (a small card in the invoke response);
 * - this process: the fake Bot Connector both bots reply through, and the users.
 *
 * A user is a loop sending its next operation as soon as the last is answered (closed loop); every
 * answer is checked for the right text, so a failing operation cannot look fast. Each operation is
 * warmed up first. The bot's rate limits are lifted (one administrative-unit member takes hundreds
 * of tasks). Goal (issue 18): p95 ≤ 3× the floor at 50 users, ≤ 3 Graph round trips per submit or
 * decision. Figures, never pass/fail. Run alone: `npx tsx tests/bench/load.bench.ts`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCAL_TENANT_ID } from '../../bot/config';
import type { SeedPerson } from '../../core/adapters/directory/static-directory';
import { connectSharePoint } from '../../core/adapters/sharepoint';
import type { RecordInput, RecordOf } from '../../core/domain';
import { SCALE_PEOPLE_FILE } from '../../teams-app/local/seed-data';
import { loadPeople } from '../../teams-app/local/seed-demo';
import { startFakeConnector, type FakeConnector, type SentActivity } from '../support/fake-connector';
import { startChild, type Child, type Usage } from './support/children';
import { summarise, table } from './stats';
import { benchTabFigures } from './tab.bench';

const ADMIN = 'd0000000-0000-4000-8000-000000000008';
const owner = (n: number) => `b1000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`;
const staff = (n: number) => `b2000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`;

type Kind = 'invoke' | 'message';
interface Operation {
  name: string;
  kind: Kind;
  /** The fewest Graph round trips the operation can do with (issue 18.1). */
  minimum: string;
  /** The i-th activity of this operation (i counts over warm-up and every run). */
  activity(i: number): Record<string, unknown>;
  /** Text the answer must contain (the invoke response, or the reply through the connector). */
  expect: string;
}

export interface LoadLevel {
  users: number;
  ops: number;
}

export interface LoadOptions {
  levels?: LoadLevel[];
  /** Operations per operation kind before measuring (besides the Graph count's). */
  warmup?: number;
  /** Operations counted one at a time for the Graph requests. */
  graphRuns?: number;
  /** Bench owners (each with one system and a queue of requests). */
  owners?: number;
  /** Measure the tab too (initial JavaScript, first render in Chromium). */
  tab?: boolean;
  log?: (line: string) => void;
}

export interface LoadRow {
  operation: string;
  kind: Kind | 'floor';
  users: number;
  ops: number;
  opsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  floorP95: number;
  ratio: number;
  cpuMsPerOp: number;
  graphPerOp: number;
}

export interface LoadResult {
  text: string;
  rows: LoadRow[];
  graph: { operation: string; roundTrips: number; requests: number; operations: number; minimum: string }[];
  memory: { rest: NodeJS.MemoryUsage; peak: { rss: number; heapUsed: number; samples: number } };
  seconds: number;
  /** The pids of the children, for checking that none outlived the bench. */
  pids: number[];
  /** The tab bench's own text (its chunks and every view), when the tab was measured. */
  tabText: string | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;
const cpuMs = (a: Usage, b: Usage) => (b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system) / 1000;

export async function benchLoad(options: LoadOptions = {}): Promise<LoadResult> {
  const started = performance.now();
  const levels = options.levels ?? [{ users: 1, ops: 30 }, { users: 10, ops: 100 }, { users: 50, ops: 200 }];
  const warmup = options.warmup ?? 10;
  const graphRuns = options.graphRuns ?? 3;
  const OWNERS = options.owners ?? 50;
  const log = options.log ?? (() => undefined);
  const perOperation = warmup + graphRuns + levels.reduce((s, l) => s + l.ops, 0);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-load-bench-'));
  const token = randomBytes(24).toString('base64url');
  const owners: SeedPerson[] = Array.from({ length: OWNERS }, (_, n) => ({
    aadObjectId: owner(n), displayName: `Lastägare ${n + 1}`, email: `lastagare${n + 1}@soderbyn.example`, unit: 'ADM', managerAadObjectId: null, roles: [],
  }));
  // As many staff as the most users, so that each user is a person of their own (nobody sends two
  // things at once), each with a line manager of the demo organisation.
  const demoStaff = loadPeople().filter((p) => {
    const account = p as { userType?: string; accountEnabled?: boolean };
    return p.managerAadObjectId && account.userType !== 'Guest' && account.accountEnabled !== false;
  });
  const benchStaff: SeedPerson[] = Array.from({ length: Math.max(0, Math.max(...levels.map((l) => l.users)) - demoStaff.length) }, (_, n) => ({
    aadObjectId: staff(n), displayName: `Lastmedarbetare ${n + 1}`, email: `lastmedarbetare${n + 1}@soderbyn.example`, unit: demoStaff[n % demoStaff.length]!.unit,
    managerAadObjectId: demoStaff[n % demoStaff.length]!.managerAadObjectId, roles: [],
  }));
  // The local directory reads the generated people of the data folder beside people.json.
  writeFileSync(path.join(dataDir, SCALE_PEOPLE_FILE), `${JSON.stringify([...owners, ...benchStaff], null, 2)}\n`);

  const children: Child<{ url: string }>[] = [];
  let connector: FakeConnector | null = null;
  try {
    connector = await startFakeConnector();
    const graph = await startChild<{ url: string }>('local Graph server', 'tests/bench/support/graph-process.ts', { LOAD_GRAPH_DB: path.join(dataDir, 'graph.sqlite'), LOAD_GRAPH_TOKEN: token });
    children.push(graph);
    const echo = await startChild<{ url: string }>('echo bot', 'tests/bench/support/echo-process.ts');
    children.push(echo);
    const app = await startChild<{ url: string }>('app', 'tests/bench/support/app-process.ts', {
      PORT: '0', HOST: '127.0.0.1', LOCAL_GRAPH_URL: graph.ready.url, LOCAL_GRAPH_TOKEN: token, LOCAL_GRAPH_PORT: '', LIS_DATA_DIR: dataDir, LIS_MODE: 'local',
      BOT_RATE_USER: '1000000/1000000', BOT_RATE_TENANT: '1000000/1000000',
    });
    children.push(app);
    log(`children: app ${app.pid}, Graph ${graph.pid}, echo ${echo.pid}; data ${dataDir}`);

    // Seed what the operations need: one system per bench owner, a queue of pending requests per
    // owner, and approved requests waiting for the administrative unit.
    const sp = await connectSharePoint({ baseUrl: graph.ready.url, getToken: async () => token, userAgent: 'NONISV|StockholmStad|LISforTeams/load-bench', provision: false });
    const store = sp.store;
    const now = new Date().toISOString();
    const demoAssets = (await store.query('InformationAssets', { pageSize: 20 })).items.map((a) => a.id);
    const assets = await store.createMany(
      'InformationAssets',
      owners.map((o, i) => ({
        key: `load:asset:${i}`,
        data: {
          code: `LB-${String(i + 1).padStart(3, '0')}`, name: `Lastsystem ${i + 1}`, description: 'Benchmark.', information: 'Benchmark.', critical: false,
          ownerId: o.aadObjectId, delegateId: null, contactId: null, unit: 'ADM', systemOwnerId: null, confidentiality: null, integrity: null, availability: null,
          traceability: null, classifiedAt: null, classifiedBy: null, priority: null, nextReviewAt: null, supplierIds: [], notes: null, updatedAt: now,
        } satisfies RecordInput<'InformationAssets'>,
      })),
    );
    // Staff with a manager; not guests or disabled accounts (LIS refuses those, as it should).
    const people = [...demoStaff, ...benchStaff];
    const request = (i: number, status: 'pending' | 'approved', tag: string): RecordOf<'AccessRequests'> => {
      const p = people[i % people.length]!.aadObjectId;
      const o = owners[i % OWNERS]!.aadObjectId;
      return {
        kind: 'new', subjectId: p, requesterId: p, assetId: assets[i % OWNERS]!.id, role: `Lastroll ${tag} ${i}`, justification: 'Benchmark.', validUntil: null, grantId: null,
        ownerId: o, delegateId: null, status, decidedBy: status === 'approved' ? o : null, decidedAt: status === 'approved' ? now : null, decisionComment: null,
        takenBy: null, takenAt: null, completedBy: null, completedAt: null, requestedAt: now, origin: 'request',
      };
    };
    const seed = async (tag: string, status: 'pending' | 'approved') =>
      (await store.createMany('AccessRequests', Array.from({ length: perOperation }, (_, i) => ({ key: `load:request:${tag}:${i}`, data: request(i, status, tag) })))).map((r) => r.id);
    const pending = await seed('decide', 'pending');
    const toTake = await seed('take', 'approved');
    const toFinish = await seed('done', 'approved');
    log(`seeded ${OWNERS} systems and ${3 * perOperation} requests in ${Math.round(performance.now() - started)} ms`);

    let n = 0;
    const activity = (from: string, extra: Record<string, unknown>) => ({
      channelId: 'msteams', serviceUrl: connector!.serviceUrl, id: `load-${++n}`, timestamp: new Date().toISOString(), locale: 'sv-SE',
      from: { id: `29:${from}`, aadObjectId: from, name: '' }, recipient: { id: '28:lis-local-bot', name: 'LIS' },
      conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID }, channelData: { tenant: { id: LOCAL_TENANT_ID } }, ...extra,
    });
    const invoke = (from: string, verb: string, data: Record<string, unknown>) => activity(from, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
    const message = (from: string, text: string) => activity(from, { type: 'message', text });
    // Discovered today at midnight, Swedish time: never in the future, whenever the bench runs.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const draft = (i: number) => ({
      id: randomUUID(), category: 'phishing', title: '', description: `Misstänkt nätfiskemejl nummer ${i}.`, discoveredDate: today, discoveredTime: '00:00',
      occurredDate: '', occurredTime: '', occurredUnknown: 'true', assetId: demoAssets[i % demoAssets.length]!, supplierId: '', involved: 'no', approxSubjects: '', dataCategories: '', protectedIdentity: 'false',
    });
    const person = (i: number) => people[i % people.length]!.aadObjectId;

    const floors: Record<Kind, Operation> = {
      message: { name: 'echo bot: message (floor)', kind: 'message', minimum: '0', activity: (i) => message(person(i), `hej ${i}`), expect: 'Eko: hej' },
      invoke: { name: 'echo bot: invoke (floor)', kind: 'invoke', minimum: '0', activity: (i) => invoke(person(i), 'echo', { i }), expect: 'Eko-kort' },
    };
    const operations: Operation[] = [
      {
        name: 'incident submit', kind: 'invoke', minimum: '3: person ∥ system, create, audit+cards $batch', expect: 'Rapporten är mottagen',
        activity: (i) => invoke(person(i), 'incident.report.submit', { verb: 'incident.report.submit', step: 'review', draft: JSON.stringify(draft(i)) }),
      },
      {
        name: 'access request submit', kind: 'invoke', minimum: '3: person, their grants+requests $batch, create, audit+cards $batch', expect: 'Begäran skickad',
        activity: (i) => invoke(person(i), 'access.request.submit', { formId: `load-form-${i}`, kind: 'new', subjectId: person(i), assetId: assets[i % OWNERS]!.id, role: `Lastroll ny ${i}`, justification: 'Benchmark.', validUntil: '', grantId: '' }),
      },
      {
        name: "owner's access decision", kind: 'invoke', minimum: '3 (2 known): person with assets, request ∥ adm. unit, update+audit+cards $batch', expect: 'Ditt beslut är sparat',
        activity: (i) => invoke(owners[i % OWNERS]!.aadObjectId, 'access.request.approve', { requestId: pending[i]!, comment: 'Ok.' }),
      },
      {
        name: 'access task taken (adm. unit)', kind: 'invoke', minimum: '3 (2 known): person, task ∥ adm. unit, update+audit+card $batch', expect: 'Du har tagit uppgiften',
        activity: (i) => invoke(ADMIN, 'access.task.take', { requestId: toTake[i]! }),
      },
      {
        name: 'access task done (adm. unit)', kind: 'invoke', minimum: '3: read, register write, update+audit+cards $batch', expect: 'behörighetsregistret är uppdaterat',
        activity: (i) => invoke(ADMIN, 'access.task.done', { requestId: toFinish[i]! }),
      },
      { name: '"mina ärenden" (reply via connector)', kind: 'message', minimum: '1: the person\'s cases in one $batch (no roles needed; years of history known)', expect: 'Incidenter jag rapporterat', activity: (i) => message(person(i), 'mina ärenden') },
    ];

    // Replies through the connector, by the activity they answer.
    const replies = new Map<string, SentActivity[]>();
    let cursor = 0;
    const repliesTo = (id: string) => {
      for (; cursor < connector!.sent.length; cursor++) {
        const s = connector!.sent[cursor]!;
        if (s.activityId) replies.set(s.activityId, [...(replies.get(s.activityId) ?? []), s]);
      }
      const found = replies.get(id) ?? [];
      replies.delete(id);
      return found;
    };
    const send = async (url: string, op: Operation, i: number): Promise<number> => {
      const body = op.activity(i);
      const t0 = performance.now();
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      const ms = performance.now() - t0;
      const answer = op.kind === 'invoke' ? text : JSON.stringify(repliesTo(String(body.id)).map((s) => s.activity));
      if (res.status !== 200 || !answer.includes(op.expect)) throw new Error(`${op.name} #${i}: HTTP ${res.status}, expected "${op.expect}" in ${(answer || text).slice(0, 400)}`);
      return ms;
    };
    const next = new Map<Operation, number>();
    const take = (op: Operation) => {
      const i = next.get(op) ?? 0;
      next.set(op, i + 1);
      return i;
    };
    /** `ops` operations by `users` users, each sending its next as soon as its last is answered. */
    const drive = async (url: string, op: Operation, users: number, ops: number) => {
      const samples: number[] = [];
      let left = ops;
      await Promise.all(
        Array.from({ length: Math.min(users, ops) }, async () => {
          while (left > 0) {
            left--;
            samples.push(await send(url, op, take(op)));
          }
        }),
      );
      return samples;
    };

    // Everyone has talked with the bot once (their 1:1 conversation is known), as in Teams.
    for (const who of [...new Set([...owners.map((o) => o.aadObjectId), ADMIN, ...people.map((p) => p.aadObjectId)])]) {
      await send(app.ready.url, { name: 'hjälp', kind: 'message', minimum: '', expect: '', activity: () => message(who, 'hjälp') }, 0);
    }
    await app.call('idle');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rest = (await app.call<Usage>('usage')).memory;

    // Graph requests per operation, one at a time, with the recounts a write starts held back and
    // 10 ms added per request (so that requests sent together overlap and count as one round trip).
    const graphRows: LoadResult['graph'] = [];
    await graph.call('faults', { latencyMs: [10, 10] });
    for (const op of operations) {
      const seen: { requests: number; operations: number; waves: number }[] = [];
      for (let r = 0; r < graphRuns; r++) {
        await app.call('idle');
        await app.call('hold');
        await graph.call('reset');
        try {
          await send(app.ready.url, op, take(op));
          seen.push(await graph.call('traffic'));
        } finally {
          await app.call('release');
        }
      }
      graphRows.push({ operation: op.name, roundTrips: median(seen.map((s) => s.waves)), requests: median(seen.map((s) => s.requests)), operations: median(seen.map((s) => s.operations)), minimum: op.minimum });
    }
    await graph.call('faults', {});
    await app.call('idle');

    // Warm-up, not measured.
    const isFloor = (op: Operation) => op === floors.message || op === floors.invoke;
    for (const op of [floors.message, floors.invoke, ...operations]) await drive((isFloor(op) ? echo : app).ready.url, op, Math.min(5, warmup), warmup);
    await app.call('idle');

    const rows: LoadRow[] = [];
    const peak = { rss: 0, heapUsed: 0, samples: 0 };
    for (const level of levels) {
      const floorP95: Partial<Record<Kind, number>> = {};
      // Each level starts with one unmeasured burst of its users at once, at the echo bot and at the
      // app: the first burst at a new concurrency is slower (connections opened, heap grown) whatever
      // the operation, and would otherwise count against whichever operation happens to run first.
      if (level.users > 1) {
        await drive(echo.ready.url, floors.invoke, level.users, level.users);
        await drive(app.ready.url, operations[0]!, level.users, level.users);
        await app.call('idle');
      }
      for (const op of [floors.message, floors.invoke, ...operations]) {
        const floorRow = isFloor(op);
        const target = floorRow ? echo : app;
        await app.call('idle');
        await graph.call('reset');
        const before = await target.call<Usage>('usage');
        // Memory at peak: sampled during the runs at the highest concurrency.
        let sampling = level === levels.at(-1);
        const sampler = (async () => {
          while (sampling) {
            const m = (await app.call<Usage>('usage')).memory;
            peak.rss = Math.max(peak.rss, m.rss);
            peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
            peak.samples++;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        })();
        const t0 = performance.now();
        let samples: number[];
        try {
          samples = await drive(target.ready.url, op, level.users, level.ops);
          // The recounts the writes started are part of their cost.
          if (!floorRow) await app.call('idle');
        } finally {
          sampling = false;
          await sampler;
        }
        const wall = (performance.now() - t0) / 1000;
        const after = await target.call<Usage>('usage');
        const traffic = await graph.call<{ requests: number }>('traffic');
        const s = summarise(samples);
        if (floorRow) floorP95[op.kind] = s.p95;
        const floor = floorP95[op.kind]!;
        rows.push({
          operation: op.name, kind: floorRow ? 'floor' : op.kind, users: level.users, ops: samples.length, opsPerSecond: samples.length / wall, p50: s.p50, p95: s.p95, p99: s.p99, floorP95: floor, ratio: s.p95 / floor,
          cpuMsPerOp: cpuMs(before, after) / samples.length, graphPerOp: traffic.requests / samples.length,
        });
        log(`${op.name} at ${level.users} users: p95 ${Math.round(s.p95)} ms, ${(samples.length / wall).toFixed(1)} ops/s`);
      }
    }

    const tab = options.tab === false ? null : await benchTabFigures();
    const seconds = (performance.now() - started) / 1000;
    const out: string[] = [];
    out.push(
      table(
        rows.map((r) => ({
          operation: r.operation, users: r.users, ops: r.ops, 'ops/s': Math.round(r.opsPerSecond), 'p50 ms': Math.round(r.p50), 'p95 ms': Math.round(r.p95), 'p99 ms': Math.round(r.p99),
          'floor p95': r.kind === 'floor' ? '' : Math.round(r.floorP95), '× floor (p95)': r.kind === 'floor' ? '' : Math.round(r.ratio * 10) / 10,
          'CPU ms/op': Math.round(r.cpuMsPerOp * 10) / 10, 'Graph req/op': r.kind === 'floor' ? '' : Math.round(r.graphPerOp * 10) / 10,
        })),
      ),
    );
    out.push('× floor: p95 / the echo bot\'s p95 at the same concurrency (invokes against the invoke floor, messages against the message floor). CPU ms/op: the app\'s own process (the echo bot\'s for the floor rows), recounts after each write included. Graph req/op: every request the run made / operations, recounts included.');
    out.push(`\nGraph per operation, one user at a time (answer only: recounts held back; 10 ms added per request so requests sent together overlap; median of ${graphRuns})`);
    out.push(table(graphRows.map((g) => ({ operation: g.operation, 'round trips': g.roundTrips, 'HTTP requests': g.requests, 'Graph operations (in $batch too)': g.operations, minimum: g.minimum }))));
    out.push(`\nMemory of the app process: at rest (seeded, everyone has said hello once, before load) RSS ${mb(rest.rss)} MB, heap ${mb(rest.heapUsed)} MB; at peak (${peak.samples} samples during the ${levels.at(-1)!.users}-user runs) RSS ${mb(peak.rss)} MB, heap ${mb(peak.heapUsed)} MB`);
    if (tab) out.push(`Tab: initial JavaScript ${tab.initialGzipKB} kB gzip (target ≤ 250 kB); first render (demo sign-in, loopback, cold cache) ${tab.firstRender ? `p50 ${Math.round(tab.firstRender.p50)} / p95 ${Math.round(tab.firstRender.p95)} ms` : 'not measured (no Chromium)'}`);
    out.push(`Goal (issue 18): every operation's p95 ≤ 3× the floor at 50 users; ≤ 3 Graph round trips per submit or decision. Took ${Math.round(seconds)} s (${perOperation} operations per kind; warm-up ${warmup}).`);
    return { text: out.join('\n'), rows, graph: graphRows, memory: { rest, peak }, seconds, pids: children.map((c) => c.pid), tabText: tab?.text ?? null };
  } finally {
    await Promise.all(children.reverse().map((c) => c.stop().catch(() => undefined)));
    await connector?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const loadHeading = (options: LoadOptions = {}) =>
  `The one table (issue 18.5): each operation through the bot protocol at ${(options.levels ?? [{ users: 1 }, { users: 10 }, { users: 50 }]).map((l) => l.users).join(', ')} concurrent users (closed loop, every answer checked, each level opened by one unmeasured burst), beside a bare echo bot on the same stack (CloudAdapter + express, own process, same fake Bot Connector) measured in the same run; the app, the local SharePoint server and the echo bot each in their own process on 127.0.0.1, background loops off, rate limits lifted`;

/** Options from the command line: `--users 1,10,50 --ops 30,100,200 --warmup 10 --no-tab --quiet`. */
export function loadOptionsFromArgs(argv: string[]): LoadOptions {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (name: string) => arg(name)?.split(',').map(Number);
  const users = list('users');
  const ops = list('ops');
  const options: LoadOptions = {};
  if (users) options.levels = users.map((u, i) => ({ users: u, ops: ops?.[i] ?? ops?.at(-1) ?? 4 * u }));
  if (arg('warmup')) options.warmup = Number(arg('warmup'));
  if (argv.includes('--no-tab')) options.tab = false;
  if (!argv.includes('--quiet')) options.log = (l) => console.error(`  ${l}`);
  return options;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = loadOptionsFromArgs(process.argv.slice(2));
  console.log(loadHeading(options));
  console.log((await benchLoad(options)).text);
}
