// @vitest-environment happy-dom
/**
 * Incidenter in the tab: the register (provisional and overdue deadlines, open legal obligations of
 * closed incidents), the incident page — provisional clocks, recording a report at the time it
 * actually went (reasons when late), reassessment with its reason, the assessment history, one
 * timeline in words, the stale-etag answer — a report's draft (edited, saved, copied, downloaded;
 * read-only once sent), and the report form's checks before anything is sent.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_FACTS } from '../../core/domain/incident';
import { ApiError } from '../../tab/api/client';
import type { ClockView, IncidentPageView, IncidentRow, ReportDraftView as Draft } from '../../core/api';
import IncidentReportView from '../../tab/features/incidents/IncidentReportView';
import IncidentsView from '../../tab/features/incidents/IncidentsView';
import IncidentView from '../../tab/features/incidents/IncidentView';
import ReportDraftView from '../../tab/features/incidents/ReportDraftView';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import { fakeApi, ME, renderWithSession, Routed } from './render';

beforeEach(() => resetViewHeadingFocus());

// A dialog's exit animation cancelled by the test's cleanup rejects the animation's `finished`
// promise, which browsers mark as handled (Web Animations) and happy-dom does not: do as browsers do.
const animate = Element.prototype.animate;
beforeAll(() => {
  Element.prototype.animate = function (this: Element, ...args: Parameters<Element['animate']>) {
    const animation = animate.apply(this, args);
    animation.finished?.catch(() => undefined);
    return animation;
  };
});
afterAll(() => {
  Element.prototype.animate = animate;
});
afterEach(cleanup);

const row = (n: number, o: Partial<IncidentRow> = {}): IncidentRow => ({
  id: String(n),
  caseNumber: `INC-2026-${String(n).padStart(4, '0')}`,
  title: `Händelse ${n}`,
  category: 'misdirected',
  status: 'investigating',
  severity: 'medium',
  significant: 'no',
  personalData: true,
  reportedAt: '2026-11-10T09:00:00.000Z',
  unit: 'EKB',
  nextDue: { kind: 'internal_investigation', dueAt: '2026-11-20T09:00:00.000Z', overdue: true, provisional: false },
  openObligations: 0,
  ...o,
});

const clock = (o: Partial<ClockView>): ClockView => ({
  kind: 'imy_notification',
  key: 'imy_notification',
  basis: 'provisional',
  startedAt: '2026-11-27T07:20:00.000Z',
  dueAt: '2026-11-30T07:20:00.000Z',
  completedAt: null,
  completedBy: null,
  recordedAt: null,
  reference: null,
  outcome: null,
  stoppedBy: null,
  rationale: null,
  lateReason: null,
  evidenceId: null,
  requestReference: null,
  state: 'provisional',
  overdue: true,
  completedByName: null,
  legal: true,
  missingLateReason: false,
  can: { record: true, waive: true, correct: false, draft: true },
  ...o,
});

const PERMISSIONS: IncidentPageView['permissions'] = { triage: true, reassess: false, markSent: true, correctAwareness: true, editFacts: true, requestIntermediate: true, investigate: false, close: false, reopen: false };

const pageView = (o: Partial<IncidentPageView> = {}): IncidentPageView => ({
  etag: '"e,1"',
  incident: {
    id: '25', caseNumber: 'INC-2026-0025', detailed: true, status: 'reported', category: 'misdirected', title: 'Misstänkt felskickad e-post', description: 'Ett mejl gick fel.',
    severity: null, significant: 'undecided', personalDataBreach: null, personalData: { involved: 'unknown', approxSubjects: null, categories: [], protectedIdentity: false },
    reportedAt: '2026-11-27T07:35:00.000Z', discoveredAt: '2026-11-27T07:20:00.000Z', awareAt: '2026-11-27T07:20:00.000Z', occurredAt: null, reporterName: 'Johanna Berg', unit: 'EKB',
    managerName: 'Per Holmberg', managerId: null, assetName: null, supplierName: null, clocks: [], investigation: null, closedAt: null, significanceRationale: null, facts: EMPTY_FACTS, undecided: true,
  },
  clocks: [clock({ kind: 'cs_early_warning', key: 'cs_early_warning', dueAt: '2026-11-28T07:20:00.000Z', can: { record: true, waive: true, correct: false, draft: true } }), clock({})],
  assessments: [],
  timeline: [
    { at: '2026-11-27T07:20:00.000Z', event: 'discovered', text: 'Händelsen upptäcktes', actor: null },
    { at: '2026-11-27T07:35:00.000Z', event: 'incident.reported', text: 'Incidenten rapporterades', actor: { id: 'x', name: 'Johanna Berg' } },
    { at: '2026-11-28T07:20:00.000Z', event: 'deadline', text: 'Den preliminära tidsfristen för Tidig varning till MCF (24 h) gick ut utan beslut', actor: null },
  ],
  reports: [],
  openObligations: ['cs_early_warning', 'imy_notification'],
  permissions: PERMISSIONS,
  reportable: ['cs_early_warning', 'imy_notification'],
  hints: [{ key: 'causeUnknown', months: 6 }],
  ...o,
});

describe('Incidenter (register)', () => {
  it('shows provisional and overdue deadlines, and the open legal obligations of closed incidents; filters go to the API', async () => {
    window.location.hash = '#/incidents';
    const api = fakeApi().on('GET', '/incidents', () => ({
      items: [
        row(21),
        row(24, { status: 'reported', nextDue: { kind: 'cs_early_warning', dueAt: '2026-11-25T08:00:00.000Z', overdue: true, provisional: true } }),
        row(26, { status: 'closed', nextDue: { kind: 'cs_notification', dueAt: '2026-11-20T08:00:00.000Z', overdue: true, provisional: false }, openObligations: 1 }),
      ],
      cursor: null,
      direction: 'desc',
      scope: 'entitled',
    }));
    renderWithSession(<Routed view={IncidentsView} />, { api, me: ME.owner });
    const table = await screen.findByRole('table', { name: 'Incidenter' });
    await within(table).findByRole('link', { name: 'INC-2026-0021' });
    expect(within(table).getAllByText('Försenad')).toHaveLength(3);
    expect(within(table).getByText('preliminär')).toBeTruthy();
    expect(within(table).getByText('1 öppna lagkrav')).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'closed');
    await waitFor(() => expect(api.calls.at(-1)?.query).toMatchObject({ status: 'closed', direction: 'desc' }));
  });
});

describe('the incident page', () => {
  it('shows provisional clocks, the hints and the timeline in words', async () => {
    const api = fakeApi().on('GET', '/incidents/25', () => pageView());
    renderWithSession(<IncidentView params={{ id: '25' }} query={new URLSearchParams()} />, { api, me: ME.isam });
    await screen.findByRole('heading', { level: 1, name: 'INC-2026-0025 Misstänkt felskickad e-post' });
    expect(screen.getByText('Ingen har bedömt incidenten ännu. Tidsfristerna nedan är preliminära och räknas från upptäckten.')).toBeTruthy();
    const clocks = screen.getByRole('table', { name: 'Tidsfrister (svensk tid)' });
    expect(within(clocks).getByText('30 nov. 2026 08:20')).toBeTruthy();
    expect(within(clocks).getAllByText('Preliminär')).toHaveLength(2);
    expect(within(clocks).getAllByText('Försenad')).toHaveLength(2);
    expect(within(clocks).getByRole('link', { name: 'Utkast: Anmälan till IMY (72 h)' }).getAttribute('href')).toBe('#/incidents/25/reports/imy_notification');
    const timeline = screen.getByRole('region', { name: 'Händelseförlopp' });
    expect(within(timeline).getByText('Incidenten rapporterades')).toBeTruthy();
    expect(within(timeline).getByText(/Den preliminära tidsfristen för Tidig varning/)).toBeTruthy();
    expect(screen.getByText(/Ange trolig grundorsak, så jämförs incidenten/)).toBeTruthy();
  });

  it('records a report at the time it actually went, with the reasons for a late IMY notification; the server’s message shows in the dialog', async () => {
    const sent = pageView({ etag: '"e,2"' });
    const api = fakeApi()
      .on('GET', '/incidents/25', () => pageView())
      .on('POST', '/incidents/25/reports/imy_notification', (call) => {
        if (!(call.body as { lateReason: string | null }).lateReason) throw new ApiError(400, { error: 'invalid', message: 'Anmälan till IMY lämnades senare än 72 timmar efter att organisationen fick kännedom om incidenten. Ange skälen till förseningen (artikel 33.1 i dataskyddsförordningen).' });
        return sent;
      });
    renderWithSession(<IncidentView params={{ id: '25' }} query={new URLSearchParams()} />, { api, me: ME.isam });
    const clocks = await screen.findByRole('table', { name: 'Tidsfrister (svensk tid)' });
    const imyRow = within(clocks).getAllByRole('row').find((r) => within(r).queryByText('Anmälan till IMY (72 h)'))!;
    await userEvent.click(within(imyRow).getByRole('button', { name: 'Registrera som skickad' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.clear(within(dialog).getByLabelText(/^Skickad – Datum/));
    await userEvent.type(within(dialog).getByLabelText(/^Skickad – Datum/), '2026-12-01');
    await userEvent.clear(within(dialog).getByLabelText(/^Skickad – Klockslag/));
    await userEvent.type(within(dialog).getByLabelText(/^Skickad – Klockslag/), '10:15');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Myndighetens referens (valfri)' }), 'IMY-2026-9');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Spara' }));
    expect(await within(dialog).findByText(/Ange skälen till förseningen/)).toBeTruthy();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Skäl till förseningen/ }), 'Kännedomen kom sent.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Spara' }));
    await screen.findByText('Rapporten är registrerad som skickad.');
    // The dialog closes (its exit animation ends before the page is unmounted).
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const posts = api.calls.filter((c) => c.method === 'POST');
    expect(posts.at(-1)).toMatchObject({ etag: '"e,1"', body: { sentAt: '2026-12-01T09:15:00.000Z', reference: 'IMY-2026-9', lateReason: 'Kännedomen kom sent.' } });
    expect(posts[0]!.idempotencyKey).not.toBe(posts[1]!.idempotencyKey);
  });

  it('asks why when an assessment changes, and shows the assessments with who and why', async () => {
    const assessed = pageView({
      incident: { ...pageView().incident, status: 'triaged', severity: 'high', significant: 'yes', personalDataBreach: false, undecided: false },
      assessments: [{ at: '2026-11-27T09:00:00.000Z', by: 'd0000000-0000-4000-8000-000000000001', byName: 'Henrik Sandberg', severity: 'high', personalDataBreach: false, significant: 'yes', rationale: null, imyNotRequiredRationale: null, reason: null }],
      permissions: { ...PERMISSIONS, triage: false, reassess: true },
      hints: [],
    });
    const current = pageView({ etag: '"e,9"', incident: { ...assessed.incident, significant: 'no' } });
    const api = fakeApi()
      .on('GET', '/incidents/25', () => assessed)
      .on('POST', '/incidents/25/triage', (call) => {
        if (!(call.body as { reason: string | null }).reason) throw new ApiError(400, { error: 'invalid', message: 'Ange varför den tidigare bedömningen ändras. Skälet sparas som underlag vid tillsyn.' });
        throw new ApiError(409, { error: 'conflict', message: 'Konflikt', current });
      });
    renderWithSession(<IncidentView params={{ id: '25' }} query={new URLSearchParams()} />, { api, me: ME.isam });
    const section = await screen.findByRole('region', { name: 'Bedömning' });
    expect(within(section).getByText('Allvarlighetsgrad hög; betydande: ja; personuppgiftsincident: nej')).toBeTruthy();
    const form = within(section).getByRole('form', { name: 'Ändra bedömning' });
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: /^Betydande incident/ }), 'no');
    await userEvent.type(within(form).getByRole('textbox', { name: /^Motivering/ }), 'Ingen driftpåverkan.');
    await userEvent.click(within(form).getByRole('button', { name: 'Spara ändrad bedömning' }));
    expect(await within(form).findByText(/Ange varför den tidigare bedömningen ändras/)).toBeTruthy();
    await userEvent.type(within(form).getByRole('textbox', { name: /^Skäl till ändrad bedömning/ }), 'Ny information.');
    await userEvent.click(within(form).getByRole('button', { name: 'Spara ändrad bedömning' }));
    await screen.findByText(/Någon annan ändrade incidenten samtidigt/);
    expect(api.calls.filter((c) => c.method === 'POST').at(-1)!.body).toMatchObject({ severity: 'high', significant: 'no', rationale: 'Ingen driftpåverkan.', reason: 'Ny information.' });
  });

  it('offers no forms to someone who may not act', async () => {
    const api = fakeApi().on('GET', '/incidents/25', () =>
      pageView({
        permissions: { triage: false, reassess: false, markSent: false, correctAwareness: false, editFacts: false, requestIntermediate: false, investigate: false, close: false, reopen: false },
        reportable: [],
        hints: [],
        clocks: [clock({ can: { record: false, waive: false, correct: false, draft: false } })],
      }),
    );
    renderWithSession(<IncidentView params={{ id: '25' }} query={new URLSearchParams()} />, { api, me: ME.staff });
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('region', { name: 'Bedömning' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Registrera som skickad' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Rätta tidpunkten för kännedom' })).toBeNull();
    expect(screen.queryByRole('link', { name: /^Utkast/ })).toBeNull();
  });
});

describe('a report’s draft', () => {
  const draft = (o: Partial<Draft> = {}): Draft => ({
    incidentId: '25', caseNumber: 'INC-2026-0025', key: 'imy_notification', kind: 'imy_notification', state: 'generated', id: null, etag: null, language: 'sv',
    title: 'Anmälan av personuppgiftsincident', recipient: 'Integritetsskyddsmyndigheten (IMY)',
    sections: [
      { key: 'summary', heading: 'Sammanfattning', text: 'Stadsdelsförvaltning Söderbyn anmäler en personuppgiftsincident.' },
      { key: 'consequences', heading: 'Sannolika konsekvenser för de registrerade', text: '[uppgift saknas – komplettera]' },
    ],
    generatedAt: '2026-11-28T09:00:00.000Z', updatedAt: null, updatedByName: null, sentAt: null, reference: null, missing: ['Sannolika konsekvenser för de registrerade'], routedVia: null,
    text: 'Anmälan av personuppgiftsincident', editable: true, clock: { dueAt: '2026-11-30T07:20:00.000Z', basis: 'provisional', completedAt: null, outcome: null },
    ...o,
  });

  it('lists what is missing, saves the edited text, copies it and downloads the Word document', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const api = fakeApi()
      .on('GET', '/incidents/25/reports/imy_notification/draft', () => draft())
      .on('PUT', '/incidents/25/reports/imy_notification/draft', (call) => draft({ state: 'draft', id: '7', etag: '"d,1"', sections: (call.body as { sections: Draft['sections'] }).sections, updatedAt: '2026-11-28T09:05:00.000Z', updatedByName: 'Leila Haddad' }))
      .on('GET', '/incidents/25/reports/imy_notification/document.docx', () => ({ bytes: 'PK', fileName: 'INC-2026-0025-imy-notification.docx' }));
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    renderWithSession(<ReportDraftView params={{ id: '25', key: 'imy_notification' }} query={new URLSearchParams()} />, { api, me: ME.isam });
    await screen.findByRole('heading', { level: 1, name: 'INC-2026-0025: Anmälan till IMY (72 h)' });
    expect(screen.getByText('Uppgifter som saknas i utkastet: Sannolika konsekvenser för de registrerade. Komplettera dem innan rapporten skickas.')).toBeTruthy();
    const area = await screen.findByRole('textbox', { name: 'Sannolika konsekvenser för de registrerade' });
    await userEvent.clear(area);
    await userEvent.type(area, 'Risk för oönskade kontakter.');
    await userEvent.click(screen.getByRole('button', { name: 'Spara utkastet' }));
    await screen.findByText('Utkastet är sparat.');
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put).toMatchObject({ idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/), body: { language: 'sv', sections: [expect.anything(), { key: 'consequences', text: 'Risk för oönskade kontakter.' }] } });
    expect(put.etag).toBeUndefined();
    expect(screen.getByText('Sparat utkast, senast ändrat 28 nov. 2026 10:05 av Leila Haddad.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Kopiera hela texten' }));
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('Sannolika konsekvenser för de registrerade\nRisk för oönskade kontakter.'));
    await userEvent.click(screen.getByRole('button', { name: 'Ladda ned som Word-dokument' }));
    await waitFor(() => expect(api.calls.some((c) => c.path.endsWith('/document.docx'))).toBe(true));
  });

  it('shows the text that was sent, read-only', async () => {
    const api = fakeApi().on('GET', '/incidents/25/reports/imy_notification/draft', () => draft({ state: 'sent', editable: false, id: '7', sentAt: '2026-11-29T10:00:00.000Z', reference: 'IMY-2026-9', missing: [] }));
    renderWithSession(<ReportDraftView params={{ id: '25', key: 'imy_notification' }} query={new URLSearchParams()} />, { api, me: ME.isam });
    await screen.findByText('Skickad 29 nov. 2026 11:00. Texten som skickades sparas oförändrad som underlag.');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Spara utkastet' })).toBeNull();
    expect(screen.getByText('IMY-2026-9')).toBeTruthy();
  });
});

describe('the report form', () => {
  it('checks like the bot before sending, then sends the bot’s input with an Idempotency-Key', async () => {
    window.location.hash = '#/incidents/new';
    const api = fakeApi()
      .on('GET', '/incidents/form-options', () => ({ assets: [{ id: '1', code: 'IA-001', name: 'Socialtjänstens verksamhetssystem' }], suppliers: [] }))
      .on('POST', '/incidents', () => ({ id: '30', caseNumber: 'INC-2026-0030', created: true }));
    renderWithSession(<IncidentReportView params={{}} query={new URLSearchParams()} />, { api, me: ME.staff });
    await screen.findByRole('heading', { level: 1, name: 'Rapportera incident' });
    await userEvent.click(screen.getByRole('button', { name: 'Skicka rapporten' }));
    expect(await screen.findByText('Typ av händelse måste fyllas i.')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await userEvent.selectOptions(screen.getByRole('combobox', { name: /^Typ av händelse/ }), 'misdirected');
    await userEvent.type(screen.getByRole('textbox', { name: /^Vad hände/ }), 'Fel mottagare.');
    await userEvent.type(screen.getByLabelText(/^När upptäcktes det\? \(datum och klockslag\) – Klockslag/), '00:05');
    await userEvent.click(screen.getByRole('radio', { name: 'Nej' }));
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Berört system eller informationstillgång' }), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Skicka rapporten' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    const post = api.calls.find((c) => c.method === 'POST')!;
    expect(post.idempotencyKey).toBeTruthy();
    expect(post.body).toMatchObject({ category: 'misdirected', description: 'Fel mottagare.', assetId: '1', supplierId: null, occurredAt: null, personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } });
    await waitFor(() => expect(window.location.hash).toBe('#/incidents/30'));
  });
});
