/**
 * Calendar arithmetic for access management. Valid-until dates, last working days and campaign due
 * dates are Europe/Stockholm calendar dates (YYYY-MM-DD); instants are UTC. Summer time moves the
 * offset between them (+01:00 in winter, +02:00 in summer), so it is looked up, never assumed.
 */
import { stockholmDate, stockholmOffsetMinutes as domainOffsetMinutes } from '../../domain';

const DAY_MS = 86_400_000;

/** Minutes Stockholm is ahead of UTC at `at` (60 or 120). */
export function stockholmOffsetMinutes(at: Date): number {
  return domainOffsetMinutes(at);
}

/** The UTC instant of a Stockholm wall-clock time on `date` (e.g. 23:59:59.999 for the end of the day). */
export function stockholmInstant(date: string, time = '00:00:00.000'): Date {
  const naive = Date.parse(`${date}T${time}Z`);
  // Two passes: the offset at the guessed instant, then at the corrected one (summer time changes at 01:00 UTC).
  let at = naive - stockholmOffsetMinutes(new Date(naive)) * 60_000;
  at = naive - stockholmOffsetMinutes(new Date(at)) * 60_000;
  return new Date(at);
}

/** The last moment of a Stockholm calendar day, in UTC. */
export const endOfStockholmDay = (date: string): Date => stockholmInstant(date, '23:59:59.000'); // SharePoint keeps whole seconds

/** `date` plus `days` calendar days (no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Today in Stockholm. */
export const today = (now: Date): string => stockholmDate(now);

/** `YYYY-MM` of an instant, in Stockholm. */
export const stockholmMonth = (now: Date): string => stockholmDate(now).slice(0, 7);

/** Whole calendar days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
