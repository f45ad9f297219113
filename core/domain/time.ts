/** Time helpers: deadlines are stored in UTC and shown in Europe/Stockholm. */

export const STOCKHOLM = 'Europe/Stockholm';

/** The Europe/Stockholm calendar date (YYYY-MM-DD) of an instant. */
export function stockholmDate(at: Date): string {
  // sv-SE formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Normalises any ISO instant (with offset) to the stored UTC form `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function toUtcIso(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a valid time: ${String(value)}`);
  return d.toISOString();
}
