/**
 * Issue 13 through the tab API, with the app's clock moved by the test: an incident undecided 30
 * hours after discovery, reassessment back and forth, closing with a report unsent (register, page
 * and reminders), the awareness time corrected with its audit entry, a late IMY notification with
 * its reasons and a correction of it, the report facts, "same root cause" compared on asset,
 * supplier and cause, and drafts addressed to the city's central function when it is configured.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/domain';
import { cardText, startBotHarness, type BotHarness } from '../../support/bot-harness';
import { PEOPLE } from './helpers';

let h: BotHarness;
const tokens = new Map<string, string>();

async function call(as: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}, retry = true): Promise<{ status: number; body: any }> {
  if (!tokens.has(as)) {
    const res = await fetch(`${h.app.appUrl}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: as }) });
    tokens.set(as, ((await res.json()) as { token: string }).token);
  }
  const res = await fetch(`${h.app.appUrl}/api/v1${route}`, {
    method,
    headers: { Accept: 'application/json', 'Accept-Language': 'sv-SE', Authorization: `Bearer ${tokens.get(as)}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  // Tokens expire on the app's clock, which the tests move by days: sign in again.
  if (res.status === 401 && retry) {
    tokens.delete(as);
    return call(as, method, route, body, headers, false);
  }
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

/** An action on the incident's page: its etag as If-Match, a fresh Idempotency-Key. */
async function act(as: string, id: string, path: string, body: unknown, key = randomUUID()) {
  const page = await call(as, 'GET', `/incidents/${id}`);
  return call(as, 'POST', `/incidents/${id}${path}`, body, { 'Idempotency-Key': key, 'If-Match': page.body.etag });
}

async function reportIncident(as: string, fields: Record<string, unknown>): Promise<string> {
  const res = await call(as, 'POST', '/incidents', {
    category: 'misdirected',
    title: null,
    description: 'En händelse.',
    occurredAt: null,
    assetId: null,
    supplierId: null,
    personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false },
    ...fields,
  }, { 'Idempotency-Key': randomUUID() });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function audit(id: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of h.app.runtime.deps.store.queryAll('AuditLog', { where: [{ field: 'target', op: 'eq', value: `Incidents/${id}` }] })) out.push(e.data);
  return out;
}

const clock = (page: { body: { clocks: { key: string }[] } }, key: string) => page.body.clocks.find((c) => c.key === key) as any;
const words = (page: { body: { timeline: { text: string }[] } }) => page.body.timeline.map((e) => e.text);

beforeAll(async () => {
  h = await startBotHarness({ now: '2026-03-26T08:00:00.000Z' });
  await h.channelMessage(PEOPLE.isam, 'koppla isam', { id: '19:isam-api@thread.tacv2', name: 'Incidenter' });
}, 120_000);
afterAll(async () => h?.close());

describe('an incident undecided 30 hours after discovery', () => {
  it('shows provisional clocks from discovery, overdue at 30 hours, in the register and on its page; triage confirms them', async () => {
    const id = await reportIncident(PEOPLE.staff, { description: 'Ett kuvert med beslut saknas efter utskick.', discoveredAt: '2026-03-26T07:00:00.000Z', personalData: { involved: 'yes', approxSubjects: 1, categories: ['social'], protectedIdentity: false } });
    h.clock.set('2026-03-27T13:00:00.000Z'); // 30 hours after discovery
    const page = await call(PEOPLE.isam, 'GET', `/incidents/${id}`);
    expect(page.body.incident.undecided).toBe(true);
    expect(clock(page, 'cs_early_warning')).toMatchObject({ state: 'provisional', overdue: true, dueAt: '2026-03-27T07:00:00.000Z' });
    expect(clock(page, 'imy_notification')).toMatchObject({ state: 'provisional', overdue: false, dueAt: '2026-03-29T07:00:00.000Z' }); // 72 real hours: 09:00 summer time
    expect(page.body.permissions).toMatchObject({ triage: true, reassess: false });
    expect(words(page)).toContain('Den preliminära tidsfristen för Tidig varning till MCF (24 h) gick ut utan beslut');
    const list = await call(PEOPLE.isam, 'GET', '/incidents?status=reported&pageSize=100');
    expect(list.body.items.find((r: { id: string }) => r.id === id).nextDue).toMatchObject({ kind: 'cs_early_warning', overdue: true, provisional: true });

    const triaged = await act(PEOPLE.isam, id, '/triage', { severity: 'medium', personalDataBreach: true, significant: 'no', rationale: 'Ett kuvert, en mottagare; ingen driftpåverkan.', imyNotRequiredRationale: null });
    expect(triaged.status).toBe(200);
    expect(clock(triaged, 'cs_early_warning')).toMatchObject({ state: 'not_required', rationale: 'Ett kuvert, en mottagare; ingen driftpåverkan.' });
    expect(clock(triaged, 'imy_notification')).toMatchObject({ state: 'running', basis: 'confirmed', dueAt: '2026-03-29T07:00:00.000Z' });
    expect(words(triaged)).toContain('Incidenten bedömdes: allvarlighetsgrad medel; betydande incident: nej; personuppgiftsincident: ja. Motivering: Ett kuvert, en mottagare; ingen driftpåverkan.');
  });
});

describe('reassessment back and forth', () => {
  it('needs a reason, keeps every assessment with who and why, and restores the original due times', async () => {
    h.clock.set('2026-03-28T09:00:00.000Z');
    const id = await reportIncident(PEOPLE.staff, { category: 'malware', description: 'Utpressningsprogram på en filserver.', discoveredAt: '2026-03-28T08:30:00.000Z' });
    const yes = await act(PEOPLE.isam, id, '/triage', { severity: 'high', personalDataBreach: false, significant: 'yes', rationale: null, imyNotRequiredRationale: null });
    const due = clock(yes, 'cs_notification').dueAt;
    expect(due).toBe('2026-03-31T08:30:00.000Z'); // across the spring-forward night: 72 real hours
    h.clock.set('2026-03-28T12:00:00.000Z');
    const noReason = await act(PEOPLE.isam, id, '/triage', { severity: 'low', personalDataBreach: false, significant: 'no', rationale: 'Återställt från säkerhetskopia inom en timme.', imyNotRequiredRationale: null });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toBe('Ange varför den tidigare bedömningen ändras. Skälet sparas som underlag vid tillsyn.');
    const no = await act(PEOPLE.isam, id, '/triage', { severity: 'low', personalDataBreach: false, significant: 'no', rationale: 'Återställt från säkerhetskopia inom en timme.', imyNotRequiredRationale: null, reason: 'Driften påverkades bara en timme.' });
    expect(clock(no, 'cs_notification')).toMatchObject({ state: 'not_required', dueAt: due });
    expect(no.body.permissions).toMatchObject({ triage: false, reassess: true });
    h.clock.set('2026-03-29T10:00:00.000Z');
    const back = await act(PEOPLE.itsec, id, '/triage', { severity: 'high', personalDataBreach: false, significant: 'yes', rationale: null, imyNotRequiredRationale: null, reason: 'Krypterade filer hittades också på en andra server.' });
    expect(clock(back, 'cs_notification')).toMatchObject({ state: 'running', dueAt: due, completedAt: null });
    expect(clock(back, 'cs_early_warning')).toMatchObject({ state: 'overdue' });
    expect(back.body.assessments.map((a: { significant: string; byName: string; reason: string | null }) => [a.significant, a.byName, a.reason])).toEqual([
      ['yes', 'Henrik Sandberg', null],
      ['no', 'Henrik Sandberg', 'Driften påverkades bara en timme.'],
      ['yes', 'Daniel Wikström', 'Krypterade filer hittades också på en andra server.'],
    ]);
    expect(words(back)).toContain('Bedömningen ändrades: allvarlighetsgrad hög; betydande incident: ja; personuppgiftsincident: nej. Skäl: Krypterade filer hittades också på en andra server.');
    const entries = (await audit(id)).map((e) => e.action);
    expect(entries.filter((a) => a === 'incident.triaged')).toHaveLength(1);
    expect(entries.filter((a) => a === 'incident.reassessed')).toHaveLength(2);
  });
});

describe('closing with a report unsent', () => {
  it('keeps the obligation on the register, the page and in the reminders until it is sent or decided not needed', async () => {
    h.clock.set('2026-04-01T08:00:00.000Z');
    const id = await reportIncident(PEOPLE.staff, { category: 'unauthorised_access', description: 'Obehörig åtkomst via ett delat konto.', discoveredAt: '2026-04-01T07:00:00.000Z' });
    await act(PEOPLE.isam, id, '/triage', { severity: 'high', personalDataBreach: false, significant: 'yes', rationale: null, imyNotRequiredRationale: null });
    expect((await act(PEOPLE.isam, id, '/reports/cs_early_warning', { sentAt: '2026-04-01T07:55:00.000Z', reference: 'MCF-1' })).status).toBe(200);
    // The manager (or ISAM) records the investigation and closes it from the tab.
    const early = await act(PEOPLE.isam, id, '/close', {});
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('Registrera utredningen och åtgärderna innan incidenten avslutas.');
    expect((await act(PEOPLE.isam, id, '/investigation', { findings: 'Kontot delades mellan tre personer.', actions: 'Personliga konton infördes.' })).status).toBe(200);
    const closed = await act(PEOPLE.isam, id, '/close', {});
    expect(closed.status).toBe(200);
    expect(closed.body.incident.status).toBe('closed');
    expect(closed.body.openObligations).toEqual(['cs_notification']);
    expect(closed.body.permissions).toMatchObject({ close: false, reopen: true, markSent: true });
    expect(words(closed)).toContain('Ärendet avslutades med öppna lagkrav: Incidentanmälan till MCF (72 h)');

    h.clock.set('2026-04-05T08:00:00.000Z');
    const list = await call(PEOPLE.isam, 'GET', '/incidents?status=closed&pageSize=100');
    expect(list.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ openObligations: 1, nextDue: { kind: 'cs_notification', overdue: true, provisional: false } });
    const page = await call(PEOPLE.isam, 'GET', `/incidents/${id}`);
    expect(clock(page, 'cs_notification')).toMatchObject({ state: 'overdue', can: { record: true, waive: true, correct: false, draft: true } });

    // Reminders: the closed incident is read by its next due time and reminded.
    await h.app.runtime.outbox.drain();
    h.connector.reset();
    await h.app.runtime.scheduler.tick();
    await h.app.runtime.outbox.drain();
    const number = page.body.incident.caseNumber;
    const reminders = h.connector.cards().map((c) => cardText(c.card)).filter((x) => x.includes(number));
    expect(reminders).toEqual([expect.stringContaining('Ärendet är avslutat, men rapporten är inte registrerad som skickad.')]);

    // MCF said no notification is needed after the early warning: a formal decision with rationale.
    const bad = await act(PEOPLE.isam, id, '/reports/cs_notification/not-required', { rationale: '' });
    expect(bad.status).toBe(400);
    const decided = await act(PEOPLE.isam, id, '/reports/cs_notification/not-required', { rationale: 'MCF meddelade per telefon 2026-04-03 att den tidiga varningen räcker (ärende MCF-1).' });
    expect(decided.status).toBe(200);
    expect(decided.body.openObligations).toEqual([]);
    expect(clock(decided, 'cs_notification')).toMatchObject({ state: 'decided', rationale: 'MCF meddelade per telefon 2026-04-03 att den tidiga varningen räcker (ärende MCF-1).' });
    expect((await call(PEOPLE.isam, 'GET', '/incidents?status=closed&pageSize=100')).body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ openObligations: 0, nextDue: null });
    // Reopened by ISAM with a reason.
    const reopened = await act(PEOPLE.isam, id, '/reopen', { reason: 'Nya uppgifter om kontot.' });
    expect(reopened.body.incident.status).toBe('investigating');
    expect(words(reopened)).toContain('Ärendet återöppnades. Skäl: Nya uppgifter om kontot.');
    expect((await audit(id)).filter((e) => e.action === 'incident.reopened')).toHaveLength(1);
  });
});

describe('the awareness time and a late IMY notification', () => {
  it('corrects awareness with a reason and one audit entry; a late IMY notification needs its reasons; a correction is audited', async () => {
    h.clock.set('2026-04-13T08:00:00.000Z');
    const id = await reportIncident(PEOPLE.staff, { description: 'Personuppgifter i en öppen delad mapp.', discoveredAt: '2026-04-13T07:30:00.000Z', personalData: { involved: 'yes', approxSubjects: 80, categories: ['contact'], protectedIdentity: false } });
    await act(PEOPLE.isam, id, '/triage', { severity: 'medium', personalDataBreach: true, significant: 'no', rationale: 'Ingen driftpåverkan.', imyNotRequiredRationale: null });

    expect((await act(PEOPLE.itsec, id, '/awareness', { awareAt: '2026-04-10T12:00:00.000Z', reason: 'x' })).status).toBe(403);
    const missing = await act(PEOPLE.isam, id, '/awareness', { awareAt: '2026-04-10T12:00:00.000Z', reason: '' });
    expect(missing.status).toBe(400);
    expect(missing.body.issues).toEqual([{ path: ['reason'], field: 'reason', message: expect.stringContaining('Skäl') }]);
    const future = await act(PEOPLE.isam, id, '/awareness', { awareAt: '2026-04-20T12:00:00.000Z', reason: 'Fel.' });
    expect(future.status).toBe(400);
    const corrected = await act(PEOPLE.isam, id, '/awareness', { awareAt: '2026-04-10T12:00:00.000Z', reason: 'Mappen anmäldes redan i fredags till servicedesk.' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.incident.awareAt).toBe('2026-04-10T12:00:00.000Z');
    expect(clock(corrected, 'imy_notification')).toMatchObject({ dueAt: '2026-04-13T12:00:00.000Z', state: 'running' });
    expect(words(corrected)).toContain('Tidpunkten för kännedom ändrades från mån 13 apr. 2026 09:30 till fre 10 apr. 2026 14:00. Skäl: Mappen anmäldes redan i fredags till servicedesk.');
    expect((await audit(id)).filter((e) => e.action === 'incident.awareness_corrected')).toEqual([
      expect.objectContaining({ actorId: PEOPLE.isam, details: { from: '2026-04-13T07:30:00.000Z', to: '2026-04-10T12:00:00.000Z', reason: 'Mappen anmäldes redan i fredags till servicedesk.' } }),
    ]);
    // The same correction again is no change: no second entry.
    await act(PEOPLE.isam, id, '/awareness', { awareAt: '2026-04-10T12:00:00.000Z', reason: 'Igen.' });
    expect((await audit(id)).filter((e) => e.action === 'incident.awareness_corrected')).toHaveLength(1);

    h.clock.set('2026-04-14T09:00:00.000Z');
    const late = await act(PEOPLE.dso, id, '/reports/imy_notification', { sentAt: '2026-04-14T08:45:00.000Z', reference: 'IMY-2026-300' });
    expect(late.status).toBe(400);
    expect(late.body.message).toMatch(/^Anmälan till IMY lämnades senare än 72 timmar efter att organisationen fick kännedom om incidenten\. Ange skälen till förseningen/);
    const sent = await act(PEOPLE.dso, id, '/reports/imy_notification', { sentAt: '2026-04-14T08:45:00.000Z', reference: 'IMY-2026-300', lateReason: 'Kännedomen fanns hos servicedesk och nådde oss först på måndagen.' });
    expect(clock(sent, 'imy_notification')).toMatchObject({ state: 'sent_late', lateReason: 'Kännedomen fanns hos servicedesk och nådde oss först på måndagen.', completedByName: 'Leila Haddad' });
    expect(words(sent)).toContain('Anmälan till IMY (72 h): skickad efter tidsfristen (referens IMY-2026-300). Skäl till förseningen: Kännedomen fanns hos servicedesk och nådde oss först på måndagen.');

    const fixed = await act(PEOPLE.dso, id, '/reports/imy_notification/correction', { sentAt: '2026-04-14T08:40:00.000Z', reference: 'IMY-2026-301', lateReason: 'Kännedomen fanns hos servicedesk och nådde oss först på måndagen.', reason: 'Fel diarienummer angavs.' });
    expect(fixed.status).toBe(200);
    expect(clock(fixed, 'imy_notification')).toMatchObject({ reference: 'IMY-2026-301', completedAt: '2026-04-14T08:40:00.000Z' });
    expect((await audit(id)).find((e) => e.action === 'incident.report_corrected')!.details).toEqual({
      key: 'imy_notification',
      kind: 'imy_notification',
      before: { sentAt: '2026-04-14T08:45:00.000Z', reference: 'IMY-2026-300', lateReason: 'Kännedomen fanns hos servicedesk och nådde oss först på måndagen.' },
      after: { sentAt: '2026-04-14T08:40:00.000Z', reference: 'IMY-2026-301', lateReason: 'Kännedomen fanns hos servicedesk och nådde oss först på måndagen.' },
      reason: 'Fel diarienummer angavs.',
    });
    // A retry of the same request whose answer was lost (same key, the old etag) completes, changing nothing twice.
    const key = randomUUID();
    const first = await act(PEOPLE.dso, id, '/facts', { consequences: 'Risk för oönskade kontakter.' }, key);
    const stale = await call(PEOPLE.dso, 'POST', `/incidents/${id}/facts`, { consequences: 'Risk för oönskade kontakter.' }, { 'Idempotency-Key': key, 'If-Match': fixed.body.etag });
    expect(stale.status).toBe(200);
    expect(stale.body.etag).toBe(first.body.etag);
    expect((await audit(id)).filter((e) => e.action === 'incident.facts_updated')).toHaveLength(1);
  });
});

describe('same root cause within six months', () => {
  it('compares the asset, the supplier and the cause — not the category', async () => {
    h.clock.set('2026-05-04T08:00:00.000Z');
    const asset = (await h.app.runtime.deps.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-008' }] })).items[0]!.id;
    const first = await reportIncident(PEOPLE.staff, { category: 'misdirected', description: 'Fel mottagare i verksamhetssystemets utskick.', discoveredAt: '2026-05-04T07:00:00.000Z', assetId: asset });
    await act(PEOPLE.isam, first, '/triage', { severity: 'low', personalDataBreach: false, significant: 'no', rationale: 'Liten påverkan.', imyNotRequiredRationale: null, cause: 'misconfiguration' });
    h.clock.set('2026-07-01T08:00:00.000Z');
    const second = await reportIncident(PEOPLE.staff, { category: 'other', description: 'Utskick med fel mall från samma system.', discoveredAt: '2026-07-01T07:00:00.000Z', assetId: asset });
    const before = await call(PEOPLE.isam, 'GET', `/incidents/${second}`);
    expect(before.body.hints).toEqual([{ key: 'causeUnknown', months: 6 }]);
    await act(PEOPLE.isam, second, '/facts', { cause: 'misconfiguration' });
    const after = await call(PEOPLE.isam, 'GET', `/incidents/${second}`);
    expect(after.body.hints).toEqual([{ key: 'sameCause', count: 2, months: 6, cases: [`INC-2026-${first.padStart(4, '0')}`] }]);
    // Another cause on the same asset is not the same root cause.
    await act(PEOPLE.isam, second, '/facts', { cause: 'human_error' });
    expect((await call(PEOPLE.isam, 'GET', `/incidents/${second}`)).body.hints).toEqual([]);
    // Nobody but ISAM and the IT security officer sees hints.
    expect((await call(PEOPLE.dso, 'GET', `/incidents/${second}`)).status).toBe(403);
  });
});

describe('reports through the city’s central function', () => {
  let central: BotHarness;
  afterAll(async () => central?.close());

  it('addresses the drafts of the regimes configured to the central function, and says so', async () => {
    central = await startBotHarness({ now: '2026-05-04T08:00:00.000Z', env: { CENTRAL_REPORTING_NAME: 'Stadsledningskontorets säkerhetsfunktion', CENTRAL_REPORTING_EMAIL: 'sakerhet@stockholm.example', CENTRAL_REPORTING_FOR: 'mcf' } });
    const saved = h;
    h = central;
    tokens.clear();
    try {
      const id = await reportIncident(PEOPLE.staff, { description: 'Intrång i en webbtjänst.', discoveredAt: '2026-05-04T07:00:00.000Z', personalData: { involved: 'yes', approxSubjects: 5, categories: [], protectedIdentity: false } });
      const mcf = (await call(PEOPLE.isam, 'GET', `/incidents/${id}/reports/cs_early_warning/draft`)).body;
      expect(mcf.recipient).toBe('Stadsledningskontorets säkerhetsfunktion, för vidare rapportering till Myndigheten för civilt försvar (MCF)');
      expect(mcf.routedVia).toBe('Stadsledningskontorets säkerhetsfunktion');
      expect(mcf.sections[0]).toEqual({ key: 'routing', heading: 'Hantering', text: 'Enligt stadens rutin skickas rapporten till Stadsledningskontorets säkerhetsfunktion (sakerhet@stockholm.example), som lämnar den vidare till MCF.' });
      // IMY is not routed here: only the regimes configured.
      const imy = (await call(PEOPLE.isam, 'GET', `/incidents/${id}/reports/imy_notification/draft`)).body;
      expect(imy.recipient).toBe('Integritetsskyddsmyndigheten (IMY)');
      expect(imy.routedVia).toBeNull();
    } finally {
      h = saved;
      tokens.clear();
    }
  }, 120_000);
});
