/**
 * The closed sets of values of the records, as plain arrays. No zod here (and no import at all):
 * the record schemas build their enums from these, and the tab imports them as the choices of its
 * filters and forms without carrying zod into its bundle (tests/tab/bundle.test.ts checks).
 */

/** Incident categories, in the order the report form offers them. */
export const INCIDENT_CATEGORIES = [
  'phishing',
  'misdirected',
  'lost_card_or_keys',
  'paper_documents',
  'unauthorised_access',
  'malware',
  'supplier',
  'other',
] as const;

export const INCIDENT_STATUSES = ['reported', 'triaged', 'investigating', 'closed'] as const;

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** Significant incident under Cybersäkerhetslagen 2 kap. 5 §: decided by a person, never by a threshold. */
export const SIGNIFICANCE = ['undecided', 'yes', 'no'] as const;

/**
 * The obligations with a deadline an incident can have (core/domain/clocks.ts): Cybersäkerhetslagen's
 * reports to MCF, GDPR's notification to IMY, art. 34 and art. 33(5), and the manager's investigation.
 */
export const CLOCK_KINDS = [
  'cs_early_warning',
  'cs_notification',
  'cs_intermediate_report',
  'cs_final_report',
  'cs_situation_report',
  'imy_notification',
  'data_subjects',
  'breach_documentation',
  'internal_investigation',
] as const;

/** The probable root cause of an incident: compared (with asset and supplier) for "same root cause". */
export const INCIDENT_CAUSES = [
  'human_error',
  'credential_theft',
  'malicious_code',
  'software_vulnerability',
  'misconfiguration',
  'technical_failure',
  'supplier_failure',
  'physical_loss_or_theft',
  'unauthorised_insider',
  'other',
] as const;

/** Yes, no, or not yet known (suspected malicious act, cross-border impact). */
export const TRISTATE = ['yes', 'no', 'unknown'] as const;

/** IMY's form: which security property a personal data breach affected. */
export const BREACH_NATURES = ['confidentiality', 'integrity', 'availability'] as const;

/** The languages a report is drafted in. */
export const REPORT_LANGUAGES = ['sv', 'en'] as const;

/** Categories of personal data a reporter can tick (IMY's breach form); the record keeps them as text. */
export const PERSONAL_DATA_CATEGORIES = ['identity', 'contact', 'health', 'social', 'economy', 'children', 'offences', 'staff'] as const;

/** pending → approved | denied; approved → in_progress (taken by the admin unit) → done. */
export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'denied', 'in_progress', 'done', 'cancelled'] as const;

export const ACCESS_GRANT_STATUSES = ['active', 'removed', 'expired'] as const;

/** KLASSA consequence levels. 4 = säkerhetsskydd: separate analysis, no action plan. */
export const KLASSA_LEVELS = [0, 1, 2, 3, 4] as const;

/** Aspect keys, in KLASSA's order: K, R, T, S. */
export const CLASSIFICATION_ASPECTS = ['confidentiality', 'integrity', 'availability', 'traceability'] as const;

/** The standard points of the procurement security checklist (kravställning vid anskaffning). */
export const SUPPLIER_CHECKLIST_KEYS = [
  'classification',
  'dpa',
  'subprocessors',
  'third_country',
  'access_control',
  'encryption',
  'logging',
  'incident_reporting',
  'backup',
  'exit',
] as const;

export const IMPROVEMENT_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

export const IMPROVEMENT_SOURCES = ['management_review', 'incident', 'audit', 'risk', 'other'] as const;

// ── the registers of issue 14 ───────────────────────────────────────────────

/** Data processing agreement (PUB-avtal) status; `via_parent`: a sub-supplier named in its parent's agreement. */
export const DPA_STATUSES = ['signed', 'draft', 'missing', 'expired', 'via_parent', 'not_required'] as const;

/** Risk levels of the 4×4 matrix (core/domain/risk.ts). */
export const RISK_LEVELS = ['low', 'medium', 'high', 'very_high'] as const;
/** How a risk is treated (ISO 27005 8.5). */
export const RISK_TREATMENTS = ['accept', 'reduce', 'transfer', 'avoid'] as const;
/** open: assessed; treated: the treatment is in place; closed: no longer relevant. */
export const RISK_STATUSES = ['open', 'treated', 'closed'] as const;
/** Likelihood and consequence 1–4. */
export const RISK_SCALE = [1, 2, 3, 4] as const;

export const AUDIT_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
/** ISO 27001 9.2 / 10.2: what a finding is. */
export const FINDING_KINDS = ['nonconformity', 'observation', 'opportunity'] as const;

/** The screening criteria (EDPB WP248 rev.01; two or more: an impact assessment is required). */
export const DPIA_CRITERIA = [
  'evaluation_scoring',
  'automated_decision',
  'systematic_monitoring',
  'sensitive_data',
  'large_scale',
  'matching_combining',
  'vulnerable_subjects',
  'innovative_technology',
  'prevents_rights',
] as const;
export const DPIA_STATUSES = ['draft', 'in_review', 'completed'] as const;
export const DPIA_RISK_LEVELS = ['low', 'medium', 'high'] as const;

/** planning → tendering → contracted; or cancelled. */
export const PROCUREMENT_STATUSES = ['planning', 'tendering', 'contracted', 'cancelled'] as const;

export const GOVERNING_DOCUMENT_STATUSES = ['draft', 'in_force', 'under_review', 'repealed'] as const;
/** Policy (decided by the district committee), guideline, instruction, routine. */
export const GOVERNING_DOCUMENT_KINDS = ['policy', 'guideline', 'instruction', 'routine'] as const;
/** Registers the search covers (core/app/search), in the order results are shown. */
export const SEARCH_REGISTERS = ['assets', 'incidents', 'suppliers', 'processing'] as const;
