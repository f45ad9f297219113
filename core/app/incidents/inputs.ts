/**
 * What the incident use cases accept — the report, the assessment, the report facts, a report sent
 * and its correction, a decision that a report is not needed, the authority's request for an
 * intermediate report, the awareness time, the investigation, a draft — and the parse that turns a
 * bad field into a RecordValidationError with a message per field.
 */
import { z } from 'zod';
import {
  BreachNature,
  IncidentCategory,
  IncidentCause,
  ItemId,
  PersonalDataInvolvement,
  ReportLanguage,
  ReportSection,
  Severity,
  Significance,
  Text,
  Tristate,
  UtcDateTime,
} from '../../domain';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';

/** Optional text: absent, null or blank all mean "none". */
const Optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

export const ReportInput = z.object({
  category: IncidentCategory,
  title: z.string().trim().max(255).nullable(),
  description: Text(10_000),
  occurredAt: UtcDateTime.nullable(),
  discoveredAt: UtcDateTime,
  assetId: ItemId.nullable(),
  supplierId: ItemId.nullable(),
  personalData: PersonalDataInvolvement,
});
export type ReportInput = z.infer<typeof ReportInput>;

/** The facts an assessment may set at the same time (the triage card asks for these). */
export const TriageFactsInput = z.object({
  cause: IncidentCause.nullable().optional(),
  suspectedMalicious: Tristate.optional(),
  crossBorder: Tristate.optional(),
  restrictedHours: z.number().min(0).max(100_000).nullable().optional(),
  manualWorkaroundHours: z.number().min(0).max(100_000).nullable().optional(),
});

export const TriageInput = z
  .object({
    severity: Severity,
    personalDataBreach: z.boolean(),
    significant: Significance,
    rationale: Optional(4_000),
    /** GDPR art. 33: a breach that is unlikely to result in a risk need not be notified — with reasons. */
    imyNotRequiredRationale: Optional(4_000),
    /** Why an earlier assessment changes: required on a reassessment. */
    reason: Optional(2_000).optional(),
  })
  .extend(TriageFactsInput.shape);
export type TriageInput = z.input<typeof TriageInput>;

/** The report facts (DOMAIN.md "Report content", the IMY form), all optional: only what is sent changes. */
export const FactsInput = z
  .object({
    cause: IncidentCause.nullable(),
    causeDescription: Optional(4_000),
    suspectedMalicious: Tristate,
    crossBorder: Tristate,
    restrictedHours: z.number().min(0).max(100_000).nullable(),
    manualWorkaroundHours: z.number().min(0).max(100_000).nullable(),
    impact: Optional(4_000),
    indicators: Optional(4_000),
    mitigation: Optional(4_000),
    breachNature: z.array(BreachNature).max(3),
    approxRecords: z.number().int().min(0).max(1_000_000_000).nullable(),
    consequences: Optional(4_000),
  })
  .partial();
export type FactsInput = z.input<typeof FactsInput>;

/** A report as sent: when it actually went, the authority's reference, and the reasons if it was late. */
export const SentInput = z.object({
  sentAt: UtcDateTime,
  reference: Optional(200),
  lateReason: Optional(4_000),
});
export type SentInput = z.input<typeof SentInput>;

export const CorrectionInput = SentInput.extend({ reason: z.string().trim().min(1).max(2_000) });
export type CorrectionInput = z.input<typeof CorrectionInput>;

export const NotRequiredInput = z.object({ rationale: z.string().trim().min(1).max(4_000) });

export const IntermediateRequestInput = z.object({
  requestedAt: UtcDateTime,
  dueAt: UtcDateTime,
  reference: Optional(200),
});
export type IntermediateRequestInput = z.input<typeof IntermediateRequestInput>;

export const AwarenessInput = z.object({ awareAt: UtcDateTime, reason: z.string().trim().min(1).max(2_000) });
export type AwarenessInput = z.input<typeof AwarenessInput>;

export const InvestigationInput = z.object({ findings: Text(10_000), actions: Text(10_000) });

export const DraftInput = z.object({
  language: ReportLanguage,
  sections: z.array(ReportSection).min(1).max(30),
});
export type DraftInput = z.input<typeof DraftInput>;

export function parse<T>(schema: z.ZodType<T>, list: string, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new RecordValidationError(list, issuesFromZod(r.error));
  return r.data;
}
