/**
 * What every register of issue 14 shares on the wire: the archived filter of a list, a record's
 * history (from the audit log), its retention, archiving and removal, the list of records past
 * retention, and the Excel export's query. docs/api.md describes the routes.
 */
import { z } from 'zod';
import { ARCHIVED_FILTERS, REGISTER_PATHS } from './choices';
import { CursorParam, Day, Instant, NextCursor, PersonRef, type Routes } from './common';

/**
 * The answer of `GET /<register>/export.xlsx`: an Excel workbook (not JSON), whatever its shape, so
 * nothing is checked against it. Headers: `X-Export-Rows`, `X-Export-Truncated`.
 */
export const XlsxFile = z.unknown();

/** `?archived=`: `active` (default) lists what is in use, `archived` what is kept as evidence, `all` both. */
export const ArchivedFilter = z.enum(ARCHIVED_FILTERS);
export type ArchivedFilter = z.infer<typeof ArchivedFilter>;

/** One change of a record: who (null: the system), when, what. Newest first. */
export const HistoryEntry = z.strictObject({
  at: Instant,
  actor: PersonRef.nullable(),
  /** Dotted verb of the audit log (`risk.updated`); the tab shows `summary`. */
  action: z.string(),
  summary: z.string(),
  /** The fields that changed, when the entry names them. */
  fields: z.array(z.string()),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryPage = z.strictObject({ items: z.array(HistoryEntry), cursor: NextCursor });
export type HistoryPage = z.infer<typeof HistoryPage>;

/** `GET /<register>/:id/history?cursor=`: the next page of a record's history. */
export const HistoryQuery = z.object({ cursor: CursorParam.optional() });

/** How long an archived record is kept and whether it may be removed now. */
export const RetentionInfo = z.strictObject({
  archived: z.boolean(),
  archivedAt: Instant.nullable(),
  /** Years it is kept after archiving; null: kept for good (governing documents). */
  years: z.number().int().nullable(),
  /** The first day it may be removed; null while in use, or when kept for good. */
  removableFrom: Day.nullable(),
  /** True when it may be removed today (and the actor may remove it). */
  canRemove: z.boolean(),
});
export type RetentionInfo = z.infer<typeof RetentionInfo>;

/** `POST /<register>/:id/archive` (If-Match): why it is no longer in use. */
export const ArchiveInput = z.strictObject({ reason: z.string().trim().max(500).nullable().optional() });
export type ArchiveInput = z.input<typeof ArchiveInput>;

/** `DELETE /<register>/:id` (If-Match): the answer once removed. */
export const Removed = z.strictObject({ id: z.string(), removed: z.literal(true) });
export type Removed = z.infer<typeof Removed>;

/** The registers of `/api/v1` with archive, history, retention and export. */
export const RegisterPath = z.enum(REGISTER_PATHS);
export type RegisterPath = z.infer<typeof RegisterPath>;

/** A record whose retention has ended: a person decides whether to remove it. */
export const RetentionDueItem = z.strictObject({
  register: RegisterPath,
  id: z.string(),
  /** The record's own id (RISK-004) or, where it has none, a short label. */
  label: z.string(),
  archivedAt: Instant,
  removableFrom: Day,
});
export type RetentionDueItem = z.infer<typeof RetentionDueItem>;

/** `GET /retention/due?register=&cursor=` (ISAM): one register's records past retention, oldest first. */
export const RetentionDueQuery = z.object({ register: RegisterPath, cursor: CursorParam.optional() });
export type RetentionDueQuery = z.input<typeof RetentionDueQuery>;
export const RetentionDuePage = z.strictObject({ items: z.array(RetentionDueItem), cursor: NextCursor, years: z.number().int().nullable() });
export type RetentionDuePage = z.infer<typeof RetentionDuePage>;

export const RETENTION_ROUTES = {
  'GET /retention/due': { query: RetentionDueQuery, response: RetentionDuePage },
} satisfies Routes;
