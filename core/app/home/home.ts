/**
 * Start: one person's home. Everyone gets their own cases (incidents they reported, access they
 * asked for or were given) and their mandatory training; by role and by what they own, the things
 * that wait for them:
 *
 * - an information owner or delegate: access requests to decide (decided right here with the same
 *   use case as the card, `decideFromTab`), with a link to the card in Teams, and recertification
 *   reviews to finish;
 * - a line manager: incidents to investigate, soonest deadline first;
 * - ISAM and the IT security officer: every running deadline of every open incident, legal ones
 *   (Cybersäkerhetslagen, GDPR) first and soonest first, and the incidents nobody has assessed yet;
 *   the DSO the same for incidents involving personal data;
 * - the administrative unit: approved access changes to carry out.
 *
 * Every read is bounded: one person's own cases and one owner's pending requests are read newest
 * (or oldest) first a page at a time, the open work of the organisation by status (see reads.ts,
 * which is where the query plan of docs/queries.md applies). Nothing counts a whole list.
 */
import type { Bounded, DecisionItem, DueItem, HomeInvestigation, HomeView, MyCourse, MyIncident, MyRequest, RecordRef, ReviewItem, TaskItem, UnassessedItem } from '../../api';
import { addMonthsToDate, caseNumber, isLater, isLegalKind, isManagement, isOpen, stockholmDate, type DeciderCapacity } from '../../domain';
import { accessDecisionCapacity, concernsOwner, has, involvesPersonalData, same } from '../../domain/policy';
import type { StoredOf } from '../../ports/record-store';
import { correlation, independentFor, peopleById, personRef } from '../access';
import type { Actor } from '../people';
import type { Deps } from '../platform';
import { chatLink, type ChatLinkSettings } from './chat-links';
import { homeReads, type HomeReads } from './reads';

/** At most this many items per list on the home; `total` tells how many were found. */
export const HOME_LIST_LIMIT = 10;
/** A course that runs out within this many days is shown as running out. */
export const EXPIRING_DAYS = 60;
const DAY_MS = 86_400_000;

export interface HomeOptions {
  chat: ChatLinkSettings;
}

const bounded = <T>(items: T[], capped = false, limit = HOME_LIST_LIMIT): Bounded<T> => ({ items: items.slice(0, limit), total: items.length, capped });

export async function buildHome(deps: Deps, actor: Actor, options: HomeOptions): Promise<HomeView> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = stockholmDate(now);
  const reads = await homeReads(deps, actor);

  const requests = [...reads.pendingForMe.items, ...(reads.pendingBacklog?.items ?? []), ...reads.myRequests.items, ...reads.tasks.items];
  const [people, assets] = await Promise.all([
    peopleById(deps, requests.flatMap((r) => [r.data.subjectId, r.data.requesterId])),
    deps.store.getMany('InformationAssets', [...new Set(requests.map((r) => r.data.assetId).filter((id) => !reads.myAssets.has(id)))]),
  ]);
  const assetById = new Map([...reads.myAssets.values(), ...assets].map((a) => [a.id, a]));
  const assetRef = (id: string): RecordRef | null => {
    const a = assetById.get(id);
    return a ? { id: a.id, code: a.data.code, name: a.data.name } : null;
  };
  const person = (id: string) => {
    const p = personRef(id, people);
    return { id: p.id, name: p.name };
  };

  // ── mine ───────────────────────────────────────────────────────────────
  const incidents: MyIncident[] = reads.myIncidents.items.map((i) => ({
    id: i.id,
    caseNumber: caseNumber(i.id, i.data.reportedAt),
    title: i.data.title,
    category: i.data.category,
    status: i.data.status,
    reportedAt: i.data.reportedAt,
  }));
  const myRequests: MyRequest[] = reads.myRequests.items.map((r) => ({
    id: r.id,
    kind: r.data.kind,
    status: r.data.status,
    subject: person(r.data.subjectId),
    forSelf: same(r.data.subjectId, actor.id) && same(r.data.requesterId, actor.id),
    asset: assetRef(r.data.assetId),
    role: r.data.role,
    requestedAt: r.data.requestedAt,
    decidedAt: r.data.decidedAt,
    comment: r.data.status === 'denied' ? r.data.decisionComment : null,
  }));
  const courses = myCourses(reads, actor, today);

  // ── decisions (owners and delegates) ───────────────────────────────────
  let decisions: Bounded<DecisionItem> | null = null;
  // In what capacity the person may decide each waiting request, against the asset as it is now (its
  // owner may have changed since the request was made); an owner's own access is decided by the
  // owner's line manager, else ISAM — resolved from the directory and the Roles list.
  const ownersOwn = (reads.pendingBacklog?.items ?? []).filter((r) => {
    const asset = assetById.get(r.data.assetId);
    return asset !== undefined && concernsOwner(asset.data, r.data.subjectId);
  });
  const independent = new Map(await Promise.all(ownersOwn.map(async (r) => [r.id, await independentFor(deps, assetById.get(r.data.assetId)!.data, r.data.subjectId)] as const)));
  const capacity = new Map<string, DeciderCapacity>();
  const waiting = [...new Map([...reads.pendingForMe.items, ...ownersOwn].map((r) => [r.id, r])).values()].sort((a, b) => Date.parse(a.data.requestedAt) - Date.parse(b.data.requestedAt));
  for (const r of waiting) {
    const asset = assetById.get(r.data.assetId);
    const as = asset ? accessDecisionCapacity(actor, asset.data, r.data.subjectId, independent.get(r.id) ?? []) : null;
    if (as) capacity.set(r.id, as);
  }
  const decidable = waiting.filter((r) => capacity.has(r.id));
  if (reads.myAssets.size > 0 || decidable.length > 0) {
    const shown = decidable.slice(0, HOME_LIST_LIMIT);
    const [links, grants] = await Promise.all([
      decisionCards(deps, actor, shown, options.chat),
      deps.store.getMany('AccessGrants', [...new Set(shown.map((r) => r.data.grantId).filter((id): id is string => Boolean(id)))]),
    ]);
    const grantById = new Map(grants.map((g) => [g.id, g]));
    const items: DecisionItem[] = shown.map((r) => {
      const grant = r.data.grantId ? grantById.get(r.data.grantId) : undefined;
      return {
        id: r.id,
        etag: r.etag,
        kind: r.data.kind,
        role: r.data.role,
        subject: personRef(r.data.subjectId, people),
        requester: personRef(r.data.requesterId, people),
        asset: assetRef(r.data.assetId),
        justification: r.data.justification,
        validUntil: r.data.validUntil,
        grant: grant ? { role: grant.data.role, validUntil: grant.data.validUntil } : null,
        requestedAt: r.data.requestedAt,
        as: capacity.get(r.id)!,
        chat: links.get(r.id) ?? null,
      };
    });
    decisions = { items, total: decidable.length, capped: reads.pendingForMe.capped || Boolean(reads.pendingBacklog?.capped && ownersOwn.length) };
  }

  let reviews: Bounded<ReviewItem> | null = null;
  if (reads.myAssets.size > 0 || reads.reviews.items.length > 0) {
    const items = reads.reviews.items
      .sort((a, b) => Date.parse(a.data.dueAt) - Date.parse(b.data.dueAt))
      .map((r) => ({
        id: r.id,
        campaignName: r.data.campaignName,
        asset: assetRef(r.data.assetId),
        dueAt: r.data.dueAt,
        overdue: isLater(nowIso, r.data.dueAt),
        total: r.data.total,
        decided: r.data.kept + r.data.removed,
      }));
    reviews = bounded(items, reads.reviews.capped);
  }

  // ── investigations (line managers) ─────────────────────────────────────
  let investigations: Bounded<HomeInvestigation> | null = null;
  if (has(actor, 'manager') || reads.managed.items.length > 0) {
    const items = reads.managed.items
      .map((i) => {
        const clock = i.data.clocks.find((c) => c.kind === 'internal_investigation' && isOpen(c));
        const dueAt = clock?.dueAt ?? new Date(Date.parse(i.data.triagedAt ?? i.data.reportedAt) + deps.settings.investigationDays * DAY_MS).toISOString();
        return { id: i.id, caseNumber: caseNumber(i.id, i.data.reportedAt), title: i.data.title, status: i.data.status, dueAt, overdue: isLater(nowIso, dueAt) };
      })
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    investigations = bounded(items, reads.managed.capped);
  }

  // ── what is due (ISAM, IT security, the DSO) ───────────────────────────
  let due: HomeView['due'] = null;
  if (reads.open) {
    const dsoOnly = !has(actor, 'isam', 'itsec');
    const seen = reads.open.items.filter((i) => !dsoOnly || involvesPersonalData(i.data));
    const deadlines: DueItem[] = [];
    for (const i of seen) {
      const personalData = involvesPersonalData(i.data);
      for (const c of i.data.clocks) {
        if (!isOpen(c)) continue;
        deadlines.push({
          incidentId: i.id,
          caseNumber: caseNumber(i.id, i.data.reportedAt),
          title: i.data.title,
          kind: c.kind,
          legal: isLegalKind(c.kind),
          provisional: c.basis === 'provisional',
          dueAt: c.dueAt,
          overdue: isLater(nowIso, c.dueAt),
          personalData,
        });
      }
    }
    // The law's deadlines before the organisation's own, each soonest (most overdue) first.
    deadlines.sort((a, b) => Number(b.legal) - Number(a.legal) || Date.parse(a.dueAt) - Date.parse(b.dueAt));
    const unassessed: UnassessedItem[] = seen
      .filter((i) => i.data.status === 'reported')
      .sort((a, b) => Date.parse(a.data.reportedAt) - Date.parse(b.data.reportedAt))
      .map((i) => ({ id: i.id, caseNumber: caseNumber(i.id, i.data.reportedAt), title: i.data.title, category: i.data.category, reportedAt: i.data.reportedAt, personalData: involvesPersonalData(i.data) }));
    due = { deadlines: bounded(deadlines, reads.open.capped), unassessed: bounded(unassessed, reads.open.capped) };
  }

  // ── access changes to carry out (the administrative unit) ──────────────
  let tasks: Bounded<TaskItem> | null = null;
  if (has(actor, 'admin_unit')) {
    const items = reads.tasks.items
      .sort((a, b) => Date.parse(a.data.decidedAt ?? a.data.requestedAt) - Date.parse(b.data.decidedAt ?? b.data.requestedAt))
      .map((r) => ({ id: r.id, kind: r.data.kind, status: r.data.status, subject: person(r.data.subjectId), asset: assetRef(r.data.assetId), role: r.data.role, decidedAt: r.data.decidedAt }));
    tasks = bounded(items, reads.tasks.capped);
  }

  return {
    today,
    generatedAt: nowIso,
    mine: {
      incidents: { items: incidents.slice(0, HOME_LIST_LIMIT), total: incidents.length, capped: reads.myIncidents.capped },
      requests: { items: myRequests.slice(0, HOME_LIST_LIMIT), total: myRequests.length, capped: reads.myRequests.capped },
      training: { courses, complete: courses.every((c) => c.status === 'done' || c.status === 'expiring') },
    },
    decisions,
    reviews,
    investigations,
    due,
    tasks,
  };
}

/** The mandatory courses that concern the person, and where they stand on each. */
function myCourses(reads: HomeReads, actor: Actor, today: string): MyCourse[] {
  const management = isManagement(actor.roles);
  const latest = new Map<string, string>();
  for (const c of reads.completions) {
    const before = latest.get(c.data.courseCode);
    if (!before || c.data.completedAt > before) latest.set(c.data.courseCode, c.data.completedAt);
  }
  const soon = new Date(Date.parse(`${today}T12:00:00Z`) + EXPIRING_DAYS * DAY_MS).toISOString().slice(0, 10);
  return reads.courses
    .filter((c) => c.data.mandatory && (c.data.audience === 'all' || management))
    .map((c) => c.data)
    .sort((a, b) => (a.audience === b.audience ? a.code.localeCompare(b.code) : a.audience === 'all' ? -1 : 1))
    .map((course) => {
      const completedAt = latest.get(course.code) ?? null;
      const validUntil = completedAt && course.validityMonths !== null ? addMonthsToDate(completedAt, course.validityMonths) : null;
      const status: MyCourse['status'] = !completedAt ? 'missing' : validUntil && validUntil < today ? 'expired' : validUntil && validUntil <= soon ? 'expiring' : 'done';
      return { code: course.code, name: course.name, audience: course.audience, status, completedAt, validUntil };
    });
}

/**
 * The decision card each request's decider got in Teams: the outbox entry of that card for this
 * person (the card is updated in place later, so the first delivered message is the one to open).
 */
async function decisionCards(deps: Pick<Deps, 'store'>, actor: Actor, requests: StoredOf<'AccessRequests'>[], settings: ChatLinkSettings) {
  const out = new Map<string, ReturnType<typeof chatLink>>();
  await Promise.all(
    requests.map(async (r) => {
      const page = await deps.store.query('Outbox', { where: [{ field: 'correlationKey', op: 'eq', value: correlation.decider(r.id) }], pageSize: 50 });
      const mine = page.items
        .filter((e) => e.data.targetType === 'person' && same(e.data.targetId, actor.id) && e.data.activityId && e.data.conversationId)
        .sort((a, b) => Date.parse(a.data.createdAt) - Date.parse(b.data.createdAt))[0];
      if (mine) out.set(r.id, chatLink({ conversationId: mine.data.conversationId, activityId: mine.data.activityId }, settings));
    }),
  );
  return out;
}
