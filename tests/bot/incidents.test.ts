/**
 * Issue 3 end to end through the bot's HTTP protocol and a fake Bot Connector: report (wizard) →
 * receipt → notifications → triage → reminders under a moved clock → reports → investigation →
 * close → reopen; checking the list items, the audit log and every card a person sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../../bot/scheduler/scheduler';
import { createLogger } from '../../bot/log';
import { decodeDraft } from '../../bot/cards/draft-codec';
import { cardText, executeActions, PEOPLE, rawCardText, startBotHarness, type BotHarness } from '../support/bot-harness';

const REPORTER = 'd0000000-0000-4000-8000-000000000033'; // Amira Hassan, IFO
const MANAGER = 'd0000000-0000-4000-8000-000000000030'; // Thomas Granlund, her line manager
const ASSET_OWNER = 'd0000000-0000-4000-8000-000000000007'; // Per Holmberg, owner of IA-006 E-post
const ISAM_CHANNEL = { id: '19:isam-incidents@thread.tacv2', name: 'Incidenter' };
const DSO_CHANNEL = { id: '19:dso@thread.tacv2', name: 'Dataskydd' };

let h: BotHarness;
let assetId: string;

type Card = Record<string, unknown>;
const dataOf = (card: Card, verb: string, go?: string) => {
  const a = executeActions(card).find((x) => x.verb === verb && (go === undefined || x.data.go === go));
  if (!a) throw new Error(`No ${verb}${go ? `/${go}` : ''} on the card:\n${cardText(card)}`);
  return a.data;
};
async function click(from: string, card: Card, verb: string, inputs: Record<string, string> = {}, go?: string): Promise<Card> {
  const res = await h.execute(from, verb, { ...dataOf(card, verb, go), ...inputs });
  expect(res.status).toBe(200);
  expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return res.body.value as Card;
}
const inputValue = (card: Card, id: string): unknown => {
  let found: unknown;
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.id === id && String(o.type).startsWith('Input.')) found = o.value;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
};

beforeAll(async () => {
  // Friday 27 March 2026, 09:00 in Stockholm: the 72-hour clock runs through the switch to summer time.
  h = await startBotHarness({ now: '2026-03-27T08:00:00.000Z' });
  await h.channelMessage(PEOPLE.isam, 'koppla isam', ISAM_CHANNEL);
  await h.channelMessage(PEOPLE.isam, 'koppla dso', DSO_CHANNEL);
  await h.message(MANAGER, 'hej'); // the manager has talked with the bot before; the owner has not
  assetId = (await h.app.runtime.deps.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-006' }] })).items[0]!.id;
  h.connector.reset();
});
afterAll(async () => h?.close());

describe('reporting an incident in chat', () => {
  let incidentId: string;
  let receiptDraft: Record<string, unknown>;

  it('guides the reporter step by step, validates, keeps what was typed, and registers exactly one incident', async () => {
    await h.message(REPORTER, 'rapportera incident');
    let card = h.connector.cards().at(-1)!.card;
    expect(cardText(card)).toContain('Steg 1 av 5');
    expect(cardText(card)).toContain('Det är alltid rätt att rapportera');

    // Next without choosing a kind: explained in the card, nothing written.
    card = await click(REPORTER, card, 'incident.report.step', {}, 'next');
    expect(cardText(card)).toContain('Typ av händelse måste fyllas i.');
    card = await click(REPORTER, card, 'incident.report.step', { category: 'misdirected' }, 'next');
    expect(cardText(card)).toContain('Steg 2 av 5');

    // An empty description is refused; the discovery time typed is kept.
    card = await click(REPORTER, card, 'incident.report.step', { description: '  ', discoveredDate: '2026-03-27', discoveredTime: '08:40' }, 'next');
    expect(cardText(card)).toContain('Beskrivning måste fyllas i.');
    expect(inputValue(card, 'discoveredTime')).toBe('08:40');
    const text = 'Ett beslut om **bistånd** mejlades till [fel person](https://evil.example/x) av misstag.\nMottagaren har raderat det.';
    card = await click(REPORTER, card, 'incident.report.step', { description: text, discoveredDate: '2026-03-27', discoveredTime: '08:40', occurredDate: '2026-03-27', occurredTime: '08:15' }, 'next');
    expect(cardText(card)).toContain('Steg 3 av 5');

    // Back keeps the text.
    const back = await click(REPORTER, card, 'incident.report.step', {}, 'back');
    expect(inputValue(back, 'description')).toBe(text);

    card = await click(REPORTER, card, 'incident.report.step', { assetId, supplierId: '' }, 'next');
    card = await click(REPORTER, card, 'incident.report.step', { involved: 'yes', approxSubjects: 'tre' }, 'next');
    expect(cardText(card)).toContain('Ungefär hur många personer berörs? måste vara ett heltal.');
    card = await click(REPORTER, card, 'incident.report.step', { involved: 'yes', approxSubjects: '3', dataCategories: 'identity,social', protectedIdentity: 'false' }, 'next');
    expect(cardText(card)).toContain('Steg 5 av 5');
    expect(cardText(card)).toContain('IA-006 E-post och kalender');

    receiptDraft = dataOf(card, 'incident.report.submit');
    const receipt = await click(REPORTER, card, 'incident.report.submit');
    const number = cardText(receipt).match(/INC-2026-\d{4}/)![0];
    expect(cardText(receipt)).toContain('Tack! Rapporten är mottagen.');
    incidentId = String(Number(number.slice(-4)));

    const stored = await h.app.runtime.deps.store.get('Incidents', incidentId);
    expect(stored!.data).toMatchObject({
      category: 'misdirected',
      description: text,
      reporterId: REPORTER,
      managerId: MANAGER,
      reporterUnit: 'IFO',
      assetId,
      status: 'reported',
      discoveredAt: '2026-03-27T07:40:00.000Z', // 08:40 CET
      occurredAt: '2026-03-27T07:15:00.000Z',
      personalData: { involved: 'yes', approxSubjects: 3, categories: ['identity', 'social'], protectedIdentity: false },
    });
    // Without a title of their own, the first line (at most 80 characters) becomes the title.
    expect(stored!.data.title).toBe('Ett beslut om **bistånd** mejlades till [fel person](https://evil.example/x) av…');
  });

  it('makes no second incident on a double click or a retried invoke', async () => {
    const again = await h.execute(REPORTER, 'incident.report.submit', receiptDraft);
    expect(cardText(again.body.value)).toContain('registrerades bara en gång');
    const mine = await h.app.runtime.deps.store.query('Incidents', { where: [{ field: 'reporterId', op: 'eq', value: REPORTER }] });
    expect(mine.items.filter((i) => i.data.description.startsWith('Ett beslut om **bistånd**')).map((i) => i.id)).toEqual([incidentId]);
  });

  it('tells the ISAM channel, the line manager, the asset owner and — personal data being involved — the DSO, with user text shown literally', async () => {
    h.connector.reset();
    expect(await h.app.runtime.outbox.drain()).toMatchObject({ sent: 4, dead: 0 });
    expect(h.connector.cards().some((c) => c.conversationId === DSO_CHANNEL.id)).toBe(true);
    const cards = h.connector.cards();
    const toChannel = cards.find((c) => c.conversationId === ISAM_CHANNEL.id)!;
    expect(toChannel).toBeDefined();
    const text = cardText(toChannel.card);
    expect(text).toContain(`Incident INC-2026-${incidentId.padStart(4, '0')}`);
    expect(text).toContain('Ny – väntar på triage');
    expect(text).toContain('Amira Hassan');
    // Markdown and links are escaped in what is sent, so Teams shows them as typed and never as a link.
    const raw = rawCardText(toChannel.card);
    expect(raw).toContain('\\*\\*bistånd\\*\\*');
    expect(raw).toContain('\\[fel person\\]\\(https:\u200B//evil\\.example/x\\)');
    expect(raw).not.toMatch(/(^|[^\\])\[fel person\]/);
    expect(text).toContain('[fel person](https:\u200B//evil.example/x)');
    expect(executeActions(toChannel.card).map((a) => a.verb)).toContain('incident.triage.open');

    // The manager had talked with the bot; the owner had not: a 1:1 chat was created for the owner.
    expect(h.connector.conversations.map((c) => (c.parameters.members as { id: string }[])[0]!.id)).toEqual([ASSET_OWNER]);
    expect(cards.some((c) => c.conversationId === `a:personal-${MANAGER}`)).toBe(true);
    for (const c of cards) expect(JSON.stringify(c.card).length).toBeLessThan(40_000);
  });

  it('ignores identities forged in card data', async () => {
    // The reporter replays the ISAM's triage with the ISAM's id in the data: refused, nothing written.
    const forged = await h.execute(REPORTER, 'incident.triage.save', { id: incidentId, severity: 'low', personalDataBreach: 'false', significant: 'no', rationale: 'Inget att se.', from: { aadObjectId: PEOPLE.isam }, actorId: PEOPLE.isam, aadObjectId: PEOPLE.isam });
    expect(cardText(forged.body.value)).toMatch(/Endast informationssäkerhetssamordnaren/);
    const stored = await h.app.runtime.deps.store.get('Incidents', incidentId);
    expect(stored!.data.status).toBe('reported');
    expect(stored!.data.severity).toBeNull();
    // Someone unrelated cannot even open it.
    const other = await h.execute('d0000000-0000-4000-8000-000000000021', 'incident.open', { id: incidentId });
    expect(cardText(other.body.value)).toMatch(/inte behörighet att se/);
  });

  it('lets ISAM triage; the clocks start and every copy of the card is updated in place', async () => {
    h.clock.set('2026-03-27T09:00:00.000Z');
    const channelCard = h.connector.cards().find((c) => c.conversationId === ISAM_CHANNEL.id)!;
    let card = await click(PEOPLE.isam, channelCard.card, 'incident.triage.open');
    expect(cardText(card)).toContain('Triage av');
    expect(cardText(card)).toContain('Förslag utifrån tröskelvärden');
    // "No" without a rationale is refused in the card.
    card = await h.execute(PEOPLE.isam, 'incident.triage.save', { id: incidentId, severity: 'medium', personalDataBreach: 'true', significant: 'no', rationale: '' }).then((r) => r.body.value as Card);
    expect(cardText(card)).toContain('kräver en skriftlig motivering');
    card = await h.execute(PEOPLE.isam, 'incident.triage.save', { id: incidentId, severity: 'medium', personalDataBreach: 'true', significant: 'undecided', rationale: '' }).then((r) => r.body.value as Card);
    expect(cardText(card)).toContain('Triagerad');
    expect(cardText(card)).toContain('Tidig varning till MCF (24 h)');

    const stored = await h.app.runtime.deps.store.get('Incidents', incidentId);
    const due = Object.fromEntries(stored!.data.clocks.map((c) => [c.kind, c.dueAt]));
    expect(due).toEqual({
      cs_early_warning: '2026-03-28T07:40:00.000Z',
      cs_notification: '2026-03-30T07:40:00.000Z', // 72 real hours: 09:40 CEST on Monday
      imy_notification: '2026-03-30T07:40:00.000Z',
      data_subjects: '2026-03-30T07:40:00.000Z', // art. 34: decide without undue delay
      internal_investigation: '2026-04-26T08:00:00.000Z', // 30 calendar days, same wall time 10:00
      breach_documentation: '2026-04-26T08:00:00.000Z', // art. 33(5), with the investigation
    });

    h.connector.reset();
    const report = await h.app.runtime.outbox.drain();
    expect(report.dead).toBe(0);
    const puts = h.connector.sent.filter((s) => s.method === 'PUT').map((s) => s.conversationId);
    expect(puts).toEqual(expect.arrayContaining([ISAM_CHANNEL.id, `a:personal-${MANAGER}`]));
    // The DSO had the card since the report: it is updated in place too.
    expect(puts).toContain(DSO_CHANNEL.id);
  });

  it('reminds before each deadline and when it passes — exactly once, across restarts and two instances', async () => {
    const runtime = h.app.runtime;
    const log = createLogger({ silent: true });
    const jobs = runtime.scheduler['jobs' as never] as never;
    const a = new Scheduler(runtime.deps, jobs, log, 'instance-a');
    const b = new Scheduler(runtime.deps, jobs, log, 'instance-b');

    h.connector.reset();
    h.clock.set('2026-03-28T02:00:00.000Z'); // 5 h 40 min before the early warning is due; significance still undecided
    await Promise.all([a.tick(), b.tick()]);
    await runtime.outbox.drain();
    const mentions = (x: string) => x.includes(`INC-2026-${incidentId.padStart(4, '0')}`);
    let reminders = h.connector.cards().map((c) => cardText(c.card)).filter(mentions);
    expect(reminders).toEqual([expect.stringContaining('det är ännu inte beslutat om incidenten är betydande')]);
    expect(reminders[0]).toContain('lör 28 mars 2026 08:40');

    // Later ticks, a new instance ("restart"): nothing is sent twice.
    h.clock.advance(10 * 60_000);
    const restarted = new Scheduler(runtime.deps, jobs, log, 'instance-c');
    await Promise.all([a.tick(), b.tick(), restarted.tick()]);
    await runtime.outbox.drain();
    reminders = h.connector.cards().map((c) => cardText(c.card)).filter(mentions);
    expect(reminders).toHaveLength(1);

    // ISAM sends the early warning and records when it went and MCF's reference: that clock stops.
    h.connector.reset();
    const reportsCard = await h.execute(PEOPLE.isam, 'incident.reports.open', { id: incidentId }).then((r) => r.body.value as Card);
    const form = await h.execute(PEOPLE.isam, 'incident.report.form', { id: incidentId, key: 'cs_early_warning' }).then((r) => r.body.value as Card);
    expect(executeActions(reportsCard).some((x) => x.verb === 'incident.report.form' && x.data.key === 'cs_early_warning')).toBe(true);
    const after = await click(PEOPLE.isam, form, 'incident.report.record', { sentDate: '2026-03-28', sentTime: '03:05', reference: 'MCF-2026-0412' });
    expect(cardText(after)).toContain('skickad lör 28 mars 2026 03:05, ref. MCF-2026-0412');

    // Past 72 hours (over the DST night): the notification and IMY clocks are overdue, once each.
    h.clock.set('2026-03-30T08:00:00.000Z');
    await restarted.tick();
    await runtime.outbox.drain();
    h.clock.advance(10 * 60_000);
    await a.tick();
    await runtime.outbox.drain();
    const texts = h.connector.cards().map((c) => cardText(c.card));
    // Still undecided after 72 hours: the escalation speaks for the provisional MCF clocks, once per slot.
    expect(texts.filter((x) => x.includes('det är fortfarande inte beslutat om incidenten är betydande'))).toHaveLength(1);
    expect(texts.filter((x) => x.startsWith('Försenad: Anmälan till IMY (72 h)')).length).toBeGreaterThanOrEqual(1);
    expect(texts.some((x) => x.startsWith('Försenad: Tidig varning'))).toBe(false);
    const ew = (await runtime.deps.store.get('Incidents', incidentId))!.data.clocks.find((c) => c.kind === 'cs_early_warning')!;
    expect(ew).toMatchObject({ outcome: 'sent', reference: 'MCF-2026-0412', completedBy: PEOPLE.isam, completedAt: '2026-03-28T02:05:00.000Z', recordedAt: '2026-03-28T02:10:00.000Z' });
  });

  it('lets the line manager — and only them — record the investigation and close; ISAM can reopen', async () => {
    // The reporter is not the manager.
    const refused = await h.execute(REPORTER, 'incident.investigation.open', { id: incidentId });
    expect(cardText(refused.body.value)).toMatch(/Endast rapportörens närmaste chef/);

    let card = await h.execute(MANAGER, 'incident.investigation.open', { id: incidentId }).then((r) => r.body.value as Card);
    expect(cardText(card)).toContain('Utredning av');
    // Closing before the investigation is recorded is refused.
    const early = await h.execute(MANAGER, 'incident.close', { id: incidentId });
    expect(cardText(early.body.value)).toMatch(/Registrera utredningen/);

    card = await click(MANAGER, card, 'incident.investigation.save', { findings: 'Autoifyllnad i e-postklienten föreslog fel mottagare.', actions: 'Autoifyllnad avstängd för externa adresser; genomgång på APT.' });
    card = await click(MANAGER, card, 'incident.close');
    expect(cardText(card)).toContain('Avslutad');
    expect(cardText(card)).toContain('Autoifyllnad avstängd');

    const reopenForm = await h.execute(PEOPLE.isam, 'incident.reopen.open', { id: incidentId }).then((r) => r.body.value as Card);
    card = await click(PEOPLE.isam, reopenForm, 'incident.reopen', { reason: 'Mottagaren har hört av sig igen.' });
    expect(cardText(card)).toContain('Utreds');

    const audit = [];
    for await (const e of h.app.runtime.deps.store.queryAll('AuditLog', { where: [{ field: 'target', op: 'eq', value: `Incidents/${incidentId}` }] })) audit.push(e.data);
    expect(audit.map((e) => [e.action, e.actorId])).toEqual(
      expect.arrayContaining([
        ['incident.reported', REPORTER],
        ['incident.triaged', PEOPLE.isam],
        ['incident.report_sent', PEOPLE.isam],
        ['incident.investigated', MANAGER],
        ['incident.closed', MANAGER],
        ['incident.reopened', PEOPLE.isam],
      ]),
    );
    expect(audit.filter((e) => e.action === 'incident.reported')).toHaveLength(1);
  });

  it('shows "Mina ärenden"', async () => {
    h.connector.reset();
    await h.message(REPORTER, 'mina ärenden');
    const text = cardText(h.connector.cards()[0]!.card);
    expect(text).toContain('Incidenter jag rapporterat');
    expect(text).toMatch(/INC-2026-\d{4}/);
  });
});

describe('protected identity', () => {
  it('keeps details out of channel cards but not from the manager', async () => {
    h.clock.set('2026-04-02T08:00:00.000Z');
    const res = await h.execute(REPORTER, 'incident.report.start');
    const start = res.body.value as Card;
    const draft = decodeDraft(dataOf(start, 'incident.report.step', 'next').draft) as Record<string, unknown>;
    Object.assign(draft, { category: 'paper_documents', description: 'En akt om en familj med skyddad identitet låg framme i väntrummet.', discoveredDate: '2026-04-02', discoveredTime: '09:30', involved: 'yes', approxSubjects: '4', protectedIdentity: 'true' });
    const receipt = await h.execute(REPORTER, 'incident.report.submit', { verb: 'incident.report.submit', step: 'review', draft: JSON.stringify(draft) });
    expect(cardText(receipt.body.value)).toContain('Tack!');
    const number = cardText(receipt.body.value).match(/INC-2026-\d{4}/)![0];
    h.connector.reset();
    await h.app.runtime.outbox.drain();
    const mentions = (c: { card: Card }) => cardText(c.card).includes(number);
    const channel = h.connector.cards().find((c) => c.conversationId === ISAM_CHANNEL.id && mentions(c))!;
    const channelText = cardText(channel.card);
    expect(channelText).toContain('Detaljerna visas bara för behöriga');
    expect(channelText).not.toContain('väntrummet');
    expect(channelText).not.toContain('Amira');
    const outbox = await h.app.runtime.deps.store.query('Outbox', { where: [{ field: 'targetId', op: 'eq', value: 'isam' }], pageSize: 999 });
    expect(JSON.stringify(outbox.items.map((o) => o.data.payload))).not.toContain('väntrummet'); // not even stored for the channel
    const manager = h.connector.cards().find((c) => c.conversationId === `a:personal-${MANAGER}` && mentions(c))!;
    expect(cardText(manager.card)).toContain('väntrummet');
  });
});
