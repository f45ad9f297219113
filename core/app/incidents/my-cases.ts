/**
 * "Mina ärenden": what a person reported, what they are to investigate, and their access requests —
 * newest first, ten of each. Their own cases come from their open and year buckets (reporterKey:
 * what one person reports in a year) merged newest first, their requests from what they asked for
 * themselves (subjectId) and for others (requesterKey, open and by year); what they
 * investigate from their open managerKey bucket (what one manager's staff have open). The three lists
 * share their `$batch`es: one Graph request in the usual case, at any list size.
 */
import { historyYears, mergeMany, mergeOf, openAndYears, type Deps } from '../platform';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';

export interface MyCases {
  reported: StoredOf<'Incidents'>[];
  toInvestigate: StoredOf<'Incidents'>[];
  accessRequests: StoredOf<'AccessRequests'>[];
}

export const MY_CASES_LIMIT = 10;

/** Only who the person is counts (their own cases, found by their id): no roles are needed. */
export async function myCases(deps: Deps, actor: Pick<Actor, 'id'>): Promise<MyCases> {
  const now = deps.clock.now();
  const [incidentYears, requestYears] = await Promise.all([historyYears(deps.store, 'Incidents', 'reportedAt', now), historyYears(deps.store, 'AccessRequests', 'requestedAt', now)]);
  const [reported, managed, requests] = await mergeMany(deps.store, [
    mergeOf({ list: 'Incidents', sort: 'reportedAt', direction: 'desc', sources: openAndYears('reporterKey', actor.id, incidentYears), pageSize: MY_CASES_LIMIT }),
    mergeOf({
      list: 'Incidents',
      sort: 'reportedAt',
      direction: 'desc',
      sources: openAndYears('managerKey', actor.id, []),
      // Their own reports are listed above.
      keep: (s) => s.data.reporterId.toLowerCase() !== actor.id.toLowerCase(),
      pageSize: MY_CASES_LIMIT,
    }),
    mergeOf({
      list: 'AccessRequests',
      sort: 'requestedAt',
      direction: 'desc',
      // What they asked for: for themselves (subjectId: the requests about one person), or for
      // others (requesterKey, open and year by year).
      sources: [{ where: [{ field: 'subjectId', op: 'eq', value: actor.id }] }, ...openAndYears<'AccessRequests'>('requesterKey', actor.id, requestYears)],
      keep: (r) => r.data.requesterId.toLowerCase() === actor.id.toLowerCase(),
      pageSize: MY_CASES_LIMIT,
    }),
  ]);
  return {
    reported: reported!.items as StoredOf<'Incidents'>[],
    toInvestigate: managed!.items as StoredOf<'Incidents'>[],
    accessRequests: requests!.items as StoredOf<'AccessRequests'>[],
  };
}
