/**
 * Loads the acting person: identity from the activity (`from.aadObjectId`) or the validated token
 * (`oid`) — never from card data or a request body — and roles from the stored `Roles` list.
 */
import { stockholmDate, type RoleKey } from '../../domain';
import type { ActorLike } from '../../domain/policy';
import type { Person } from '../../ports/directory';
import type { Deps } from '../platform';

export interface Actor extends ActorLike {
  person: Person | null;
}

/**
 * Roles are read from the Roles list on every call — never cached — so a role given or taken away
 * (in the list, or through the app) counts from the next turn or request. `known` is the person
 * when the caller has just read them from the directory (the entry check, admission.ts).
 */
export async function loadActor(deps: Pick<Deps, 'store' | 'directory' | 'clock'>, aadObjectId: string, known?: Person | null): Promise<Actor> {
  const [person, roles] = await Promise.all([known !== undefined ? known : deps.directory.getPerson(aadObjectId), rolesOf(deps, aadObjectId)]);
  return { id: aadObjectId, person, roles, unit: person?.unit ?? null };
}

/** A person's roles today, from the Roles list (one indexed query; never cached). */
export async function rolesOf(deps: Pick<Deps, 'store' | 'clock'>, aadObjectId: string): Promise<Set<RoleKey>> {
  const today = stockholmDate(deps.clock.now());
  const assignments = await deps.store.query('Roles', { where: [{ field: 'personId', op: 'eq', value: aadObjectId }], pageSize: 100 });
  return new Set<RoleKey>(assignments.items.filter((a) => a.data.active && (a.data.validTo === null || a.data.validTo >= today)).map((a) => a.data.role));
}

/** People currently holding a role (for routing notifications to ISAM, the DSO, the admin unit…). */
export async function holdersOf(deps: Pick<Deps, 'store' | 'clock'>, role: RoleKey): Promise<string[]> {
  const today = stockholmDate(deps.clock.now());
  const ids = new Set<string>();
  for await (const a of deps.store.queryAll('Roles', { where: [{ field: 'role', op: 'eq', value: role }] })) {
    if (a.data.active && (a.data.validTo === null || a.data.validTo >= today)) ids.add(a.data.personId);
  }
  return [...ids];
}
