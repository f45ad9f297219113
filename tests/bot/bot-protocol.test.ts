/** The bot through its HTTP protocol: menu, tenant check, channel linking, outbox delivery, scheduler. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notify } from '../../core/app/platform';
import { Scheduler } from '../../bot/scheduler/scheduler';
import { createLogger } from '../../bot/log';
import { cardText, executeActions, PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness';

let h: BotHarness;
const STAFF = 'd0000000-0000-4000-8000-000000000033';

beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => h?.close());
beforeEach(() => h.connector.reset());

describe('personal chat', () => {
  it('answers an unrecognised message with the menu, Swedish first', async () => {
    const res = await h.message(STAFF, 'vad kan du göra?');
    expect(res.status).toBe(200);
    const cards = h.connector.cards();
    expect(cards).toHaveLength(1);
    const actions = executeActions(cards[0]!.card);
    expect(actions.map((a) => a.verb)).toEqual(['incident.report.start', 'access.request.start', 'cases.mine']);
    expect(actions.map((a) => a.title)).toEqual(['Rapportera incident', 'Begär behörighet', 'Mina ärenden']);
    expect(cards[0]!.conversationId).toBe(`a:personal-${STAFF}`);
  });

  it('shows English after the Swedish label for an English-speaking user', async () => {
    await h.message(STAFF, 'hello there', { locale: 'en-GB' });
    const actions = executeActions(h.connector.cards()[0]!.card);
    expect(actions[0]!.title).toBe('Rapportera incident (Report an incident)');
  });

  it('honours deliveryMode expectReplies: the replies come back in the HTTP response', async () => {
    const res = await h.message(STAFF, 'meny', { deliveryMode: 'expectReplies' });
    const activities = (res.body as { activities: { attachments: { content: unknown }[] }[] }).activities;
    expect(activities).toHaveLength(1);
    expect(cardText(activities[0]!.attachments[0]!.content)).toContain('Rapportera incident');
    expect(h.connector.sent).toHaveLength(0);
  });

  it('refuses activities from another tenant, writing and sending nothing', async () => {
    const res = await h.message(STAFF, 'meny', { channelData: { tenant: { id: '99999999-9999-4999-8999-999999999999' } } });
    expect(res.status).toBe(200);
    expect(h.connector.sent).toHaveLength(0);
    const invoke = await h.execute(STAFF, 'cases.mine', {}, { channelData: { tenant: { id: '99999999-9999-4999-8999-999999999999' } } });
    expect(invoke.status).toBe(403);
  });

  it('answers an unknown card action with a card that says why, not an error', async () => {
    const res = await h.execute(STAFF, 'no.such.verb');
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.body.value)).toMatch(/äldre version av kortet/);
  });
});

describe('linking a channel to a role', () => {
  it('lets only ISAM link, and records who did it', async () => {
    await h.channelMessage(STAFF, 'koppla isam', { id: '19:other@thread.tacv2', name: 'Allmänt' });
    expect(cardText(h.connector.cards()[0]!.card)).toMatch(/Endast informationssäkerhetssamordnaren/);
    const before = await h.app.runtime.deps.store.findByKey('Channels', 'channel:isam');
    expect(before!.data.conversationId).not.toBe('19:other@thread.tacv2');

    h.connector.reset();
    await h.channelMessage(PEOPLE.isam, 'koppla isam', { id: '19:isam-new@thread.tacv2', name: 'Säkerhet' });
    expect(cardText(h.connector.cards()[0]!.card)).toMatch(/flyttades hit/);
    const after = await h.app.runtime.deps.store.findByKey('Channels', 'channel:isam');
    expect(after!.data).toMatchObject({ conversationId: '19:isam-new@thread.tacv2', linkedBy: PEOPLE.isam, serviceUrl: h.connector.serviceUrl });
  });

  it('explains an unknown role', async () => {
    await h.channelMessage(PEOPLE.isam, 'koppla kaffe');
    expect(cardText(h.connector.cards()[0]!.card)).toMatch(/Okänd roll/);
  });
});

describe('outbox delivery', () => {
  const messageCard = (payload: Record<string, unknown>) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: String(payload.text) }] });

  it('creates a 1:1 chat with someone the bot never talked with, then updates the same message', async () => {
    const runtime = h.app.runtime;
    // A feature-less card for the test: registered through the same map features use.
    (runtime as unknown as { outbox: { render: unknown } }).outbox['render' as never] = ((_: string, p: Record<string, unknown>) => messageCard(p)) as never;
    await notify(runtime.deps, 'op-1', { to: { type: 'person', id: PEOPLE.dso }, card: 'test', payload: { text: 'Status: ny' }, correlationKey: 'test:1' });
    expect(await runtime.outbox.drain()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(h.connector.conversations).toHaveLength(1);
    expect(h.connector.conversations[0]!.parameters).toMatchObject({ members: [{ id: PEOPLE.dso }], channelData: { tenant: { id: '00000000-0000-4000-8000-000000000001' } } });
    const first = h.connector.sent[0]!;
    expect(first.method).toBe('POST');

    await notify(runtime.deps, 'op-2', { to: { type: 'person', id: PEOPLE.dso }, card: 'test', payload: { text: 'Status: utredd' }, correlationKey: 'test:1' });
    expect(await runtime.outbox.drain()).toEqual({ sent: 1, retried: 0, dead: 0 });
    const second = h.connector.sent[1]!;
    expect(second).toMatchObject({ method: 'PUT', activityId: first.id, conversationId: first.conversationId });
    expect(h.connector.conversations).toHaveLength(1); // reused

    // The same operation retried adds nothing.
    await notify(runtime.deps, 'op-2', { to: { type: 'person', id: PEOPLE.dso }, card: 'test', payload: { text: 'Status: utredd' }, correlationKey: 'test:1' });
    expect(await runtime.outbox.drain()).toEqual({ sent: 0, retried: 0, dead: 0 });
  });

  it('posts to the channel linked to a role', async () => {
    const runtime = h.app.runtime;
    await h.channelMessage(PEOPLE.isam, 'koppla dso', { id: '19:dso@thread.tacv2', name: 'Dataskydd' });
    h.connector.reset();
    (runtime as unknown as { outbox: { render: unknown } }).outbox['render' as never] = ((_: string, p: Record<string, unknown>) => messageCard(p)) as never;
    await notify(runtime.deps, 'op-3', { to: { type: 'channel', role: 'dso' }, card: 'test', payload: { text: 'Till DSO' }, correlationKey: 'test:3' });
    await runtime.outbox.drain();
    const link = await runtime.deps.store.findByKey('Channels', 'channel:dso');
    expect(h.connector.sent.map((s) => s.conversationId)).toEqual([link!.data.conversationId]);
  });

  it('retries after persistent 429 and gives up on 403, marking the conversation stale', async () => {
    const runtime = h.app.runtime;
    (runtime as unknown as { outbox: { render: unknown } }).outbox['render' as never] = ((_: string, p: Record<string, unknown>) => messageCard(p)) as never;
    await h.message(PEOPLE.dso, 'meny'); // the DSO has a 1:1 chat with the bot
    h.connector.reset();
    // The connector client itself retries a 429 a few times; only persistent throttling reaches the worker.
    h.connector.failNext(429, 20, 0);
    await notify(runtime.deps, 'op-4', { to: { type: 'person', id: PEOPLE.dso }, card: 'test', payload: { text: 'x' }, correlationKey: 'test:4' });
    expect((await runtime.outbox.drain()).retried).toBe(1);
    const waiting = await runtime.deps.store.findByKey('Outbox', `outbox:op-4:person:${PEOPLE.dso}`);
    expect(waiting!.data).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/429|throttl|injected/i) });
    h.connector.reset();
    h.clock.advance(5_000);
    expect((await runtime.outbox.drain()).sent).toBe(1);

    const before = await runtime.conversations.personal('00000000-0000-4000-8000-000000000001', PEOPLE.dso);
    h.connector.failNext(403, 1);
    await notify(runtime.deps, 'op-5', { to: { type: 'person', id: PEOPLE.dso }, card: 'test', payload: { text: 'y' }, correlationKey: 'test:5' });
    expect((await runtime.outbox.drain()).dead).toBe(1);
    // That conversation is stale now: it is never used again (the next message finds or creates another).
    expect((await runtime.conversations.byConversation(before!.data.conversationId))!.data.staleSince).not.toBeNull();
    expect((await runtime.conversations.personal('00000000-0000-4000-8000-000000000001', PEOPLE.dso))?.data.conversationId).not.toBe(before!.data.conversationId);
  });
});

describe('scheduler', () => {
  it('runs a job on one of two instances per period', async () => {
    const runs: string[] = [];
    const job = (who: string) => ({ name: 'test-job', everyMs: 60_000, run: async () => void runs.push(who) });
    const log = createLogger({ silent: true });
    const a = new Scheduler(h.app.runtime.deps, [job('a')], log, 'instance-a');
    const b = new Scheduler(h.app.runtime.deps, [job('b')], log, 'instance-b');
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(1);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(1);
    h.clock.advance(61_000);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(2);
  });
});
