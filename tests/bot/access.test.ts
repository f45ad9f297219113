/**
 * Access requests over the Bot Framework protocol (issue 4): the request card and its validation,
 * routing to the owner, decisions (forged, doubled, concurrent), the administrative unit's tasks, the
 * grants register, and expiry under a moved clock. Only the Bot Connector is fake.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { all, assetId, auditOf, buttons, cardsIn, cardsTo, latestRequest, P, search, submit, visible } from './access-helpers';

let h: BotHarness;
const ADMIN_CHANNEL = '19:access-admin@thread.tacv2';

beforeAll(async () => {
  h = await startBotHarness();
  // The administrative unit's channel, linked through the fake connector so its cards are seen.
  await h.channelMessage(P.isam, 'koppla admin', { id: ADMIN_CHANNEL, name: 'Behörigheter' });
  // Everyone here has a 1:1 chat with the bot, as in Teams once the app is installed: proactive
  // cards and the invokes on them share that conversation.
  for (const who of [P.johanna, P.ali, P.ifoManager, P.cecilia, P.admManager, P.camilla, P.birgitta, P.adminUnit, P.ahmed]) await h.message(who, 'hej');
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await h.app.runtime.outbox.drain();
  h.connector.reset();
});

const drain = () => h.app.runtime.outbox.drain();

describe('the request card', () => {
  it('opens from "behörighet", "access" and the menu button, Swedish first', async () => {
    await h.message(P.johanna, 'behörighet');
    await h.message(P.johanna, 'access');
    const fromMenu = await h.execute(P.johanna, 'access.request.start');
    const cards = [...h.connector.cards().map((c) => c.card), fromMenu.body.value];
    expect(cards).toHaveLength(3);
    for (const card of cards) {
      const text = visible(card);
      expect(text).toContain('Begär behörighet');
      expect(text).toContain('Mig själv (Johanna Berg)');
      expect(text).toContain('Ny behörighet');
      expect(text).toContain('Avslutad behörighet');
      expect(text).toContain('IA-001 Socialtjänstens verksamhetssystem');
      expect(buttons(card).map((b) => b.title)).toEqual(['Skicka till informationsägaren']);
    }
    // People picker: static colleagues plus Teams' dynamic typeahead through the Directory port.
    const picker = JSON.stringify(cards[0]);
    expect(picker).toContain('"choices.data":{"type":"Data.Query","dataset":"access.people"');
    expect(visible(cards[0])).toContain('Ali Hussein · EKB');
  });

  it('answers the people and asset typeahead (application/search)', async () => {
    const people = await search(h, P.johanna, 'access.people', 'jon');
    expect(people.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(people.value.results).toContainEqual({ title: 'Jonas Lindqvist · IFO', value: P.jonas });
    const assets = await search(h, P.johanna, 'access.assets', 'ia-01');
    expect(assets.value.results.map((r) => r.title)).toContain('IA-014 Uppgifter om personer med skyddade personuppgifter');
    const byName = await search(h, P.johanna, 'access.assets', 'Sms');
    expect(byName.value.results.map((r) => r.title)).toEqual(['IA-016 Sms- och utskickstjänst']);
  });

  it('shows every problem under its field, keeps what was typed, and writes nothing', async () => {
    const before = (await all(h, 'AccessRequests', 'requesterId', P.johanna)).length;
    const { card } = await submit(h, P.johanna, { kind: 'new', subjectId: P.johanna, assetId: '', role: 'Läsbehörighet [se här](https://x.example)', validUntil: '2026-01-01' });
    const text = visible(card);
    expect(text).toContain('Kontrollera 3 uppgifter nedan.');
    expect(text).toContain('Informationstillgång måste fyllas i.');
    expect(text).toContain('Beskriv varför behörigheten behövs.');
    expect(text).toContain('Datumet har redan passerat. Välj 2026-11-28 eller senare');
    const json = JSON.stringify(card);
    expect(json).toContain('"value":"Läsbehörighet [se här](https://x.example)"'); // kept, as typed, in the input
    expect(json).toContain('"value":"2026-01-01"');
    expect((await all(h, 'AccessRequests', 'requesterId', P.johanna)).length).toBe(before);

    const en = await h.execute(P.johanna, 'access.request.submit', { formId: 'form-english-1', kind: 'new', subjectId: P.johanna, assetId: '', role: '', justification: '' }, { locale: 'en-GB' });
    expect(visible(en.body.value)).toContain('Please check 3 items below.');
    expect(visible(en.body.value)).toContain('Describe why the access is needed.');
  });

  it('asks which grant when a person has several in the system', async () => {
    const ia1 = await assetId(h, 'IA-001');
    const { card, formId } = await submit(h, P.ifoManager, { kind: 'termination', subjectId: P.jonas, assetId: ia1 });
    expect(visible(card)).toContain('Välj vilken befintlig behörighet som ska ändras eller avslutas.');
    expect(visible(card)).toContain('Vilken befintlig behörighet?');
    expect(visible(card)).toContain('Administratör (tills vidare)');
    expect(JSON.stringify(card)).toContain(`"formId":"${formId}"`); // the same form: a resubmit is one request
  });

  it("sends an owner's request for their own access to their line manager, and refuses a duplicate", async () => {
    // Cecilia owns IA-016: she cannot approve her own access — her line manager, the director, decides
    // (separation of duties; the whole path is in tests/bot/access-duties.test.ts).
    const { card } = await submit(h, P.cecilia, { kind: 'new', subjectId: P.cecilia, assetId: await assetId(h, 'IA-016'), role: 'Administratör', justification: 'Behöver skicka utskick.' });
    expect(visible(card)).toContain('Din begäran har skickats till Karin Ekström (informationsägarens chef) för beslut.');

    const ia13 = await assetId(h, 'IA-013');
    await submit(h, P.johanna, { kind: 'new', subjectId: P.johanna, assetId: ia13, role: 'Bildgranskare', justification: 'Utredning av skadegörelse.' });
    const again = await submit(h, P.johanna, { kind: 'new', subjectId: P.johanna, assetId: ia13, role: 'bildgranskare', justification: 'Samma igen.' });
    expect(visible(again.card)).toContain('Det finns redan ett öppet ärende om samma behörighet (från 2026-11-28).');
  });
});

describe('request → owner approval → administrative task → grant', () => {
  it('runs the whole path, telling each person, with the real actor in the audit log', async () => {
    const ia3 = await assetId(h, 'IA-003'); // owner Thomas Granlund (IFO), no delegate
    // Johanna asks for her colleague Ali.
    const { card: sent, res } = await submit(h, P.johanna, { kind: 'new', subjectId: P.ali, assetId: ia3, role: 'Läsbehörighet', justification: 'Ska ersätta Ida under hennes föräldraledighet.', validUntil: '2027-05-31' });
    expect(res.status).toBe(200);
    expect(visible(sent)).toContain('Din begäran har skickats till Thomas Granlund för beslut.');
    const request = await latestRequest(h, P.ali);
    expect(request.data).toMatchObject({ kind: 'new', status: 'pending', requesterId: P.johanna, subjectId: P.ali, ownerId: P.ifoManager, role: 'Läsbehörighet', validUntil: '2027-05-31', origin: 'request' });
    expect((await auditOf(h, `AccessRequests/${request.id}`)).map((a) => [a.data.action, a.data.actorId])).toEqual([['access.requested', P.johanna]]);

    // The owner gets the card in personal chat (a 1:1 conversation the bot creates).
    expect(await drain()).toMatchObject({ sent: 1, dead: 0 });
    const [toOwner] = cardsTo(h, P.ifoManager);
    expect(toOwner!.method).toBe('POST');
    const ownerText = visible(toOwner!.card);
    expect(ownerText).toContain('Beslut om behörighet');
    expect(ownerText).toContain('Ali Hussein (EKB)');
    expect(ownerText).toContain('Begärd av');
    expect(ownerText).toContain('Johanna Berg (EKB)');
    expect(ownerText).toContain('IA-003 Pappersakter och närarkiv för socialtjänsten');
    expect(ownerText).toContain('t.o.m. 2027-05-31');
    expect(ownerText).toContain('Ska ersätta Ida under hennes föräldraledighet.');
    expect(ownerText).toContain('Väntar på beslut av Thomas Granlund.');
    expect(buttons(toOwner!.card).map((b) => [b.title, b.verb, b.data.requestId])).toEqual([
      ['Bevilja', 'access.request.approve', request.id],
      ['Avslå', 'access.request.deny', request.id],
    ]);

    // Approve with a comment.
    h.connector.reset();
    const approved = await h.execute(P.ifoManager, 'access.request.approve', { requestId: request.id, comment: 'Ok till och med maj.' });
    const answer = visible(approved.body.value);
    expect(answer).toContain('Ditt beslut är sparat.');
    expect(answer).toContain('Beviljad av Thomas Granlund 2026-11-28 10:00.');
    expect(answer).toContain('Kommentar: Ok till och med maj.');
    expect(buttons(approved.body.value)).toEqual([]);
    expect((await h.app.runtime.deps.store.get('AccessRequests', request.id))!.data).toMatchObject({ status: 'approved', decidedBy: P.ifoManager, decisionComment: 'Ok till och med maj.' });

    await drain();
    // Every copy of the owner's card now shows the decision (replaced in place, no buttons).
    const ownerCopy = cardsTo(h, P.ifoManager);
    expect(ownerCopy).toHaveLength(1);
    expect(ownerCopy[0]).toMatchObject({ method: 'PUT', id: toOwner!.id });
    expect(visible(ownerCopy[0]!.card)).toContain('Beviljad av Thomas Granlund');
    expect(buttons(ownerCopy[0]!.card)).toEqual([]);
    // The requester is told, with the owner's comment.
    const told = cardsTo(h, P.johanna);
    expect(told).toHaveLength(1);
    expect(visible(told[0]!.card)).toContain('Din begäran om behörighet beviljades');
    expect(visible(told[0]!.card)).toContain('Ok till och med maj.');
    // The administrative unit gets a task in its channel.
    const [task] = cardsIn(h, ADMIN_CHANNEL);
    expect(visible(task!.card)).toContain('Uppgift: lägg till behörighet');
    expect(visible(task!.card)).toContain('Beviljad av Thomas Granlund 2026-11-28 10:00.');
    expect(buttons(task!.card).map((b) => b.title)).toEqual(['Ta uppgiften', 'Markera som klar']);

    // Someone outside the unit cannot take it; nothing changes.
    h.connector.reset();
    const refused = await h.execute(P.johanna, 'access.task.take', { requestId: request.id });
    expect(visible(refused.body.value)).toContain('Bara administrativa enheten kan ta och utföra behörighetsuppgifter.');
    expect((await h.app.runtime.deps.store.get('AccessRequests', request.id))!.data.status).toBe('approved');

    // Sara takes it; the channel's card shows who is on it.
    h.clock.advance(30 * 60_000);
    const taken = await h.execute(P.adminUnit, 'access.task.take', { requestId: request.id });
    expect(visible(taken.body.value)).toContain('Sara Johansson på administrativa enheten arbetar med detta sedan 2026-11-28 10:30.');
    expect(buttons(taken.body.value).map((b) => b.title)).toEqual(['Markera som klar']);
    await drain();
    expect(cardsIn(h, ADMIN_CHANNEL)).toMatchObject([{ method: 'PUT', id: task!.id }]);

    // Done: the register gets the grant and both the requester and Ali are told.
    h.connector.reset();
    h.clock.advance(30 * 60_000);
    const done = await h.execute(P.adminUnit, 'access.task.done', { requestId: request.id });
    expect(visible(done.body.value)).toContain('Klart – behörighetsregistret är uppdaterat.');
    expect(visible(done.body.value)).toContain('Utförd av Sara Johansson 2026-11-28 11:00.');
    expect(buttons(done.body.value)).toEqual([]);
    const grants = (await all(h, 'AccessGrants', 'subjectId', P.ali)).filter((g) => g.data.requestId === request.id);
    expect(grants).toHaveLength(1);
    expect(grants[0]!.data).toMatchObject({ assetId: ia3, role: 'Läsbehörighet', status: 'active', validUntil: '2027-05-31' });
    await drain();
    expect(cardsIn(h, ADMIN_CHANNEL)).toMatchObject([{ method: 'PUT', id: task!.id }]);
    expect(visible(cardsTo(h, P.johanna)[0]!.card)).toContain('Ali Hussein har nu behörigheten Läsbehörighet i IA-003');
    expect(visible(cardsTo(h, P.ali)[0]!.card)).toContain('Du har nu behörigheten Läsbehörighet i IA-003');

    const trail = (await auditOf(h, `AccessRequests/${request.id}`)).map((a) => [a.data.action, a.data.actorId]);
    expect(trail).toEqual([
      ['access.requested', P.johanna],
      ['access.approved', P.ifoManager],
      ['access.task.taken', P.adminUnit],
      ['access.task.completed', P.adminUnit],
    ]);
    expect((await auditOf(h, `AccessGrants/${grants[0]!.id}`)).map((a) => [a.data.action, a.data.actorId])).toEqual([['access.grant.granted', P.adminUnit]]);
  });

  it('changes and ends existing grants in the register', async () => {
    const ia16 = await assetId(h, 'IA-016'); // owner Cecilia; Johanna has "Användare"
    const ia1 = await assetId(h, 'IA-001'); // owner Thomas; Johanna has "Handläggare"
    await submit(h, P.johanna, { kind: 'termination', subjectId: P.johanna, assetId: ia16 });
    const termination = await latestRequest(h, P.johanna);
    expect(termination.data).toMatchObject({ kind: 'termination', role: 'Användare', justification: null });
    await submit(h, P.johanna, { kind: 'change', subjectId: P.johanna, assetId: ia1, role: 'Läsbehörighet', justification: 'Byter till utredningsstöd.' });
    const change = await latestRequest(h, P.johanna);
    expect(change.data.kind).toBe('change');

    await h.execute(P.cecilia, 'access.request.approve', { requestId: termination.id });
    await h.execute(P.ifoManager, 'access.request.approve', { requestId: change.id });
    await h.execute(P.ahmed, 'access.task.done', { requestId: termination.id }); // done without taking first
    await h.execute(P.ahmed, 'access.task.done', { requestId: change.id });

    const removed = await h.app.runtime.deps.store.get('AccessGrants', termination.data.grantId!);
    expect(removed!.data).toMatchObject({ status: 'removed', removedBy: P.ahmed, removalReason: 'request', requestId: termination.id });
    const changed = await h.app.runtime.deps.store.get('AccessGrants', change.data.grantId!);
    expect(changed!.data).toMatchObject({ status: 'active', role: 'Läsbehörighet', requestId: change.id });
    await drain();
    const texts = cardsTo(h, P.johanna).map((c) => visible(c.card));
    expect(texts.some((t) => t.includes('Din behörighet Användare i IA-016 Sms- och utskickstjänst är borttagen.'))).toBe(true);
    expect(texts.some((t) => t.includes('Du har nu behörigheten Läsbehörighet i IA-001'))).toBe(true);
  });
});

describe('who decides', () => {
  async function pendingRequest(role: string, code = 'IA-014') {
    await submit(h, P.johanna, { kind: 'new', subjectId: P.johanna, assetId: await assetId(h, code), role, justification: 'Behövs i tjänsten.' });
    return latestRequest(h, P.johanna);
  }

  it('refuses a forged approver — another person, or card data naming the owner — and writes nothing', async () => {
    const request = await pendingRequest('Läsbehörighet skyddade');
    await drain();
    const outboxBefore = (await all(h, 'Outbox', 'status', 'sent')).length + (await all(h, 'Outbox', 'status', 'pending')).length;
    for (const who of [P.ali, P.johanna, P.adminUnit, P.isam]) {
      const res = await h.execute(who, 'access.request.approve', { requestId: request.id, approverId: P.ifoManager, decidedBy: P.ifoManager, actorId: P.ifoManager, comment: 'Godkänt' });
      expect(res.status).toBe(200);
      expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(visible(res.body.value)).toContain(
        who === P.johanna
          ? 'Du kan inte besluta om din egen behörighet. Ärendet om Uppgifter om personer med skyddade personuppgifter beslutas av Thomas Granlund. Inget har sparats.'
          : 'Du kan inte besluta om det här ärendet. Bara informationsägaren för Uppgifter om personer med skyddade personuppgifter (Thomas Granlund) eller dennes ersättare får besluta. Inget har sparats.',
      );
    }
    const after = await h.app.runtime.deps.store.get('AccessRequests', request.id);
    expect(after!.data).toMatchObject({ status: 'pending', decidedBy: null, decidedAt: null, decisionComment: null });
    expect(after!.etag).toBe(request.etag);
    expect((await auditOf(h, `AccessRequests/${request.id}`)).map((a) => a.data.action)).toEqual(['access.requested']);
    expect((await all(h, 'Outbox', 'status', 'sent')).length + (await all(h, 'Outbox', 'status', 'pending')).length).toBe(outboxBefore);
  });

  it('records one decision for a double click, and the second click shows it', async () => {
    const request = await pendingRequest('Handläggare skyddade');
    const first = await h.execute(P.ifoManager, 'access.request.approve', { requestId: request.id });
    const second = await h.execute(P.ifoManager, 'access.request.approve', { requestId: request.id });
    expect(visible(first.body.value)).toContain('Ditt beslut är sparat.');
    expect(visible(second.body.value)).toContain('Ärendet är redan beslutat.');
    expect(visible(second.body.value)).toContain('Beviljad av Thomas Granlund');
    // A double click that arrives at the same moment: still one decision.
    const other = await pendingRequest('Registrator skyddade');
    const both = await Promise.all([1, 2].map(() => h.execute(P.ifoManager, 'access.request.approve', { requestId: other.id })));
    for (const r of both) expect(visible(r.body.value)).toContain('Beviljad av Thomas Granlund');

    for (const id of [request.id, other.id]) {
      expect((await auditOf(h, `AccessRequests/${id}`)).filter((a) => a.data.action === 'access.approved')).toHaveLength(1);
      expect(await all(h, 'Outbox', 'correlationKey', `access:${id}:task`)).toHaveLength(1);
    }
  });

  it('leaves exactly one of two simultaneous decisions, and the other person sees it', async () => {
    // IA-007: owner Per Holmberg, delegate Camilla Norén (a manager) — both get the card, both may decide.
    const ia7 = await assetId(h, 'IA-007');
    const outcomes: string[] = [];
    for (let round = 0; round < 4; round++) {
      await submit(h, P.johanna, { kind: 'new', subjectId: P.johanna, assetId: ia7, role: `Medlem i team ${round}`, justification: 'Projektarbete.' });
      const request = await latestRequest(h, P.johanna);
      await drain();
      const copies = [...cardsTo(h, P.admManager), ...cardsTo(h, P.camilla)].filter((c) => JSON.stringify(c.card).includes(`"requestId":"${request.id}"`));
      expect(copies).toHaveLength(2);
      h.connector.reset();

      const [per, camilla] = await Promise.all([
        h.execute(P.admManager, 'access.request.approve', { requestId: request.id }),
        h.execute(P.camilla, 'access.request.deny', { requestId: request.id, comment: 'Använd projektytan i stället.' }),
      ]);
      const stored = (await h.app.runtime.deps.store.get('AccessRequests', request.id))!.data;
      expect(['approved', 'denied']).toContain(stored.status);
      const winner = stored.status === 'approved' ? P.admManager : P.camilla;
      expect(stored.decidedBy).toBe(winner);
      const decisions = (await auditOf(h, `AccessRequests/${request.id}`)).filter((a) => a.data.action === 'access.approved' || a.data.action === 'access.denied');
      expect(decisions).toHaveLength(1);
      expect(decisions[0]!.data.actorId).toBe(winner);
      const finalText = stored.status === 'approved' ? 'Beviljad av Per Holmberg' : 'Avslagen av Camilla Norén (ersättare för informationsägaren)';
      expect(stored.decidedAs).toBe(stored.status === 'approved' ? 'owner' : 'delegate');
      const [mine, theirs] = winner === P.admManager ? [per, camilla] : [camilla, per];
      expect(visible(mine.body.value)).toContain('Ditt beslut är sparat.');
      expect(visible(theirs.body.value)).toMatch(/hann besluta först|redan beslutat/);
      outcomes.push(visible(theirs.body.value).match(/hann besluta först|redan beslutat/)![0]);
      for (const r of [mine, theirs]) {
        expect(visible(r.body.value)).toContain(finalText);
        expect(buttons(r.body.value)).toEqual([]);
      }
      // Both copies are replaced with the final state; the requester hears once.
      await drain();
      const updated = [...cardsTo(h, P.admManager), ...cardsTo(h, P.camilla)];
      expect(updated.map((c) => c.id).sort()).toEqual(copies.map((c) => c.id).sort());
      for (const c of updated) {
        expect(c.method).toBe('PUT');
        expect(visible(c.card)).toContain(finalText);
        expect(buttons(c.card)).toEqual([]);
      }
      expect(cardsTo(h, P.johanna)).toHaveLength(1);
    }
    // Both clicks read the request while it waited: the If-Match write decided (not the order of arrival).
    expect(outcomes).toContain('hann besluta först');
  });

  it('needs a comment to deny, keeping what the owner typed', async () => {
    const request = await pendingRequest('Utredare skyddade');
    const noComment = await h.execute(P.ifoManager, 'access.request.deny', { requestId: request.id, comment: '  ' });
    expect(visible(noComment.body.value)).toContain('Skriv en kommentar som förklarar avslaget');
    expect(buttons(noComment.body.value).map((b) => b.title)).toEqual(['Bevilja', 'Avslå']);
    expect((await h.app.runtime.deps.store.get('AccessRequests', request.id))!.data.status).toBe('pending');

    await h.execute(P.ifoManager, 'access.request.deny', { requestId: request.id, comment: 'Tjänsten kräver inte skyddade uppgifter.' });
    await drain();
    const told = cardsTo(h, P.johanna).map((c) => visible(c.card)).find((t) => t.includes('avslogs'));
    expect(told).toContain('Thomas Granlund avslog begäran');
    expect(told).toContain('Tjänsten kräver inte skyddade uppgifter.');
    expect(await all(h, 'Outbox', 'correlationKey', `access:${request.id}:task`)).toHaveLength(0);
  });
});

describe('expiry', () => {
  it('turns a grant into a task the day after its valid-until date, in Stockholm time across summer time', async () => {
    const ia11 = await assetId(h, 'IA-011'); // owner Birgitta Nyström
    // Valid through 28 March 2027: the night summer time starts (01:00 UTC that day).
    await submit(h, P.ali, { kind: 'new', subjectId: P.ali, assetId: ia11, role: 'Larmoperatör vikarie', justification: 'Vikariat under vintern.', validUntil: '2027-03-28' });
    const request = await latestRequest(h, P.ali);
    await h.execute(P.birgitta, 'access.request.approve', { requestId: request.id });
    await h.execute(P.adminUnit, 'access.task.done', { requestId: request.id });
    const grant = (await all(h, 'AccessGrants', 'requestId', request.id))[0]!;
    expect(grant.data.validUntil).toBe('2027-03-28');
    await drain();

    const tasksFor = async () => (await all(h, 'AccessRequests', 'grantId', grant.id)).filter((r) => r.data.origin === 'expiry');
    // 23:30 on the 28th in Stockholm (21:30 UTC, summer time): still valid.
    h.clock.set('2027-03-28T21:30:00.000Z');
    await h.app.runtime.scheduler.tick();
    expect(await tasksFor()).toHaveLength(0);
    // 00:30 on the 29th (22:30 UTC): expired — a task for the administrative unit.
    h.clock.set('2027-03-28T22:30:00.000Z');
    h.connector.reset();
    expect(await h.app.runtime.scheduler.tick()).toContain('access.expiry');
    const [task] = await tasksFor();
    expect(task!.data).toMatchObject({ kind: 'termination', status: 'approved', decidedBy: null, validUntil: '2027-03-28', role: 'Larmoperatör vikarie' });
    await drain();
    const card = cardsIn(h, ADMIN_CHANNEL).find((c) => JSON.stringify(c.card).includes(`"requestId":"${task!.id}"`))!;
    expect(visible(card.card)).toContain('Uppgift: ta bort behörighet');
    expect(visible(card.card)).toContain('Giltighetstiden har gått ut');
    expect(visible(card.card)).toContain('2027-03-28');
    // Another tick adds nothing.
    h.clock.advance(2 * 3_600_000);
    await h.app.runtime.scheduler.tick();
    expect(await tasksFor()).toHaveLength(1);

    h.connector.reset();
    await h.execute(P.adminUnit, 'access.task.done', { requestId: task!.id });
    expect((await h.app.runtime.deps.store.get('AccessGrants', grant.id))!.data).toMatchObject({ status: 'expired', removalReason: 'expiry', removedBy: P.adminUnit });
    expect((await auditOf(h, `AccessRequests/${task!.id}`)).map((a) => [a.data.action, a.data.actorId])).toEqual([
      ['access.task.created', 'system'],
      ['access.task.completed', P.adminUnit],
    ]);
    await drain();
    expect(visible(cardsTo(h, P.ali).at(-1)!.card)).toContain('Din tidsbegränsade behörighet Larmoperatör vikarie i IA-011 Trygghetslarm och larmmottagning har gått ut och är borttagen.');
  });
});
