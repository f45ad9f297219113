/**
 * Start: each person's home in the tab — what they can do (report an incident, request access),
 * their own cases and training, and, by role, what waits for them: access decisions for owners,
 * investigations for line managers, legal deadlines for ISAM, IT security and the DSO, access
 * changes to carry out for the administrative unit. The access request form and the owner's
 * decision are here too: the same use cases as the bot's cards.
 */
import { z } from 'zod';
import { AccessRequestKind, AccessRequestOrigin, AccessRequestStatus, ClockKind, DeciderCapacity, IncidentCategory, IncidentStatus } from '../domain';
import { AccessGrantStatus } from './access';
import { Count, Day, Instant, PersonRef, RecordRef, type Routes } from './common';

/**
 * A few items of a list that may be longer: `total` is how many were found, `capped` true when the
 * bounded read stopped before the end (then `total` is "at least").
 */
export const boundedOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), total: Count, capped: z.boolean() });
export type Bounded<T> = { items: T[]; total: number; capped: boolean };

/**
 * Where a card lives in Teams: `message` opens the message itself (a channel or group chat), `chat`
 * the person's chat with LIS, where the card is (Bot Framework names a 1:1 chat `a:…`, which a deep
 * link to a message cannot use).
 */
export const ChatLink = z.strictObject({ url: z.string(), opens: z.enum(['message', 'chat']) });
export type ChatLink = z.infer<typeof ChatLink>;

/** A person with their unit (the access forms show both). */
export const PersonInUnit = z.strictObject({ id: z.string(), name: z.string().nullable(), unit: z.string().nullable() });
export type PersonInUnit = z.infer<typeof PersonInUnit>;

export const MyIncident = z.strictObject({
  id: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  category: IncidentCategory,
  status: IncidentStatus,
  reportedAt: Instant,
});
export type MyIncident = z.infer<typeof MyIncident>;

/** An access request the person asked for, or is the subject of. */
export const MyRequest = z.strictObject({
  id: z.string(),
  kind: AccessRequestKind,
  status: AccessRequestStatus,
  subject: PersonRef,
  /** True when the person asked for their own access. */
  forSelf: z.boolean(),
  asset: RecordRef.nullable(),
  role: z.string(),
  requestedAt: Instant,
  decidedAt: Instant.nullable(),
  /** The owner's reason, when the request was denied. */
  comment: z.string().nullable(),
});
export type MyRequest = z.infer<typeof MyRequest>;

/**
 * A mandatory course and where the person stands: `done` (valid), `expiring` (runs out within 60
 * days), `expired`, `missing`.
 */
export const MyCourse = z.strictObject({
  code: z.string(),
  name: z.string(),
  audience: z.enum(['all', 'management']),
  status: z.enum(['done', 'expiring', 'expired', 'missing']),
  completedAt: Day.nullable(),
  validUntil: Day.nullable(),
});
export type MyCourse = z.infer<typeof MyCourse>;

/** An access request waiting for the person's decision, with what they need to decide it here. */
export const DecisionItem = z.strictObject({
  id: z.string(),
  /** The request as read: send it back in If-Match with the decision. */
  etag: z.string(),
  kind: AccessRequestKind,
  role: z.string(),
  subject: PersonInUnit,
  requester: PersonInUnit,
  asset: RecordRef.nullable(),
  justification: z.string().nullable(),
  validUntil: Day.nullable(),
  /** For a change or an end of access: the grant as it is now. */
  grant: z.strictObject({ role: z.string(), validUntil: Day.nullable() }).nullable(),
  requestedAt: Instant,
  /**
   * In what capacity the person decides: the owner, the owner's delegate, or — for the owner's own
   * access — the owner's line manager, else ISAM (separation of duties).
   */
  as: DeciderCapacity,
  /** The decision card in Teams, when it has been delivered and a link can be made. */
  chat: ChatLink.nullable(),
});
export type DecisionItem = z.infer<typeof DecisionItem>;

/** A recertification review the person (as owner) has to finish. */
export const ReviewItem = z.strictObject({
  id: z.string(),
  campaignName: z.string(),
  asset: RecordRef.nullable(),
  dueAt: Instant,
  overdue: z.boolean(),
  total: Count,
  decided: Count,
});
export type ReviewItem = z.infer<typeof ReviewItem>;

/** An incident the person investigates as the reporter's line manager. */
export const HomeInvestigation = z.strictObject({
  id: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  status: IncidentStatus,
  dueAt: Instant,
  overdue: z.boolean(),
});
export type HomeInvestigation = z.infer<typeof HomeInvestigation>;

/** A deadline that runs on an incident: a legal one (MCF, IMY, the people concerned) or the investigation. */
export const DueItem = z.strictObject({
  incidentId: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  kind: ClockKind,
  /** Set by law (Cybersäkerhetslagen, GDPR), not by the organisation. */
  legal: z.boolean(),
  /** Running as a precaution: nobody has yet decided whether the obligation applies. */
  provisional: z.boolean(),
  dueAt: Instant,
  overdue: z.boolean(),
  personalData: z.boolean(),
});
export type DueItem = z.infer<typeof DueItem>;

/** A reported incident nobody has assessed yet (the early warning's 24 hours run from awareness). */
export const UnassessedItem = z.strictObject({
  id: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  category: IncidentCategory,
  reportedAt: Instant,
  personalData: z.boolean(),
});
export type UnassessedItem = z.infer<typeof UnassessedItem>;

/** An approved access change the administrative unit is to carry out. */
export const TaskItem = z.strictObject({
  id: z.string(),
  kind: AccessRequestKind,
  status: AccessRequestStatus,
  subject: PersonRef,
  asset: RecordRef.nullable(),
  role: z.string(),
  decidedAt: Instant.nullable(),
});
export type TaskItem = z.infer<typeof TaskItem>;

/** `GET /home`: a section is null when the person's roles and records give them none. */
export const HomeView = z.strictObject({
  /** Europe/Stockholm calendar date. */
  today: Day,
  generatedAt: Instant,
  mine: z.strictObject({
    incidents: boundedOf(MyIncident),
    requests: boundedOf(MyRequest),
    training: z.strictObject({ courses: z.array(MyCourse), complete: z.boolean() }),
  }),
  /** Owners and delegates. */
  decisions: boundedOf(DecisionItem).nullable(),
  reviews: boundedOf(ReviewItem).nullable(),
  /** Line managers. */
  investigations: boundedOf(HomeInvestigation).nullable(),
  /** ISAM, IT security and the DSO (personal-data incidents only): legal deadlines first, soonest first. */
  due: z.strictObject({ deadlines: boundedOf(DueItem), unassessed: boundedOf(UnassessedItem) }).nullable(),
  /** The administrative unit. */
  tasks: boundedOf(TaskItem).nullable(),
});
export type HomeView = z.infer<typeof HomeView>;

// ── the access request form ──────────────────────────────────────────────

/** `GET /access/request-form?kind=&subjectId=&assetId=`: the form's choices for what is chosen so far. */
export const RequestFormQuery = z.object({
  kind: AccessRequestKind.optional(),
  subjectId: z.string().max(100).optional(),
  assetId: z.string().max(20).optional(),
});
export type RequestFormQuery = z.input<typeof RequestFormQuery>;

export const RequestFormOptions = z.strictObject({
  self: PersonInUnit,
  /** Nearest colleagues (same manager, and one's own staff): the people picker also searches everyone. */
  people: z.array(PersonInUnit),
  /** The first systems of the register by code; the form searches for the rest. */
  assets: z.array(RecordRef),
  /** The chosen person's active grants in the chosen system (for a change or an end of access). */
  grants: z.array(z.strictObject({ id: z.string(), role: z.string(), validUntil: Day.nullable() })),
});
export type RequestFormOptions = z.infer<typeof RequestFormOptions>;

/** `POST /access/requests` (Idempotency-Key: one per filled-in form): the bot's request card, as a form. */
export const AccessRequestInput = z.object({
  kind: z.string().nullable(),
  subjectId: z.string().nullable(),
  assetId: z.string().nullable(),
  role: z.string().nullable(),
  justification: z.string().nullable(),
  validUntil: z.string().nullable(),
  grantId: z.string().nullable(),
});
export type AccessRequestInput = z.input<typeof AccessRequestInput>;

/** One access request as its people see it (the request card's content). */
export const AccessRequestDetail = z.strictObject({
  id: z.string(),
  kind: AccessRequestKind,
  status: AccessRequestStatus,
  origin: AccessRequestOrigin,
  subject: PersonInUnit,
  requester: PersonInUnit,
  asset: RecordRef.nullable(),
  role: z.string(),
  grant: z.strictObject({ id: z.string(), role: z.string(), validUntil: Day.nullable(), status: AccessGrantStatus }).nullable(),
  justification: z.string().nullable(),
  validUntil: Day.nullable(),
  deciders: z.array(PersonInUnit.extend({ as: DeciderCapacity })),
  decidedBy: PersonInUnit.nullable(),
  decidedAs: DeciderCapacity.nullable(),
  decidedAt: Instant.nullable(),
  comment: z.string().nullable(),
  takenBy: PersonInUnit.nullable(),
  takenAt: Instant.nullable(),
  completedBy: PersonInUnit.nullable(),
  completedAt: Instant.nullable(),
  requestedAt: Instant,
});
export type AccessRequestDetail = z.infer<typeof AccessRequestDetail>;

/** `POST /access/requests/:id/decision` (If-Match: the etag the decision was made on). */
export const AccessDecisionInput = z.object({
  decision: z.enum(['approve', 'deny']),
  comment: z.string().max(4_000).nullish(),
});
export type AccessDecisionInput = z.input<typeof AccessDecisionInput>;

/**
 * The decision's result: `decided` by this call, `already` decided by this person before (a double
 * click). A 409 answer carries the same shape in `current`: someone else decided first (`lost`),
 * or the request was no longer waiting when the person decided on what they saw (`stale`).
 */
export const AccessDecisionResult = z.strictObject({
  outcome: z.enum(['decided', 'already', 'lost', 'stale']),
  request: AccessRequestDetail,
  etag: z.string(),
});
export type AccessDecisionResult = z.infer<typeof AccessDecisionResult>;

export const HOME_ROUTES = {
  'GET /home': { response: HomeView },
  'GET /access/request-form': { query: RequestFormQuery, response: RequestFormOptions },
  'POST /access/requests': { body: AccessRequestInput, response: AccessRequestDetail },
  'POST /access/requests/:id/decision': { body: AccessDecisionInput, response: AccessDecisionResult },
} satisfies Routes;
