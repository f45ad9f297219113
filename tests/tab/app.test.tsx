// @vitest-environment happy-dom
/**
 * The tab from start to signed in, outside Teams in local mode: the demo sign-in (name, unit and
 * roles shown), the token on every request, the shell's landmarks and menu, switching person, and
 * an expired sign-in leading back to the sign-in.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../tab/app/App';
import { preloadViews } from '../../tab/app/routes';
import { browserHost } from '../../tab/app/host';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import { DASHBOARD } from './fixtures';
import { ISAM_HOME } from './home-fixtures';
import { render } from '@testing-library/react';
import { MotionBehaviourProvider } from '@fluentui/react-motion';
import type { ReactNode } from 'react';

/** happy-dom rejects a cancelled animation's promise; the drawer's motion is not what is tested. */
const NoMotion = ({ children }: { children: ReactNode }) => <MotionBehaviourProvider value="skip">{children}</MotionBehaviourProvider>;

const HENRIK = { id: 'd0000000-0000-4000-8000-000000000002', name: 'Henrik Sandberg', unit: 'LEDN', roles: ['isam'] };
const JOHANNA = { id: 'd0000000-0000-4000-8000-000000000016', name: 'Johanna Berg', unit: 'EKB', roles: [] };

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

const KIM = { id: 'd0000000-0000-4000-8000-000000000042', name: 'Kim Varga', unit: 'IFO', reason: 'guest' };
const REFUSED_MESSAGE = 'LIS är bara till för förvaltningens medarbetare: gästkonton och konton från andra organisationer släpps inte in.';

function fakeServer(options: { expireTokens?: boolean } = {}) {
  const seen: Seen[] = [];
  let issued = 0;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    seen.push({ url, method: init.method ?? 'GET', headers, body });
    if (url === '/api/v1/config') return json(200, { mode: 'local', tenantId: 't', auth: { kind: 'local' } });
    if (url === '/api/v1/auth/demo-people') return json(200, { people: [JOHANNA, HENRIK], refused: [KIM] });
    if (url === '/api/v1/auth/demo') {
      issued++;
      return json(200, { token: `token-${body.personId}-${issued}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    }
    if (!headers.authorization || options.expireTokens) return json(401, { error: 'unauthorized', message: 'Du behöver logga in.' });
    if (headers.authorization.includes(KIM.id)) return json(403, { error: 'not_admitted', message: REFUSED_MESSAGE });
    const who = headers.authorization.includes(JOHANNA.id) ? JOHANNA : HENRIK;
    if (url === '/api/v1/me') return json(200, { ...who, email: null, permissions: { createAsset: who === HENRIK, governAssets: who === HENRIK } });
    if (url === '/api/v1/dashboard') return json(200, DASHBOARD);
    if (url === '/api/v1/home') return json(200, ISAM_HOME);
    return json(404, { error: 'not_found', message: 'x' });
  }) as typeof fetch;
  return { fetchImpl, seen };
}

/** happy-dom's browser says en-US; the demo runs in Swedish. */
const svHost = () => ({ ...browserHost(window), locale: 'sv' as const });

beforeEach(() => {
  sessionStorage.clear();
  window.location.hash = '';
  resetViewHeadingFocus();
});
afterEach(cleanup);

// The shell preloads every view chunk once idle: load them all first, so that none is still being
// loaded when the environment is torn down on a slow machine (an unhandled teardown error).
beforeAll(async () => {
  await preloadViews();
}, 120_000);

describe('signing in outside Teams (local mode)', () => {
  it('shows the demo people with unit and roles, and signs in as the one chosen', async () => {
    const user = userEvent.setup();
    const server = fakeServer();
    render(<App host={svHost()} fetch={server.fetchImpl} />, { wrapper: NoMotion });
    expect(await screen.findByRole('heading', { level: 1, name: 'Välj demoperson' })).toBeTruthy();
    const people = await screen.findByRole('list', { name: 'Demopersoner' });
    const buttons = within(people).getAllByRole('button');
    // People with a LIS role first.
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Logga in som Henrik Sandberg, LEDN · Informationssäkerhetssamordnare (ISAM)',
      'Logga in som Johanna Berg, EKB · Medarbetare',
    ]);
    await user.type(screen.getByRole('searchbox', { name: 'Filtrera på namn, enhet eller roll' }), 'medarb');
    expect(within(people).getAllByRole('button')).toHaveLength(1);
    await user.clear(screen.getByRole('searchbox', { name: 'Filtrera på namn, enhet eller roll' }));

    await user.click(screen.getByRole('button', { name: /Henrik Sandberg/ }));
    // Who is signed in: a chip in the header; its card says the unit and the roles.
    await user.click(await screen.findByRole('button', { name: 'Inloggad som Henrik Sandberg' }));
    expect(await screen.findByText('Enhet: LEDN')).toBeTruthy();
    expect(screen.getByText('Informationssäkerhetssamordnare (ISAM)')).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Huvudmeny' });
    expect(within(nav).getAllByRole('link').map((l) => l.textContent)).toEqual(['Start', 'Översikt', 'Incidenter', 'Informationstillgångar', 'Behörigheter', 'Leverantörer', 'Dataskydd', 'Åtgärder', 'Utbildning', 'Ambassadörsnätverket', 'Ledningens genomgång', 'Sök',
      // The registers, under their heading; Gallring only for ISAM (Henrik is).
      'Risker', 'Internrevision', 'Styrdokument', 'Registerförteckning', 'Konsekvens\u00adbedömningar', 'Anskaffningar', 'Roller', 'Gallring']);
    expect(within(nav).getByText('Register')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe('#/home'));
    // The view is loaded lazily: under load that takes more than findBy's default second.
    expect(await screen.findByRole('heading', { level: 1, name: 'Start' }, { timeout: 10_000 })).toBeTruthy();
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Start' }).getAttribute('aria-current')).toBe('page'));

    const me = server.seen.find((s) => s.url === '/api/v1/me')!;
    expect(me.headers.authorization).toBe(`Bearer token-${HENRIK.id}-1`);
    expect(me.headers['accept-language']).toBe('sv');
    expect(server.seen.find((s) => s.url === '/api/v1/auth/demo')!.body).toEqual({ personId: HENRIK.id });
  });

  it('lists the accounts LIS refuses apart; signed in as one, the API\'s refusal is shown with a way back', async () => {
    const user = userEvent.setup();
    const server = fakeServer();
    render(<App host={svHost()} fetch={server.fetchImpl} />);
    const refused = await screen.findByRole('list', { name: 'Konton som LIS inte släpper in' });
    expect(within(refused).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Logga in som Kim Varga, Gästkonto (extern)']);
    expect(within(screen.getByRole('list', { name: 'Demopersoner' })).queryByText('Kim Varga')).toBeNull();

    await user.click(within(refused).getByRole('button', { name: /Kim Varga/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Du kan inte använda LIS');
    expect(alert.textContent).toContain(REFUSED_MESSAGE);
    // Nothing of the app behind it: no menu, no overview.
    expect(screen.queryByRole('navigation', { name: 'Huvudmeny' })).toBeNull();
    expect(server.seen.some((s) => s.url === '/api/v1/dashboard')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Byt demoperson' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Välj demoperson' })).toBeTruthy();
  });

  it('lets a demo user switch person, and remembers the choice in this browser tab', async () => {
    const user = userEvent.setup();
    const server = fakeServer();
    const first = render(<App host={svHost()} fetch={server.fetchImpl} />, { wrapper: NoMotion });
    await user.click(await screen.findByRole('button', { name: /Johanna Berg/ }));
    expect(await screen.findByRole('button', { name: 'Inloggad som Johanna Berg' })).toBeTruthy();
    first.unmount();

    render(<App host={svHost()} fetch={server.fetchImpl} />, { wrapper: NoMotion });
    await user.click(await screen.findByRole('button', { name: 'Inloggad som Johanna Berg' }));
    await user.click(await screen.findByRole('button', { name: 'Byt demoperson' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Välj demoperson' })).toBeTruthy();
    expect(sessionStorage.length).toBe(0);
  });

  it('asks for a new token once when the API refuses one, then shows the sign-in', async () => {
    const server = fakeServer({ expireTokens: true });
    sessionStorage.setItem('lis.demo-sign-in', JSON.stringify({ personId: HENRIK.id, token: 'old', expiresAt: new Date(Date.now() + 3_600_000).toISOString() }));
    render(<App host={svHost()} fetch={server.fetchImpl} />, { wrapper: NoMotion });
    expect(await screen.findByRole('heading', { level: 1, name: 'Välj demoperson' })).toBeTruthy();
    expect(screen.getByText('Inloggningen har gått ut. Logga in igen.')).toBeTruthy();
    const me = server.seen.filter((s) => s.url === '/api/v1/me');
    expect(me.map((s) => s.headers.authorization)).toEqual(['Bearer old', `Bearer token-${HENRIK.id}-1`]);
  });
});
