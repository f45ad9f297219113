/**
 * Access management (behörighetshantering): requests decided by the information owner, the grants
 * register the administrative unit keeps, recertification reviews and leavers. DOMAIN.md; ISO 27001 A.5.15–5.18.
 */
import { z } from 'zod';
import { SYSTEM_ACTOR } from './audit';
import { ACCESS_GRANT_STATUSES, ACCESS_REQUEST_STATUSES } from './choices';
import { AadObjectId, CalendarDate, ItemId, Line, OptionalText, UtcDateTime, i18nKey } from './common';

export const ACCESS_REQUEST_KINDS = ['new', 'change', 'termination'] as const;
export const AccessRequestKind = z.enum(ACCESS_REQUEST_KINDS);
export type AccessRequestKind = z.infer<typeof AccessRequestKind>;

export const AccessRequestStatus = z.enum(ACCESS_REQUEST_STATUSES);
export type AccessRequestStatus = z.infer<typeof AccessRequestStatus>;

/**
 * What started a request. `request`: a person asked and the owner decides. The others are termination
 * tasks for the administrative unit that need no new decision: a grant passed its valid-until date
 * (`expiry`), an owner chose "remove" in a recertification review (`recertification`), or the person
 * left (`leaver`). Absent on records written before the field existed: read as `request`.
 */
export const ACCESS_REQUEST_ORIGINS = ['request', 'expiry', 'recertification', 'leaver'] as const;
export const AccessRequestOrigin = z.enum(ACCESS_REQUEST_ORIGINS);
export type AccessRequestOrigin = z.infer<typeof AccessRequestOrigin>;

/**
 * In what capacity a person decided (separation of duties, core/domain/policy/access.ts): the
 * information owner, the owner's delegate (a manager), or — for the owner's own access — the owner's
 * line manager or the information security coordinator.
 */
export const DECIDER_CAPACITIES = ['owner', 'delegate', 'line_manager', 'isam'] as const;
export const DeciderCapacity = z.enum(DECIDER_CAPACITIES);
export type DeciderCapacity = z.infer<typeof DeciderCapacity>;

export const AccessRequest = z
  .object({
    kind: AccessRequestKind,
    /** The person who is to get, change or lose the access. */
    subjectId: AadObjectId,
    /**
     * Who asked: the person who filled in the request; for tasks the system starts, the person whose
     * decision started it (the owner in a review, whoever recorded the leaver) or, when nobody did
     * (expiry, a disabled account), the subject.
     */
    requesterId: AadObjectId,
    assetId: ItemId,
    /** Role or permission level, in the system's own words ("Handläggare", "Läsbehörighet"). */
    role: Line(200),
    justification: OptionalText(2_000),
    validUntil: CalendarDate.nullable(),
    /** For change and termination: the grant concerned. */
    grantId: ItemId.nullable(),
    /** Owner (and delegate) resolved from the asset when the request was made. */
    ownerId: AadObjectId,
    delegateId: AadObjectId.nullable(),
    status: AccessRequestStatus,
    decidedBy: AadObjectId.nullable(),
    decidedAt: UtcDateTime.nullable(),
    /** The capacity `decidedBy` decided in; absent on decisions recorded before it was kept. */
    decidedAs: DeciderCapacity.nullish(),
    decisionComment: OptionalText(2_000),
    takenBy: AadObjectId.nullable(),
    takenAt: UtcDateTime.nullable(),
    completedBy: AadObjectId.nullable(),
    completedAt: UtcDateTime.nullable(),
    requestedAt: UtcDateTime,
    origin: AccessRequestOrigin.nullish(),
  })
  .superRefine((v, ctx) => {
    const origin = v.origin ?? 'request';
    if (v.kind !== 'termination' && !v.justification) {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: i18nKey('access.justificationRequired') });
    }
    if (v.kind !== 'new' && !v.grantId) {
      ctx.addIssue({ code: 'custom', path: ['grantId'], message: i18nKey('access.grantRequired') });
    }
    // Expiry and automatic leaver tasks were decided by a date, not by a person: no decider then.
    const decider = origin === 'request' || origin === 'recertification' ? Boolean(v.decidedBy && v.decidedAt) : Boolean(v.decidedAt);
    if (['approved', 'denied', 'in_progress', 'done'].includes(v.status) && !decider) {
      ctx.addIssue({ code: 'custom', path: ['decidedBy'], message: i18nKey('access.decisionMissing') });
    }
    if (origin !== 'request' && v.kind !== 'termination') {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: i18nKey('access.taskIsTermination') });
    }
  });
export type AccessRequest = z.infer<typeof AccessRequest>;

export const REMOVAL_REASONS = ['request', 'recertification', 'leaver', 'expiry', 'other'] as const;

export const ReviewDecision = z.object({
  campaignId: Line(100),
  decision: z.enum(['keep', 'remove']),
  decidedBy: AadObjectId,
  decidedAt: UtcDateTime,
  /** The reviewer's capacity (absent on decisions recorded before it was kept). */
  decidedAs: DeciderCapacity.nullish(),
  /**
   * The save that made the decision (its operation key): a retry of that save after a crash between
   * the grant updates and their follow-ups (tasks, audit) recognises its own decisions and completes
   * them. Absent on decisions recorded before it was kept.
   */
  operation: Line(100).nullish(),
});

/** The register of who has which access (Behörighetsregister). */
export const AccessGrant = z.object({
  subjectId: AadObjectId,
  assetId: ItemId,
  role: Line(200),
  status: z.enum(ACCESS_GRANT_STATUSES),
  grantedAt: UtcDateTime,
  validUntil: CalendarDate.nullable(),
  requestId: ItemId.nullable(),
  removedAt: UtcDateTime.nullable(),
  removedBy: AadObjectId.nullable(),
  removalReason: z.enum(REMOVAL_REASONS).nullable(),
  /** The latest recertification decision on this grant. */
  lastReview: ReviewDecision.nullable(),
});
export type AccessGrant = z.infer<typeof AccessGrant>;

/**
 * One owner's review of one asset's grants in a recertification campaign. Decisions live on the
 * grants (`lastReview`) so that a review of thousands of grants never outgrows one list item.
 */
export const AccessReview = z.object({
  campaignId: Line(100),
  campaignName: Line(200),
  assetId: ItemId,
  /** Who reviews: the asset's owner at the start — or, for `subjectId`'s own grants, the independent reviewer. */
  ownerId: AadObjectId,
  /**
   * Set when the review covers only this person's grants: the asset owner's own access, reviewed by
   * someone the owner has not appointed (their line manager, else ISAM; issue 17.3).
   */
  subjectId: AadObjectId.nullish(),
  /** Set on the owner's review when the owner's own grants are reviewed apart (in the review above). */
  exceptSubjectId: AadObjectId.nullish(),
  /** The reviewer's capacity: `owner`, or `line_manager` / `isam` for an owner's own grants. */
  reviewerAs: DeciderCapacity.nullish(),
  status: z.enum(['open', 'completed']),
  startedAt: UtcDateTime,
  dueAt: UtcDateTime,
  total: z.number().int().min(0),
  kept: z.number().int().min(0),
  removed: z.number().int().min(0),
  lastReminderAt: UtcDateTime.nullable(),
  completedAt: UtcDateTime.nullable(),
});
export type AccessReview = z.infer<typeof AccessReview>;

/** A recertification campaign (behörighetsrevision): one per period, started by ISAM. */
export const AccessCampaign = z.object({
  name: Line(200),
  /** E.g. `2026-03`: the scheduler proposes one per configured month. */
  period: z.string().max(7).regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  status: z.enum(['running', 'completed']),
  startedBy: AadObjectId,
  startedAt: UtcDateTime,
  dueAt: UtcDateTime,
  completedAt: UtcDateTime.nullable(),
});
export type AccessCampaign = z.infer<typeof AccessCampaign>;

/** End of employment: on `lastDay` every active grant of the person becomes a termination task. */
export const Leaver = z.object({
  personId: AadObjectId,
  lastDay: CalendarDate,
  /** A manager or the administrative unit; `system` when the directory reported the account disabled. */
  recordedBy: z.union([AadObjectId, z.literal(SYSTEM_ACTOR)]),
  recordedAt: UtcDateTime,
  processedAt: UtcDateTime.nullable(),
});
export type Leaver = z.infer<typeof Leaver>;
