/**
 * The management review's figures for a period, each with the tab route of the records it counts.
 *
 * Built only from kept figures and bounded queries (docs/queries.md, "Management review"): the
 * incident figures are the organisation's and the personal-data scope's monthly figures (`scope eq`,
 * ≤ 12 a year); a month whose figure predates the per-clock tally is counted from that month's
 * incidents (one month's intake). Access requests are read a month at a time; leavers by their last
 * day; campaigns, suppliers, risks, audits and earlier actions are small registers read up to a named
 * limit. Everything but the per-leaver and per-campaign look-ups goes in one `$batch`.
 */
import type { ReviewFigures } from '../../api';
import {
  addStockholmDays,
  CLOCK_KINDS,
  FINDING_KINDS,
  IMPROVEMENT_STATUSES,
  INCIDENT_CATEGORIES,
  meetingPhase,
  monthBounds,
  reviewMonths,
  RISK_LEVELS,
  RISK_TREATMENTS,
  stockholmDate,
  ACCESS_REQUEST_KINDS,
  ACCESS_REQUEST_STATUSES,
  fromStockholmWallTime,
  type ClockKind,
  type RecordOf,
} from '../../domain';
import { involvesPersonalData } from '../../domain/policy';
import type { AnyListQuery, StoredOf } from '../../ports/record-store';
import { addIncident, asIncidentMonth, classificationOn, hasClockTally, emptyMonth, ORG, PERSONAL_DATA, REPORTING_CLOCKS, type IncidentMonth, type TrainingUnitValues } from '../figures';
import { readEach, readTogether, type Deps } from '../platform';

/** Most records of one bounded selection the review reads (five pages). */
const LIMIT = 4_995;
const REPORTING_KINDS = CLOCK_KINDS.filter((k) => REPORTING_CLOCKS.has(k));

/** The tab route of the incidents of a period, narrowed by category. */
export const incidentsHref = (from: string, to: string, category?: string) => `#/incidents?from=${from}&to=${to}${category ? `&category=${category}` : ''}`;

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** `[from, to]` Stockholm dates as UTC instants `[start of from, start of the day after to)`. */
function instants(from: string, to: string): { start: string; end: string } {
  const day = (d: string) => {
    const [year, month, dd] = d.split('-').map(Number) as [number, number, number];
    return fromStockholmWallTime({ year, month, day: dd, hour: 0, minute: 0, second: 0 });
  };
  return { start: day(from).toISOString(), end: addStockholmDays(day(to), 1).toISOString() };
}

/** The figures of `from`–`to` (whole Stockholm months), read now. */
export async function buildReviewFigures(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, from: string, to: string): Promise<ReviewFigures> {
  const now = deps.clock.now();
  const today = stockholmDate(now);
  const computedAt = now.toISOString();
  const months = reviewMonths(from, to);
  const { start, end } = instants(from, to);
  const firstMonth = months[0]!;
  const lastMonth = months[months.length - 1]!;

  const queries = [
    { list: 'Figures', options: { where: [{ field: 'scope', op: 'eq', value: ORG }] } },
    { list: 'Figures', options: { where: [{ field: 'scope', op: 'eq', value: PERSONAL_DATA }] } },
    { list: 'Figures', options: { where: [{ field: 'name', op: 'eq', value: 'training' }] } },
    { list: 'AccessCampaigns', options: { where: [{ field: 'period', op: 'ge', value: firstMonth }, { field: 'period', op: 'le', value: lastMonth }] } },
    { list: 'Leavers', options: { where: [{ field: 'lastDay', op: 'ge', value: from }, { field: 'lastDay', op: 'le', value: to }] } },
    { list: 'Suppliers', options: {} },
    { list: 'AmbassadorMeetings', options: { where: [{ field: 'startsAt', op: 'ge', value: start }, { field: 'startsAt', op: 'lt', value: end }] } },
    { list: 'Risks', options: { where: [{ field: 'archived', op: 'eq', value: false }] } },
    { list: 'Audits', options: { where: [{ field: 'plannedAt', op: 'ge', value: from }, { field: 'plannedAt', op: 'le', value: to }] } },
    { list: 'ImprovementActions', options: { where: [{ field: 'source', op: 'eq', value: 'management_review' }] } },
    ...months.map((m) => {
      const b = monthBounds(m);
      return { list: 'AccessRequests', options: { where: [{ field: 'requestedAt', op: 'ge', value: b.from }, { field: 'requestedAt', op: 'lt', value: b.to }] } };
    }),
  ] as unknown as AnyListQuery[];
  const read = await readTogether(deps.store, queries, LIMIT);
  const [orgFigures, pdFigures, trainingFigures, campaigns, leavers, suppliers, meetings, risks, audits, actions] = read as [
    StoredOf<'Figures'>[],
    StoredOf<'Figures'>[],
    StoredOf<'Figures'>[],
    StoredOf<'AccessCampaigns'>[],
    StoredOf<'Leavers'>[],
    StoredOf<'Suppliers'>[],
    StoredOf<'AmbassadorMeetings'>[],
    StoredOf<'Risks'>[],
    StoredOf<'Audits'>[],
    StoredOf<'ImprovementActions'>[],
  ];
  const requests = (read.slice(10) as StoredOf<'AccessRequests'>[][]).flat();

  // ── incidents: kept monthly figures; a month without its per-clock tally is counted directly ──
  const monthly = (figures: StoredOf<'Figures'>[]) =>
    new Map(figures.filter((f) => f.data.name === 'incidents' && months.includes(f.data.period)).map((f) => [f.data.period, { values: asIncidentMonth(f.data.values), truncated: f.data.values.truncated === true, tallied: hasClockTally(f.data.values) }]));
  const org = monthly(orgFigures);
  const pd = monthly(pdFigures);
  const stale = months.filter((m) => !org.get(m)?.tallied);
  if (stale.length) {
    const direct = await readEach(
      deps.store,
      'Incidents',
      stale.map((m) => {
        const b = monthBounds(m);
        return [{ field: 'reportedAt', op: 'ge', value: b.from }, { field: 'reportedAt', op: 'lt', value: b.to }];
      }),
      LIMIT,
    );
    stale.forEach((m, n) => {
      const o = emptyMonth();
      const p = emptyMonth();
      for (const s of direct[n]!) {
        addIncident(o, s.data);
        if (involvesPersonalData(s.data)) addIncident(p, s.data);
      }
      org.set(m, { values: o, truncated: direct[n]!.length >= LIMIT, tallied: true });
      pd.set(m, { values: p, truncated: false, tallied: true });
    });
  }
  const sum = (values: IncidentMonth[], pick: (m: IncidentMonth) => number) => values.reduce((n, m) => n + pick(m), 0);
  const orgMonths = months.map((m) => org.get(m)?.values ?? emptyMonth());
  const pdMonths = months.map((m) => pd.get(m)?.values ?? emptyMonth());
  const tally = (values: IncidentMonth[], kind: ClockKind) => ({
    onTime: sum(values, (m) => m.byClock?.[kind]?.onTime ?? 0),
    late: sum(values, (m) => m.byClock?.[kind]?.late ?? 0),
    running: sum(values, (m) => m.byClock?.[kind]?.running ?? 0),
  });
  const imy = tally(pdMonths, 'imy_notification');

  // ── leavers: was every termination task of the person done by the end of the day after the last day? ──
  const subjects = leavers.map((l) => l.data.personId);
  const theirRequests = subjects.length ? await readEach(deps.store, 'AccessRequests', subjects.map((id) => [{ field: 'subjectId', op: 'eq', value: id }]), 999) : [];
  let onTime = 0;
  let late = 0;
  let open = 0;
  leavers.forEach((l, n) => {
    const deadline = instants(l.data.lastDay, l.data.lastDay).end;
    const byDeadline = addStockholmDays(new Date(deadline), 1).toISOString();
    const terminations = (theirRequests[n] ?? []).filter((r) => r.data.kind === 'termination' && r.data.requestedAt >= addStockholmDays(new Date(l.data.recordedAt), -1).toISOString() && r.data.status !== 'cancelled' && r.data.status !== 'denied');
    if (!l.data.processedAt || terminations.some((r) => r.data.status !== 'done')) open++;
    else if (terminations.every((r) => (r.data.completedAt ?? '') < byDeadline)) onTime++;
    else late++;
  });

  // ── recertification: the reviews of each campaign of the period ──
  const reviews = campaigns.length ? await readEach(deps.store, 'AccessReviews', campaigns.map((c) => [{ field: 'campaignId', op: 'eq', value: c.id }]), 999) : [];

  // ── suppliers: data processing agreements and sub-supplier chains ──
  const liveSuppliers = suppliers.filter((s) => !s.data.archived);
  const byId = new Map(liveSuppliers.map((s) => [s.id, s.data]));
  const depth = (id: string, seen = new Set<string>()): number => {
    const s = byId.get(id);
    if (!s?.parentId || seen.has(id) || !byId.has(s.parentId)) return 1;
    seen.add(id);
    return 1 + depth(s.parentId, seen);
  };
  const covered = (s: RecordOf<'Suppliers'>) => s.dpaStatus === 'signed' || s.dpaStatus === 'via_parent';
  const processing = liveSuppliers.filter((s) => s.data.processesPersonalData);

  // ── earlier actions: owners' names from the directory ──
  const actionOwners = await deps.directory.getPeople([...new Set(actions.map((a) => a.data.ownerId.toLowerCase()))]);
  const ownerName = new Map(actionOwners.map((p) => [p.aadObjectId.toLowerCase(), p.displayName]));
  const isOverdue = (a: RecordOf<'ImprovementActions'>) => (a.status === 'open' || a.status === 'in_progress') && a.dueAt < today;
  // Actions due before the period ended, or created before it: the ones a review of this period follows up.
  const earlier = actions.filter((a) => a.createdAt < end).sort((a, b) => a.data.dueAt.localeCompare(b.data.dueAt) || Number(a.id) - Number(b.id));

  const training = trainingFigures.map((f) => f.data.values as unknown as TrainingUnitValues).filter((v) => v.people > 0);
  const classification = classificationOn(orgFigures.find((f) => f.data.name === 'classification' && f.data.period === 'current')?.data.values, today);
  const liveRisks = risks.filter((r) => r.data.status !== 'closed');
  const findings = audits.flatMap((a) => (a.data.status === 'cancelled' ? [] : a.data.findings));

  return {
    from,
    to,
    computedAt,
    incidents: {
      total: sum(orgMonths, (m) => m.total),
      href: incidentsHref(from, to),
      byCategory: INCIDENT_CATEGORIES.map((category) => ({ category, n: sum(orgMonths, (m) => m.byCategory[category] ?? 0), href: incidentsHref(from, to, category) })),
      byMonth: months.map((month, n) => ({ month, total: orgMonths[n]!.total, byCategory: { ...orgMonths[n]!.byCategory } as Record<string, number>, href: incidentsHref(`${month}-01`, monthEnd(month)) })),
      truncated: months.some((m) => org.get(m)?.truncated === true),
    },
    reporting: REPORTING_KINDS.map((kind) => ({ kind, ...tally(orgMonths, kind), href: incidentsHref(from, to) })),
    personalData: { total: sum(pdMonths, (m) => m.total), imyOnTime: imy.onTime, imyLate: imy.late, imyRunning: imy.running, href: incidentsHref(from, to) },
    classification: { ...classification, href: '#/assets' },
    accessRequests: {
      total: requests.length,
      href: '#/access',
      byKind: ACCESS_REQUEST_KINDS.map((kind) => ({ kind, n: requests.filter((r) => r.data.kind === kind).length })),
      byStatus: ACCESS_REQUEST_STATUSES.map((status) => ({ status, n: requests.filter((r) => r.data.status === status).length })),
    },
    recertification: campaigns
      .map((c, n) => {
        const rs = (reviews[n] ?? []).map((r) => r.data);
        return { campaign: c.data.name, period: c.data.period, systems: rs.length, completed: rs.filter((r) => r.status === 'completed').length, grants: rs.reduce((x, r) => x + r.total, 0), kept: rs.reduce((x, r) => x + r.kept, 0), removed: rs.reduce((x, r) => x + r.removed, 0), href: '#/access' };
      })
      .sort((a, b) => a.period.localeCompare(b.period)),
    leavers: { total: leavers.length, onTime, late, open, href: '#/access' },
    suppliers: {
      total: liveSuppliers.length,
      processingPersonalData: processing.length,
      dpaCovered: processing.filter((s) => covered(s.data)).length,
      dpaMissing: processing.filter((s) => !covered(s.data)).map((s) => s.data.name).sort((a, b) => a.localeCompare(b, 'sv')),
      subSuppliers: liveSuppliers.filter((s) => s.data.parentId).length,
      longestChain: liveSuppliers.reduce((n, s) => Math.max(n, depth(s.id)), 0),
      href: '#/suppliers',
    },
    training: training.sort((a, b) => a.unit.localeCompare(b.unit, 'sv')).map((v) => ({ unit: v.unit, people: v.people, required: v.required, completed: v.completed, href: `#/training?unit=${encodeURIComponent(v.unit)}` })),
    ambassadors: {
      planned: meetings.length,
      held: meetings.filter((m) => ['held', 'closed'].includes(meetingPhase(m.data, now))).length,
      cancelled: meetings.filter((m) => m.data.cancelledAt).length,
      href: `#/ambassadors?year=${from.slice(0, 4)}`,
    },
    risks: {
      total: liveRisks.length,
      byLevel: RISK_LEVELS.map((level) => ({ level, n: liveRisks.filter((r) => r.data.level === level).length })),
      byTreatment: [...RISK_TREATMENTS, 'undecided' as const].map((treatment) => ({ treatment, n: liveRisks.filter((r) => (r.data.treatment ?? 'undecided') === treatment).length })),
      // The risk register in the tab (features/registers), the risks in use.
      href: '#/risks',
    },
    audits: {
      total: audits.filter((a) => a.data.status !== 'cancelled').length,
      completed: audits.filter((a) => a.data.status === 'completed').length,
      findings: FINDING_KINDS.map((kind) => ({ kind, n: findings.filter((f) => f.kind === kind).length })),
      href: '#/audits',
    },
    earlierActions: {
      total: earlier.length,
      overdue: earlier.filter((a) => isOverdue(a.data)).length,
      byStatus: IMPROVEMENT_STATUSES.map((status) => ({ status, n: earlier.filter((a) => a.data.status === status).length })),
      items: earlier.slice(0, 200).map((a) => ({ id: a.id, title: a.data.title, owner: { id: a.data.ownerId, name: ownerName.get(a.data.ownerId.toLowerCase()) ?? null }, dueAt: a.data.dueAt, status: a.data.status, overdue: isOverdue(a.data), sourceRef: a.data.sourceRef })),
      href: '#/improvements?source=management_review',
    },
  };
}

