/**
 * Översikt: what needs the signed-in person now, and the state of the LIS in figures.
 *
 * Figures come from kept figures (core/app/figures), never from counting records on a page load:
 * the incidents per month and the reporting clocks of the scope the person's role may see (ADR 014),
 * the open access requests, classification coverage and training per unit. What needs the person now
 * comes from their own bounded buckets — their open cases, what they manage, what they own. All of
 * it is asked in one `$batch` (a second one only for someone who owns assets): two or three Graph
 * requests at any list size (docs/queries.md, "Översikt").
 */
import type { ApprovalItem, AssetReviewItem, ClockItem, Dashboard, InvestigationItem, Listed } from '../../api';
import { caseNumber, has, INCIDENT_CATEGORIES, isOpen, isLater, openOrYear, stockholmDate, stockholmMonthOf, summariseClassification } from '../../domain';
import { canViewAccessRequest, canViewAccessReview, same } from '../../domain/policy';
import type { AnyListQuery, Page, StoredOf } from '../../ports/record-store';
import {
  asIncidentMonth,
  classificationOn,
  emptyMonth,
  incidentScopeFor,
  ORG,
  REPORTING_CLOCKS,
  type IncidentMonth,
  type OpenRequests,
  type TrainingUnitValues,
} from '../figures';
import type { Actor } from '../people';
import { historyYears, type Deps } from '../platform';

/** At most this many entries per "needs me now" list; `total` tells how many there are. */
export const DASHBOARD_LIST_LIMIT = 20;
/** Months of incident history in the charts, including the current one. */
export const DASHBOARD_MONTHS = 12;

const DAY_MS = 86_400_000;

const listed = <T>(items: T[], limit = DASHBOARD_LIST_LIMIT): Listed<T> => ({ items: items.slice(0, limit), total: items.length });

/** The `count` months ending with the month of `today`, as YYYY-MM. */
function lastMonths(today: string, count: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

const me = (actor: Actor) => openOrYear(actor.id, 'open');

type Rows<L extends keyof import('../../domain').RecordSchemas> = StoredOf<L>[];

/** Adds one incident to a month figure, as the kept figures count it (figures/incidents.ts). */
function countInto(m: IncidentMonth, i: StoredOf<'Incidents'>['data']): void {
  m.total++;
  m.byCategory[i.category] = (m.byCategory[i.category] ?? 0) + 1;
  for (const c of i.clocks) {
    if (isOpen(c)) {
      m.openClocks++;
      if (REPORTING_CLOCKS.has(c.kind)) m.runningDue.push(c.dueAt);
    } else if (REPORTING_CLOCKS.has(c.kind) && c.outcome !== 'not_required') {
      if (Date.parse(c.completedAt!) > Date.parse(c.dueAt)) m.late++;
      else m.onTime++;
    }
  }
}

export async function buildDashboard(deps: Deps, actor: Actor): Promise<Dashboard> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = stockholmDate(now);
  const months = lastMonths(today, DASHBOARD_MONTHS);
  const reviewWindow = new Date(now.getTime() - 180 * DAY_MS).toISOString();
  const scope = incidentScopeFor(actor);
  const all = has(actor, 'isam', 'itsec');
  const dso = has(actor, 'dso');
  const accessAll = has(actor, 'isam', 'admin_unit');
  const ownYears = scope === null ? (await historyYears(deps.store, 'Incidents', 'reportedAt', now)).slice(0, 2) : [];

  // ── one $batch: figures, and what needs this person now ─────────────────
  // The person's assets came with their roles (loadActor); asked here only when they did not.
  const knownAssets = actor.assets;
  const open = { field: 'reporterKey', op: 'eq', value: me(actor) } as const;
  const queries = [
    { list: 'Figures', options: { where: [{ field: 'scope', op: 'eq', value: scope ?? ORG }], pageSize: 999 } },
    { list: 'Figures', options: { where: [{ field: 'name', op: 'eq', value: 'training' }], pageSize: 999 } },
    ...(knownAssets
      ? []
      : [
          { list: 'InformationAssets', options: { where: [{ field: 'ownerId', op: 'eq', value: actor.id }], pageSize: 999 } },
          { list: 'InformationAssets', options: { where: [{ field: 'delegateId', op: 'eq', value: actor.id }], pageSize: 999 } },
        ]),
    { list: 'AccessRequests', options: { where: [{ field: 'ownerKey', op: 'eq', value: me(actor) }], pageSize: 999 } },
    { list: 'AccessRequests', options: { where: [{ field: 'delegateKey', op: 'eq', value: me(actor) }], pageSize: 999 } },
    { list: 'AccessRequests', options: { where: [{ field: 'requesterKey', op: 'eq', value: me(actor) }], pageSize: 999 } },
    { list: 'AccessRequests', options: { where: [{ field: 'subjectId', op: 'eq', value: actor.id }], pageSize: 999 } },
    { list: 'AccessReviews', options: { where: [{ field: 'dueAt', op: 'ge', value: reviewWindow }], pageSize: 999 } },
    { list: 'Incidents', options: { where: [open], pageSize: 999 } },
    { list: 'Incidents', options: { where: [{ field: 'managerKey', op: 'eq', value: me(actor) }], pageSize: 999 } },
    // ISAM's, IT security's and the DSO's clocks: the incidents with a running clock, soonest first
    // (bounded by the open work).
    ...(all || dso ? [{ list: 'Incidents', options: { where: [{ field: 'nextDueAt', op: 'ge', value: '2000-01-01T00:00:00.000Z' }], orderBy: { field: 'nextDueAt', direction: 'asc' }, pageSize: all ? DASHBOARD_LIST_LIMIT : 999 } }] : []),
    // Figures of one's own cases: the reporter's year buckets of the chart's months.
    ...ownYears.map((y) => ({ list: 'Incidents', options: { where: [{ field: 'reporterKey', op: 'eq', value: openOrYear(actor.id, y) }], pageSize: 999 } })),
    // The organisation's figures beside a narrower scope's (classification, open requests).
    ...(scope !== null && scope !== ORG ? [{ list: 'Figures', options: { where: [{ field: 'scope', op: 'eq', value: ORG }], pageSize: 999 } }] : []),
    // Open incidents on the person's systems.
    ...(knownAssets ?? []).map((a) => ({ list: 'Incidents', options: { where: [{ field: 'assetKey', op: 'eq', value: `${a.id}|open` }], pageSize: 999 } })),
  ] as unknown as readonly AnyListQuery[];
  const pages = (await deps.store.queryMany(queries)) as unknown as Page<unknown>[];
  let n = 0;
  const next = <L extends keyof import('../../domain').RecordSchemas>() => (pages[n++]!.items as unknown as Rows<L>);
  const scopeFigures = next<'Figures'>();
  const trainingRows = next<'Figures'>();
  const ownedAssets = knownAssets ?? next<'InformationAssets'>();
  const delegatedAssets = knownAssets ? [] : next<'InformationAssets'>();
  const asOwner = next<'AccessRequests'>();
  const asDelegate = next<'AccessRequests'>();
  const asRequester = next<'AccessRequests'>();
  const asSubject = next<'AccessRequests'>();
  const reviews = next<'AccessReviews'>();
  const ownOpen = next<'Incidents'>();
  const managedOpen = next<'Incidents'>();
  const withClocks = all || dso ? next<'Incidents'>() : [];
  const ownHistory = ownYears.map(() => next<'Incidents'>()).flat();
  const orgFigures = scope === null || scope === ORG ? scopeFigures : next<'Figures'>();
  const assetOpen: Rows<'Incidents'> = (knownAssets ?? []).flatMap(() => next<'Incidents'>());

  // Assets the person owns (when not known yet: their open incidents in a second $batch).
  const myAssets = new Map([...ownedAssets, ...delegatedAssets].map((a) => [a.id, a]));
  if (!knownAssets && myAssets.size) {
    const more = (await deps.store.queryMany([...myAssets.keys()].map((id) => ({ list: 'Incidents', options: { where: [{ field: 'assetKey', op: 'eq', value: `${id}|open` }], pageSize: 999 } })) as unknown as readonly AnyListQuery[])) as unknown as Page<unknown>[];
    for (const p of more) assetOpen.push(...(p.items as unknown as Rows<'Incidents'>));
  }

  // ── incidents in figures ───────────────────────────────────────────────
  const perMonth = new Map<string, IncidentMonth>();
  if (scope !== null) {
    for (const f of scopeFigures) if (f.data.name === 'incidents') perMonth.set(f.data.period, asIncidentMonth(f.data.values));
  } else {
    const own = new Map([...ownOpen, ...ownHistory].map((s) => [s.id, s]));
    for (const s of own.values()) {
      const m = stockholmMonthOf(s.data.reportedAt);
      if (!perMonth.has(m)) perMonth.set(m, emptyMonth());
      countInto(perMonth.get(m)!, s.data);
    }
  }
  const counts = months.map((m) => INCIDENT_CATEGORIES.map((c) => perMonth.get(m)?.byCategory[c] ?? 0));
  const total = counts.reduce((t, row) => t + row.reduce((a, b) => a + b, 0), 0);
  const reporting = { onTime: 0, late: 0, overdue: 0, running: 0 };
  let openClocksTotal = 0;
  for (const [m, f] of perMonth) {
    openClocksTotal += f.openClocks;
    if (months.includes(m)) {
      reporting.onTime += f.onTime;
      reporting.late += f.late;
    }
    // A report still owed counts whenever its incident was reported.
    for (const due of f.runningDue) reporting[isLater(nowIso, due) ? 'overdue' : 'running']++;
  }

  // ── what needs the person now ──────────────────────────────────────────
  const visibleOpen = new Map<string, StoredOf<'Incidents'>>();
  const mine = (s: StoredOf<'Incidents'>) => same(actor.id, s.data.reporterId) || same(actor.id, s.data.managerId) || (s.data.assetId !== null && myAssets.has(s.data.assetId));
  for (const s of [...ownOpen, ...managedOpen, ...assetOpen]) visibleOpen.set(s.id, s);
  if (dso) for (const s of withClocks) if (s.data.personalDataBreach === true || s.data.personalData.involved !== 'no' || mine(s)) visibleOpen.set(s.id, s);
  const clockSource = all ? withClocks : [...visibleOpen.values()];
  const clocks: ClockItem[] = [];
  for (const i of clockSource) {
    for (const c of i.data.clocks) {
      if (!isOpen(c)) continue;
      clocks.push({ incidentId: i.id, caseNumber: caseNumber(i.id, i.data.reportedAt), incidentTitle: i.data.title, kind: c.kind, dueAt: c.dueAt, overdue: isLater(nowIso, c.dueAt) });
    }
  }
  clocks.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  // ISAM's list is the soonest twenty of all; the total comes from the figures.
  const clockList: Listed<ClockItem> = all ? { items: clocks.slice(0, DASHBOARD_LIST_LIMIT), total: Math.max(clocks.length, openClocksTotal) } : listed(clocks);

  const investigations: InvestigationItem[] = managedOpen
    .filter((i) => i.data.status === 'investigating' || i.data.status === 'triaged')
    .map((i) => {
      const clock = i.data.clocks.find((c) => c.kind === 'internal_investigation');
      const dueAt = clock?.dueAt ?? new Date(Date.parse(i.data.triagedAt ?? i.data.reportedAt) + deps.settings.investigationDays * DAY_MS).toISOString();
      return { id: i.id, caseNumber: caseNumber(i.id, i.data.reportedAt), title: i.data.title, category: i.data.category, status: i.data.status, reportedAt: i.data.reportedAt, dueAt, overdue: isLater(nowIso, dueAt) };
    })
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));

  // ── access ─────────────────────────────────────────────────────────────
  const pendingForMe = new Map([...asOwner, ...asDelegate].filter((r) => r.data.status === 'pending').map((r) => [r.id, r]));
  const subjectNames = new Map(
    (await (pendingForMe.size ? deps.directory.getPeople([...new Set([...pendingForMe.values()].slice(0, 200).map((r) => r.data.subjectId))]) : Promise.resolve([]))).map((p) => [p.aadObjectId.toLowerCase(), p.displayName]),
  );
  const approvals: ApprovalItem[] = [...pendingForMe.values()]
    .sort((a, b) => Date.parse(a.data.requestedAt) - Date.parse(b.data.requestedAt))
    .map((r) => {
      const a = myAssets.get(r.data.assetId);
      return {
        id: r.id,
        kind: r.data.kind,
        role: r.data.role,
        subject: { id: r.data.subjectId, name: subjectNames.get(r.data.subjectId.toLowerCase()) ?? null },
        asset: a ? { id: a.id, code: a.data.code, name: a.data.name } : null,
        requestedAt: r.data.requestedAt,
      };
    });
  let accessRequests: OpenRequests;
  const orgAccess = orgFigures.find((f) => f.data.name === 'access-requests');
  if (accessAll) accessRequests = { pending: 0, approved: 0, inProgress: 0, ...((orgAccess?.data.values ?? {}) as Partial<OpenRequests>) };
  else {
    const seen = new Map([...asOwner, ...asDelegate, ...asRequester, ...asSubject].filter((r) => canViewAccessRequest(actor, r.data)).map((r) => [r.id, r]));
    const by = (status: string) => [...seen.values()].filter((r) => r.data.status === status).length;
    accessRequests = { pending: by('pending'), approved: by('approved'), inProgress: by('in_progress') };
  }

  const visibleReviews = reviews.filter((r) => canViewAccessReview(actor, r.data));
  const latest = visibleReviews.reduce<StoredOf<'AccessReviews'> | null>((best, r) => (!best || isLater(r.data.startedAt, best.data.startedAt) ? r : best), null);
  const campaign = latest ? visibleReviews.filter((r) => r.data.campaignId === latest.data.campaignId) : [];
  const recertification = latest
    ? {
        campaignId: latest.data.campaignId,
        campaignName: latest.data.campaignName,
        dueAt: campaign.reduce((max, r) => (isLater(r.data.dueAt, max) ? r.data.dueAt : max), latest.data.dueAt),
        reviews: campaign.length,
        completedReviews: campaign.filter((r) => r.data.status === 'completed').length,
        grants: campaign.reduce((n, r) => n + r.data.total, 0),
        kept: campaign.reduce((n, r) => n + r.data.kept, 0),
        removed: campaign.reduce((n, r) => n + r.data.removed, 0),
      }
    : null;

  // ── classification ─────────────────────────────────────────────────────
  const classification = classificationOn(orgFigures.find((f) => f.data.name === 'classification')?.data.values, today);
  const soon = addMonths(today, 1);
  const assetReviews: AssetReviewItem[] = [];
  for (const a of myAssets.values()) {
    const s = summariseClassification(a.data, today);
    if (s.state !== 'classified' || (a.data.nextReviewAt !== null && a.data.nextReviewAt <= soon)) {
      assetReviews.push({ id: a.id, code: a.data.code, name: a.data.name, state: s.state, nextReviewAt: a.data.nextReviewAt });
    }
  }
  assetReviews.sort((a, b) => (a.nextReviewAt ?? '').localeCompare(b.nextReviewAt ?? ''));

  // ── training ───────────────────────────────────────────────────────────
  const units = trainingRows
    .map((f) => f.data.values as unknown as TrainingUnitValues)
    .filter((u) => u.people > 0)
    .map((u) => ({ unit: u.unit, people: u.people, required: u.required, completed: u.completed }))
    .sort((a, b) => a.unit.localeCompare(b.unit, 'sv'));

  return {
    today,
    generatedAt: nowIso,
    mine: { approvals: listed(approvals), investigations: listed(investigations), clocks: clockList, assetReviews: listed(assetReviews) },
    incidentsPerMonth: { months, categories: [...INCIDENT_CATEGORIES], counts, total },
    reporting,
    accessRequests,
    recertification,
    classification,
    training: { units, required: units.reduce((n, r) => n + r.required, 0), completed: units.reduce((n, r) => n + r.completed, 0) },
  };
}
