// @vitest-environment happy-dom
/**
 * A list remembers its place: open an item from page 2 and come back, and the register shows page 2
 * again (asked for with the same cursor) where it was scrolled to; change a filter and it starts
 * from its first page.
 */
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentPage, IncidentRow } from '../../core/api';
import { navigate, useRouteLocation } from '../../tab/app/router';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import IncidentsView from '../../tab/features/incidents/IncidentsView';
import { fakeApi, ME, renderWithSession } from './render';

beforeEach(() => {
  resetViewHeadingFocus();
  sessionStorage.clear();
  window.location.hash = '#/incidents';
});
afterEach(cleanup);

const row = (n: number): IncidentRow => ({
  id: String(n),
  caseNumber: `INC-2026-${String(n).padStart(4, '0')}`,
  title: `Händelse ${n}`,
  category: 'misdirected',
  status: 'investigating',
  severity: 'medium',
  significant: 'no',
  personalData: false,
  reportedAt: '2026-11-10T09:00:00.000Z',
  unit: 'EKB',
  nextDue: null,
  openObligations: 0,
});

/** The register while the address is the register; an item's page otherwise (the view unmounts, as in the shell). */
function Shell() {
  const location = useRouteLocation();
  return location.path === '/incidents' ? <IncidentsView params={{}} query={location.query} /> : <p>Incidentens sida</p>;
}

describe('a list’s place', () => {
  it('is kept while an item is open, and starts afresh with another filter', async () => {
    const user = userEvent.setup();
    const api = fakeApi().on('GET', '/incidents', (c): IncidentPage => (c.query?.cursor === 'page-2' ? { items: [row(26)], cursor: null, direction: 'desc', scope: 'all' } : { items: [row(1), row(2)], cursor: 'page-2', direction: 'desc', scope: 'all' }));
    renderWithSession(<Shell />, { api, me: ME.isam });
    await screen.findByText('Händelse 1');
    await user.click(screen.getByRole('button', { name: 'Nästa sida' }));
    await screen.findByText('Händelse 26');
    expect(screen.getByText('Sida 2')).toBeTruthy();

    // Scrolled down, then off to an item and back.
    window.scrollY = 480;
    window.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 50));
    act(() => navigate('/incidents/26'));
    await screen.findByText('Incidentens sida');
    const scrolls: number[] = [];
    window.scrollTo = ((o: ScrollToOptions) => scrolls.push(o.top ?? 0)) as typeof window.scrollTo;
    act(() => navigate('/incidents'));
    await screen.findByText('Händelse 26');
    expect(screen.getByText('Sida 2')).toBeTruthy();
    expect(api.calls.filter((c) => c.path === '/incidents').at(-1)!.query).toMatchObject({ cursor: 'page-2' });
    await waitFor(() => expect(scrolls).toContain(480));

    // Another filter is another list: its first page.
    act(() => navigate('/incidents', { status: 'closed' }, { replace: true }));
    await waitFor(() => expect(api.calls.at(-1)!.query).toMatchObject({ status: 'closed', cursor: undefined }));
    expect(screen.getByText('Sida 1')).toBeTruthy();
  });
});
