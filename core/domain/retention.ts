/**
 * Retention (bevarande och gallring) of the registers' records. A record is archived when it is no
 * longer in use; from then on it is kept as compliance evidence for a number of years and may be
 * removed only after that — by a person who decides it, never by a job (docs/adr/015-registers-risk-matrix-retention-and-checklists.md).
 *
 * The years come from the settings: `RETENTION_YEARS` (DOMAIN.md: at least 5) for evidence of the
 * management system, `RETENTION_YEARS_AGREEMENTS` (default 10) for suppliers and procurements, whose
 * agreements can be claimed on for ten years (preskriptionslagen 1981:130, 2 §). Governing documents
 * are decisions of the administration and are kept for good (arkivlagen 1990:782; the city's
 * document management plan says "bevaras"): they can be archived, never removed.
 */

export type RetentionClass = 'evidence' | 'agreements' | 'permanent';

/** The registers whose records archive and removal apply to, by list. */
export const RETENTION_CLASSES = {
  ProcessingActivities: 'evidence',
  ImpactAssessments: 'evidence',
  InformationAssets: 'evidence',
  Risks: 'evidence',
  Audits: 'evidence',
  Roles: 'evidence',
  Suppliers: 'agreements',
  Procurements: 'agreements',
  GoverningDocuments: 'permanent',
} as const satisfies Record<string, RetentionClass>;

export type RetainedList = keyof typeof RETENTION_CLASSES;
export const RETAINED_LISTS = Object.keys(RETENTION_CLASSES) as RetainedList[];

export interface RetentionSettings {
  /** RETENTION_YEARS (default 5). */
  retentionYears: number;
  /** RETENTION_YEARS_AGREEMENTS (default 10). */
  agreementRetentionYears: number;
}

/** Years a record of `list` is kept after it was archived; null: kept for good. */
export function retentionYearsOf(list: RetainedList, settings: RetentionSettings): number | null {
  const c = RETENTION_CLASSES[list] as RetentionClass;
  if (c === 'permanent') return null;
  return c === 'agreements' ? Math.max(settings.agreementRetentionYears, settings.retentionYears) : settings.retentionYears;
}

/** The same calendar day `years` later (29 Feb → 28 Feb). */
export function addYearsToDate(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export type RemovalVerdict =
  | { ok: true }
  | { ok: false; reason: 'not_archived' }
  | { ok: false; reason: 'permanent' }
  | { ok: false; reason: 'retained'; until: string; years: number };

/**
 * May a record archived on `archivedOn` (a Stockholm date, or null when not archived) be removed
 * on `today`? Only on or after the day its retention ends.
 */
export function removalVerdict(list: RetainedList, archivedOn: string | null, today: string, settings: RetentionSettings): RemovalVerdict {
  if (!archivedOn) return { ok: false, reason: 'not_archived' };
  const years = retentionYearsOf(list, settings);
  if (years === null) return { ok: false, reason: 'permanent' };
  const until = addYearsToDate(archivedOn, years);
  return today >= until ? { ok: true } : { ok: false, reason: 'retained', until, years };
}

/** The latest archive date whose retention has ended by `today` (records archived on or before it may go). */
export function retentionCutoff(list: RetainedList, today: string, settings: RetentionSettings): string | null {
  const years = retentionYearsOf(list, settings);
  return years === null ? null : addYearsToDate(today, -years);
}
