/**
 * The incident register for the tab: the list of incidents the actor may see (checked on the
 * server with `canSeeIncident` against the stored records), one incident's page with its legal
 * clocks and timeline (the AuditLog entries with target `Incidents/<id>`, queried on the indexed
 * `target` column), and the choices of the report form. Writes go through the use cases beside it.
 *
 * Paging: ISAM's whole register is the list sorted on the indexed `reportedAt` (no filter: only the
 * page is read, at any size). Everything else is a merge of bounded sources (selectors.ts,
 * docs/queries.md) with a keyset cursor — a filtered register walks a month at a time, a person's is
 * their own, their staff's and their systems' incidents walked a year at a time. A page is one or two
 * Graph requests at any list size; no request reads the whole list.
 */
import type { z } from 'zod';
import {
  IncidentListQuery,
  type ClockState,
  type IncidentPage,
  type IncidentPageView,
  type IncidentRow,
  type RecordChoice,
} from '../../api';
import { canTriageIncident, caseNumber, CLOCK_KINDS, isLater, type ClockKind, type Incident, type LegalClock } from '../../domain';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { historyMonths, historyYears, mergeSources, readSmall, sortedPage, type Deps } from '../platform';
import { viewIncident } from './report';
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
  return c ? { kind: c.kind, dueAt: c.dueAt, overdue: isLater(nowIso, c.dueAt) } : null;
}

function toRow(s: StoredIncident, nowIso: string): IncidentRow {
  const i = s.data;
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
  };
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
  // ISAM's whole register, unfiltered: the list sorted on its index, one page at a time.
  const page =
    reach.all && !q.status && !q.category
      ? await sortedPage(deps.store, { list: 'Incidents', sort: 'reportedAt', direction: q.direction, pageSize: q.pageSize, cursor: q.cursor ?? null })
      : await mergeSources(deps.store, {
          list: 'Incidents',
          sort: 'reportedAt',
          direction: q.direction,
          sources: incidentSources(actor, reach, { years, months, ...(q.status ? { status: q.status } : {}) }),
          filter: incidentFilter(q),
          ...(reach.all ? {} : { keep: visibleTo(actor, reach) }),
          pageSize: q.pageSize,
          cursor: q.cursor ?? null,
        });
  return { items: page.items.map((s) => toRow(s, nowIso)), cursor: page.cursor, direction: q.direction, scope: reach.all ? 'all' : 'entitled' };
}

function clockState(c: LegalClock, nowIso: string): ClockState {
  if (c.completedAt === null) return isLater(nowIso, c.dueAt) ? 'overdue' : 'running';
  if (c.outcome === 'not_required') return 'not_required';
  return isLater(c.completedAt, c.dueAt) ? 'sent_late' : 'sent';
}

/** The incident page: the incident (refused to those who may not see it), its clocks and its timeline. */
export async function getIncidentPage(deps: Deps, actor: Actor, id: string): Promise<IncidentPageView> {
  const { stored, view } = await viewIncident(deps, actor, id);
  const nowIso = deps.clock.now().toISOString();
  // One record's history: tens of entries (bounded by what can happen to one incident).
  const entries = (await readSmall(deps.store, 'AuditLog', { where: [{ field: 'target', op: 'eq', value: `Incidents/${stored.id}` }] })).map((e) => e.data);
  entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const peopleIds = [...new Set([...entries.map((e) => e.actorId), ...stored.data.clocks.map((c) => c.completedBy)].filter((x): x is string => Boolean(x) && x !== 'system'))];
  const people = peopleIds.length ? await deps.directory.getPeople(peopleIds) : [];
  const name = (pid: string | null) => (pid ? (people.find((p) => p.aadObjectId.toLowerCase() === pid.toLowerCase())?.displayName ?? null) : null);
  const clocks = [...stored.data.clocks]
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
    .map((c) => ({ ...c, state: clockState(c, nowIso), completedByName: name(c.completedBy) }));
  const mayTriage = canTriageIncident(actor);
  const reportable: ClockKind[] = [];
  if (mayTriage && stored.data.status !== 'closed') {
    for (const kind of CLOCK_KINDS) {
      if (kind === 'internal_investigation') continue;
      if (kind === 'cs_situation_report') {
        if (stored.data.clocks.some((c) => c.kind === 'cs_final_report' && c.completedAt === null)) reportable.push(kind);
      } else if (stored.data.clocks.some((c) => c.kind === kind && c.completedAt === null)) reportable.push(kind);
    }
  }
  return {
    etag: stored.etag,
    incident: view,
    clocks,
    timeline: entries.map((e) => ({ at: e.at, action: e.action, actor: { id: e.actorId, name: e.actorId === 'system' ? null : name(e.actorId) }, summary: e.summary })),
    permissions: { triage: mayTriage && stored.data.status !== 'closed', markSent: mayTriage && reportable.length > 0 },
    reportable,
  };
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
    assets: assets.items.map((a) => ({ id: a.id, code: a.data.code, name: a.data.name })),
    suppliers: suppliers.items.map((s) => ({ id: s.id, code: s.data.code, name: s.data.name })),
  };
}
