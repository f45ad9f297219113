/**
 * The card an information owner (or delegate) decides on: what is asked, by whom and why, and —
 * while it waits — a comment and Approve / Deny. Every copy (owner's, delegate's) is replaced with
 * the decided state, which the card shows by itself: who decided, when, and the comment.
 */
import type { RequestView } from '../../core/app/access';
import { t, type Locale } from '../../core/i18n';
import { assetLabel, requestFacts, requestState, type Tone } from './access-format';
import { NO_LINKS, type RecordLinks } from './links';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/access-decision.json';

export interface DecisionCardOptions {
  /** A line above the facts: "someone else decided first", "already decided"… */
  note?: { text: string; tone: Tone } | null;
  /** The comment typed before a refused click, and why it was refused. */
  comment?: string;
  error?: string;
}

export function accessDecisionCard(locale: Locale, r: RequestView, options: DecisionCardOptions = {}, links: RecordLinks = NO_LINKS): AdaptiveCard {
  const state = requestState(locale, r);
  const pending = r.status === 'pending';
  // The owner's own access goes to someone the owner has not appointed: the card says why it came to them.
  const ownersOwn = r.deciders.some((d) => d.as === 'line_manager' || d.as === 'isam') || r.decidedAs === 'line_manager' || r.decidedAs === 'isam';
  const note = options.note ?? (ownersOwn ? { text: t(locale, 'access.decision.ownersOwn'), tone: 'warning' as const } : null);
  return renderTemplate(template, {
    t: {
      title: t(locale, pending ? 'access.decision.title' : 'access.decision.titleDecided'),
      subtitle: t(locale, 'access.decision.subtitle', { asset: assetLabel(locale, r.asset) }),
      note: note?.text ?? '',
      facts: requestFacts(locale, r),
      justificationLabel: t(locale, 'access.fact.justification'),
      justification: r.justification ?? '',
      state: state.text,
      comment: r.comment ? t(locale, 'access.decision.commentWas', { comment: r.comment }) : '',
      error: options.error ?? '',
    },
    v: {
      noteStyle: note?.tone ?? 'emphasis',
      stateStyle: state.tone,
      pending,
      requestId: r.id,
      comment: options.comment ?? '',
      commentLabel: t(locale, 'access.decision.commentLabel'),
      commentPlaceholder: t(locale, 'access.decision.commentPlaceholder'),
      approve: t(locale, 'access.decision.approve'),
      deny: t(locale, 'access.decision.deny'),
    },
  }, { locale, record: { url: links.to('/access') } });
}
