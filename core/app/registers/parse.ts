/** Parsing a request's body or query with its `core/api` schema: a 400 with a message per field. */
import type { z } from 'zod';
import type { ListName } from '../../domain';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';

export function parseWith<S extends z.ZodType>(list: ListName, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new RecordValidationError(list, issuesFromZod(result.error));
  return result.data;
}

/** The fields of `sent` whose value differs from `current` (JSON comparison). */
export function changedFields<T extends object>(current: T, sent: Partial<T>): (keyof T & string)[] {
  return (Object.keys(sent) as (keyof T & string)[]).filter((f) => sent[f] !== undefined && JSON.stringify(sent[f]) !== JSON.stringify(current[f]));
}

/** An audit log's `changes` detail: from → to per field; long texts only as "ändrad". */
export function changeDetails<T extends object>(before: T, after: T, fields: (keyof T & string)[], longText: ReadonlySet<string> = new Set()): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, longText.has(f) || isLong(after[f]) ? 'ändrad' : { from: before[f] ?? null, to: after[f] ?? null }]));
}

const isLong = (v: unknown) => (typeof v === 'string' && v.length > 120) || (typeof v === 'object' && v !== null && JSON.stringify(v).length > 200);
