/** `styrdokument`: the governing documents in force, each with owner, decision and review date, and a link. */
import type { GoverningDocumentView } from '../../core/app/governance';
import { t, type Locale } from '../../core/i18n';
import { formatDay } from './ambassador-format';
import { NO_LINKS, type RecordLinks } from './links';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/governance-list.json';

/** Keeps the card well under 40 kB; the tab shows the whole register. */
const MAX_DOCUMENTS = 40;

function reviewText(locale: Locale, d: GoverningDocumentView): string {
  const date = formatDay(d.reviewAt, locale);
  if (d.status === 'under_review') return t(locale, 'governance.state.underReview', { date });
  if (d.reviewState === 'overdue') return t(locale, 'governance.state.overdue', { date });
  if (d.reviewState === 'due_soon') return t(locale, 'governance.state.dueSoon', { date });
  return date;
}

/** `links` makes the card link to the register in the tab, where documents are kept (issue 14). */
export function governanceListCard(locale: Locale, documents: GoverningDocumentView[], links: RecordLinks = NO_LINKS): AdaptiveCard {
  const registerUrl = links.to('/governing-documents') ?? '';
  const shown = documents.slice(0, MAX_DOCUMENTS);
  return renderTemplate(template, {
    t: {
      heading: t(locale, 'governance.list.heading'),
      intro: documents.length ? t(locale, 'governance.list.intro', { count: documents.length }) : t(locale, 'governance.list.empty'),
      ownerLabel: t(locale, 'governance.list.owner'),
      decidedLabel: t(locale, 'governance.list.decided'),
      reviewLabel: t(locale, 'governance.list.review'),
      documents: shown.map((d) => ({ title: d.title, owner: d.owner.name ?? t(locale, 'governance.list.unknownOwner'), decided: formatDay(d.decidedAt, locale), review: reviewText(locale, d) })),
      more: documents.length > shown.length ? t(locale, 'governance.list.more', { count: documents.length - shown.length }) : '',
    },
    v: { open: t(locale, 'governance.list.open'), urls: shown.map((d) => d.url), openRegister: t(locale, 'governance.list.openRegister'), registerUrl },
  }, { locale, record: { url: registerUrl || null } });
}
