/** Who may change the information asset inventory and its classification. */
import type { InformationAsset } from '../asset';
import { has, same, type ActorLike } from './actor';

/** Everyone in the administration may read the inventory (it names no personal data). */
export function canReadAssets(_actor: ActorLike): boolean {
  return true;
}

export function canCreateAsset(actor: ActorLike): boolean {
  return has(actor, 'isam', 'classification_lead');
}

/** ISAM, the classification lead, and the asset's owner or delegate. */
export function canEditAsset(actor: ActorLike, asset: Pick<InformationAsset, 'ownerId' | 'delegateId'>): boolean {
  return has(actor, 'isam', 'classification_lead') || same(actor.id, asset.ownerId) || same(actor.id, asset.delegateId);
}
