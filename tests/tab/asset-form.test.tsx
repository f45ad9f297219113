// @vitest-environment happy-dom
/**
 * The asset form: every control labelled, KLASSA levels with their names, the highest level and
 * the level-4 flag, a proposed next review a year after the classification, one Idempotency-Key
 * per submission, the server's validation messages next to the fields, 409 shows the current
 * record, and read-only for those who may not edit.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../tab/api/client';
import type { AssetInput } from '../../core/api';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import AssetFormView from '../../tab/features/assets/AssetFormView';
import { nextYearlyReview, stockholmToday } from '../../tab/features/assets/levels';
import { view } from './fixtures';
import { fakeApi, ME, renderWithSession } from './render';

beforeEach(() => {
  window.location.hash = '#/assets/new';
  resetViewHeadingFocus();
});
afterEach(cleanup);

const PEOPLE = [
  { id: 'd0000000-0000-4000-8000-000000000014', name: 'Cecilia Wallin', email: null, unit: 'EKB' },
  { id: 'd0000000-0000-4000-8000-000000000015', name: 'Mehmet Yilmaz', email: null, unit: 'EKB' },
];

function baseApi() {
  return fakeApi()
    .on('GET', '/units', () => ({ units: ['EKB', 'IFO'] }))
    .on('GET', '/people', (c) => ({ people: PEOPLE.filter((p) => p.name.toLowerCase().includes(String(c.query?.query).toLowerCase())) }));
}

async function choosePerson(user: ReturnType<typeof userEvent.setup>, label: string, text: string, name: string) {
  const box = screen.getByRole('combobox', { name: new RegExp(`^${label}`) });
  await user.click(box);
  await user.type(box, text);
  await user.click(await screen.findByRole('option', { name: new RegExp(name) }));
}

describe('Ny informationstillgång', () => {
  it('labels every control and names the KLASSA levels', async () => {
    renderWithSession(<AssetFormView params={{}} query={new URLSearchParams()} />, { api: baseApi(), me: ME.lead });
    expect(screen.getByRole('heading', { level: 1, name: 'Ny informationstillgång' })).toBeTruthy();
    for (const label of ['Id', 'Namn', 'Beskrivning', 'Vilken information tillgången innehåller', 'Prioritet i klassningsarbetet', 'Klassad den', 'Nästa översyn', 'Anteckningar']) {
      expect(screen.getByLabelText(new RegExp(`^${label}`)), label).toBeTruthy();
    }
    expect(screen.getByRole('checkbox', { name: 'Kritisk för verksamheten' })).toBeTruthy();
    for (const label of ['Informationsägare', 'Ombud för informationsägaren', 'Kontaktperson', 'Systemförvaltare']) {
      expect(screen.getByRole('combobox', { name: new RegExp(`^${label}`) }), label).toBeTruthy();
    }
    const k = screen.getByRole('combobox', { name: 'Konfidentialitet (K)' });
    expect(within(k).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Ej bedömd',
      '0 – Ingen eller försumbar skada',
      '1 – Måttlig',
      '2 – Betydande',
      '3 – Allvarlig',
      '4 – Synnerligen allvarlig',
    ]);
    for (const label of ['Riktighet (R)', 'Tillgänglighet (T)', 'Spårbarhet (S)']) expect(screen.getByRole('combobox', { name: label })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Klassning enligt KLASSA' })).toBeTruthy();
  });

  it('shows the highest level, flags level 4, and proposes the next review a year later', async () => {
    const user = userEvent.setup();
    renderWithSession(<AssetFormView params={{}} query={new URLSearchParams()} />, { api: baseApi(), me: ME.lead });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Konfidentialitet (K)' }), '2');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Riktighet (R)' }), '4');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tillgänglighet (T)' }), '1');
    expect(screen.queryByText(/Högsta nivå/)).toBeNull();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Spårbarhet (S)' }), '0');
    expect(screen.getByText('Högsta nivå: 4 – Synnerligen allvarlig')).toBeTruthy();
    expect(screen.getByText(/separat säkerhetsskyddsanalys/)).toBeTruthy();
    const today = stockholmToday();
    expect((screen.getByRole('combobox', { name: /^Klassad den/ }) as HTMLInputElement).value).toBe(today);
    expect((screen.getByRole('combobox', { name: /^Nästa översyn/ }) as HTMLInputElement).value).toBe(nextYearlyReview(today));
    // Typed the Swedish way, read on leaving the field.
    const classified = screen.getByRole('combobox', { name: /^Klassad den/ });
    await user.clear(classified);
    await user.type(classified, '29/2 2024');
    fireEvent.focusOut(classified);
    await waitFor(() => expect((screen.getByRole('combobox', { name: /^Nästa översyn/ }) as HTMLInputElement).value).toBe('2025-02-28'));
    expect((classified as HTMLInputElement).value).toBe('2024-02-29');
  });

  it('sends one Idempotency-Key per submission and shows the server’s messages next to the fields', async () => {
    const user = userEvent.setup();
    const api = baseApi().on('POST', '/assets', () => {
      throw new ApiError(400, {
        error: 'validation',
        message: 'Kontrollera de markerade fälten.',
        issues: [
          { path: ['code'], field: 'code', message: 'Id ska skrivas som versaler, bindestreck och siffror, till exempel IA-001.' },
          { path: ['confidentiality'], field: 'confidentiality', message: 'Konfidentialitet får vara högst 4.' },
        ],
      });
    });
    renderWithSession(<AssetFormView params={{}} query={new URLSearchParams()} />, { api, me: ME.lead });
    await user.type(screen.getByLabelText(/^Id/), 'IA19');
    await user.type(screen.getByLabelText(/^Namn/), 'Nytt system');
    await user.click(screen.getByRole('button', { name: 'Spara' }));

    const code = screen.getByLabelText(/^Id/);
    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'));
    const atField = screen.getAllByText('Id ska skrivas som versaler, bindestreck och siffror, till exempel IA-001.').find((el) => el.id)!;
    expect(code.getAttribute('aria-describedby')).toContain(atField.id);
    expect(screen.getByText('Konfidentialitet får vara högst 4.')).toBeTruthy();
    // The summary above the form counts them and links to each field.
    expect(screen.getByText('2 fält behöver rättas')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Konfidentialitet (K): Konfidentialitet får vara högst 4.' })).toBeTruthy();
    // Focus moves to the first field the server named.
    expect(document.activeElement).toBe(code);

    const posts = api.calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    // The same content again is the same submission; changed content is a new one.
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    await user.type(screen.getByLabelText(/^Namn/), ' 2');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(3));
    const keys = api.calls.filter((c) => c.method === 'POST').map((c) => c.idempotencyKey);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('creates with the chosen owner and levels, and goes to the new record', async () => {
    const user = userEvent.setup();
    const api = baseApi().on('POST', '/assets', (c) => view(19, { code: (c.body as AssetInput).code }));
    renderWithSession(<AssetFormView params={{}} query={new URLSearchParams()} />, { api, me: ME.lead });
    await user.type(screen.getByLabelText(/^Id/), 'ia-019');
    await user.type(screen.getByLabelText(/^Namn/), 'Ekonomisystem');
    await user.type(screen.getByLabelText(/^Beskrivning/), 'Redovisning och fakturor.');
    await user.type(screen.getByLabelText(/^Vilken information/), 'Leverantörsfakturor.');
    await user.selectOptions(screen.getByRole('combobox', { name: /^Enhet/ }), 'EKB');
    await choosePerson(user, 'Informationsägare', 'Cec', 'Cecilia Wallin');
    for (const [label, level] of [['Konfidentialitet (K)', '2'], ['Riktighet (R)', '3'], ['Tillgänglighet (T)', '2'], ['Spårbarhet (S)', '2']] as const) {
      await user.selectOptions(screen.getByRole('combobox', { name: label }), level);
    }
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await waitFor(() => expect(window.location.hash).toBe('#/assets/19'));
    const body = api.calls.find((c) => c.method === 'POST')!.body as AssetInput;
    expect(body).toMatchObject({
      code: 'IA-019',
      name: 'Ekonomisystem',
      unit: 'EKB',
      ownerId: PEOPLE[0]!.id,
      confidentiality: 2,
      integrity: 3,
      availability: 2,
      traceability: 2,
      classifiedAt: stockholmToday(),
      nextReviewAt: nextYearlyReview(stockholmToday()),
    });
    expect(body).not.toHaveProperty('classifiedBy');
  });
});

describe('editing an information asset', () => {
  it('sends only what changed, with the etag, and says it was saved', async () => {
    const user = userEvent.setup();
    const api = baseApi()
      .on('GET', '/assets/1', () => view(1))
      .on('PATCH', '/assets/1', (c) => view(1, { notes: (c.body as { notes: string }).notes, etag: '"etag-1,2"' }));
    renderWithSession(<AssetFormView params={{ id: '1' }} query={new URLSearchParams()} />, { api, me: ME.isam });
    expect(await screen.findByRole('heading', { level: 1, name: 'IA-001 System 1' })).toBeTruthy();
    await user.type(screen.getByLabelText('Anteckningar'), 'Ses över i januari.');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect((await screen.findByRole('status')).textContent).toContain('Ändringarna är sparade.');
    const call = api.calls.find((c) => c.method === 'PATCH')!;
    expect(call.etag).toBe('"etag-1,1"');
    expect(call.body).toEqual({ notes: 'Ses över i januari.' });
  });

  it('shows "someone else changed this" and the current record on 409', async () => {
    const user = userEvent.setup();
    const api = baseApi()
      .on('GET', '/assets/1', () => view(1))
      .on('PATCH', '/assets/1', () => {
        throw new ApiError(409, {
          error: 'conflict',
          message: 'Någon annan hann ändra detta samtidigt. Det senaste läget visas nu.',
          current: view(1, { name: 'Namn ändrat av någon annan', etag: '"etag-1,5"' }),
        });
      });
    renderWithSession(<AssetFormView params={{ id: '1' }} query={new URLSearchParams()} />, { api, me: ME.isam });
    await screen.findByRole('heading', { level: 1, name: 'IA-001 System 1' });
    await user.type(screen.getByLabelText('Anteckningar'), 'Min ändring');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Någon annan hann ändra detta samtidigt');
    expect((screen.getByLabelText(/^Namn/) as HTMLInputElement).value).toBe('Namn ändrat av någon annan');
  });

  it('is read-only for someone who may not edit, and locks the owner and id for an owner', async () => {
    const api = baseApi().on('GET', '/assets/1', () => view(1, { canEdit: false, canGovern: false }));
    renderWithSession(<AssetFormView params={{ id: '1' }} query={new URLSearchParams()} />, { api, me: ME.staff });
    expect(await screen.findByText(/^Du kan läsa men inte ändra den här informationstillgången\. Behöver något ändras, fråga informationsägaren Thomas Granlund/)).toBeTruthy();
    expect((screen.getByLabelText(/^Namn/) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Spara' })).toBeNull();
    cleanup();

    const ownerApi = baseApi().on('GET', '/assets/1', () => view(1, { canEdit: true, canGovern: false }));
    renderWithSession(<AssetFormView params={{ id: '1' }} query={new URLSearchParams()} />, { api: ownerApi, me: ME.owner });
    await screen.findByRole('heading', { level: 1, name: 'IA-001 System 1' });
    expect((screen.getByLabelText(/^Id/) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('combobox', { name: /^Informationsägare/ }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText(/^Namn/) as HTMLInputElement).disabled).toBe(false);
    expect((screen.getByRole('combobox', { name: 'Konfidentialitet (K)' }) as HTMLSelectElement).disabled).toBe(false);
  });
});
