/**
 * Issue 17.2, reproduced from outside: a staff member's description of 10 000 double quotes.
 * Through the tab API the incident was saved but the notification to the ISAM channel and the manager
 * stayed pending (the card was over the renderer's limit, every attempt failed); through the bot the
 * wizard failed at step 2 with "Något gick fel" and nothing was saved. Now both deliver, every card
 * is under Teams' limit, and each proactive post says what it is in the recipient's language.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CARD_BYTES } from '../../bot/cards/render';
import { t } from '../../core/i18n';
import { cardText, executeActions, PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness';

const REPORTER = 'd0000000-0000-4000-8000-000000000033'; // Amira Hassan, IFO
const MANAGER = 'd0000000-0000-4000-8000-000000000030'; // Thomas Granlund
const ISAM_CHANNEL = { id: '19:isam-hostile@thread.tacv2', name: 'Incidenter' };
const QUOTES = '"'.repeat(10_000);

let h: BotHarness;
type Card = Record<string, unknown>;

beforeAll(async () => {
  h = await startBotHarness();
  await h.channelMessage(PEOPLE.isam, 'koppla isam', ISAM_CHANNEL);
  await h.message(MANAGER, 'hej', { locale: 'en-GB' }); // the manager reads English
  h.connector.reset();
});
afterAll(async () => h?.close());

async function outboxOf(incidentId: string) {
  const page = await h.app.runtime.deps.store.query('Outbox', { where: [{ field: 'correlationKey', op: 'startswith', value: `incident:${incidentId}:` }], pageSize: 100 });
  return page.items;
}

function expectDelivered(incidentId: string, number: string) {
  const posts = h.connector.sent.filter((s) => JSON.stringify(s.activity).includes(number));
  const channel = posts.find((p) => p.conversationId.startsWith(ISAM_CHANNEL.id));
  const manager = posts.find((p) => p.conversationId === `a:personal-${MANAGER}` || (p.activity as { recipient?: unknown }) !== undefined && p.conversationId.includes(MANAGER));
  expect(channel, 'the ISAM channel got the notification').toBeDefined();
  expect(manager, 'the manager got the notification').toBeDefined();
  for (const post of [channel!, manager!]) {
    const card = (post.activity.attachments as { content: Card }[])[0]!.content;
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardText(card)).toContain(number);
  }
  // Toasts and the feed say what it is, in each recipient's language.
  expect(channel!.activity.summary).toBe(`Incident ${number}: ${t('sv', 'incident.status.reported')}`);
  expect(manager!.activity.summary).toBe(`Incident ${number}: ${t('en', 'incident.status.reported')}`);
  // A 1:1 chat also carries it as text (Android's lock screen uses that); a channel does not repeat it.
  expect(manager!.activity.text).toBe(`Incident INC\\-${number.slice(4, 8)}\\-${number.slice(9)}: ${t('en', 'incident.status.reported')}`);
  expect(channel!.activity.text).toBeUndefined();
  // Every proactive post of this drain says what it is.
  for (const post of h.connector.sent.filter((s) => s.method !== 'DELETE')) expect(typeof post.activity.summary, JSON.stringify(post.activity).slice(0, 200)).toBe('string');
  return { channel: channel!, manager: manager!, incidentId };
}

describe('a description of 10 000 double quotes', () => {
  it('through the tab API: saved, and the ISAM channel and the manager are notified', async () => {
    const token = ((await (await fetch(`${h.app.appUrl}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: REPORTER }) })).json()) as { token: string }).token;
    const res = await fetch(`${h.app.appUrl}/api/v1/incidents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        category: 'misdirected', title: null, description: QUOTES, occurredAt: null, discoveredAt: new Date(h.clock.now().getTime() - 3_600_000).toISOString(),
        assetId: null, supplierId: null, personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false },
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const stored = await h.app.runtime.deps.store.get('Incidents', id);
    expect(stored!.data.description).toBe(QUOTES);
    const number = `INC-${stored!.data.reportedAt.slice(0, 4)}-${id.padStart(4, '0')}`;

    await h.app.runtime.outbox.drain();
    const entries = await outboxOf(id);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.map((e) => e.data.status)).toEqual(entries.map(() => 'sent'));
    const { manager } = expectDelivered(id, number);
    // The manager sees the start of the text, shortened with "…", and a link to the whole record.
    const card = (manager.activity.attachments as { content: Card }[])[0]!.content;
    expect(cardText(card)).toContain('""""""…');
    expect(JSON.stringify(card)).toMatch(/"type":"Action\.OpenUrl","title":"Open in LIS","url":"http:\/\/127\.0\.0\.1:\d+\/#\/incidents\/\d+"/);
  });

  it('through the bot: the wizard goes on to step 3, and the incident is saved with the whole text', async () => {
    h.connector.reset();
    await h.message(REPORTER, 'incident');
    let card = h.connector.cards().at(-1)!.card;
    const click = async (verb: string, inputs: Record<string, string>, go?: string) => {
      const action = executeActions(card).find((a) => a.verb === verb && (go === undefined || a.data.go === go))!;
      const res = await h.execute(REPORTER, verb, { ...action.data, ...inputs });
      expect(res.status).toBe(200);
      expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
      card = res.body.value as Card;
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(cardText(card)).not.toContain(t('sv', 'error.unexpected'));
      return card;
    };
    await click('incident.report.step', { category: 'misdirected' }, 'next');
    const now = h.clock.now();
    const date = now.toISOString().slice(0, 10);
    await click('incident.report.step', { description: QUOTES, title: '', discoveredDate: date, discoveredTime: '09:00', occurredDate: '', occurredTime: '', occurredUnknown: 'true' }, 'next');
    expect(cardText(card)).toContain('Steg 3 av 5');
    await click('incident.report.step', { assetId: 'unknown', supplierId: 'none' }, 'next');
    await click('incident.report.step', { involved: 'no', approxSubjects: '', dataCategories: '', protectedIdentity: 'false' }, 'next');
    expect(cardText(card)).toContain('Steg 5 av 5');
    // Back from the review keeps the description in its input, whole.
    await click('incident.report.step', {}, 'back');
    await click('incident.report.step', { involved: 'no', approxSubjects: '', dataCategories: '', protectedIdentity: 'false' }, 'next');
    await click('incident.report.submit', {});
    const text = cardText(card);
    expect(text).toContain('Tack!');
    const number = text.match(/INC-\d{4}-\d{4}/)![0];
    const id = String(Number(number.slice(-4)));
    const stored = await h.app.runtime.deps.store.get('Incidents', id);
    expect(stored!.data.description).toBe(QUOTES);
    expect(stored!.data.assetId).toBeNull();
    expect(stored!.data.supplierId).toBeNull();

    h.connector.reset();
    await h.app.runtime.outbox.drain();
    expect((await outboxOf(id)).every((e) => e.data.status === 'sent')).toBe(true);
    expectDelivered(id, number);
  });

  it('a description that cannot fit a card in chat is shortened with a clear message, not an error', async () => {
    // 10 000 random CJK characters: 30 kB in UTF-8 that deflate cannot shrink, more than a card carries.
    let seed = 17;
    const cjk = Array.from({ length: 10_000 }, () => String.fromCharCode(0x4e00 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 20_000))).join('');
    await h.message(REPORTER, 'incident');
    let card = h.connector.cards().at(-1)!.card;
    const next = async (inputs: Record<string, string>) => {
      const action = executeActions(card).find((a) => a.verb === 'incident.report.step' && a.data.go === 'next')!;
      card = (await h.execute(REPORTER, 'incident.report.step', { ...action.data, ...inputs })).body.value as Card;
    };
    await next({ category: 'misdirected' });
    await next({ description: cjk, discoveredDate: h.clock.now().toISOString().slice(0, 10), discoveredTime: '09:00', occurredUnknown: 'true' });
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const text = cardText(card);
    expect(text).toContain('Steg 2 av 5');
    expect(text).toMatch(/har kortats till \d+ tecken/);
    const kept = JSON.stringify(card).match(/"id":"description"[^}]*"value":"([^"]+)"/)![1]!;
    expect(cjk.startsWith(kept)).toBe(true);
    expect(kept.length).toBeGreaterThan(3_000);
    // What was kept goes through the rest of the steps.
    await next({ description: kept, discoveredDate: h.clock.now().toISOString().slice(0, 10), discoveredTime: '09:00', occurredUnknown: 'true' });
    expect(cardText(card)).toContain('Steg 3 av 5');
    await next({ assetId: 'unknown', supplierId: 'none' });
    await next({ involved: 'no' });
    expect(cardText(card)).toContain('Steg 5 av 5');
  });
});
