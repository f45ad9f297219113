/**
 * The JSON shapes of `/api/v1`, as the tab sees them. The server builds them in core/app (which
 * the tab may not import); tests/tab/api-contract.test.ts checks at compile time that both sides
 * agree, so a change on one side without the other fails `npm run typecheck`.
 */
import type { HistoryPage, RetentionInfo } from '../../core/api/registers';
import type {
  AccessRequestKind,
  ClassificationState,
  ClassificationSummary,
  ClockKind,
  DpaStatus,
  Incident,
  IncidentCategory,
  IncidentStatus,
  KlassaLevel,
  LegalClock,
  PersonalDataInvolvement,
  RoleKey,
  Severity,
  Significance,
} from '../../core/domain';

// ── session ──────────────────────────────────────────────────────────────

export type TabAuthConfig =
  | { mode: 'local'; tenantId: string; auth: { kind: 'local' } }
  | { mode: 'm365'; tenantId: string; auth: { kind: 'entra'; clientId: string; authority: string; scopes: string[] } };

export interface PersonSummary {
  id: string;
  name: string;
  email: string | null;
  unit: string | null;
}

export interface SessionView extends PersonSummary {
  roles: RoleKey[];
  permissions: { createAsset: boolean; governAssets: boolean };
}

export interface DemoPerson {
  id: string;
  name: string;
  unit: string | null;
  roles: RoleKey[];
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

/** Error answers: `message` is in the user's language; `issues` for 400 validation, `current` for 409. */
export interface ErrorBody {
  error: string;
  message: string;
  issues?: { path: (string | number)[]; field: string; message: string }[];
  current?: unknown;
}

// ── information assets ───────────────────────────────────────────────────

export type AssetSortField = 'code' | 'name' | 'unit' | 'priority' | 'nextReviewAt';
export const ASSET_SORT_FIELDS: readonly AssetSortField[] = ['code', 'name', 'unit', 'priority', 'nextReviewAt'];

export interface PersonRef {
  id: string;
  name: string | null;
}

export type AssetLevels = Record<'confidentiality' | 'integrity' | 'availability' | 'traceability', KlassaLevel | null>;

export interface AssetRow {
  id: string;
  etag: string;
  code: string;
  name: string;
  unit: string;
  critical: boolean;
  owner: PersonRef;
  levels: AssetLevels;
  summary: ClassificationSummary;
  priority: number | null;
  classifiedAt: string | null;
  nextReviewAt: string | null;
  archived: boolean;
  canEdit: boolean;
}

export interface AssetView extends AssetRow {
  description: string;
  information: string;
  delegate: PersonRef | null;
  contact: PersonRef | null;
  systemOwner: PersonRef | null;
  classifiedBy: PersonRef | null;
  notes: string | null;
  supplierIds: string[];
  updatedAt: string;
  canGovern: boolean;
  motivations: Partial<Record<keyof AssetLevels, string>>;
  requirements: { id: string; aspect: keyof AssetLevels; level: number; sv: string; en: string }[];
  lastReminderAt: string | null;
  canArchive: boolean;
  retention: RetentionInfo;
  history: HistoryPage;
}

export interface AssetPage {
  items: AssetRow[];
  cursor: string | null;
  sort: AssetSortField;
  direction: 'asc' | 'desc';
}

export interface AssetListParams {
  search?: string;
  unit?: string;
  ownerId?: string;
  sort?: AssetSortField;
  direction?: 'asc' | 'desc';
  pageSize?: number;
  cursor?: string;
}

/** What the form sends. The server sets who classified and when things changed. */
export interface AssetInput {
  code: string;
  name: string;
  description: string;
  information: string;
  critical: boolean;
  ownerId: string;
  delegateId: string | null;
  contactId: string | null;
  unit: string;
  systemOwnerId: string | null;
  confidentiality: KlassaLevel | null;
  integrity: KlassaLevel | null;
  availability: KlassaLevel | null;
  traceability: KlassaLevel | null;
  classifiedAt: string | null;
  priority: number | null;
  nextReviewAt: string | null;
  notes: string | null;
  /** Why each aspect has its level: required for every level set or changed. */
  motivations?: Partial<Record<keyof AssetLevels, string>>;
}

// ── overview ─────────────────────────────────────────────────────────────

export interface Listed<T> {
  items: T[];
  total: number;
}

export interface RecordRef {
  id: string;
  code: string;
  name: string;
}

export interface AssetReviewItem extends RecordRef {
  state: ClassificationState;
  nextReviewAt: string | null;
}

export interface Dashboard {
  today: string;
  generatedAt: string;
  mine: {
    approvals: Listed<{ id: string; kind: AccessRequestKind; role: string; subject: { id: string; name: string | null }; asset: RecordRef | null; requestedAt: string }>;
    investigations: Listed<{ id: string; caseNumber: string; title: string; category: IncidentCategory; status: IncidentStatus; reportedAt: string; dueAt: string; overdue: boolean }>;
    clocks: Listed<{ incidentId: string; caseNumber: string; incidentTitle: string; kind: ClockKind; dueAt: string; overdue: boolean }>;
    assetReviews: Listed<AssetReviewItem>;
  };
  incidentsPerMonth: { months: string[]; categories: IncidentCategory[]; counts: number[][]; total: number };
  reporting: { onTime: number; late: number; overdue: number; running: number };
  accessRequests: { pending: number; approved: number; inProgress: number };
  recertification: { campaignId: string; campaignName: string; dueAt: string; reviews: number; completedReviews: number; grants: number; kept: number; removed: number } | null;
  classification: { total: number; classified: number; reviewDue: number; unclassified: number; level4: number };
  training: { units: { unit: string; people: number; required: number; completed: number }[]; required: number; completed: number };
}

// ── incidents ────────────────────────────────────────────────────────────

export interface IncidentRow {
  id: string;
  caseNumber: string;
  title: string;
  category: IncidentCategory;
  status: IncidentStatus;
  severity: Severity | null;
  significant: Significance;
  personalData: boolean;
  reportedAt: string;
  unit: string | null;
  nextDue: { kind: ClockKind; dueAt: string; overdue: boolean } | null;
}

export interface IncidentPage {
  items: IncidentRow[];
  cursor: string | null;
  direction: 'asc' | 'desc';
  scope: 'all' | 'entitled';
}

export interface IncidentListParams {
  status?: IncidentStatus;
  category?: IncidentCategory;
  direction?: 'asc' | 'desc';
  pageSize?: number;
  cursor?: string;
}

export interface IncidentView {
  id: string;
  caseNumber: string;
  detailed: boolean;
  status: IncidentStatus;
  category: IncidentCategory | null;
  title: string | null;
  description: string | null;
  severity: Severity | null;
  significant: Significance;
  personalDataBreach: boolean | null;
  personalData: PersonalDataInvolvement | null;
  reportedAt: string;
  discoveredAt: string | null;
  occurredAt: string | null;
  reporterName: string | null;
  unit: string | null;
  managerName: string | null;
  managerId: string | null;
  assetName: string | null;
  supplierName: string | null;
  clocks: LegalClock[];
  investigation: Incident['investigation'];
  closedAt: string | null;
  significanceRationale: string | null;
}

export type ClockState = 'running' | 'overdue' | 'sent' | 'sent_late' | 'not_required';

export interface ClockView extends LegalClock {
  state: ClockState;
  completedByName: string | null;
}

export interface TimelineEntry {
  at: string;
  action: string;
  actor: { id: string; name: string | null };
  summary: string;
}

export interface IncidentPageView {
  etag: string;
  incident: IncidentView;
  clocks: ClockView[];
  timeline: TimelineEntry[];
  permissions: { triage: boolean; markSent: boolean };
  reportable: ClockKind[];
}

export interface RecordChoice {
  id: string;
  code: string;
  name: string;
}

/** The report form's body: the bot's ReportInput. */
export interface IncidentReportInput {
  category: IncidentCategory;
  title: string | null;
  description: string;
  occurredAt: string | null;
  discoveredAt: string;
  assetId: string | null;
  supplierId: string | null;
  personalData: PersonalDataInvolvement;
}

export interface IncidentTriageInput {
  severity: Severity;
  personalDataBreach: boolean;
  significant: Significance;
  rationale: string | null;
  imyNotRequiredRationale: string | null;
}

export interface ReportCreated {
  id: string;
  caseNumber: string;
  created: boolean;
}

// ── suppliers ────────────────────────────────────────────────────────────

export type DpaExpiry = 'expired' | 'soon' | 'ok' | null;

export interface SystemRef {
  id: string;
  code: string;
  name: string;
}

export interface SupplierNode {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  services: string;
  processesPersonalData: boolean;
  dpaStatus: DpaStatus;
  dpaExpiresAt: string | null;
  dpaExpiry: DpaExpiry;
  systems: SystemRef[];
  checklist: { done: number; total: number };
  depth: number;
  archived: boolean;
  children: SupplierNode[];
}

export interface SupplierTree {
  roots: SupplierNode[];
  total: number;
  canEditChecklist: boolean;
}

export interface ChecklistPoint {
  key: string;
  done: boolean;
  note: string | null;
}

export interface SupplierView {
  id: string;
  etag: string;
  code: string;
  name: string;
  orgNumber: string | null;
  parent: SystemRef | null;
  subSuppliers: SystemRef[];
  services: string;
  processesPersonalData: boolean;
  dpaStatus: DpaStatus;
  dpaSignedAt: string | null;
  dpaExpiresAt: string | null;
  dpaExpiry: DpaExpiry;
  dpaInstructionAttached: boolean;
  dpaSubprocessorListAttached: boolean;
  contractOwner: { id: string; name: string | null } | null;
  contractEndsAt: string | null;
  thirdCountry: string | null;
  thirdCountrySafeguard: string | null;
  lastFollowUpAt: string | null;
  nextFollowUpAt: string | null;
  systems: SystemRef[];
  checklist: ChecklistPoint[];
  canEditChecklist: boolean;
}

export const SUPPLIER_CHECKLIST_KEYS = ['classification', 'dpa', 'subprocessors', 'third_country', 'access_control', 'encryption', 'logging', 'incident_reporting', 'backup', 'exit'] as const;

/** The choices of the incident filters and forms (checked equal to core/domain by the contract test). */
export const INCIDENT_STATUSES = ['reported', 'triaged', 'investigating', 'closed'] as const;
export const INCIDENT_CATEGORIES = ['phishing', 'misdirected', 'lost_card_or_keys', 'paper_documents', 'unauthorised_access', 'malware', 'supplier', 'other'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const SIGNIFICANCE = ['undecided', 'yes', 'no'] as const;
export const DATA_CATEGORIES = ['identity', 'contact', 'health', 'social', 'economy', 'children', 'offences', 'staff'] as const;

// ── data protection ──────────────────────────────────────────────────────

export type ProcessingSortField = 'code' | 'name' | 'unit';

export interface DpiaSummary {
  id: string;
  code: string;
  status: 'draft' | 'in_review' | 'completed';
  detail: {
    title: string;
    riskLevel: 'low' | 'medium' | 'high' | null;
    dsoConsultedAt: string | null;
    dsoOpinion: string | null;
    conclusion: string | null;
    decidedBy: { id: string; name: string | null } | null;
    decidedAt: string | null;
    nextReviewAt: string | null;
  } | null;
}

export interface ProcessingRow {
  id: string;
  code: string;
  name: string;
  unit: string;
  owner: { id: string; name: string | null };
  legalBasis: string;
  specialCategories: boolean;
  thirdCountry: boolean;
  dpiaRequired: boolean;
  dpias: DpiaSummary[];
}

export interface ProcessingPage {
  items: ProcessingRow[];
  cursor: string | null;
  sort: ProcessingSortField;
  direction: 'asc' | 'desc';
}

export interface ProcessingView extends ProcessingRow {
  purpose: string;
  controllerName: string;
  dpoContact: string;
  dataSubjectCategories: string[];
  personalDataCategories: string[];
  recipients: string[];
  thirdCountryTransfers: { country: string; safeguard: string }[];
  retention: string;
  securityMeasures: string;
  assets: { id: string; code: string; name: string }[];
  suppliers: { id: string; code: string; name: string }[];
  updatedAt: string;
}

// ── improvement actions ──────────────────────────────────────────────────

export const IMPROVEMENT_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const IMPROVEMENT_SOURCES = ['management_review', 'incident', 'audit', 'risk', 'other'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];
export type ImprovementSource = (typeof IMPROVEMENT_SOURCES)[number];

export interface ImprovementRow {
  id: string;
  etag: string;
  title: string;
  description: string | null;
  owner: { id: string; name: string | null };
  dueAt: string;
  status: ImprovementStatus;
  source: ImprovementSource;
  sourceRef: string | null;
  completedAt: string | null;
  overdue: boolean;
  canEdit: boolean;
  canUpdateStatus: boolean;
}

export interface ImprovementPage {
  items: ImprovementRow[];
  cursor: string | null;
  direction: 'asc' | 'desc';
  canCreate: boolean;
}

export interface ImprovementInput {
  title: string;
  description: string | null;
  ownerId: string;
  dueAt: string;
  status: ImprovementStatus;
  source: ImprovementSource;
  sourceRef: string | null;
}

// ── training ─────────────────────────────────────────────────────────────

export interface TrainingCell {
  required: boolean;
  completedAt: string | null;
  valid: boolean;
}

export interface TrainingPersonRow {
  id: string;
  name: string;
  unit: string | null;
  management: boolean;
  courses: Record<string, TrainingCell>;
  complete: boolean;
}

export interface TrainingUnitRow {
  unit: string;
  people: number;
  required: number;
  completed: number;
}

export interface TrainingOverview {
  courses: { code: string; name: string; audience: 'all' | 'management'; validityMonths: number | null }[];
  units: TrainingUnitRow[];
  unit: string | null;
  people: TrainingPersonRow[];
  peopleVisible: boolean;
  canImport: boolean;
}

export interface TrainingImportReport {
  ok: boolean;
  lines: number;
  imported: number;
  alreadyRecorded: number;
  skipped: { line: number; messageKey: string; params: Record<string, string | number> }[];
  errors: { line: number; messageKey: string; params: Record<string, string | number> }[];
}

/** `POST /trainings/import`: the report, and each issue as a person reads it. 422 when nothing was saved. */
export interface TrainingImportResult {
  report: TrainingImportReport;
  skipped: { line: number; text: string }[];
  errors: { line: number; text: string }[];
}

// ── access (read-only) ───────────────────────────────────────────────────

type Ref = { id: string; name: string | null };
type AssetRef = { id: string; code: string; name: string } | null;

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'denied', 'in_progress', 'done', 'cancelled'] as const;
export const ACCESS_GRANT_STATUSES = ['active', 'removed', 'expired'] as const;

export interface AccessRequestRow {
  id: string;
  kind: AccessRequestKind;
  status: (typeof ACCESS_REQUEST_STATUSES)[number];
  subject: Ref;
  requester: Ref;
  asset: AssetRef;
  role: string;
  validUntil: string | null;
  requestedAt: string;
  decidedBy: Ref | null;
  decidedAt: string | null;
  completedAt: string | null;
}

export interface AccessGrantRow {
  id: string;
  subject: Ref;
  asset: AssetRef;
  role: string;
  status: (typeof ACCESS_GRANT_STATUSES)[number];
  grantedAt: string;
  validUntil: string | null;
  lastReview: { decision: 'keep' | 'remove'; decidedAt: string } | null;
}

export interface AccessReviewRow {
  id: string;
  asset: AssetRef;
  owner: Ref;
  status: 'open' | 'completed';
  dueAt: string;
  total: number;
  kept: number;
  removed: number;
  completedAt: string | null;
}

export interface AccessCampaignRow {
  id: string;
  name: string;
  period: string;
  status: 'running' | 'completed';
  startedAt: string;
  dueAt: string;
  completedAt: string | null;
  reviews: AccessReviewRow[];
  hiddenReviews: number;
}

export interface Paged<T> {
  items: T[];
  cursor: string | null;
  scope: 'all' | 'entitled';
}

// ── ambassador network ───────────────────────────────────────────────────

export interface MeetingRow {
  id: string;
  title: string;
  theme: string;
  startsAt: string;
  materialUrl: string | null;
  state: 'upcoming' | 'held' | 'cancelled';
  attendees: number;
  units: string[];
}

export interface UnitAttendanceRow {
  unit: string;
  ambassadors: number;
  attended: number;
}

export interface AmbassadorYear {
  year: number;
  meetings: MeetingRow[];
  held: number;
  units: UnitAttendanceRow[];
}
