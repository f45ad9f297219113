/**
 * Loads the acting person: identity from the activity (`from.aadObjectId`) or the validated token
 * (`oid`) — never from card data or a request body — and roles from the stored `Roles` list.
 */
import { stockholmDate, type RoleKey } from '../../domain';
import type { ActorLike } from '../../domain/policy';
import type { Person } from '../../ports/directory';
import type { StoredOf } from '../../ports/record-store';
import { readSmall, type Deps } from '../platform';

export interface Actor extends ActorLike {
  person: Person | null;
  /**
   * The information assets the person owns or is delegate for, read with their roles (one `$batch`):
   * what an owner's views start from (their systems' incidents, grants, reviews). Absent when the
   * actor was not loaded by `loadActor`.
   */
  assets?: StoredOf<'InformationAssets'>[];
}

/**
 * Roles are read from the Roles list on every call — never cached — so a role given or taken away
 * (in the list, or through the app) counts from the next turn or request. `known` is the person
 * when the caller has just read them from the directory (the entry check, admission.ts).
 */
export async function loadActor(deps: Pick<Deps, 'store' | 'directory' | 'clock'>, aadObjectId: string, known?: Person | null): Promise<Actor> {
  // One request: the person's roles, and the assets they own or are delegate for (a few each).
  const [person, [assignments, owned, delegated]] = await Promise.all([
    known !== undefined ? known : deps.directory.getPerson(aadObjectId),
    deps.store.queryMany([
      { list: 'Roles', options: { where: [{ field: 'personId', op: 'eq', value: aadObjectId }], pageSize: 100 } },
      { list: 'InformationAssets', options: { where: [{ field: 'ownerId', op: 'eq', value: aadObjectId }], pageSize: 500 } },
      { list: 'InformationAssets', options: { where: [{ field: 'delegateId', op: 'eq', value: aadObjectId }], pageSize: 500 } },
    ] as const),
  ]);
  const assets = [...new Map([...owned.items, ...delegated.items].map((a) => [a.id, a])).values()];
  return { id: aadObjectId, person, roles: rolesToday(deps, assignments.items), unit: person?.unit ?? null, assets };
}

/** A person's roles today, from the Roles list (one indexed query; never cached). */
export async function rolesOf(deps: Pick<Deps, 'store' | 'clock'>, aadObjectId: string): Promise<Set<RoleKey>> {
  const assignments = await deps.store.query('Roles', { where: [{ field: 'personId', op: 'eq', value: aadObjectId }], pageSize: 100 });
  return rolesToday(deps, assignments.items);
}

function rolesToday(deps: Pick<Deps, 'clock'>, assignments: StoredOf<'Roles'>[]): Set<RoleKey> {
  const today = stockholmDate(deps.clock.now());
  return new Set<RoleKey>(assignments.filter((a) => a.data.active && (a.data.validTo === null || a.data.validTo >= today)).map((a) => a.data.role));
}

/** People currently holding a role (for routing notifications to ISAM, the DSO, the admin unit…). */
export async function holdersOf(deps: Pick<Deps, 'store' | 'clock'>, role: RoleKey): Promise<string[]> {
  const today = stockholmDate(deps.clock.now());
  const ids = new Set<string>();
  for (const a of await readSmall(deps.store, 'Roles', { where: [{ field: 'role', op: 'eq', value: role }] })) {
    if (a.data.active && (a.data.validTo === null || a.data.validTo >= today)) ids.add(a.data.personId);
  }
  return [...ids];
}
