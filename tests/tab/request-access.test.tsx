// @vitest-environment happy-dom
/**
 * Begär behörighet in the tab: the same request as the bot's card — for oneself or a colleague, a
 * system found within its name, errors beside their fields that go when the field is changed, one
 * request however often the form is sent, and what happens next said plainly.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessRequestDetail, RequestFormOptions, SearchResult } from '../../core/api';
import { ApiError } from '../../tab/api/client';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import RequestAccessView from '../../tab/features/home/RequestAccessView';
import { fakeApi, ME, renderWithSession } from './render';

afterEach(cleanup);

const JOHANNA = { id: 'd0000000-0000-4000-8000-000000000016', name: 'Johanna Berg', unit: 'EKB' };
const OPTIONS: RequestFormOptions = {
  self: JOHANNA,
  people: [{ id: 'd0000000-0000-4000-8000-000000000017', name: 'Ali Hussein', unit: 'EKB' }],
  assets: [
    { id: '1', code: 'IA-001', name: 'Socialtjänstens verksamhetssystem' },
    { id: '4', code: 'IA-004', name: 'HR- och lönesystem' },
  ],
  grants: [],
};

const sent = (overrides: Partial<AccessRequestDetail> = {}): AccessRequestDetail => ({
  id: '9',
  kind: 'new',
  status: 'pending',
  origin: 'request',
  subject: JOHANNA,
  requester: JOHANNA,
  asset: { id: '4', code: 'IA-004', name: 'HR- och lönesystem' },
  role: 'Läsbehörighet',
  grant: null,
  justification: 'Lönefrågor i enheten.',
  validUntil: null,
  deciders: [{ id: 'd0000000-0000-4000-8000-000000000007', name: 'Per Holmberg', unit: 'ADM', as: 'owner' }],
  decidedBy: null,
  decidedAs: null,
  decidedAt: null,
  comment: null,
  takenBy: null,
  takenAt: null,
  completedBy: null,
  completedAt: null,
  requestedAt: '2026-11-28T09:00:00.000Z',
  ...overrides,
});

function setup() {
  resetViewHeadingFocus();
  const noHits: SearchResult = { query: '', words: [], tooShort: false, groups: [{ register: 'assets', hits: [], total: 0, searched: null, older: null }] };
  const api = fakeApi()
    .on('GET', '/access/request-form', () => OPTIONS)
    .on('GET', '/search', () => noHits);
  renderWithSession(<RequestAccessView params={{}} query={new URLSearchParams()} />, { api, me: ME.staff });
  return api;
}

describe('requesting access in the tab', () => {
  it('says what is missing beside each field before sending anything, and each error goes when its field is filled in', async () => {
    const user = userEvent.setup();
    const api = setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Begär behörighet' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Skicka till informationsägaren' }));
    expect(screen.getAllByRole('alert')[0]!.textContent).toBe('Något behöver rättas innan ärendet kan skickas – se fälten nedan.');
    expect(screen.getAllByText('Fyll i det här fältet.')).toHaveLength(3); // system, role, reason
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    await user.type(screen.getByRole('textbox', { name: /Behörighet eller roll/ }), 'Läsbehörighet');
    expect(screen.getAllByText('Fyll i det här fältet.')).toHaveLength(2);
  });

  it('finds the system inside its name and sends one request however often it is sent', async () => {
    const user = userEvent.setup();
    let answered = 0;
    const api = setup().on('POST', '/access/requests', () => {
      answered++;
      return sent();
    });
    const system = screen.getByRole('combobox', { name: /System eller informationstillgång/ });
    await user.type(system, 'lön');
    await user.click(await screen.findByRole('option', { name: 'IA-004 HR- och lönesystem' }));
    await user.type(screen.getByRole('textbox', { name: /Behörighet eller roll/ }), 'Läsbehörighet');
    await user.type(screen.getByRole('textbox', { name: /Varför behövs den/ }), 'Lönefrågor i enheten.');
    const send = screen.getByRole('button', { name: 'Skicka till informationsägaren' });
    await user.dblClick(send);
    expect((await screen.findByRole('status')).textContent).toContain('Skickat. Per Holmberg beslutar om Läsbehörighet i IA-004 HR- och lönesystem; du får besked i Teams.');
    const posts = api.calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(answered).toBe(1);
    expect(posts[0]!.body).toEqual({ kind: 'new', subjectId: JOHANNA.id, assetId: '4', role: 'Läsbehörighet', justification: 'Lönefrågor i enheten.', validUntil: null, grantId: null });
    expect(posts[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the server’s own reasons beside their fields', async () => {
    const user = userEvent.setup();
    setup().on('POST', '/access/requests', () => {
      throw new ApiError(400, {
        error: 'validation',
        message: 'Kontrollera de markerade fälten.',
        issues: [{ path: ['role'], field: 'role', message: 'Johanna Berg har redan Läsbehörighet i systemet.' }],
      });
    });
    await user.type(screen.getByRole('combobox', { name: /System eller informationstillgång/ }), 'IA-001');
    await user.click(await screen.findByRole('option', { name: 'IA-001 Socialtjänstens verksamhetssystem' }));
    await user.type(screen.getByRole('textbox', { name: /Behörighet eller roll/ }), 'Läsbehörighet');
    await user.type(screen.getByRole('textbox', { name: /Varför behövs den/ }), 'Behövs.');
    await user.click(screen.getByRole('button', { name: 'Skicka till informationsägaren' }));
    expect(await screen.findByText('Johanna Berg har redan Läsbehörighet i systemet.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /Behörighet eller roll/ })));
  });

  it('asks which grant to end, for a colleague, without role and reason', async () => {
    const user = userEvent.setup();
    const api = setup()
      .on('GET', '/access/request-form', (c) => (c.query?.assetId ? { ...OPTIONS, grants: [{ id: '31', role: 'Handläggare', validUntil: null }] } : OPTIONS))
      .on('GET', '/people', () => ({ people: [{ id: 'd0000000-0000-4000-8000-000000000017', name: 'Ali Hussein', email: null, unit: 'EKB' }] }))
      .on('POST', '/access/requests', () => sent({ kind: 'termination', role: 'Handläggare' }));
    await user.click(screen.getByRole('radio', { name: 'Avsluta en behörighet' }));
    await user.click(screen.getByRole('radio', { name: 'En kollega' }));
    await user.type(screen.getByRole('combobox', { name: /Kollega/ }), 'Ali');
    await user.click(await screen.findByRole('option', { name: /Ali Hussein/ }));
    await user.type(screen.getByRole('combobox', { name: /System eller informationstillgång/ }), 'verksamhet');
    await user.click(await screen.findByRole('option', { name: 'IA-001 Socialtjänstens verksamhetssystem' }));
    const grant = await screen.findByRole('combobox', { name: /Vilken behörighet/ });
    await waitFor(() => expect(within(grant).getAllByRole('option').map((o) => o.textContent)).toEqual(['Handläggare (gäller till tills vidare)']));
    expect(screen.queryByRole('textbox', { name: /Behörighet eller roll/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Skicka till informationsägaren' }));
    await screen.findByRole('status');
    expect(api.calls.find((c) => c.method === 'POST')!.body).toMatchObject({ kind: 'termination', subjectId: 'd0000000-0000-4000-8000-000000000017', assetId: '1', grantId: '31', role: null, validUntil: null });
  });
});
