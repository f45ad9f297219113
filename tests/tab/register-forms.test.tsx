// @vitest-environment happy-dom
/**
 * The registers kept in the tab (issue 14) through the one scaffolding (features/registers): the
 * list with its filters, heat map and Excel export; the form's create (Idempotency-Key, kept for a
 * retry of the same content), the server's 400 messages beside their fields (nested rows too), the
 * edit's If-Match with only the changed fields and a 409 showing the record as it is now; the page's
 * archive with a reason. Risks, audits, the record of processing and suppliers, by role and label.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditView, HeatMap, ProcessingDetail, RiskMatrix, RiskRow, RiskView, SupplierDetail } from '../../core/api';
import { ApiError } from '../../tab/api/client';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import RegisterDetailView from '../../tab/features/registers/RegisterDetailView';
import RegisterFormView from '../../tab/features/registers/RegisterFormView';
import RegisterListView from '../../tab/features/registers/RegisterListView';
import SupplierPage from '../../tab/features/suppliers/SupplierView';
import { fakeApi, handleCancelledAnimations, ME, renderWithSession, Routed, type FakeApi } from './render';

beforeEach(() => resetViewHeadingFocus());
afterEach(cleanup);
handleCancelledAnimations();
// Dialogs are queried with `hidden: true`: happy-dom sometimes leaves tabster's aria-hidden on an
// open dialog (a browser does not; the e2e tests use the dialogs in Chromium).

const NOW = '2026-12-01T09:00:00.000Z';
const KEPT = { archived: false, archivedAt: null, years: 5, removableFrom: null, canRemove: false };
const HISTORY = { items: [{ at: NOW, actor: { id: ME.isam.id, name: 'Henrik Sandberg' }, action: 'risk.created', summary: 'Risken registrerades', fields: [] }], cursor: null };
const owner = { id: ME.owner.id, name: 'Thomas Granlund' };

const riskRow = (o: Partial<RiskRow> = {}): RiskRow => ({
  id: '12', etag: '"r,1"', code: 'RISK-012', title: 'Nätfiske mot förskolans personal', asset: null, process: 'Förskolans administration', unit: 'FSK', likelihood: 3, consequenceLevel: 3,
  level: 'high', treatment: null, status: 'open', owner, reviewAt: '2027-06-01', reviewDue: false, archived: false, canEdit: true, ...o,
});
const riskView = (o: Partial<RiskView> = {}): RiskView => ({
  ...riskRow(), threat: 'Nätfiske', vulnerability: null, consequence: 'Obehörig åtkomst till barnens uppgifter', treatmentRationale: null, transferredTo: null, actions: [],
  residualLikelihood: null, residualConsequence: null, residualLevel: null, decidedBy: null, decidedAt: null, createdBy: { id: ME.isam.id, name: 'Henrik Sandberg' }, updatedAt: NOW,
  canAccept: false, canArchive: true, archive: KEPT, history: HISTORY, ...o,
});
const LEVELS = [
  ['low', 'low', 'medium', 'medium'],
  ['low', 'medium', 'medium', 'high'],
  ['medium', 'medium', 'high', 'very_high'],
  ['medium', 'high', 'very_high', 'very_high'],
] as RiskMatrix['levels'];
const matrix: RiskMatrix = { likelihoods: [1, 2, 3, 4], consequences: [1, 2, 3, 4], levels: LEVELS };
const heat = (count: number): HeatMap => ({
  scope: 'all',
  cells: [1, 2, 3, 4].flatMap((l) => [1, 2, 3, 4].map((c) => ({ likelihood: l, consequence: c, level: LEVELS[l - 1]![c - 1]!, count: l === 3 && c === 3 ? count : 0, residual: 0 }))),
  total: count, byLevel: { low: 0, medium: 0, high: count, very_high: 0 }, truncated: false, computedAt: NOW,
});

/** A create form is enabled once the list has said the person may create (or could not be asked). */
const enabledTextbox = async (name: RegExp) => {
  const box = await screen.findByRole('textbox', { name });
  await waitFor(() => expect((box as HTMLInputElement).disabled).toBe(false), { timeout: 5000 });
  return box;
};
const withUnits = (api: FakeApi) => api.on('GET', '/units', () => ({ units: ['FSK', 'LEDN'] }));
const validation = (issues: { path: (string | number)[]; message: string }[]) =>
  new ApiError(400, { error: 'validation', message: 'Kontrollera fälten.', issues: issues.map((i) => ({ ...i, field: String(i.path.filter((p) => typeof p === 'string').at(-1)) })) });

describe('Risker', () => {
  it('lists the risks with the heat map, filters on the address, and exports the same selection', async () => {
    window.location.hash = '#/risks?level=high';
    const api = withUnits(fakeApi())
      .on('GET', '/risks', () => ({ items: [riskRow()], cursor: null, canCreate: true, scope: 'all' }))
      .on('GET', '/risks/matrix', () => matrix)
      .on('GET', '/risks/heatmap', () => heat(2))
      .on('GET', '/risks/export.xlsx', () => ({ bytes: 'xlsx', fileName: 'risker.xlsx' }));
    renderWithSession(<Routed view={RegisterListView} />, { api, me: ME.isam });
    const table = await screen.findByRole('table', { name: 'Riskregister' });
    await within(table).findByRole('link', { name: 'Nätfiske mot förskolans personal' });
    expect(api.calls.find((c) => c.path === '/risks')!.query).toMatchObject({ level: 'high', archived: 'active', sort: 'code', direction: 'asc' });
    // The heat map: likelihood 3 × consequence 3 holds the two open risks, and says its level in words.
    const map = await screen.findByRole('region', { name: 'Riskkarta' });
    await waitFor(() => expect(within(map).getByTestId('heat-3-3').textContent).toBe('2Hög'));
    expect(within(map).getByRole('rowheader', { name: '3 Sannolik' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ny risk' }).getAttribute('href')).toBe('#/risks/new');
    // Archived or all: the switch is a filter like the others.
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Visa' }), 'all');
    await waitFor(() => expect(api.calls.filter((c) => c.path === '/risks').at(-1)!.query).toMatchObject({ archived: 'all', level: 'high' }));
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => undefined;
    await userEvent.click(screen.getByRole('button', { name: 'Exportera till Excel' }));
    await waitFor(() => expect(api.calls.find((c) => c.path === '/risks/export.xlsx')?.query).toMatchObject({ archived: 'all', level: 'high' }));
    expect(api.calls.find((c) => c.path === '/risks/export.xlsx')!.query).not.toHaveProperty('cursor');
  });

  it('creates a risk: the server’s message stands at its field, the retry keeps the Idempotency-Key, then the new risk opens', async () => {
    window.location.hash = '#/risks/new';
    let attempt = 0;
    const api = withUnits(fakeApi()).on('GET', '/risks', () => ({ items: [], cursor: null, canCreate: true, scope: 'all' })).on('POST', '/risks', () => {
      attempt++;
      if (attempt === 1) throw validation([{ path: ['consequence'], message: 'Beskriv konsekvensen.' }, { path: ['likelihood'], message: 'Välj en sannolikhet.' }]);
      return riskView({ id: '13', code: 'RISK-013' });
    });
    renderWithSession(<Routed view={RegisterFormView} />, { api, me: ME.isam });
    await screen.findByRole('heading', { level: 1, name: 'Ny risk' });
    await userEvent.type(await enabledTextbox(/^Rubrik/), 'Nätfiske mot förskolans personal');
    await userEvent.type(screen.getByRole('textbox', { name: /^Process/ }), 'Förskolans administration');
    await userEvent.type(screen.getByRole('textbox', { name: /^Hot/ }), 'Nätfiske');
    await userEvent.click(screen.getByRole('button', { name: 'Skapa' }));
    // Beside the field, and in the summary above the form.
    const summary = (await screen.findByText('2 fält behöver rättas')).closest<HTMLElement>('[role="alert"]')!;
    expect(within(summary).getByRole('link', { name: 'Konsekvens: Beskriv konsekvensen.' })).toBeTruthy();
    const field = screen.getByRole('textbox', { name: /^Konsekvens/ });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText(/Välj en sannolikhet\./).length).toBe(2);
    const first = api.calls.find((c) => c.method === 'POST')!;
    expect(first.body).toMatchObject({ title: 'Nätfiske mot förskolans personal', process: 'Förskolans administration', threat: 'Nätfiske', unit: 'LEDN', ownerId: ME.isam.id, status: 'open' });
    expect(first.body).not.toHaveProperty('treatment');
    expect(first.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    // Correcting a field takes its message away.
    await userEvent.type(field, 'Obehörig åtkomst');
    expect(screen.queryByText('Beskriv konsekvensen.')).toBeNull();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sannolikhet' }), '3');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /^Konsekvensnivå/ }), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Skapa' }));
    await waitFor(() => expect(window.location.hash).toBe('#/risks/13'));
    const second = api.calls.filter((c) => c.method === 'POST')[1]!;
    expect(second.body).toMatchObject({ consequence: 'Obehörig åtkomst', likelihood: 3, consequenceLevel: 3 });
    // The content changed: a new submission, a new key.
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it('offers no create form to someone the list says may not create', async () => {
    window.location.hash = '#/risks/new';
    const api = withUnits(fakeApi()).on('GET', '/risks', () => ({ items: [], cursor: null, canCreate: false, scope: 'own' }));
    renderWithSession(<Routed view={RegisterFormView} />, { api, me: ME.staff });
    await screen.findByText('Du kan inte lägga till poster i det här registret. Fråga informationssäkerhetssamordnaren.', undefined, { timeout: 5000 });
    expect(screen.queryByRole('button', { name: 'Skapa' })).toBeNull();
    expect((screen.getByRole('textbox', { name: /^Rubrik/ }) as HTMLInputElement).disabled).toBe(true);
    expect(api.calls.find((c) => c.path === '/risks')!.query).toMatchObject({ pageSize: 1 });
  });

  it('sends one key for a retry of the same content (a lost answer)', async () => {
    window.location.hash = '#/risks/new';
    let attempt = 0;
    const api = withUnits(fakeApi()).on('GET', '/risks', () => ({ items: [], cursor: null, canCreate: true, scope: 'all' })).on('POST', '/risks', () => {
      if (++attempt === 1) throw new ApiError(0, { error: 'network', message: '' });
      return riskView({ id: '13', code: 'RISK-013' });
    });
    renderWithSession(<Routed view={RegisterFormView} />, { api, me: ME.isam });
    await userEvent.type(await enabledTextbox(/^Rubrik/), 'Risk');
    await userEvent.click(screen.getByRole('button', { name: 'Skapa' }));
    await screen.findByText('Det gick inte att nå LIS. Kontrollera anslutningen och försök igen.', { exact: false }).catch(() => screen.findByRole('alert'));
    await userEvent.click(screen.getByRole('button', { name: 'Skapa' }));
    await waitFor(() => expect(window.location.hash).toBe('#/risks/13'));
    const [a, b] = api.calls.filter((c) => c.method === 'POST');
    expect(a!.idempotencyKey).toBe(b!.idempotencyKey);
  });

  it('edits with If-Match and only the changed fields; a 409 shows the risk as it is now', async () => {
    window.location.hash = '#/risks/12/edit';
    const api = withUnits(fakeApi())
      .on('GET', '/risks/12', () => riskView())
      .on('PATCH', '/risks/12', () => {
        throw new ApiError(409, { error: 'conflict', message: 'Någon annan har ändrat risken.', current: riskView({ etag: '"r,2"', title: 'Nätfiske (ändrad av Maria)', likelihood: 4, level: 'very_high' }) });
      });
    renderWithSession(<Routed view={RegisterFormView} params={{ id: '12' }} />, { api, me: ME.isam });
    await screen.findByRole('heading', { level: 1, name: 'Ändra RISK-012 Nätfiske mot förskolans personal' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /^Behandling/ }), 'accept');
    await userEvent.type(screen.getByRole('textbox', { name: /^Motivering/ }), 'Låg kostnad att bära');
    await userEvent.click(screen.getByRole('button', { name: 'Spara' }));
    const notice = await screen.findByText(/Någon annan har ändrat risken\./);
    expect(notice.textContent).toContain('Formuläret visar nu posten som den är sparad');
    const patch = api.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.etag).toBe('"r,1"');
    expect(patch.body).toEqual({ treatment: 'accept', treatmentRationale: 'Låg kostnad att bära' });
    // The form now holds the current record: its title, and the next save goes with its etag.
    expect((screen.getByRole('textbox', { name: /^Rubrik/ }) as HTMLInputElement).value).toBe('Nätfiske (ändrad av Maria)');
    api.on('PATCH', '/risks/12', () => riskView({ etag: '"r,3"', status: 'treated' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /^Status/ }), 'treated');
    await userEvent.click(screen.getByRole('button', { name: 'Spara' }));
    await waitFor(() => expect(window.location.hash).toBe('#/risks/12'));
    const again = api.calls.filter((c) => c.method === 'PATCH')[1]!;
    expect(again.etag).toBe('"r,2"');
    expect(again.body).toEqual({ status: 'treated' });
  });

  it('shows the risk with its history and archives it with a reason (If-Match); no edit for someone the server refuses', async () => {
    window.location.hash = '#/risks/12';
    const api = fakeApi()
      .on('GET', '/risks/12', () => riskView())
      .on('POST', '/risks/12/archive', () => riskView({ etag: '"r,2"', archived: true, canEdit: false, canArchive: false, archive: { ...KEPT, archived: true, archivedAt: NOW, removableFrom: '2031-12-01' } }));
    renderWithSession(<Routed view={RegisterDetailView} params={{ id: '12' }} />, { api, me: ME.isam });
    await screen.findByRole('heading', { level: 1, name: 'RISK-012 Nätfiske mot förskolans personal' });
    const history = screen.getByRole('region', { name: 'Historik' });
    expect(within(history).getByText('Risken registrerades')).toBeTruthy();
    expect(within(history).getByText(/Henrik Sandberg/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ändra' }).getAttribute('href')).toBe('#/risks/12/edit');
    await userEvent.click(screen.getByRole('button', { name: 'Arkivera' }));
    const dialog = await screen.findByRole('dialog', { name: 'Arkivera RISK-012 Nätfiske mot förskolans personal?', hidden: true }, { timeout: 5000 });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Varför den inte längre är i bruk', hidden: true }), 'Förskolan har bytt system');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Arkivera', hidden: true }));
    await screen.findByText('Posten är arkiverad.');
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).toBeNull(), { timeout: 5000 });
    const call = api.calls.find((c) => c.path === '/risks/12/archive')!;
    expect(call).toMatchObject({ etag: '"r,1"', body: { reason: 'Förskolan har bytt system' } });
    expect(call.idempotencyKey).toBeTruthy();
    expect(screen.getByText(/Får gallras från/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Ändra' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Arkivera' })).toBeNull();
  });
});

const auditView = (o: Partial<AuditView> = {}): AuditView => ({
  id: '4', etag: '"a,1"', code: 'REV-004', title: 'Åtkomst i elevhälsans journal', status: 'in_progress', auditor: { id: ME.lead.id, name: 'Maria Lundgren' }, externalAuditor: null,
  units: ['ELH'], plannedAt: '2026-11-10', performedAt: null, archived: false, canEdit: true, scope: 'Behörigheter i journalsystemet', clauses: ['A.5.15'], conclusion: null, reportUrl: null,
  findings: [{ id: 'F1', kind: 'observation', requirement: 'A.5.15', text: 'Behörigheter granskas sällan', correctiveAction: null, actionOwner: null, actionDueAt: null, improvementAction: null }],
  summary: { nonconformities: 0, observations: 1, opportunities: 0, openActions: 0 }, createdBy: { id: ME.isam.id, name: 'Henrik Sandberg' }, updatedAt: NOW,
  canPlan: false, canArchive: false, archive: KEPT, history: { items: [], cursor: null }, ...o,
});

describe('Internrevision', () => {
  it('lets the auditor add a nonconformity: the message of a row’s field stands beside it; the plan stays the ISAM’s', async () => {
    window.location.hash = '#/audits/4/edit';
    let attempt = 0;
    const api = withUnits(fakeApi())
      .on('GET', '/audits/4', () => auditView())
      .on('PATCH', '/audits/4', () => {
        if (++attempt === 1) throw validation([{ path: ['findings', 1, 'correctiveAction'], message: 'En avvikelse behöver en korrigerande åtgärd.' }]);
        return auditView({ etag: '"a,2"' });
      });
    renderWithSession(<Routed view={RegisterFormView} params={{ id: '4' }} />, { api, me: ME.lead });
    await screen.findByRole('heading', { level: 1, name: 'Ändra REV-004 Åtkomst i elevhälsans journal' });
    // The plan is the ISAM's (canPlan false): shown, not editable.
    expect((screen.getByRole('textbox', { name: /^Rubrik/ }) as HTMLInputElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Lägg till iakttagelse' }));
    const row = screen.getByRole('group', { name: 'Iakttagelse 2' });
    await userEvent.type(within(row).getByRole('textbox', { name: /^Iakttagelse/ }), 'Konton för slutat personal finns kvar');
    await userEvent.click(screen.getByRole('button', { name: 'Spara' }));
    const message = await within(row).findByText('En avvikelse behöver en korrigerande åtgärd.');
    expect(message).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Korrigerande åtgärd: En avvikelse behöver en korrigerande åtgärd.' })).toBeTruthy();
    const patch = api.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.etag).toBe('"a,1"');
    // The whole list of findings: the stored one keeps its id, the new one has none.
    expect(patch.body).toEqual({
      findings: [
        { id: 'F1', kind: 'observation', requirement: 'A.5.15', text: 'Behörigheter granskas sällan' },
        { kind: 'nonconformity', text: 'Konton för slutat personal finns kvar' },
      ],
    });
    await userEvent.type(within(row).getByRole('textbox', { name: /^Korrigerande åtgärd/ }), 'Rutin för avslut');
    await userEvent.click(screen.getByRole('button', { name: 'Spara' }));
    await waitFor(() => expect(window.location.hash).toBe('#/audits/4'));
    expect(api.calls.filter((c) => c.method === 'PATCH')[1]!.body).toMatchObject({ findings: [{ id: 'F1' }, { kind: 'nonconformity', correctiveAction: 'Rutin för avslut' }] });
  });

  it('plans an audit (ISAM) and shows a 409 on edit with the current findings', async () => {
    window.location.hash = '#/audits/new';
    const api = withUnits(fakeApi()).on('POST', '/audits', () => auditView({ id: '5', code: 'REV-005', canPlan: true }));
    renderWithSession(<Routed view={RegisterFormView} />, { api, me: ME.isam });
    await screen.findByRole('heading', { level: 1, name: 'Planera internrevision' });
    await userEvent.type(await enabledTextbox(/^Rubrik/), 'Loggning');
    await userEvent.type(screen.getByRole('textbox', { name: /^Omfattning/ }), 'Loggar i verksamhetssystemen');
    await userEvent.type(screen.getByRole('textbox', { name: /^Krav som granskas/ }), 'A.8.15\n9.2');
    await userEvent.click(screen.getByRole('button', { name: 'Skapa' }));
    await waitFor(() => expect(window.location.hash).toBe('#/audits/5'));
    const body = api.calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(body).toMatchObject({ title: 'Loggning', scope: 'Loggar i verksamhetssystemen', clauses: ['A.8.15', '9.2'], status: 'planned' });
    expect(body).not.toHaveProperty('auditorId');
    expect(body).not.toHaveProperty('findings');

    cleanup();
    window.location.hash = '#/audits/4/edit';
    const api2 = withUnits(fakeApi())
      .on('GET', '/audits/4', () => auditView({ canPlan: true }))
      .on('PATCH', '/audits/4', () => {
        throw new ApiError(409, { error: 'conflict', message: 'Revisionen har ändrats.', current: auditView({ etag: '"a,9"', canPlan: true, conclusion: 'Brister i loggningen' }) });
      });
    renderWithSession(<Routed view={RegisterFormView} params={{ id: '4' }} />, { api: api2, me: ME.isam });
    await userEvent.type(await screen.findByRole('textbox', { name: /^Slutsats/ }), 'Godkänd');
    await userEvent.click(screen.getByRole('button', { name: 'Spara' }));
    await screen.findByText(/Revisionen har ändrats\./);
    expect((screen.getByRole('textbox', { name: /^Slutsats/ }) as HTMLTextAreaElement).value).toBe('Brister i loggningen');
  });
});

const processingDetail = (o: Partial<ProcessingDetail> = {}): ProcessingDetail => ({
  id: '6', code: 'PA-006', name: 'Förskolans barnregister', unit: 'FSK', owner, legalBasis: 'Art. 6.1 e', specialCategories: false, thirdCountry: false, dpiaRequired: false, dpias: [],
  purpose: 'Placering i förskola', controllerName: 'Stadsdelsnämnden', dpoContact: 'Dataskyddsombudet', dataSubjectCategories: ['Barn', 'Vårdnadshavare'], personalDataCategories: ['Namn'],
  recipients: [], thirdCountryTransfers: [], retention: 'Gallras efter 2 år', securityMeasures: 'Behörighetsstyrning', assets: [], suppliers: [], updatedAt: NOW,
  etag: '"p,1"', jointController: null, incidents: [], screening: null, archived: false, canEdit: true, canScreen: true, canStartImpactAssessment: false, canArchive: true,
  archive: KEPT, history: { items: [], cursor: null }, ...o,
});

describe('Registerförteckning', () => {
  it('creates a processing with every art. 30 field; 400 per field; lines become lists', async () => {
    window.location.hash = '#/processing/new';
    let attempt = 0;
    const api = withUnits(fakeApi()).on('POST', '/processing', () => {
      if (++attempt === 1) throw validation([{ path: ['legalBasis'], message: 'Ange den rättsliga grunden.' }, { path: ['thirdCountryTransfers', 0, 'safeguard'], message: 'Ange skyddsåtgärden.' }]);
      return processingDetail({ id: '7', code: 'PA-007' });
    });
    renderWithSession(<Routed view={RegisterFormView} />, { api, me: { ...ME.isam, roles: ['dso'] } });
    await screen.findByRole('heading', { level: 1, name: 'Ny behandling' });
    await userEvent.type(await enabledTextbox(/^Namn/), 'Förskolans barnregister');
    await userEvent.type(screen.getByRole('textbox', { name: /^Ändamål/ }), 'Placering');
    await userEvent.type(screen.getByRole('textbox', { name: /^Kategorier av registrerade/ }), 'Barn\nVårdnadshavare\n');
    await userEvent.click(screen.getByRole('button', { name: 'Lägg till överföring' }));
    await userEvent.type(within(screen.getByRole('group', { name: 'Överföring 1' })).getByRole('textbox', { name: /^Land/ }), 'USA');
    await userEvent.click(screen.getByRole('button', { name: 'Skapa' }));
    expect(await screen.findByText('Ange skyddsåtgärden.', { selector: '[role="group"] *' })).toBeTruthy();
    expect(screen.getAllByText(/Ange den rättsliga grunden\./).length).toBe(2);
    const body = api.calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'Förskolans barnregister', dataSubjectCategories: ['Barn', 'Vårdnadshavare'], thirdCountryTransfers: [{ country: 'USA' }], specialCategories: false });
  });

  it('edits with If-Match, archives, and screens the processing', async () => {
    window.location.hash = '#/processing/6';
    const api = fakeApi()
      .on('GET', '/processing/6', () => processingDetail())
      .on('POST', '/processing/6/screening', () => processingDetail({ etag: '"p,2"', dpiaRequired: true, canStartImpactAssessment: true, screening: { criteria: ['sensitive_data', 'vulnerable_subjects'], notes: null, screenedBy: owner, screenedAt: '2026-12-01', outcome: 'required' } }))
      .on('POST', '/processing/6/archive', () => processingDetail({ etag: '"p,3"', archived: true, canEdit: false, canArchive: false, archive: { ...KEPT, archived: true, archivedAt: NOW } }));
    renderWithSession(<Routed view={RegisterDetailView} params={{ id: '6' }} />, { api, me: ME.isam });
    const screening = await screen.findByRole('region', { name: 'Screening och konsekvensbedömning' });
    await userEvent.click(within(screening).getByRole('checkbox', { name: 'Känsliga uppgifter eller uppgifter av mycket personlig karaktär' }));
    await userEvent.click(within(screening).getByRole('checkbox', { name: 'Uppgifter om sårbara registrerade' }));
    await userEvent.click(within(screening).getByRole('button', { name: 'Spara screeningen' }));
    await within(screening).findByText(/Konsekvensbedömning krävs/);
    expect(api.calls.find((c) => c.path === '/processing/6/screening')).toMatchObject({ etag: '"p,1"', body: { criteria: ['sensitive_data', 'vulnerable_subjects'] } });
    expect(within(screening).getByRole('button', { name: 'Starta konsekvensbedömning' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Arkivera' }));
    const dialog = await screen.findByRole('dialog', { hidden: true }, { timeout: 5000 });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Arkivera', hidden: true }));
    await screen.findByText('Posten är arkiverad.');
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).toBeNull(), { timeout: 5000 });
    // The archive went with the etag the screening answered.
    expect(api.calls.find((c) => c.path === '/processing/6/archive')).toMatchObject({ etag: '"p,2"', body: { reason: null } });
  });
});

const supplierDetail = (o: Partial<SupplierDetail> = {}): SupplierDetail => ({
  id: '6', etag: '"s,1"', code: 'SUP-006', name: 'Lekplatsen Digital AB', orgNumber: null, parent: null, subSuppliers: [], services: 'Förskoleapp', processesPersonalData: true,
  dpaStatus: 'draft', dpaSignedAt: null, dpaExpiresAt: null, dpaExpiry: null, dpaInstructionAttached: false, dpaSubprocessorListAttached: false, contractOwner: owner, contractEndsAt: null,
  thirdCountry: null, thirdCountrySafeguard: null, lastFollowUpAt: null, nextFollowUpAt: null, systems: [], checklist: [], canEditChecklist: false,
  depth: 0, chain: [], followUps: [], notes: null, updatedAt: NOW, archived: false, editableFields: ['dpaStatus', 'dpaSignedAt', 'dpaExpiresAt', 'dpaInstructionAttached', 'dpaSubprocessorListAttached', 'contractEndsAt', 'notes', 'followUps'],
  canArchive: false, archive: { ...KEPT, years: 10 }, history: { items: [], cursor: null }, ...o,
});

describe('Leverantörer', () => {
  it('creates a supplier (ISAM): the required fields are named by the server, then the page opens', async () => {
    window.location.hash = '#/suppliers/new';
    let attempt = 0;
    const api = fakeApi().on('POST', '/suppliers', () => {
      if (++attempt === 1) throw validation([{ path: ['services'], message: 'Beskriv tjänsterna.' }]);
      return supplierDetail({ id: '9', code: 'SUP-009' });
    });
    renderWithSession(<Routed view={RegisterFormView} />, { api, me: ME.isam });
    await userEvent.type(await enabledTextbox(/^Namn/), 'Molnet AB');
    await userEvent.click(screen.getByRole('button', { name: 'Skapa' }));
    expect((await screen.findAllByText(/Beskriv tjänsterna\./)).length).toBe(2);
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Molnet AB', processesPersonalData: false, dpaStatus: 'missing', dpaInstructionAttached: false, dpaSubprocessorListAttached: false });
    await userEvent.type(screen.getByRole('textbox', { name: /^Tjänster/ }), 'Drift');
    await userEvent.click(screen.getByRole('button', { name: 'Skapa' }));
    await waitFor(() => expect(window.location.hash).toBe('#/suppliers/9'));
  });

  it('lets the contract owner change the PUB-avtal and add a follow-up only; a 409 shows the supplier as it is now', async () => {
    window.location.hash = '#/suppliers/6/edit';
    const api = fakeApi()
      .on('GET', '/suppliers/6', () => supplierDetail())
      .on('PATCH', '/suppliers/6', () => {
        throw new ApiError(409, { error: 'conflict', message: 'Leverantören har ändrats.', current: supplierDetail({ etag: '"s,2"', dpaStatus: 'signed', dpaSignedAt: '2026-11-30' }) });
      });
    renderWithSession(<Routed view={RegisterFormView} params={{ id: '6' }} />, { api, me: ME.owner });
    await screen.findByRole('heading', { level: 1, name: 'Ändra SUP-006 Lekplatsen Digital AB' });
    // Not the contract owner's: the name.
    expect((screen.getByRole('textbox', { name: /^Namn/ }) as HTMLInputElement).disabled).toBe(true);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /^PUB-avtal/ }), 'signed');
    await userEvent.click(screen.getByRole('button', { name: 'Lägg till uppföljning' }));
    const row = screen.getByRole('group', { name: 'Uppföljning 1' });
    await userEvent.type(within(row).getByRole('textbox', { name: /^Vad följs upp/ }), 'Underbiträden');
    const planned = within(row).getByRole('combobox', { name: /^Planerad/ });
    fireEvent.change(planned, { target: { value: '2027-02-01' } });
    fireEvent.blur(planned);
    await userEvent.click(screen.getByRole('button', { name: 'Spara' }));
    await screen.findByText(/Leverantören har ändrats\./);
    const patch = api.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.etag).toBe('"s,1"');
    expect(patch.body).toEqual({ dpaStatus: 'signed', followUps: [{ plannedAt: '2027-02-01', focus: 'Underbiträden' }] });
    expect((screen.getByRole('combobox', { name: /^PUB-avtal/ }) as HTMLSelectElement).value).toBe('signed');
  });

  it('archives a supplier from its page (ISAM), with its history there', async () => {
    const api = fakeApi()
      .on('GET', '/suppliers/6', () => supplierDetail({ canArchive: true, history: HISTORY }))
      .on('POST', '/suppliers/6/archive', () => supplierDetail({ etag: '"s,2"', history: HISTORY, archived: true, editableFields: [], archive: { ...KEPT, years: 10, archived: true, archivedAt: NOW, removableFrom: '2036-12-01' } }));
    renderWithSession(<SupplierPage params={{ id: '6' }} query={new URLSearchParams()} />, { api, me: ME.isam });
    await userEvent.click(await screen.findByRole('button', { name: 'Arkivera' }));
    const dialog = await screen.findByRole('dialog', { hidden: true }, { timeout: 5000 });
    await userEvent.type(within(dialog).getByRole('textbox', { hidden: true }), 'Avtalet har upphört');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Arkivera', hidden: true }));
    await screen.findByText('Posten är arkiverad.');
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).toBeNull(), { timeout: 5000 });
    expect(api.calls.find((c) => c.path === '/suppliers/6/archive')).toMatchObject({ etag: '"s,1"', body: { reason: 'Avtalet har upphört' } });
    expect(screen.getByText(/Får gallras från/)).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Historik', hidden: true })).getByText('Risken registrerades')).toBeTruthy();
  });
});

describe('Omprövning av behörigheter', () => {
  const admin = { ...ME.staff, id: 'd0000000-0000-4000-8000-000000000020', name: 'Sara Johansson', roles: ['admin_unit' as const] };
  const campaign = { id: 'c1', name: 'Omprövning 2026 H2', period: '2026-H2', status: 'running' as const, startedBy: { id: admin.id, name: 'Sara Johansson', unit: 'ADM' }, startedAt: NOW,
    dueAt: '2026-12-22T22:59:59.000Z', completedAt: null, reviews: 4, completedReviews: 0, grants: 12, kept: 0, removed: 0, waitingFor: [] };

  it('lets the administrative unit start a campaign with a due date, once per click', async () => {
    window.location.hash = '#/access?tab=campaigns';
    const api = fakeApi()
      .on('GET', '/access/campaigns', () => ({ campaigns: [] }))
      .on('GET', '/access/campaigns/start', () => ({ running: null, period: '2026-H2', name: 'Omprövning 2026 H2', grants: 12, assets: 3, owners: 2, suggestedDue: '2026-12-22', minDue: '2026-12-08', maxDue: '2027-03-01' }))
      .on('POST', '/access/campaigns', () => ({ started: true, campaign }));
    const { default: AccessView } = await import('../../tab/features/access/AccessView');
    renderWithSession(<Routed view={AccessView} />, { api, me: admin });
    const region = await screen.findByRole('region', { name: 'Starta omprövning av behörigheter' });
    expect(within(region).getByText(/omfattar 12 behörigheter i 3 informationstillgångar, hos 2 ägare/)).toBeTruthy();
    await userEvent.click(within(region).getByRole('button', { name: 'Starta omprövningen' }));
    await within(region).findByText('Omprövning 2026 H2 är startad. Ägarna får sina listor i Teams.');
    const post = api.calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ dueDate: '2026-12-22' });
    expect(post.idempotencyKey).toBeTruthy();
  });

  it('offers nothing to others (no request), nor when the server refuses', async () => {
    window.location.hash = '#/access?tab=campaigns';
    const api = fakeApi()
      .on('GET', '/access/campaigns', () => ({ campaigns: [] }))
      .on('GET', '/access/campaigns/start', () => {
        throw new ApiError(403, { error: 'forbidden', message: 'Bara informationssäkerhetssamordnaren och administrativa enheten startar omprövningar.' });
      });
    const { default: AccessView } = await import('../../tab/features/access/AccessView');
    renderWithSession(<Routed view={AccessView} />, { api, me: ME.staff });
    await screen.findByText('Inga behörighetsrevisioner ännu.');
    expect(api.calls.some((c) => c.path === '/access/campaigns/start')).toBe(false);
    cleanup();
    renderWithSession(<Routed view={AccessView} />, { api, me: admin });
    await screen.findByText('Inga behörighetsrevisioner ännu.');
    await waitFor(() => expect(api.calls.some((c) => c.path === '/access/campaigns/start')).toBe(true));
    expect(screen.queryByRole('region', { name: 'Starta omprövning av behörigheter' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Starta omprövningen' })).toBeNull();
  });
});
