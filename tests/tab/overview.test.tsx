// @vitest-environment happy-dom
/**
 * Översikt: "what needs me now" and the charts, each chart with its figures as text and as a table.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import OverviewView from '../../tab/features/overview/OverviewView';
import { DASHBOARD } from './fixtures';
import { fakeApi, ME, renderWithSession } from './render';

afterEach(cleanup);

function setup(locale: 'sv' | 'en' = 'sv') {
  resetViewHeadingFocus();
  const api = fakeApi().on('GET', '/dashboard', () => DASHBOARD);
  renderWithSession(<OverviewView params={{}} query={new URLSearchParams()} />, { api, me: ME.isam, locale });
  return api;
}

describe('Översikt', () => {
  it('lists what needs the signed-in person now', async () => {
    setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Översikt' })).toBeTruthy();
    const forYou = await screen.findByRole('region', { name: 'Att göra för dig' });
    const approvals = within(forYou).getByRole('region', { name: 'Behörigheter att besluta om' });
    expect(within(approvals).getByRole('listitem').textContent).toContain('Handläggare för Johanna Berg i IA-002 E-tjänst för ansökan');
    const investigations = within(forYou).getByRole('region', { name: 'Mina utredningar' });
    expect(within(investigations).getByRole('listitem').textContent).toMatch(/INC-2026-0021 Felskickat brev \(Utreds\) försenad sedan/);
    const clocks = within(forYou).getByRole('region', { name: 'Tidsfrister som löper' });
    expect(within(clocks).getByRole('listitem').textContent).toMatch(/^Anmälan till IMY \(72 h\): INC-2026-0025 Nätfiske mot ekonomi senast/);
    expect(within(clocks).getByText('och 2 till')).toBeTruthy();
    const reviews = within(forYou).getByRole('region', { name: 'Mina tillgångar att klassa eller se över' });
    expect(within(reviews).getByText(/Inga av dina informationstillgångar/)).toBeTruthy();
  });

  it('writes every figure as text and offers each chart as a table, with links to the records', async () => {
    const user = userEvent.setup();
    setup();
    const state = await screen.findByRole('region', { name: 'Läget i LIS' });
    const incidents = within(state).getByRole('region', { name: 'Incidenter per månad och typ' });
    expect(within(incidents).getByText('6 incidenter de senaste 12 månaderna som du har behörighet att se.')).toBeTruthy();
    // The chart names its series in words beside the colours.
    expect(within(incidents).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Nätfiske', 'Felskickat']);
    await user.click(within(incidents).getByText('Visa som tabell'));
    const table = within(incidents).getByRole('table', { name: 'Incidenter per månad och typ' });
    const rows = within(table).getAllByRole('row').map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows[0]).toEqual(['Månad', 'Nätfiske', 'Felskickat', 'Totalt']);
    expect(rows[1]).toEqual([expect.stringMatching(/okt/), '1', '2', '3']);

    const classification = within(state).getByRole('region', { name: 'Klassning av informationstillgångar' });
    await user.click(within(classification).getByText('Visa som tabell'));
    expect(within(classification).getByRole('row', { name: /Nivå 4, säkerhetsskydd/ }).textContent).toContain('1 av 18');
    const training = within(state).getByRole('region', { name: 'Obligatorisk utbildning per enhet' });
    expect(within(training).getByText('Totalt 69 % genomfört (18 av 26).')).toBeTruthy();
    await user.click(within(training).getByText('Visa som tabell'));
    const unit = within(training).getByRole('link', { name: 'AOM' });
    expect(unit.getAttribute('href')).toBe('#/training?unit=AOM');
    expect(within(training).getByRole('row', { name: /AOM/ }).textContent).toBe('AOM51338 %');
    expect(within(state).getByRole('region', { name: 'Behörighetsrevision' }).textContent).toContain('Ingen revision de senaste sex månaderna.');
    const access = within(state).getByRole('region', { name: 'Öppna behörighetsärenden' });
    await user.click(within(access).getByText('Visa som tabell'));
    expect(within(access).getByRole('link', { name: 'Väntar på beslut' }).getAttribute('href')).toBe('#/access?status=pending');
  });

  it('says one incident, not “1 incidenter”', async () => {
    resetViewHeadingFocus();
    const api = fakeApi().on('GET', '/dashboard', () => ({ ...DASHBOARD, incidentsPerMonth: { ...DASHBOARD.incidentsPerMonth, total: 1 } }));
    renderWithSession(<OverviewView params={{}} query={new URLSearchParams()} />, { api, me: ME.isam });
    expect(await screen.findByText('1 incident de senaste 12 månaderna som du har behörighet att se.')).toBeTruthy();
  });

  it('speaks English by locale', async () => {
    setup('en');
    expect(await screen.findByRole('region', { name: 'Waiting for you' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Overview' })).toBeTruthy();
    const reports = screen.getByRole('region', { name: 'Reports to MCF and IMY on time' });
    expect(within(reports).getByRole('row', { name: /On time/ }).textContent).toBe('On time4');
  });
});
