/**
 * Who is here, for the tab: the signed-in person with roles and what they may do, the people
 * picker, and the organisation (people and units) walked through the Directory port.
 */
import type { PersonSummary, SessionView } from '../../api';
import { stockholmDate, type RoleKey } from '../../domain';
import { canCreateAsset, canGovernAssetRegister } from '../../domain/policy';
import type { Person } from '../../ports/directory';
import type { Actor } from './actor';
import { isAdmitted } from './admission';
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

/**
 * The people picker: at most `limit` people whose name or e-mail matches — only people who may use
 * LIS (enabled members of the organisation): guests and disabled accounts are never offered as an
 * owner, a delegate or a contact.
 */
export async function searchPeople(deps: Pick<Deps, 'directory'>, query: string, limit = 10): Promise<PersonSummary[]> {
  const q = query.trim().slice(0, 100);
  if (!q) return [];
  const wanted = Math.min(Math.max(limit, 1), 25);
  return (await deps.directory.search(q, wanted + 5)).filter(isAdmitted).slice(0, wanted).map(summarisePerson);
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
 * Bounded by `maxPeople`. Only people who may use LIS (admission.ts) are listed.
 */
export async function listOrganisation(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, maxPeople = 5_000): Promise<OrganisationMember[]> {
  const { people, roles } = await walkOrganisation(deps, maxPeople);
  return people.filter(isAdmitted).map((p) => member(p, roles));
}

/** An account the entry check refuses, for the local demo sign-in (to try the refusal). */
export interface RefusedAccount extends PersonSummary {
  reason: 'disabled' | 'guest';
}

/** The local demo sign-in: the organisation, and the accounts in its tree that LIS refuses. */
export async function listDemoAccounts(deps: Pick<Deps, 'store' | 'clock' | 'directory'>): Promise<{ people: OrganisationMember[]; refused: RefusedAccount[] }> {
  const { people, roles } = await walkOrganisation(deps, 5_000);
  return {
    people: people.filter(isAdmitted).map((p) => member(p, roles)),
    refused: people.filter((p) => !isAdmitted(p)).map((p) => ({ ...summarisePerson(p), reason: p.accountEnabled ? 'guest' : 'disabled' })),
  };
}

const member = (p: Person, roles: Map<string, Set<RoleKey>>): OrganisationMember => ({ ...summarisePerson(p), roles: [...(roles.get(p.aadObjectId.toLowerCase()) ?? [])].sort() });

async function walkOrganisation(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, maxPeople: number): Promise<{ people: Person[]; roles: Map<string, Set<RoleKey>> }> {
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
  return { people: [...seen.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv')), roles };
}

/** The units people belong to, sorted: the choices of the unit filter and the asset form. */
export async function listUnits(deps: Pick<Deps, 'store' | 'clock' | 'directory'>): Promise<string[]> {
  const people = await listOrganisation(deps);
  return [...new Set(people.map((p) => p.unit).filter((u): u is string => Boolean(u)))].sort((a, b) => a.localeCompare(b, 'sv'));
}
