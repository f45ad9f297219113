/**
 * One-off messages about access: the requester is told of the decision and of the change being
 * carried out, the person concerned that their access changed, the recorder of a leaver that all
 * access is gone, ISAM that a campaign is complete — and the confirmations that answer a submit.
 * Each says what happened and when, so it stays true after later changes.
 */
import type { CampaignView, LeaverView, NoticePayload, RequestView } from '../../core/app/access';
import { t, type Locale } from '../../core/i18n';
import { assetLabel, dateTime, deciderName, personName, requestFacts, type Fact, type Tone } from './access-format';
import { NO_LINKS, type RecordLinks } from './links';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/access-notice.json';

/** Confirmations shown as the answer to a click (not sent through the outbox). */
export type ConfirmationPayload =
  | { event: 'campaignStarted'; campaign: CampaignView; started: boolean }
  | { event: 'leaverRecorded'; leaver: LeaverView };

interface Notice {
  title: string;
  text: string;
  tone: Tone;
  facts?: Fact[];
  quote?: { label: string; text: string } | null;
  footer?: string;
}

function doneText(locale: Locale, r: RequestView, audience: 'requester' | 'subject'): string {
  const p = { name: personName(locale, r.subject), role: r.role, asset: assetLabel(locale, r.asset) };
  if (audience === 'subject') {
    if (r.kind === 'termination') return t(locale, r.origin === 'expiry' ? 'access.notice.done.youExpired' : r.origin === 'recertification' ? 'access.notice.done.youReviewed' : 'access.notice.done.youRemoved', p);
    return t(locale, 'access.notice.done.youHave', p);
  }
  return t(locale, r.kind === 'termination' ? 'access.notice.done.removed' : 'access.notice.done.has', p);
}

function notice(locale: Locale, payload: NoticePayload | ConfirmationPayload): Notice {
  switch (payload.event) {
    case 'submitted': {
      const r = payload.request;
      return {
        title: t(locale, 'access.notice.submitted.title'),
        text: t(locale, 'access.notice.submitted.text', { names: r.deciders.map((d) => deciderName(locale, d, d.as)).join(t(locale, 'access.or')) }),
        tone: 'good',
        facts: requestFacts(locale, r),
      };
    }
    case 'approved':
    case 'denied': {
      const r = payload.request;
      const approved = payload.event === 'approved';
      return {
        title: t(locale, approved ? 'access.notice.approved.title' : 'access.notice.denied.title'),
        text: t(locale, approved ? 'access.notice.approved.text' : 'access.notice.denied.text', { name: deciderName(locale, r.decidedBy, r.decidedAs), at: dateTime(r.decidedAt) }),
        tone: approved ? 'good' : 'attention',
        facts: requestFacts(locale, r),
        quote: r.comment ? { label: t(locale, 'access.notice.comment'), text: r.comment } : null,
      };
    }
    case 'done': {
      const r = payload.request;
      return {
        title: t(locale, 'access.notice.done.title'),
        text: doneText(locale, r, payload.audience),
        tone: 'good',
        facts: requestFacts(locale, r),
        footer: t(locale, 'access.notice.done.by', { name: personName(locale, r.completedBy), at: dateTime(r.completedAt) }),
      };
    }
    case 'cancelled': {
      const r = payload.request;
      return { title: t(locale, 'access.notice.cancelled.title'), text: t(locale, 'access.notice.cancelled.text', { name: personName(locale, r.subject) }), tone: 'default', facts: requestFacts(locale, r) };
    }
    case 'leaverDone': {
      const l = payload.leaver;
      return {
        title: t(locale, 'access.notice.leaverDone.title'),
        text: t(locale, 'access.notice.leaverDone.text', { name: personName(locale, l.person), count: l.tasks.length, date: l.lastDay }),
        tone: 'good',
      };
    }
    case 'campaignCompleted': {
      const c = payload.campaign;
      return {
        title: t(locale, 'access.notice.campaignDone.title'),
        text: t(locale, 'access.notice.campaignDone.text', { name: c.name, reviews: c.reviews, grants: c.grants, kept: c.kept, removed: c.removed }),
        tone: 'good',
      };
    }
    case 'campaignStarted': {
      const c = payload.campaign;
      return {
        title: t(locale, payload.started ? 'access.notice.campaignStarted.title' : 'access.notice.campaignRunning.title'),
        text: t(locale, 'access.notice.campaignStarted.text', { name: c.name, reviews: c.reviews, grants: c.grants, due: dateTime(c.dueAt).slice(0, 10) }),
        tone: payload.started ? 'good' : 'default',
        footer: t(locale, 'access.notice.campaignStarted.footer'),
      };
    }
    case 'leaverRecorded': {
      const l = payload.leaver;
      return {
        title: t(locale, 'access.notice.leaverRecorded.title'),
        text: l.processedAt
          ? t(locale, 'access.notice.leaverRecorded.processed', { name: personName(locale, l.person), date: l.lastDay, count: l.tasks.length })
          : t(locale, 'access.notice.leaverRecorded.text', { name: personName(locale, l.person), date: l.lastDay, count: l.activeGrants }),
        tone: 'good',
      };
    }
  }
}

export function accessNoticeCard(locale: Locale, payload: NoticePayload | ConfirmationPayload, links: RecordLinks = NO_LINKS): AdaptiveCard {
  const n = notice(locale, payload);
  return renderTemplate(template, {
    t: { title: n.title, text: n.text, facts: n.facts ?? [], quoteLabel: n.quote?.label ?? '', quote: n.quote?.text ?? '', footer: n.footer ?? '' },
    v: { style: n.tone, action: null },
  }, { locale, record: { url: links.to('/access') } });
}
