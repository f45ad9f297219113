/**
 * The entry check of both doors (issue 17.4): an account the directory does not know, a disabled
 * account, a guest or an identity from another organisation is refused before anything is read or
 * written for it — with a message in the person's language that says why and whom to ask. The
 * directory is asked on every turn and request (the Graph directory keeps an answer a minute), so
 * an account disabled in Entra ID is refused within that minute even while its token is valid.
 */
import { entryRefusal, type EntryRefusal } from '../../domain/policy';
import type { MessageKey } from '../../i18n';
import type { Person } from '../../ports/directory';
import { Refused, type Deps } from '../platform';
import { loadActor, type Actor } from './actor';

/** Why the person was not let in; `notAssigned`: no app role assignment (Microsoft 365 mode, the tab). */
export type NotAdmittedReason = EntryRefusal | 'notAssigned';

/** A refusal at the door: 403 in the tab API, a card or message in the bot. */
export class NotAdmitted extends Refused {
  constructor(readonly why: NotAdmittedReason) {
    super('forbidden', `entry.${why}` satisfies MessageKey);
  }
}

/** True when the person may use LIS: known to the directory, enabled, a member of the organisation. */
export const isAdmitted = (person: Person | null): boolean => entryRefusal(person) === null;

/**
 * The acting person with their roles, or NotAdmitted. `known`: the person as the caller has just
 * read them from the directory (then it is not asked twice).
 */
export async function admitActor(deps: Pick<Deps, 'store' | 'directory' | 'clock'>, aadObjectId: string, known?: Person | null): Promise<Actor> {
  const person = known !== undefined ? known : await deps.directory.getPerson(aadObjectId);
  const refusal = entryRefusal(person);
  if (refusal) throw new NotAdmitted(refusal);
  return loadActor(deps, aadObjectId, person);
}
