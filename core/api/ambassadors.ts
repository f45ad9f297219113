/** Ambassadörsnätverket: the year's meetings (årshjul) and attendance per unit. Shows units and counts, never who attended. */
import { z } from 'zod';
import { Count, Instant, type Routes } from './common';

/** `GET /ambassadors?year=`: this year (Stockholm) when absent. */
export const AmbassadorYearQuery = z.object({ year: z.coerce.number<string | number>().int().min(2000).max(2100).optional() });
export type AmbassadorYearQuery = z.input<typeof AmbassadorYearQuery>;

export const MeetingRow = z.strictObject({
  id: z.string(),
  title: z.string(),
  theme: z.string(),
  startsAt: Instant,
  materialUrl: z.string().nullable(),
  state: z.enum(['upcoming', 'held', 'cancelled']),
  attendees: Count,
  /** Units with at least one ambassador present. */
  units: z.array(z.string()),
});
export type MeetingRow = z.infer<typeof MeetingRow>;

export const UnitAttendanceRow = z.strictObject({
  unit: z.string(),
  ambassadors: Count,
  /** Held meetings of the year the unit was represented at. */
  attended: Count,
});
export type UnitAttendanceRow = z.infer<typeof UnitAttendanceRow>;

export const AmbassadorYear = z.strictObject({ year: z.number().int(), meetings: z.array(MeetingRow), held: Count, units: z.array(UnitAttendanceRow) });
export type AmbassadorYear = z.infer<typeof AmbassadorYear>;

export const AMBASSADOR_ROUTES = {
  'GET /ambassadors': { query: AmbassadorYearQuery, response: AmbassadorYear },
} satisfies Routes;
