/**
 * The ambassador network's årshjul through the Bot Framework protocol, under a moved clock: ISAM
 * plans meetings, the scheduler posts the invitation N days before and the follow-up after (exactly
 * once, across repeated ticks and two instances), ambassadors mark attendance on the channel card
 * (twice = once; others refused politely), attendance per unit is shown on the card, updated in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAmbassadorCalendar } from '../../core/app/ambassadors';
import { LOCAL_TENANT_ID } from '../../bot/config';
import { ambassadorsFeature } from '../../bot/features/ambassadors';
import { createLogger } from '../../bot/log';
import { Scheduler } from '../../bot/scheduler/scheduler';
import { cardText, executeActions, PEOPLE, rawCardText, startBotHarness, type BotHarness } from '../support/bot-harness';

const person = (nn: string) => `d0000000-0000-4000-8000-0000000000${nn}`;
const AMB = { maria: person('04'), sara: person('08'), mehmet: person('15'), nadia: person('20'), linnea: person('22'), hanna: person('26'), ida: person('31'), yasmin: person('37') };
const STAFF = person('16'); // Johanna Berg, no roles
const CHANNEL = { id: '19:ambassadorer@thread.tacv2', name: 'Ambassadörsnätverket' };
const DEC_MEETING_KEY = 'seed:meeting:2026-12-10T13:00:00+01:00';

let h: BotHarness;
let decId: string;
/** Only this feature's job, on one instance (the other features' jobs have their own tests). */
let calendar: Scheduler;

/**
 * Teams' limits per conversation (PLATFORM.md), checked on the times the fake connector received the
 * sends. The pacer counts a send when it lets it go, the connector when it arrives: windows are
 * shortened by JITTER so that a few milliseconds of local latency do not count as a breach.
 */
const JITTER = 50;
const WINDOWS = [
  { max: 7, ms: 1_000 },
  { max: 8, ms: 2_000 },
  { max: 60, ms: 30_000 },
];
function busiest(times: number[], ms: number): number {
  const s = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[i]! - s[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** An Action.Execute click on a card in the ambassador channel. */
const clickInChannel = (from: string, verb: string, data: Record<string, unknown>) =>
  h.execute(from, verb, data, {
    conversation: { id: `${CHANNEL.id};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: LOCAL_TENANT_ID },
    channelData: { tenant: { id: LOCAL_TENANT_ID }, team: { id: '19:team@thread.tacv2' }, channel: CHANNEL },
  });

const channelSends = () => h.connector.sent.filter((s) => s.conversationId === CHANNEL.id);
const lastChannelCard = () => {
  const cards = h.connector.cards().filter((c) => c.conversationId === CHANNEL.id);
  return cards[cards.length - 1]!;
};
const outboxFor = async (correlationKey: string) => (await h.app.runtime.deps.store.query('Outbox', { where: [{ field: 'correlationKey', op: 'eq', value: correlationKey }] })).items;
const meeting = async () => (await h.app.runtime.deps.store.get('AmbassadorMeetings', decId))!;

beforeAll(async () => {
  h = await startBotHarness({ now: '2026-11-28T09:00:00.000Z' });
  decId = (await h.app.runtime.deps.store.findByKey('AmbassadorMeetings', DEC_MEETING_KEY))!.id;
  calendar = new Scheduler(h.app.runtime.deps, ambassadorsFeature.jobs!.filter((j) => j.name === 'ambassadors.calendar'), createLogger({ silent: true }), 'instance-a');
  await h.channelMessage(PEOPLE.isam, 'koppla ambassadors', CHANNEL);
  await h.app.runtime.outbox.drain();
  h.connector.reset();
});
afterAll(async () => h?.close());

describe('ISAM plans the årshjul', () => {
  it('shows the year’s meetings with when each invitation goes out', async () => {
    await h.message(PEOPLE.isam, 'årshjul');
    const card = h.connector.cards()[0]!.card;
    const text = cardText(card);
    expect(text).toContain('Årshjulet för ambassadörsnätverket');
    expect(text).toContain('Inbjudan postas i ambassadörskanalen 7 dagar före varje träff.');
    expect(text).toMatch(/torsdag 10 december 2026 kl\. 13:00\nPappershandlingar, tjänstekort och ledighet\nInbjudan postas 3 december 2026/);
    expect(text).toContain('Genomförd – ingen närvaro registrerad');
    expect(executeActions(card).map((a) => a.verb)).toContain('ambassadors.meeting.new');

    // Anyone may read it; only ISAM gets the buttons.
    h.connector.reset();
    await h.message(STAFF, 'arshjulet');
    const staffCard = h.connector.cards()[0]!.card;
    expect(cardText(staffCard)).toContain('Pappershandlingar');
    expect(executeActions(staffCard)).toEqual([]);
  });

  it('plans a meeting from the form: once however often Save is clicked; invalid input keeps what was typed', async () => {
    h.connector.reset();
    await h.message(PEOPLE.isam, 'planera träff');
    const form = h.connector.cards()[0]!.card;
    expect(cardText(form)).toContain('Planera ambassadörsträff');
    const save = executeActions(form).find((a) => a.verb === 'ambassadors.meeting.save')!;
    expect(save.data.formId).toEqual(expect.any(String));

    const input = { ...save.data, date: '2027-01-21', time: '13:00', theme: 'Lösenord och **tvåstegsverifiering**', description: '', materialUrl: 'https://intranat.soderbyn.example/ambassadorer/losenord', checklist: '- Byt lösenord som delas\n- Slå på tvåstegsverifiering\n\n' };
    const past = await h.execute(PEOPLE.isam, 'ambassadors.meeting.save', { ...input, date: '2026-11-01' });
    expect(cardText(past.body.value)).toContain('Träffen måste ligga fram i tiden.');
    expect(JSON.stringify(past.body.value)).toContain('Lösenord och **tvåstegsverifiering**'); // kept, as a raw input value

    const [first, second] = await Promise.all([h.execute(PEOPLE.isam, 'ambassadors.meeting.save', input), h.execute(PEOPLE.isam, 'ambassadors.meeting.save', input)]);
    expect(cardText(first.body.value)).toContain('Träffen 21 januari 2027 är planerad. Inbjudan postas i ambassadörskanalen 14 januari 2027.');
    expect(cardText(second.body.value)).toContain('är planerad');
    const all = [];
    for await (const m of h.app.sharepoint.store.queryAll('AmbassadorMeetings')) all.push(m);
    const planned = all.filter((m) => m.data.startsAt === '2027-01-21T12:00:00.000Z');
    expect(planned).toHaveLength(1);
    expect(planned[0]!.data).toMatchObject({ theme: 'Lösenord och **tvåstegsverifiering**', checklist: ['Byt lösenord som delas', 'Slå på tvåstegsverifiering'], invitationSentAt: null });
    const audit = await h.app.runtime.deps.store.query('AuditLog', { where: [{ field: 'action', op: 'eq', value: 'ambassador_meeting.planned' }] });
    expect(audit.items.map((a) => a.data.actorId)).toEqual([PEOPLE.isam]);
  });

  it('refuses anyone but ISAM, writing nothing', async () => {
    const before = await h.app.runtime.deps.store.query('AmbassadorMeetings', { pageSize: 100 });
    const res = await h.execute(AMB.sara, 'ambassadors.meeting.save', { formId: 'x', date: '2027-03-04', time: '13:00', theme: 'Egen träff' });
    expect(cardText(res.body.value)).toContain('Det är informationssäkerhetssamordnaren (ISAM) som planerar');
    h.connector.reset();
    await h.message(AMB.sara, 'planera träff');
    expect(cardText(h.connector.cards()[0]!.card)).toContain('Det är informationssäkerhetssamordnaren (ISAM) som planerar');
    expect((await h.app.runtime.deps.store.query('AmbassadorMeetings', { pageSize: 100 })).items).toHaveLength(before.items.length);
  });
});

describe('the invitation, N days before', () => {
  it('is not posted before its day, nor before office hours on it', async () => {
    h.clock.set('2026-12-02T09:00:00.000Z'); // 8 days before
    await calendar.tick();
    h.clock.set('2026-12-03T06:30:00.000Z'); // 07:30 in Stockholm, 7 days before
    await calendar.tick();
    expect(await outboxFor(`ambassador-meeting:${decId}:invitation`)).toEqual([]);
  });

  it('is posted once at 08:00 seven days before, across repeated ticks and two scheduler instances', async () => {
    h.connector.reset();
    h.clock.set('2026-12-03T07:05:00.000Z'); // 08:05 in Stockholm
    const other = new Scheduler(h.app.runtime.deps, ambassadorsFeature.jobs!, createLogger({ silent: true }), 'instance-b');
    const ran = await Promise.all([h.app.runtime.scheduler.tick(), other.tick()]);
    expect(ran.flat().filter((j) => j === 'ambassadors.calendar')).toHaveLength(1); // the lease: one instance acts
    await Promise.all([h.app.runtime.scheduler.tick(), other.tick()]);
    h.clock.advance(16 * 60_000);
    await Promise.all([h.app.runtime.scheduler.tick(), other.tick()]);
    // Without the lease too (a lease is only an optimisation): the outbox key keeps it single.
    await Promise.all([1, 2, 3].map(() => runAmbassadorCalendar(h.app.runtime.deps, h.clock.now())));
    expect(await outboxFor(`ambassador-meeting:${decId}:invitation`)).toHaveLength(1);
    expect((await meeting()).data.invitationSentAt).toBe('2026-12-03T07:05:00.000Z');

    await h.app.runtime.outbox.drain();
    await h.app.runtime.outbox.drain();
    expect(channelSends().map((s) => s.method)).toEqual(['POST']);
    const text = cardText(lastChannelCard().card);
    expect(text).toContain('Välkommen till ambassadörsträff');
    expect(text).toContain('torsdag 10 december 2026 kl. 13:00');
    expect(text).toContain('Pappershandlingar, tjänstekort och ledighet');
    expect(text).toContain('Ingen har markerat närvaro än.');
    expect(text).toContain('Ännu ingen från: ADM, AOM, EKB, FSK, IFO, KUL, LEDN');
    expect(text).toContain('Närvaron kan markeras till och med 24 december 2026.');
    const card = lastChannelCard().card as { actions: { type: string; title: string; url?: string }[] };
    expect(card.actions.map((a) => [a.type, a.title])).toEqual([
      ['Action.Execute', 'Jag deltar'],
      ['Action.OpenUrl', 'Öppna materialet'],
    ]);
    expect(card.actions[1]!.url).toContain('https://intranat.soderbyn.example/');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(40_000);
    // The meeting planned for January is not due yet.
    expect(text).not.toContain('Lösenord');
  });

  it('updates the posted invitation in place when ISAM edits the meeting', async () => {
    h.connector.reset();
    const edit = await h.execute(PEOPLE.isam, 'ambassadors.meeting.edit', { meetingId: decId });
    const save = executeActions(edit.body.value).find((a) => a.verb === 'ambassadors.meeting.save')!;
    expect(JSON.stringify(edit.body.value)).toContain('"value":"2026-12-10"');
    const values = { date: '2026-12-10', time: '13:00', theme: 'Pappershandlingar, tjänstekort och ledighet', description: 'Vi ses i Stora salen, plan 3. Fika från 12:45.', materialUrl: 'https://intranat.soderbyn.example/informationssakerhet/ambassadorsnatverket/2026-12-papper-och-tjanstekort', checklist: (await meeting()).data.checklist.join('\n') };
    const res = await h.execute(PEOPLE.isam, 'ambassadors.meeting.save', { ...save.data, ...values });
    expect(cardText(res.body.value)).toContain('Träffen 10 december 2026 är ändrad. Inbjudan i ambassadörskanalen uppdateras.');
    // A second save with the old version is a conflict, not a silent overwrite.
    const stale = await h.execute(PEOPLE.isam, 'ambassadors.meeting.save', { ...save.data, ...values, description: 'Annan sal' });
    expect(cardText(stale.body.value)).toContain('Någon annan hann ändra');
    await h.app.runtime.outbox.drain();
    const first = h.connector.sent.length ? h.connector.sent[0]! : null;
    expect(first).toMatchObject({ method: 'PUT', conversationId: CHANNEL.id });
    expect(cardText(lastChannelCard().card)).toContain('Vi ses i Stora salen, plan 3. Fika från 12:45.');
  });
});

describe('attendance on the card', () => {
  it('is recorded for the ambassador who clicks, with their unit, and shown to everyone', async () => {
    h.connector.reset();
    const res = await clickInChannel(AMB.sara, 'ambassadors.attend', { meetingId: decId, card: 'invitation' });
    expect(res.status).toBe(200);
    const mine = cardText(res.body.value);
    expect(mine).toContain('Din närvaro är registrerad för ADM.');
    expect(mine).toContain('Närvaro: 1 ambassadör från 1 av 7 enheter');
    expect(executeActions(res.body.value)).toEqual([]); // marked: no button for her
    expect((await meeting()).data.attendance).toEqual([{ personId: AMB.sara, unit: 'ADM', at: h.clock.now().toISOString() }]);

    await h.app.runtime.outbox.drain();
    expect(channelSends()).toHaveLength(1);
    expect(channelSends()[0]!.method).toBe('PUT'); // the same message, updated in place
    const everyone = cardText(lastChannelCard().card);
    expect(everyone).toMatch(/Närvaro: 1 ambassadör från 1 av 7 enheter\nADM\nSara Johansson\nÄnnu ingen från: AOM, EKB, FSK, IFO, KUL, LEDN/);
    expect(everyone).not.toContain('Din närvaro');
    expect(everyone).toContain('Jag deltar');
  });

  it('counts a second click once: nothing is written or sent again', async () => {
    h.connector.reset();
    const outboxBefore = (await h.app.runtime.deps.store.query('Outbox', { pageSize: 999 })).items.length;
    const again = await clickInChannel(AMB.sara, 'ambassadors.attend', { meetingId: decId, card: 'invitation' });
    expect(cardText(again.body.value)).toContain('Du har redan markerat närvaro för ADM.');
    expect((await meeting()).data.attendance).toHaveLength(1);
    expect((await h.app.runtime.deps.store.query('Outbox', { pageSize: 999 })).items.length).toBe(outboxBefore);
    expect((await h.app.runtime.deps.store.query('AuditLog', { where: [{ field: 'action', op: 'eq', value: 'ambassador_meeting.attended' }] })).items).toHaveLength(1);
  });

  it('refuses someone who is not an ambassador politely, writing nothing', async () => {
    h.connector.reset();
    for (const who of [STAFF, PEOPLE.isam]) {
      const res = await clickInChannel(who, 'ambassadors.attend', { meetingId: decId, card: 'invitation' });
      expect(res.status).toBe(200);
      expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(res.body.value)).toContain('Tack för intresset! Närvaro markeras bara av nätverkets ambassadörer.');
    }
    expect((await meeting()).data.attendance).toHaveLength(1);
    expect(await h.app.runtime.outbox.drain()).toEqual({ sent: 0, retried: 0, dead: 0 });
  });

  it('records twelve ambassadors clicking at once, per unit, and paces the card updates under Teams’ limits', async () => {
    // The network grows before the meeting: five more staff become ambassadors (the Roles list).
    const now = h.clock.now().toISOString();
    const newcomers = [person('06'), person('12'), person('28'), person('35'), person('39')];
    const units = ['LEDN', 'ADM', 'FSK', 'IFO', 'KUL'];
    await h.app.runtime.deps.store.createMany(
      'Roles',
      newcomers.map((id, i) => ({ key: `test:role:${id}:ambassador`, data: { personId: id, role: 'ambassador' as const, unit: units[i]!, assignedBy: PEOPLE.isam, assignedAt: now, validTo: null, active: true } })),
    );
    h.connector.reset();
    const clickers = [AMB.maria, AMB.mehmet, AMB.nadia, AMB.linnea, AMB.hanna, AMB.ida, AMB.yasmin, ...newcomers];
    const results = await Promise.all(clickers.map((a) => clickInChannel(a, 'ambassadors.attend', { meetingId: decId, card: 'invitation' })));
    for (const r of results) expect(cardText(r.body.value)).toMatch(/Din närvaro är registrerad för [A-Z]+\./);
    const stored = (await meeting()).data.attendance;
    expect(stored).toHaveLength(13);
    expect(new Set(stored.map((a) => a.personId)).size).toBe(13);
    expect(Object.fromEntries(['ADM', 'AOM', 'EKB', 'FSK', 'IFO', 'KUL', 'LEDN'].map((u) => [u, stored.filter((a) => a.unit === u).length]))).toEqual({ ADM: 2, AOM: 2, EKB: 1, FSK: 2, IFO: 2, KUL: 2, LEDN: 2 });

    await h.app.runtime.outbox.drain();
    // The job brings the card to the final state even if two updates were queued out of order.
    h.clock.advance(16 * 60_000);
    await calendar.tick();
    await h.app.runtime.outbox.drain();
    const sends = channelSends();
    expect(sends.length).toBeGreaterThanOrEqual(12);
    expect(sends.every((s) => s.method === 'PUT' && s.activityId === sends[0]!.activityId)).toBe(true);
    for (const w of WINDOWS) expect(busiest(sends.map((s) => s.at), w.ms - JITTER), `${w.max} per ${w.ms} ms`).toBeLessThanOrEqual(w.max);
    // Twelve updates to one conversation cannot go out faster than 8 per 2 s: the pacer held them back.
    expect(sends[8]!.at - sends[0]!.at).toBeGreaterThanOrEqual(2_000 - JITTER);
    const times = sends.map((s) => s.at);
    console.info(`${sends.length} card updates to the channel in ${times.at(-1)! - times[0]!} ms; busiest 1 s: ${busiest(times, 1_000)}, 2 s: ${busiest(times, 2_000)} (as received; limits 7 and 8)`);

    const text = cardText(lastChannelCard().card);
    expect(text).toContain('Närvaro: 13 ambassadörer från 7 av 7 enheter');
    expect(text).toMatch(/AOM\nLinnea Ek, Nadia Rahimi/);
    expect(text).toMatch(/ADM\nEmma Sjöberg, Sara Johansson/);
    expect(text).not.toContain('Ännu ingen från');
  });
});

describe('the follow-up, after the meeting', () => {
  it('is posted once the morning after with the take-home checklist; the invitation turns to "held"', async () => {
    h.clock.set('2026-12-10T15:00:00.000Z'); // the meeting's evening: not yet
    await calendar.tick();
    expect(await outboxFor(`ambassador-meeting:${decId}:follow-up`)).toEqual([]);

    h.connector.reset();
    h.clock.set('2026-12-11T07:30:00.000Z'); // 08:30 the day after
    const other = new Scheduler(h.app.runtime.deps, ambassadorsFeature.jobs!.filter((j) => j.name === 'ambassadors.calendar'), createLogger({ silent: true }), 'instance-b');
    await Promise.all([calendar.tick(), other.tick()]);
    h.clock.advance(16 * 60_000);
    await Promise.all([calendar.tick(), other.tick()]);
    await Promise.all([runAmbassadorCalendar(h.app.runtime.deps, h.clock.now()), runAmbassadorCalendar(h.app.runtime.deps, h.clock.now())]);
    expect(await outboxFor(`ambassador-meeting:${decId}:follow-up`)).toHaveLength(1);

    await h.app.runtime.outbox.drain();
    const posts = channelSends().filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(1);
    const followUp = h.connector.cards().find((c) => c.id === posts[0]!.id)!.card;
    const text = cardText(followUp);
    expect(text).toContain('Tack för träffen! Ta med till din enhet');
    expect(text).toContain('Ambassadörsträffen 10 december 2026: Pappershandlingar, tjänstekort och ledighet');
    expect(text).toContain('☐ Töm skrivare och skrivbord före ledigheten – sekretesspapper i låst makuleringskärl');
    expect(text).toContain('☐ Ta inte hem akter eller utskrifter');
    expect(text).toContain('Närvaro: 13 ambassadörer från 7 av 7 enheter');
    expect(executeActions(followUp).map((a) => a.title)).toEqual(['Jag deltog']);

    const invitationUpdate = channelSends().filter((s) => s.method === 'PUT');
    expect(invitationUpdate).toHaveLength(1);
    const held = cardText(h.connector.cards().find((c) => c.method === 'PUT' && c.conversationId === CHANNEL.id)!.card);
    expect(held).toContain('Träffen är genomförd. Uppföljningen');
    expect(held).not.toContain('Jag deltar');
  });

  it('closes attendance two weeks after the meeting: a late click is refused and the cards lose their button', async () => {
    h.clock.set('2026-12-25T09:00:00.000Z');
    const late = await clickInChannel(AMB.sara, 'ambassadors.attend', { meetingId: decId, card: 'followUp' });
    expect(cardText(late.body.value)).toContain('Närvaron för den här träffen är stängd.');
    h.connector.reset();
    await calendar.tick();
    await h.app.runtime.outbox.drain();
    const updated = h.connector.cards().filter((c) => c.conversationId === CHANNEL.id);
    expect(updated.map((c) => c.method)).toEqual(['PUT', 'PUT']);
    for (const c of updated) {
      expect(cardText(c.card)).toContain('närvaron är stängd');
      expect(executeActions(c.card)).toEqual([]);
    }
    await calendar.tick();
    h.clock.advance(16 * 60_000);
    await calendar.tick();
    expect(await h.app.runtime.outbox.drain()).toEqual({ sent: 0, retried: 0, dead: 0 });
  });
});

describe('cancelling', () => {
  it('cancels a planned meeting; no invitation is ever posted for it', async () => {
    await h.message(PEOPLE.isam, 'årshjul');
    const janId = (await (async () => {
      for await (const m of h.app.sharepoint.store.queryAll('AmbassadorMeetings')) if (m.data.startsAt === '2027-01-21T12:00:00.000Z') return m.id;
      return null;
    })())!;
    const form = await h.execute(PEOPLE.isam, 'ambassadors.meeting.edit', { meetingId: janId });
    const cancel = executeActions(form.body.value).find((a) => a.verb === 'ambassadors.meeting.cancel')!;
    expect(cancel.title).toBe('Ställ in träffen');
    const res = await h.execute(PEOPLE.isam, 'ambassadors.meeting.cancel', cancel.data);
    expect(cardText(res.body.value)).toContain('Träffen 21 januari 2027 är inställd.');
    // ISAM's asterisks are shown as typed, never as bold: they reach the card escaped.
    expect(cardText(res.body.value)).toMatch(/Lösenord och \*\*tvåstegsverifiering\*\*\nInställd/);
    expect(rawCardText(res.body.value)).toContain('Lösenord och \\*\\*tvåstegsverifiering\\*\\*');
    h.connector.reset();
    h.clock.set('2027-01-14T08:00:00.000Z');
    await calendar.tick();
    await h.app.runtime.outbox.drain();
    expect(channelSends()).toEqual([]);
  });
  it('turns a posted invitation into a cancellation, in place', async () => {
    const feb = (await h.app.runtime.deps.store.findByKey('AmbassadorMeetings', 'seed:meeting:2027-02-11T13:00:00+01:00'))!;
    h.clock.set('2027-02-04T08:00:00.000Z');
    await calendar.tick();
    await h.app.runtime.outbox.drain();
    h.connector.reset();
    const form = await h.execute(PEOPLE.isam, 'ambassadors.meeting.edit', { meetingId: feb.id });
    const cancel = executeActions(form.body.value).find((a) => a.verb === 'ambassadors.meeting.cancel')!;
    await h.execute(PEOPLE.isam, 'ambassadors.meeting.cancel', cancel.data);
    await h.app.runtime.outbox.drain();
    expect(channelSends().map((s) => s.method)).toEqual(['PUT']);
    const text = cardText(lastChannelCard().card);
    expect(text).toContain('Träffen är inställd.');
    expect(text).not.toContain('Närvaro');
    expect(executeActions(lastChannelCard().card)).toEqual([]);
    // Clicking the old card's button is refused: nothing to mark.
    const late = await clickInChannel(AMB.sara, 'ambassadors.attend', { meetingId: feb.id, card: 'invitation' });
    expect(cardText(late.body.value)).toContain('Träffen är inställd, så det finns ingen närvaro att markera.');
  });
});
