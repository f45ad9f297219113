/**
 * Dates as people read them on the ambassador, training and governing-document cards: calendar
 * dates ("10 december 2026"), meeting times in Stockholm time ("torsdag 10 december 2026 kl. 13:00")
 * and months ("december 2026"), in the card's language.
 */
import { dateTimeFormat, STOCKHOLM } from '../../core/domain';
import { t, type Locale } from '../../core/i18n';

const tag = (locale: Locale) => (locale === 'sv' ? 'sv-SE' : 'en-GB');

/** A calendar date (YYYY-MM-DD): "10 december 2026" / "10 December 2026". */
export function formatDay(date: string, locale: Locale): string {
  return dateTimeFormat(tag(locale), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

/** A month (YYYY-MM): "december 2026" / "December 2026". */
export function formatMonth(month: string, locale: Locale): string {
  return dateTimeFormat(tag(locale), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** A meeting's start in Stockholm time: "torsdag 10 december 2026 kl. 13:00". */
export function formatMeetingTime(iso: string, locale: Locale): string {
  const at = new Date(iso);
  const date = dateTimeFormat(tag(locale), { timeZone: STOCKHOLM, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at).replace(',', '');
  const time = dateTimeFormat('sv-SE', { timeZone: STOCKHOLM, hour: '2-digit', minute: '2-digit' }).format(at);
  return t(locale, 'ambassadors.card.at', { date, time });
}

/** A meeting's Stockholm date, short: "10 december 2026". */
export function formatMeetingDay(iso: string, locale: Locale): string {
  return dateTimeFormat(tag(locale), { timeZone: STOCKHOLM, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}
