/**
 * The scheduler's recertification jobs: proposing a campaign to ISAM in the configured months, and
 * reminding owners whose reviews are still open.
 */
import { SYSTEM_ACTOR } from '../../domain';
import { ConflictError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import { audit, type Deps } from '../platform';
import { addDays, stockholmMonth, today } from './dates';
import { ACCESS_CARDS, correlation, person, sendCard } from './notify';
import { campaignKey, campaignStartView, isamRecipients, reviewers, runningCampaign } from './recertification-views';
import { forEachLimited } from './tasks';
import { assetRef, type AssetRef } from './views';

const DAY_MS = 86_400_000;
type Review = StoredOf<'AccessReviews'>;

export interface ReminderItem {
  reviewId: string;
  asset: AssetRef | null;
  pending: number;
}

export interface ReminderPayload {
  campaignName: string;
  dueAt: string;
  items: ReminderItem[];
  overdue: boolean;
}

/**
 * In each configured month (settings: RECERTIFICATION_MONTHS) ISAM is offered a campaign once: a
 * card in the ISAM channel with the scope and a Start button. Starting stays a person's decision.
 */
export async function proposeRecertification(deps: Deps, now: Date): Promise<boolean> {
  const period = stockholmMonth(now);
  if (!deps.settings.recertificationMonths.includes(Number(period.slice(5, 7)))) return false;
  const marker = `access:proposal:${period}`;
  if (await deps.store.findByKey('AuditLog', `audit:${marker}`)) return false;
  if (await deps.store.findByKey('AccessCampaigns', campaignKey(period))) return false;
  if (await runningCampaign(deps)) return false;
  const proposal = await campaignStartView(deps, null);
  await sendCard(deps, marker, await isamRecipients(deps), ACCESS_CARDS.campaign, { mode: 'proposal', proposal, campaign: null }, correlation.proposal(period));
  await audit(deps, marker, {
    actorId: SYSTEM_ACTOR,
    action: 'access.campaign.proposed',
    target: `AccessCampaigns/${period}`,
    summary: `${proposal.name} föreslagen: ${proposal.grants} behörigheter i ${proposal.assets} system`,
    details: { period, grants: proposal.grants, assets: proposal.assets, owners: proposal.owners },
    correlationId: null,
  });
  return true;
}

/**
 * Reminds owners (and delegates) whose reviews are open: a week after the start and then weekly;
 * daily from two days before the due date. One message per person, listing their systems.
 */
export async function remindReviewers(deps: Deps, now: Date): Promise<number> {
  const campaign = await runningCampaign(deps);
  if (!campaign) return 0;
  const due: Review[] = [];
  const date = today(now);
  for await (const r of deps.store.queryAll('AccessReviews', { where: [{ field: 'campaignId', op: 'eq', value: campaign.id }] })) {
    if (r.data.status !== 'open') continue;
    // Calendar days in Stockholm: a reminder comes with the first run of the day it is due.
    const last = today(new Date(r.data.lastReminderAt ?? r.data.startedAt));
    const close = now.getTime() >= Date.parse(r.data.dueAt) - 2 * DAY_MS;
    if (date >= addDays(last, close ? 1 : 7)) due.push(r);
  }
  if (!due.length) return 0;
  const assets = new Map((await deps.store.getMany('InformationAssets', [...new Set(due.map((r) => r.data.assetId))])).map((a) => [a.id, a]));
  const byPerson = new Map<string, { id: string; items: ReminderItem[] }>();
  for (const r of due) {
    const asset = assets.get(r.data.assetId) ?? null;
    for (const to of await reviewers(deps, r, asset)) {
      if (to.type !== 'person') continue;
      const entry = byPerson.get(to.id.toLowerCase()) ?? { id: to.id, items: [] };
      entry.items.push({ reviewId: r.id, asset: assetRef(asset), pending: Math.max(0, r.data.total - r.data.kept - r.data.removed) });
      byPerson.set(to.id.toLowerCase(), entry);
    }
  }
  const op = `access:reminder:${campaign.id}:${date}`;
  const overdue = now.getTime() > Date.parse(campaign.data.dueAt);
  for (const { id, items } of byPerson.values()) {
    const payload: ReminderPayload = { campaignName: campaign.data.name, dueAt: campaign.data.dueAt, items, overdue };
    // A new message each time (the correlation key names the day): a reminder should be noticed.
    await sendCard(deps, op, [person(id)], ACCESS_CARDS.reminder, payload as unknown as Record<string, unknown>, `${op}`);
  }
  await forEachLimited(due, 6, async (r) => {
    await deps.store.update('AccessReviews', r, { lastReminderAt: now.toISOString() }).catch((error) => {
      if (!(error instanceof ConflictError)) throw error; // saved a moment ago: reminded next time if still open
    });
  });
  await audit(deps, op, {
    actorId: SYSTEM_ACTOR,
    action: 'access.review.reminded',
    target: `AccessCampaigns/${campaign.id}`,
    summary: `Påminnelse till ${byPerson.size} informationsägare om ${due.length} ej klara granskningar`,
    details: { reviews: due.map((r) => r.id), people: [...byPerson.values()].map((p) => p.id) },
    correlationId: `AccessCampaigns/${campaign.id}`,
  });
  return byPerson.size;
}
