/**
 * The incident register for the tab: the list of incidents the actor may see (checked on the
 * server with `canSeeIncident` against the stored records) and the choices of the report form.
 * One incident's page is page.ts. Writes go through the use cases beside it.
 *
 * Paging: ISAM's whole register is the list sorted on the indexed `reportedAt` (no filter: only the
 * page is read, at any size). Everything else is a merge of bounded sources (selectors.ts,
 * docs/queries.md) with a keyset cursor — a filtered register walks a month at a time, a person's is
 * their own, their staff's and their systems' incidents walked a year at a time. A page is one or two
 * Graph requests at any list size; no request reads the whole list.
 */
import type { z } from 'zod';
import { IncidentListQuery, type IncidentPage, type IncidentRow, type RecordChoice } from '../../api';
import { addStockholmDays, caseNumber, fromStockholmWallTime, isLater, normalizeIncident, openLegalObligations, type Incident } from '../../domain';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { historyMonths, historyYears, mergeSources, sortedPage, type Deps } from '../platform';
import { incidentFilter, incidentReach, incidentSources, visibleTo } from './selectors';

type StoredIncident = StoredOf<'Incidents'>;

function parseQuery(input: unknown): z.infer<typeof IncidentListQuery> {
  const r = IncidentListQuery.safeParse(input);
  if (!r.success) throw new RecordValidationError('Incidents', issuesFromZod(r.error));
  return r.data;
}

function nextDue(i: Incident, nowIso: string): IncidentRow['nextDue'] {
  const open = i.clocks.filter((c) => c.completedAt === null).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const c = open[0];
  return c ? { kind: c.kind, dueAt: c.dueAt, overdue: isLater(nowIso, c.dueAt), provisional: c.basis === 'provisional' } : null;
}

function toRow(s: StoredIncident, nowIso: string): IncidentRow {
  const i = normalizeIncident(s.data);
  return {
    id: s.id,
    caseNumber: caseNumber(s.id, i.reportedAt),
    title: i.title,
    category: i.category,
    status: i.status,
    severity: i.severity,
    significant: i.significant,
    personalData: i.personalDataBreach === true || i.personalData.involved !== 'no',
    reportedAt: i.reportedAt,
    unit: i.reporterUnit,
    nextDue: nextDue(i, nowIso),
    openObligations: openLegalObligations(i.clocks).length,
  };
}

/** `[from, to]` Stockholm days as conditions on reportedAt, and the years and months they touch. */
function reportedWithin(from: string | undefined, to: string | undefined) {
  const where: Condition<'Incidents'>[] = [];
  const day = (d: string) => {
    const [year, month, dd] = d.split('-').map(Number) as [number, number, number];
    return fromStockholmWallTime({ year, month, day: dd, hour: 0, minute: 0, second: 0 });
  };
  if (from) where.push({ field: 'reportedAt', op: 'ge', value: day(from).toISOString() });
  if (to) where.push({ field: 'reportedAt', op: 'lt', value: addStockholmDays(day(to), 1).toISOString() });
  return { where, fromYear: from ? Number(from.slice(0, 4)) : null, toYear: to ? Number(to.slice(0, 4)) : null, fromMonth: from?.slice(0, 7) ?? null, toMonth: to?.slice(0, 7) ?? null };
}

/** One page of the incidents the actor may see, newest (or oldest) first. */
export async function listIncidents(deps: Deps, actor: Actor, query: IncidentListQuery): Promise<IncidentPage> {
  const q = parseQuery(query);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const [reach, years, months] = await Promise.all([
    incidentReach(deps, actor),
    historyYears(deps.store, 'Incidents', 'reportedAt', now),
    historyMonths(deps.store, 'Incidents', 'reportedAt', now),
  ]);
  // A period (the management review's links): only the months and years it touches are walked, and
  // reportedAt narrows each source to the period.
  const period = reportedWithin(q.from, q.to);
  const inPeriod = { years: years.filter((y) => (!period.fromYear || y >= period.fromYear) && (!period.toYear || y <= period.toYear)), months: months.filter((m) => (!period.fromMonth || m >= period.fromMonth) && (!period.toMonth || m <= period.toMonth)) };
  // ISAM's whole register, unfiltered: the list sorted on its index, one page at a time.
  const page =
    reach.all && !q.status && !q.category && !period.where.length
      ? await sortedPage(deps.store, { list: 'Incidents', sort: 'reportedAt', direction: q.direction, pageSize: q.pageSize, cursor: q.cursor ?? null })
      : await mergeSources(deps.store, {
          list: 'Incidents',
          sort: 'reportedAt',
          direction: q.direction,
          sources: incidentSources(actor, reach, { ...inPeriod, ...(q.status ? { status: q.status } : {}) }),
          filter: [...incidentFilter(q), ...period.where],
          ...(reach.all ? {} : { keep: visibleTo(actor, reach) }),
          pageSize: q.pageSize,
          cursor: q.cursor ?? null,
        });
  return { items: page.items.map((s) => toRow(s, nowIso)), cursor: page.cursor, direction: q.direction, scope: reach.all ? 'all' : 'entitled' };
}

/**
 * The choices of the report form: the asset and supplier registers by id (as the bot's wizard offers
 * them) — small lists, read in one `$batch`, at most 999 of each (a larger register is searched).
 */
export async function incidentFormOptions(deps: Deps): Promise<{ assets: RecordChoice[]; suppliers: RecordChoice[] }> {
  const [assets, suppliers] = await deps.store.queryMany([
    { list: 'InformationAssets', options: { orderBy: { field: 'code', direction: 'asc' }, pageSize: 999 } },
    { list: 'Suppliers', options: { orderBy: { field: 'code', direction: 'asc' }, pageSize: 999 } },
  ] as const);
  return {
    // Archived assets and suppliers are no longer in use: nothing new is reported against them.
    assets: assets.items.filter((a) => !a.data.archived).map((a) => ({ id: a.id, code: a.data.code, name: a.data.name })),
    suppliers: suppliers.items.filter((s) => !s.data.archived).map((s) => ({ id: s.id, code: s.data.code, name: s.data.name })),
  };
}
