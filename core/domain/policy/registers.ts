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

/** The procurement security checklist of a supplier: ISAM and the IT security officer keep it up to date. Everyone may read the supplier register. */
export function canEditSupplierChecklist(actor: ActorLike): boolean {
  return has(actor, 'isam', 'itsec');
}

/**
 * The record of processing (GDPR art. 30) names purposes, categories and recipients — no data
 * subjects — and staff should be able to see how personal data is processed: everyone may read it.
 */
export function canReadProcessingRecord(_actor: ActorLike): boolean {
  return true;
}

/**
 * Impact assessments (art. 35) describe risks and weaknesses in detail: the DSO and ISAM see every
 * one; the owner of the processing sees those of their processing; others see that one exists and
 * its status, not its content.
 */
export function canReadImpactAssessment(actor: ActorLike, processing: { ownerId: string } | null): boolean {
  return has(actor, 'dso', 'isam') || same(actor.id, processing?.ownerId);
}

/** Improvement actions: ISAM creates and edits them; the owner of an action updates its status. */
export function canManageImprovements(actor: ActorLike): boolean {
  return has(actor, 'isam');
}

export function canUpdateImprovementStatus(actor: ActorLike, action: { ownerId: string }): boolean {
  return has(actor, 'isam') || same(actor.id, action.ownerId);
}

/**
 * Training completion per person is personal data: ISAM, the administrative unit (which imports
 * it) and the director see everyone; a manager sees the people of their own unit; everyone sees
 * the totals per unit and their own courses.
 */
export function canSeeTrainingOfUnit(actor: ActorLike, unit: string | null): boolean {
  if (has(actor, 'isam', 'admin_unit', 'director')) return true;
  return has(actor, 'manager') && Boolean(unit) && actor.unit === unit;
}

/** The access register: ISAM and the administrative unit see every grant; owners (and delegates) those in their systems; each person their own. */
export function canViewAccessGrant(actor: ActorLike, grant: { subjectId: string }, asset: { ownerId: string; delegateId: string | null } | null): boolean {
  if (has(actor, 'isam', 'admin_unit')) return true;
  return same(actor.id, grant.subjectId) || Boolean(asset && (same(actor.id, asset.ownerId) || same(actor.id, asset.delegateId)));
}

/**
 * The management review: ISAM owns the draft (DOMAIN.md); the director receives it and records the
 * decision. ISAM, the IT security officer, the DSO and the director read it.
 */
export const canManageReviews = (actor: ActorLike) => has(actor, 'isam');
export const canDecideReview = (actor: ActorLike) => has(actor, 'director');
export const canReadReviews = (actor: ActorLike) => has(actor, 'isam', 'itsec', 'dso', 'director');
