/**
 * The review reminder in a document owner's chat. Once the owner records the review (here or in the
 * tab) the same message says so, with the next review date, and asks nothing more.
 */
import { ReviewReminderPayload } from '../../core/app/governance';
import { addDaysToDate } from '../../core/domain';
import { t, type Locale } from '../../core/i18n';
import { formatDay } from './ambassador-format';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/governance-review-reminder.json';

export function reviewReminderCard(payload: Record<string, unknown>, locale: Locale): AdaptiveCard {
  const p = ReviewReminderPayload.parse(payload);
  const open = p.reviewed === null;
  const reviewed = p.reviewed
    ? p.reviewed.byName
      ? t(locale, 'governance.reminder.reviewedBy', { on: formatDay(p.reviewed.on, locale), name: p.reviewed.byName, next: formatDay(p.reviewed.nextReviewAt, locale) })
      : t(locale, 'governance.reminder.reviewed', { on: formatDay(p.reviewed.on, locale), next: formatDay(p.reviewed.nextReviewAt, locale) })
    : '';
  return renderTemplate(template, {
    t: {
      heading: t(locale, open && p.overdue ? 'governance.reminder.headingOverdue' : 'governance.reminder.heading'),
      title: p.title,
      decidedLabel: t(locale, 'governance.list.decided'),
      decided: formatDay(p.decidedAt, locale),
      reviewByLabel: t(locale, 'governance.reminder.reviewBy'),
      reviewBy: formatDay(p.reviewAt, locale),
      intro: open ? t(locale, 'governance.reminder.intro') : '',
      reviewed,
    },
    v: {
      headingColor: open && p.overdue ? 'Attention' : 'Default',
      open,
      nextLabel: t(locale, 'governance.reminder.nextReview'),
      suggested: p.suggestedNextReviewAt,
      minNext: addDaysToDate(p.suggestedNextReviewAt, -364),
      openDocument: t(locale, 'governance.reminder.open'),
      url: p.url,
      done: t(locale, 'governance.reminder.done'),
      documentId: p.documentId,
      reviewAt: p.reviewAt,
    },
  }, { locale });
}
