/**
 * Completion dates as HR and learning systems export them, read to a calendar date (`YYYY-MM-DD`).
 *
 * | Written | Where it comes from |
 * |---|---|
 * | `2026-12-06`, `2026-12-06 14:33`, `2026-12-06 14.33.05` | Swedish settings; the time is ignored |
 * | `2026-12-06T14:33:00`, `2026-12-06T13:33:00Z`, `…+01:00` | ISO 8601 from an API or a report tool; with a zone, the day is Stockholm's |
 * | `2026/12/06` | year first, so not ambiguous |
 * | `6.12.2026`, `06.12.2026`, `06.12.2026 14:33` | day.month.year (Finnish, German and some Swedish HR systems) |
 * | `46001`, `46001,6`, `46001.6` | an Excel date serial number (a date cell exported without its format): days since 1899-12-30 |
 *
 * Day/month/year with slashes (`3/11/2026`) is refused: it is 3 November in Sweden and 11 March in
 * an American export, and a wrong completion date is worse than a line to fix.
 */
import { stockholmDate } from '../../domain';

export type DateReading = { ok: true; date: string } | { ok: false; reason: 'bad' } | { ok: false; reason: 'ambiguous'; readings: [string, string] };

/** Excel serial numbers of 2000-01-01 and 2099-12-31: outside this, a number is not a completion date. */
const SERIAL_MIN = 36526;
const SERIAL_MAX = 73050;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[ T]|\s+kl\.?\s*)(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const YEAR_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/i;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+.*)?$/;
const SERIAL = /^(\d{5})(?:[.,]\d+)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar date, or null when it does not exist (2026-02-30). */
function calendar(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? `${year}-${pad(month)}-${pad(day)}` : null;
}

const timeOk = (h?: string, m?: string, s?: string) => h === undefined || (Number(h) < 24 && Number(m) < 60 && (s === undefined || Number(s) < 60));

/** Reads one cell. Surrounding spaces are ignored; anything else not in the table is `bad`. */
export function readCompletionDate(raw: string): DateReading {
  const value = raw.trim();
  const bad = { ok: false, reason: 'bad' } as const;
  const found = (date: string | null): DateReading => (date ? { ok: true, date } : bad);

  let m = ISO.exec(value);
  if (m) {
    const [, y, mo, d, h, mi, s, zone] = m;
    if (!timeOk(h, mi, s)) return bad;
    const date = calendar(Number(y), Number(mo), Number(d));
    if (!date || !zone) return found(date);
    // An instant: the day it was in Stockholm (23:30Z on 6 December is 7 December there).
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const at = new Date(`${date}T${pad(Number(h))}:${mi}:${s ?? '00'}${offset}`);
    return Number.isNaN(at.getTime()) ? bad : found(stockholmDate(at));
  }
  m = YEAR_SLASH.exec(value);
  if (m) return timeOk(m[4], m[5], m[6]) ? found(calendar(Number(m[1]), Number(m[2]), Number(m[3]))) : bad;
  m = DOTTED.exec(value);
  if (m) return timeOk(m[4], m[5], m[6]) ? found(calendar(Number(m[3]), Number(m[2]), Number(m[1]))) : bad;
  m = SERIAL.exec(value);
  if (m) {
    const serial = Number(m[1]);
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return bad;
    return found(new Date(EXCEL_EPOCH + serial * 86_400_000).toISOString().slice(0, 10));
  }
  m = SLASHED.exec(value);
  if (m) {
    const dayFirst = calendar(Number(m[3]), Number(m[2]), Number(m[1]));
    const monthFirst = calendar(Number(m[3]), Number(m[1]), Number(m[2]));
    if (dayFirst && monthFirst && dayFirst !== monthFirst) return { ok: false, reason: 'ambiguous', readings: [dayFirst, monthFirst] };
  }
  return bad;
}
