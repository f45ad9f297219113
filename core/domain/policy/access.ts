/** Access management: only the asset's owner (or delegate) decides; the administrative unit carries out. */
import { has, same, type ActorLike } from './actor';
import type { AssetOwnership } from './incidents';

/** Checked against the asset as stored now, not the owner recorded on the request or the card. */
export function canDecideAccess(actor: ActorLike, asset: AssetOwnership): boolean {
  return same(actor.id, asset.ownerId) || same(actor.id, asset.delegateId);
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
