// @vitest-environment happy-dom
/**
 * Leverantörer in the tab: the sub-supplier chain as an accessible tree with PUB-avtal status and
 * expiry, and the checklist — read-only for most, saved with If-Match by ISAM / IT security.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupplierNode, SupplierView as Supplier } from '../../core/api';
import SupplierView from '../../tab/features/suppliers/SupplierView';
import SuppliersView from '../../tab/features/suppliers/SuppliersView';
import { resetViewHeadingFocus } from '../../tab/components/ViewHeading';
import { fakeApi, ME, renderWithSession, Routed } from './render';

beforeEach(() => resetViewHeadingFocus());
afterEach(cleanup);

const node = (code: string, o: Partial<SupplierNode> = {}): SupplierNode => ({
  id: code.slice(-1), code, name: `Leverantör ${code}`, parentId: null, services: 'Drift', processesPersonalData: true, dpaStatus: 'signed', dpaExpiresAt: '2028-01-01', dpaExpiry: 'ok',
  systems: [], checklist: { done: 0, total: 10 }, depth: 0, archived: false, children: [], ...o,
});

const supplier = (o: Partial<Supplier> = {}): Supplier => ({
  id: '6', etag: '"s,1"', code: 'SUP-006', name: 'Lekplatsen Digital AB', orgNumber: null, parent: null, subSuppliers: [], services: 'Förskoleapp', processesPersonalData: true,
  dpaStatus: 'missing', dpaSignedAt: null, dpaExpiresAt: null, dpaExpiry: null, dpaInstructionAttached: false, dpaSubprocessorListAttached: false, contractOwner: null, contractEndsAt: null,
  thirdCountry: null, thirdCountrySafeguard: null, lastFollowUpAt: null, nextFollowUpAt: null, systems: [{ id: '8', code: 'IA-008', name: 'Förskoleappen' }],
  checklist: [{ key: 'classification', done: false, note: null }, { key: 'dpa', done: false, note: null }], canEditChecklist: true, ...o,
});

/** The supplier page as `GET /suppliers/:id` answers it (issue 14's register fields included). */
const detail = (o: Partial<Supplier> = {}) => ({
  ...supplier(o),
  depth: 0, chain: [], followUps: [], notes: null, updatedAt: null, archived: false, editableFields: [], canArchive: false,
  archive: { archived: false, archivedAt: null, years: 10, removableFrom: null, canRemove: false }, history: { items: [], cursor: null },
});

describe('Leverantörer', () => {
  it('shows the chain as a tree with PUB-avtal status and the expiry highlighted', async () => {
    window.location.hash = '#/suppliers';
    const tree = { roots: [node('SUP-001', { children: [node('SUP-002', { parentId: '1', dpaStatus: 'via_parent', dpaExpiresAt: null, dpaExpiry: null })] }), node('SUP-005', { dpaStatus: 'signed', dpaExpiresAt: '2026-12-15', dpaExpiry: 'soon' })], total: 3, canEditChecklist: false };
    const api = fakeApi().on('GET', '/suppliers', () => tree);
    renderWithSession(<Routed view={SuppliersView} />, { api, me: ME.staff });
    const t = await screen.findByRole('tree', { name: 'Leverantörer och underbiträden' });
    const parent = within(t).getByRole('treeitem', { name: /SUP-001/ });
    expect(parent.getAttribute('aria-expanded')).toBe('true');
    expect(within(parent).getByRole('treeitem', { name: /SUP-002/ }).textContent).toContain('Via huvudleverantörens avtal');
    expect(within(t).getByText('PUB-avtalet upphör snart (15 dec. 2026)')).toBeTruthy();
  });

  it('saves the checklist with If-Match for IT security; read-only for others', async () => {
    const api = fakeApi()
      .on('GET', '/suppliers/6', () => detail())
      .on('PATCH', '/suppliers/6/checklist', (call) => supplier({ etag: '"s,2"', checklist: (call.body as { items: Supplier['checklist'] }).items }));
    renderWithSession(<SupplierView params={{ id: '6' }} query={new URLSearchParams()} />, { api, me: ME.isam });
    const region = await screen.findByRole('region', { name: 'Säkerhetskrav vid anskaffning' });
    await userEvent.click(within(region).getByRole('checkbox', { name: /PUB-avtal enligt SKR/ }));
    await userEvent.type(within(region).getByRole('textbox', { name: /Kommentar – PUB-avtal/ }), 'Begärt');
    await userEvent.click(within(region).getByRole('button', { name: 'Spara checklistan' }));
    await screen.findByText('Checklistan är sparad.');
    const patch = api.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.etag).toBe('"s,1"');
    expect(patch.body).toEqual({ items: [{ key: 'classification', done: false, note: null }, { key: 'dpa', done: true, note: 'Begärt' }] });
    cleanup();
    const ro = fakeApi().on('GET', '/suppliers/6', () => detail({ canEditChecklist: false }));
    renderWithSession(<SupplierView params={{ id: '6' }} query={new URLSearchParams()} />, { api: ro, me: ME.staff });
    const r2 = await screen.findByRole('region', { name: 'Säkerhetskrav vid anskaffning' });
    expect(within(r2).queryByRole('button', { name: 'Spara checklistan' })).toBeNull();
    expect((within(r2).getByRole('checkbox', { name: /PUB-avtal enligt SKR/ }) as HTMLInputElement).disabled).toBe(true);
    expect(within(screen.getByRole('region', { name: 'System som leverantören levererar' })).getByRole('link', { name: 'IA-008 Förskoleappen' })).toBeTruthy();
  });
});
