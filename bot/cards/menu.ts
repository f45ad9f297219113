/**
 * The menu every unrecognised personal message gets (CONTRACTS.md): report an incident, request
 * access, my cases. Swedish labels first — an English-speaking user also sees the English in brackets.
 */
import { t, type Locale } from '../../core/i18n';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/menu.json';

const both = (locale: Locale, key: Parameters<typeof t>[1]) => (locale === 'sv' ? t('sv', key) : `${t('sv', key)} (${t('en', key)})`);

export function menuCard(locale: Locale, name: string | null): AdaptiveCard {
  return renderTemplate(template, {
    t: {
      title: name ? t(locale, 'bot.menu.greeting', { name }) : t(locale, 'bot.menu.title'),
      intro: t(locale, 'bot.menu.intro'),
    },
    v: {
      report: both(locale, 'bot.menu.report'),
      access: both(locale, 'bot.menu.access'),
      mine: both(locale, 'bot.menu.mine'),
    },
  }, { locale });
}
