// @vitest-environment happy-dom
/**
 * Sök in the tab: the query in the address (so coming back shows the same results), results per
 * register with counts in words, the matched part of each title marked, one register on its own,
 * older incidents on request.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../core/api';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import SearchView from '../../tab/features/search/SearchView';
import { fakeApi, ME, renderWithSession, Routed } from './render';

afterEach(cleanup);
beforeEach(() => {
  window.location.hash = '';
});

const RESULT: SearchResult = {
  query: 'lön',
  words: ['lon'],
  tooShort: false,
  groups: [
    { register: 'assets', hits: [{ id: '4', register: 'assets', code: 'IA-004', title: 'HR- och lönesystem', status: null, at: null, path: '/assets/4' }], total: 1, searched: null, older: null },
    {
      register: 'incidents',
      hits: [{ id: '14', register: 'incidents', code: 'INC-2026-0014', title: 'Lönespecifikationer skickade till fel chef', status: 'incident.status.closed', at: '2026-08-12T13:20:00.000Z', path: '/incidents/14' }],
      total: 7,
      searched: { from: '2026-01', to: '2026-12' },
      older: '2026-01',
    },
    { register: 'suppliers', hits: [], total: 0, searched: null, older: null },
  ],
};

function setup(hash: string, answer: SearchResult = RESULT) {
  resetViewHeadingFocus();
  window.location.hash = hash;
  const api = fakeApi().on('GET', '/search', () => answer);
  renderWithSession(<Routed view={SearchView} />, { api, me: ME.staff });
  return api;
}

describe('Sök', () => {
  it('searches what the address says and shows each register with its count and the match marked', async () => {
    const api = setup('#/search?q=l%C3%B6n');
    const assets = await screen.findByRole('region', { name: 'Informationstillgångar' });
    expect(within(assets).getByText('1 träff')).toBeTruthy();
    const hit = within(assets).getByRole('link', { name: /^IA-004/ });
    expect(hit.textContent).toBe('IA-004 HR- och lönesystem');
    expect(hit.getAttribute('href')).toBe('#/assets/4');
    expect(hit.querySelector('mark')?.textContent).toBe('lön');

    const incidents = screen.getByRole('region', { name: 'Incidenter' });
    expect(within(incidents).getByText('7 träffar')).toBeTruthy();
    expect(within(incidents).getByText('Incidenter rapporterade jan. 2026–dec. 2026 som du har behörighet att se.')).toBeTruthy();
    // (happy-dom lays <mark> out as a block, so its accessible names get a space there; the text is whole)
    expect(within(incidents).getAllByRole('link')[0]!.textContent).toBe('INC-2026-0014 Lönespecifikationer skickade till fel chefAvslutad12 aug. 2026');
    expect(within(screen.getByRole('region', { name: 'Leverantörer' })).getByText('Inga träffar.')).toBeTruthy();
    expect(api.calls[0]).toMatchObject({ path: '/search', query: { q: 'lön', limit: 5 } });
    expect((screen.getByRole('searchbox', { name: 'Sök efter' }) as HTMLInputElement).value).toBe('lön');
  });

  it('shows every hit of one register, and older incidents on request', async () => {
    const user = userEvent.setup();
    const api = setup('#/search?q=l%C3%B6n');
    const incidents = await screen.findByRole('region', { name: 'Incidenter' });
    await user.click(within(incidents).getByRole('link', { name: 'Visa alla 7 träffar' }));
    expect(window.location.hash).toBe('#/search?q=l%C3%B6n&in=incidents');
    await screen.findByRole('region', { name: 'Incidenter' });
    expect(api.calls.at(-1)).toMatchObject({ query: { q: 'lön', in: 'incidents', limit: 50 } });
    await user.click(screen.getByRole('button', { name: 'Sök i äldre incidenter' }));
    expect(window.location.hash).toBe('#/search?q=l%C3%B6n&in=incidents&before=2026-01');
    await screen.findByRole('link', { name: 'Tillbaka till de senaste' });
    expect(api.calls.at(-1)).toMatchObject({ query: { q: 'lön', in: 'incidents', before: '2026-01' } });
  });

  it('says so when a query is too short or finds nothing', async () => {
    setup('#/search?q=x', { query: 'x', words: [], tooShort: true, groups: [] });
    expect(await screen.findByText('Skriv minst två bokstäver eller siffror.')).toBeTruthy();
    cleanup();
    setup('#/search?q=zzzz', { query: 'zzzz', words: ['zzzz'], tooShort: false, groups: [{ register: 'assets', hits: [], total: 0, searched: null, older: null }] });
    expect(await screen.findByText(/Inget hittades för ”zzzz”\./)).toBeTruthy();
  });
});
