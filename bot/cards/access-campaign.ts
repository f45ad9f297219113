/**
 * ISAM's recertification cards: the start card (scope, due date, Start), the scheduler's proposal in
 * the ISAM channel (which shows who started the campaign once someone has), and the campaign's status
 * card with its progress and the owners still reviewing.
 */
import type { CampaignStartView, CampaignView } from '../../core/app/access';
import { t, type Locale } from '../../core/i18n';
import { assetLabel, dateOf, dateTime, personName, type Fact } from './access-format';
import { NO_LINKS, type RecordLinks } from './links';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/access-campaign.json';

export type CampaignCardInput =
  | { mode: 'start'; start: CampaignStartView; error?: string; due?: string | null }
  | { mode: 'proposal'; proposal: CampaignStartView | null; campaign: CampaignView | null }
  | { mode: 'status'; campaign: CampaignView };

function statusFacts(locale: Locale, c: CampaignView): Fact[] {
  return [
    { title: t(locale, 'access.campaign.fact.startedBy'), value: `${personName(locale, c.startedBy)}, ${dateTime(c.startedAt)}` },
    { title: t(locale, 'access.campaign.fact.due'), value: dateOf(c.dueAt) },
    { title: t(locale, 'access.campaign.fact.reviews'), value: t(locale, 'access.campaign.ofTotal', { done: c.completedReviews, total: c.reviews }) },
    { title: t(locale, 'access.campaign.fact.grants'), value: t(locale, 'access.campaign.decisions', { decided: c.kept + c.removed, total: c.grants, kept: c.kept, removed: c.removed }) },
  ];
}

function statusText(locale: Locale, c: CampaignView): string {
  return c.status === 'completed'
    ? t(locale, 'access.campaign.completed', { name: c.name, at: dateTime(c.completedAt) })
    : t(locale, 'access.campaign.isRunning', { name: c.name });
}

export function accessCampaignCard(locale: Locale, input: CampaignCardInput, links: RecordLinks = NO_LINKS): AdaptiveCard {
  let title: string;
  let text: string;
  let style = 'emphasis';
  let facts: Fact[] = [];
  let campaign: CampaignView | null = null;
  let start: CampaignStartView | null = null;
  if (input.mode === 'status') campaign = input.campaign;
  else if (input.mode === 'proposal') {
    campaign = input.campaign;
    start = input.campaign ? null : input.proposal;
  } else if (input.start.running) campaign = input.start.running;
  else start = input.start;

  if (campaign) {
    title = input.mode === 'proposal' ? t(locale, 'access.campaign.proposalStarted', { name: personName(locale, campaign.startedBy), at: dateTime(campaign.startedAt) }) : campaign.name;
    text = statusText(locale, campaign);
    style = campaign.status === 'completed' ? 'good' : 'accent';
    facts = statusFacts(locale, campaign);
  } else {
    const s = start!;
    title = input.mode === 'proposal' ? t(locale, 'access.campaign.proposalTitle', { name: s.name }) : t(locale, 'access.campaign.startTitle');
    text = s.grants ? t(locale, 'access.campaign.scope', { name: s.name }) : t(locale, 'access.campaign.nothing');
    facts = [
      { title: t(locale, 'access.campaign.fact.grants'), value: String(s.grants) },
      { title: t(locale, 'access.campaign.fact.assets'), value: String(s.assets) },
      { title: t(locale, 'access.campaign.fact.owners'), value: String(s.owners) },
    ];
  }
  const waiting = campaign && campaign.status === 'running' ? campaign.waitingFor.map((w) => ({ title: personName(locale, w.owner), value: t(locale, 'access.campaign.waiting', { asset: assetLabel(locale, w.asset), count: w.pending }) })) : [];
  return renderTemplate(template, {
    t: { title, text, facts, waitingLabel: t(locale, 'access.campaign.waitingLabel'), waiting, error: input.mode === 'start' ? (input.error ?? '') : '' },
    v: {
      style,
      canStart: Boolean(start && start.grants > 0),
      canRefresh: Boolean(campaign),
      campaignId: campaign?.id ?? '',
      period: start?.period ?? campaign?.period ?? '',
      due: (input.mode === 'start' ? input.due : null) ?? start?.suggestedDue ?? '',
      minDue: start?.minDue ?? '',
      maxDue: start?.maxDue ?? '',
      dueLabel: t(locale, 'access.campaign.dueLabel'),
      dueError: t(locale, 'access.campaign.dueRequired'),
      start: t(locale, 'access.campaign.start'),
      refresh: t(locale, 'access.campaign.refresh'),
    },
  }, { locale, record: { url: links.to('/access') } });
}
