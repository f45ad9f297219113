// @vitest-environment happy-dom
/**
 * The inventory list: what the table shows (levels, level-4 flag, state), search and filters
 * sent to the API, sorting from the column headers, cursor paging, and the create button only
 * for those who may create.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import AssetsView from '../../tab/features/assets/AssetsView';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import { page, row } from './fixtures';
import { fakeApi, ME, renderWithSession, Routed } from './render';

beforeEach(() => {
  window.location.hash = '#/assets';
  resetViewHeadingFocus();
});
afterEach(cleanup);

function setup(me = ME.isam) {
  const api = fakeApi()
    .on('GET', '/units', () => ({ units: ['ADM', 'IFO'] }))
    .on('GET', '/assets', (call) => {
      if (call.query?.cursor === 'c2') return page([row(4)]);
      return page(
        [
          row(1, { canEdit: me === ME.isam }),
          row(2, { levels: { confidentiality: 4, integrity: 3, availability: 3, traceability: 3 }, summary: { state: 'classified', maxLevel: 4, securityProtectionFlag: true } }),
          row(3, { levels: { confidentiality: null, integrity: null, availability: null, traceability: null }, summary: { state: 'unclassified', maxLevel: null, securityProtectionFlag: false }, owner: { id: 'x', name: null } }),
        ],
        'c2',
      );
    })
    .on('GET', '/people', () => ({ people: [{ id: 'd0000000-0000-4000-8000-000000000007', name: 'Per Holmberg', email: null, unit: 'ADM' }] }));
  const utils = renderWithSession(<Routed view={AssetsView} />, { api, me });
  return { api, utils };
}

describe('Informationstillgångar (list)', () => {
  it('shows the inventory with KLASSA levels, the level-4 flag and the state', async () => {
    setup();
    const table = await screen.findByRole('table', { name: 'Informationstillgångar' });
    await within(table).findByRole('link', { name: 'System 1' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[0]!).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Id',
      'Namn',
      'Informationsägare',
      'Enhet',
      'K',
      'R',
      'T',
      'S',
      'Högsta nivå',
      'Prioritet',
      'Nästa översyn',
      'Läge',
    ]);
    expect(within(rows[1]!).getByText('3 – Allvarlig')).toBeTruthy();
    expect(within(rows[2]!).getByText('Säkerhetsskydd – separat analys')).toBeTruthy();
    expect(within(rows[3]!).getByText('Ej klassad')).toBeTruthy();
    expect(within(rows[3]!).getByText('Okänd person')).toBeTruthy();
    expect(within(rows[1]!).getByRole('link', { name: 'System 1' }).getAttribute('href')).toBe('#/assets/1');
  });

  it('offers "Ny informationstillgång" only to those who may create', async () => {
    setup(ME.isam);
    expect(await screen.findByRole('link', { name: 'Ny informationstillgång' })).toBeTruthy();
    cleanup();
    setup(ME.staff);
    await screen.findByRole('table', { name: 'Informationstillgångar' });
    expect(screen.queryByRole('link', { name: 'Ny informationstillgång' })).toBeNull();
  });

  it('sends the search and the unit filter to the API', async () => {
    const user = userEvent.setup();
    const { api } = setup();
    await screen.findByRole('link', { name: 'System 1' });
    await user.type(screen.getByRole('searchbox', { name: 'Sök på namn eller id' }), 'IA-01');
    await waitFor(() => expect(api.calls.some((c) => c.path === '/assets' && c.query?.search === 'IA-01')).toBe(true), { timeout: 2000 });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Enhet' }), 'IFO');
    await waitFor(() => expect(api.calls.some((c) => c.path === '/assets' && c.query?.unit === 'IFO' && c.query?.search === 'IA-01')).toBe(true));
    expect(window.location.hash).toContain('unit=IFO');
  });

  it('sorts from the column headers, with the keyboard too', async () => {
    const user = userEvent.setup();
    const { api } = setup();
    await screen.findByRole('link', { name: 'System 1' });
    const codeHeader = screen.getByRole('columnheader', { name: /Id/ });
    expect(codeHeader.getAttribute('aria-sort')).toBe('ascending');
    // Only indexed columns sort: K has no sort button.
    expect(within(screen.getByRole('columnheader', { name: 'K' })).queryByRole('button')).toBeNull();
    within(screen.getByRole('columnheader', { name: /Prioritet/ })).getByRole('button').focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.calls.at(-1)?.query).toMatchObject({ sort: 'priority', direction: 'asc' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.calls.at(-1)?.query).toMatchObject({ sort: 'priority', direction: 'desc' }));
    await waitFor(() => expect(screen.getByRole('columnheader', { name: /Prioritet/ }).getAttribute('aria-sort')).toBe('descending'));
  });

  it('pages forward with the server’s cursor and back again', async () => {
    const user = userEvent.setup();
    const { api } = setup();
    await screen.findByRole('link', { name: 'System 1' });
    expect((screen.getByRole('button', { name: 'Föregående sida' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Nästa sida' }));
    expect(await screen.findByRole('link', { name: 'System 4' })).toBeTruthy();
    expect(screen.getByText('Sida 2')).toBeTruthy();
    expect(api.calls.at(-1)?.query?.cursor).toBe('c2');
    expect((screen.getByRole('button', { name: 'Nästa sida' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Föregående sida' }));
    expect(await screen.findByRole('link', { name: 'System 1' })).toBeTruthy();
    expect(screen.getByText('Sida 1')).toBeTruthy();
  });

  it('shows the server’s error with a way to try again', async () => {
    const api = fakeApi()
      .on('GET', '/units', () => ({ units: [] }))
      .on('GET', '/assets', async () => {
        const { ApiError } = await import('../../tab/api/client');
        throw new ApiError(503, { error: 'unavailable', message: 'LIS når inte sina register just nu. Inget har sparats – försök igen om en stund.' });
      });
    renderWithSession(<AssetsView params={{}} query={new URLSearchParams()} />, { api });
    expect((await screen.findByRole('alert')).textContent).toContain('LIS når inte sina register just nu');
    expect(screen.getByRole('button', { name: 'Försök igen' })).toBeTruthy();
  });
});
