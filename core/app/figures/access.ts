/**
 * Access figures: the open access requests by status (the organisation's backlog: pending an owner's
 * decision, approved and waiting for the administrative unit, in progress), and each information
 * asset's active grants (what a recertification campaign would cover).
 *
 * Both are recounted from bounded queries: the open requests of one status (bounded by the backlog —
 * open requests are work someone has to do), and one asset's active grants (`assetKey eq
 * '<asset>|active'`: bounded by the asset's users × roles).
 */
import { openOrYear } from '../../domain';
import { readUpTo, firstPages, type Deps } from '../platform';
import { saveFigures } from './store';
import { ORG, assetScope } from './scopes';

export interface OpenRequests {
  pending: number;
  approved: number;
  inProgress: number;
}

const LIMIT = 4_995;

export async function recountOpenRequests(deps: Pick<Deps, 'store' | 'clock'>): Promise<number> {
  const readAt = deps.clock.now().toISOString();
  const [pending, approved, inProgress, existing] = await Promise.all([
    readUpTo(deps.store, 'AccessRequests', { where: [{ field: 'status', op: 'eq', value: 'pending' }] }, LIMIT),
    readUpTo(deps.store, 'AccessRequests', { where: [{ field: 'status', op: 'eq', value: 'approved' }] }, LIMIT),
    readUpTo(deps.store, 'AccessRequests', { where: [{ field: 'status', op: 'eq', value: 'in_progress' }] }, LIMIT),
    deps.store.findByKeys('Figures', [`figure:access-requests:${ORG}:current`]),
  ]);
  const values: OpenRequests = { pending: pending.items.length, approved: approved.items.length, inProgress: inProgress.items.length };
  return saveFigures(deps, [{ name: 'access-requests', scope: ORG, period: 'current', values: { ...values }, sourceItems: values.pending + values.approved + values.inProgress }], readAt, existing);
}

/** Active grants of one asset. */
export async function recountAssetGrants(deps: Pick<Deps, 'store' | 'clock'>, assetId: string): Promise<number> {
  const readAt = deps.clock.now().toISOString();
  const scope = assetScope(assetId);
  const [active, existing] = await Promise.all([
    readUpTo(deps.store, 'AccessGrants', { where: [{ field: 'assetKey', op: 'eq', value: openOrYear(assetId, 'active') }] }, LIMIT),
    deps.store.findByKeys('Figures', [`figure:access-grants:${scope}:current`]),
  ]);
  return saveFigures(deps, [{ name: 'access-grants', scope, period: 'current', values: { active: active.items.length }, sourceItems: active.items.length }], readAt, existing);
}

/** Active grants per asset id, from the kept figures (one query: one item per asset with grants). */
export async function activeGrantsPerAsset(deps: Pick<Deps, 'store'>): Promise<Map<string, number>> {
  const [figures] = await firstPages(deps.store, 'Figures', [{ where: [{ field: 'name', op: 'eq', value: 'access-grants' }], pageSize: 999 }]);
  const out = new Map<string, number>();
  for (const f of figures ?? []) {
    const n = Number((f.data.values as { active?: number }).active ?? 0);
    if (n > 0) out.set(f.data.scope.replace(/^asset:/, ''), n);
  }
  return out;
}
