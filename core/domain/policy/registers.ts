/**
 * Who may see what in the tab's registers and overview (issue 5). The tab only hides; the API checks
 * these against stored records.
 */
import type { AccessRequest, AccessReview } from '../access';
import type { InformationAsset } from '../asset';
import { has, same, type ActorLike } from './actor';

/**
 * The inventory's governance fields — id, owner and the administration's priority order — are set
 * by ISAM and the classification lead; an owner keeps the rest of their asset up to date.
 */
export function canGovernAssetRegister(actor: ActorLike): boolean {
  return has(actor, 'isam', 'classification_lead');
}

/** The fields only `canGovernAssetRegister` may change; `canEditAsset` decides the rest. */
export const GOVERNED_ASSET_FIELDS: readonly (keyof InformationAsset)[] = ['code', 'ownerId', 'priority'];

/** The administrative unit and ISAM see every request; others see those they asked for, are the subject of, or decide. */
export function canViewAccessRequest(actor: ActorLike, request: Pick<AccessRequest, 'requesterId' | 'subjectId' | 'ownerId' | 'delegateId'>): boolean {
  if (has(actor, 'isam', 'admin_unit')) return true;
  return [request.requesterId, request.subjectId, request.ownerId, request.delegateId].some((id) => same(actor.id, id));
}

/** Recertification progress: ISAM and the administrative unit for every review, owners for their own. */
export function canViewAccessReview(actor: ActorLike, review: Pick<AccessReview, 'ownerId'>): boolean {
  return has(actor, 'isam', 'admin_unit') || same(actor.id, review.ownerId);
}
