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
import { canReviewAccess, canRunRecertification, has, same } from '../../domain';
import { ConflictError, RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, Refused, wrongState, type Deps } from '../platform';
import { addDays, endOfStockholmDay, stockholmMonth, today } from './dates';
import { ACCESS_CARDS, correlation, person, sendCard, type CampaignView, type NoticePayload } from './notify';
import {
  activeGrants,
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
 * asset's owner, and a review card to the owner (and delegate). Safe to repeat: a second start finds
 * the campaign and completes any review a crash left out.
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
  const grants = await activeGrants(deps, campaign.data.startedAt);
  const byAsset = new Map<string, Grant[]>();
  for (const g of grants) byAsset.set(g.data.assetId, [...(byAsset.get(g.data.assetId) ?? []), g]);
  const assets = byAsset.size ? await deps.store.getMany('InformationAssets', [...byAsset.keys()]) : [];
  const reviews = await deps.store.createMany(
    'AccessReviews',
    assets.map((a) => ({
      key: `access:review:${campaign.id}:${a.id}`,
      data: {
        campaignId: campaign.id,
        campaignName: campaign.data.name,
        assetId: a.id,
        ownerId: a.data.ownerId,
        status: 'open' as const,
        startedAt: campaign.data.startedAt,
        dueAt: campaign.data.dueAt,
        total: byAsset.get(a.id)!.length,
        kept: 0,
        removed: 0,
        lastReminderAt: null,
        completedAt: null,
      },
    })),
  );
  const assetById = new Map(assets.map((a) => [a.id, a]));
  await forEachLimited(reviews, 6, async (review) => {
    const asset = assetById.get(review.data.assetId) ?? null;
    const view = await buildReviewView(deps, review, byAsset.get(review.data.assetId) ?? [], 0, { asset });
    await sendCard(deps, `access:review:${review.id}:opened`, reviewers(review, asset), ACCESS_CARDS.review, { review: view }, correlation.review(review.id));
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

async function loadReview(deps: Deps, actor: Actor, reviewId: string): Promise<{ review: Review; asset: StoredOf<'InformationAssets'> | null }> {
  const review = await deps.store.get('AccessReviews', reviewId);
  if (!review) throw new Refused('not_found', 'access.notFound');
  const asset = await deps.store.get('InformationAssets', review.data.assetId);
  const ownership = asset?.data ?? { ownerId: review.data.ownerId, delegateId: null };
  if (!canReviewAccess(actor, ownership)) throw forbidden('access.review.notOwner', { asset: asset?.data.name ?? review.data.assetId });
  return { review, asset };
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
}

/**
 * Records keep/remove decisions on the grants (each with If-Match: the first decision on a grant
 * stands), creates termination tasks for removals, updates the review's progress and, when nothing
 * is left, completes it — and the campaign, when it was the last review.
 */
export async function decideReview(deps: Deps, actor: Actor, reviewId: string, decisions: ReviewDecisions, page: number, operationKey: string): Promise<ReviewResult> {
  const { review, asset } = await loadReview(deps, actor, reviewId);
  const r = review.data;
  const campaign = await deps.store.get('AccessCampaigns', r.campaignId);
  const scope = await scopeOf(deps, r);
  if (r.status === 'completed' || campaign?.data.status !== 'running') return { view: await buildReviewView(deps, review, scope, page, { asset }), decided: 0 };

  const pending = new Map(scope.filter((g) => isPending(g, r)).map((g) => [g.id, g]));
  const wanted = decisions === 'keepAll' ? [...pending.keys()].map((grantId) => ({ grantId, decision: 'keep' as const })) : decisions.filter((d) => pending.has(d.grantId));
  const now = deps.clock.now().toISOString();
  const kept: string[] = [];
  const removed: Grant[] = [];
  await forEachLimited(wanted, 8, async (d) => {
    let grant = pending.get(d.grantId)!;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!isPending(grant, r)) return; // decided by someone else, or removed meanwhile
      try {
        grant = await deps.store.update('AccessGrants', grant, { lastReview: { campaignId: r.campaignId, decision: d.decision, decidedBy: actor.id, decidedAt: now } });
        if (d.decision === 'keep') kept.push(grant.id);
        else removed.push(grant);
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const fresh = await deps.store.get('AccessGrants', d.grantId);
        if (!fresh) return;
        grant = fresh;
      }
    }
  });

  if (kept.length || removed.length) {
    // A grant already on its way out (a task for a leaver, an expiry, an approved request) needs no second task.
    const open = removed.length ? await grantsWithOpenTermination(deps, ['approved', 'in_progress']) : new Set<string>();
    const tasks = await createTerminationTasks(
      deps,
      removed.filter((g) => !open.has(g.id)).map((g) => ({
        key: `access:recert:${r.campaignId}:${g.id}`,
        grant: g,
        origin: 'recertification' as const,
        decidedBy: actor.id,
        requesterId: actor.id,
        ownerId: asset?.data.ownerId ?? r.ownerId,
        delegateId: asset?.data.delegateId ?? null,
        validUntil: null,
      })),
    );
    await audit(deps, `access:review:${review.id}:${operationKey}`, {
      actorId: actor.id,
      action: 'access.review.decided',
      target: `AccessReviews/${review.id}`,
      summary: `Behörighetsrevision ${asset?.data.code ?? r.assetId}: ${kept.length} behålls, ${removed.length} tas bort`,
      details: { campaignId: r.campaignId, kept, removed: removed.map((g) => g.id), tasks: tasks.map((t) => t.id), keepAll: decisions === 'keepAll' },
      correlationId: `AccessCampaigns/${r.campaignId}`,
    });
    await announceTasks(deps, tasks, actor.id, (t) => `Behörighetsrevision: ${t.data.role} ska tas bort`);
  }

  const synced = await syncReview(deps, review);
  const view = await buildReviewView(deps, synced.review, synced.scope, page, { asset });
  if (synced.completedNow) await reviewCompleted(deps, actor, synced.review, view, asset);
  else if (kept.length || removed.length) {
    // The other reviewer's copy shows the progress; the clicker's card is the invoke's answer.
    const others = reviewers(synced.review, asset).filter((x) => x.type === 'person' && !same(x.id, actor.id));
    await sendCard(deps, `access:review:${review.id}:${operationKey}`, others, ACCESS_CARDS.review, { review: await buildReviewView(deps, synced.review, synced.scope, 0, { asset }) }, correlation.review(review.id));
  }
  return { view, decided: kept.length + removed.length };
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
  await sendCard(deps, op, reviewers(review, asset), ACCESS_CARDS.review, { review: view }, correlation.review(review.id));
  const campaign = await deps.store.get('AccessCampaigns', review.data.campaignId);
  if (!campaign) return;
  const reviews: Review[] = [];
  for await (const r of deps.store.queryAll('AccessReviews', { where: [{ field: 'campaignId', op: 'eq', value: campaign.id }] })) reviews.push(r);
  const done = reviews.every((r) => r.data.status === 'completed' || r.id === review.id);
  const current = done ? await completeCampaign(deps, campaign, actor.id) : campaign;
  await sendCard(deps, op, [person(campaign.data.startedBy)], ACCESS_CARDS.campaign, { mode: 'status', campaign: await campaignView(deps, current) }, correlation.campaign(campaign.id));
}

async function completeCampaign(deps: Deps, campaign: Campaign, actorId: string): Promise<Campaign> {
  let current = campaign;
  for (let attempt = 0; attempt < 3 && current.data.status === 'running'; attempt++) {
    try {
      current = await deps.store.update('AccessCampaigns', current, { status: 'completed', completedAt: deps.clock.now().toISOString() });
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
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = (await deps.store.get('AccessCampaigns', campaign.id)) ?? current;
    }
  }
  return current;
}

/** ISAM's view of a campaign (the status card re-reads it on every click). */
export async function getCampaign(deps: Deps, actor: Actor, campaignId: string): Promise<CampaignView> {
  if (!has(actor, 'isam', 'admin_unit')) throw forbidden('access.campaign.onlyIsam');
  const campaign = await deps.store.get('AccessCampaigns', campaignId);
  if (!campaign) throw new Refused('not_found', 'access.notFound');
  return campaignView(deps, campaign);
}
