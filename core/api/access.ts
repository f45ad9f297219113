/** Behörigheter, read-only in the tab: access requests, the access register (grants) and the recertification campaigns. */
import { z } from 'zod';
import { AccessRequestKind, AccessRequestStatus, ACCESS_GRANT_STATUSES, DeciderCapacity } from '../domain';
import { Count, CursorParam, Day, Instant, Month, NextCursor, PageSize, PersonRef, RecordRef, Scope, type Routes } from './common';

export const AccessGrantStatus = z.enum(ACCESS_GRANT_STATUSES);
export type AccessGrantStatus = z.infer<typeof AccessGrantStatus>;

/** `GET /access/requests?status=`: newest first. */
export const AccessRequestListQuery = z.object({ status: AccessRequestStatus.optional(), pageSize: PageSize, cursor: CursorParam.optional() });
/** `GET /access/grants?status=`: by system. */
export const AccessGrantListQuery = z.object({ status: AccessGrantStatus.optional(), pageSize: PageSize, cursor: CursorParam.optional() });
export type AccessRequestListQuery = z.input<typeof AccessRequestListQuery>;
export type AccessGrantListQuery = z.input<typeof AccessGrantListQuery>;

/** The system a request, grant or review is about; null when the asset no longer exists. */
const AssetRef = RecordRef.nullable();

export const AccessRequestRow = z.strictObject({
  id: z.string(),
  kind: AccessRequestKind,
  status: AccessRequestStatus,
  subject: PersonRef,
  requester: PersonRef,
  asset: AssetRef,
  role: z.string(),
  validUntil: Day.nullable(),
  requestedAt: Instant,
  decidedBy: PersonRef.nullable(),
  /** The capacity the decision was made in: owner, delegate, the owner's line manager, ISAM (issue 17.3). */
  decidedAs: DeciderCapacity.nullable(),
  decidedAt: Instant.nullable(),
  completedAt: Instant.nullable(),
});
export type AccessRequestRow = z.infer<typeof AccessRequestRow>;

export const AccessGrantRow = z.strictObject({
  id: z.string(),
  subject: PersonRef,
  asset: AssetRef,
  role: z.string(),
  status: AccessGrantStatus,
  grantedAt: Instant,
  validUntil: Day.nullable(),
  /**
   * Who approved the grant — the decision on the request that created or last changed it — and in
   * what capacity, so that the administrative unit sees who approved what (issue 17.3). Null for
   * grants recorded without a decision in LIS (imported, or seeded).
   */
  approval: z.strictObject({ requestId: z.string(), by: PersonRef.nullable(), as: DeciderCapacity.nullable(), at: Instant.nullable() }).nullable(),
  /** The latest recertification decision on this grant: what, when, by whom and in what capacity. */
  lastReview: z.strictObject({ decision: z.enum(['keep', 'remove']), decidedAt: Instant, decidedBy: PersonRef, decidedAs: DeciderCapacity.nullable() }).nullable(),
});
export type AccessGrantRow = z.infer<typeof AccessGrantRow>;

export const AccessReviewRow = z.strictObject({
  id: z.string(),
  asset: AssetRef,
  owner: PersonRef,
  status: z.enum(['open', 'completed']),
  dueAt: Instant,
  total: Count,
  kept: Count,
  removed: Count,
  completedAt: Instant.nullable(),
});
export type AccessReviewRow = z.infer<typeof AccessReviewRow>;

export const AccessCampaignRow = z.strictObject({
  id: z.string(),
  name: z.string(),
  period: Month,
  status: z.enum(['running', 'completed']),
  startedAt: Instant,
  dueAt: Instant,
  completedAt: Instant.nullable(),
  reviews: z.array(AccessReviewRow),
  /** Reviews in the campaign the actor may not see (counted, not shown). */
  hiddenReviews: Count,
});
export type AccessCampaignRow = z.infer<typeof AccessCampaignRow>;

export const AccessRequestPage = z.strictObject({ items: z.array(AccessRequestRow), cursor: NextCursor, scope: Scope });
export type AccessRequestPage = z.infer<typeof AccessRequestPage>;
export const AccessGrantPage = z.strictObject({ items: z.array(AccessGrantRow), cursor: NextCursor, scope: Scope });
export type AccessGrantPage = z.infer<typeof AccessGrantPage>;
/** `GET /access/campaigns`: the newest campaigns with the reviews the actor may see. */
export const AccessCampaignList = z.strictObject({ campaigns: z.array(AccessCampaignRow) });
export type AccessCampaignList = z.infer<typeof AccessCampaignList>;

export const ACCESS_ROUTES = {
  'GET /access/requests': { query: AccessRequestListQuery, response: AccessRequestPage },
  'GET /access/grants': { query: AccessGrantListQuery, response: AccessGrantPage },
  'GET /access/campaigns': { response: AccessCampaignList },
} satisfies Routes;
