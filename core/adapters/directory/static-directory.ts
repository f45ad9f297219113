/**
 * The local directory: people from `teams-app/local/seed/people.json` (CONTRACTS.md). In Microsoft 365
 * the Directory port is served by Entra ID through Graph instead.
 */
import { z } from 'zod';
import type { Directory, Person } from '../../ports/directory';

export const SeedPerson = z.object({
  aadObjectId: z.guid(),
  displayName: z.string().min(1),
  email: z.email(),
  unit: z.string().nullable(),
  managerAadObjectId: z.guid().nullable(),
  roles: z.array(z.string()),
  /** Optional: absent means enabled (a disabled account, like Entra's `accountEnabled: false`). */
  accountEnabled: z.boolean().optional(),
  /** Optional: absent means `Member` (a guest is `Guest`, like Entra's `userType`). */
  userType: z.enum(['Member', 'Guest']).optional(),
  /** Optional: the sign-in name, when it differs from `email` (`#EXT#` marks an external identity). */
  userPrincipalName: z.string().min(3).max(200).optional(),
});
export type SeedPerson = z.infer<typeof SeedPerson>;

/** `#EXT#` in a sign-in name marks an identity from another organisation (Entra B2B). */
export const isExternalSignInName = (upn: string | null | undefined) => Boolean(upn && /#EXT#/i.test(upn));

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export class StaticDirectory implements Directory {
  private readonly byId: Map<string, Person>;

  constructor(people: readonly SeedPerson[]) {
    this.byId = new Map(
      people.map((p) => [
        p.aadObjectId.toLowerCase(),
        {
          aadObjectId: p.aadObjectId,
          displayName: p.displayName,
          email: p.email,
          unit: p.unit,
          managerAadObjectId: p.managerAadObjectId,
          accountEnabled: p.accountEnabled ?? true,
          userType: p.userType ?? 'Member',
          external: isExternalSignInName(p.userPrincipalName ?? p.email),
        },
      ]),
    );
  }

  async getPerson(aadObjectId: string): Promise<Person | null> {
    return this.byId.get(aadObjectId.toLowerCase()) ?? null;
  }

  async getPeople(ids: string[]): Promise<Person[]> {
    return ids.map((id) => this.byId.get(id.toLowerCase())).filter((p): p is Person => Boolean(p));
  }

  async search(query: string, limit = 10): Promise<Person[]> {
    const q = fold(query.trim());
    if (!q) return [];
    const all = [...this.byId.values()];
    const starts = all.filter((p) => fold(p.displayName).split(/\s+/).some((w) => w.startsWith(q)) || fold(p.email).startsWith(q));
    const contains = all.filter((p) => !starts.includes(p) && (fold(p.displayName).includes(q) || fold(p.email).includes(q)));
    return [...starts, ...contains].slice(0, limit);
  }

  async reportsOf(managerAadObjectId: string): Promise<Person[]> {
    const id = managerAadObjectId.toLowerCase();
    return [...this.byId.values()].filter((p) => p.managerAadObjectId?.toLowerCase() === id);
  }
}
