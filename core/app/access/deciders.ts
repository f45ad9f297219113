/**
 * Who decides access (separation of duties, issue 17.3; the rules are core/domain/policy/access.ts):
 * the owner and a delegate who may approve — or, for the owner's own access, the owner's line
 * manager, else the information security coordinator. Resolved from the records as they are now:
 * the asset, the directory (the owner's manager) and the Roles list.
 */
import { concernsOwner, mayApproveAsDelegate, same, type AssetOwnership, type Decider } from '../../domain';
import { holdersOf, isAdmitted, rolesOf } from '../people';
import type { Deps } from '../platform';

/**
 * Who decides the owner's own access: the owner's line manager when the directory names one who may
 * use LIS and who is not the owner's delegate (an appointee of the owner); otherwise every ISAM who is
 * neither the owner nor the delegate. ISAM is the fallback only — an access decision is the line's,
 * and the coordinator's independence is what lets them review access later.
 */
export async function independentApprovers(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, asset: AssetOwnership): Promise<Decider[]> {
  const owner = await deps.directory.getPerson(asset.ownerId);
  const managerId = owner?.managerAadObjectId ?? null;
  if (managerId && !same(managerId, asset.ownerId) && !same(managerId, asset.delegateId)) {
    const manager = await deps.directory.getPerson(managerId);
    if (manager && isAdmitted(manager)) return [{ id: manager.aadObjectId, as: 'line_manager' }];
  }
  return (await holdersOf(deps, 'isam')).filter((id) => !same(id, asset.ownerId) && !same(id, asset.delegateId)).map((id) => ({ id, as: 'isam' as const }));
}

/** Everyone who may decide on `subjectId`'s access to the asset now (the decision cards go to them). */
export async function decidersOf(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, asset: AssetOwnership, subjectId: string): Promise<Decider[]> {
  if (concernsOwner(asset, subjectId)) return (await independentApprovers(deps, asset)).filter((d) => !same(d.id, subjectId));
  const out: Decider[] = [];
  if (!same(asset.ownerId, subjectId)) out.push({ id: asset.ownerId, as: 'owner' });
  if (asset.delegateId && !same(asset.delegateId, subjectId) && mayApproveAsDelegate(await rolesOf(deps, asset.delegateId))) out.push({ id: asset.delegateId, as: 'delegate' });
  return out;
}

/**
 * The people who may decide, for a decision being checked: the independent approvers when the
 * subject is the owner (others are decided on the actor's own roles, which the caller has).
 */
export async function independentFor(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, asset: AssetOwnership, subjectId: string): Promise<Decider[]> {
  return concernsOwner(asset, subjectId) ? independentApprovers(deps, asset) : [];
}
