/**
 * Reading a request of `/api/v1` with its shape from core/api: the query string (text values; an
 * empty or repeated parameter counts as absent) and the JSON body. A request that does not fit is a
 * RecordValidationError: 400 with a message per field in the user's language (bot/api/http.ts).
 */
import type { Request } from 'express';
import type { z } from 'zod';
import { issuesFromZod } from '../../core/i18n/validation';
import { RecordValidationError } from '../../core/ports/errors';

/** The query parameters `schema` names, parsed (defaults filled in). */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const text = Object.fromEntries(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const r = schema.safeParse(text);
  if (!r.success) throw new RecordValidationError('query', issuesFromZod(r.error));
  return r.data;
}

/** The JSON body, parsed. */
export function parseBody<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const r = schema.safeParse(req.body ?? {});
  if (!r.success) throw new RecordValidationError('body', issuesFromZod(r.error));
  return r.data;
}
