/**
 * What a recertification shows: which grants a review covers and how far it has come, the owner's
 * review card page by page, ISAM's campaign view, what a new campaign would cover, and who is told.
 * A review covers the grants of its asset that were active when the campaign started.
 */
import { canRunRecertification, isLater, mayApproveAsDelegate, same, type AccessReview, type DeciderCapacity } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import { linkedChannel } from '../channels';
import { holdersOf, rolesOf, type Actor } from '../people';
import { forbidden, type Deps, type Recipient } from '../platform';
import { addDays, stockholmMonth, today } from './dates';
import { independentApprovers } from './deciders';
import { person, type CampaignView } from './notify';
import { assetRef, peopleById, personRef, type AssetRef, type PersonRef } from './views';

/** Grants per page of a review card: keeps the card well under 40 kB with names, roles and choices. */
export const REVIEW_PAGE_SIZE = 10;
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 120;
const MONTHS_SV = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

type Grant = StoredOf<'AccessGrants'>;
type Review = StoredOf<'AccessReviews'>;
type Campaign = StoredOf<'AccessCampaigns'>;

export const campaignKey = (period: string) => `access:campaign:${period}`;
export const campaignName = (period: string) => `Behörighetsrevision ${MONTHS_SV[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;

// ── review scope ───────────────────────────────────────────────────────────

const decidedIn = (g: Grant, r: AccessReview) => g.data.lastReview?.campaignId === r.campaignId;
/** Whose grants a review covers: one person's (the owner's own, reviewed apart), all but that person's, or all. */
const forSubject = (g: Grant, r: AccessReview) => (r.subjectId ? same(g.data.subjectId, r.subjectId) : r.exceptSubjectId ? !same(g.data.subjectId, r.exceptSubjectId) : true);
const inScope = (g: Grant, r: AccessReview) => g.data.assetId === r.assetId && forSubject(g, r) && (decidedIn(g, r) || (g.data.status === 'active' && !isLater(g.data.grantedAt, r.startedAt)));
export const isPending = (g: Grant, r: AccessReview) => inScope(g, r) && !decidedIn(g, r) && g.data.status === 'active';

export async function scopeOf(deps: Pick<Deps, 'store'>, review: AccessReview): Promise<Grant[]> {
  const out: Grant[] = [];
  for await (const g of deps.store.queryAll('AccessGrants', { where: [{ field: 'assetId', op: 'eq', value: review.assetId }] })) if (inScope(g, review)) out.push(g);
  return out;
}

export function counts(scope: Grant[], review: AccessReview) {
  let kept = 0;
  let removed = 0;
  let pending = 0;
  for (const g of scope) {
    if (!inScope(g, review)) continue;
    if (decidedIn(g, review)) g.data.lastReview!.decision === 'keep' ? kept++ : removed++;
    else if (isPending(g, review)) pending++;
  }
  return { kept, removed, pending };
}

// ── views ──────────────────────────────────────────────────────────────────

export interface ReviewRow {
  grantId: string;
  subject: PersonRef;
  role: string;
  grantedAt: string;
  validUntil: string | null;
}

export interface ReviewView {
  id: string;
  campaignId: string;
  campaignName: string;
  dueAt: string;
  status: AccessReview['status'];
  completedAt: string | null;
  asset: AssetRef | null;
  /** Who reviews: the owner — or, for a review of the owner's own grants, the independent reviewer. */
  owner: PersonRef;
  delegate: PersonRef | null;
  /** Set when the review covers only the asset owner's own grants (separation of duties). */
  concerns: PersonRef | null;
  /** The reviewer's capacity: `owner`, or `line_manager` / `isam` for the owner's own grants. */
  reviewerAs: DeciderCapacity;
  total: number;
  kept: number;
  removed: number;
  pending: number;
  /** Zero-based page of the grants still to review, and how many pages there are. */
  page: number;
  pages: number;
  rows: ReviewRow[];
}

export async function buildReviewView(deps: Pick<Deps, 'store' | 'directory'>, review: Review, scope: Grant[], page: number, known: { asset?: StoredOf<'InformationAssets'> | null } = {}): Promise<ReviewView> {
  const r = review.data;
  const pending = scope.filter((g) => isPending(g, r));
  const asset = known.asset !== undefined ? known.asset : await deps.store.get('InformationAssets', r.assetId);
  const people = await peopleById(deps, [r.ownerId, asset?.data.delegateId, r.subjectId, ...pending.map((g) => g.data.subjectId)]);
  const sorted = pending
    .map((g) => ({ g, subject: personRef(g.data.subjectId, people) }))
    .sort((a, b) => (a.subject.name ?? '\uffff').localeCompare(b.subject.name ?? '\uffff', 'sv') || a.g.data.role.localeCompare(b.g.data.role, 'sv') || Number(a.g.id) - Number(b.g.id));
  const pages = Math.max(1, Math.ceil(sorted.length / REVIEW_PAGE_SIZE));
  const p = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1);
  const c = counts(scope, r);
  return {
    id: review.id,
    campaignId: r.campaignId,
    campaignName: r.campaignName,
    dueAt: r.dueAt,
    status: r.status,
    completedAt: r.completedAt,
    asset: assetRef(asset),
    owner: personRef(r.ownerId, people),
    delegate: asset?.data.delegateId && !r.subjectId ? personRef(asset.data.delegateId, people) : null,
    concerns: r.subjectId ? personRef(r.subjectId, people) : null,
    reviewerAs: r.reviewerAs ?? 'owner',
    total: r.total,
    kept: c.kept,
    removed: c.removed,
    pending: c.pending,
    page: p,
    pages,
    rows: sorted.slice(p * REVIEW_PAGE_SIZE, (p + 1) * REVIEW_PAGE_SIZE).map(({ g, subject }) => ({ grantId: g.id, subject, role: g.data.role, grantedAt: g.data.grantedAt, validUntil: g.data.validUntil })),
  };
}

export async function campaignView(deps: Pick<Deps, 'store' | 'directory'>, campaign: Campaign): Promise<CampaignView> {
  const reviews: Review[] = [];
  for await (const r of deps.store.queryAll('AccessReviews', { where: [{ field: 'campaignId', op: 'eq', value: campaign.id }] })) reviews.push(r);
  const open = reviews.filter((r) => r.data.status === 'open').sort((a, b) => isLater(a.data.startedAt, b.data.startedAt) ? 1 : a.data.ownerId.localeCompare(b.data.ownerId)).slice(0, 20);
  const [people, assets] = await Promise.all([
    peopleById(deps, [campaign.data.startedBy, ...open.map((r) => r.data.ownerId)]),
    open.length ? deps.store.getMany('InformationAssets', open.map((r) => r.data.assetId)) : Promise.resolve([]),
  ]);
  const assetById = new Map(assets.map((a) => [a.id, a]));
  const c = campaign.data;
  return {
    id: campaign.id,
    name: c.name,
    period: c.period,
    status: c.status,
    startedBy: personRef(c.startedBy, people),
    startedAt: c.startedAt,
    dueAt: c.dueAt,
    completedAt: c.completedAt,
    reviews: reviews.length,
    completedReviews: reviews.filter((r) => r.data.status === 'completed').length,
    grants: reviews.reduce((n, r) => n + r.data.total, 0),
    kept: reviews.reduce((n, r) => n + r.data.kept, 0),
    removed: reviews.reduce((n, r) => n + r.data.removed, 0),
    waitingFor: open.map((r) => ({ owner: personRef(r.data.ownerId, people), asset: assetRef(assetById.get(r.data.assetId) ?? null), pending: Math.max(0, r.data.total - r.data.kept - r.data.removed) })),
  };
}

/** What ISAM sees before starting: the running campaign, or what a new one would cover. */
export interface CampaignStartView {
  running: CampaignView | null;
  period: string;
  name: string;
  grants: number;
  assets: number;
  owners: number;
  suggestedDue: string;
  /** Today and the latest allowed due date, for the date input. */
  minDue: string;
  maxDue: string;
}

export async function activeGrants(deps: Pick<Deps, 'store'>, at: string): Promise<Grant[]> {
  const out: Grant[] = [];
  for await (const g of deps.store.queryAll('AccessGrants', { where: [{ field: 'status', op: 'eq', value: 'active' }] })) if (!isLater(g.data.grantedAt, at)) out.push(g);
  return out;
}

export async function runningCampaign(deps: Pick<Deps, 'store'>): Promise<Campaign | null> {
  const page = await deps.store.query('AccessCampaigns', { where: [{ field: 'status', op: 'eq', value: 'running' }], pageSize: 10 });
  return page.items.sort((a, b) => b.data.startedAt.localeCompare(a.data.startedAt))[0] ?? null;
}

export async function campaignStartView(deps: Deps, actor: Actor | null): Promise<CampaignStartView> {
  if (actor && !canRunRecertification(actor)) throw forbidden('access.campaign.onlyIsam');
  const now = deps.clock.now();
  const period = stockholmMonth(now);
  const running = await runningCampaign(deps);
  const date = today(now);
  const base = { period, name: campaignName(period), suggestedDue: addDays(date, DEFAULT_DAYS), minDue: addDays(date, 1), maxDue: addDays(date, MAX_DAYS) };
  if (running) return { running: await campaignView(deps, running), grants: 0, assets: 0, owners: 0, ...base };
  const grants = await activeGrants(deps, now.toISOString());
  const assetIds = new Set(grants.map((g) => g.data.assetId));
  const assets = assetIds.size ? await deps.store.getMany('InformationAssets', [...assetIds]) : [];
  return { running: null, grants: grants.length, assets: assets.length, owners: new Set(assets.map((a) => a.data.ownerId.toLowerCase())).size, ...base };
}

/**
 * Who reviews, as things are now: the asset's owner and a delegate who may approve (the owner may have
 * changed) — or, for the owner's own grants, whoever decides the owner's access now (their line
 * manager, else ISAM).
 */
export async function reviewers(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, review: Review, asset: StoredOf<'InformationAssets'> | null): Promise<Recipient[]> {
  const ownership = { ownerId: asset?.data.ownerId ?? review.data.ownerId, delegateId: asset?.data.delegateId ?? null };
  if (review.data.subjectId) {
    const subject = review.data.subjectId;
    return (await independentApprovers(deps, { ...ownership, ownerId: subject })).filter((d) => !same(d.id, subject)).map((d) => person(d.id));
  }
  const delegate = ownership.delegateId && mayApproveAsDelegate(await rolesOf(deps, ownership.delegateId)) ? [ownership.delegateId] : [];
  return [ownership.ownerId, ...delegate].map(person);
}

export async function isamRecipients(deps: Deps): Promise<Recipient[]> {
  if (await linkedChannel(deps, 'isam')) return [{ type: 'channel', role: 'isam' }];
  return (await holdersOf(deps, 'isam')).map(person);
}
