/**
 * Forty managers reminded at once: the demo organisation's 7 plus 33 more (with their staff), put in
 * the Roles list and in a bigger local directory, served by two app instances against the same
 * local SharePoint server. Every reminder is delivered, none twice — across two schedulers, two
 * outbox workers and throttling by Teams — and the send times recorded by the fake Bot Connector
 * stay within Teams' limits per conversation and per tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticDirectory, type SeedPerson } from '../../core/adapters/directory/static-directory';
import { ambassadorsFeature } from '../../bot/features/ambassadors';
import { createLogger } from '../../bot/log';
import { createRuntime, type Runtime } from '../../bot/runtime';
import { Scheduler } from '../../bot/scheduler/scheduler';
import { loadPeople } from '../../teams-app/local/seed-demo';
import { cardText, PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness';

const EXTRA_MANAGERS = 33;
const STAFF_EACH = 3;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const managerId = (i: number) => `e0000000-0000-4000-8000-${hex(i, 12)}`;
const staffId = (i: number, j: number) => `e0000000-0000-4000-8001-${hex(i * 16 + j, 12)}`;

/**
 * Teams' limits (PLATFORM.md), checked on the times the fake connector received the sends. The pacer
 * counts a send when it lets it go, the connector when it arrives: windows are shortened by JITTER so
 * that a few milliseconds of local latency do not count as a breach.
 */
const JITTER = 50;
const PER_CONVERSATION = [
  { max: 7, ms: 1_000 },
  { max: 8, ms: 2_000 },
  { max: 60, ms: 30_000 },
  { max: 1_800, ms: 3_600_000 },
];
const PER_TENANT = { max: 50, ms: 1_000 };
function busiest(times: number[], ms: number): number {
  const s = [...times].sort((x, y) => x - y);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[i]! - s[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

let h: BotHarness;
const runtimes: Runtime[] = [];
const created: number[] = [];

beforeAll(async () => {
  h = await startBotHarness({ now: '2026-11-28T09:00:00.000Z' });
  // Someone in the tenant has talked with the bot: new 1:1 chats go through this serviceUrl.
  await h.message(PEOPLE.isam, 'hej');

  // 33 more units, each with a manager (no training yet) and three staff (no training yet).
  const extra: SeedPerson[] = [];
  for (let i = 1; i <= EXTRA_MANAGERS; i++) {
    const unit = `U${String(i).padStart(2, '0')}`;
    extra.push({ aadObjectId: managerId(i), displayName: `Chef ${unit}`, email: `chef.${unit.toLowerCase()}@soderbyn.example`, unit, managerAadObjectId: PEOPLE.director, roles: ['manager'] });
    for (let j = 1; j <= STAFF_EACH; j++) {
      extra.push({ aadObjectId: staffId(i, j), displayName: `Medarbetare ${unit}-${j}`, email: `medarbetare${j}.${unit.toLowerCase()}@soderbyn.example`, unit, managerAadObjectId: managerId(i), roles: [] });
    }
  }
  const now = h.clock.now().toISOString();
  await h.app.sharepoint.store.createMany(
    'Roles',
    extra.filter((p) => p.roles.includes('manager')).map((p) => ({ key: `test:role:${p.aadObjectId}:manager`, data: { personId: p.aadObjectId, role: 'manager' as const, unit: p.unit, assignedBy: PEOPLE.isam, assignedAt: now, validTo: null, active: true } })),
  );
  // Two instances of the app over the same lists, with the bigger directory.
  const directory = new StaticDirectory([...loadPeople(), ...extra]);
  for (const instanceId of ['big-a', 'big-b']) {
    runtimes.push(createRuntime({ config: h.app.config, store: h.app.sharepoint.store, directory, clock: h.clock, instanceId, log: createLogger({ silent: true }) }));
  }
  // The fake connector records message sends with a time; record the 1:1 chat creations too.
  const push = h.connector.conversations.push.bind(h.connector.conversations);
  h.connector.conversations.push = (...items) => {
    for (const _ of items) created.push(Date.now());
    return push(...items);
  };
});
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.stop()));
  await h?.close();
});

describe('forty managers reminded at once', () => {
  it('queues one reminder per manager, however many instances run the job', async () => {
    h.clock.set('2026-12-01T07:05:00.000Z'); // Tuesday 1 December, 08:05 in Stockholm
    const jobs = ambassadorsFeature.jobs!.filter((j) => j.name === 'training.monthly-reminders');
    const schedulers = runtimes.map((r) => new Scheduler(r.deps, jobs, createLogger({ silent: true }), r.instanceId));
    await Promise.all(schedulers.map((s) => s.tick()));
    h.clock.advance(61 * 60_000); // the lease has expired: both may run again
    await Promise.all(schedulers.map((s) => s.tick()));

    const queued = [];
    for await (const e of h.app.sharepoint.store.queryAll('Outbox', { where: [{ field: 'status', op: 'eq', value: 'pending' }] })) if (e.data.card === 'training.managerReminder') queued.push(e);
    expect(queued).toHaveLength(40);
    expect(new Set(queued.map((e) => e.data.targetId)).size).toBe(40);
  });

  it('delivers all forty, none twice, paced under Teams’ limits, through throttling and two workers', async () => {
    h.connector.reset();
    created.length = 0;
    // Teams throttles a few sends on the way (429 with Retry-After 0; the connector client retries).
    h.connector.failNext(429, 2, 0);
    const started = Date.now();
    const reports = await Promise.all(runtimes.map((r) => r.outbox.drain()));
    const elapsed = Date.now() - started;
    // Anything a 429 pushed back is delivered on a later pass.
    for (let pass = 0; pass < 5 && reports.reduce((n, r) => n + r.sent, 0) < 40; pass++) {
      h.clock.advance(60_000);
      reports.push(...(await Promise.all(runtimes.map((r) => r.outbox.drain()))));
    }
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(40);
    expect(reports.reduce((n, r) => n + r.dead, 0)).toBe(0);

    // All delivered, none twice: one message in each manager's chat.
    const posts = h.connector.sent.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(40);
    const perConversation = new Map<string, number>();
    for (const p of posts) perConversation.set(p.conversationId, (perConversation.get(p.conversationId) ?? 0) + 1);
    expect([...perConversation.values()].every((n) => n === 1)).toBe(true);
    expect(perConversation.size).toBe(40);
    // None of the forty had talked with the bot: a 1:1 chat was created for each, once.
    const members = h.connector.conversations.map((c) => (c.parameters.members as { id: string }[])[0]!.id);
    expect(new Set(members).size).toBe(members.length);
    expect(members).toHaveLength(40);

    // Within Teams' limits: per conversation, and per tenant (message sends and chat creations).
    for (const [conversation] of perConversation) {
      const times = h.connector.sent.filter((s) => s.conversationId === conversation).map((s) => s.at);
      for (const w of PER_CONVERSATION) expect(busiest(times, w.ms - JITTER)).toBeLessThanOrEqual(w.max);
    }
    const sendTimes = posts.map((p) => p.at);
    expect(busiest(sendTimes, PER_TENANT.ms - JITTER)).toBeLessThanOrEqual(PER_TENANT.max);
    // Measured, not asserted: the pacer (bot/outbox/pacer.ts) counts message sends; creating a 1:1
    // chat is a request to Teams too, and each instance paces on its own. Reported to the lead.
    const requests = [...sendTimes, ...created];
    console.info(
      `40 reminders: ${posts.length} sends and ${created.length} new 1:1 chats; first drain ${elapsed} ms; busiest second: ${busiest(sendTimes, 1_000)} sends, ${busiest(requests, 1_000)} requests incl. chat creations; span ${Math.max(...sendTimes) - Math.min(...sendTimes)} ms`,
    );

    // Nothing is left, and a later drain or job run sends nothing again.
    expect((await Promise.all(runtimes.map((r) => r.outbox.drain()))).every((r) => r.sent === 0)).toBe(true);
    expect(h.connector.sent.filter((s) => s.method === 'POST')).toHaveLength(40);
  });

  it('reads as a person would: a new manager sees their three staff and their own gaps', async () => {
    const chat = h.connector.conversations.find((c) => (c.parameters.members as { id: string }[])[0]!.id === managerId(7))!.id;
    const card = h.connector.cards().find((c) => c.conversationId === chat)!.card;
    const text = cardText(card);
    expect(text).toContain('Obligatoriska utbildningar – december 2026');
    expect(text).toContain('3 av dina 3 medarbetare saknar minst en obligatorisk utbildning:');
    expect(text).toMatch(/Medarbetare U07-1 \(U07\)\nDataskydd och GDPR – grundkurs \(Stockholms stads e-utbildning\), Informationssäkerhet – grundkurs \(Stockholms stads e-utbildning\)/);
    expect(text).toContain('Du själv har inte gått: Cybersäkerhetslagen för ledningen.');
    expect(text).toContain('Du själv saknar: Dataskydd och GDPR – grundkurs (Stockholms stads e-utbildning), Informationssäkerhet – grundkurs (Stockholms stads e-utbildning).');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(40_000);
    // The director's card lists the 33 new unit heads (and the 3 of the demo) lacking management's course.
    const director = cardText(h.connector.cards().find((c) => cardText(c.card).includes('Chefer i din grupp som inte har gått den'))!.card);
    expect(director).toContain('Chef U33 (U33)');
    expect(director).toContain('Jessica Falk (FSK)');
  });
});
