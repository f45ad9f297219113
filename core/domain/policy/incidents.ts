/**
 * Who may see and act on an incident (issue 3): the reporter, their manager, ISAM, the IT security
 * officer, the affected asset's owner and — when personal data is involved — the DSO.
 */
import { isGdprClock } from '../clocks';
import type { ClockKind, Incident } from '../incident';
import { has, same, type ActorLike } from './actor';

/** The asset's current owner and delegate, re-read by the use case. */
export interface AssetOwnership {
  ownerId: string;
  delegateId: string | null;
}

export function involvesPersonalData(incident: Pick<Incident, 'personalData' | 'personalDataBreach'>): boolean {
  return incident.personalDataBreach === true || incident.personalData.involved !== 'no';
}

export function canSeeIncident(actor: ActorLike, incident: Incident, asset: AssetOwnership | null): boolean {
  if (has(actor, 'isam', 'itsec')) return true;
  if (same(actor.id, incident.reporterId) || same(actor.id, incident.managerId)) return true;
  if (asset && (same(actor.id, asset.ownerId) || same(actor.id, asset.delegateId))) return true;
  return has(actor, 'dso') && involvesPersonalData(incident);
}

/** ISAM triages every incident; the IT security officer co-triages. */
export function canTriageIncident(actor: ActorLike): boolean {
  return has(actor, 'isam', 'itsec');
}

/** The line manager investigates; ISAM may record on their behalf. */
export function canInvestigateIncident(actor: ActorLike, incident: Incident): boolean {
  return same(actor.id, incident.managerId) || has(actor, 'isam');
}

export function canReopenIncident(actor: ActorLike): boolean {
  return has(actor, 'isam');
}

/**
 * Who records and drafts a report: reports to MCF (Cybersäkerhetslagen) are ISAM's and the IT
 * security officer's; the IMY notification, the message to the people concerned and the art. 33(5)
 * documentation are ISAM's and the DSO's.
 */
export function canHandleReport(actor: ActorLike, kind: ClockKind): boolean {
  if (isGdprClock(kind)) return has(actor, 'isam', 'dso');
  return has(actor, 'isam', 'itsec');
}

/** Only ISAM corrects when the organisation became aware: every deadline counts from it. */
export function canCorrectAwareness(actor: ActorLike): boolean {
  return has(actor, 'isam');
}

/** The facts the reports are drafted from: ISAM, the IT security officer and the DSO keep them. */
export function canEditReportFacts(actor: ActorLike): boolean {
  return has(actor, 'isam', 'itsec', 'dso');
}
