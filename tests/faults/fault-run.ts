/**
 * The fault run (issue 18.4): the real app in its own process (`node --import tsx
 * teams-app/local/start.ts`, its own free ports and data folder, loopback only), driven from outside
 * through the bot protocol and the tab API, while the local SharePoint server injects 429 storms with
 * Retry-After, 503s, latency and "committed, then 503"; the app (and the local Graph server inside
 * it) is killed with SIGKILL mid-way and started again; at the end it is stopped with SIGTERM over a
 * backlog of notifications (timed), started once more to deliver the rest, and everything is counted:
 *
 * - every report the client was answered for is stored exactly once, with one audit entry;
 * - every access request once, decided once, with its audit entries;
 * - every notification delivered (status sent, its message at the connector) and shown once (no
 *   message at the connector that no notification owns — a resend after a lost mark);
 * - bad input never answered 5xx;
 * - SIGTERM exits within 10 s and leaves no notification claimed.
 *
 * Clients behave like Teams and the tab: a request that fails (5xx, connection reset by the kill)
 * is sent again with the same Idempotency-Key / form id until it is answered.
 * `npm run test:faults` runs the full size; tests/faults/faults.test.ts a small one inside `npm test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { LOCAL_TENANT_ID } from '../../bot/config';
import { connectSharePoint } from '../../core/adapters/sharepoint';
import type { ListName } from '../../core/domain';
import type { RecordStore, StoredOf } from '../../core/ports/record-store';
import { LOCAL_TOKEN_FILE } from '../../teams-app/local/local-token';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface FaultRunOptions {
  reports: number;
  requests: number;
  /** SIGKILLs of the app in the middle of the work. */
  kills: number;
  /** Concurrent clients. */
  concurrency: number;
  /** Delay per connector request while the backlog builds (so SIGTERM meets one). */
  connectorDelayMs: number;
  log?: (line: string) => void;
}

export interface FaultCounts {
  reportsAnswered: number;
  reportsStored: number;
  reportsDuplicated: number;
  reportsLost: number;
  reportAuditMissing: number;
  reportAuditDuplicated: number;
  requestsAnswered: number;
  requestsStored: number;
  requestsLost: number;
  requestAuditMissing: number;
  decisionsAnswered: number;
  decisionsStored: number;
  decisionAuditMissing: number;
  notifications: number;
  notificationsNotSent: number;
  notificationsMissingAtConnector: number;
  messagesShownTwice: number;
  badInputAnswered5xx: number;
  answered5xxAfterRetries: number;
  retries: number;
  kills: number;
  shutdownMs: number;
  backlogAtShutdown: number;
  claimedAfterShutdown: number;
  seconds: number;
}

const STAFF = 'd0000000-0000-4000-8000-000000000016'; // Johanna (EKB)
const SUBJECT = 'd0000000-0000-4000-8000-000000000017'; // Ali
const OWNER = 'd0000000-0000-4000-8000-000000000030'; // Thomas, owner of IA-003
const ISAM = 'd0000000-0000-4000-8000-000000000002';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class App {
  child: ChildProcess | null = null;
  output = '';
  constructor(readonly env: Record<string, string>) {}
  get url() {
    return `http://127.0.0.1:${this.env.PORT}`;
  }
  get graphUrl() {
    return `http://127.0.0.1:${this.env.LOCAL_GRAPH_PORT}`;
  }
  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'teams-app/local/start.ts'], { cwd: ROOT, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    const started = Date.now();
    while (!this.output.includes('Ready in')) {
      if (child.exitCode !== null) throw new Error(`The app did not start:\n${this.output}`);
      if (Date.now() - started > 120_000) throw new Error(`The app did not start within 120 s:\n${this.output}`);
      await sleep(100);
    }
  }
  kill(): Promise<void> {
    const child = this.child!;
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
  /** SIGTERM; resolves with how long it took to exit (ms). */
  async terminate(): Promise<number> {
    const child = this.child!;
    const t0 = performance.now();
    const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    child.kill('SIGTERM');
    const outcome = await Promise.race([exited.then(() => 'exited'), sleep(15_000).then(() => 'hung')]);
    const ms = performance.now() - t0;
    if (outcome === 'hung') await this.kill();
    return ms;
  }
  token(): string {
    return readFileSync(path.join(this.env.LIS_DATA_DIR!, LOCAL_TOKEN_FILE), 'utf8').trim();
  }
  async setFaults(config: unknown): Promise<void> {
    const res = await fetch(`${this.graphUrl}/_local/faults`, { method: 'PUT', headers: { Authorization: `Bearer ${this.token()}`, 'Content-Type': 'application/json' }, body: JSON.stringify(config) });
    if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`);
  }
}

export async function runFaults(options: FaultRunOptions): Promise<FaultCounts> {
  const log = options.log ?? (() => undefined);
  const t0 = performance.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-faults-'));
  const connector = await startFakeConnector();
  const app = new App({
    PORT: String(await freePort()),
    LOCAL_GRAPH_PORT: String(await freePort()),
    LIS_DATA_DIR: dataDir,
    BOT_RATE_USER: '1000000/1000000',
    BOT_RATE_TENANT: '1000000/1000000',
    LOG_LEVEL: 'warn',
  });
  const counts: FaultCounts = {
    reportsAnswered: 0, reportsStored: 0, reportsDuplicated: 0, reportsLost: 0, reportAuditMissing: 0, reportAuditDuplicated: 0,
    requestsAnswered: 0, requestsStored: 0, requestsLost: 0, requestAuditMissing: 0, decisionsAnswered: 0, decisionsStored: 0, decisionAuditMissing: 0,
    notifications: 0, notificationsNotSent: 0, notificationsMissingAtConnector: 0, messagesShownTwice: 0, badInputAnswered5xx: 0, answered5xxAfterRetries: 0,
    retries: 0, kills: 0, shutdownMs: 0, backlogAtShutdown: 0, claimedAfterShutdown: 0, seconds: 0,
  };
  try {
    await app.start();
    log(`app started on ${app.url} (Graph ${app.graphUrl}), data ${dataDir}`);
    const run = Date.now().toString(36);
    let activity = 0;

    // ── clients ──────────────────────────────────────────────────────────
    const tokens = new Map<string, string>();
    const send = async (url: string, init: RequestInit): Promise<{ status: number; body: any }> => {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      return { status: res.status, body };
    };
    /** Sends until answered (not 5xx, not a dropped connection), as Teams and the tab retry. */
    const untilAnswered = async (fn: () => Promise<{ status: number; body: any }>): Promise<{ status: number; body: any }> => {
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await fn();
          if (r.status < 500 && r.status !== 429) return r;
          if (attempt > 60) {
            counts.answered5xxAfterRetries++;
            return r;
          }
        } catch {
          // connection refused or reset: the app is being restarted
        }
        counts.retries++;
        await sleep(250 + Math.random() * 250);
      }
    };
    const api = async (as: string, method: string, route: string, body: unknown, headers: Record<string, string> = {}) =>
      untilAnswered(async () => {
        if (!tokens.has(as)) {
          const t = await send(`${app.url}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: as }) });
          if (t.status !== 200) return t;
          tokens.set(as, t.body.token);
        }
        const r = await send(`${app.url}/api/v1${route}`, {
          method,
          headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${tokens.get(as)}`, ...headers },
          body: JSON.stringify(body),
        });
        if (r.status === 401) tokens.delete(as);
        return r.status === 401 ? { status: 503, body: null } : r;
      });
    const base = (from: string, conversation: Record<string, unknown>) => ({
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      id: `fault-${run}-${++activity}`,
      timestamp: new Date().toISOString(),
      locale: 'sv-SE',
      from: { id: `29:${from}`, aadObjectId: from, name: '' },
      recipient: { id: '28:lis-local-bot', name: 'LIS' },
      conversation,
      channelData: { tenant: { id: LOCAL_TENANT_ID } },
    });
    const bot = (activity: Record<string, unknown>) =>
      untilAnswered(() => send(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) }));
    const execute = (from: string, verb: string, data: Record<string, unknown>) =>
      bot({ ...base(from, { id: `a:personal-${from}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID }), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });

    // Every person concerned has talked to the bot (their 1:1 goes to this connector), and the ISAM
    // channel is linked here: then every notification of the run arrives where it can be counted.
    for (const p of [STAFF, OWNER, ISAM]) await bot({ ...base(p, { id: `a:personal-${p}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID }), type: 'message', text: 'hjälp' });
    await bot({
      ...base(ISAM, { id: `19:isam-faults@thread.tacv2;messageid=${++activity}`, conversationType: 'channel', isGroup: true, tenantId: LOCAL_TENANT_ID }),
      type: 'message',
      text: '<at>LIS</at> koppla isam',
      entities: [{ type: 'mention', text: '<at>LIS</at>', mentioned: { id: '28:lis-local-bot', name: 'LIS' } }],
      channelData: { tenant: { id: LOCAL_TENANT_ID }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:isam-faults@thread.tacv2', name: 'Incidenter' } },
    });

    // ── storms ───────────────────────────────────────────────────────────
    const storm = {
      rate429: 0.08,
      rate503: 0.04,
      retryAfterSeconds: 1,
      latencyMs: [0, 20],
      script: [
        { method: 'POST', pathIncludes: '/items', mode: 'commit-then-503', times: Math.max(3, Math.ceil(options.reports / 10)) },
        { method: 'PATCH', pathIncludes: '/fields', mode: 'commit-then-503', times: 3 },
        { method: 'POST', pathIncludes: '$batch', mode: 'commit-then-503', times: 3 },
      ],
    };
    await app.setFaults(storm);

    // ── the work, with kills in the middle ───────────────────────────────
    const assetId = (await (await readStore(app)).query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-003' }] })).items[0]!.id;
    const reportKeys = Array.from({ length: options.reports }, (_, i) => `fault-${run}-report-${i}`);
    const formIds = Array.from({ length: options.requests }, (_, i) => `fault-${run}-form-${i}`);
    const reportAnswers = new Map<string, { status: number; body: any }>();
    const reportOne = async (key: string, i: number) => {
      const r = await api(STAFF, 'POST', '/incidents', {
        category: 'misdirected', title: null, description: `Felkörning ${key}: ett brev gick till fel mottagare (${i}).`, occurredAt: null,
        discoveredAt: new Date(Date.now() - 3_600_000).toISOString(), assetId: null, supplierId: null,
        personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false },
      }, { 'Idempotency-Key': key });
      reportAnswers.set(key, r);
    };
    const requestAnswers = new Map<string, { status: number; body: any }>();
    const work: (() => Promise<void>)[] = [
      ...reportKeys.map((key, i) => () => reportOne(key, i)),
      ...formIds.map((formId, i) => async () => {
        const r = await execute(STAFF, 'access.request.submit', { formId, kind: 'new', subjectId: SUBJECT, assetId, role: `Felkörningsroll ${run} ${i}`, justification: 'Felkörning.', validUntil: '', grantId: '' });
        requestAnswers.set(formId, r);
      }),
    ];
    // Interleave, then run with a fixed number of clients; kill the app at even intervals.
    work.sort(() => Math.random() - 0.5);
    const killAt = new Set(Array.from({ length: options.kills }, (_, k) => Math.floor(((k + 1) * work.length) / (options.kills + 1))));
    let next = 0;
    let restarting: Promise<void> | null = null;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        for (let i = next++; i < work.length; i = next++) {
          if (killAt.has(i)) {
            killAt.delete(i);
            restarting = (async () => {
              await sleep(50); // let some requests be mid-way
              await app.kill();
              counts.kills++;
              log(`SIGKILL after ${i} of ${work.length} operations`);
              await app.start();
              await app.setFaults(storm);
              log('restarted');
            })();
          }
          await work[i]!();
        }
      }),
    );
    await restarting;

    // Decisions: the owner approves every request stored (each click retried until answered),
    // with one more kill in the middle.
    const store = await readStore(app);
    const requests = (await Promise.all(formIds.map((f) => store.findByKey('AccessRequests', `access:request:${STAFF}:${f}`)))).filter((r): r is StoredOf<'AccessRequests'> => !!r);
    let d = 0;
    const decideKillAt = options.kills > 0 ? Math.floor(requests.length / 2) : -1;
    const decisions = requests.map((r) => async () => {
      if (d++ === decideKillAt) {
        await app.kill();
        counts.kills++;
        log('SIGKILL during decisions');
        await app.start();
        await app.setFaults(storm);
      }
      const res = await execute(OWNER, 'access.request.approve', { requestId: r.id });
      if (res.status === 200) counts.decisionsAnswered++;
    });
    let nd = 0;
    await Promise.all(Array.from({ length: Math.min(options.concurrency, 4) }, async () => {
      for (let i = nd++; i < decisions.length; i = nd++) await decisions[i]!();
    }));

    // ── bad input: never a 5xx ───────────────────────────────────────────
    const bad = [
      await send(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...base(STAFF, {}), conversation: undefined, type: 'message', text: 'hej' }) }),
      await send(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...base(STAFF, { id: 'x'.repeat(5_000), conversationType: 'personal' }), type: 'message', text: 'hej' }) }),
      await send(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":' }),
      await api(STAFF, 'POST', '/incidents', { category: 'no-such-category', description: 'x' }, { 'Idempotency-Key': `fault-${run}-bad-1` }),
      await api(STAFF, 'POST', '/incidents', { category: 'misdirected', description: 'Ett brev.', discoveredAt: 'igår' }, { 'Idempotency-Key': `fault-${run}-bad-2` }),
      await execute(STAFF, 'access.request.submit', { formId: `fault-${run}-bad-3`, kind: 'new', subjectId: '12345', assetId: 'x', role: '', justification: '' }),
    ];
    counts.badInputAnswered5xx = bad.filter((b) => b.status >= 500).length;

    // ── SIGTERM over a backlog, then deliver the rest ────────────────────
    // A slow Teams and a burst of reports (three or more notifications each): the backlog is
    // hundreds of notifications when SIGTERM comes.
    await app.setFaults({});
    connector.delayMs = options.connectorDelayMs;
    const burst = reportKeys.length;
    const burstKeys = Array.from({ length: burst }, (_, i) => `fault-${run}-report-${reportKeys.length + i}`);
    reportKeys.push(...burstKeys);
    let nb = 0;
    await Promise.all(Array.from({ length: options.concurrency }, async () => {
      for (let i = nb++; i < burstKeys.length; i = nb++) await reportOne(burstKeys[i]!, reportKeys.length - burst + i);
    }));
    const [waiting] = await (await readStore(app)).queryMany([{ list: 'Outbox', options: { where: [{ field: 'status', op: 'eq', value: 'pending' }], pageSize: 999 } }] as const);
    counts.backlogAtShutdown = waiting.items.length;
    const pid = app.child!.pid!;
    counts.shutdownMs = Math.round(await app.terminate());
    log(`SIGTERM with ${counts.backlogAtShutdown} notifications waiting: exited in ${counts.shutdownMs} ms`);
    const afterStop = await readStore(app, true);
    // Claims of the stopped instance (a SIGKILLed one's claims expire by themselves).
    counts.claimedAfterShutdown = (await afterStop.query('Outbox', { where: [{ field: 'status', op: 'eq', value: 'sending' }], pageSize: 999 })).items.filter((e) => e.data.claimedBy?.startsWith(`${pid}-`)).length;
    await (afterStop as unknown as { close?: () => Promise<void> }).close?.();
    connector.delayMs = 0;
    await app.start();
    const deliverBy = Date.now() + 120_000;
    const s2 = await readStore(app);
    for (;;) {
      const [pending, sending] = await s2.queryMany([
        { list: 'Outbox', options: { where: [{ field: 'status', op: 'eq', value: 'pending' }], pageSize: 999 } },
        { list: 'Outbox', options: { where: [{ field: 'status', op: 'eq', value: 'sending' }], pageSize: 999 } },
      ] as const);
      if (!pending.items.length && !sending.items.length) break;
      if (Date.now() > deliverBy) break;
      await sleep(500);
    }

    // ── counting ─────────────────────────────────────────────────────────
    const answered = [...reportAnswers.values()].filter((r) => r.status === 201 || r.status === 200);
    counts.reportsAnswered = answered.length;
    const incidents = await readAll(s2, 'Incidents', 'reporterId', STAFF);
    const ours = incidents.filter((i) => i.data.description.startsWith(`Felkörning fault-${run}-report-`));
    const perKey = new Map<string, number>();
    for (const i of ours) {
      const key = /fault-\w+-report-\d+/.exec(i.data.description)![0];
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    counts.reportsStored = perKey.size;
    counts.reportsDuplicated = [...perKey.values()].filter((n) => n > 1).length;
    counts.reportsLost = reportKeys.filter((k) => (reportAnswers.get(k)?.status ?? 0) < 300 && !perKey.has(k)).length;
    for (const i of ours) {
      const entries = (await readAll(s2, 'AuditLog', 'target', `Incidents/${i.id}`)).filter((a) => a.data.action === 'incident.reported');
      if (entries.length === 0) counts.reportAuditMissing++;
      if (entries.length > 1) counts.reportAuditDuplicated++;
    }
    counts.requestsAnswered = [...requestAnswers.values()].filter((r) => r.status === 200).length;
    const storedRequests = (await Promise.all(formIds.map((f) => s2.findByKey('AccessRequests', `access:request:${STAFF}:${f}`)))).filter((r): r is StoredOf<'AccessRequests'> => !!r);
    counts.requestsStored = storedRequests.length;
    counts.requestsLost = formIds.length - storedRequests.length;
    for (const r of storedRequests) {
      const entries = await readAll(s2, 'AuditLog', 'target', `AccessRequests/${r.id}`);
      if (!entries.some((a) => a.data.action === 'access.requested')) counts.requestAuditMissing++;
      if (r.data.status === 'approved') counts.decisionsStored++;
      if (!entries.some((a) => a.data.action === 'access.approved')) counts.decisionAuditMissing++;
    }
    // Notifications of the run's records: by correlation key (indexed).
    const correlations = [...ours.map((i) => `incident:${i.id}:notice`), ...storedRequests.flatMap((r) => [`access:${r.id}:decider`, `access:${r.id}:notice:approved`, `access:${r.id}:task`])];
    const notes: StoredOf<'Outbox'>[] = [];
    for (const c of correlations) notes.push(...(await readAll(s2, 'Outbox', 'correlationKey', c)));
    counts.notifications = notes.length;
    counts.notificationsNotSent = notes.filter((n) => n.data.status !== 'sent').length;
    const atConnector = new Set(connector.sent.map((s) => `${s.conversationId}|${s.id}`));
    const fakeConversations = new Set([...connector.sent.map((s) => s.conversationId)]);
    const ownedMessages = new Set(notes.filter((n) => n.data.activityId && n.data.conversationId).map((n) => `${n.data.conversationId}|${n.data.activityId}`));
    counts.notificationsMissingAtConnector = notes.filter((n) => n.data.status === 'sent' && fakeConversations.has(n.data.conversationId ?? '') && !atConnector.has(`${n.data.conversationId}|${n.data.activityId}`)).length;
    // A message posted that no notification owns: delivered twice (sent, then the mark lost).
    counts.messagesShownTwice = connector.sent.filter((s) => s.method === 'POST' && s.activityId === null && isRunCard(s.activity, run, ours.map((i) => i.id), storedRequests.map((r) => r.id)) && !ownedMessages.has(`${s.conversationId}|${s.id}`)).length;
    await app.terminate();
  } finally {
    counts.seconds = Math.round((performance.now() - t0) / 100) / 10;
    if (app.child && app.child.exitCode === null && app.child.signalCode === null) await app.kill();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return counts;
}

/** Whether a posted card is about one of this run's records (its text names the request or case). */
function isRunCard(activity: Record<string, unknown>, _run: string, _incidentIds: string[], requestIds: string[]): boolean {
  const text = JSON.stringify(activity.attachments ?? '');
  return text.includes('Felkörning') || requestIds.some((id) => text.includes(`"requestId":"${id}"`));
}

/** A store over the app's local SharePoint server, for counting from outside (read only). */
async function readStore(app: App, offline = false): Promise<RecordStore> {
  if (offline) {
    // The app has stopped: read its database through a local Graph server of our own.
    const { startLocalGraphServer } = await import('../../teams-app/local/graph-server');
    const server = await startLocalGraphServer({ port: 0, dbPath: path.join(app.env.LIS_DATA_DIR!, 'graph.sqlite'), token: app.token() });
    const sp = await connectSharePoint({ baseUrl: server.url, getToken: async () => server.token, userAgent: 'NONISV|LIS|faults/1.0', siteId: server.siteId });
    return Object.assign(sp.store, { close: () => server.close() });
  }
  const token = app.token();
  const sp = await connectSharePoint({ baseUrl: app.graphUrl, getToken: async () => token, userAgent: 'NONISV|LIS|faults/1.0' });
  return sp.store;
}

async function readAll<L extends ListName>(store: RecordStore, list: L, field: string, value: string): Promise<StoredOf<L>[]> {
  const out: StoredOf<L>[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: StoredOf<L>[]; cursor: string | null } = await store.query(list, { where: [{ field: field as never, op: 'eq', value }], pageSize: 999, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

export function faultTable(c: FaultCounts): string {
  const rows: [string, number | string, string][] = [
    ['incident reports answered', c.reportsAnswered, ''],
    ['  stored', c.reportsStored, ''],
    ['  stored twice', c.reportsDuplicated, 'must be 0'],
    ['  answered but lost', c.reportsLost, 'must be 0'],
    ['  audit entry missing / twice', `${c.reportAuditMissing} / ${c.reportAuditDuplicated}`, 'must be 0 / 0'],
    ['access requests answered', c.requestsAnswered, ''],
    ['  stored', c.requestsStored, ''],
    ['  lost', c.requestsLost, 'must be 0'],
    ['  audit entry missing', c.requestAuditMissing, 'must be 0'],
    ['decisions answered', c.decisionsAnswered, ''],
    ['  stored (approved)', c.decisionsStored, ''],
    ['  audit entry missing', c.decisionAuditMissing, 'must be 0'],
    ['notifications of the run', c.notifications, ''],
    ['  not sent at the end', c.notificationsNotSent, 'must be 0'],
    ['  sent but not at the connector', c.notificationsMissingAtConnector, 'must be 0'],
    ['  messages shown twice', c.messagesShownTwice, 'must be 0'],
    ['bad input answered 5xx', c.badInputAnswered5xx, 'must be 0'],
    ['still 5xx after 60 retries', c.answered5xxAfterRetries, 'must be 0'],
    ['client retries (5xx, 429, resets)', c.retries, ''],
    ['SIGKILLs', c.kills, ''],
    ['notifications waiting at SIGTERM', c.backlogAtShutdown, ''],
    ['SIGTERM over that backlog: exit (ms)', c.shutdownMs, '≤ 10 000'],
    ['  notifications left claimed', c.claimedAfterShutdown, 'must be 0'],
    ['run time (s)', c.seconds, ''],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b, n]) => `${a.padEnd(w)}  ${String(b).padStart(7)}  ${n}`).join('\n');
}

export function faultFailures(c: FaultCounts): string[] {
  const out: string[] = [];
  const zero: (keyof FaultCounts)[] = ['reportsDuplicated', 'reportsLost', 'reportAuditMissing', 'reportAuditDuplicated', 'requestsLost', 'requestAuditMissing', 'decisionAuditMissing', 'notificationsNotSent', 'notificationsMissingAtConnector', 'messagesShownTwice', 'badInputAnswered5xx', 'answered5xxAfterRetries', 'claimedAfterShutdown'];
  for (const k of zero) if (c[k] !== 0) out.push(`${k} = ${c[k]}`);
  if (c.shutdownMs > 10_000) out.push(`shutdown took ${c.shutdownMs} ms`);
  if (c.reportsStored !== c.reportsAnswered) out.push(`reports stored ${c.reportsStored} ≠ answered ${c.reportsAnswered}`);
  if (c.decisionsStored !== c.requestsStored) out.push(`decisions stored ${c.decisionsStored} ≠ requests ${c.requestsStored}`);
  return out;
}
