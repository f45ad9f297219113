/**
 * Directory: who people are (name, e-mail, unit, manager, and whether the account is the
 * organisation's own and enabled). Locally `teams-app/local/seed/people.json`;
 * in Microsoft 365, Entra ID through Graph. Roles are not read from here but from the `Roles` list,
 * so that authorization rests on stored records in both modes.
 */
export interface Person {
  aadObjectId: string;
  displayName: string;
  email: string;
  unit: string | null;
  managerAadObjectId: string | null;
  /** False once the account is disabled (leavers detected in Microsoft 365). */
  accountEnabled: boolean;
  /**
   * `Member`: an account of the organisation. `Guest`: someone invited from outside (Entra B2B).
   * Entra ID's own `userType`; an account without one counts as a member.
   */
  userType: 'Member' | 'Guest';
  /**
   * An identity from another organisation: its sign-in name carries `#EXT#` (B2B collaboration),
   * whatever its `userType` says. LIS lets in only the administration's own accounts.
   */
  external: boolean;
}

export interface Directory {
  getPerson(aadObjectId: string): Promise<Person | null>;
  getPeople(aadObjectIds: string[]): Promise<Person[]>;
  /** People whose name or e-mail starts with or contains `query`, for people pickers. */
  search(query: string, limit?: number): Promise<Person[]>;
  /** Direct reports of a manager. */
  reportsOf(managerAadObjectId: string): Promise<Person[]>;
}
