/**
 * The SharePoint list schema as code: one list per record type, one column per record field.
 *
 * Column names are the record's field names in PascalCase (`reportedAt` → `ReportedAt`); a record's
 * `title` uses SharePoint's built-in Title column. Every list also has `IdempotencyKey` (indexed,
 * unique): creates are idempotent because SharePoint itself refuses a second item with the same key.
 *
 * Type choices (docs/lists.md explains them):
 * - calendar dates are `date` = text `YYYY-MM-DD`, not dateOnly columns, which SharePoint stores as
 *   midnight in the site's time zone and Graph returns shifted to UTC;
 * - arrays and nested objects are `json` in a multi-line text column;
 * - every column a use case filters or sorts on is `indexed` (≤ 20 per list), because SharePoint
 *   refuses filters on other columns once a list passes 5 000 items.
 */
import {
  ACCESS_GRANT_STATUSES,
  ACCESS_REQUEST_KINDS,
  ACCESS_REQUEST_ORIGINS,
  ACCESS_REQUEST_STATUSES,
  CHANNEL_ROLES,
  DPA_STATUSES,
  IMPROVEMENT_SOURCES,
  INCIDENT_CATEGORIES,
  INCIDENT_STATUSES,
  OUTBOX_STATUSES,
  REMOVAL_REASONS,
  ROLE_KEYS,
  SEVERITIES,
  SIGNIFICANCE,
  type ListName,
  type RecordOf,
} from '../../domain';

export type ColumnType = 'text' | 'note' | 'number' | 'boolean' | 'dateTime' | 'date' | 'choice' | 'json';

export interface ColumnSpec {
  type: ColumnType;
  indexed?: boolean;
  choices?: readonly string[];
  /** Value of a json column when SharePoint has no value (arrays: []). */
  empty?: unknown;
}

export interface ColumnDef extends ColumnSpec {
  /** Record field name. */
  field: string;
  /** SharePoint column (internal) name. */
  column: string;
}

export interface ListDef {
  name: ListName;
  description: string;
  /** Title of an item for lists whose records have no `title` field (SharePoint's required Title). */
  titleOf?: (record: Record<string, unknown>) => string;
  columns: ColumnDef[];
}

export const KEY_COLUMN = 'IdempotencyKey';
/** SharePoint's limit of indexed columns per list. */
export const MAX_INDEXED_COLUMNS = 20;

const text = (o: Omit<ColumnSpec, 'type'> = {}): ColumnSpec => ({ type: 'text', ...o });
const note = (): ColumnSpec => ({ type: 'note' });
const num = (o: Omit<ColumnSpec, 'type'> = {}): ColumnSpec => ({ type: 'number', ...o });
const bool = (o: Omit<ColumnSpec, 'type'> = {}): ColumnSpec => ({ type: 'boolean', ...o });
const time = (o: Omit<ColumnSpec, 'type'> = {}): ColumnSpec => ({ type: 'dateTime', ...o });
const date = (o: Omit<ColumnSpec, 'type'> = {}): ColumnSpec => ({ type: 'date', ...o });
const choice = (choices: readonly string[], o: Omit<ColumnSpec, 'type' | 'choices'> = {}): ColumnSpec => ({ type: 'choice', choices, ...o });
const json = (empty: unknown = null): ColumnSpec => ({ type: 'json', empty });
const idx = { indexed: true } as const;

export const columnName = (field: string): string => (field === 'title' ? 'Title' : field.charAt(0).toUpperCase() + field.slice(1));

/** A column for every field of the record: the compiler checks that none is forgotten. */
type Columns<L extends ListName> = { [F in keyof RecordOf<L>]-?: ColumnSpec };

function list<L extends ListName>(name: L, description: string, columns: Columns<L>, titleOf?: (r: RecordOf<L>) => string): ListDef {
  return {
    name,
    description,
    ...(titleOf ? { titleOf: titleOf as (r: Record<string, unknown>) => string } : {}),
    columns: Object.entries(columns as Record<string, ColumnSpec>).map(([field, spec]) => ({ field, column: columnName(field), ...spec })),
  };
}

export const LISTS: readonly ListDef[] = [
  list('Incidents', 'Avvikelser: incidenter och andra händelser, triage, lagkrav och utredning', {
    title: text(),
    category: choice(INCIDENT_CATEGORIES, idx),
    description: note(),
    occurredAt: time(),
    discoveredAt: time(),
    reportedAt: time(idx),
    reporterId: text(idx),
    reporterUnit: text(idx),
    managerId: text(idx),
    assetId: text(idx),
    supplierId: text(idx),
    personalData: json(),
    status: choice(INCIDENT_STATUSES, idx),
    severity: choice(SEVERITIES),
    personalDataBreach: bool(),
    significant: choice(SIGNIFICANCE, idx),
    significanceRationale: note(),
    triagedBy: text(),
    triagedAt: time(),
    clocks: json([]),
    investigation: json(),
    closedBy: text(),
    closedAt: time(),
  }),
  list(
    'AccessRequests',
    'Behörighetsärenden: ny, ändring och avslut, beslutade av informationsägaren',
    {
      kind: choice(ACCESS_REQUEST_KINDS),
      subjectId: text(idx),
      requesterId: text(idx),
      assetId: text(idx),
      role: text(),
      justification: note(),
      validUntil: date(),
      grantId: text(idx),
      ownerId: text(idx),
      delegateId: text(idx),
      status: choice(ACCESS_REQUEST_STATUSES, idx),
      decidedBy: text(),
      decidedAt: time(),
      decisionComment: note(),
      takenBy: text(),
      takenAt: time(),
      completedBy: text(),
      completedAt: time(),
      requestedAt: time(idx),
      origin: choice(ACCESS_REQUEST_ORIGINS),
    },
    (r) => `${r.kind}: ${r.role}`,
  ),
  list(
    'AccessGrants',
    'Behörighetsregister: vem har vilken behörighet i vilket system',
    {
      subjectId: text(idx),
      assetId: text(idx),
      role: text(),
      status: choice(ACCESS_GRANT_STATUSES, idx),
      grantedAt: time(),
      validUntil: date(idx),
      requestId: text(idx),
      removedAt: time(),
      removedBy: text(),
      removalReason: choice(REMOVAL_REASONS),
      lastReview: json(),
    },
    (r) => r.role,
  ),
  list(
    'AccessReviews',
    'Behörighetsrevision: en informationsägares granskning av ett systems behörigheter',
    {
      campaignId: text(idx),
      campaignName: text(),
      assetId: text(idx),
      ownerId: text(idx),
      status: choice(['open', 'completed'], idx),
      startedAt: time(),
      dueAt: time(idx),
      total: num(),
      kept: num(),
      removed: num(),
      lastReminderAt: time(),
      completedAt: time(),
    },
    (r) => r.campaignName,
  ),
  list(
    'AccessCampaigns',
    'Behörighetsrevisioner: kampanjer två gånger per år',
    { name: text(), period: text(idx), status: choice(['running', 'completed'], idx), startedBy: text(), startedAt: time(), dueAt: time(idx), completedAt: time() },
    (r) => r.name,
  ),
  list(
    'Leavers',
    'Avslutade anställningar: alla behörigheter tas bort sista dagen',
    { personId: text(idx), lastDay: date(idx), recordedBy: text(), recordedAt: time(), processedAt: time(idx) },
    (r) => `Sista dag ${r.lastDay}`,
  ),
  list(
    'InformationAssets',
    'Informationstillgångar och deras klassning enligt KLASSA',
    {
      code: text(idx),
      name: text(idx),
      description: note(),
      information: note(),
      critical: bool(),
      ownerId: text(idx),
      delegateId: text(idx),
      contactId: text(),
      unit: text(idx),
      systemOwnerId: text(idx),
      confidentiality: num(),
      integrity: num(),
      availability: num(),
      traceability: num(),
      classifiedAt: date(),
      classifiedBy: text(),
      priority: num(idx),
      nextReviewAt: date(idx),
      supplierIds: json([]),
      notes: note(),
      updatedAt: time(),
    },
    (r) => `${r.code} ${r.name}`,
  ),
  list(
    'Suppliers',
    'Leverantörer och underbiträden, med personuppgiftsbiträdesavtal',
    {
      code: text(idx),
      name: text(idx),
      orgNumber: text(),
      parentId: text(idx),
      services: note(),
      processesPersonalData: bool(),
      dpaStatus: choice(DPA_STATUSES, idx),
      dpaSignedAt: date(),
      dpaExpiresAt: date(idx),
      dpaInstructionAttached: bool(),
      dpaSubprocessorListAttached: bool(),
      contractOwnerId: text(idx),
      contractEndsAt: date(),
      thirdCountry: text(),
      thirdCountrySafeguard: note(),
      lastFollowUpAt: date(),
      nextFollowUpAt: date(idx),
      securityChecklist: json([]),
    },
    (r) => `${r.code} ${r.name}`,
  ),
  list(
    'ProcessingActivities',
    'Registerförteckning (art. 30 GDPR)',
    {
      code: text(idx),
      name: text(idx),
      purpose: note(),
      legalBasis: note(),
      controllerName: text(),
      dpoContact: text(),
      dataSubjectCategories: json([]),
      personalDataCategories: json([]),
      specialCategories: bool(),
      recipients: json([]),
      thirdCountryTransfers: json([]),
      retention: note(),
      securityMeasures: note(),
      assetIds: json([]),
      supplierIds: json([]),
      ownerId: text(idx),
      unit: text(idx),
      dpiaRequired: bool(),
      updatedAt: time(),
    },
    (r) => `${r.code} ${r.name}`,
  ),
  list('ImpactAssessments', 'Konsekvensbedömningar (art. 35 GDPR)', {
    code: text(idx),
    processingActivityId: text(idx),
    title: text(),
    status: choice(['draft', 'in_review', 'completed'], idx),
    riskLevel: choice(['low', 'medium', 'high']),
    dsoConsultedAt: date(),
    dsoOpinion: note(),
    conclusion: note(),
    decidedBy: text(),
    decidedAt: date(),
    nextReviewAt: date(idx),
  }),
  list(
    'TrainingCourses',
    'Utbildningar: obligatoriska e-utbildningar och ledningens utbildning i cybersäkerhetslagen',
    { code: text(idx), name: text(), mandatory: bool(), audience: choice(['all', 'management'], idx), validityMonths: num() },
    (r) => `${r.code} ${r.name}`,
  ),
  list(
    'Trainings',
    'Genomförda utbildningar per person',
    {
      personId: text(idx),
      courseCode: text(idx),
      unit: text(idx),
      completedAt: date(idx),
      source: choice(['import', 'manual', 'seed']),
      recordedBy: text(),
      recordedAt: time(),
    },
    (r) => `${r.courseCode} ${r.completedAt}`,
  ),
  list('ImprovementActions', 'Förbättringsåtgärder', {
    title: text(),
    description: note(),
    ownerId: text(idx),
    dueAt: date(idx),
    status: choice(['open', 'in_progress', 'done', 'cancelled'], idx),
    source: choice(IMPROVEMENT_SOURCES, idx),
    sourceRef: text(idx),
    createdBy: text(),
    completedAt: time(),
  }),
  list('AmbassadorMeetings', 'Ambassadörsnätverkets årshjul', {
    title: text(),
    startsAt: time(idx),
    theme: note(),
    description: note(),
    materialUrl: note(),
    checklist: json([]),
    invitationSentAt: time(),
    followUpSentAt: time(),
    attendance: json([]),
    cancelledAt: time(),
  }),
  list('ManagementReviews', 'Ledningens genomgång', {
    year: num(idx),
    title: text(),
    status: choice(['draft', 'presented', 'decided', 'registered'], idx),
    inputs: json({}),
    summary: note(),
    decision: note(),
    decidedBy: text(),
    decidedAt: date(),
    registrationNumber: text(),
    actionIds: json([]),
    createdBy: text(),
    createdAt: time(),
  }),
  list('GoverningDocuments', 'Styrdokument: lokala instruktioner med ägare och översynsdatum', {
    title: text(),
    description: note(),
    url: note(),
    ownerId: text(idx),
    decidedAt: date(),
    reviewAt: date(idx),
    status: choice(['in_force', 'under_review', 'repealed'], idx),
    lastReminderAt: time(),
  }),
  list(
    'Roles',
    'Roller i LIS: vem är ISAM, DSO, administrativa enheten, chef, ambassadör …',
    { personId: text(idx), role: choice(ROLE_KEYS, idx), unit: text(idx), assignedBy: text(), assignedAt: time(), validTo: date(), active: bool(idx) },
    (r) => r.role,
  ),
  list(
    'Channels',
    'Teams-kanaler kopplade till rollers aviseringar',
    {
      role: choice(CHANNEL_ROLES, idx),
      tenantId: text(idx),
      conversationId: note(),
      serviceUrl: note(),
      teamId: note(),
      channelName: text(),
      linkedBy: text(),
      linkedAt: time(),
      active: bool(idx),
    },
    (r) => `${r.role}: ${r.channelName ?? ''}`.trim(),
  ),
  list(
    'Outbox',
    'Aviseringar som väntar på att skickas (utkorg)',
    {
      targetType: choice(['person', 'channel', 'conversation'], idx),
      targetId: text(idx),
      card: text(),
      payload: json({}),
      correlationKey: text(idx),
      status: choice(OUTBOX_STATUSES, idx),
      attempts: num(),
      nextAttemptAt: time(idx),
      lastError: note(),
      sentAt: time(),
      activityId: note(),
      conversationId: note(),
      claimedBy: text(),
      claimedUntil: time(),
      createdAt: time(idx),
    },
    (r) => `${r.card} → ${r.targetType}`,
  ),
  list(
    'Conversations',
    'Teams-konversationer som boten kan skriva i (konversationsreferenser)',
    {
      tenantId: text(idx),
      conversationId: text(idx),
      conversationType: choice(['personal', 'channel', 'groupChat'], idx),
      aadObjectId: text(idx),
      serviceUrl: note(),
      botId: text(),
      locale: text(),
      updatedAt: time(idx),
      staleSince: time(),
    },
    (r) => `${r.conversationType} ${r.aadObjectId ?? ''}`.trim(),
  ),
  list('Leases', 'Schemaläggarens lås: en serverinstans agerar per körning', { name: text(idx), holder: text(), until: time() }, (r) => r.name),
  list(
    'AuditLog',
    'Revisionslogg (endast tillägg): vem gjorde vad, när',
    { at: time(idx), actorId: text(idx), action: text(idx), target: text(idx), summary: note(), details: json({}), correlationId: text(idx) },
    (r) => r.action,
  ),
];

export const LIST_DEFS: ReadonlyMap<ListName, ListDef> = new Map(LISTS.map((l) => [l.name, l]));

export function listDef(name: ListName): ListDef {
  const def = LIST_DEFS.get(name);
  if (!def) throw new Error(`No list definition for ${name}`);
  return def;
}
