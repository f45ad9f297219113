/**
 * Incidents (avvikelser): what a reporter tells, ISAM's triage, the legal clocks and the
 * line manager's investigation. Deadlines: DOMAIN.md "Legal clocks".
 */
import { z } from 'zod';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, SEVERITIES, SIGNIFICANCE } from './choices';
import { AadObjectId, ItemId, Line, OptionalText, Text, UtcDateTime, i18nKey, isLater } from './common';

export const IncidentCategory = z.enum(INCIDENT_CATEGORIES);
export type IncidentCategory = z.infer<typeof IncidentCategory>;

export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const Significance = z.enum(SIGNIFICANCE);
export type Significance = z.infer<typeof Significance>;

/**
 * The clocks that can run on one incident.
 * cs_* = Cybersäkerhetslagen 2 kap. 5–8 §§ (to MCF); imy_notification = GDPR art. 33;
 * internal_investigation = the line manager's investigation (a setting, default 30 days).
 */
export const CLOCK_KINDS = [
  'cs_early_warning',
  'cs_notification',
  'cs_final_report',
  'cs_situation_report',
  'imy_notification',
  'internal_investigation',
] as const;
export const ClockKind = z.enum(CLOCK_KINDS);
export type ClockKind = z.infer<typeof ClockKind>;

export const LegalClock = z.object({
  kind: ClockKind,
  startedAt: UtcDateTime,
  dueAt: UtcDateTime,
  /** When the report was sent (or the investigation recorded): stops the clock. */
  completedAt: UtcDateTime.nullable(),
  completedBy: AadObjectId.nullable(),
  /** The authority's reference for a sent report (MCF / IMY case number). */
  reference: z.string().trim().max(200).nullable(),
  /** How the clock stopped: the report was sent, or a person decided it is not required (with rationale). */
  outcome: z.enum(['sent', 'not_required']).nullable(),
  rationale: z.string().trim().max(4_000).nullable(),
});
export type LegalClock = z.infer<typeof LegalClock>;

export const PersonalDataInvolvement = z
  .object({
    involved: z.enum(['yes', 'no', 'unknown']),
    /** Approximate number of people affected (IMY form: "ungefärligt antal"). */
    approxSubjects: z.number().int().min(0).max(100_000_000).nullable(),
    categories: z.array(z.string().trim().min(1).max(100)).max(30),
    /** Skyddad identitet: such incidents show no details in channel cards. */
    protectedIdentity: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.involved === 'no' && (v.protectedIdentity || (v.approxSubjects ?? 0) > 0)) {
      ctx.addIssue({ code: 'custom', path: ['involved'], message: i18nKey('incident.personalDataContradiction') });
    }
  });
export type PersonalDataInvolvement = z.infer<typeof PersonalDataInvolvement>;

export const Investigation = z.object({
  findings: Text(10_000),
  actions: Text(10_000),
  recordedBy: AadObjectId,
  recordedAt: UtcDateTime,
});

export const Incident = z
  .object({
    title: Line(255),
    category: IncidentCategory,
    description: Text(10_000),
    /** When it happened; null when the reporter does not know. */
    occurredAt: UtcDateTime.nullable(),
    /** When someone in the organisation became aware: the legal clocks count from here. */
    discoveredAt: UtcDateTime,
    reportedAt: UtcDateTime,
    reporterId: AadObjectId,
    reporterUnit: z.string().trim().max(50).nullable(),
    /** The reporter's line manager at the time of reporting: investigates. */
    managerId: AadObjectId.nullable(),
    /** Affected information asset; null = "vet ej". */
    assetId: ItemId.nullable(),
    supplierId: ItemId.nullable(),
    personalData: PersonalDataInvolvement,
    status: IncidentStatus,
    severity: Severity.nullable(),
    personalDataBreach: z.boolean().nullable(),
    significant: Significance,
    /** Required when significant = "no": the decision is evidence. */
    significanceRationale: OptionalText(4_000),
    triagedBy: AadObjectId.nullable(),
    triagedAt: UtcDateTime.nullable(),
    clocks: z.array(LegalClock).max(12),
    investigation: Investigation.nullable(),
    closedBy: AadObjectId.nullable(),
    closedAt: UtcDateTime.nullable(),
  })
  .superRefine((v, ctx) => {
    if (v.occurredAt && isLater(v.occurredAt, v.discoveredAt)) {
      ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: i18nKey('incident.occurredAfterDiscovered') });
    }
    if (isLater(v.discoveredAt, v.reportedAt)) {
      ctx.addIssue({ code: 'custom', path: ['discoveredAt'], message: i18nKey('incident.discoveredInFuture') });
    }
    if (v.significant === 'no' && !v.significanceRationale) {
      ctx.addIssue({ code: 'custom', path: ['significanceRationale'], message: i18nKey('incident.rationaleRequired') });
    }
    if (v.status === 'closed' && !v.closedAt) {
      ctx.addIssue({ code: 'custom', path: ['closedAt'], message: i18nKey('incident.closedWithoutDate') });
    }
  });
export type Incident = z.infer<typeof Incident>;
