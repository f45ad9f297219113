/**
 * What the incident use cases accept besides the tab's shapes (the report and the triage are in
 * core/api/incidents.ts): the investigation, and the parse that turns a bad field into a
 * RecordValidationError with a message per field.
 */
import { z } from 'zod';
import { Text } from '../../domain';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';

export const InvestigationInput = z.object({ findings: Text(10_000), actions: Text(10_000) });

export function parse<T>(schema: z.ZodType<T>, list: string, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new RecordValidationError(list, issuesFromZod(r.error));
  return r.data;
}
