/**
 * Time helpers: deadlines are stored in UTC and shown in Europe/Stockholm. Hour-based deadlines
 * (24 h, 72 h) are exact durations; month- and day-based ones (the final report a month after the
 * notification, the investigation's 30 days) are calendar arithmetic on Stockholm wall time, so they
 * keep the same local clock time across the DST changes.
 */

export const STOCKHOLM = 'Europe/Stockholm';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: STOCKHOLM,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Stockholm wall-clock time of an instant, from the time-zone database (Intl). */
function wallTimeFromIntl(at: Date): WallTime {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return { year: +p.year!, month: +p.month!, day: +p.day!, hour: +p.hour!, minute: +p.minute!, second: +p.second! };
}

/**
 * Stockholm's offset from UTC (ms) for each UTC hour already asked about (ADR 023). Stockholm's
 * offset changes only on whole UTC hours (EU rules since 1980: 01:00 UTC on the last Sundays of
 * March and October; every change since 1900 was on a whole hour too), so one
 * look-up in the time-zone database serves a whole hour; the rest is arithmetic. Bounded: a
 * process asks about a few thousand hours at most, and the map starts over past that.
 */
const offsetByHour = new Map<number, number>();

/** Stockholm wall-clock time of an instant. */
export function stockholmWallTime(at: Date): WallTime {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) return wallTimeFromIntl(at);
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const w = wallTimeFromIntl(new Date(hour * 3_600_000));
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - hour * 3_600_000;
    if (offsetByHour.size >= 20_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  const local = new Date(ms + offset);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds() };
}

/** Offset of Stockholm from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function stockholmOffsetMinutes(at: Date): number {
  const w = stockholmWallTime(at);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a Stockholm wall time. A time that does not exist (the spring-forward hour) moves
 * forward by the gap; an ambiguous one (the autumn hour that happens twice) takes the first.
 */
export function fromStockholmWallTime(w: WallTime): Date {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  for (const offset of [60, 120].sort((a, b) => b - a)) {
    // Try summer time first so that an ambiguous autumn time resolves to its first occurrence.
    const candidate = new Date(naive - offset * 60_000);
    if (stockholmOffsetMinutes(candidate) === offset) return candidate;
  }
  // In the spring gap: neither offset maps back; the wall time is an hour later in summer time.
  return new Date(naive - 60 * 60_000);
}

/** The Europe/Stockholm calendar date (YYYY-MM-DD) of an instant. */
export function stockholmDate(at: Date): string {
  const w = stockholmWallTime(at);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * 3_600_000);
}

/** Same Stockholm wall time `days` calendar days later. */
export function addStockholmDays(at: Date, days: number): Date {
  const w = stockholmWallTime(at);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return fromStockholmWallTime({ ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** Same Stockholm wall time `months` calendar months later; the 31st becomes the month's last day. */
export function addStockholmMonths(at: Date, months: number): Date {
  const w = stockholmWallTime(at);
  const first = new Date(Date.UTC(w.year, w.month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromStockholmWallTime({ ...w, year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: Math.min(w.day, lastDay) });
}

/** Normalises any ISO instant (with offset) to the stored UTC form `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function toUtcIso(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a valid time: ${String(value)}`);
  return d.toISOString();
}

/** A Stockholm date and time as typed in a form (`YYYY-MM-DD`, `HH:mm`) → UTC ISO. */
export function stockholmInputToUtc(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = (time || '00:00').split(':').map(Number) as [number, number];
  return fromStockholmWallTime({ year: y, month: m, day: d, hour: hh, minute: mm, second: 0 }).toISOString();
}

/** A UTC instant as Stockholm form values. */
export function utcToStockholmInput(iso: string): { date: string; time: string } {
  const w = stockholmWallTime(new Date(iso));
  return { date: stockholmDate(new Date(iso)), time: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}` };
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl.DateTimeFormat made once per locale and options and then kept (ADR 023): making one costs
 * tens of microseconds — far more than formatting with it — and a card formats many dates. A format
 * holds no state between calls, so sharing it is safe. Options are keyed in the order given.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) dateTimeFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

const PEOPLE_TIME: Intl.DateTimeFormatOptions = { timeZone: STOCKHOLM, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
const peopleTime = { sv: new Intl.DateTimeFormat('sv-SE', PEOPLE_TIME), en: new Intl.DateTimeFormat('en-GB', PEOPLE_TIME) };

/** For people: "fre 13 mars 2026 10:00" (sv) / "Fri 13 Mar 2026, 10:00" (en), Stockholm time. */
export function formatStockholm(iso: string, locale: 'sv' | 'en'): string {
  return peopleTime[locale === 'sv' ? 'sv' : 'en'].format(new Date(iso));
}
