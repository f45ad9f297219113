/**
 * Leavers over the Bot Framework protocol: a manager (own staff) or the administrative unit records
 * the last day; on that day every active grant becomes a termination task on one card for the
 * administrative unit. The seeded leaver Jonas Lindqvist has 12 grants.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../core/ports/directory';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { all, assetId, auditOf, buttons, cardsIn, cardsTo, latestRequest, P, submit, visible } from './access-helpers';

let h: BotHarness;
const ADMIN_CHANNEL = '19:leavers-admin@thread.tacv2';

beforeAll(async () => {
  h = await startBotHarness();
  await h.channelMessage(P.isam, 'koppla admin', { id: ADMIN_CHANNEL, name: 'Behörigheter' });
  for (const who of [P.ifoManager, P.cecilia, P.adminUnit, P.anders, P.johanna, P.amira]) await h.message(who, 'hej');
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await h.app.runtime.outbox.drain();
  h.connector.reset();
});

const drain = () => h.app.runtime.outbox.drain();

describe('recording a leaver', () => {
  it('lets a manager record their own staff, with the date checked in the card', async () => {
    await h.message(P.ifoManager, 'slutar');
    const form = h.connector.cards()[0]!.card;
    expect(visible(form)).toContain('Avslutad anställning');
    expect(visible(form)).toContain('Registrera att någon i din personal slutar.');
    expect(visible(form)).toContain('Amira Hassan'); // his staff as static choices
    expect(visible(form)).not.toContain('Johanna Berg');
    expect(JSON.stringify(form)).toContain('"choices.data":{"type":"Data.Query","dataset":"access.people"');

    const missing = await h.execute(P.ifoManager, 'access.leaver.submit', { personId: P.amira, lastDay: '' });
    expect(visible(missing.body.value)).toContain('Sista anställningsdag måste fyllas i.');
    expect(JSON.stringify(missing.body.value)).toContain(`"value":"${P.amira}"`); // kept
    const tooLate = await h.execute(P.ifoManager, 'access.leaver.submit', { personId: P.amira, lastDay: '2029-01-01' });
    expect(visible(tooLate.body.value)).toContain('Sista dag ska ligga mellan 2026-10-29 och 2027-11-29.');
    expect(await all(h, 'Leavers', 'personId', P.amira)).toHaveLength(0);

    const ok = await h.execute(P.ifoManager, 'access.leaver.submit', { personId: P.amira, lastDay: '2027-01-15' });
    expect(visible(ok.body.value)).toContain('Amira Hassan slutar 2027-01-15. Den dagen blir personens aktiva behörigheter (nu 2) uppgifter för administrativa enheten.');
    const [leaver] = await all(h, 'Leavers', 'personId', P.amira);
    expect(leaver!.data).toMatchObject({ lastDay: '2027-01-15', recordedBy: P.ifoManager, processedAt: null });
    expect((await auditOf(h, `Leavers/${leaver!.id}`)).map((a) => [a.data.action, a.data.actorId])).toEqual([['access.leaver.recorded', P.ifoManager]]);
    await drain();
    const [notice] = cardsIn(h, ADMIN_CHANNEL);
    expect(visible(notice!.card)).toContain('Avslutad anställning: Amira Hassan');
    expect(visible(notice!.card)).toContain('Registrerat av\nThomas Granlund, 2026-11-28 10:00');

    // A new date replaces the old one (the same record), and the card says so.
    h.connector.reset();
    await h.message(P.ifoManager, 'slutar amira 2027-01-31');
    expect(JSON.stringify(h.connector.cards()[0]!.card)).toContain('"value":"2027-01-31"');
    await h.execute(P.ifoManager, 'access.leaver.submit', { personId: P.amira, lastDay: '2027-01-31' });
    expect((await all(h, 'Leavers', 'personId', P.amira)).map((l) => l.data.lastDay)).toEqual(['2027-01-31']);
    await drain();
    expect(cardsIn(h, ADMIN_CHANNEL)).toMatchObject([{ method: 'PUT', id: notice!.id }]);
    expect(visible(cardsIn(h, ADMIN_CHANNEL)[0]!.card)).toContain('slutar 2027-01-31');
  });

  it('refuses staff, and managers of other units', async () => {
    await h.message(P.johanna, 'slutar');
    expect(visible(h.connector.cards()[0]!.card)).toContain('Avslutad anställning registreras av närmaste chef eller administrativa enheten.');
    const other = await h.execute(P.anders, 'access.leaver.submit', { personId: P.johanna, lastDay: '2027-02-01' });
    expect(visible(other.body.value)).toContain('Du är inte chef för Johanna Berg.');
    expect(await all(h, 'Leavers', 'personId', P.johanna)).toHaveLength(0);
    // The administrative unit may record anyone.
    const admin = await h.execute(P.adminUnit, 'access.leaver.submit', { personId: P.johanna, lastDay: '2027-02-01' });
    expect(visible(admin.body.value)).toContain('Johanna Berg slutar 2027-02-01.');
  });
});

describe('the last day', () => {
  it('turns all 12 grants of the seeded leaver into tasks on one card, and removes them all', async () => {
    const grants = (await all(h, 'AccessGrants', 'subjectId', P.jonas)).filter((g) => g.data.status === 'active');
    expect(grants).toHaveLength(12);
    // A request for Jonas still waits for its owner: it is cancelled when he leaves.
    await submit(h, P.ifoManager, { kind: 'new', subjectId: P.jonas, assetId: await assetId(h, 'IA-002'), role: 'Handläggare', justification: 'Överlämning.' });
    const waiting = await latestRequest(h, P.jonas);
    expect(waiting.data.status).toBe('pending');

    // The day before: his expired IA-010 grant becomes an expiry task; nothing for the leaver yet.
    h.clock.set('2026-12-30T07:00:00.000Z');
    await h.app.runtime.scheduler.tick();
    const jonasLeaver = (await all(h, 'Leavers', 'personId', P.jonas))[0]!;
    expect(jonasLeaver.data.processedAt).toBeNull();
    const expiryTask = (await all(h, 'AccessRequests', 'subjectId', P.jonas)).find((r) => r.data.origin === 'expiry')!;
    expect(expiryTask.data.status).toBe('approved');
    await drain();
    const withRequest = (id: string) => (c: { card: unknown }) => JSON.stringify(c.card).includes(`"requestId":"${id}"`);
    const expiryCard = cardsIn(h, ADMIN_CHANNEL).find(withRequest(expiryTask.id))!;
    const ownerCard = cardsTo(h, P.cecilia).find(withRequest(waiting.id))!;
    expect(visible(expiryCard.card)).toContain('Giltighetstiden har gått ut');
    expect(visible(ownerCard.card)).toContain('Väntar på beslut av Cecilia Wallin.');

    // 07:00 in Stockholm on his last day.
    h.connector.reset();
    h.clock.set('2026-12-31T06:00:00.000Z');
    expect(await h.app.runtime.scheduler.tick()).toContain('access.leavers');
    const processed = (await h.app.runtime.deps.store.get('Leavers', jonasLeaver.id))!;
    expect(processed.data.processedAt).toBe('2026-12-31T06:00:00.000Z');
    const tasks = (await all(h, 'AccessRequests', 'subjectId', P.jonas)).filter((r) => r.data.origin === 'leaver');
    expect(tasks).toHaveLength(12);
    expect(new Set(tasks.map((t) => t.data.grantId))).toEqual(new Set(grants.map((g) => g.id)));
    expect(tasks.every((t) => t.data.kind === 'termination' && t.data.status === 'approved' && t.data.decidedBy === P.ifoManager && t.data.validUntil === '2026-12-31')).toBe(true);
    // Superseded: the expiry task and the waiting request.
    expect((await h.app.runtime.deps.store.get('AccessRequests', expiryTask.id))!.data.status).toBe('cancelled');
    expect((await h.app.runtime.deps.store.get('AccessRequests', waiting.id))!.data.status).toBe('cancelled');

    await drain();
    const card = cardsIn(h, ADMIN_CHANNEL).find((c) => visible(c.card).includes('Ta bort alla behörigheter: Jonas Lindqvist'))!;
    const text = visible(card.card);
    expect(text).toContain('Jonas Lindqvist slutade 2026-12-31. Kvar att ta bort: 12.');
    expect(text).toContain('IA-001 Socialtjänstens verksamhetssystem: Administratör');
    expect(text).toContain('IA-014 Uppgifter om personer med skyddade personuppgifter: Handläggare skyddade personuppgifter');
    const rowButtons = buttons(card.card).filter((b) => b.verb === 'access.task.done');
    expect(rowButtons).toHaveLength(12);
    expect(buttons(card.card).find((b) => b.verb === 'access.leaver.doneAll')!.title).toBe('Alla klara (12)');
    // Their cards now say so, in place, without buttons.
    for (const [conversation, id] of [[ADMIN_CHANNEL, expiryCard.id], [ownerCard.conversationId, ownerCard.id]] as const) {
      const update = cardsIn(h, conversation).find((c) => c.id === id)!;
      expect(update.method).toBe('PUT');
      expect(visible(update.card)).toContain('Avbruten.');
      expect(buttons(update.card)).toEqual([]);
    }
    expect(cardsTo(h, P.ifoManager).some((c) => visible(c.card).includes('Begäran om behörighet avbröts'))).toBe(true);

    // One row, then "all done".
    h.connector.reset();
    const one = await h.execute(P.adminUnit, 'access.task.done', rowButtons[0]!.data);
    expect(visible(one.body.value)).toContain('1 av 12 borttagna.');
    expect(buttons(one.body.value).find((b) => b.verb === 'access.leaver.doneAll')!.title).toBe('Alla klara (11)');
    const allDone = await h.execute(P.ahmed, 'access.leaver.doneAll', { leaverId: jonasLeaver.id });
    expect(visible(allDone.body.value)).toContain('Alla behörigheter för Jonas Lindqvist är borttagna (12 st.).');
    expect(buttons(allDone.body.value)).toEqual([]);
    for (const g of grants) {
      expect((await h.app.runtime.deps.store.get('AccessGrants', g.id))!.data).toMatchObject({ status: 'removed', removalReason: 'leaver' });
    }
    await drain();
    const updates = cardsIn(h, ADMIN_CHANNEL).filter((c) => c.id === card.id);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((c) => c.method === 'PUT')).toBe(true);
    expect(visible(updates.at(-1)!.card)).toContain('Alla behörigheter för Jonas Lindqvist är borttagna (12 st.).');
    const told = cardsTo(h, P.ifoManager).map((c) => visible(c.card)).find((t) => t.includes('Alla behörigheter är borttagna'));
    expect(told).toContain('Administrativa enheten har tagit bort alla behörigheter för Jonas Lindqvist (12 st., sista dag 2026-12-31).');
    const trail = (await auditOf(h, `Leavers/${jonasLeaver.id}`)).map((a) => [a.data.action, a.data.actorId]);
    expect(trail).toEqual([
      ['access.leaver.processed', 'system'],
      ['access.leaver.completed', P.ahmed],
    ]);
    expect((await auditOf(h, `AccessRequests/${tasks[0]!.id}`)).map((a) => a.data.action)).toEqual(['access.task.created', 'access.task.completed']);
  });

  it('treats an account the directory reports disabled as leaving today', async () => {
    const directory = h.app.runtime.deps.directory;
    const disabled: Directory = {
      ...directory,
      getPerson: directory.getPerson.bind(directory),
      search: directory.search.bind(directory),
      reportsOf: directory.reportsOf.bind(directory),
      disabledPeople: async () => (await directory.getPeople([P.ali])).map((p) => ({ ...p, accountEnabled: false })),
      getPeople: async (ids) => (await directory.getPeople(ids)).map((p) => (p.aadObjectId === P.ali ? { ...p, accountEnabled: false } : p)),
    };
    h.app.runtime.deps.directory = disabled;
    try {
      h.clock.set('2027-01-02T07:00:00.000Z');
      await h.app.runtime.scheduler.tick();
    } finally {
      h.app.runtime.deps.directory = directory;
    }
    const [leaver] = await all(h, 'Leavers', 'personId', P.ali);
    expect(leaver!.data).toMatchObject({ lastDay: '2027-01-02', recordedBy: 'system', processedAt: '2027-01-02T07:00:00.000Z' });
    const tasks = (await all(h, 'AccessRequests', 'subjectId', P.ali)).filter((r) => r.data.origin === 'leaver');
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.data.decidedBy === null && t.data.requesterId === P.ali)).toBe(true);
    await drain();
    const card = cardsIn(h, ADMIN_CHANNEL).find((c) => visible(c.card).includes('Ta bort alla behörigheter: Ali Hussein'))!;
    expect(visible(card.card)).toContain('Systemet: kontot är inaktiverat i katalogen');
  });
});
