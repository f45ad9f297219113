/**
 * Översikt: what needs the signed-in person now, and the state of the LIS in figures. Everything is
 * read from the store with a bounded number of queries on indexed columns (about fifteen Graph
 * requests for a district administration; tests/bot/api counts them) and filtered by what the actor
 * may see: incidents through `canSeeIncident`, access requests and reviews through their own rules.
 */
import type { ApprovalItem, AssetReviewItem, ClockItem, Dashboard, InvestigationItem, Listed, RecordRef } from '../../api';
import { caseNumber, INCIDENT_CATEGORIES, isOpen, isLater, stockholmDate, summariseClassification, type ClockKind, type IncidentStatus } from '../../domain';
import { canSeeIncident, canViewAccessRequest, canViewAccessReview, same } from '../../domain/policy';
import type { StoredOf } from '../../ports/record-store';
import { listOrganisation, type Actor, type OrganisationMember } from '../people';
import type { Deps } from '../platform';

/** At most this many entries per "needs me now" list; `total` tells how many there are. */
export const DASHBOARD_LIST_LIMIT = 20;
/** Months of incident history in the charts, including the current one. */
export const DASHBOARD_MONTHS = 12;

const REPORTING_CLOCKS: ReadonlySet<ClockKind> = new Set(['cs_early_warning', 'cs_notification', 'cs_final_report', 'cs_situation_report', 'imy_notification']);
const OPEN_INCIDENT_STATUSES: IncidentStatus[] = ['reported', 'triaged', 'investigating'];
const DAY_MS = 86_400_000;

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

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

export async function buildDashboard(deps: Deps, actor: Actor): Promise<Dashboard> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = stockholmDate(now);
  const months = lastMonths(today, DASHBOARD_MONTHS);
  // A day early: the month boundary is Stockholm time, the column UTC.
  const since = new Date(Date.parse(`${months[0]}-01T00:00:00Z`) - DAY_MS).toISOString();
  const reviewWindow = new Date(now.getTime() - 180 * DAY_MS).toISOString();

  const [assets, recent, open, myOwned, myDelegated, requestsByStatus, reviews, courses, completions, people] = await Promise.all([
    // Archived (decommissioned) assets are kept as evidence, not counted as the inventory.
    all(deps.store.queryAll('InformationAssets')).then((list) => list.filter((a) => !a.data.archived)),
    all(deps.store.queryAll('Incidents', { where: [{ field: 'reportedAt', op: 'ge', value: since }] })),
    Promise.all(OPEN_INCIDENT_STATUSES.map((status) => all(deps.store.queryAll('Incidents', { where: [{ field: 'status', op: 'eq', value: status }] })))),
    all(deps.store.queryAll('AccessRequests', { where: [{ field: 'ownerId', op: 'eq', value: actor.id }, { field: 'status', op: 'eq', value: 'pending' }] })),
    all(deps.store.queryAll('AccessRequests', { where: [{ field: 'delegateId', op: 'eq', value: actor.id }, { field: 'status', op: 'eq', value: 'pending' }] })),
    Promise.all((['pending', 'approved', 'in_progress'] as const).map((status) => all(deps.store.queryAll('AccessRequests', { where: [{ field: 'status', op: 'eq', value: status }] })))),
    all(deps.store.queryAll('AccessReviews', { where: [{ field: 'dueAt', op: 'ge', value: reviewWindow }] })),
    all(deps.store.queryAll('TrainingCourses')),
    all(deps.store.queryAll('Trainings')),
    listOrganisation(deps),
  ]);

  const assetById = new Map(assets.map((a) => [a.id, a]));
  const assetRef = (id: string | null): RecordRef | null => {
    const a = id ? assetById.get(id) : undefined;
    return a ? { id: a.id, code: a.data.code, name: a.data.name } : null;
  };
  const personName = new Map(people.map((p) => [p.id.toLowerCase(), p.name]));

  // ── incidents the actor may see ────────────────────────────────────────
  const incidents = new Map<string, StoredOf<'Incidents'>>();
  for (const i of [...recent, ...open.flat()]) incidents.set(i.id, i);
  const visible = [...incidents.values()].filter((i) => {
    const asset = i.data.assetId ? assetById.get(i.data.assetId) : undefined;
    return canSeeIncident(actor, i.data, asset ? asset.data : null);
  });

  const counts = months.map(() => INCIDENT_CATEGORIES.map(() => 0));
  let total = 0;
  const reporting = { onTime: 0, late: 0, overdue: 0, running: 0 };
  const clocks: ClockItem[] = [];
  for (const i of visible) {
    const m = months.indexOf(stockholmDate(new Date(i.data.reportedAt)).slice(0, 7));
    if (m >= 0) {
      counts[m]![INCIDENT_CATEGORIES.indexOf(i.data.category)]! += 1;
      total++;
    }
    for (const c of i.data.clocks) {
      const open = isOpen(c);
      const overdue = open && isLater(nowIso, c.dueAt);
      if (open) clocks.push({ incidentId: i.id, caseNumber: caseNumber(i.id, i.data.reportedAt), incidentTitle: i.data.title, kind: c.kind, dueAt: c.dueAt, overdue });
      if (!REPORTING_CLOCKS.has(c.kind) || c.outcome === 'not_required' || (m < 0 && !open)) continue;
      if (!open) reporting[isLater(c.completedAt!, c.dueAt) ? 'late' : 'onTime']++;
      else reporting[overdue ? 'overdue' : 'running']++;
    }
  }
  clocks.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));

  const investigations: InvestigationItem[] = visible
    .filter((i) => same(actor.id, i.data.managerId) && (i.data.status === 'investigating' || i.data.status === 'triaged'))
    .map((i) => {
      const clock = i.data.clocks.find((c) => c.kind === 'internal_investigation');
      const dueAt = clock?.dueAt ?? new Date(Date.parse(i.data.triagedAt ?? i.data.reportedAt) + deps.settings.investigationDays * DAY_MS).toISOString();
      return { id: i.id, caseNumber: caseNumber(i.id, i.data.reportedAt), title: i.data.title, category: i.data.category, status: i.data.status, reportedAt: i.data.reportedAt, dueAt, overdue: isLater(nowIso, dueAt) };
    })
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));

  // ── access ─────────────────────────────────────────────────────────────
  const approvalsById = new Map([...myOwned, ...myDelegated].map((r) => [r.id, r]));
  const approvals: ApprovalItem[] = [...approvalsById.values()]
    .sort((a, b) => Date.parse(a.data.requestedAt) - Date.parse(b.data.requestedAt))
    .map((r) => ({
      id: r.id,
      kind: r.data.kind,
      role: r.data.role,
      subject: { id: r.data.subjectId, name: personName.get(r.data.subjectId.toLowerCase()) ?? null },
      asset: assetRef(r.data.assetId),
      requestedAt: r.data.requestedAt,
    }));
  const [pending, approved, inProgress] = requestsByStatus.map((list) => list.filter((r) => canViewAccessRequest(actor, r.data)).length) as [number, number, number];

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
  const classification = { total: assets.length, classified: 0, reviewDue: 0, unclassified: 0, level4: 0 };
  const soon = addMonths(today, 1);
  const assetReviews: AssetReviewItem[] = [];
  for (const a of assets) {
    const s = summariseClassification(a.data, today);
    if (s.state === 'unclassified') classification.unclassified++;
    else if (s.state === 'review_due') classification.reviewDue++;
    else classification.classified++;
    if (s.securityProtectionFlag) classification.level4++;
    const mine = same(actor.id, a.data.ownerId) || same(actor.id, a.data.delegateId);
    if (mine && (s.state !== 'classified' || (a.data.nextReviewAt !== null && a.data.nextReviewAt <= soon))) {
      assetReviews.push({ id: a.id, code: a.data.code, name: a.data.name, state: s.state, nextReviewAt: a.data.nextReviewAt });
    }
  }
  assetReviews.sort((a, b) => (a.nextReviewAt ?? '').localeCompare(b.nextReviewAt ?? ''));

  return {
    today,
    generatedAt: nowIso,
    mine: { approvals: listed(approvals), investigations: listed(investigations), clocks: listed(clocks), assetReviews: listed(assetReviews) },
    incidentsPerMonth: { months, categories: [...INCIDENT_CATEGORIES], counts, total },
    reporting,
    accessRequests: { pending, approved, inProgress },
    recertification,
    classification,
    training: trainingByUnit(people, courses, completions, today),
  };
}

/**
 * Mandatory training per unit: every person needs each mandatory course for `all`, and managers
 * and the director also those for `management` (Cybersäkerhetslagen 2 kap. 4 §). A completion
 * counts while it is within the course's validity.
 */
function trainingByUnit(
  people: OrganisationMember[],
  courses: StoredOf<'TrainingCourses'>[],
  completions: StoredOf<'Trainings'>[],
  today: string,
): Dashboard['training'] {
  const mandatory = courses.filter((c) => c.data.mandatory).map((c) => c.data);
  const done = new Set<string>();
  for (const c of completions) {
    const course = mandatory.find((m) => m.code === c.data.courseCode);
    if (!course) continue;
    if (course.validityMonths !== null && addMonths(c.data.completedAt, course.validityMonths) < today) continue;
    done.add(`${c.data.personId.toLowerCase()}|${course.code}`);
  }
  const units = new Map<string, { unit: string; people: number; required: number; completed: number }>();
  for (const p of people) {
    const unit = p.unit ?? '–';
    if (!units.has(unit)) units.set(unit, { unit, people: 0, required: 0, completed: 0 });
    const row = units.get(unit)!;
    row.people++;
    const management = p.roles.includes('manager') || p.roles.includes('director');
    for (const course of mandatory) {
      if (course.audience === 'management' && !management) continue;
      row.required++;
      if (done.has(`${p.id.toLowerCase()}|${course.code}`)) row.completed++;
    }
  }
  const rows = [...units.values()].sort((a, b) => a.unit.localeCompare(b.unit, 'sv'));
  return { units: rows, required: rows.reduce((n, r) => n + r.required, 0), completed: rows.reduce((n, r) => n + r.completed, 0) };
}

