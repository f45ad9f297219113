/**
 * Whose figures: each kept figure belongs to a scope, and each person sees the figures of one scope
 * their role may see (ADR 014). Detail stays behind `canSeeIncident`; a figure is a count.
 *
 * | Scope | Holds | Seen by |
 * |---|---|---|
 * | `org` | the whole organisation | ISAM, the IT security officer, the director |
 * | `pd` | incidents involving personal data | the DSO |
 * | `manager:<id>` | incidents reported by a line manager's staff | that manager |
 * | `asset:<id>` | one information asset (its active grants) | used by recertification |
 * | `unit:<code>` | one unit (training completion) | everyone (the overview's table) |
 *
 * Everyone else sees figures of their own cases, counted from what they reported (bounded: one
 * person's reports in a year), not kept.
 */
import { has, type ActorLike } from '../../domain/policy';

export const ORG = 'org';
export const PERSONAL_DATA = 'pd';
export const managerScope = (id: string) => `manager:${id.toLowerCase()}`;
export const assetScope = (id: string) => `asset:${id}`;
export const unitScope = (code: string) => `unit:${code.toUpperCase()}`;

/** The incident scope a person's overview shows; null: their own cases, counted live. */
export function incidentScopeFor(actor: ActorLike): string | null {
  if (has(actor, 'isam', 'itsec', 'director')) return ORG;
  if (has(actor, 'dso')) return PERSONAL_DATA;
  if (has(actor, 'manager')) return managerScope(actor.id);
  return null;
}
