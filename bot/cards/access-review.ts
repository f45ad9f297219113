/**
 * The recertification card an owner gets per system: the grants still to review, a page at a time,
 * each with Keep / Remove, and "keep all remaining". It always shows the review's progress, and when
 * nothing is left it says the review is complete and offers no buttons.
 */
import type { ReminderPayload, ReviewView } from '../../core/app/access';
import { t, type Locale } from '../../core/i18n';
import { assetLabel, dateOf, dateTime, deciderName, personName, validity, type Tone } from './access-format';
import { NO_LINKS, type RecordLinks } from './links';
import { renderTemplate, type AdaptiveCard } from './render';
import reminderTemplate from './templates/access-reminder.json';
import template from './templates/access-review.json';

export function accessReviewCard(locale: Locale, r: ReviewView, note: { text: string; tone: Tone } | null = null, links: RecordLinks = NO_LINKS): AdaptiveCard {
  const open = r.status === 'open' && r.pending > 0;
  const decided = r.kept + r.removed;
  const progress = open
    ? t(locale, 'access.review.progress', { decided, total: r.total, kept: r.kept, removed: r.removed, pending: r.pending })
    : t(locale, 'access.review.completed', { at: dateTime(r.completedAt), kept: r.kept, removed: r.removed });
  return renderTemplate(template, {
    t: {
      title: t(locale, 'access.review.title', { asset: assetLabel(locale, r.asset) }),
      subtitle: t(locale, 'access.review.subtitle', { campaign: r.campaignName, due: dateOf(r.dueAt), owner: deciderName(locale, r.owner, r.reviewerAs) }),
      note: note?.text ?? '',
      // The owner's own grants, reviewed apart by someone the owner has not appointed: the card says so.
      intro: r.concerns ? t(locale, 'access.review.introOwnersOwn', { owner: personName(locale, r.concerns), as: t(locale, `access.as.${r.reviewerAs}`) }) : t(locale, 'access.review.intro'),
      progress,
      rows: open ? r.rows.map((row) => ({
        name: row.subject.unit ? `${personName(locale, row.subject)} (${row.subject.unit})` : personName(locale, row.subject),
        details: t(locale, 'access.review.row', { role: row.role, since: dateOf(row.grantedAt), validity: validity(locale, row.validUntil) }),
      })) : [],
      pageInfo: open && r.pages > 1 ? t(locale, 'access.review.page', { page: r.page + 1, pages: r.pages }) : '',
    },
    v: {
      noteStyle: note?.tone ?? 'emphasis',
      progressStyle: open ? 'emphasis' : 'good',
      open,
      rows: open ? r.rows.map((row) => ({ grantId: row.grantId })) : [],
      choose: t(locale, 'access.review.choose'),
      choices: [
        { title: t(locale, 'access.review.keep'), value: 'keep' },
        { title: t(locale, 'access.review.remove'), value: 'remove' },
      ],
      reviewId: r.id,
      page: r.page,
      paged: open && r.pages > 1,
      hasPrev: r.page > 0,
      hasNext: r.page < r.pages - 1,
      prevPage: r.page - 1,
      nextPage: r.page + 1,
      prev: t(locale, 'access.review.prev'),
      next: t(locale, 'access.review.next'),
      save: t(locale, 'access.review.save'),
      keepAll: t(locale, 'access.review.keepAll', { count: r.pending }),
    },
  }, { locale, record: { url: links.to('/access') } });
}

export function accessReminderCard(locale: Locale, p: ReminderPayload, links: RecordLinks = NO_LINKS): AdaptiveCard {
  return renderTemplate(reminderTemplate, {
    t: {
      title: t(locale, p.overdue ? 'access.reminder.overdueTitle' : 'access.reminder.title'),
      text: t(locale, 'access.reminder.text', { campaign: p.campaignName, due: dateOf(p.dueAt), count: p.items.length }),
      items: p.items.map((i) => ({ title: assetLabel(locale, i.asset), value: t(locale, 'access.reminder.pending', { count: i.pending }) })),
    },
    v: {
      style: p.overdue ? 'attention' : 'warning',
      // Button titles carry only the asset's code (validated format): names go through `t` above.
      items: p.items.slice(0, 5).map((i) => ({ reviewId: i.reviewId, title: t(locale, 'access.reminder.open', { code: i.asset?.code ?? i.reviewId }) })),
    },
  }, { locale, record: { url: links.to('/access') } });
}
