/**
 * Derived query keys: indexed columns computed from a record on every create and update, so that a
 * query can select a bounded set where no single field does (docs/queries.md).
 *
 * SharePoint refuses a list query whose first condition selects more than 5 000 items — also on an
 * indexed column. `fields/ManagerId eq 'x'` is fine for a while, then one manager has 6 000 incidents
 * over the years and the query fails. A key partitions such a selector by what bounds it:
 *
 * - **open | year**: `<id>|open` while the record is open (bounded by what one person can have open)
 *   and `<id>|<YYYY>` once it is closed (bounded by what one person gets in a year). A person's
 *   history, newest first, is the open bucket merged with the year buckets walked newest first.
 * - (the earliest deadline of an incident's open obligations is a field of the incident itself,
 *   `nextDueAt`, kept by the incident use cases from its clocks — core/domain/clocks.ts.)
 *
 * Keys are pure functions of the record. The SharePoint adapter declares one indexed column per key
 * (core/adapters/sharepoint/lists.ts), writes it on every create and update, and accepts it in
 * `RecordStore.query` conditions; use cases never see key values in records. Everything a key needs
 * must be in the record itself (never "now": a key is only rewritten when the record is).
 *
 * Years are Europe/Stockholm calendar years, like every date people see.
 */
import type { AccessGrant, AccessRequest } from './access';
import type { Incident } from './incident';
import type { ListName, RecordOf } from './records';
import { stockholmWallTime, fromStockholmWallTime } from './time';
import type { TrainingCompletion } from './training';

/** A derived key: its SharePoint column type and how it is computed. */
export interface KeySpec<T> {
  /** `text` (≤ 255 characters) or `dateTime` (UTC instant). */
  type: 'text' | 'dateTime';
  of: (record: T) => string | null;
  /** One line for docs/lists.md: what it selects and what bounds it. */
  doc: string;
}

const text = <T>(doc: string, of: (record: T) => string | null): KeySpec<T> => ({ type: 'text', of, doc });

// ── buckets ─────────────────────────────────────────────────────────────────

/** The Stockholm calendar year of an instant. */
export const stockholmYear = (iso: string): number => stockholmWallTime(new Date(iso)).year;

/** The Stockholm calendar month (YYYY-MM) of an instant. */
export function stockholmMonthOf(iso: string): string {
  const w = stockholmWallTime(new Date(iso));
  return `${w.year}-${String(w.month).padStart(2, '0')}`;
}

/** `[from, to)` in UTC of a Stockholm calendar year. */
export function yearBounds(year: number): { from: string; to: string } {
  const at = (y: number) => fromStockholmWallTime({ year: y, month: 1, day: 1, hour: 0, minute: 0, second: 0 }).toISOString();
  return { from: at(year), to: at(year + 1) };
}

/** `[from, to)` in UTC of a Stockholm calendar month (YYYY-MM). */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const at = (year: number, mo: number) => fromStockholmWallTime({ year: year + Math.floor((mo - 1) / 12), month: ((mo - 1) % 12) + 1, day: 1, hour: 0, minute: 0, second: 0 }).toISOString();
  return { from: at(y, m), to: at(y, m + 1) };
}

/** The value of an open|year key: `<id>|open` while open, `<id>|<year>` after. */
export function openOrYear(id: string, year: number | 'open' | 'active'): string {
  return `${id.toLowerCase()}|${year}`;
}

const bucketOf = (id: string | null, open: boolean, at: string): string | null => (id ? openOrYear(id, open ? 'open' : stockholmYear(at)) : null);
const sameId = (a: string | null, b: string | null) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

// ── what is open ────────────────────────────────────────────────────────────

export const OPEN_INCIDENT_STATUSES = ['reported', 'triaged', 'investigating'] as const;
export const isOpenIncident = (i: Pick<Incident, 'status'>) => i.status !== 'closed';

/** Requests someone still has to act on: the owner (pending) or the administrative unit. */
export const OPEN_REQUEST_STATUSES = ['pending', 'approved', 'in_progress'] as const;
export const isOpenRequest = (r: Pick<AccessRequest, 'status'>) => (OPEN_REQUEST_STATUSES as readonly string[]).includes(r.status);

// ── the keys ────────────────────────────────────────────────────────────────

/**
 * Every derived key, per list. Adding one: a pure function here, `npm run provision:m365` (or a
 * local start) adds and back-fills the column, and `RecordStore.query` accepts its name.
 */
export const RECORD_KEYS = {
  Incidents: {
    reporterKey: text<Incident>('reporter | open, or | year reported: one person’s reports', (i) => bucketOf(i.reporterId, isOpenIncident(i), i.reportedAt)),
    managerKey: text<Incident>('line manager | open, or | year reported: what one manager investigates', (i) => bucketOf(i.managerId, isOpenIncident(i), i.reportedAt)),
    assetKey: text<Incident>('affected asset | open, or | year reported: incidents on one information asset', (i) => bucketOf(i.assetId, isOpenIncident(i), i.reportedAt)),
  },
  AccessRequests: {
    ownerKey: text<AccessRequest>('owner | open, or | year requested: what one owner decides', (r) => bucketOf(r.ownerId, isOpenRequest(r), r.requestedAt)),
    delegateKey: text<AccessRequest>('delegate | open, or | year requested', (r) => bucketOf(r.delegateId, isOpenRequest(r), r.requestedAt)),
    // Who asked, when it is not the person concerned (their own asks are found through subjectId):
    // a manager for their staff, an owner removing access in a review — open | year.
    requesterKey: text<AccessRequest>('requester (when not the subject) | open, or | year requested: what one person asks for others', (r) => (sameId(r.requesterId, r.subjectId) ? null : bucketOf(r.requesterId, isOpenRequest(r), r.requestedAt))),
    openTermination: text<AccessRequest>('grant id of a termination not yet carried out (one per grant)', (r) => (r.kind === 'termination' && r.grantId && isOpenRequest(r) ? r.grantId : null)),
  },
  AccessGrants: {
    assetKey: text<AccessGrant>('asset | active, or | year granted: one system’s register', (g) => openOrYear(g.assetId, g.status === 'active' ? 'active' : stockholmYear(g.grantedAt))),
    activeUntil: text<AccessGrant>('valid-until date of an active grant (YYYY-MM-DD): the expiry window', (g) => (g.status === 'active' ? g.validUntil : null)),
    reviewKey: text<AccessGrant>('campaign | asset of the latest recertification decision', (g) => (g.lastReview ? `${g.lastReview.campaignId}|${g.assetId}` : null)),
  },
  Trainings: {
    unitYear: text<TrainingCompletion>('unit | year completed: one unit’s completions in a year', (t) => (t.unit ? `${t.unit.toUpperCase()}|${t.completedAt.slice(0, 4)}` : null)),
  },
} satisfies { [L in ListName]?: Record<string, KeySpec<RecordOf<L>>> };

type Keys = typeof RECORD_KEYS;

/** Names of the derived keys of list `L` (none for most lists). */
export type KeyOf<L extends ListName> = L extends keyof Keys ? Extract<keyof Keys[L], string> : never;

/** The key specs of a list (empty for lists without keys). */
export function keysOf(list: ListName): Record<string, KeySpec<Record<string, unknown>>> {
  return ((RECORD_KEYS as Record<string, unknown>)[list] ?? {}) as Record<string, KeySpec<Record<string, unknown>>>;
}

/** The key values of a record, by key name. */
export function keyValues(list: ListName, record: Record<string, unknown>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(keysOf(list)).map(([name, spec]) => [name, spec.of(record)]));
}
