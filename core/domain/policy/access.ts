/** Access management: only the asset's owner (or delegate) decides; the administrative unit carries out. */
import { has, same, type ActorLike } from './actor';
import type { AssetOwnership } from './incidents';

/**
 * Checked against the asset as stored now, not the owner recorded on the request or the card.
 * Nobody decides on their own access (segregation of duties, ISO 27001 A.5.3): pass the request's
 * subject and an owner who is also the subject is refused — their delegate decides.
 */
export function canDecideAccess(actor: ActorLike, asset: AssetOwnership, subjectId?: string | null): boolean {
  if (subjectId && same(actor.id, subjectId)) return false;
  return same(actor.id, asset.ownerId) || same(actor.id, asset.delegateId);
}

/** Who gets a request's decision card: the owner and the delegate, never the subject themself. */
export function accessDeciders(asset: AssetOwnership, subjectId: string): string[] {
  return [asset.ownerId, asset.delegateId].filter((id): id is string => Boolean(id) && !same(id, subjectId));
}

/** A recertification review is the owner's (or delegate's) to decide, like a request. */
export function canReviewAccess(actor: ActorLike, asset: AssetOwnership): boolean {
  return same(actor.id, asset.ownerId) || same(actor.id, asset.delegateId);
}

export function canCarryOutAccess(actor: ActorLike): boolean {
  return has(actor, 'admin_unit');
}

/**
 * The administrative unit runs the twice-yearly revision (DOMAIN.md); ISAM may start one too. Both
 * start campaigns and follow their progress (issue 14).
 */
export function canRunRecertification(actor: ActorLike): boolean {
  return has(actor, 'isam', 'admin_unit');
}

/** A manager for their own staff, or the administrative unit for anyone. */
export function canRecordLeaver(actor: ActorLike, leaverManagerId: string | null): boolean {
  return has(actor, 'admin_unit') || (has(actor, 'manager') && same(actor.id, leaverManagerId));
}
