/**
 * The whole local app (local SharePoint server, seeded demo organisation, app server) plus a fake
 * Bot Connector, driven over HTTP exactly as Teams drives it. Background loops are off: tests call
 * `runtime.outbox.drain()` and `runtime.scheduler.tick()` after moving the clock. A test clicks far
 * faster than a person: the bot's rate limit is lifted unless `env` sets BOT_RATE_USER/TENANT. Tests
 * write records behind the app's back (through the adapter): its short read cache (ADR 018) is off
 * unless `env` sets READ_CACHE_SECONDS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocal, type LocalApp } from '../../teams-app/local/launcher';
import { LOCAL_TENANT_ID } from '../../bot/config';
import { startFakeConnector, type FakeConnector } from './fake-connector';

export const PEOPLE = {
  director: 'd0000000-0000-4000-8000-000000000001',
  isam: 'd0000000-0000-4000-8000-000000000002',
  dso: 'd0000000-0000-4000-8000-000000000003',
  classificationLead: 'd0000000-0000-4000-8000-000000000004',
  admManager: 'd0000000-0000-4000-8000-000000000007',
  adminUnit: 'd0000000-0000-4000-8000-000000000008',
  itsec: 'd0000000-0000-4000-8000-000000000011',
  ifoManager: 'd0000000-0000-4000-8000-000000000030',
} as const;

/** A movable clock for tests. */
export class TestClock {
  constructor(private t: number) {}
  now = () => new Date(this.t);
  set(iso: string) {
    this.t = Date.parse(iso);
  }
  advance(ms: number) {
    this.t += ms;
  }
}

export interface BotHarness {
  app: LocalApp;
  connector: FakeConnector;
  clock: TestClock;
  /** POSTs an activity to /api/messages; returns status and parsed body. */
  post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  message(from: string, text: string, extra?: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  channelMessage(from: string, text: string, channel?: { id: string; name: string }): Promise<{ status: number; body: unknown }>;
  /** An Action.Execute click; returns the invoke response body. */
  execute(from: string, verb: string, data?: Record<string, unknown>, extra?: Record<string, unknown>): Promise<{ status: number; body: { statusCode?: number; type?: string; value?: Record<string, unknown> } }>;
  close(): Promise<void>;
}

let counter = 0;

export async function startBotHarness(options: { now?: string; env?: Record<string, string> } = {}): Promise<BotHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-bot-'));
  const clock = new TestClock(Date.parse(options.now ?? '2026-11-28T09:00:00.000Z'));
  const connector = await startFakeConnector();
  const app = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir, BOT_RATE_USER: '1000000/1000000', BOT_RATE_TENANT: '1000000/1000000', READ_CACHE_SECONDS: '0', ...options.env }, clock, quiet: true, background: false });

  const base = (from: string, conversation: Record<string, unknown>) => ({
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    id: `act-in-${++counter}`,
    timestamp: clock.now().toISOString(),
    locale: 'sv-SE',
    from: { id: `29:${from}`, aadObjectId: from, name: '' },
    recipient: { id: '28:lis-local-bot', name: 'LIS' },
    conversation,
    channelData: { tenant: { id: LOCAL_TENANT_ID } },
  });

  // Figures a write changes are recounted just after the answer (core/app/figures): a person's next
  // click comes later than that, so the harness lets the recounts finish around every activity.
  const settle = () => app.runtime.deps.background?.idle();
  const post = async (activity: Record<string, unknown>) => {
    await settle();
    const res = await fetch(`${app.appUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    await settle();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  const personal = (from: string) => ({ id: `a:personal-${from}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID });

  return {
    app,
    connector,
    clock,
    post,
    message: (from, text, extra = {}) => post({ ...base(from, personal(from)), type: 'message', text, ...extra }),
    channelMessage: (from, text, channel = { id: '19:isam-test@thread.tacv2', name: 'Incidenter' }) =>
      post({
        ...base(from, { id: `${channel.id};messageid=${++counter}`, conversationType: 'channel', isGroup: true, tenantId: LOCAL_TENANT_ID }),
        type: 'message',
        text: `<at>LIS</at> ${text}`,
        entities: [{ type: 'mention', text: '<at>LIS</at>', mentioned: { id: '28:lis-local-bot', name: 'LIS' } }],
        channelData: { tenant: { id: LOCAL_TENANT_ID }, team: { id: '19:team@thread.tacv2' }, channel: { id: channel.id, name: channel.name } },
      }),
    execute: async (from, verb, data = {}, extra = {}) =>
      (await post({ ...base(from, personal(from)), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, ...extra })) as never,
    async close() {
      await app.close();
      await connector.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Markdown as Teams shows it: backslash-escapes render as the character itself. */
export const renderMarkdown = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** All text of a card (TextBlocks, FactSets, action titles), rendered, for reading it as a person would. */
export function cardText(card: unknown): string {
  return renderMarkdown(rawCardText(card));
}

/** All text of a card as sent (markdown source, escapes included). */
export function rawCardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string') out.push(o.title);
    if (typeof o.value === 'string' && o.type === undefined) out.push(o.value);
    if (typeof o.label === 'string') out.push(o.label);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}

/** The Action.Execute actions of a card, anywhere in it. */
export function executeActions(card: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const out: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Execute') out.push({ title: String(o.title), verb: String(o.verb), data: (o.data as Record<string, unknown>) ?? {} });
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}
