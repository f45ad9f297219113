// @vitest-environment happy-dom
/**
 * The other registers in the tab, by role and label: Dataskydd (DPIA content only when the server
 * sends it), Åtgärder (owner changes status with If-Match; ISAM creates), Utbildning (the CSV
 * import's per-line report), Behörigheter (tabs) and Ambassadörsnätverket (årshjul).
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../tab/api/client';
import type { ImprovementRow, ProcessingRow } from '../../core/api';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import AccessView from '../../tab/features/access/AccessView';
import AmbassadorsView from '../../tab/features/ambassadors/AmbassadorsView';
import DataProtectionView from '../../tab/features/gdpr/DataProtectionView';
import ImprovementsView from '../../tab/features/improvements/ImprovementsView';
import TrainingView from '../../tab/features/training/TrainingView';
import { fakeApi, ME, renderWithSession, Routed } from './render';

beforeEach(() => resetViewHeadingFocus());
afterEach(cleanup);

const processing = (o: Partial<ProcessingRow> = {}): ProcessingRow => ({
  id: '6', code: 'PA-006', name: 'Förskola', unit: 'FSK', owner: { id: 'x', name: 'Jessica Falk' }, legalBasis: 'Art. 6.1 c', specialCategories: true, thirdCountry: false, dpiaRequired: true,
  dpias: [{ id: '1', code: 'DPIA-001', status: 'in_review', detail: null }], ...o,
});

describe('Dataskydd', () => {
  it('shows the record of processing with each DPIA’s status, and a missing DPIA where one is required', async () => {
    window.location.hash = '#/gdpr';
    const api = fakeApi()
      .on('GET', '/units', () => ({ units: ['FSK'] }))
      .on('GET', '/processing', () => ({ items: [processing(), processing({ id: '2', code: 'PA-002', name: 'Barn och unga', dpias: [] })], cursor: null, sort: 'code', direction: 'asc' }));
    renderWithSession(<Routed view={DataProtectionView} />, { api, me: ME.staff });
    const table = await screen.findByRole('table', { name: 'Registerförteckning' });
    await within(table).findByRole('link', { name: 'Förskola' });
    expect(within(table).getByText('DPIA-001: under granskning')).toBeTruthy();
    expect(within(table).getByText('Krävs – saknas')).toBeTruthy();
  });
});

const action = (o: Partial<ImprovementRow> = {}): ImprovementRow => ({
  id: '3', etag: '"a,1"', title: 'Rutin för utskrifter', description: null, owner: { id: ME.owner.id, name: 'Thomas Granlund' }, dueAt: '2026-10-01', status: 'open', source: 'audit', sourceRef: null,
  completedAt: null, overdue: true, canEdit: false, canUpdateStatus: true, ...o,
});

describe('Åtgärder', () => {
  it('lets the owner change the status (If-Match) and marks overdue; no create for non-ISAM', async () => {
    window.location.hash = '#/improvements';
    const api = fakeApi()
      .on('GET', '/improvements', () => ({ items: [action()], cursor: null, direction: 'asc', canCreate: false }))
      .on('PATCH', '/improvements/3', () => action({ etag: '"a,2"', status: 'in_progress' }));
    renderWithSession(<Routed view={ImprovementsView} />, { api, me: ME.owner });
    const table = await screen.findByRole('table', { name: 'Förbättringsåtgärder' });
    await within(table).findByText('Rutin för utskrifter');
    expect(within(table).getByText('Försenad')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Ny åtgärd' })).toBeNull();
    await userEvent.selectOptions(within(table).getByRole('combobox', { name: 'Status för Rutin för utskrifter' }), 'in_progress');
    await screen.findByText('Åtgärden är sparad.');
    expect(api.calls.find((c) => c.method === 'PATCH')).toMatchObject({ etag: '"a,1"', body: { status: 'in_progress' } });
  });

  it('shows the current row when someone else changed it (409)', async () => {
    window.location.hash = '#/improvements';
    const api = fakeApi()
      .on('GET', '/improvements', () => ({ items: [action()], cursor: null, direction: 'asc', canCreate: false }))
      .on('PATCH', '/improvements/3', () => {
        throw new ApiError(409, { error: 'conflict', message: 'x', current: action({ etag: '"a,3"', status: 'done', overdue: false }) });
      });
    renderWithSession(<Routed view={ImprovementsView} />, { api, me: ME.owner });
    const select = await screen.findByRole('combobox', { name: 'Status för Rutin för utskrifter' });
    await userEvent.selectOptions(select, 'in_progress');
    await screen.findByText(/Någon annan ändrade åtgärden samtidigt/);
    expect((screen.getByRole('combobox', { name: 'Status för Rutin för utskrifter' }) as HTMLSelectElement).value).toBe('done');
  });
});

describe('Utbildning', () => {
  it('uploads the CSV file\'s bytes untouched with a key and shows the per-line report when nothing was saved', async () => {
    window.location.hash = '#/training';
    const api = fakeApi()
      .on('GET', '/trainings', () => ({ courses: [{ code: 'ISK-GRUND', name: 'Grundkurs', audience: 'all', validityMonths: null }], units: [{ unit: 'EKB', people: 1, required: 1, completed: 0 }], unit: null, people: [{ id: 'p', name: 'Johanna Berg', unit: 'EKB', management: false, courses: { 'ISK-GRUND': { required: true, completedAt: null, valid: false } }, complete: false }], peopleVisible: true, canImport: true }))
      .on('POST', '/trainings/import', () => {
        throw new ApiError(422, { error: 'unexpected', message: '', report: { ok: false, lines: 1, imported: 0, alreadyRecorded: 0, skipped: [], errors: [{ line: 2, messageKey: 'x', params: {} }] }, skipped: [], errors: [{ line: 2, text: 'Rad 2: Datumet går inte att tolka.' }] } as never);
      });
    renderWithSession(<Routed view={TrainingView} />, { api });
    const people = await screen.findByRole('table', { name: 'Obligatoriska utbildningar per person' });
    expect(within(people).getByText('Saknas')).toBeTruthy();
    // As an older Excel saves it: Windows-1252, "å" is the single byte 0xE5. Reading it as text in
    // the browser would turn that byte into U+FFFD for good; the tab sends the bytes as they are.
    const bytes = Uint8Array.from([...'E-post;Kurs;Slutförd\r\nx@y.se;ISK-GRUND;igår\r\n'].map((c) => c.charCodeAt(0)));
    const file = new File([bytes], 'export.csv', { type: 'text/csv' });
    await userEvent.upload(screen.getByLabelText('CSV-fil'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Importera' }));
    await screen.findByText('Rad 2: Datumet går inte att tolka.');
    expect(screen.getByRole('alert').textContent).toContain('Inget sparades');
    const post = api.calls.find((c) => c.method === 'POST')!;
    expect(post.body).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(post.body as ArrayBuffer)).toEqual(bytes);
    expect(post.contentType).toBe('application/octet-stream');
    expect(post.idempotencyKey).toBeTruthy();
  });
});

describe('Behörigheter and Ambassadörsnätverket', () => {
  it('switches between requests, register and recertifications', async () => {
    window.location.hash = '#/access';
    const api = fakeApi()
      .on('GET', '/access/requests', () => ({ items: [], cursor: null, scope: 'entitled' }))
      .on('GET', '/access/grants', () => ({ items: [{ id: '1', subject: { id: 's', name: 'Johanna Berg' }, asset: { id: '1', code: 'IA-001', name: 'Verksamhetssystem' }, role: 'Handläggare', status: 'active', grantedAt: '2026-01-01T00:00:00.000Z', validUntil: null, approval: { requestId: '9', by: { id: 'k', name: 'Karin Ekström' }, as: 'line_manager', at: '2026-01-01T00:00:00.000Z' }, lastReview: { decision: 'keep', decidedAt: '2026-03-20T09:00:00.000Z', decidedBy: { id: 'p', name: 'Per Holmberg' }, decidedAs: 'owner' } }], cursor: null, scope: 'entitled' }));
    renderWithSession(<Routed view={AccessView} />, { api, me: ME.staff });
    await screen.findByText(/Du ser dina egna behörigheter/);
    await userEvent.click(screen.getByRole('tab', { name: 'Behörighetsregister' }));
    const table = await screen.findByRole('table', { name: 'Behörighetsregister' });
    await within(table).findByText('IA-001 Verksamhetssystem');
    // Who approved what, and in what capacity (issue 17.3).
    expect(within(table).getByText('Karin Ekström (informationsägarens chef), 1 jan. 2026')).toBeTruthy();
    expect(within(table).getByText(/Per Holmberg$/)).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe('#/access?tab=grants'));
  });

  it('shows the year’s meetings and attendance per unit', async () => {
    window.location.hash = '#/ambassadors';
    const api = fakeApi().on('GET', '/ambassadors', () => ({
      year: 2026,
      held: 1,
      meetings: [{ id: '1', title: 'Årshjulet', theme: 'Årshjulet', startsAt: '2026-02-12T12:00:00.000Z', materialUrl: null, state: 'held', attendees: 3, units: ['ADM', 'LEDN'] }],
      units: [{ unit: 'ADM', ambassadors: 1, attended: 1 }, { unit: 'EKB', ambassadors: 1, attended: 0 }],
    }));
    renderWithSession(<Routed view={AmbassadorsView} />, { api, me: ME.staff });
    await screen.findByRole('heading', { level: 3, name: 'Årshjulet' });
    expect(screen.getByText('3 deltagare från 2 enheter')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Närvaro per enhet 2026' });
    expect(within(table).getByText('0 av 1 träff med registrerad närvaro')).toBeTruthy();
  });
});

describe('Behörigheter: one status per grant', () => {
  it('says that an active grant past its validity is to be removed, once, not "Aktiv" and "Gick ut" side by side', async () => {
    const { grantDisplayStatus } = await import('../../tab/features/access/AccessView');
    expect(grantDisplayStatus({ status: 'active', validUntil: '2026-11-30' }, '2026-12-06')).toBe('overdue');
    expect(grantDisplayStatus({ status: 'active', validUntil: '2026-12-06' }, '2026-12-06')).toBe('active');
    expect(grantDisplayStatus({ status: 'active', validUntil: null }, '2026-12-06')).toBe('active');
    expect(grantDisplayStatus({ status: 'removed', validUntil: '2026-11-30' }, '2026-12-06')).toBe('removed');
  });
});
