/**
 * Ledningens genomgång: the management review. ISAM creates the review of a period and writes it;
 * sending it for decision freezes its figures; the director records the decision with the registry
 * number, after which it is locked. Figures come from kept figures and bounded queries
 * (core/app/reviews/figures.ts), each with the tab route of the records it counts.
 */
import { z } from 'zod';
import { ACCESS_REQUEST_KINDS, ACCESS_REQUEST_STATUSES, CLOCK_KINDS, FINDING_KINDS, IMPROVEMENT_STATUSES, INCIDENT_CATEGORIES, REVIEW_AREAS, REVIEW_SECTIONS, RISK_LEVELS, RISK_TREATMENTS, ReviewProposal } from '../domain';
import { Count, Day, Instant, Month, PersonRef, type Routes } from './common';
import { DocxFile } from './incidents';
import { Removed } from './registers';

/** A tab route (`#/incidents?from=…`) that lists the records a figure counts; null when the tab has no list of them. */
const Href = z.string().max(500).nullable();

export const ReviewFigures = z.strictObject({
  from: Day,
  to: Day,
  /** When the figures were read (frozen figures: when the review was sent for decision). */
  computedAt: Instant,
  incidents: z.strictObject({
    total: Count,
    href: Href,
    byCategory: z.array(z.strictObject({ category: z.enum(INCIDENT_CATEGORIES), n: Count, href: Href })),
    byMonth: z.array(z.strictObject({ month: Month, total: Count, byCategory: z.record(z.string(), Count), href: Href })),
    /** A month held more incidents than its figure could count. */
    truncated: z.boolean(),
  }),
  /** Legal reports (Cybersäkerhetslagen, GDPR art. 33) of the period's incidents, per clock. */
  reporting: z.array(z.strictObject({ kind: z.enum(CLOCK_KINDS), onTime: Count, late: Count, running: Count, href: Href })),
  personalData: z.strictObject({ total: Count, imyOnTime: Count, imyLate: Count, imyRunning: Count, href: Href }),
  classification: z.strictObject({ total: Count, classified: Count, reviewDue: Count, unclassified: Count, level4: Count, href: Href }),
  accessRequests: z.strictObject({
    total: Count,
    href: Href,
    byKind: z.array(z.strictObject({ kind: z.enum(ACCESS_REQUEST_KINDS), n: Count })),
    byStatus: z.array(z.strictObject({ status: z.enum(ACCESS_REQUEST_STATUSES), n: Count })),
  }),
  recertification: z.array(z.strictObject({ campaign: z.string(), period: Month, systems: Count, completed: Count, grants: Count, kept: Count, removed: Count, href: Href })),
  /** Leavers whose last day fell in the period, and whether all their access was removed by the day after. */
  leavers: z.strictObject({ total: Count, onTime: Count, late: Count, open: Count, href: Href }),
  suppliers: z.strictObject({
    total: Count,
    processingPersonalData: Count,
    dpaCovered: Count,
    /** Suppliers processing personal data without a valid agreement: names, for the reader to act on. */
    dpaMissing: z.array(z.string()),
    subSuppliers: Count,
    /** Longest chain supplier → sub-supplier → … */
    longestChain: Count,
    href: Href,
  }),
  training: z.array(z.strictObject({ unit: z.string(), people: Count, required: Count, completed: Count, href: Href })),
  ambassadors: z.strictObject({ planned: Count, held: Count, cancelled: Count, href: Href }),
  risks: z.strictObject({
    total: Count,
    byLevel: z.array(z.strictObject({ level: z.enum(RISK_LEVELS), n: Count })),
    byTreatment: z.array(z.strictObject({ treatment: z.union([z.enum(RISK_TREATMENTS), z.literal('undecided')]), n: Count })),
    href: Href,
  }),
  audits: z.strictObject({
    total: Count,
    completed: Count,
    findings: z.array(z.strictObject({ kind: z.enum(FINDING_KINDS), n: Count })),
    href: Href,
  }),
  /** Actions from previous management reviews and their status now (9.3.2 a). */
  earlierActions: z.strictObject({
    total: Count,
    overdue: Count,
    byStatus: z.array(z.strictObject({ status: z.enum(IMPROVEMENT_STATUSES), n: Count })),
    items: z.array(z.strictObject({ id: z.string(), title: z.string(), owner: PersonRef, dueAt: Day, status: z.enum(IMPROVEMENT_STATUSES), overdue: z.boolean(), sourceRef: z.string().nullable() })),
    href: Href,
  }),
});
export type ReviewFigures = z.infer<typeof ReviewFigures>;

export const ReviewStatus = z.enum(['draft', 'presented', 'decided', 'registered']);
export type ReviewStatusName = z.infer<typeof ReviewStatus>;
export const ReviewSectionKey = z.enum(REVIEW_SECTIONS);
export const ReviewArea = z.enum(REVIEW_AREAS);

export const ReviewProposalRow = z.strictObject({
  key: z.string(),
  area: ReviewArea,
  title: z.string(),
  description: z.string().nullable(),
  owner: PersonRef,
  dueAt: Day,
  /** The improvement action it became, once the review is decided. */
  actionId: z.string().nullable(),
});

export const ReviewView = z.strictObject({
  id: z.string(),
  etag: z.string(),
  year: z.number().int(),
  title: z.string(),
  from: Day,
  to: Day,
  status: ReviewStatus,
  sections: z.record(z.string(), z.string()),
  proposals: z.array(ReviewProposalRow),
  figures: ReviewFigures,
  /** True once presented: the figures are those frozen then, not today's. */
  figuresFrozen: z.boolean(),
  presentedAt: Instant.nullable(),
  presentedBy: PersonRef.nullable(),
  decision: z.string().nullable(),
  decidedBy: PersonRef.nullable(),
  decidedAt: Day.nullable(),
  registrationNumber: z.string().nullable(),
  keptUntil: Day.nullable(),
  locked: z.boolean(),
  canEdit: z.boolean(),
  canPresent: z.boolean(),
  canReopen: z.boolean(),
  canDecide: z.boolean(),
  canRemove: z.boolean(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const ReviewSummary = z.strictObject({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  from: Day,
  to: Day,
  status: ReviewStatus,
  decidedAt: Day.nullable(),
  registrationNumber: z.string().nullable(),
});
export const ReviewList = z.strictObject({ items: z.array(ReviewSummary), canCreate: z.boolean() });
export type ReviewList = z.infer<typeof ReviewList>;

/** `POST /reviews`: the period (whole months); the title defaults to "Ledningens genomgång <year>". */
export const ReviewCreateInput = z.strictObject({ from: Day, to: Day, title: z.string().trim().min(1).max(255).optional() });
export type ReviewCreateInput = z.input<typeof ReviewCreateInput>;

/** `PATCH /reviews/:id` (If-Match): the written parts that change, while a draft. */
export const ReviewPatchInput = z.strictObject({
  title: z.string().trim().min(1).max(255).optional(),
  sections: z.partialRecord(ReviewSectionKey, z.string().max(20_000)).optional(),
  proposals: z.array(ReviewProposal).max(50).optional(),
});
export type ReviewPatchInput = z.input<typeof ReviewPatchInput>;

/** `POST /reviews/:id/decision` (If-Match): the director's decision and the registry number. */
export const ReviewDecisionInput = z.strictObject({
  decision: z.string().trim().min(1).max(10_000),
  registrationNumber: z.string().trim().min(1).max(50),
});
export type ReviewDecisionInput = z.input<typeof ReviewDecisionInput>;

export const REVIEW_ROUTES = {
  'GET /reviews': { response: ReviewList },
  'POST /reviews': { body: ReviewCreateInput, response: ReviewView },
  'GET /reviews/:id': { response: ReviewView },
  'PATCH /reviews/:id': { body: ReviewPatchInput, response: ReviewView },
  'POST /reviews/:id/present': { response: ReviewView },
  'POST /reviews/:id/reopen': { response: ReviewView },
  'POST /reviews/:id/decision': { body: ReviewDecisionInput, response: ReviewView },
  'DELETE /reviews/:id': { response: Removed },
  'GET /reviews/:id/document.docx': { response: DocxFile },
} satisfies Routes;
