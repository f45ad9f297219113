/**
 * What every part of `/api/v1` shares: how times travel, references to people and records, lists
 * and pages, the error answer, and the shape of a route's entry in the route table (routes.ts).
 *
 * Answers are strict objects: a field the server sends that its schema does not name is a
 * mismatch, so a view that grows without its schema is caught by the tests and, in development,
 * by the tab (tab/api/dev-check.ts).
 */
import { z } from 'zod';
import { isMessageKey, type MessageKey } from '../i18n';

/** A point in time on the wire: an ISO 8601 string in UTC (`2026-11-28T09:00:00.000Z`). */
export const Instant = z.iso.datetime();
/** A calendar date on the wire (`YYYY-MM-DD`): a day in Europe/Stockholm. */
export const Day = z.iso.date();
/** A month on the wire (`YYYY-MM`). */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** A count of things. */
export const Count = z.number().int().min(0);
/** A message key of core/i18n (the tab translates it). */
export const MessageKeyOf = z.custom<MessageKey>((v) => typeof v === 'string' && isMessageKey(v), { message: 'not a message key of core/i18n' });

/** A person named on a record; `name` is null when the directory no longer knows them. */
export const PersonRef = z.strictObject({ id: z.string(), name: z.string().nullable() });
export type PersonRef = z.infer<typeof PersonRef>;

/** A record named by its id, its own code (IA-001, SUP-012) and its name. */
export const RecordRef = z.strictObject({ id: z.string(), code: z.string(), name: z.string() });
export type RecordRef = z.infer<typeof RecordRef>;

// ── lists and pages ──────────────────────────────────────────────────────

export const Direction = z.enum(['asc', 'desc']);
export type Direction = z.infer<typeof Direction>;

/** `?pageSize=`: 1–100, 25 when absent. */
export const PageSize = z.coerce.number<string | number>().int().min(1).max(100).default(25);
/** `?cursor=`: the `cursor` of the previous page, as the server gave it. */
export const CursorParam = z.string().max(4_000);
/** The cursor of the next page in an answer; null on the last page. */
export const NextCursor = z.string().nullable();

/** How a list was scoped: everything (the roles that see all), or what this person may see. */
export const Scope = z.enum(['all', 'entitled']);

/** At most a few items of a longer list, and how many there are in all (Översikt). */
export const listedOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), total: Count });
export type Listed<T> = z.infer<ReturnType<typeof listedOf<z.ZodType<T>>>>;

/** A page of a register scoped by what the actor may see, with the cursor of the next page. */
export const pagedOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), cursor: NextCursor, scope: Scope });
export type Paged<T> = z.infer<ReturnType<typeof pagedOf<z.ZodType<T>>>>;

// ── errors ───────────────────────────────────────────────────────────────

/** One field's problem in a 400 answer, in the user's language. */
export const FieldIssue = z.strictObject({ path: z.array(z.union([z.string(), z.number()])), field: z.string(), message: z.string() });

/**
 * Every error answer (4xx, 5xx): `error` a code, `message` in the user's language; `issues` with a
 * 400 validation answer, `current` (the record as it is now, or null) with a 409 conflict.
 */
export const ErrorBody = z.strictObject({
  error: z.string(),
  message: z.string(),
  issues: z.array(FieldIssue).optional(),
  current: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

// ── the route table ──────────────────────────────────────────────────────

/** `GET /assets/:id`: the method and the path under `/api/v1`, `:name` for a path parameter. */
export type RouteKey = `${'GET' | 'POST' | 'PATCH' | 'PUT'} /${string}`;

/** What one route takes and answers. */
export interface RouteShapes {
  /** The query string (values arrive as text). */
  query?: z.ZodType;
  /** The JSON body (a route that takes a file, like the training import, names none). */
  body?: z.ZodType;
  /** A 2xx answer. */
  response: z.ZodType;
  /** Answers besides 2xx that are not an ErrorBody (the training import's 422 with its report). */
  answers?: Record<number, z.ZodType>;
}

export type Routes = Partial<Record<RouteKey, RouteShapes>>;
