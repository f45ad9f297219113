/** A short message in a card: a confirmation, a refusal, an error. Replaces the clicked card. */
import { t, type Locale } from '../../core/i18n';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/message.json';

export type MessageKind = 'info' | 'success' | 'warning' | 'error';

const STYLE: Record<MessageKind, string> = { info: 'emphasis', success: 'good', warning: 'warning', error: 'attention' };
const HEADING = { info: '', success: 'bot.heading.success', warning: 'bot.heading.warning', error: 'bot.heading.error' } as const;

/** `text` is escaped like any other card text (it may quote what a person wrote). */
export function messageCard(locale: Locale, kind: MessageKind, text: string): AdaptiveCard {
  const heading = HEADING[kind];
  return renderTemplate(template, { t: { heading: heading ? t(locale, heading) : '', text }, v: { style: STYLE[kind] } }, { locale });
}
