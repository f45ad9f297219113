/**
 * Who may enter LIS at all (issue 17.4): an enabled account of the administration's own directory.
 * Checked on every bot turn and every API call, before roles are read, against the directory as it
 * is now — an access token stays valid for up to an hour after an account is disabled, the
 * directory answers within a minute (docs/security.md).
 */

/** What the check needs of an account (the Directory port's Person has all of it). */
export interface AccountFacts {
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  external: boolean;
}

/**
 * Why someone is not let in:
 * - `unknown`: the directory does not know the id (a removed account, another organisation's);
 * - `disabled`: the account is disabled (a leaver);
 * - `guest`: a guest or an identity from another organisation (`userType` Guest, `#EXT#`).
 */
export type EntryRefusal = 'unknown' | 'disabled' | 'guest';

/** Null when the account may enter; otherwise why not. Unknown before disabled before guest. */
export function entryRefusal(account: AccountFacts | null): EntryRefusal | null {
  if (!account) return 'unknown';
  if (!account.accountEnabled) return 'disabled';
  if (account.userType !== 'Member' || account.external) return 'guest';
  return null;
}
