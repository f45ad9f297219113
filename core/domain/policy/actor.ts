/** Who acts: the id comes from the activity or the validated token; roles from the `Roles` list. */
import type { RoleKey } from '../roles';

export interface ActorLike {
  id: string;
  roles: ReadonlySet<RoleKey>;
  unit: string | null;
}

export const has = (actor: ActorLike, ...roles: RoleKey[]) => roles.some((r) => actor.roles.has(r));
export const same = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());
