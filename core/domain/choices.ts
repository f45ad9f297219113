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

/** Registers the search covers (core/app/search), in the order results are shown. */
export const SEARCH_REGISTERS = ['assets', 'incidents', 'suppliers', 'processing'] as const;
