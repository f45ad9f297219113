/**
 * Ambassadörsnätverket for the tab: the year's meetings (årshjul) from AmbassadorMeetings (queried
 * on the indexed `startsAt`), and attendance per unit — which units' ambassadors came to each held
 * meeting. Everyone may read it: it shows units and counts, not who attended.
 */
import { AmbassadorYearQuery as Query, type AmbassadorYear, type AmbassadorYearQuery, type MeetingRow } from '../../api';
import { stockholmDate } from '../../domain';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';
import { listOrganisation, type Actor } from '../people';
import type { Deps } from '../platform';

export async function ambassadorYear(deps: Deps, _actor: Actor, query: AmbassadorYearQuery): Promise<AmbassadorYear> {
  const r = Query.safeParse(query);
  if (!r.success) throw new RecordValidationError('AmbassadorMeetings', issuesFromZod(r.error));
  const now = deps.clock.now();
  const year = r.data.year ?? Number(stockholmDate(now).slice(0, 4));
  // A day either side of the calendar year in UTC, then exact by Stockholm date.
  const from = new Date(Date.UTC(year - 1, 11, 31)).toISOString();
  const to = new Date(Date.UTC(year + 1, 0, 2)).toISOString();
  const meetings: MeetingRow[] = [];
  for await (const m of deps.store.queryAll('AmbassadorMeetings', {
    where: [
      { field: 'startsAt', op: 'ge', value: from },
      { field: 'startsAt', op: 'lt', value: to },
    ],
    orderBy: { field: 'startsAt', direction: 'asc' },
  })) {
    if (stockholmDate(new Date(m.data.startsAt)).slice(0, 4) !== String(year)) continue;
    const units = [...new Set(m.data.attendance.map((a) => a.unit ?? '–'))].sort((a, b) => a.localeCompare(b, 'sv'));
    meetings.push({
      id: m.id,
      title: m.data.title,
      theme: m.data.theme,
      startsAt: m.data.startsAt,
      materialUrl: m.data.materialUrl,
      state: m.data.cancelledAt ? 'cancelled' : Date.parse(m.data.startsAt) > now.getTime() ? 'upcoming' : 'held',
      attendees: new Set(m.data.attendance.map((a) => a.personId.toLowerCase())).size,
      units,
    });
  }
  const people = await listOrganisation(deps);
  const ambassadors = new Map<string, number>();
  for (const p of people) if (p.roles.includes('ambassador')) ambassadors.set(p.unit ?? '–', (ambassadors.get(p.unit ?? '–') ?? 0) + 1);
  const held = meetings.filter((m) => m.state === 'held');
  const allUnits = new Set([...ambassadors.keys(), ...held.flatMap((m) => m.units)]);
  const units = [...allUnits]
    .sort((a, b) => a.localeCompare(b, 'sv'))
    .map((unit) => ({ unit, ambassadors: ambassadors.get(unit) ?? 0, attended: held.filter((m) => m.units.includes(unit)).length }));
  return { year, meetings, held: held.length, units };
}
