/** "Mina ärenden": what a person reported, what they are to investigate, and their access requests. */
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import type { Deps } from '../platform';

export interface MyCases {
  reported: StoredOf<'Incidents'>[];
  toInvestigate: StoredOf<'Incidents'>[];
  accessRequests: StoredOf<'AccessRequests'>[];
}

export async function myCases(deps: Deps, actor: Actor): Promise<MyCases> {
  const [reported, managed, requests] = await Promise.all([
    deps.store.query('Incidents', { where: [{ field: 'reporterId', op: 'eq', value: actor.id }], pageSize: 50 }),
    deps.store.query('Incidents', { where: [{ field: 'managerId', op: 'eq', value: actor.id }], pageSize: 200 }),
    deps.store.query('AccessRequests', { where: [{ field: 'requesterId', op: 'eq', value: actor.id }], pageSize: 50 }),
  ]);
  const newest = <T extends { data: { reportedAt?: string; requestedAt?: string } }>(a: T, b: T) => (b.data.reportedAt ?? b.data.requestedAt ?? '').localeCompare(a.data.reportedAt ?? a.data.requestedAt ?? '');
  return {
    reported: reported.items.sort(newest).slice(0, 10),
    toInvestigate: managed.items.filter((m) => m.data.status !== 'closed' && m.data.reporterId !== actor.id).sort(newest).slice(0, 10),
    accessRequests: requests.items.sort(newest).slice(0, 10),
  };
}
