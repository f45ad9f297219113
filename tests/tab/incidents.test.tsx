// @vitest-environment happy-dom
/**
 * Incidenter in the tab: the register's columns and filters sent to the API, the incident page's
 * clocks, timeline and triage (If-Match + Idempotency-Key; a 409 shows the current state), and
 * the report form's checks — the bot's — before anything is sent.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../tab/api/client';
import type { IncidentPageView, IncidentRow } from '../../core/api';
import IncidentReportView from '../../tab/features/incidents/IncidentReportView';
import IncidentsView from '../../tab/features/incidents/IncidentsView';
import IncidentView from '../../tab/features/incidents/IncidentView';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import { fakeApi, ME, renderWithSession, Routed } from './render';

beforeEach(() => resetViewHeadingFocus());
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
  nextDue: { kind: 'internal_investigation', dueAt: '2026-11-20T09:00:00.000Z', overdue: true },
  ...o,
});

const pageView = (o: Partial<IncidentPageView> = {}): IncidentPageView => ({
  etag: '"e,1"',
  incident: {
    id: '25', caseNumber: 'INC-2026-0025', detailed: true, status: 'reported', category: 'misdirected', title: 'Misstänkt felskickad e-post', description: 'Ett mejl gick fel.',
    severity: null, significant: 'undecided', personalDataBreach: null, personalData: { involved: 'unknown', approxSubjects: null, categories: [], protectedIdentity: false },
    reportedAt: '2026-11-27T07:35:00.000Z', discoveredAt: '2026-11-27T07:20:00.000Z', occurredAt: null, reporterName: 'Johanna Berg', unit: 'EKB', managerName: 'Per Holmberg', managerId: null,
    assetName: null, supplierName: null, clocks: [], investigation: null, closedAt: null, significanceRationale: null,
  },
  clocks: [{ kind: 'imy_notification', startedAt: '2026-11-27T07:20:00.000Z', dueAt: '2026-11-30T07:20:00.000Z', completedAt: null, completedBy: null, reference: null, outcome: null, rationale: null, state: 'overdue', completedByName: null }],
  timeline: [{ at: '2026-11-27T07:35:00.000Z', action: 'incident.reported', actor: { id: 'x', name: 'Johanna Berg' }, summary: 'Incident rapporterad' }],
  permissions: { triage: true, markSent: true },
  reportable: ['imy_notification'],
  ...o,
});

describe('Incidenter (register)', () => {
  it('lists incidents with overdue deadlines and sends the filters to the API', async () => {
    window.location.hash = '#/incidents';
    const api = fakeApi().on('GET', '/incidents', () => ({ items: [row(21), row(24, { status: 'triaged', nextDue: null, personalData: false })], cursor: null, direction: 'desc', scope: 'entitled' }));
    renderWithSession(<Routed view={IncidentsView} />, { api, me: ME.owner });
    const table = await screen.findByRole('table', { name: 'Incidenter' });
    await within(table).findByRole('link', { name: 'INC-2026-0021' });
    expect(within(table).getAllByText('Försenad')).toHaveLength(1);
    expect(screen.getByText(/Du ser incidenter du har rapporterat/)).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'closed');
    await waitFor(() => expect(api.calls.at(-1)?.query).toMatchObject({ status: 'closed', direction: 'desc' }));
  });
});

describe('the incident page', () => {
  it('shows clocks in Stockholm time and the timeline; triage sends If-Match and a key, 409 shows the current state', async () => {
    const current = pageView({ etag: '"e,2"', incident: { ...pageView().incident, status: 'triaged', severity: 'high' } });
    const api = fakeApi()
      .on('GET', '/incidents/25', () => pageView())
      .on('POST', '/incidents/25/triage', () => {
        throw new ApiError(409, { error: 'conflict', message: 'Konflikt', current });
      });
    renderWithSession(<IncidentView params={{ id: '25' }} query={new URLSearchParams()} />, { api });
    await screen.findByRole('heading', { level: 1, name: 'INC-2026-0025 Misstänkt felskickad e-post' });
    const clocks = screen.getByRole('table', { name: 'Tidsfrister (svensk tid)' });
    expect(within(clocks).getByText('30 nov. 2026 08:20')).toBeTruthy();
    expect(within(clocks).getByText('Försenad')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Händelseförlopp' })).getByText('Rapporterad')).toBeTruthy();

    const triage = screen.getByRole('region', { name: 'Bedömning' });
    // Nothing is chosen for the assessor: significance too is a real choice, not "not assessed" by default.
    expect((within(triage).getByRole('combobox', { name: /^Betydande incident/ }) as HTMLSelectElement).value).toBe('');
    await userEvent.click(within(triage).getByRole('button', { name: 'Spara bedömningen' }));
    expect(within(triage).getByText('Allvarlighetsgrad måste fyllas i.')).toBeTruthy();
    expect(within(triage).getByText(/^Betydande incident enligt cybersäkerhetslagen .* måste fyllas i\.$/)).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await userEvent.selectOptions(within(triage).getByRole('combobox', { name: /^Allvarlighetsgrad/ }), 'high');
    // A corrected field loses its message at once.
    expect(within(triage).queryByText('Allvarlighetsgrad måste fyllas i.')).toBeNull();
    await userEvent.selectOptions(within(triage).getByRole('combobox', { name: /personuppgiftsincident/ }), 'no');
    await userEvent.selectOptions(within(triage).getByRole('combobox', { name: /^Betydande incident/ }), 'undecided');
    await userEvent.click(within(triage).getByRole('button', { name: 'Spara bedömningen' }));
    await screen.findByText(/Någon annan ändrade incidenten samtidigt/);
    const post = api.calls.find((c) => c.method === 'POST')!;
    expect(post.etag).toBe('"e,1"');
    expect(post.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(post.body).toMatchObject({ severity: 'high', personalDataBreach: false, significant: 'undecided' });
    expect(screen.getByText('Bedömd')).toBeTruthy();
  });

  it('offers no triage or reports to someone who may not', async () => {
    const api = fakeApi().on('GET', '/incidents/25', () => pageView({ permissions: { triage: false, markSent: false }, reportable: [] }));
    renderWithSession(<IncidentView params={{ id: '25' }} query={new URLSearchParams()} />, { api, me: ME.staff });
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('region', { name: 'Bedömning' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Markera som skickad' })).toBeNull();
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
    // Next to the field, and as a link in the summary above the form.
    expect(await screen.findAllByText('Typ av händelse måste fyllas i.')).toHaveLength(2);
    expect(screen.getByText(/^\d+ fält behöver rättas$/)).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await userEvent.selectOptions(screen.getByRole('combobox', { name: /^Typ av händelse/ }), 'misdirected');
    await userEvent.type(screen.getByRole('textbox', { name: /^Vad hände/ }), 'Fel mottagare.');
    await userEvent.type(screen.getByRole('combobox', { name: /^När upptäcktes det\? \(datum och klockslag\) – Klockslag/ }), '00:05');
    await userEvent.click(screen.getByRole('radio', { name: 'Nej' }));
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Berört system eller informationstillgång' }), '1');
    // Every problem corrected: the summary above the form is gone too.
    expect(screen.queryByText(/fält behöver rättas$/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Skicka rapporten' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    const post = api.calls.find((c) => c.method === 'POST')!;
    expect(post.idempotencyKey).toBeTruthy();
    expect(post.body).toMatchObject({ category: 'misdirected', description: 'Fel mottagare.', assetId: '1', supplierId: null, occurredAt: null, personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } });
    await waitFor(() => expect(window.location.hash).toBe('#/incidents/30'));
  });
});
