/**
 * What the incident use cases accept — the report, the triage and the investigation — and the parse
 * that turns a bad field into a RecordValidationError with a message per field.
 */
import { z } from 'zod';
import { IncidentCategory, ItemId, PersonalDataInvolvement, Severity, Significance, Text, UtcDateTime } from '../../domain';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';

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

export const TriageInput = z.object({
  severity: Severity,
  personalDataBreach: z.boolean(),
  significant: Significance,
  rationale: z.string().trim().max(4_000).nullable(),
  /** GDPR art. 33: a breach that is unlikely to result in a risk need not be notified — with reasons. */
  imyNotRequiredRationale: z.string().trim().max(4_000).nullable(),
});
export type TriageInput = z.infer<typeof TriageInput>;

export const InvestigationInput = z.object({ findings: Text(10_000), actions: Text(10_000) });

export function parse<T>(schema: z.ZodType<T>, list: string, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new RecordValidationError(list, issuesFromZod(r.error));
  return r.data;
}
