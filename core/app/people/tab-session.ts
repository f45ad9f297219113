/**
 * Who is here, for the tab: the signed-in person with roles and what they may do, the people
 * picker, and the organisation (people and units) walked through the Directory port.
 */
import type { PersonSummary, SessionView } from '../../api';
import { stockholmDate, type RoleKey } from '../../domain';
import { canCreateAsset, canGovernAssetRegister } from '../../domain/policy';
import type { Person } from '../../ports/directory';
import type { Actor } from './actor';
import type { Deps } from '../platform';

export interface OrganisationMember extends PersonSummary {
  roles: RoleKey[];
}

export const summarisePerson = (p: Person): PersonSummary => ({ id: p.aadObjectId, name: p.displayName, email: p.email || null, unit: p.unit });

export function describeSession(actor: Actor): SessionView {
  return {
    id: actor.id,
    name: actor.person?.displayName ?? actor.id,
    email: actor.person?.email ?? null,
    unit: actor.unit,
    roles: [...actor.roles].sort(),
    permissions: { createAsset: canCreateAsset(actor), governAssets: canGovernAssetRegister(actor) },
  };
}

/** The people picker: at most `limit` people whose name or e-mail matches. */
export async function searchPeople(deps: Pick<Deps, 'directory'>, query: string, limit = 10): Promise<PersonSummary[]> {
  const q = query.trim().slice(0, 100);
  if (!q) return [];
  return (await deps.directory.search(q, Math.min(Math.max(limit, 1), 25))).filter((p) => p.accountEnabled).map(summarisePerson);
}

/** Active role assignments per person, from the `Roles` list (one query, paged). */
export async function rolesByPerson(deps: Pick<Deps, 'store' | 'clock'>): Promise<Map<string, Set<RoleKey>>> {
  const today = stockholmDate(deps.clock.now());
  const out = new Map<string, Set<RoleKey>>();
  for await (const a of deps.store.queryAll('Roles', { where: [{ field: 'active', op: 'eq', value: true }] })) {
    if (a.data.validTo !== null && a.data.validTo < today) continue;
    const id = a.data.personId.toLowerCase();
    if (!out.has(id)) out.set(id, new Set());
    out.get(id)!.add(a.data.role);
  }
  return out;
}

/**
 * Everyone in the organisation: the holders of a role, and from them up the manager chain and down
 * through every manager's reports. The Directory port has no "list everyone" (Entra ID would need
 * paging through all users); the walk reaches every person who has a manager in the tree.
 * Bounded by `maxPeople`.
 */
export async function listOrganisation(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, maxPeople = 5_000): Promise<OrganisationMember[]> {
  const roles = await rolesByPerson(deps);
  const seen = new Map<string, Person>();
  const queue: Person[] = [];
  const add = (people: Person[]) => {
    for (const p of people) {
      const id = p.aadObjectId.toLowerCase();
      if (seen.has(id) || seen.size >= maxPeople) continue;
      seen.set(id, p);
      queue.push(p);
    }
  };
  add(await deps.directory.getPeople([...roles.keys()]));
  while (queue.length) {
    const p = queue.shift()!;
    const up = p.managerAadObjectId && !seen.has(p.managerAadObjectId.toLowerCase()) ? await deps.directory.getPerson(p.managerAadObjectId) : null;
    add([...(up ? [up] : []), ...(await deps.directory.reportsOf(p.aadObjectId))]);
  }
  return [...seen.values()]
    .filter((p) => p.accountEnabled)
    .map((p) => ({ ...summarisePerson(p), roles: [...(roles.get(p.aadObjectId.toLowerCase()) ?? [])].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** The units people belong to, sorted: the choices of the unit filter and the asset form. */
export async function listUnits(deps: Pick<Deps, 'store' | 'clock' | 'directory'>): Promise<string[]> {
  const people = await listOrganisation(deps);
  return [...new Set(people.map((p) => p.unit).filter((u): u is string => Boolean(u)))].sort((a, b) => a.localeCompare(b, 'sv'));
}
