/**
 * What the incident use cases accept — declared once in core/api/incidents.ts (the tab sends the
 * same shapes; the bot builds them from card inputs) — and the parse that turns a bad field into a
 * RecordValidationError with a message per field.
 */
import type { z } from 'zod';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';

export {
  AwarenessInput,
  CorrectionInput,
  DraftInput,
  FactsInput,
  IntermediateRequestInput,
  InvestigationInput,
  NotRequiredInput,
  IncidentReportInput as ReportInput,
  SentInput,
  IncidentTriageInput as TriageInput,
} from '../../api';

export function parse<T>(schema: z.ZodType<T>, list: string, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new RecordValidationError(list, issuesFromZod(r.error));
  return r.data;
}
