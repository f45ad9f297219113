/**
 * Access management: the asset's owner (or a delegate who may approve) decides; the administrative
 * unit carries out. Separation of duties (ISO/IEC 27001:2022 A.5.3, A.5.15, A.5.18; issue 17.3):
 *
 * - Nobody decides or recertifies their own access.
 * - A delegate (ersättare) decides in the owner's place only while they hold a role that may approve
 *   access — a line manager (`manager`) or the district director (`director`) — and none that carries
 *   decisions out (`admin_unit`): requesting, approving and carrying out stay with different people.
 * - Access of the owner themself is decided by someone the owner has not appointed: the owner's line
 *   manager (the one who delegated the information ownership), or — when there is none who may — the
 *   information security coordinator (ISAM). Never the owner's delegate.
 *
 * Every check takes the records as stored now (the asset, the Roles list, the directory), never what
 * a request or a card recorded.
 */
import type { DeciderCapacity } from '../access';
import type { RoleKey } from '../roles';
import { has, same, type ActorLike } from './actor';
import type { AssetOwnership } from './incidents';

/** Roles whose holders may be named delegate and decide access in an owner's place. */
export const DELEGATE_APPROVER_ROLES = ['manager', 'director'] as const satisfies readonly RoleKey[];
/** Roles that rule a person out as a delegate: the administrative unit carries decisions out. */
export const DELEGATE_EXCLUDED_ROLES = ['admin_unit'] as const satisfies readonly RoleKey[];

/** Someone who may decide a request or review, and in what capacity. */
export interface Decider {
  id: string;
  as: DeciderCapacity;
}

/** True when roles like these may decide access as a delegate. */
export function mayApproveAsDelegate(roles: ReadonlySet<RoleKey>): boolean {
  return DELEGATE_APPROVER_ROLES.some((r) => roles.has(r)) && !DELEGATE_EXCLUDED_ROLES.some((r) => roles.has(r));
}

/** Why a person may not be named delegate of an asset, or null when they may. */
export type DelegateRefusal = 'owner' | 'notAdmitted' | 'noApproverRole' | 'carriesOut';

export function delegateRefusal(candidate: { id: string; roles: ReadonlySet<RoleKey>; admitted: boolean }, asset: Pick<AssetOwnership, 'ownerId'>): DelegateRefusal | null {
  if (same(candidate.id, asset.ownerId)) return 'owner';
  if (!candidate.admitted) return 'notAdmitted';
  if (DELEGATE_EXCLUDED_ROLES.some((r) => candidate.roles.has(r))) return 'carriesOut';
  if (!DELEGATE_APPROVER_ROLES.some((r) => candidate.roles.has(r))) return 'noApproverRole';
  return null;
}

/** True when the request or grant concerns the asset owner's own access. */
export function concernsOwner(asset: AssetOwnership, subjectId: string): boolean {
  return same(subjectId, asset.ownerId);
}

/**
 * In what capacity `actor` may decide on `subjectId`'s access to the asset, or null when they may
 * not. `independent`: who decides the owner's own access now (the owner's line manager, else ISAM),
 * resolved by the use case from the directory and the Roles list; ignored for anyone else's access.
 */
export function accessDecisionCapacity(actor: ActorLike, asset: AssetOwnership, subjectId: string, independent: readonly Decider[]): DeciderCapacity | null {
  if (same(actor.id, subjectId)) return null;
  if (concernsOwner(asset, subjectId)) return independent.find((d) => same(d.id, actor.id) && !same(d.id, asset.delegateId))?.as ?? null;
  if (same(actor.id, asset.ownerId)) return 'owner';
  if (same(actor.id, asset.delegateId) && mayApproveAsDelegate(actor.roles)) return 'delegate';
  return null;
}

/** Checked against the asset as stored now, not the owner recorded on the request or the card. */
export function canDecideAccess(actor: ActorLike, asset: AssetOwnership, subjectId: string, independent: readonly Decider[] = []): boolean {
  return accessDecisionCapacity(actor, asset, subjectId, independent) !== null;
}

/**
 * A recertification review of an asset's grants: the owner, or a delegate who may approve. The
 * grants of the person reviewing are never theirs to decide (checked per grant by the use case).
 */
export function canReviewAccess(actor: ActorLike, asset: AssetOwnership): boolean {
  return same(actor.id, asset.ownerId) || (same(actor.id, asset.delegateId) && mayApproveAsDelegate(actor.roles));
}

export function canCarryOutAccess(actor: ActorLike): boolean {
  return has(actor, 'admin_unit');
}

export function canRunRecertification(actor: ActorLike): boolean {
  return has(actor, 'isam');
}

/** A manager for their own staff, or the administrative unit for anyone. */
export function canRecordLeaver(actor: ActorLike, leaverManagerId: string | null): boolean {
  return has(actor, 'admin_unit') || (has(actor, 'manager') && same(actor.id, leaverManagerId));
}
