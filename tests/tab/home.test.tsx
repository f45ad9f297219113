// @vitest-environment happy-dom
/**
 * Start: each role's home acts — shortcuts to report and request, an owner approves or denies right
 * there (a denial needs a reason, shown beside the field and gone once written; someone else's
 * earlier decision is shown instead of this one), a link to the card in Teams, legal deadlines
 * first, own cases and training in words with correct plurals.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessDecisionResult, HomeView as Home } from '../../core/api';
import { ApiError } from '../../tab/api/client';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import HomeView from '../../tab/features/home/HomeView';
import { decision, ISAM_HOME, OWNER_HOME, STAFF_HOME } from './home-fixtures';
import { fakeApi, ME, renderWithSession } from './render';

afterEach(cleanup);

function setup(home: Home, me = ME.staff, locale: 'sv' | 'en' = 'sv') {
  resetViewHeadingFocus();
  const api = fakeApi().on('GET', '/home', () => home);
  renderWithSession(<HomeView params={{}} query={new URLSearchParams()} />, { api, me, locale });
  return api;
}

const result = (status: 'approved' | 'denied', outcome: AccessDecisionResult['outcome'], decidedBy = { id: 'd0000000-0000-4000-8000-000000000030', name: 'Thomas Granlund', unit: 'IFO' }): AccessDecisionResult => {
  const d = decision('5');
  return {
    outcome,
    etag: '"etag-5,2"',
    request: {
      id: '5',
      kind: 'new',
      status,
      origin: 'request',
      subject: d.subject,
      requester: d.requester,
      asset: d.asset,
      role: d.role,
      grant: null,
      justification: d.justification,
      validUntil: null,
      deciders: [{ ...decidedBy, as: 'owner' }],
      decidedBy,
      decidedAs: 'owner',
      decidedAt: '2026-11-28T10:00:00.000Z',
      comment: null,
      takenBy: null,
      takenAt: null,
      completedBy: null,
      completedAt: null,
      requestedAt: d.requestedAt,
    },
  };
};

describe('a staff member’s home', () => {
  it('offers reporting, requesting and searching first, then their own cases and training', async () => {
    setup(STAFF_HOME);
    expect(screen.getByRole('heading', { level: 1, name: 'Start' })).toBeTruthy();
    const shortcuts = screen.getByRole('navigation', { name: 'Genvägar' });
    expect(within(shortcuts).getByRole('link', { name: 'Rapportera incident' }).getAttribute('href')).toBe('#/incidents/new');
    expect(within(shortcuts).getByRole('link', { name: 'Begär behörighet' }).getAttribute('href')).toBe('#/request-access');
    expect(within(shortcuts).getByRole('search')).toBeTruthy();

    const mine = await screen.findByRole('region', { name: 'Mina ärenden' });
    expect(within(mine).getByRole('link', { name: /INC-2026-0025 Misstänkt felskickad e-post med bilaga/ }).getAttribute('href')).toBe('#/incidents/25');
    expect(within(mine).getByText(/Chefsbehörighet – IA-004 HR- och lönesystem/)).toBeTruthy();
    expect(within(mine).getByText('Motivering: Behörigheten är bara för chefer.')).toBeTruthy();

    const training = screen.getByRole('region', { name: 'Min utbildning' });
    expect(within(training).getByText('1 obligatorisk utbildning återstår.')).toBeTruthy();
    expect(within(training).getByText('Inte gjord')).toBeTruthy();
    expect(within(training).getByText(/Klar 19 jan\. 2026, gäller till 19 jan\. 2028/)).toBeTruthy();

    // No section of a role she lacks.
    for (const name of ['Beslut om behörighet', 'Tidsfrister enligt lag', 'Att utreda', 'Behörigheter att genomföra']) expect(screen.queryByRole('region', { name })).toBeNull();
  });

  it('searches from the home', async () => {
    const user = userEvent.setup();
    setup(STAFF_HOME);
    await user.type(screen.getByRole('searchbox', { name: 'Sök i LIS' }), 'lön');
    await user.click(screen.getByRole('button', { name: 'Sök' }));
    expect(window.location.hash).toBe('#/search?q=l%C3%B6n');
  });
});

describe('an owner’s decisions on the home', () => {
  it('shows what it takes to decide, with a link to the card in Teams', async () => {
    setup(OWNER_HOME, ME.owner);
    const decisions = await screen.findByRole('region', { name: 'Beslut om behörighet' });
    expect(within(decisions).getByText('2 ärenden väntar på ditt beslut')).toBeTruthy();
    const first = within(decisions).getByRole('article', { name: 'Johanna Berg: Läsbehörighet' });
    expect(within(first).getByText('Ny behörighet i IA-001 Socialtjänstens verksamhetssystem · EKB')).toBeTruthy();
    expect(within(first).getByText('Behöver läsa akter i mitt arbete.')).toBeTruthy();
    expect(within(first).getByText('tills vidare')).toBeTruthy();
    const chat = within(first).getByRole('link', { name: 'Öppna kortet i Teams' });
    expect(chat.getAttribute('href')).toBe(decision('5').chat!.url);
    expect(chat.getAttribute('target')).toBe('_blank');
    const second = within(decisions).getByRole('article', { name: 'Johanna Berg: Handläggare' });
    expect(within(second).getByText('Du beslutar som ersättare för informationsägaren.')).toBeTruthy();
    expect(within(second).getByText('Handläggare, tills vidare')).toBeTruthy();
    expect(within(second).queryByRole('link', { name: 'Öppna kortet i Teams' })).toBeNull();
  });

  it('approves with the version decided on, and shows the result in place of the buttons', async () => {
    const user = userEvent.setup();
    const api = setup(OWNER_HOME, ME.owner).on('POST', '/access/requests/5/decision', () => result('approved', 'decided'));
    const card = await screen.findByRole('article', { name: 'Johanna Berg: Läsbehörighet' });
    await user.click(within(card).getByRole('button', { name: 'Bevilja' }));
    expect(await within(card).findByRole('status')).toHaveProperty('textContent', 'Beviljad. Administrativa enheten får uppdraget och Johanna Berg får besked i Teams.');
    expect(screen.getByText('1 ärende väntar på ditt beslut')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Bevilja' })).toBeNull();
    const call = api.calls.find((c) => c.path === '/access/requests/5/decision')!;
    expect(call).toMatchObject({ method: 'POST', etag: '"etag-5,1"', body: { decision: 'approve', comment: null } });
  });

  it('asks for a reason beside the field before denying, and the error goes once one is written', async () => {
    const user = userEvent.setup();
    const api = setup(OWNER_HOME, ME.owner).on('POST', '/access/requests/5/decision', () => result('denied', 'decided'));
    const card = await screen.findByRole('article', { name: 'Johanna Berg: Läsbehörighet' });
    await user.click(within(card).getByRole('button', { name: 'Avslå' }));
    expect(within(card).getByText('Skriv varför du avslår, så att den som begärde får veta det.')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    const comment = within(card).getByRole('textbox', { name: /Kommentar till den som begärde/ });
    expect(document.activeElement).toBe(comment);
    await user.type(comment, 'Behörigheten finns redan i gruppkontot.');
    expect(within(card).queryByText('Skriv varför du avslår, så att den som begärde får veta det.')).toBeNull();
    await user.click(within(card).getByRole('button', { name: 'Avslå' }));
    expect(await within(card).findByText('Avslagen. Johanna Berg får besked i Teams med din kommentar.')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ decision: 'deny', comment: 'Behörigheten finns redan i gruppkontot.' });
  });

  it('shows the decision that stands when someone else decided first', async () => {
    const user = userEvent.setup();
    setup(OWNER_HOME, ME.owner).on('POST', '/access/requests/5/decision', () => {
      throw new ApiError(409, {
        error: 'conflict',
        message: 'Lena Forsberg hann besluta först: ärendet är beviljat. Ditt beslut sparades inte.',
        current: result('approved', 'stale', { id: 'd0000000-0000-4000-8000-000000000010', name: 'Lena Forsberg', unit: 'ADM' }),
      });
    });
    const card = await screen.findByRole('article', { name: 'Johanna Berg: Läsbehörighet' });
    await user.click(within(card).getByRole('button', { name: 'Bevilja' }));
    expect((await within(card).findByRole('alert')).textContent).toBe('Lena Forsberg hann besluta först: ärendet är beviljat. Ditt beslut sparades inte.');
    expect(within(card).queryByRole('button', { name: 'Bevilja' })).toBeNull();
  });
});

describe('what is due', () => {
  it('puts the law’s deadlines first and names the reports not yet assessed', async () => {
    setup(ISAM_HOME, ME.isam);
    const due = await screen.findByRole('region', { name: 'Tidsfrister enligt lag' });
    expect(within(due).getByText('1 ny rapport har inte bedömts')).toBeTruthy();
    const links = within(due).getAllByRole('link').map((l) => l.textContent);
    expect(links[0]).toMatch(/^INC-2026-0025 Misstänkt felskickad e-post med bilaga/);
    expect(links[1]).toMatch(/INC-2026-0025.*senast 30 nov\. 2026.*Lagkrav.*Löper tills någon bedömt/);
    expect(links[2]).toMatch(/INC-2026-0016.*senast 9 dec\. 2026.*Lagkrav/);
    expect(links[3]).toMatch(/INC-2026-0021.*försenad sedan 20 nov\. 2026.*Egen rutin/);
  });

  it('speaks English by locale', async () => {
    setup(OWNER_HOME, ME.owner, 'en');
    expect(await screen.findByText('2 requests wait for your decision')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Home' })).toBeTruthy();
  });
});
