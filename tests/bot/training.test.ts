/**
 * Training follow-up through the Bot Framework protocol, on the demo organisation: `utbildning`
 * (own and team status), recording a completion by hand, and the monthly manager reminder under a
 * moved clock (the first weekday of the month, once per manager). The 40-manager burst and its
 * pacing are in training-reminders.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queueMonthlyTrainingReminders } from '../../core/app/training';
import { ambassadorsFeature } from '../../bot/features/ambassadors';
import { createLogger } from '../../bot/log';
import { Scheduler } from '../../bot/scheduler/scheduler';
import { cardText, executeActions, PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness';

const person = (nn: string) => `d0000000-0000-4000-8000-0000000000${nn}`;
const JOHANNA = person('16'); // EKB, both courses done
const ALI = person('17'); // EKB, lacks the GDPR course
const SARA = person('08'); // administrative unit
const MANAGEMENT = [PEOPLE.director, PEOPLE.admManager, person('14'), person('19'), person('25'), PEOPLE.ifoManager, person('36')];

let h: BotHarness;
let a: Scheduler;
let b: Scheduler;
const reminders = async () => {
  const out = [];
  for await (const e of h.app.runtime.deps.store.queryAll('Outbox')) if (e.data.card === 'training.managerReminder') out.push(e);
  return out;
};

beforeAll(async () => {
  h = await startBotHarness({ now: '2026-11-28T09:00:00.000Z' });
  const jobs = ambassadorsFeature.jobs!.filter((j) => j.name === 'training.monthly-reminders');
  a = new Scheduler(h.app.runtime.deps, jobs, createLogger({ silent: true }), 'instance-a');
  b = new Scheduler(h.app.runtime.deps, jobs, createLogger({ silent: true }), 'instance-b');
});
afterAll(async () => h?.close());
beforeEach(() => h.connector.reset());

describe('utbildning in chat', () => {
  it('shows a manager their staff who lack a mandatory course, and management’s course separately', async () => {
    await h.message(PEOPLE.ifoManager, 'utbildning');
    const text = cardText(h.connector.cards()[0]!.card);
    expect(text).toContain('Utbildningsläget i din grupp');
    expect(text).toContain('2 av dina 5 medarbetare saknar minst en obligatorisk utbildning:');
    expect(text).toMatch(/Erik Söderberg \(IFO\)\nDataskydd och GDPR – grundkurs \(Stockholms stads e-utbildning\), Informationssäkerhet – grundkurs \(Stockholms stads e-utbildning\)/);
    expect(text).toMatch(/Ledningens utbildning i cybersäkerhetslagen\nLedningen ska ha utbildning i cybersäkerhetslagen \(2 kap\. 4 §\)\. Den följs upp separat:\nDu har gått ledningens utbildning\./);

    h.connector.reset();
    await h.message(PEOPLE.director, 'utbildning');
    const director = cardText(h.connector.cards()[0]!.card);
    expect(director).toContain('Alla dina 11 medarbetare har gått de obligatoriska utbildningarna.');
    expect(director).toMatch(/Chefer i din grupp som inte har gått den:\nAnders Blom \(KUL\)\nCybersäkerhetslagen för ledningen\nBirgitta Nyström \(AOM\)\nCybersäkerhetslagen för ledningen\nJessica Falk \(FSK\)\nCybersäkerhetslagen för ledningen/);
  });

  it('shows anyone else their own status', async () => {
    await h.message(JOHANNA, 'utbildning');
    expect(cardText(h.connector.cards()[0]!.card)).toContain('Du har gått alla obligatoriska utbildningar. Tack!');
    h.connector.reset();
    await h.message(ALI, 'my training', { locale: 'en-GB' });
    const text = cardText(h.connector.cards()[0]!.card);
    expect(text).toContain('Your mandatory training');
    expect(text).toContain('You lack: Dataskydd och GDPR – grundkurs (Stockholms stads e-utbildning).');
    expect(text).not.toContain('cyber security law'); // not management
  });
});

describe('recording a completion by hand', () => {
  it('lets the administrative unit record one, once however often it is sent', async () => {
    await h.message(SARA, 'registrera utbildning');
    const form = h.connector.cards()[0]!.card;
    expect(cardText(form)).toContain('Registrera genomförd utbildning');
    expect(JSON.stringify(form)).toContain('"title":"Cybersäkerhetslagen för ledningen (CSL-LEDNING)","value":"CSL-LEDNING"');
    expect(executeActions(form).map((x) => x.verb)).toEqual(['training.record.save']);

    const input = { email: 'Ali.Hussein@soderbyn.example', courseCode: 'GDPR-GRUND', completedAt: '2026-11-20' };
    const [first, second] = await Promise.all([h.execute(SARA, 'training.record.save', input), h.execute(SARA, 'training.record.save', input)]);
    const texts = [cardText(first.body.value), cardText(second.body.value)];
    expect(texts.some((x) => x.includes('Dataskydd och GDPR – grundkurs (Stockholms stads e-utbildning) är registrerad för Ali Hussein, slutförd 20 november 2026.'))).toBe(true);
    const stored = [];
    for await (const c of h.app.runtime.deps.store.queryAll('Trainings', { where: [{ field: 'personId', op: 'eq', value: ALI }] })) stored.push(c.data);
    expect(stored.filter((c) => c.courseCode === 'GDPR-GRUND')).toEqual([{ personId: ALI, courseCode: 'GDPR-GRUND', unit: 'EKB', completedAt: '2026-11-20', source: 'manual', recordedBy: SARA, recordedAt: h.clock.now().toISOString() }]);

    const again = await h.execute(SARA, 'training.record.save', input);
    expect(cardText(again.body.value)).toContain('var redan registrerad för Ali Hussein med slutdatum 20 november 2026');

    h.connector.reset();
    await h.message(ALI, 'utbildning');
    expect(cardText(h.connector.cards()[0]!.card)).toContain('Du har gått alla obligatoriska utbildningar.');
  });

  it('keeps what was typed and says what is wrong; refuses staff', async () => {
    const wrong = await h.execute(SARA, 'training.record.save', { email: 'ingen.alls@soderbyn.example', courseCode: 'ISK-GRUND', completedAt: '2027-01-01' });
    const text = cardText(wrong.body.value);
    expect(text).toContain('Ingen i katalogen har den e-postadressen.');
    expect(text).toContain('Datumet får inte ligga fram i tiden.');
    expect(JSON.stringify(wrong.body.value)).toContain('"value":"ingen.alls@soderbyn.example"');

    const refused = await h.execute(JOHANNA, 'training.record.save', { email: 'ali.hussein@soderbyn.example', courseCode: 'ISK-GRUND', completedAt: '2026-11-01' });
    expect(cardText(refused.body.value)).toContain('Utbildningar registreras av informationssäkerhetssamordnaren eller administrativa enheten.');
    h.connector.reset();
    await h.message(JOHANNA, 'registrera utbildning');
    expect(cardText(h.connector.cards()[0]!.card)).toContain('Utbildningar registreras av');
  });
});

describe('the monthly manager reminder', () => {
  it('waits for the first weekday of the month at 08:00, then reminds each manager with a gap once', async () => {
    await Promise.all([a.tick(), b.tick()]); // 28 November: past November's first week
    h.clock.set('2026-12-01T06:30:00.000Z'); // Tuesday 1 December, 07:30 in Stockholm
    await Promise.all([a.tick(), b.tick()]);
    expect(await reminders()).toEqual([]);

    h.clock.set('2026-12-01T07:10:00.000Z'); // 08:10
    await Promise.all([a.tick(), b.tick()]);
    for (const hours of [2, 24, 72]) {
      h.clock.advance(hours * 3_600_000);
      await Promise.all([a.tick(), b.tick()]);
    }
    await Promise.all([queueMonthlyTrainingReminders(h.app.runtime.deps, h.clock.now()), queueMonthlyTrainingReminders(h.app.runtime.deps, h.clock.now())]);
    const queued = await reminders();
    expect(queued.map((e) => e.data.targetId).sort()).toEqual([...MANAGEMENT].sort());

    await h.app.runtime.outbox.drain();
    await h.app.runtime.outbox.drain();
    expect(h.connector.sent).toHaveLength(7);
    expect(new Set(h.connector.sent.map((s) => s.conversationId)).size).toBe(7);
    const thomas = h.connector.cards().find((c) => c.conversationId === `a:personal-${PEOPLE.ifoManager}`)!.card;
    const text = cardText(thomas);
    expect(text).toContain('Obligatoriska utbildningar – december 2026');
    expect(text).toContain('2 av dina 5 medarbetare saknar minst en obligatorisk utbildning:');
    expect(text).toContain('Kurserna finns i stadens lärplattform.');
    const birgitta = cardText(h.connector.cards().find((c) => c.card && cardText(c.card).includes('Göran Axelsson'))!.card);
    expect(birgitta).toContain('Du själv har inte gått: Cybersäkerhetslagen för ledningen.');

    const audit = await h.app.runtime.deps.store.findByKey('AuditLog', 'audit:training.reminders:2026-12');
    expect(audit!.data).toMatchObject({ actorId: 'system', action: 'training.reminders_queued', details: { reminded: 7, managers: 8 } });
  });

  it('sends next month’s card as a new message, not over December’s', async () => {
    h.clock.set('2027-01-04T08:00:00.000Z'); // Monday 4 January: within the first week (1 January, a Friday, was the first weekday)
    await Promise.all([a.tick(), b.tick()]);
    const january = (await reminders()).filter((e) => e.data.correlationKey.startsWith('training-reminder:2027-01:'));
    expect(january).toHaveLength(7);
    await h.app.runtime.outbox.drain();
    expect(h.connector.sent.map((s) => s.method)).toEqual(Array(7).fill('POST'));
    expect(cardText(h.connector.cards()[0]!.card)).toContain('Obligatoriska utbildningar – januari 2027');
  });
});
