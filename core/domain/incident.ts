/**
 * Incidents (avvikelser): what a reporter tells, ISAM's triage, the legal clocks and the
 * line manager's investigation. Deadlines: DOMAIN.md "Legal clocks".
 */
import { z } from 'zod';
import { BREACH_NATURES, CLOCK_KINDS, INCIDENT_CATEGORIES, INCIDENT_CAUSES, INCIDENT_STATUSES, SEVERITIES, SIGNIFICANCE, TRISTATE } from './choices';
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
 * The clocks (obligations with a deadline) that can run on one incident.
 * cs_* = Cybersäkerhetslagen 2 kap. 5–8 §§ (to MCF): early warning, incident notification, an
 * intermediate report when the authority asks, the final report — or a situation report when the
 * incident is still ongoing then; imy_notification = GDPR art. 33(1); data_subjects = the art. 34
 * decision (inform the people affected, or why not); breach_documentation = art. 33(5), every
 * personal-data breach, notified or not; internal_investigation = the line manager's investigation
 * (a setting, default 30 days). Every kind but the investigation is a legal obligation.
 */
export const ClockKind = z.enum(CLOCK_KINDS);
export type ClockKind = z.infer<typeof ClockKind>;

/** The obligations the law puts on the organisation (all clocks but the internal investigation). */
export const LEGAL_KINDS = CLOCK_KINDS.filter((k) => k !== 'internal_investigation');
export type LegalKind = Exclude<ClockKind, 'internal_investigation'>;
export const isLegalKind = (k: ClockKind): k is LegalKind => k !== 'internal_investigation';

/**
 * Why a clock is running: `provisional` before anyone has decided (it runs from discovery as a
 * precaution, and is shown so), `confirmed` once the assessment says the obligation applies.
 */
export const CLOCK_BASES = ['provisional', 'confirmed'] as const;

const LegalClockShape = z.object({
  kind: ClockKind,
  /** Unique within the incident: the kind, or `kind:n` for the n-th intermediate or situation report. */
  key: z.string().max(40).regex(/^[a-z_]+(:\d{1,3})?$/).optional(),
  startedAt: UtcDateTime,
  dueAt: UtcDateTime,
  basis: z.enum(CLOCK_BASES).default('confirmed'),
  /** When the report was actually sent (or the decision made, the investigation recorded): stops the clock. */
  completedAt: UtcDateTime.nullable(),
  completedBy: AadObjectId.nullable(),
  /** When it was recorded in LIS (the send time itself may be earlier: it is what the person says it was). */
  recordedAt: UtcDateTime.nullable().default(null),
  /** The authority's reference for a sent report (MCF / IMY case number); how data subjects were told. */
  reference: z.string().trim().max(200).nullable(),
  /** How the clock stopped: the report was sent, or it is not required (with rationale). */
  outcome: z.enum(['sent', 'not_required']).nullable(),
  /** Who stopped it as not required: the assessment (restored if the assessment is reversed) or a formal decision. */
  stoppedBy: z.enum(['assessment', 'decision']).nullable().default(null),
  rationale: z.string().trim().max(4_000).nullable(),
  /** GDPR art. 33(1): a notification after 72 hours is accompanied by the reasons for the delay. */
  lateReason: z.string().trim().max(4_000).nullable().default(null),
  /** The text that was sent, kept as evidence (an IncidentReports item). */
  evidenceId: ItemId.nullable().default(null),
  /** For an intermediate report: the authority's reference of its request. */
  requestReference: z.string().trim().max(200).nullable().default(null),
});

export const LegalClock = LegalClockShape.transform((c) => ({ ...c, key: c.key ?? c.kind }));
/** A clock as it is read and as it travels: every field present. */
export const LegalClockRecord = LegalClockShape.extend({
  key: z.string().max(40),
  basis: z.enum(CLOCK_BASES),
  recordedAt: UtcDateTime.nullable(),
  stoppedBy: z.enum(['assessment', 'decision']).nullable(),
  lateReason: z.string().nullable(),
  evidenceId: ItemId.nullable(),
  requestReference: z.string().nullable(),
});
export type LegalClock = z.infer<typeof LegalClock>;
/** A clock as written by hand (tests, seed): the defaulted fields may be left out. */
export type LegalClockInput = z.input<typeof LegalClock>;

/** The probable root cause: compared (with the affected asset and supplier) for "same root cause within six months". */
export const IncidentCause = z.enum(INCIDENT_CAUSES);
export type IncidentCause = z.infer<typeof IncidentCause>;

export const Tristate = z.enum(TRISTATE);
export type Tristate = z.infer<typeof Tristate>;

/** IMY's form: which security property the breach affected. */
export const BreachNature = z.enum(BREACH_NATURES);
export type BreachNature = z.infer<typeof BreachNature>;

/**
 * What the authority reports ask for beyond the report itself (DOMAIN.md "Report content", the IMY
 * form): kept up to date by ISAM and the DSO, and drafted into every report.
 */
export const IncidentFacts = z.object({
  cause: IncidentCause.nullable(),
  causeDescription: OptionalText(4_000),
  /** NIS2 art. 23(4)(a): suspected unlawful or malicious act. */
  suspectedMalicious: Tristate,
  /** NIS2 art. 23(4)(a): could have a cross-border impact. */
  crossBorder: Tristate,
  restrictedHours: z.number().min(0).max(100_000).nullable(),
  manualWorkaroundHours: z.number().min(0).max(100_000).nullable(),
  /** Severity and impact on the operations and on others. */
  impact: OptionalText(4_000),
  /** Indicators of compromise, where available. */
  indicators: OptionalText(4_000),
  /** Measures taken and planned. */
  mitigation: OptionalText(4_000),
  breachNature: z.array(BreachNature).max(3),
  /** IMY: approximate number of personal-data records concerned. */
  approxRecords: z.number().int().min(0).max(1_000_000_000).nullable(),
  /** IMY: likely consequences for the people concerned. */
  consequences: OptionalText(4_000),
  updatedAt: UtcDateTime.nullable(),
  updatedBy: AadObjectId.nullable(),
});
export type IncidentFacts = z.infer<typeof IncidentFacts>;

export const EMPTY_FACTS: IncidentFacts = {
  cause: null,
  causeDescription: null,
  suspectedMalicious: 'unknown',
  crossBorder: 'unknown',
  restrictedHours: null,
  manualWorkaroundHours: null,
  impact: null,
  indicators: null,
  mitigation: null,
  breachNature: [],
  approxRecords: null,
  consequences: null,
  updatedAt: null,
  updatedBy: null,
};

/** One assessment (triage or reassessment) as decided: every change is kept, with who, when and why. */
export const Assessment = z.object({
  at: UtcDateTime,
  by: AadObjectId,
  severity: Severity,
  personalDataBreach: z.boolean(),
  significant: Significance,
  /** Required for significant = "no": the decision is evidence. */
  rationale: OptionalText(4_000),
  /** GDPR art. 33(1): a breach unlikely to result in a risk to people need not be notified — with reasons. */
  imyNotRequiredRationale: OptionalText(4_000),
  /** Why an earlier assessment was changed; required for every reassessment. */
  reason: OptionalText(2_000),
});
export type Assessment = z.infer<typeof Assessment>;

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
    /** When the reporter (or someone else) discovered it, as the reporter told. */
    discoveredAt: UtcDateTime,
    /**
     * When the organisation became aware that the incident may be significant or a personal-data
     * breach: the legal clocks count from here. The discovery time at first; ISAM corrects it (with a
     * reason, audited) when the organisation understood it later — or earlier — than that.
     */
    awareAt: UtcDateTime,
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
    clocks: z.array(LegalClock).max(60),
    /** Every assessment, oldest first; the fields above mirror the last one. */
    assessments: z.array(Assessment).max(200),
    facts: IncidentFacts,
    investigation: Investigation.nullable(),
    closedBy: AadObjectId.nullable(),
    closedAt: UtcDateTime.nullable(),
    /**
     * The earliest due time of an open obligation (legal clocks and the investigation), or null:
     * derived from the clocks on every write (`nextDueAt` in clocks.ts), indexed so that the
     * reminder job finds closed incidents whose reports were never sent.
     */
    nextDueAt: UtcDateTime.nullable(),
    /** The last change's operation key: a retried operation finishes its audit and notifications instead of changing twice. */
    lastOperation: z.string().max(400).nullable(),
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
