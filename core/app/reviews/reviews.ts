/**
 * Ledningens genomgång — the management review's use cases.
 *
 * ISAM creates the review of a period (one per period: the record's key is the period, so a double
 * click or a second ISAM gets the same review), writes its sections and proposed improvements
 * (If-Match), and sends it for decision: the figures are then frozen into the record. ISAM may take
 * it back to draft until the director decides. The director records the decision with the registry
 * number; each proposal becomes an improvement action (owner, due date, source `management_review`)
 * — created first with keys derived from the review and the proposal, then the review is updated in
 * one write, so a retry after a crash anywhere creates nothing twice. A decided review is locked and
 * kept until its retention ends (core/domain/review.ts).
 */
import { ReviewCreateInput, ReviewDecisionInput, ReviewFigures, ReviewPatchInput, type ReviewList, type ReviewView } from '../../api';
import {
  canDecideReview,
  canManageReviews,
  canReadReviews,
  isReviewEditable,
  isReviewLocked,
  reviewKeptUntil,
  reviewPeriodProblem,
  reviewRemovalVerdict,
  stockholmDate,
  type ManagementReview,
  type ReviewProposal,
} from '../../domain';
import { t, type Locale, type MessageKey } from '../../i18n';
import { issuesFromZod, type ValidationIssue } from '../../i18n/validation';
import { ConflictError, NotFoundError, RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import { createLinkedImprovement } from '../improvements';
import type { Actor } from '../people';
import { audit, forbidden, readUpTo, versionKey, wrongState, type Deps } from '../platform';
import { buildReviewFigures } from './figures';

const LIST = 'ManagementReviews';
type Stored = StoredOf<typeof LIST>;
/** Reviews listed: one a year, so 200 is decades. */
const LIST_LIMIT = 200;

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new RecordValidationError(LIST, issuesFromZod(r.error));
  return r.data;
}

const rule = (path: string, messageKey: MessageKey, params: Record<string, string | number> = {}): ValidationIssue => ({ path: [path], code: 'rule', messageKey, params });

async function people(deps: Deps, ids: (string | null | undefined)[]) {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase()))];
  const found = unique.length ? await deps.directory.getPeople(unique) : [];
  return new Map(found.map((p) => [p.aadObjectId.toLowerCase(), p.displayName]));
}

const ref = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id.toLowerCase()) ?? null } : null);

async function load(deps: Deps, actor: Actor, id: string): Promise<Stored> {
  if (!canReadReviews(actor)) throw forbidden('tab.error.forbidden');
  const s = await deps.store.get(LIST, id);
  if (!s) throw new NotFoundError(LIST, id);
  return s;
}

/** The review as the tab shows it: frozen figures once presented, today's while a draft. */
export async function reviewView(deps: Deps, actor: Actor, s: Stored, figures?: ReviewFigures): Promise<ReviewView> {
  const r = s.data;
  const frozen = r.status !== 'draft';
  const shown = figures ?? (frozen ? ReviewFigures.parse(r.inputs) : await buildReviewFigures(deps, r.periodFrom, r.periodTo));
  const names = await people(deps, [r.presentedBy, r.decidedBy, ...r.proposals.map((p) => p.ownerId)]);
  const today = stockholmDate(deps.clock.now());
  return {
    id: s.id,
    etag: s.etag,
    year: r.year,
    title: r.title,
    from: r.periodFrom,
    to: r.periodTo,
    status: r.status,
    sections: { ...r.sections },
    proposals: r.proposals.map((p, n) => ({ key: p.key, area: p.area, title: p.title, description: p.description, owner: ref(names, p.ownerId)!, dueAt: p.dueAt, actionId: r.actionIds[n] ?? null })),
    figures: shown,
    figuresFrozen: frozen,
    presentedAt: r.presentedAt,
    presentedBy: ref(names, r.presentedBy),
    decision: r.decision,
    decidedBy: ref(names, r.decidedBy),
    decidedAt: r.decidedAt,
    registrationNumber: r.registrationNumber,
    keptUntil: r.keptUntil,
    locked: isReviewLocked(r.status),
    canEdit: canManageReviews(actor) && isReviewEditable(r.status),
    canPresent: canManageReviews(actor) && r.status === 'draft',
    canReopen: canManageReviews(actor) && r.status === 'presented',
    canDecide: canDecideReview(actor) && r.status === 'presented',
    canRemove: canManageReviews(actor) && reviewRemovalVerdict(r, today).ok,
  };
}

/** The reviews, newest period first (one a year: a small list). */
export async function listReviews(deps: Deps, actor: Actor): Promise<ReviewList> {
  if (!canReadReviews(actor)) throw forbidden('tab.error.forbidden');
  const { items } = await readUpTo(deps.store, LIST, { orderBy: { field: 'periodFrom', direction: 'desc' } }, LIST_LIMIT);
  return {
    items: items.map((s) => ({ id: s.id, year: s.data.year, title: s.data.title, from: s.data.periodFrom, to: s.data.periodTo, status: s.data.status, decidedAt: s.data.decidedAt, registrationNumber: s.data.registrationNumber })),
    canCreate: canManageReviews(actor),
  };
}

export async function getReview(deps: Deps, actor: Actor, id: string): Promise<ReviewView> {
  return reviewView(deps, actor, await load(deps, actor, id));
}

/**
 * Creates the review of `from`–`to` (whole months). One review per period: a second create of the
 * same period answers the review that exists.
 */
export async function createReview(deps: Deps, actor: Actor, _key: string, input: unknown, locale: Locale = 'sv'): Promise<{ view: ReviewView; created: boolean }> {
  if (!canManageReviews(actor)) throw forbidden('tab.error.forbidden');
  const sent = parse(ReviewCreateInput, input);
  const problem = reviewPeriodProblem(sent.from, sent.to);
  if (problem) throw new RecordValidationError(LIST, [rule(problem === 'review.periodStart' ? 'from' : 'to', problem as MessageKey)]);
  const year = Number(sent.to.slice(0, 4));
  const recordKey = `review:${sent.from}:${sent.to}`;
  const data: ManagementReview = {
    year,
    title: sent.title ?? t(locale, 'review.defaultTitle', { year }),
    periodFrom: sent.from,
    periodTo: sent.to,
    status: 'draft',
    inputs: {},
    sections: { purpose: t(locale, 'review.purposeText') },
    summary: null,
    proposals: [],
    presentedAt: null,
    presentedBy: null,
    decision: null,
    decidedBy: null,
    decidedAt: null,
    registrationNumber: null,
    keptUntil: null,
    actionIds: [],
    createdBy: actor.id,
    createdAt: deps.clock.now().toISOString(),
  };
  const { record, created } = await deps.store.createOrGet(LIST, recordKey, data);
  await audit(deps, `review.created:${recordKey}`, { actorId: record.data.createdBy, action: 'review.created', target: `${LIST}/${record.id}`, summary: `Ledningens genomgång skapad: ${record.data.title} (${record.data.periodFrom}–${record.data.periodTo})`.slice(0, 500) });
  return { view: await reviewView(deps, actor, record), created };
}

async function checkOwners(deps: Deps, proposals: ReviewProposal[]) {
  if (!proposals.length) return;
  const known = await people(deps, proposals.map((p) => p.ownerId));
  const issues = proposals.flatMap((p, n) => (known.has(p.ownerId.toLowerCase()) ? [] : [{ path: ['proposals', n, 'ownerId'], code: 'rule', messageKey: 'tab.asset.personUnknown' as MessageKey, params: {} }]));
  const keys = proposals.map((p) => p.key);
  if (new Set(keys).size !== keys.length) issues.push({ path: ['proposals'], code: 'rule', messageKey: 'review.proposalKeysUnique', params: {} });
  if (issues.length) throw new RecordValidationError(LIST, issues);
}

function refuseUnlessDraft(r: ManagementReview) {
  if (isReviewLocked(r.status)) throw wrongState('review.locked');
  if (!isReviewEditable(r.status)) throw wrongState('review.notDraft');
}

/** ISAM changes the written parts of a draft. */
export async function updateReview(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<ReviewView> {
  const current = await load(deps, actor, id);
  if (!canManageReviews(actor)) throw forbidden('tab.error.forbidden');
  refuseUnlessDraft(current.data);
  const sent = parse(ReviewPatchInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  if (sent.proposals) await checkOwners(deps, sent.proposals);
  const patch: Partial<ManagementReview> = {};
  if (sent.title !== undefined && sent.title !== current.data.title) patch.title = sent.title;
  if (sent.sections) {
    const merged = { ...current.data.sections };
    for (const [k, v] of Object.entries(sent.sections)) {
      if (v === undefined) continue;
      if (v.trim()) merged[k] = v.trim();
      else delete merged[k];
    }
    if (JSON.stringify(merged) !== JSON.stringify(current.data.sections)) patch.sections = merged;
    const summary = merged.summary ?? null;
    if (summary !== current.data.summary) patch.summary = summary;
  }
  if (sent.proposals && JSON.stringify(sent.proposals) !== JSON.stringify(current.data.proposals)) patch.proposals = sent.proposals;
  if (!Object.keys(patch).length) return reviewView(deps, actor, current);
  const updated = await deps.store.update(LIST, current, patch);
  await audit(deps, `review.updated:${id}:${versionKey(current.etag)}`, { actorId: actor.id, action: 'review.updated', target: `${LIST}/${id}`, summary: `Ledningens genomgång ändrad: ${updated.data.title}`.slice(0, 500), details: { changed: Object.keys(patch) } });
  return reviewView(deps, actor, updated);
}

/** ISAM sends the draft for decision: the figures are read now and frozen into the review. */
export async function presentReview(deps: Deps, actor: Actor, id: string, etag: string): Promise<ReviewView> {
  const current = await load(deps, actor, id);
  if (!canManageReviews(actor)) throw forbidden('tab.error.forbidden');
  refuseUnlessDraft(current.data);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const figures = await buildReviewFigures(deps, current.data.periodFrom, current.data.periodTo);
  const updated = await deps.store.update(LIST, current, { status: 'presented', inputs: figures as unknown as Record<string, unknown>, presentedAt: deps.clock.now().toISOString(), presentedBy: actor.id });
  await audit(deps, `review.presented:${id}:${versionKey(current.etag)}`, { actorId: actor.id, action: 'review.presented', target: `${LIST}/${id}`, summary: `Ledningens genomgång skickad för beslut: ${updated.data.title}`.slice(0, 500), details: { figuresAt: figures.computedAt } });
  return reviewView(deps, actor, updated, figures);
}

/** ISAM takes a presented review back to draft (before the decision): the frozen figures are let go. */
export async function reopenReview(deps: Deps, actor: Actor, id: string, etag: string): Promise<ReviewView> {
  const current = await load(deps, actor, id);
  if (!canManageReviews(actor)) throw forbidden('tab.error.forbidden');
  if (isReviewLocked(current.data.status)) throw wrongState('review.locked');
  if (current.data.status !== 'presented') throw wrongState('review.notPresented');
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const updated = await deps.store.update(LIST, current, { status: 'draft', inputs: {}, presentedAt: null, presentedBy: null });
  await audit(deps, `review.reopened:${id}:${versionKey(current.etag)}`, { actorId: actor.id, action: 'review.reopened', target: `${LIST}/${id}`, summary: `Ledningens genomgång tillbaka till utkast: ${updated.data.title}`.slice(0, 500) });
  return reviewView(deps, actor, updated);
}

/**
 * The director's decision with the registry number. The proposals become improvement actions (one
 * per proposal, keyed by review and proposal), then the review is decided, locked and given its
 * retention date in one write.
 */
export async function decideReview(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<ReviewView> {
  const current = await load(deps, actor, id);
  if (!canDecideReview(actor)) throw forbidden('review.onlyDirector');
  if (isReviewLocked(current.data.status)) throw wrongState('review.locked');
  if (current.data.status !== 'presented') throw wrongState('review.notPresented');
  const sent = parse(ReviewDecisionInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const actionIds: string[] = [];
  for (const p of current.data.proposals) {
    const action = await createLinkedImprovement(deps, actor.id, `review:${id}:${p.key}`, {
      title: p.title,
      description: p.description,
      ownerId: p.ownerId,
      dueAt: p.dueAt,
      source: 'management_review',
      sourceRef: `${LIST}/${id}`,
    });
    actionIds.push(action.id);
  }
  const decidedAt = stockholmDate(deps.clock.now());
  const updated = await deps.store.update(LIST, current, {
    status: 'decided',
    decision: sent.decision,
    registrationNumber: sent.registrationNumber,
    decidedBy: actor.id,
    decidedAt,
    keptUntil: reviewKeptUntil(decidedAt, deps.settings.retentionYears),
    actionIds,
  });
  await audit(deps, `review.decided:${id}`, {
    actorId: actor.id,
    action: 'review.decided',
    target: `${LIST}/${id}`,
    summary: `Ledningens genomgång beslutad (${sent.registrationNumber}): ${updated.data.title}`.slice(0, 500),
    details: { registrationNumber: sent.registrationNumber, actionIds, keptUntil: updated.data.keptUntil },
  });
  return reviewView(deps, actor, updated);
}

/**
 * Removes a review: a draft or presented one (nothing decided) by ISAM; a decided one only once its
 * retention has ended. A retry after success answers as success.
 */
export async function removeReview(deps: Deps, actor: Actor, id: string, etag: string): Promise<void> {
  if (!canManageReviews(actor)) throw forbidden('tab.error.forbidden');
  const current = await deps.store.get(LIST, id);
  if (!current) {
    if (await deps.store.findByKey('AuditLog', `audit:review.removed:${id}`)) return;
    throw new NotFoundError(LIST, id);
  }
  const verdict = reviewRemovalVerdict(current.data, stockholmDate(deps.clock.now()));
  if (!verdict.ok) throw wrongState('review.retained', { until: verdict.until });
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  await audit(deps, `review.removed:${id}`, { actorId: actor.id, action: 'review.removed', target: `${LIST}/${id}`, summary: `Ledningens genomgång borttagen: ${current.data.title} (${current.data.status})`.slice(0, 500), details: { status: current.data.status, keptUntil: current.data.keptUntil } });
  await deps.store.remove(LIST, current);
}

/** The review of a period, if one exists (the export command's look-up). */
export async function findReviewOfPeriod(deps: Pick<Deps, 'store'>, from: string, to: string): Promise<Stored | null> {
  return deps.store.findByKey(LIST, `review:${from}:${to}`);
}
