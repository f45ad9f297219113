/**
 * Who may write the registers the ISAM and the DSO keep (issue 14). The table in docs/security.md
 * ("Authorization of the registers") is this file in words; tests/bot/api/registers-*.test.ts test
 * every cell that matters through the tab API. Reading rules of the older registers are in
 * registers.ts; the API checks all of them against the stored record, never the request.
 */
import type { RoleKey } from '../roles';
import { has, same, type ActorLike } from './actor';

// ── GDPR: record of processing and impact assessments ─────────────────────

/** The DSO and ISAM keep the record of processing. */
export const canCreateProcessing = (actor: ActorLike) => has(actor, 'dso', 'isam');
/** …and the person responsible for a processing keeps its entry up to date (and screens it). */
export const canEditProcessing = (actor: ActorLike, p: { ownerId: string }) => has(actor, 'dso', 'isam') || same(actor.id, p.ownerId);
export const canArchiveProcessing = (actor: ActorLike) => has(actor, 'dso', 'isam');

/** An impact assessment is worked on by the processing's owner with the DSO and ISAM. */
export const canWorkOnImpactAssessment = (actor: ActorLike, processing: { ownerId: string }) => has(actor, 'dso', 'isam') || same(actor.id, processing.ownerId);
/** The written opinion of art. 35.2 is the DSO's own: nobody writes it for them. */
export const canGiveDsoOpinion = (actor: ActorLike) => has(actor, 'dso');
/**
 * The controller decides on the assessment through the processing's owner (or ISAM on the
 * administration's behalf) — never the DSO, whose role is to advise (art. 38.3, 39).
 */
export const canDecideImpactAssessment = (actor: ActorLike, processing: { ownerId: string }) => same(actor.id, processing.ownerId) || has(actor, 'isam');
export const canArchiveImpactAssessment = (actor: ActorLike) => has(actor, 'dso', 'isam');

// ── suppliers and procurements ───────────────────────────────────────────

/** ISAM and the IT security officer keep the supplier register. */
export const canManageSuppliers = (actor: ActorLike) => has(actor, 'isam', 'itsec');
/** …and a supplier's contract owner records follow-ups and the agreement's dates. */
export const canEditSupplier = (actor: ActorLike, s: { contractOwnerId: string | null }) => canManageSuppliers(actor) || same(actor.id, s.contractOwnerId);
export const canArchiveSupplier = (actor: ActorLike) => has(actor, 'isam');

/** A procurement is started by ISAM, the IT security officer or a manager (for their unit). */
export const canCreateProcurement = (actor: ActorLike) => has(actor, 'isam', 'itsec', 'manager');
export const canEditProcurement = (actor: ActorLike, p: { ownerId: string }) => has(actor, 'isam', 'itsec') || same(actor.id, p.ownerId);
export const canArchiveProcurement = (actor: ActorLike) => has(actor, 'isam', 'itsec');

// ── governing documents ──────────────────────────────────────────────────

/** The owner keeps their document's version, link, description, status and review date; ISAM all of it. */
export const GOVERNING_DOCUMENT_OWNER_FIELDS = ['version', 'url', 'description', 'reviewAt', 'status'] as const;
export const canEditGoverningDocument = (actor: ActorLike, d: { ownerId: string }) => has(actor, 'isam') || same(actor.id, d.ownerId);

// ── risks ────────────────────────────────────────────────────────────────

/** Roles that see the whole risk register. */
export const RISK_READERS: readonly RoleKey[] = ['isam', 'itsec', 'classification_lead', 'director', 'dso'];
/** Risks describe weaknesses: the roles above see every one; others the risks they own or that concern their assets. */
export function canReadRisk(actor: ActorLike, risk: { ownerId: string }, asset: { ownerId: string; delegateId: string | null } | null): boolean {
  return has(actor, ...RISK_READERS) || same(actor.id, risk.ownerId) || Boolean(asset && (same(actor.id, asset.ownerId) || same(actor.id, asset.delegateId)));
}
export const canReadAllRisks = (actor: ActorLike) => has(actor, ...RISK_READERS);
/** ISAM, the IT security officer and the classification lead record risks; an information owner records risks to their own assets. */
export function canCreateRisk(actor: ActorLike, asset: { ownerId: string; delegateId: string | null } | null): boolean {
  return has(actor, 'isam', 'itsec', 'classification_lead') || Boolean(asset && (same(actor.id, asset.ownerId) || same(actor.id, asset.delegateId)));
}
export const canEditRisk = (actor: ActorLike, risk: { ownerId: string }) => has(actor, 'isam', 'itsec') || same(actor.id, risk.ownerId);
/**
 * Accepting a risk is the risk owner's decision (ISO 27001 6.1.3 f): ISAM and the IT security
 * officer prepare it, the owner accepts.
 */
export const canAcceptRisk = (actor: ActorLike, risk: { ownerId: string }) => same(actor.id, risk.ownerId);
export const canArchiveRisk = (actor: ActorLike) => has(actor, 'isam');

// ── internal audits ──────────────────────────────────────────────────────

/** ISAM plans the audit programme. */
export const canManageAudits = (actor: ActorLike) => has(actor, 'isam');
/** The audit's results are seen by ISAM, the IT security officer, the director and the auditor. */
export const canReadAudit = (actor: ActorLike, a: { auditorId: string }) => has(actor, 'isam', 'itsec', 'director') || same(actor.id, a.auditorId);
export const canReadAllAudits = (actor: ActorLike) => has(actor, 'isam', 'itsec', 'director');
/** The auditor records findings and the conclusion; ISAM may too. */
export const canRecordAudit = (actor: ActorLike, a: { auditorId: string }) => has(actor, 'isam') || same(actor.id, a.auditorId);
/** ISO 27001 9.2: auditors do not audit their own work — nobody audits the unit they belong to. */
export const auditorIsImpartial = (auditorUnit: string | null, units: readonly string[]) => !auditorUnit || !units.some((u) => u.toUpperCase() === auditorUnit.toUpperCase());

// ── roles ────────────────────────────────────────────────────────────────

/** ISAM and the administrative unit assign the LIS roles and information owners. */
export const canAssignRoles = (actor: ActorLike) => has(actor, 'isam', 'admin_unit');
/** Nobody gives a role to, or takes one from, themselves (segregation of duties, ISO 27001 A.5.3). */
export const canAssignRoleTo = (actor: ActorLike, personId: string) => canAssignRoles(actor) && !same(actor.id, personId);
/** Information owners are assigned by ISAM, the classification lead and the administrative unit. */
export const canAssignInformationOwner = (actor: ActorLike) => has(actor, 'isam', 'classification_lead', 'admin_unit');

// ── removal after retention ──────────────────────────────────────────────

/** Removing a record whose retention has ended is ISAM's decision in every register. */
export const canRemoveRecords = (actor: ActorLike) => has(actor, 'isam');
