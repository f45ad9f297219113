/**
 * Dates and times as forms hold them: a day as `YYYY-MM-DD` and a time as `HH:mm`, Stockholm
 * wall time (core/domain/time.ts turns them into UTC instants). The pickers work with local Date
 * objects; only their calendar fields are read, so the browser's own time zone never shifts a day.
 * Swedish writes days as 2026-12-06 and times as 08:15 (24 h), which English users read too.
 */
import type { CalendarStrings } from '@fluentui/react-datepicker-compat';
import type { I18n, Locale } from '../app/i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** A picker's Date → `YYYY-MM-DD` (its calendar day as shown). */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD` → a local Date at noon on that day, or null. */
export function dateOfDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return d.getDate() === Number(m[3]) && d.getMonth() === Number(m[2]) - 1 ? d : null;
}

/**
 * What people type for a day: 2026-12-06, 2026-12-6, 20261206, 6/12 2026, 6/12/2026, 6.12.2026.
 * Null when it is not a real day.
 */
export function parseDay(text: string): Date | null {
  const s = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{4})-?(\d{1,2})-?(\d{1,2})$/.exec(s);
  if (m && (s.includes('-') || s.length === 8)) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[./](\d{1,2})(?:[./ ]\s*|\/)(\d{4})$/.exec(s))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  return dateOfDay(`${y}-${pad(mo)}-${pad(d)}`);
}

/** What people type for a time of day: 8, 815, 0815, 8:15, 8.15, 08:15 (24 h). Null when it is not one. */
export function parseTime(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(s);
  if (!m) return null;
  let h = Number(m[1]);
  let min = m[2] === undefined ? 0 : Number(m[2]);
  // "815" is 8:15, not 81:5.
  if (m[2] === undefined && s.length === 3) [h, min] = [Number(s[0]), Number(s.slice(1))];
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** The anchor day the time picker's Dates live on (only hours and minutes are read). */
export const TIME_ANCHOR = new Date(2000, 0, 3, 0, 0, 0);

export function timeOf(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function dateOfTime(time: string): Date | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const d = new Date(TIME_ANCHOR);
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return d;
}

const TAG: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** The calendar's month and day names and its labels, in the person's language. */
export function calendarStrings(locale: Locale, t: I18n['t']): CalendarStrings {
  const month = (style: 'long' | 'short') => Array.from({ length: 12 }, (_, i) => new Intl.DateTimeFormat(TAG[locale], { month: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2026, i, 15))));
  // 2026-11-01 is a Sunday: the calendar's days start on Sunday (index 0).
  const day = (style: 'long' | 'short') => Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(TAG[locale], { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 1 + i))).replace(/\.$/, ''));
  return {
    months: month('long'),
    shortMonths: month('short').map((m) => m.replace(/\.$/, '')),
    days: day('long'),
    shortDays: day('short').map((d) => d.slice(0, 2)),
    goToToday: t('tab.date.today'),
    prevMonthAriaLabel: t('tab.date.prevMonth'),
    nextMonthAriaLabel: t('tab.date.nextMonth'),
    prevYearAriaLabel: t('tab.date.prevYear'),
    nextYearAriaLabel: t('tab.date.nextYear'),
    prevYearRangeAriaLabel: t('tab.date.prevYears'),
    nextYearRangeAriaLabel: t('tab.date.nextYears'),
    closeButtonAriaLabel: t('tab.date.close'),
    weekNumberFormatString: t('tab.date.week'),
    selectedDateFormatString: t('tab.date.selected'),
    todayDateFormatString: t('tab.date.todayIs'),
    monthPickerHeaderAriaLabel: t('tab.date.monthHeader'),
    yearPickerHeaderAriaLabel: t('tab.date.yearHeader'),
  };
}

/** How the calendar says a day aloud and in its header: "6 december 2026", "december 2026". */
export function calendarFormatter(locale: Locale) {
  const dayMonthYear = new Intl.DateTimeFormat(TAG[locale], { day: 'numeric', month: 'long', year: 'numeric' });
  const monthYear = new Intl.DateTimeFormat(TAG[locale], { month: 'long', year: 'numeric' });
  return {
    formatDay: (d: Date) => String(d.getDate()),
    formatMonth: (d: Date, s: { months: string[] }) => s.months[d.getMonth()]!,
    formatYear: (d: Date) => String(d.getFullYear()),
    formatMonthDayYear: (d: Date) => dayMonthYear.format(d),
    formatMonthYear: (d: Date) => monthYear.format(d),
  };
}
