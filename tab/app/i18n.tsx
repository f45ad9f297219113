/**
 * The tab's language: Swedish first, English by locale (Teams' locale inside Teams; `?lang=` or the
 * browser's language outside). Every string comes from core/i18n (messages/tab/), the person's
 * language loaded from its own chunk (messages.ts).
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { MessageKey } from '../../core/i18n';
import { formatMessage, resolveLocale, type Locale, type Params } from '../../core/i18n/format';
import { messageText } from './messages';

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  /** A calendar date (YYYY-MM-DD) or an instant, shown as a Stockholm date. */
  date: (value: string) => string;
  /** An instant as Stockholm date and time. */
  dateTime: (value: string) => string;
  number: (value: number) => string;
}

const STOCKHOLM = 'Europe/Stockholm';

export function createI18n(locale: Locale): I18n {
  const tag = locale === 'en' ? 'en-GB' : 'sv-SE';
  const dateFmt = new Intl.DateTimeFormat(tag, { timeZone: STOCKHOLM, year: 'numeric', month: 'short', day: 'numeric' });
  const dateTimeFmt = new Intl.DateTimeFormat(tag, { timeZone: STOCKHOLM, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const numberFmt = new Intl.NumberFormat(tag);
  return {
    locale,
    t: (key, params) => formatMessage(locale, messageText(locale, key) ?? key, params),
    date: (value) => dateFmt.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value)),
    dateTime: (value) => dateTimeFmt.format(new Date(value)),
    number: (value) => numberFmt.format(value),
  };
}

/** Outside Teams: `?lang=en|sv` (or `?locale=`), else the browser's language. */
export function browserLocale(search = globalThis.location?.search ?? '', navigatorLanguage = globalThis.navigator?.language): Locale {
  const params = new URLSearchParams(search);
  return resolveLocale(params.get('lang') ?? params.get('locale') ?? navigatorLanguage ?? 'sv');
}

const I18nContext = createContext<I18n>(createI18n('sv'));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => createI18n(locale), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
export type { Locale, MessageKey };
