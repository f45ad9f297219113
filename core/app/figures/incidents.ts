/**
 * Incident figures per Stockholm month and scope: how many were reported, per category, and how the
 * legal reports (Cybersäkerhetslagen, GDPR art. 33) went — sent on time, sent late, still running.
 *
 * A month is recounted from one bounded query: the incidents reported in it (a range of the indexed
 * `reportedAt`; bounded by a month's intake — a district reports tens to hundreds). One read gives
 * every scope of the month: the organisation, personal-data incidents (the DSO) and each line
 * manager's staff. A year of figures for one scope is one query of at most twelve items.
 */
import { INCIDENT_CATEGORIES, isOpen, monthBounds, stockholmMonthOf, type ClockKind, type Incident, type IncidentCategory } from '../../domain';
import { involvesPersonalData } from '../../domain/policy';
import { readUpTo, type Deps } from '../platform';
import { saveFigures, type Counted } from './store';
import { ORG, PERSONAL_DATA, managerScope } from './scopes';

export const REPORTING_CLOCKS: ReadonlySet<ClockKind> = new Set(['cs_early_warning', 'cs_notification', 'cs_final_report', 'cs_situation_report', 'imy_notification']);

/** The values of one month's incident figure. */
export interface IncidentMonth {
  total: number;
  byCategory: Partial<Record<IncidentCategory, number>>;
  /** Reporting clocks sent by their deadline, and after it. "Not required" is not counted. */
  onTime: number;
  late: number;
  /** Deadlines of reporting clocks still running: overdue or running is decided when read. */
  runningDue: string[];
  /** Clocks of any kind still running (the investigation too): "needs attention" totals. */
  openClocks: number;
  /** Reporting clocks per kind: sent on time, late, still running (the management review's table). */
  byClock?: Partial<Record<ClockKind, ClockTally>>;
}

export interface ClockTally {
  onTime: number;
  late: number;
  running: number;
}

export const emptyMonth = (): IncidentMonth => ({ total: 0, byCategory: {}, onTime: 0, late: 0, runningDue: [], openClocks: 0, byClock: {} });

/** Most incidents a month may hold for its recount (five pages); beyond, the figure says so. */
const MONTH_LIMIT = 4_995;

/** Adds one incident to a month's values (exported for the management review's direct count of a month). */
export function addIncident(m: IncidentMonth, i: Incident): void {
  m.total++;
  m.byCategory[i.category] = (m.byCategory[i.category] ?? 0) + 1;
  const byClock = (m.byClock ??= {});
  const tally = (kind: ClockKind) => (byClock[kind] ??= { onTime: 0, late: 0, running: 0 });
  for (const c of i.clocks) {
    if (isOpen(c)) {
      m.openClocks++;
      if (REPORTING_CLOCKS.has(c.kind)) {
        m.runningDue.push(c.dueAt);
        tally(c.kind).running++;
      }
    } else if (REPORTING_CLOCKS.has(c.kind) && c.outcome !== 'not_required') {
      if (Date.parse(c.completedAt!) > Date.parse(c.dueAt)) {
        m.late++;
        tally(c.kind).late++;
      } else {
        m.onTime++;
        tally(c.kind).onTime++;
      }
    }
  }
}

/** The scopes an incident counts in. */
export function incidentScopes(i: Incident): string[] {
  const scopes = [ORG];
  if (involvesPersonalData(i)) scopes.push(PERSONAL_DATA);
  if (i.managerId) scopes.push(managerScope(i.managerId));
  return scopes;
}

/** The month bucket an incident belongs to. */
export const incidentMonth = (i: Pick<Incident, 'reportedAt'>) => stockholmMonthOf(i.reportedAt);

/** Recounts one month (YYYY-MM) for every scope and saves what changed. */
export async function recountIncidentMonth(deps: Pick<Deps, 'store' | 'clock'>, month: string): Promise<number> {
  const readAt = deps.clock.now().toISOString();
  const { from, to } = monthBounds(month);
  const [incidents, existing] = await Promise.all([
    readUpTo(deps.store, 'Incidents', { where: [{ field: 'reportedAt', op: 'ge', value: from }, { field: 'reportedAt', op: 'lt', value: to }] }, MONTH_LIMIT),
    readUpTo(deps.store, 'Figures', { where: [{ field: 'period', op: 'eq', value: month }, { field: 'name', op: 'eq', value: 'incidents' }] }, 4_995),
  ]);
  const scopes = new Map<string, IncidentMonth>();
  for (const s of incidents.items) {
    for (const scope of incidentScopes(s.data)) {
      if (!scopes.has(scope)) scopes.set(scope, emptyMonth());
      addIncident(scopes.get(scope)!, s.data);
    }
  }
  if (!scopes.has(ORG)) scopes.set(ORG, emptyMonth());
  for (const m of scopes.values()) m.runningDue.sort();
  const counted: Counted[] = [...scopes].map(([scope, values]) => ({ name: 'incidents', scope, period: month, values: { ...values, ...(incidents.truncated ? { truncated: true } : {}) }, sourceItems: incidents.items.length }));
  return saveFigures(deps, counted, readAt, existing.items, () => ({ ...emptyMonth() }));
}

/** A month figure's values as stored (older items may lack fields: `byClock` then reads as empty — see `hasClockTally`). */
export function asIncidentMonth(values: Record<string, unknown>): IncidentMonth {
  const v = values as Partial<IncidentMonth>;
  return { total: v.total ?? 0, byCategory: v.byCategory ?? {}, onTime: v.onTime ?? 0, late: v.late ?? 0, runningDue: v.runningDue ?? [], openClocks: v.openClocks ?? 0, byClock: v.byClock ?? {} };
}

/** Months × categories counts, as the overview shows them. */
export function perMonthAndCategory(months: string[], figures: Map<string, IncidentMonth>): number[][] {
  return months.map((m) => INCIDENT_CATEGORIES.map((c) => figures.get(m)?.byCategory[c] ?? 0));
}

/** Whether a stored month figure carries the per-clock tally (figures kept before it was added do not). */
export const hasClockTally = (values: Record<string, unknown>) => typeof values.byClock === 'object' && values.byClock !== null;
