/**
 * CPU per invoke in the app process (issue 18.2: ≤ 6 ms). The local SharePoint-lists server and the
 * fake Bot Connector run in a child process (tests/bench/cpu-child.ts), so their CPU is not counted;
 * the app runs in this process as `npm start` runs it (local mode, provisioned and seeded through the
 * Graph adapter, the short read cache on), driven over HTTP through the bot protocol as Teams drives
 * it. For each operation: a warm-up, then `runs` times N operations one after another with
 * process.cpuUsage() around them; the figure is the median of the runs' CPU per operation.
 *
 * What is in the figure: everything this process does for the request — the HTTP server, botbuilder,
 * the use case, card rendering, the Graph client and its HTTP requests, logging at level info (to
 * /dev/null) — plus this bench's own
 * client side (building the activity, fetch, reading the answer). That client part is measured on
 * its own (requests to the child answered with a small JSON) and subtracted; it is printed too.
 * Figures a write changes are recounted off the person's path (core/app/figures): held back during
 * the measurement and measured afterwards as "background after".
 *
 * `CPU_PROF=1` also writes a V8 CPU profile of each operation's measured runs to .data/cpu-prof/
 * and prints the functions and files with the most self time (profiling itself costs CPU: the
 * figures of a profiled run are higher).
 *
 *   npx tsx tests/bench/cpu.bench.ts            # figures
 *   CPU_PROF=1 npx tsx tests/bench/cpu.bench.ts # figures + profiles and their summaries
 *   CPU_PROF=1 CPU_ONLY='incident' CPU_PER_RUN=50 npx tsx tests/bench/cpu.bench.ts  # one operation, more samples
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { LOCAL_TENANT_ID } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { startLocal } from '../../teams-app/local/launcher';
import { TestClock } from '../support/bot-harness';
import { startProfile, summariseProfile } from './cpu-profile';
import { table } from './stats';

const STAFF = 'd0000000-0000-4000-8000-000000000016';
/**
 * Whom the requests are for, in turn: staff of the demo organisation other than the requester and
 * IA-003's owner. A request reads the subject's own requests (tens over a career, core/app/access
 * requests.ts); one subject for all of the bench's hundreds would measure an unreal person.
 */
const SUBJECTS = [...Array.from({ length: 13 }, (_, i) => 17 + i), ...Array.from({ length: 10 }, (_, i) => 31 + i)].map((n) => `d0000000-0000-4000-8000-0000000000${n}`);
let turn = 0;
const nextSubject = () => SUBJECTS[turn++ % SUBJECTS.length]!;
const OWNER = 'd0000000-0000-4000-8000-000000000030';
const ADMIN = 'd0000000-0000-4000-8000-000000000008';
const ISAM = 'd0000000-0000-4000-8000-000000000002';

/** The goal of issue 18.2. */
const GOAL_MS = 6;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const round = (ms: number) => Math.round(ms * 100) / 100;

interface Child {
  url: string;
  token: string;
  serviceUrl: string;
  cpu(): Promise<number>;
  send(m: string): void;
  stop(): Promise<void>;
}

async function startChild(): Promise<Child> {
  const proc: ChildProcess = fork(path.join(import.meta.dirname, 'cpu-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const first = await new Promise<{ url: string; token: string; serviceUrl: string }>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as never));
    proc.once('exit', (code) => reject(new Error(`the CPU bench's server process ended (${code})`)));
  });
  return {
    ...first,
    cpu: () =>
      new Promise<number>((resolve) => {
        const on = (m: unknown) => {
          const cpu = (m as { cpu?: NodeJS.CpuUsage }).cpu;
          if (!cpu) return;
          proc.off('message', on);
          resolve(cpuMs(cpu));
        };
        proc.on('message', on);
        proc.send('cpu');
      }),
    send: (m) => proc.send(m),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.send('stop');
      }),
  };
}

export interface CpuBenchOptions {
  /** Measured runs per operation (median of them). */
  runs?: number;
  /** Operations per run. */
  perRun?: number;
  /** Write and summarise CPU profiles (default: CPU_PROF=1). */
  profile?: boolean;
}

export async function benchCpu(options: CpuBenchOptions = {}): Promise<string> {
  const runs = options.runs ?? 5;
  const perRun = options.perRun ?? (Number(process.env.CPU_PER_RUN) || 10);
  const profile = options.profile ?? process.env.CPU_PROF === '1';
  const child = await startChild();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-cpu-'));
  const clock = new TestClock(Date.parse('2026-11-20T09:00:00.000Z'));
  const app = await startLocal({
    env: {
      PORT: '0',
      LIS_DATA_DIR: dataDir,
      LOCAL_GRAPH_URL: child.url,
      LOCAL_GRAPH_TOKEN: child.token,
      BOT_RATE_USER: '1000000/1000000',
      BOT_RATE_TENANT: '1000000/1000000',
      READ_CACHE_SECONDS: '300',
    },
    clock,
    quiet: true,
    // Logged as `npm start` logs (level info), to /dev/null: what logging costs is counted.
    logger: createLogger({ level: 'info', destination: pino.destination({ dest: '/dev/null', sync: true }) }),
    background: false,
  });
  const out: string[] = [];
  try {
    const deps = app.runtime.deps;
    const background = deps.background!;
    let counter = 0;
    const base = (from: string) => ({
      channelId: 'msteams',
      serviceUrl: child.serviceUrl,
      id: `act-in-${++counter}`,
      timestamp: clock.now().toISOString(),
      locale: 'sv-SE',
      from: { id: `29:${from}`, aadObjectId: from, name: '' },
      recipient: { id: '28:lis-local-bot', name: 'LIS' },
      conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID },
      channelData: { tenant: { id: LOCAL_TENANT_ID } },
    });
    const post = async (activity: Record<string, unknown>) => {
      const res = await fetch(`${app.appUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
      return text;
    };
    const message = (from: string, text: string) => post({ ...base(from), type: 'message', text });
    const execute = (from: string, verb: string, data: Record<string, unknown>) =>
      post({ ...base(from), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
    const settled = async <T>(p: Promise<T>) => {
      const v = await p;
      await background.idle();
      return v;
    };

    // The ISAM connects the incident channel, and every person has talked to the bot once: caches
    // warm, as on a server that has been running.
    await settled(
      post({
        ...base(ISAM),
        type: 'message',
        text: '<at>LIS</at> koppla isam',
        conversation: { id: '19:isam-bench@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, tenantId: LOCAL_TENANT_ID },
        entities: [{ type: 'mention', text: '<at>LIS</at>', mentioned: { id: '28:lis-local-bot', name: 'LIS' } }],
        channelData: { tenant: { id: LOCAL_TENANT_ID }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:isam-bench@thread.tacv2', name: 'Incidenter' } },
      }),
    );
    for (const p of [STAFF, OWNER, ADMIN, ISAM]) await settled(message(p, 'hjälp'));
    const ia3 = (await deps.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-003' }] })).items[0]!.id;

    // This process's own client side of one request (build, fetch, read the answer), to subtract.
    const graphRequests = async () => ((await (await fetch(`${child.url}/_local/stats`, { headers: { Authorization: `Bearer ${child.token}` } })).json()) as { requests: number }).requests;
    const clientSide = async () => {
      const once = () => fetch(`${child.url}/_local/stats`, { headers: { Authorization: `Bearer ${child.token}` } }).then((r) => r.text());
      for (let i = 0; i < 50; i++) await once();
      const samples: number[] = [];
      for (let r = 0; r < runs; r++) {
        const c = process.cpuUsage();
        for (let i = 0; i < 50; i++) await once();
        samples.push(cpuMs(process.cpuUsage(c)) / 50);
      }
      return median(samples);
    };
    const client = await clientSide();

    const draft = (n: number) => ({
      id: randomUUID(), category: 'phishing', title: '', description: `Misstänkt nätfiskemejl nummer ${n}.`, discoveredDate: '2026-11-20', discoveredTime: '08:30',
      occurredDate: '', occurredTime: '', occurredUnknown: 'true', assetId: ia3, supplierId: '', involved: 'no', approxSubjects: '', dataCategories: '', protectedIdentity: 'false',
    });
    let k = 0;
    const submitRequest = async (role: string) => {
      const form = `cpu-form-${++k}`;
      await settled(execute(STAFF, 'access.request.submit', { formId: form, kind: 'new', subjectId: nextSubject(), assetId: ia3, role, justification: 'Benchmark.', validUntil: '', grantId: '' }));
      const stored = await deps.store.findByKey('AccessRequests', `access:request:${STAFF}:${form}`);
      if (!stored) throw new Error('access request not stored');
      return stored.id;
    };
    const approved = async (role: string) => {
      const id = await submitRequest(role);
      await settled(execute(OWNER, 'access.request.approve', { requestId: id }));
      return id;
    };
    const expect = (what: string) => (text: string) => {
      if (!text.includes(what)) throw new Error(`expected "${what}" in the answer: ${text.slice(0, 400)}`);
    };

    type Op = { name: string; prepare: (n: number) => Promise<() => Promise<unknown>> };
    let n = 0;
    const ops: Op[] = [
      // Before the rows below add theirs: the person's own cases are a few seeded ones.
      { name: '"mina ärenden", few cases (message)', prepare: async () => () => message(STAFF, 'mina ärenden') },
      { name: 'incident submit', prepare: async (i) => () => execute(STAFF, 'incident.report.submit', { verb: 'incident.report.submit', step: 'review', draft: JSON.stringify(draft(i)) }).then(expect('Rapporten är mottagen')) },
      { name: 'access request submit', prepare: async (i) => () => execute(STAFF, 'access.request.submit', { formId: `cpu-direct-${i}`, kind: 'new', subjectId: nextSubject(), assetId: ia3, role: `Cpuroll S${i}`, justification: 'Benchmark.', validUntil: '', grantId: '' }) },
      { name: 'access decision', prepare: async (i) => { const id = await submitRequest(`Cpuroll D${i}`); return () => execute(OWNER, 'access.request.approve', { requestId: id }); } },
      { name: 'access task taken', prepare: async (i) => { const id = await approved(`Cpuroll T${i}`); return () => execute(ADMIN, 'access.task.take', { requestId: id }); } },
      { name: 'access task done', prepare: async (i) => { const id = await approved(`Cpuroll C${i}`); return () => execute(ADMIN, 'access.task.done', { requestId: id }); } },
      // By now the person has hundreds of requests and incidents: every list's newest ten are read.
      { name: '"mina ärenden", 10+ in each list (message)', prepare: async () => () => message(STAFF, 'mina ärenden') },
      // The floor: the menu answered to "hjälp" — HTTP, botbuilder, the person from the read cache, one card.
      { name: 'floor: "hjälp" (message, menu card)', prepare: async () => () => message(STAFF, 'hjälp') },
    ];

    const rows: Record<string, string | number>[] = [];
    const profiles: string[] = [];
    // CPU_ONLY=<words>: only the operations whose name holds them (for profiling one).
    const only = process.env.CPU_ONLY?.toLowerCase();
    for (const op of ops.filter((o) => !only || o.name.toLowerCase().includes(only))) {
      // One run of warm-up (JIT, caches), not counted.
      const measureRun = async (prof: boolean) => {
        const thunks: (() => Promise<unknown>)[] = [];
        for (let i = 0; i < perRun; i++) thunks.push(await op.prepare(++n));
        await background.idle();
        child.send('reset');
        const held: [string, () => Promise<void>][] = [];
        const run = background.run.bind(background);
        background.run = (key, task) => void held.push([key, task]);
        const requestsBefore = await graphRequests();
        const childBefore = await child.cpu();
        const p = prof ? await startProfile() : null;
        const c = process.cpuUsage();
        const t0 = performance.now();
        try {
          for (const thunk of thunks) await thunk();
        } finally {
          background.run = run;
        }
        const usage = process.cpuUsage(c);
        const used = cpuMs(usage) / perRun;
        const kernel = usage.system / 1000 / perRun;
        const wall = (performance.now() - t0) / perRun;
        const prof2 = p ? await p.stop() : null;
        const server = ((await child.cpu()) - childBefore) / perRun;
        const requests = ((await graphRequests()) - requestsBefore) / perRun;
        const b = process.cpuUsage();
        for (const [key, task] of held) run(key, task);
        await background.idle();
        const after = cpuMs(process.cpuUsage(b)) / perRun;
        return { used, kernel, wall, server, after, requests, profile: prof2 };
      };
      await measureRun(false);
      const results = [];
      for (let r = 0; r < runs; r++) results.push(await measureRun(false));
      const app = median(results.map((x) => x.used)) - client;
      rows.push({
        operation: op.name,
        'app CPU ms/op': round(app),
        'of which kernel': round(median(results.map((x) => x.kernel))),
        goal: app <= GOAL_MS ? `≤ ${GOAL_MS} ✓` : `> ${GOAL_MS}`,
        'Graph requests/op': round(median(results.map((x) => x.requests))),
        'background after ms/op': round(median(results.map((x) => x.after))),
        'local server CPU ms/op (child)': round(median(results.map((x) => x.server))),
        'ms/op (one user)': round(median(results.map((x) => x.wall))),
      });
      if (profile) {
        const pr = (await measureRun(true)).profile!;
        const dir = path.resolve('.data/cpu-prof');
        mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${op.name.replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.cpuprofile`);
        writeFileSync(file, JSON.stringify(pr));
        profiles.push(`${op.name} — ${path.relative(process.cwd(), file)}\n${summariseProfile(pr, 12, perRun)}`);
      }
    }
    out.push(table(rows));
    out.push(`(${runs} runs × ${perRun} operations each, median; this process's client side of a request, ${round(client)} ms, measured alone and subtracted)`);
    if (profiles.length) out.push('', 'CPU profiles (one more run of each, profiler on):', ...profiles);
    return out.join('\n');
  } finally {
    await app.close();
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchCpu());
}
