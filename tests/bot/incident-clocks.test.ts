/**
 * Issue 13 through the bot protocol (and a fake Bot Connector), as people in Teams meet it:
 * provisional clocks from discovery and escalation of an incident nobody decides on (30 hours),
 * reassessment back and forth, closing with a report unsent, the awareness time corrected, a late
 * IMY notification with its reasons, an intermediate report on request, the art. 34 decision and a
 * report's draft — with one audit entry per change, keyed by the incident and the change. The clock
 * starts on Friday 23 October 2026: the 72-hour clocks run through the night Sweden leaves summer time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDraft } from '../../bot/cards/draft-codec';
import type { AuditEntry } from '../../core/domain';
import { cardText, executeActions, PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness';

const REPORTER = 'd0000000-0000-4000-8000-000000000033'; // Amira Hassan, IFO
const MANAGER = 'd0000000-0000-4000-8000-000000000030'; // Thomas Granlund
const ISAM_CHANNEL = { id: '19:isam-clocks@thread.tacv2', name: 'Incidenter' };
const DSO_CHANNEL = { id: '19:dso-clocks@thread.tacv2', name: 'Dataskydd' };

type Card = Record<string, unknown>;
let h: BotHarness;

async function act(from: string, verb: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Card> {
  const res = await h.execute(from, verb, data, extra);
  expect(res.status).toBe(200);
  return res.body.value as Card;
}

/** Reports an incident through the wizard's submit, as the reporter's card would send it. */
async function report(fields: Record<string, string>): Promise<string> {
  const start = await act(REPORTER, 'incident.report.start', {});
  const next = executeActions(start).find((a) => a.verb === 'incident.report.step')!;
  const draft = { ...(decodeDraft(next.data.draft) as Record<string, unknown>), ...fields };
  const receipt = await act(REPORTER, 'incident.report.submit', { verb: 'incident.report.submit', step: 'review', draft: JSON.stringify(draft) });
  const number = cardText(receipt).match(/INC-2026-\d{4}/)![0];
  return String(Number(number.slice(-4)));
}

async function audit(id: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of h.app.runtime.deps.store.queryAll('AuditLog', { where: [{ field: 'target', op: 'eq', value: `Incidents/${id}` }] })) out.push(e.data);
  return out;
}
const actions = async (id: string) => (await audit(id)).map((e) => e.action);

async function stored(id: string) {
  return (await h.app.runtime.deps.store.get('Incidents', id))!.data;
}

/** Moves the clock, runs the scheduler and delivers the outbox; returns the text of every card delivered that names the case. */
async function tickAt(iso: string, id: string): Promise<string[]> {
  await h.app.runtime.outbox.drain(); // what earlier steps announced
  h.clock.set(iso);
  h.connector.reset();
  await h.app.runtime.scheduler.tick();
  await h.app.runtime.outbox.drain();
  const number = `INC-2026-${id.padStart(4, '0')}`;
  return h.connector.cards().map((c) => cardText(c.card)).filter((x) => x.includes(number));
}

const triage = (id: string, values: Record<string, string>, extra: Record<string, unknown> = {}) =>
  act(PEOPLE.isam, 'incident.triage.save', { id, severity: 'medium', personalDataBreach: 'false', significant: 'undecided', rationale: '', imyNotRequiredRationale: '', ...values }, extra);

beforeAll(async () => {
  h = await startBotHarness({ now: '2026-10-23T08:05:00.000Z' });
  await h.channelMessage(PEOPLE.isam, 'koppla isam', ISAM_CHANNEL);
  await h.channelMessage(PEOPLE.isam, 'koppla dso', DSO_CHANNEL);
  await h.message(MANAGER, 'hej');
  h.connector.reset();
}, 120_000);
afterAll(async () => h?.close());

describe('an incident nobody decides on', () => {
  let id: string;

  it('runs provisional clocks from the discovery time as soon as it is reported, and tells the DSO at once', async () => {
    id = await report({ category: 'misdirected', description: 'Ett mejl med en utredning kan ha gått till fel mottagare.', discoveredDate: '2026-10-23', discoveredTime: '10:00', involved: 'unknown' });
    const i = await stored(id);
    expect(i.clocks.map((c) => [c.key, c.basis, c.dueAt])).toEqual([
      ['cs_early_warning', 'provisional', '2026-10-24T08:00:00.000Z'],
      ['cs_notification', 'provisional', '2026-10-26T08:00:00.000Z'], // 72 real hours: 09:00 winter time on Monday
      ['imy_notification', 'provisional', '2026-10-26T08:00:00.000Z'],
    ]);
    expect(i.nextDueAt).toBe('2026-10-24T08:00:00.000Z');
    await h.app.runtime.outbox.drain();
    const dso = h.connector.cards().find((c) => c.conversationId === DSO_CHANNEL.id);
    expect(dso && cardText(dso.card)).toContain('Ingen har bedömt incidenten ännu. Tidsfristerna nedan är preliminära och räknas från upptäckten.');
    const card = cardText(await act(PEOPLE.isam, 'incident.open', { id }));
    expect(card).toContain('Tidig varning till MCF (24 h)');
    expect(card).toContain('preliminärt senast lör 24 okt. 2026 10:00');
    expect(card).toContain('preliminärt senast mån 26 okt. 2026 09:00');
  });

  it('raises it to the ISAM channel two hours after the report, as the 24-hour mark nears, and again every four hours', async () => {
    expect(await tickAt('2026-10-23T09:00:00.000Z', id)).toEqual([]);
    const first = await tickAt('2026-10-23T10:10:00.000Z', id);
    expect(first).toEqual([expect.stringContaining('har inte bedömts. Preliminära tidsfrister löper redan från upptäckten.')]);
    expect(await tickAt('2026-10-23T20:00:00.000Z', id)).toEqual([]); // 14 h: nothing new
    const nearing = await tickAt('2026-10-24T00:05:00.000Z', id); // 16 h
    expect(nearing).toEqual([expect.stringContaining('är inte bedömd. Den preliminära tidsfristen för tidig varning till MCF går ut lör 24 okt. 2026 10:00.')]);
    expect(await tickAt('2026-10-24T00:30:00.000Z', id)).toEqual([]); // same slot: once
    const again = await tickAt('2026-10-24T04:05:00.000Z', id); // 20 h
    expect(again).toHaveLength(1);
    // Each escalation is a new message (it must be noticed), not an update of the last one.
    expect(h.connector.sent.filter((s) => s.conversationId === ISAM_CHANNEL.id).map((s) => s.method)).toEqual(['POST']);
  });

  it('30 hours after discovery: the card and the escalation say the provisional deadline has passed', async () => {
    const late = await tickAt('2026-10-24T14:05:00.000Z', id); // 30 h
    expect(late).toEqual([expect.stringContaining('är fortfarande inte bedömd. Den preliminära tidsfristen för tidig varning till MCF gick ut lör 24 okt. 2026 10:00.')]);
    const card = cardText(await act(PEOPLE.isam, 'incident.open', { id }));
    expect(card).toContain('PRELIMINÄR FRIST HAR GÅTT UT – lör 24 okt. 2026 10:00');
    const page = cardText(await act(PEOPLE.isam, 'incident.reports.open', { id }));
    expect(page).toContain('Rapporter och tidsfrister för');
    expect(page).toContain('Kännedom (fristerna räknas härifrån): fre 23 okt. 2026 10:00');
  });

  it('stops the clocks when ISAM decides, keeping the decision, and the escalation ends', async () => {
    const card = cardText(await triage(id, { significant: 'no', rationale: 'En enda mottagare inom förvaltningen; ingen driftpåverkan.', personalDataBreach: 'false' }));
    expect(card).toContain('behövs inte: En enda mottagare inom förvaltningen; ingen driftpåverkan.');
    const i = await stored(id);
    expect(i.clocks.find((c) => c.key === 'cs_early_warning')).toMatchObject({ outcome: 'not_required', stoppedBy: 'assessment', completedBy: PEOPLE.isam, completedAt: '2026-10-24T14:05:00.000Z' });
    expect(i.assessments).toEqual([expect.objectContaining({ significant: 'no', by: PEOPLE.isam, at: '2026-10-24T14:05:00.000Z' })]);
    expect(await tickAt('2026-10-24T18:10:00.000Z', id)).toEqual([]);
  });
});

describe('reassessment back and forth', () => {
  let id: string;
  let original: Record<string, string>;

  it('confirms the clocks on "significant", stops them on a reasoned "no", and restores them with their original due times', async () => {
    h.clock.set('2026-10-26T07:00:00.000Z');
    id = await report({ category: 'malware', description: 'Skadlig kod på en server för schemaläggning.', discoveredDate: '2026-10-26', discoveredTime: '07:30', involved: 'no' });
    h.clock.set('2026-10-26T08:00:00.000Z');
    await triage(id, { significant: 'yes', severity: 'high' });
    original = Object.fromEntries((await stored(id)).clocks.map((c) => [c.key, c.dueAt]));
    expect(original.cs_early_warning).toBe('2026-10-27T06:30:00.000Z');

    // Changing the assessment needs a reason: said in the card, nothing written.
    h.clock.set('2026-10-26T10:00:00.000Z');
    const refused = cardText(await triage(id, { significant: 'no', rationale: 'Koden kördes aldrig.', severity: 'low' }));
    expect(refused).toContain('Ange varför den tidigare bedömningen ändras.');
    expect((await stored(id)).assessments).toHaveLength(1);

    await triage(id, { significant: 'no', rationale: 'Koden kördes aldrig.', severity: 'low', reason: 'Leverantörens analys visar att koden aldrig kördes.' }, { id: 'act-reassess-1' });
    let i = await stored(id);
    expect(i.clocks.filter((c) => c.kind.startsWith('cs_')).every((c) => c.outcome === 'not_required' && c.stoppedBy === 'assessment')).toBe(true);

    h.clock.set('2026-10-27T09:00:00.000Z');
    await triage(id, { significant: 'yes', severity: 'high', reason: 'Ny logganalys: koden kördes och spreds till en filserver.' });
    i = await stored(id);
    for (const c of i.clocks) expect(c.dueAt, c.key).toBe(original[c.key]);
    expect(i.clocks.find((c) => c.key === 'cs_early_warning')).toMatchObject({ completedAt: null, outcome: null, basis: 'confirmed' });
    // The early warning's 24 hours passed while the assessment said no: the restored clock says so.
    expect(cardText(await act(PEOPLE.isam, 'incident.open', { id }))).toContain('FÖRSENAD – skulle vara klar tis 27 okt. 2026 07:30');
  });

  it('keeps every assessment with who, when and why, shown when the next reassessment opens', async () => {
    const i = await stored(id);
    expect(i.assessments.map((a) => [a.significant, a.reason])).toEqual([
      ['yes', null],
      ['no', 'Leverantörens analys visar att koden aldrig kördes.'],
      ['yes', 'Ny logganalys: koden kördes och spreds till en filserver.'],
    ]);
    const form = cardText(await act(PEOPLE.isam, 'incident.triage.open', { id }));
    expect(form).toContain('Ändra bedömningen av');
    expect(form).toContain('Tidigare bedömningar');
    expect(form).toContain('Henrik Sandberg: Låg, betydande (cybersäkerhetslagen): nej, personuppgiftsincident: nej – Leverantörens analys visar att koden aldrig kördes.');
  });

  it('writes exactly one audit entry per change: a retried click and the same assessment again write none', async () => {
    // Teams retries the same invoke (same activity id): nothing changes twice, no second entry.
    await triage(id, { significant: 'no', rationale: 'Koden kördes aldrig.', severity: 'low', reason: 'Leverantörens analys visar att koden aldrig kördes.' }, { id: 'act-reassess-1' });
    // The same assessment saved again is no change at all.
    await triage(id, { significant: 'yes', severity: 'high' });
    expect((await actions(id)).filter((a) => a.startsWith('incident.'))).toEqual(['incident.reported', 'incident.triaged', 'incident.reassessed', 'incident.reassessed']);
    const keys = (await h.app.runtime.deps.store.query('AuditLog', { where: [{ field: 'target', op: 'eq', value: `Incidents/${id}` }] })).items.map((e) => e.key);
    for (const k of keys.filter((x) => !x.includes(':reported'))) expect(k).toMatch(new RegExp(`^audit:incident:${id}:(triage|reassessment):`));
  });

  it('audits two incidents triaged by the same operation as two changes (the key names the incident)', async () => {
    h.clock.set('2026-10-27T10:00:00.000Z');
    const a = await report({ category: 'phishing', description: 'Nätfiskemejl A.', discoveredDate: '2026-10-27', discoveredTime: '10:30', involved: 'no' });
    const b = await report({ category: 'phishing', description: 'Nätfiskemejl B.', discoveredDate: '2026-10-27', discoveredTime: '10:40', involved: 'no' });
    await triage(a, { significant: 'no', rationale: 'Ingen klickade.', severity: 'low' }, { id: 'act-same-operation' });
    await triage(b, { significant: 'no', rationale: 'Ingen klickade.', severity: 'low' }, { id: 'act-same-operation' });
    expect(await actions(a)).toContain('incident.triaged');
    expect(await actions(b)).toContain('incident.triaged');
  });
});

describe('closing with a report not sent', () => {
  let id: string;

  it('closes, but the card, the reports and the reminders keep showing the unsent notification', async () => {
    h.clock.set('2026-10-28T08:00:00.000Z');
    id = await report({ category: 'unauthorised_access', description: 'Obehörig inloggning i ett verksamhetssystem.', discoveredDate: '2026-10-28', discoveredTime: '08:30', involved: 'no' });
    await triage(id, { significant: 'yes', severity: 'high' });
    // The early warning is sent; the incident notification is not.
    h.clock.set('2026-10-28T16:00:00.000Z');
    await act(PEOPLE.isam, 'incident.report.record', { id, key: 'cs_early_warning', sentDate: '2026-10-28', sentTime: '15:00', reference: 'MCF-2026-0901' });
    await act(MANAGER, 'incident.investigation.save', { id, findings: 'Ett delat konto användes av en tidigare anställd.', actions: 'Kontot är spärrat och delade konton avvecklas.' });
    const closed = cardText(await act(MANAGER, 'incident.close', { id }));
    expect(closed).toContain('Avslutad');
    expect(closed).toContain('Ärendet är avslutat, men lagkrav är fortfarande öppna: Incidentanmälan till MCF (72 h).');
    expect((await stored(id)).nextDueAt).toBe('2026-10-31T07:30:00.000Z');
    expect((await audit(id)).find((e) => e.action === 'incident.closed')!.details).toEqual({ openObligations: ['cs_notification'] });

    // ISAM still reaches the reports of the closed incident.
    const isamCard = await act(PEOPLE.isam, 'incident.open', { id });
    expect(executeActions(isamCard).map((a) => a.verb)).toEqual(expect.arrayContaining(['incident.reports.open', 'incident.reopen.open']));
    const reports = await act(PEOPLE.isam, 'incident.reports.open', { id });
    expect(executeActions(reports).some((a) => a.verb === 'incident.report.form' && a.data.key === 'cs_notification')).toBe(true);

    const overdue = await tickAt('2026-10-31T08:00:00.000Z', id);
    expect(overdue).toEqual([expect.stringContaining('Försenad: Incidentanmälan till MCF (72 h) för')]);
    expect(overdue[0]).toContain('Ärendet är avslutat, men rapporten är inte registrerad som skickad.');
    const week = await tickAt('2026-11-07T09:00:00.000Z', id);
    expect(week).toEqual([expect.stringContaining('Fortfarande inte skickad: Incidentanmälan till MCF (72 h)')]);
  });

  it('stops reminding once the report is recorded sent — at the time it actually went, late', async () => {
    const card = cardText(await act(PEOPLE.isam, 'incident.report.record', { id, key: 'cs_notification', sentDate: '2026-11-02', sentTime: '16:20', reference: 'MCF-2026-0901' }));
    expect(card).toContain('skickad mån 2 nov. 2026 16:20, ref. MCF-2026-0901 – efter tidsfristen lör 31 okt. 2026 08:30');
    const i = await stored(id);
    expect(i.clocks.find((c) => c.key === 'cs_notification')).toMatchObject({ completedAt: '2026-11-02T15:20:00.000Z', recordedAt: '2026-11-07T09:00:00.000Z' });
    // The final report's month runs from the notification even though the case is closed.
    expect(i.clocks.find((c) => c.key === 'cs_final_report')).toMatchObject({ dueAt: '2026-12-02T15:20:00.000Z', completedAt: null });
    expect(await tickAt('2026-11-14T09:00:00.000Z', id)).toEqual([]);
  });
});

describe('the awareness time', () => {
  it('is corrected by ISAM only, with a reason, moving every deadline counted from it, audited', async () => {
    h.clock.set('2026-11-09T09:00:00.000Z');
    const id = await report({ category: 'supplier', description: 'Leverantören meddelar ett intrång i sin driftmiljö.', discoveredDate: '2026-11-09', discoveredTime: '09:45', involved: 'yes', approxSubjects: '40' });
    await triage(id, { significant: 'yes', severity: 'high', personalDataBreach: 'true' });
    const refused = await h.execute(PEOPLE.itsec, 'incident.awareness.correct', { id, awareDate: '2026-11-06', awareTime: '16:00', reason: 'x' });
    expect(cardText(refused.body.value)).toMatch(/Endast informationssäkerhetssamordnaren \(ISAM\) kan ändra tidpunkten/);

    const form = await act(PEOPLE.isam, 'incident.awareness.form', { id });
    expect(cardText(form)).toContain('Nu: mån 9 nov. 2026 09:45. Upptäckt enligt rapporten: mån 9 nov. 2026 09:45.');
    // No reason: said in the form, nothing written.
    expect(cardText(await act(PEOPLE.isam, 'incident.awareness.correct', { id, awareDate: '2026-11-06', awareTime: '16:00', reason: '' }))).toContain('Skäl måste fyllas i.');
    const after = cardText(await act(PEOPLE.isam, 'incident.awareness.correct', { id, awareDate: '2026-11-06', awareTime: '16:00', reason: 'Leverantörens mejl kom redan fredag eftermiddag till en funktionsbrevlåda.' }));
    expect(after).toContain('Kännedom (fristerna räknas härifrån): fre 6 nov. 2026 16:00');
    const i = await stored(id);
    expect(i.awareAt).toBe('2026-11-06T15:00:00.000Z');
    expect(i.discoveredAt).toBe('2026-11-09T08:45:00.000Z');
    expect(i.clocks.find((c) => c.key === 'imy_notification')!.dueAt).toBe('2026-11-09T15:00:00.000Z');
    const entry = (await audit(id)).find((e) => e.action === 'incident.awareness_corrected')!;
    expect(entry).toMatchObject({ actorId: PEOPLE.isam, details: { from: '2026-11-09T08:45:00.000Z', to: '2026-11-06T15:00:00.000Z', reason: 'Leverantörens mejl kom redan fredag eftermiddag till en funktionsbrevlåda.' } });
    expect((await audit(id)).filter((e) => e.action === 'incident.awareness_corrected')).toHaveLength(1);
  });
});

describe('a late IMY notification', () => {
  let id: string;

  it('is recorded only with the reasons for the delay (art. 33(1)), by the DSO, and shows them', async () => {
    h.clock.set('2026-11-16T08:00:00.000Z');
    id = await report({ category: 'paper_documents', description: 'Akter från socialtjänsten hittades i ett rum som hyrs ut till föreningar.', discoveredDate: '2026-11-16', discoveredTime: '09:00', involved: 'yes', approxSubjects: '12' });
    await triage(id, { significant: 'no', rationale: 'Ingen driftpåverkan.', personalDataBreach: 'true' });
    h.clock.set('2026-11-20T10:00:00.000Z');
    const form = cardText(await act(PEOPLE.dso, 'incident.report.form', { id, key: 'imy_notification' }));
    expect(form).toContain('Skäl till förseningen (krävs för IMY efter 72 timmar)');
    const refused = cardText(await act(PEOPLE.dso, 'incident.report.record', { id, key: 'imy_notification', sentDate: '2026-11-20', sentTime: '10:30', reference: 'IMY-2026-5521', lateReason: '' }));
    expect(refused).toContain('Anmälan till IMY lämnades senare än 72 timmar efter att organisationen fick kännedom om incidenten. Ange skälen till förseningen');
    expect((await stored(id)).clocks.find((c) => c.key === 'imy_notification')!.completedAt).toBeNull();
    const done = cardText(
      await act(PEOPLE.dso, 'incident.report.record', { id, key: 'imy_notification', sentDate: '2026-11-20', sentTime: '10:30', reference: 'IMY-2026-5521', lateReason: 'Akterna fanns i ett låst skåp; vilka personer som berördes kunde klarläggas först efter genomgång med socialtjänsten.' }),
    );
    expect(done).toContain('skickad fre 20 nov. 2026 10:30, ref. IMY-2026-5521 – efter tidsfristen tors 19 nov. 2026 09:00');
    expect(done).toContain('Skäl till förseningen: Akterna fanns i ett låst skåp');
    const entry = (await audit(id)).find((e) => e.action === 'incident.report_sent')!;
    expect(entry).toMatchObject({ actorId: PEOPLE.dso, details: { key: 'imy_notification', late: true, reference: 'IMY-2026-5521' } });
    // The IT security officer handles reports to MCF, not to IMY.
    const itsec = await h.execute(PEOPLE.itsec, 'incident.report.form', { id, key: 'data_subjects' });
    expect(cardText(itsec.body.value)).toMatch(/Endast informationssäkerhetssamordnaren \(ISAM\) och dataskyddsombudet/);
  });

  it('records the art. 34 decision not to inform the people concerned, with its rationale', async () => {
    const form = cardText(await act(PEOPLE.dso, 'incident.report.waive.form', { id, key: 'data_subjects' }));
    expect(form).toContain('Beslut: Information till de registrerade (art. 34) behövs inte');
    const after = cardText(await act(PEOPLE.dso, 'incident.report.waive', { id, key: 'data_subjects', rationale: 'Akterna lämnade aldrig det låsta skåpet; ingen hög risk för de registrerade.' }));
    expect(after).toContain('beslut: behövs inte – Akterna lämnade aldrig det låsta skåpet; ingen hög risk för de registrerade.');
    expect((await stored(id)).clocks.find((c) => c.key === 'data_subjects')).toMatchObject({ outcome: 'not_required', stoppedBy: 'decision', completedBy: PEOPLE.dso });
    // The art. 33(5) documentation stays open: every breach is documented, notified or not.
    expect((await stored(id)).clocks.find((c) => c.key === 'breach_documentation')!.completedAt).toBeNull();
  });
});

describe('an intermediate report and a draft in chat', () => {
  it('records MCF’s request with its due date, and shows the draft of the report as copyable text', async () => {
    h.clock.set('2026-11-23T08:00:00.000Z');
    const id = await report({ category: 'supplier', description: 'Driftstörning hos leverantören av e-tjänsteplattformen.', discoveredDate: '2026-11-23', discoveredTime: '08:30', involved: 'no' });
    await triage(id, { significant: 'yes', severity: 'high' });
    h.clock.set('2026-11-24T14:00:00.000Z');
    const asked = cardText(await act(PEOPLE.isam, 'incident.intermediate.request', { id, requestedDate: '2026-11-24', requestedTime: '13:00', dueDate: '2026-11-27', dueTime: '12:00', reference: 'MCF 2026-88' }));
    expect(asked).toContain('Delrapport till MCF (på begäran)');
    expect(asked).toContain('senast fre 27 nov. 2026 12:00');
    const draft = await act(PEOPLE.isam, 'incident.draft.open', { id, key: 'cs_intermediate_report:1' });
    const text = cardText(draft);
    expect(text).toContain('Utkast: Delrapport till MCF (på begäran)');
    expect(text).toContain('Delrapport om betydande incident');
    expect(text).toContain('MCF:s referens: MCF 2026-88');
    expect(text).toContain('Uppgifter som saknas i utkastet:');
    expect(executeActions(draft).map((a) => a.verb)).toContain('incident.report.form');
    const situation = await act(PEOPLE.isam, 'incident.reports.open', { id });
    expect(executeActions(situation).filter((a) => a.data.key === 'cs_intermediate_report:1').map((a) => a.verb)).toEqual(['incident.report.form', 'incident.draft.open', 'incident.report.waive.form']);
  });
});
