/**
 * Recertification (behörighetsrevision): ISAM starts a campaign — twice a year by default, the months
 * a setting, proposed by the scheduler — and every information owner reviews the grants of each of
 * their systems on a card: keep or remove, per grant or "keep all". Decisions are stored on the grants
 * (`lastReview`), so a review of thousands of grants never outgrows a list item; removals become
 * termination tasks for the administrative unit; owners who have not finished are reminded; progress
 * is kept on each AccessReview for the tab.
 *
 * A review covers the grants of its asset that were active when the campaign started. Grants granted
 * later were just approved by the owner; grants removed meanwhile need no decision.
 */
import { accessDecisionCapacity, canReviewAccess, canRunRecertification, concernsOwner, has, same, type AssetOwnership, type Decider, type DeciderCapacity } from '../../domain';
import { ConflictError, RecordValidationError } from '../../ports/errors';
import type { RecordOf } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, fingerprint, forbidden, readSmall, Refused, wrongState, type Deps } from '../platform';
import { addDays, endOfStockholmDay, stockholmMonth, today } from './dates';
import { ACCESS_CARDS, correlation, person, sendCard, type CampaignView, type NoticePayload } from './notify';
import {
  activeGrantsByAsset,
  buildReviewView,
  campaignKey,
  campaignName,
  campaignView,
  counts,
  DEFAULT_DAYS,
  isamRecipients,
  isPending,
  MAX_DAYS,
  reviewers,
  runningCampaign,
  scopeOf,
  type ReviewView,
} from './recertification-views';
import { announceTasks, createTerminationTasks, forEachLimited, grantsWithOpenTermination } from './tasks';
import { independentApprovers } from './deciders';

type Grant = StoredOf<'AccessGrants'>;
type Review = StoredOf<'AccessReviews'>;
type Campaign = StoredOf<'AccessCampaigns'>;

// ── starting ───────────────────────────────────────────────────────────────

export interface StartResult {
  /** False when the campaign was already started (a double click, or another ISAM a moment earlier). */
  started: boolean;
  campaign: CampaignView;
}

/**
 * Starts this month's campaign: one AccessReview per asset that has active grants, owned by the
 * asset's owner, and a review card to the owner (and delegate). The owner's own grants are reviewed
 * apart, by someone the owner has not appointed — their line manager, else ISAM — in a second
 * review of the asset (nobody recertifies their own access; issue 17.3). Safe to repeat: a second
 * start finds the campaign and completes any review a crash left out.
 */
export async function startRecertification(deps: Deps, actor: Actor, input: { dueDate: string | null }): Promise<StartResult> {
  if (!canRunRecertification(actor)) throw forbidden('access.campaign.onlyIsam');
  const now = deps.clock.now();
  const date = today(now);
  const period = stockholmMonth(now);
  const dueDate = input.dueDate ?? addDays(date, DEFAULT_DAYS);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate) || dueDate <= date || dueDate > addDays(date, MAX_DAYS)) {
    throw new RecordValidationError('AccessCampaigns', [{ path: ['dueAt'], code: 'rule', messageKey: 'access.campaign.dueRange', params: { from: addDays(date, 1), to: addDays(date, MAX_DAYS) } }]);
  }
  const running = await runningCampaign(deps);
  if (running && running.data.period !== period) throw wrongState('access.campaign.running', { name: running.data.name });

  const { record: campaign, created } = await deps.store.createOrGet('AccessCampaigns', campaignKey(period), {
    name: campaignName(period),
    period,
    status: 'running',
    startedBy: actor.id,
    startedAt: now.toISOString(),
    dueAt: endOfStockholmDay(dueDate).toISOString(),
    completedAt: null,
  });
  if (!created && campaign.data.status === 'completed') throw wrongState('access.campaign.periodDone', { name: campaign.data.name });

  // Fan out: one review per asset with grants active at the start.
  const byAsset = await activeGrantsByAsset(deps, campaign.data.startedAt);
  const grants = [...byAsset.values()].flat();
  const assets = byAsset.size ? await deps.store.getMany('InformationAssets', [...byAsset.keys()]) : [];
  const planned: { key: string; data: RecordOf<'AccessReviews'> }[] = [];
  for (const a of assets) {
    const here = byAsset.get(a.id)!;
    const own = here.filter((g) => same(g.data.subjectId, a.data.ownerId)).length;
    // Who reviews the owner's own grants: their line manager, else ISAM — else the ISAM starting it.
    const independent: Decider | null = own ? ((await independentApprovers(deps, a.data))[0] ?? (same(campaign.data.startedBy, a.data.ownerId) ? null : { id: campaign.data.startedBy, as: 'isam' })) : null;
    const base = {
      campaignId: campaign.id,
      campaignName: campaign.data.name,
      assetId: a.id,
      status: 'open' as const,
      startedAt: campaign.data.startedAt,
      dueAt: campaign.data.dueAt,
      kept: 0,
      removed: 0,
      lastReminderAt: null,
      completedAt: null,
    };
    const apart = Boolean(own && independent);
    if (here.length - (apart ? own : 0) > 0) {
      planned.push({ key: `access:review:${campaign.id}:${a.id}`, data: { ...base, ownerId: a.data.ownerId, subjectId: null, exceptSubjectId: apart ? a.data.ownerId : null, reviewerAs: 'owner', total: here.length - (apart ? own : 0) } });
    }
    if (apart) {
      planned.push({ key: `access:review:${campaign.id}:${a.id}:own`, data: { ...base, ownerId: independent!.id, subjectId: a.data.ownerId, exceptSubjectId: null, reviewerAs: independent!.as, total: own } });
    }
  }
  const reviews = await deps.store.createMany('AccessReviews', planned);
  const assetById = new Map(assets.map((a) => [a.id, a]));
  await forEachLimited(reviews, 6, async (review) => {
    const asset = assetById.get(review.data.assetId) ?? null;
    const view = await buildReviewView(deps, review, byAsset.get(review.data.assetId) ?? [], 0, { asset });
    await sendCard(deps, `access:review:${review.id}:opened`, await reviewers(deps, review, asset), ACCESS_CARDS.review, { review: view }, correlation.review(review.id));
  });
  const op = `access:campaign:${campaign.id}:started`;
  await audit(deps, op, {
    actorId: actor.id,
    action: 'access.campaign.started',
    target: `AccessCampaigns/${campaign.id}`,
    summary: `${campaign.data.name} startad: ${reviews.length} system, ${grants.length} behörigheter`,
    details: { period, reviews: reviews.length, grants: grants.length, dueAt: campaign.data.dueAt },
    correlationId: `AccessCampaigns/${campaign.id}`,
  });
  let current = campaign;
  if (reviews.length === 0) current = await completeCampaign(deps, campaign, actor.id);
  const view = await campaignView(deps, current);
  await sendCard(deps, op, [person(campaign.data.startedBy)], ACCESS_CARDS.campaign, { mode: 'status', campaign: view }, correlation.campaign(campaign.id));
  if (await deps.store.findByKey('AuditLog', `audit:access:proposal:${period}`)) {
    await sendCard(deps, op, await isamRecipients(deps), ACCESS_CARDS.campaign, { mode: 'proposal', proposal: null, campaign: view }, correlation.proposal(period));
  }
  return { started: created, campaign: view };
}

// ── reviewing ──────────────────────────────────────────────────────────────

/**
 * Whose the review's grants are to decide, as things are now: the asset's owner and delegate — with,
 * for a review of the owner's own grants, that owner (who may have handed the asset on since).
 */
const ownershipOf = (review: Review, asset: StoredOf<'InformationAssets'> | null): AssetOwnership => ({
  ownerId: review.data.subjectId ?? asset?.data.ownerId ?? review.data.ownerId,
  delegateId: asset?.data.delegateId ?? null,
});

async function loadReview(deps: Deps, actor: Actor, reviewId: string): Promise<{ review: Review; asset: StoredOf<'InformationAssets'> | null; independent: Decider[] }> {
  const review = await deps.store.get('AccessReviews', reviewId);
  if (!review) throw new Refused('not_found', 'access.notFound');
  const asset = await deps.store.get('InformationAssets', review.data.assetId);
  const ownership = ownershipOf(review, asset);
  const name = asset?.data.name ?? review.data.assetId;
  if (review.data.subjectId) {
    // The owner's own grants: only whoever decides the owner's access now — never the owner or their delegate.
    const independent = await independentApprovers(deps, ownership);
    if (same(actor.id, review.data.subjectId) || !independent.some((d) => same(d.id, actor.id))) {
      const names = (await deps.directory.getPeople(independent.map((d) => d.id))).map((p) => p.displayName).join(' / ') || '–';
      throw forbidden('access.review.notIndependent', { asset: name, reviewer: names });
    }
    return { review, asset, independent };
  }
  if (!canReviewAccess(actor, ownership)) throw forbidden('access.review.notOwner', { asset: name });
  return { review, asset, independent: [] };
}

/** The review card at a page (the owner's or delegate's; ISAM follows progress on the campaign card). */
export async function getReview(deps: Deps, actor: Actor, reviewId: string, page: number): Promise<ReviewView> {
  const { review, asset } = await loadReview(deps, actor, reviewId);
  return buildReviewView(deps, review, await scopeOf(deps, review.data), page, { asset });
}

export type ReviewDecisions = { grantId: string; decision: 'keep' | 'remove' }[] | 'keepAll';

export interface ReviewResult {
  view: ReviewView;
  /** How many grants this call decided (0 on a repeat, or when someone else decided them first). */
  decided: number;
  /** Grants left undecided because they were not the actor's to decide: their own access. */
  notYours: number;
}

/**
 * Records keep/remove decisions on the grants (each with If-Match: the first decision on a grant
 * stands), creates termination tasks for removals, updates the review's progress and, when nothing
 * is left, completes it — and the campaign, when it was the last review.
 */
export async function decideReview(deps: Deps, actor: Actor, reviewId: string, decisions: ReviewDecisions, page: number, operationKey: string): Promise<ReviewResult> {
  const { review, asset, independent: known } = await loadReview(deps, actor, reviewId);
  const r = review.data;
  const campaign = await deps.store.get('AccessCampaigns', r.campaignId);
  const scope = await scopeOf(deps, r);
  // A completed review is only looked at again to complete what a crash after its last save left
  // undone (its completion entry and cards, the campaign's); a campaign ended otherwise takes no saves.
  if (!campaign || (campaign.data.status !== 'running' && r.status !== 'completed')) return { view: await buildReviewView(deps, review, scope, page, { asset }), decided: 0, notYours: 0 };

  const pending = new Map(r.status === 'completed' ? [] : scope.filter((g) => isPending(g, r)).map((g) => [g.id, g]));
  const asked = decisions === 'keepAll' ? [...pending.keys()].map((grantId) => ({ grantId, decision: 'keep' as const })) : decisions.filter((d) => pending.has(d.grantId));
  // Per grant, the same rule as a request: nobody decides their own access, and the owner's own
  // access only someone the owner has not appointed (checked against the records as they are now).
  const ownership = ownershipOf(review, asset);
  const independent = known.length || !asked.some((d) => concernsOwner(ownership, pending.get(d.grantId)!.data.subjectId)) ? known : await independentApprovers(deps, ownership);
  const capacity = new Map<string, DeciderCapacity>();
  for (const d of asked) {
    const as = accessDecisionCapacity(actor, ownership, pending.get(d.grantId)!.data.subjectId, independent);
    if (as) capacity.set(d.grantId, as);
  }
  const wanted = asked.filter((d) => capacity.has(d.grantId));
  const notYours = asked.length - wanted.length;
  const now = deps.clock.now().toISOString();
  // This save's decisions already on the grants: a retry after a crash between the grant updates and
  // their follow-ups finds them by the save's operation key and completes the follow-ups (the tasks
  // and the audit entry are keyed, so nothing is written twice). Only the grants this save asks for,
  // with the decision it asks for: two saves that share an activity key stay two saves.
  const askedFor = decisions === 'keepAll' ? null : new Map(decisions.map((d) => [d.grantId, d.decision]));
  const kept: string[] = [];
  const removed: Grant[] = [];
  for (const g of scope) {
    const lr = g.data.lastReview;
    if (!lr || lr.campaignId !== r.campaignId || lr.operation !== operationKey || !same(lr.decidedBy, actor.id)) continue;
    if (askedFor ? askedFor.get(g.id) !== lr.decision : lr.decision !== 'keep') continue;
    if (lr.decidedAs) capacity.set(g.id, lr.decidedAs);
    if (lr.decision === 'keep') kept.push(g.id);
    else removed.push(g);
  }
  let decided = 0;
  await forEachLimited(wanted, 8, async (d) => {
    let grant = pending.get(d.grantId)!;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!isPending(grant, r)) return; // decided by someone else, or removed meanwhile
      try {
        grant = await deps.store.update('AccessGrants', grant, { lastReview: { campaignId: r.campaignId, decision: d.decision, decidedBy: actor.id, decidedAt: now, decidedAs: capacity.get(d.grantId)!, operation: operationKey } });
        decided++;
        if (d.decision === 'keep') kept.push(grant.id);
        else removed.push(grant);
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const fresh = await deps.store.get('AccessGrants', d.grantId);
        if (!fresh) return;
        grant = fresh;
        const lr = grant.data.lastReview;
        if (lr?.campaignId === r.campaignId && lr.operation === operationKey && same(lr.decidedBy, actor.id) && lr.decision === d.decision) {
          // The same save, running twice at once (a retry while the first attempt was still writing).
          if (d.decision === 'keep') kept.push(grant.id);
          else removed.push(grant);
          return;
        }
      }
    }
  });

  if (kept.length || removed.length) {
    // A grant already on its way out (a task for a leaver, an expiry, an approved request) needs no
    // second task — but this save's own task, found again on a retry, is still announced.
    const taskKey = (g: Grant) => `access:recert:${r.campaignId}:${g.id}`;
    const [open, ours] = removed.length
      ? await Promise.all([grantsWithOpenTermination(deps, removed.map((g) => g.id), ['approved', 'in_progress']), deps.store.findByKeys('AccessRequests', removed.map(taskKey))])
      : [new Set<string>(), []];
    const oursFor = new Set(ours.map((t) => t.data.grantId));
    const tasks = await createTerminationTasks(
      deps,
      removed.filter((g) => oursFor.has(g.id) || !open.has(g.id)).map((g) => ({
        key: taskKey(g),
        grant: g,
        origin: 'recertification' as const,
        decidedBy: actor.id,
        decidedAs: capacity.get(g.id) ?? null,
        requesterId: actor.id,
        ownerId: asset?.data.ownerId ?? r.ownerId,
        delegateId: asset?.data.delegateId ?? null,
        validUntil: null,
      })),
    );
    // Keyed by the review and the grants this save decided (each grant is decided once per
    // campaign): two saves are two entries even when their activities share a key, a retry is one.
    await audit(deps, `access:review:${review.id}:decided:${fingerprint([...kept, ...removed.map((g) => g.id)])}`, {
      actorId: actor.id,
      action: 'access.review.decided',
      target: `AccessReviews/${review.id}`,
      summary: `Behörighetsrevision ${asset?.data.code ?? r.assetId}: ${kept.length} behålls, ${removed.length} tas bort`,
      details: { campaignId: r.campaignId, kept: [...kept].sort(), removed: removed.map((g) => g.id).sort(), tasks: tasks.map((t) => t.id).sort(), keepAll: decisions === 'keepAll', reviewerAs: [...new Set(capacity.values())], notYours },
      correlationId: `AccessCampaigns/${r.campaignId}`,
    });
    await announceTasks(deps, tasks, actor.id, (t) => `Behörighetsrevision: ${t.data.role} ska tas bort`);
  }

  const synced = await syncReview(deps, review);
  const view = await buildReviewView(deps, synced.review, synced.scope, page, { asset });
  // Completed now, or found completed (then every completion step is keyed, and a crash may have cut them short).
  if (synced.completedNow || synced.review.data.status === 'completed') await reviewCompleted(deps, actor, synced.review, view, asset);
  else if (kept.length || removed.length) {
    // The other reviewer's copy shows the progress; the clicker's card is the invoke's answer.
    const others = (await reviewers(deps, synced.review, asset)).filter((x) => x.type === 'person' && !same(x.id, actor.id));
    await sendCard(deps, `access:review:${review.id}:${operationKey}`, others, ACCESS_CARDS.review, { review: await buildReviewView(deps, synced.review, synced.scope, 0, { asset }) }, correlation.review(review.id));
  }
  return { view, decided, notYours };
}

/** Recomputes a review's progress from the grants (never incremented: concurrent saves cannot drift). */
async function syncReview(deps: Deps, review: Review): Promise<{ review: Review; scope: Grant[]; completedNow: boolean }> {
  let current = review;
  for (let attempt = 0; attempt < 4; attempt++) {
    const scope = await scopeOf(deps, current.data);
    const c = counts(scope, current.data);
    const status = c.pending === 0 ? 'completed' : 'open';
    if (current.data.kept === c.kept && current.data.removed === c.removed && current.data.status === status) return { review: current, scope, completedNow: false };
    try {
      const updated = await deps.store.update('AccessReviews', current, {
        kept: c.kept,
        removed: c.removed,
        status,
        completedAt: status === 'completed' ? (current.data.completedAt ?? deps.clock.now().toISOString()) : null,
      });
      return { review: updated, scope, completedNow: status === 'completed' && current.data.status !== 'completed' };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = (await deps.store.get('AccessReviews', review.id)) ?? current;
    }
  }
  return { review: current, scope: await scopeOf(deps, current.data), completedNow: false };
}

/** The owner's last decision completed the review (and maybe the campaign): audited as theirs. */
async function reviewCompleted(deps: Deps, actor: Actor, review: Review, view: ReviewView, asset: StoredOf<'InformationAssets'> | null): Promise<void> {
  const op = `access:review:${review.id}:completed`;
  await audit(deps, op, {
    actorId: actor.id,
    action: 'access.review.completed',
    target: `AccessReviews/${review.id}`,
    summary: `Granskningen av ${asset?.data.code ?? review.data.assetId} är klar: ${view.kept} behålls, ${view.removed} tas bort`,
    details: { kept: view.kept, removed: view.removed, total: review.data.total },
    correlationId: `AccessCampaigns/${review.data.campaignId}`,
  });
  await sendCard(deps, op, await reviewers(deps, review, asset), ACCESS_CARDS.review, { review: view }, correlation.review(review.id));
  const campaign = await deps.store.get('AccessCampaigns', review.data.campaignId);
  if (!campaign) return;
  const reviews: Review[] = [];
  for (const r of await readSmall(deps.store, 'AccessReviews', { where: [{ field: 'campaignId', op: 'eq', value: campaign.id }] })) reviews.push(r);
  const done = reviews.every((r) => r.data.status === 'completed' || r.id === review.id);
  const current = done ? await completeCampaign(deps, campaign, actor.id) : campaign;
  await sendCard(deps, op, [person(campaign.data.startedBy)], ACCESS_CARDS.campaign, { mode: 'status', campaign: await campaignView(deps, current) }, correlation.campaign(campaign.id));
}

async function completeCampaign(deps: Deps, campaign: Campaign, actorId: string): Promise<Campaign> {
  let current = campaign;
  for (let attempt = 0; attempt < 3 && current.data.status === 'running'; attempt++) {
    try {
      current = await deps.store.update('AccessCampaigns', current, { status: 'completed', completedAt: deps.clock.now().toISOString() });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = (await deps.store.get('AccessCampaigns', campaign.id)) ?? current;
    }
  }
  if (current.data.status !== 'completed') return current;
  // Also when found completed: a crash between the update and these left them undone (both keyed).
  const op = `access:campaign:${campaign.id}:completed`;
  const view = await campaignView(deps, current);
  await audit(deps, op, {
    actorId,
    action: 'access.campaign.completed',
    target: `AccessCampaigns/${campaign.id}`,
    summary: `${campaign.data.name} klar: ${view.kept} behålls, ${view.removed} tas bort`,
    details: { reviews: view.reviews, grants: view.grants, kept: view.kept, removed: view.removed },
    correlationId: `AccessCampaigns/${campaign.id}`,
  });
  await sendCard(deps, op, [person(campaign.data.startedBy)], ACCESS_CARDS.notice, { event: 'campaignCompleted', campaign: view } satisfies NoticePayload, correlation.notice(`campaign-${campaign.id}`, 'completed'));
  return current;
}

/** ISAM's view of a campaign (the status card re-reads it on every click). */
export async function getCampaign(deps: Deps, actor: Actor, campaignId: string): Promise<CampaignView> {
  if (!has(actor, 'isam', 'admin_unit')) throw forbidden('access.campaign.onlyIsam');
  const campaign = await deps.store.get('AccessCampaigns', campaignId);
  if (!campaign) throw new Refused('not_found', 'access.notFound');
  return campaignView(deps, campaign);
}
