/** Översikt: what needs the signed-in person now, and the state of the LIS in figures. */
import { z } from 'zod';
import { AccessRequestKind, ClockKind, IncidentCategory, IncidentStatus } from '../domain';
import { Count, Day, Instant, listedOf, Month, PersonRef, RecordRef, type Routes } from './common';

/** An access request waiting for the actor's decision. */
export const ApprovalItem = z.strictObject({
  id: z.string(),
  kind: AccessRequestKind,
  role: z.string(),
  subject: PersonRef,
  asset: RecordRef.nullable(),
  requestedAt: Instant,
});
export type ApprovalItem = z.infer<typeof ApprovalItem>;

/** An incident the actor investigates (as the reporter's line manager). */
export const InvestigationItem = z.strictObject({
  id: z.string(),
  /** INC-2026-0042 */
  caseNumber: z.string(),
  title: z.string(),
  category: IncidentCategory,
  status: IncidentStatus,
  reportedAt: Instant,
  dueAt: Instant,
  overdue: z.boolean(),
});
export type InvestigationItem = z.infer<typeof InvestigationItem>;

/** A running legal clock the actor answers for. */
export const ClockItem = z.strictObject({
  incidentId: z.string(),
  caseNumber: z.string(),
  incidentTitle: z.string(),
  kind: ClockKind,
  dueAt: Instant,
  overdue: z.boolean(),
});
export type ClockItem = z.infer<typeof ClockItem>;

/** An asset whose classification is missing or due for review. */
export const AssetReviewItem = RecordRef.extend({ state: z.enum(['unclassified', 'classified', 'review_due']), nextReviewAt: Day.nullable() });
export type AssetReviewItem = z.infer<typeof AssetReviewItem>;

/** `GET /dashboard`. */
export const Dashboard = z.strictObject({
  /** Europe/Stockholm calendar date the figures are for. */
  today: Day,
  generatedAt: Instant,
  mine: z.strictObject({
    approvals: listedOf(ApprovalItem),
    investigations: listedOf(InvestigationItem),
    clocks: listedOf(ClockItem),
    assetReviews: listedOf(AssetReviewItem),
  }),
  /** `counts[m][c]`: incidents reported in `months[m]` (Stockholm) of `categories[c]`, among those the actor may see. */
  incidentsPerMonth: z.strictObject({ months: z.array(Month), categories: z.array(IncidentCategory), counts: z.array(z.array(Count)), total: Count }),
  /**
   * Legal reporting clocks (Cybersäkerhetslagen, GDPR art. 33) of incidents reported in the period:
   * sent on time (completedAt ≤ dueAt), sent late, past due and unsent, running. A report decided
   * "not required" is not counted.
   */
  reporting: z.strictObject({ onTime: Count, late: Count, overdue: Count, running: Count }),
  accessRequests: z.strictObject({ pending: Count, approved: Count, inProgress: Count }),
  recertification: z
    .strictObject({
      campaignId: z.string(),
      campaignName: z.string(),
      dueAt: Instant,
      reviews: Count,
      completedReviews: Count,
      grants: Count,
      kept: Count,
      removed: Count,
    })
    .nullable(),
  classification: z.strictObject({ total: Count, classified: Count, reviewDue: Count, unclassified: Count, level4: Count }),
  /** Mandatory courses: completions that count now, of those required, per unit. */
  training: z.strictObject({
    units: z.array(z.strictObject({ unit: z.string(), people: Count, required: Count, completed: Count })),
    required: Count,
    completed: Count,
  }),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const OVERVIEW_ROUTES = {
  'GET /dashboard': { response: Dashboard },
} satisfies Routes;
