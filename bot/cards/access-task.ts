/**
 * The administrative unit's task card (in its channel): what to change in which system for whom, who
 * decided, and Take / Done. The card everyone in the channel sees states who took it and who did it.
 */
import type { RequestView } from '../../core/app/access';
import { t, type Locale } from '../../core/i18n';
import { dateTime, deciderName, requestFacts, requestState, type Tone } from './access-format';
import { NO_LINKS, type RecordLinks } from './links';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/access-task.json';

const TITLE = { new: 'access.task.title.new', change: 'access.task.title.change', termination: 'access.task.title.termination' } as const;

export function accessTaskCard(locale: Locale, r: RequestView, note: { text: string; tone: Tone } | null = null, links: RecordLinks = NO_LINKS): AdaptiveCard {
  const state = requestState(locale, r);
  const open = r.status === 'approved' || r.status === 'in_progress';
  const decision =
    r.origin === 'request' && r.decidedBy
      ? t(locale, 'access.task.decidedBy', { name: deciderName(locale, r.decidedBy, r.decidedAs), at: dateTime(r.decidedAt) }) + (r.comment ? ` ${t(locale, 'access.decision.commentWas', { comment: r.comment })}` : '')
      : r.origin === 'recertification' && r.decidedBy
        ? t(locale, 'access.task.reviewedBy', { name: deciderName(locale, r.decidedBy, r.decidedAs), at: dateTime(r.decidedAt) })
        : '';
  return renderTemplate(template, {
    t: {
      title: t(locale, TITLE[r.kind]),
      subtitle: t(locale, 'access.task.subtitle'),
      note: note?.text ?? '',
      facts: requestFacts(locale, r),
      justificationLabel: t(locale, 'access.fact.justification'),
      justification: r.justification ?? '',
      decision,
      state: r.status === 'approved' ? t(locale, 'access.state.toDo') : state.text,
    },
    v: {
      noteStyle: note?.tone ?? 'emphasis',
      stateStyle: r.status === 'approved' ? 'accent' : state.tone,
      requestId: r.id,
      canTake: r.status === 'approved',
      canComplete: open,
      take: t(locale, 'access.task.take'),
      done: t(locale, 'access.task.done'),
    },
  }, { locale, record: { url: links.to('/access') } });
}
