/**
 * People named on register records: names for the views (one directory call per page), and the check
 * that a person chosen in a form is someone the directory knows and whose account is enabled.
 */
import type { PersonRef } from '../../api/common';
import type { ListName } from '../../domain';
import { entryRefusal, type EntryRefusal } from '../../domain/policy';
import type { ValidationIssue } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';
import type { Deps } from '../platform';

export type Names = Map<string, string>;

const REFUSAL_MESSAGE: Record<EntryRefusal, ValidationIssue['messageKey']> = { unknown: 'registers.personUnknown', disabled: 'registers.personDisabled', guest: 'registers.personGuest' };

/** Display names by lower-cased id for every id given (nulls ignored). */
export async function namesOf(deps: Pick<Deps, 'directory'>, ids: (string | null | undefined)[]): Promise<Names> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)).map((id) => id.toLowerCase()))];
  const people = unique.length ? await deps.directory.getPeople(unique) : [];
  return new Map(people.map((p) => [p.aadObjectId.toLowerCase(), p.displayName]));
}

export function personRef(names: Names, id: string): PersonRef;
export function personRef(names: Names, id: string | null): PersonRef | null;
export function personRef(names: Names, id: string | null): PersonRef | null {
  return id ? { id, name: names.get(id.toLowerCase()) ?? null } : null;
}

export const ruleIssue = (field: string, messageKey: ValidationIssue['messageKey'], params: ValidationIssue['params'] = {}): ValidationIssue => ({ path: [field], code: 'rule', messageKey, params });

/**
 * Refuses (400, per field) people who may not enter LIS (core/domain/policy/admission.ts): unknown
 * to the directory, disabled, or guests — nobody is made owner, auditor or role holder who cannot
 * sign in.
 */
export async function checkPeople(deps: Pick<Deps, 'directory'>, list: ListName, fields: Record<string, string | null | undefined>): Promise<void> {
  const named = Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  if (!named.length) return;
  const people = await deps.directory.getPeople([...new Set(named.map(([, id]) => id.toLowerCase()))]);
  const known = new Map(people.map((p) => [p.aadObjectId.toLowerCase(), p]));
  const issues: ValidationIssue[] = [];
  for (const [field, id] of named) {
    const refusal = entryRefusal(known.get(id.toLowerCase()) ?? null);
    if (refusal) issues.push(ruleIssue(field, REFUSAL_MESSAGE[refusal]));
  }
  if (issues.length) throw new RecordValidationError(list, issues);
}
