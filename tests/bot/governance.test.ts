/**
 * Governing documents through the Bot Framework protocol: `styrdokument` answers with the list; the
 * scheduler reminds each owner in their personal chat when a review is due — once per due date,
 * across repeated ticks and two instances — and the owner records the review on the card.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queueReviewReminders } from '../../core/app/governance';
import { ambassadorsFeature } from '../../bot/features/ambassadors';
import { createLogger } from '../../bot/log';
import { Scheduler } from '../../bot/scheduler/scheduler';
import { cardText, executeActions, PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness';

const person = (nn: string) => `d0000000-0000-4000-8000-0000000000${nn}`;
const STAFF = person('16');
const DIRECTOR = PEOPLE.director;
const PER = PEOPLE.admManager;

let h: BotHarness;
/** Two server instances running only this job (the other features' jobs have their own tests). */
let a: Scheduler;
let b: Scheduler;
const docId = async (code: string) => (await h.app.runtime.deps.store.findByKey('GoverningDocuments', `seed:governing-document:${code}`))!.id;
const reminderEntries = async () => {
  const out = [];
  for await (const e of h.app.sharepoint.store.queryAll('Outbox', { where: [{ field: 'status', op: 'ne', value: 'dead' }] })) if (e.data.card === 'governance.reviewReminder') out.push(e);
  return out;
};
/** The conversation the bot uses for a person's 1:1 chat. */
const chatOf = async (id: string) => (await h.app.runtime.conversations.personal('00000000-0000-4000-8000-000000000001', id))?.data.conversationId;

beforeAll(async () => {
  h = await startBotHarness({ now: '2026-11-28T09:00:00.000Z' });
  // The owners have talked with the bot before (their chats are known); others get one created.
  await h.message(DIRECTOR, 'hej');
  const jobs = ambassadorsFeature.jobs!.filter((j) => j.name === 'governance.review-reminders');
  a = new Scheduler(h.app.runtime.deps, jobs, createLogger({ silent: true }), 'instance-a');
  b = new Scheduler(h.app.runtime.deps, jobs, createLogger({ silent: true }), 'instance-b');
});
afterAll(async () => h?.close());
beforeEach(() => h.connector.reset());

describe('styrdokument', () => {
  it('answers with the documents in force, owner, decision and review date, and a link to each', async () => {
    await h.message(STAFF, 'styrdokument');
    const card = h.connector.cards()[0]!.card;
    const text = cardText(card);
    expect(text).toContain('Styrdokument');
    expect(text).toContain('8 lokala styrdokument gäller för informationssäkerhet och dataskydd.');
    expect(text).toMatch(/Informationssäkerhetspolicy för Stadsdelsförvaltning Söderbyn\nÄgare\nKarin Ekström\nBeslutat\n11 december 2025\nNästa översyn\n10 december 2026 – snart/);
    expect(text).toMatch(/Instruktion för behörighetshantering\nÄgare\nPer Holmberg\nBeslutat\n15 september 2025\nNästa översyn\n15 september 2026 – försenad/);
    expect(text).toContain('10 juni 2026 – översyn pågår');
    expect(text).not.toContain('distansarbete'); // repealed
    const links = JSON.stringify(card).match(/"type":"Action\.OpenUrl","title":"Öppna","url":"https:\/\/intranat\.soderbyn\.example\/styrdokument\/[a-z-]+"/g) ?? [];
    expect(links).toHaveLength(8);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(40_000);
  });

  it('answers "governing documents" in English, in a channel too', async () => {
    await h.message(STAFF, 'governing documents', { locale: 'en-GB' });
    const text = cardText(h.connector.cards()[0]!.card);
    expect(text).toContain('8 local governing documents apply to information security and data protection.');
    expect(text).toContain('15 September 2026 – overdue');
    h.connector.reset();
    await h.channelMessage(STAFF, 'styrdokument', { id: '19:allmant@thread.tacv2', name: 'Allmänt' });
    expect(h.connector.cards()[0]!.conversationId).toContain('19:allmant@thread.tacv2');
  });
});

describe('review reminders', () => {
  it('reminds each owner of a document whose review is due, in their personal chat, once per due date', async () => {
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    h.clock.advance(2 * 3_600_000);
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([queueReviewReminders(h.app.runtime.deps, h.clock.now()), queueReviewReminders(h.app.runtime.deps, h.clock.now())]);

    const entries = await reminderEntries();
    const [sd01, sd04, sd08] = await Promise.all([docId('SD-01'), docId('SD-04'), docId('SD-08')]);
    // Due soon (SD-01, 10 Dec) and overdue (SD-04, SD-08); not the one under review or the repealed one.
    expect(entries.map((e) => e.data.correlationKey).sort()).toEqual(
      [`governing-document:${sd01}:review:2026-12-10`, `governing-document:${sd04}:review:2026-09-15`, `governing-document:${sd08}:review:2025-11-07`].sort(),
    );
    expect(entries.map((e) => e.data.targetId).sort()).toEqual([DIRECTOR, DIRECTOR, PER].sort());

    await h.app.runtime.outbox.drain();
    await h.app.runtime.outbox.drain();
    expect(h.connector.sent.map((s) => s.method)).toEqual(['POST', 'POST', 'POST']);
    const directorChat = await chatOf(DIRECTOR);
    expect(directorChat).toBe(`a:personal-${DIRECTOR}`);
    expect(h.connector.sent.filter((s) => s.conversationId === directorChat)).toHaveLength(2);
    // Per has never talked with the bot: a 1:1 chat was created for him.
    expect(h.connector.conversations.map((c) => (c.parameters.members as { id: string }[])[0]!.id)).toEqual([PER]);

    const perCard = h.connector.cards().find((c) => c.conversationId === h.connector.conversations[0]!.id)!.card;
    const text = cardText(perCard);
    expect(text).toContain('Översynen av ett styrdokument är försenad');
    expect(text).toMatch(/Instruktion för behörighetshantering\nBeslutat\n15 september 2025\nÖversyn senast\n15 september 2026/);
    expect(text).toContain('Läs igenom det och se till att det fortfarande stämmer');
    expect(executeActions(perCard).map((a) => a.title)).toEqual(['Översynen är klar']);
    expect(JSON.stringify(perCard)).toContain('"url":"https://intranat.soderbyn.example/styrdokument/behorighetshantering"');
  });

  it('reminds the owner of a document entering its notice period, when it does, once', async () => {
    h.clock.set('2026-12-20T09:00:00.000Z');
    await Promise.all([a.tick(), b.tick()]);
    expect(await h.app.runtime.outbox.drain()).toEqual({ sent: 0, retried: 0, dead: 0 });
    h.clock.set('2026-12-21T09:00:00.000Z'); // 30 days before 20 January
    await Promise.all([a.tick(), b.tick()]);
    h.clock.advance(3_600_000 + 1);
    await Promise.all([a.tick(), b.tick()]);
    await h.app.runtime.outbox.drain();
    expect(h.connector.cards()).toHaveLength(1);
    expect(cardText(h.connector.cards()[0]!.card)).toMatch(/Dags att se över ett styrdokument\nInstruktion för rapportering och hantering av incidenter/);
    expect((h.connector.conversations[0]!.parameters.members as { id: string }[])[0]!.id).toBe(PEOPLE.isam);
  });

  it('lets only the owner (or ISAM) record the review; the reminder then says it is done', async () => {
    const sd04 = await docId('SD-04');
    const refused = await h.execute(STAFF, 'governance.review.done', { documentId: sd04, reviewAt: '2026-09-15', nextReviewAt: '2027-12-01' });
    expect(cardText(refused.body.value)).toContain('Det är dokumentets ägare (eller informationssäkerhetssamordnaren) som registrerar översynen.');
    expect((await h.app.runtime.deps.store.get('GoverningDocuments', sd04))!.data.reviewAt).toBe('2026-09-15');

    // Per clicks in the chat the reminder came to.
    const inHisChat = { conversation: { id: (await chatOf(PER))!, conversationType: 'personal', tenantId: '00000000-0000-4000-8000-000000000001' } };
    const done = await h.execute(PER, 'governance.review.done', { documentId: sd04, reviewAt: '2026-09-15', nextReviewAt: '2027-12-01' }, inHisChat);
    const text = cardText(done.body.value);
    expect(text).toContain('Översynen är registrerad 21 december 2026 av Per Holmberg. Nästa översyn: 1 december 2027.');
    expect(executeActions(done.body.value)).toEqual([]);
    expect((await h.app.runtime.deps.store.get('GoverningDocuments', sd04))!.data).toMatchObject({ reviewAt: '2027-12-01', status: 'in_force' });

    // Everyone's copy of the reminder is the same message, updated in place.
    await h.app.runtime.outbox.drain();
    expect(h.connector.sent.map((s) => s.method)).toEqual(['PUT']);
    expect(cardText(h.connector.cards()[0]!.card)).toContain('Nästa översyn: 1 december 2027.');

    // A second click changes nothing.
    const again = await h.execute(PER, 'governance.review.done', { documentId: sd04, reviewAt: '2026-09-15', nextReviewAt: '2028-01-01' }, inHisChat);
    expect(cardText(again.body.value)).toContain('Nästa översyn: 1 december 2027.');
    expect((await h.app.runtime.deps.store.get('GoverningDocuments', sd04))!.data.reviewAt).toBe('2027-12-01');
    const audit = await h.app.runtime.deps.store.query('AuditLog', { where: [{ field: 'action', op: 'eq', value: 'governing_document.reviewed' }] });
    expect(audit.items.map((a) => a.data.actorId)).toEqual([PER]);
  });

  it('reminds again for the new due date, once', async () => {
    const sd04 = await docId('SD-04');
    h.clock.set('2027-11-01T09:00:00.000Z'); // within 30 days of 1 December 2027
    await Promise.all([a.tick(), b.tick()]);
    h.clock.advance(2 * 3_600_000);
    await Promise.all([a.tick(), b.tick()]);
    const forSd04 = (await reminderEntries()).filter((e) => e.data.correlationKey.startsWith(`governing-document:${sd04}:`));
    // The old date's reminder (and its "done" update), and one new reminder for the new date.
    expect([...new Set(forSd04.map((e) => e.data.correlationKey))].sort()).toEqual([`governing-document:${sd04}:review:2026-09-15`, `governing-document:${sd04}:review:2027-12-01`]);
    expect(forSd04.filter((e) => e.data.correlationKey.endsWith('2027-12-01'))).toHaveLength(1);
  });
});
