/**
 * The registers' card (issue 14): something in a register falls due — a classification or a risk to
 * review, a supplier follow-up, an agreement that expires, an audit, an impact assessment to review
 * or awaiting the DSO's opinion — or the monthly note that records have passed retention. It says
 * what and by when, and links to the record in the tab, where the work is done.
 */
import { RegisterReminderPayload } from '../../core/app/registers';
import { t, type Locale } from '../../core/i18n';
import { formatDay } from './ambassador-format';
import type { RecordLinks } from './links';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/register-reminder.json';

export function registerReminderCard(payload: Record<string, unknown>, locale: Locale, links: RecordLinks): AdaptiveCard {
  const p = RegisterReminderPayload.parse(payload);
  const digest = p.kind === 'retention_due';
  const path = digest ? '/retention' : p.register && p.id ? `/${p.register}/${p.id}` : null;
  const url = path ? (links.to(path) ?? '') : '';
  const title = digest ? '' : [p.code, p.title].filter(Boolean).join(' ');
  return renderTemplate(
    template,
    {
      t: {
        heading: t(locale, `registers.card.heading.${p.kind}`),
        title,
        dueLabel: t(locale, digest || p.kind === 'dpia_opinion' ? 'registers.card.dateLabel' : 'registers.card.dueLabel'),
        due: `${formatDay(p.dueAt, locale)}${p.overdue ? t(locale, 'registers.card.overdue') : ''}`,
        detailLabel: t(locale, 'registers.card.detailLabel'),
        detail: p.detail ?? '',
        intro: t(locale, `registers.card.intro.${p.kind}`, { count: p.title }),
      },
      v: { headingColor: p.overdue ? 'Attention' : 'Default', open: t(locale, 'registers.card.open'), url },
    },
    { locale, record: { url: url || null } },
  );
}

/** The plain-text summary Teams shows in toasts and the activity feed. */
export function registerReminderSummary(payload: Record<string, unknown>, locale: Locale): string {
  const p = RegisterReminderPayload.parse(payload);
  const heading = t(locale, `registers.card.heading.${p.kind}`);
  return p.kind === 'retention_due' ? `${heading}: ${p.title}` : `${heading}: ${[p.code, p.title].filter(Boolean).join(' ')}`;
}
