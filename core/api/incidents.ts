/**
 * Incidenter: the register of what the actor may see, one incident's page — its obligations, the
 * assessments, one timeline in words, its reports and what the actor may do — the report form (the
 * same input the bot's wizard sends), and everything done on an incident: the assessment, the report
 * facts, the awareness time, a report sent and its correction, a decision that a report is not
 * needed, the authority's request for an intermediate report, the investigation, closing and
 * reopening; and a report's text (drafted, saved, sent) and its .docx.
 */
import { z } from 'zod';
import {
  Assessment,
  BreachNature,
  ClockKind,
  IncidentCategory,
  IncidentCause,
  IncidentFacts,
  IncidentStatus,
  Investigation,
  ItemId,
  LegalClockRecord,
  PersonalDataInvolvement,
  ReportKind,
  ReportLanguage,
  ReportSection,
  Severity,
  Significance,
  Text,
  Tristate,
  UtcDateTime,
} from '../domain';
import { CursorParam, Direction, Instant, NextCursor, PageSize, RecordRef, Scope, type Routes } from './common';

/** `GET /incidents`: filters on indexed columns, newest first unless asked otherwise. */
export const IncidentListQuery = z.object({
  status: IncidentStatus.optional(),
  category: IncidentCategory.optional(),
  /** Reported on or after this Stockholm day (the management review's links). */
  from: z.iso.date().optional(),
  /** Reported on or before this Stockholm day. */
  to: z.iso.date().optional(),
  direction: Direction.default('desc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type IncidentListQuery = z.input<typeof IncidentListQuery>;

/** Optional text: absent, null or blank all mean "none". */
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

// ── what the tab (and the bot) send ──────────────────────────────────────

/** A report, from the tab's form (`POST /incidents`) or the bot's wizard. */
export const IncidentReportInput = z.object({
  category: IncidentCategory,
  title: z.string().trim().max(255).nullable(),
  description: Text(10_000),
  occurredAt: UtcDateTime.nullable(),
  discoveredAt: UtcDateTime,
  assetId: ItemId.nullable(),
  supplierId: ItemId.nullable(),
  personalData: PersonalDataInvolvement,
});
export type IncidentReportInput = z.infer<typeof IncidentReportInput>;

/**
 * The assessment (`POST /incidents/:id/triage`, and the triage card): triage, or a reassessment —
 * which needs a `reason`. The facts the card asks for at the same time change only when sent.
 */
export const IncidentTriageInput = z.object({
  severity: Severity,
  personalDataBreach: z.boolean(),
  significant: Significance,
  rationale: OptionalText(4_000),
  /** GDPR art. 33: a breach that is unlikely to result in a risk need not be notified — with reasons. */
  imyNotRequiredRationale: OptionalText(4_000),
  /** Why an earlier assessment changes: required on a reassessment. */
  reason: OptionalText(2_000).optional(),
  cause: IncidentCause.nullable().optional(),
  suspectedMalicious: Tristate.optional(),
  crossBorder: Tristate.optional(),
  restrictedHours: z.number().min(0).max(100_000).nullable().optional(),
  manualWorkaroundHours: z.number().min(0).max(100_000).nullable().optional(),
});
export type IncidentTriageInput = z.input<typeof IncidentTriageInput>;

/** `POST /incidents/:id/facts`: the facts the reports are drafted from; only the fields sent change. */
export const FactsInput = z
  .object({
    cause: IncidentCause.nullable(),
    causeDescription: OptionalText(4_000),
    suspectedMalicious: Tristate,
    crossBorder: Tristate,
    restrictedHours: z.number().min(0).max(100_000).nullable(),
    manualWorkaroundHours: z.number().min(0).max(100_000).nullable(),
    impact: OptionalText(4_000),
    indicators: OptionalText(4_000),
    mitigation: OptionalText(4_000),
    breachNature: z.array(BreachNature).max(3),
    approxRecords: z.number().int().min(0).max(1_000_000_000).nullable(),
    consequences: OptionalText(4_000),
  })
  .partial();
export type FactsInput = z.input<typeof FactsInput>;

/** `POST /incidents/:id/reports/:key`: when the report actually went, the authority's reference, the reasons if late. */
export const SentInput = z.object({
  sentAt: UtcDateTime,
  reference: OptionalText(200),
  lateReason: OptionalText(4_000),
});
export type SentInput = z.input<typeof SentInput>;

/** `POST /incidents/:id/reports/:key/correction`: the same, with why it is corrected. */
export const CorrectionInput = SentInput.extend({ reason: z.string().trim().min(1).max(2_000) });
export type CorrectionInput = z.input<typeof CorrectionInput>;

/** `POST /incidents/:id/reports/:key/not-required`: a formal decision, with its rationale. */
export const NotRequiredInput = z.object({ rationale: z.string().trim().min(1).max(4_000) });
export type NotRequiredInput = z.input<typeof NotRequiredInput>;

/** `POST /incidents/:id/intermediate-requests`: MCF asks for an intermediate report by a date. */
export const IntermediateRequestInput = z.object({
  requestedAt: UtcDateTime,
  dueAt: UtcDateTime,
  reference: OptionalText(200),
});
export type IntermediateRequestInput = z.input<typeof IntermediateRequestInput>;

/** `POST /incidents/:id/awareness`: when the organisation became aware, and why it changes (ISAM). */
export const AwarenessInput = z.object({ awareAt: UtcDateTime, reason: z.string().trim().min(1).max(2_000) });
export type AwarenessInput = z.input<typeof AwarenessInput>;

/** `POST /incidents/:id/investigation`: the line manager's findings and actions. */
export const InvestigationInput = z.object({ findings: Text(10_000), actions: Text(10_000) });
export type InvestigationInput = z.input<typeof InvestigationInput>;

/** `POST /incidents/:id/reopen` (ISAM, with a reason). */
export const ReopenInput = z.object({ reason: z.string() });

/** `PUT /incidents/:id/reports/:key/draft`: the report's text as edited. */
export const DraftInput = z.object({
  language: ReportLanguage,
  sections: z.array(ReportSection).min(1).max(30),
});
export type DraftInput = z.input<typeof DraftInput>;

/** `GET /incidents/:id/reports/:key/draft` and `…/document.docx`: another language, or a fresh draft. */
export const DraftQuery = z.object({ language: ReportLanguage.optional(), fresh: z.enum(['1', 'true']).optional() });

// ── what the server answers ──────────────────────────────────────────────

/** `POST /incidents`: the new incident (201), or the one this Idempotency-Key made before (200). */
export const ReportCreated = z.strictObject({ id: z.string(), caseNumber: z.string(), created: z.boolean() });
export type ReportCreated = z.infer<typeof ReportCreated>;

/** One row of the register. */
export const IncidentRow = z.strictObject({
  id: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  category: IncidentCategory,
  status: IncidentStatus,
  severity: Severity.nullable(),
  significant: Significance,
  personalData: z.boolean(),
  reportedAt: Instant,
  unit: z.string().nullable(),
  /** The earliest running clock, if any; provisional while nobody has assessed the incident. */
  nextDue: z.strictObject({ kind: ClockKind, dueAt: Instant, overdue: z.boolean(), provisional: z.boolean() }).nullable(),
  /** Legal obligations still open — also on closed incidents, which keep showing them. */
  openObligations: z.number().int().min(0),
});
export type IncidentRow = z.infer<typeof IncidentRow>;

export const IncidentPage = z.strictObject({ items: z.array(IncidentRow), cursor: NextCursor, direction: Direction, scope: Scope });
export type IncidentPage = z.infer<typeof IncidentPage>;

const Clock = z.strictObject(LegalClockRecord.shape);

/** What cards and the tab show of an incident. Names are resolved once, when the view is built. */
export const IncidentView = z.strictObject({
  id: z.string(),
  caseNumber: z.string(),
  /** False for channel copies of incidents involving protected identity: no details at all. */
  detailed: z.boolean(),
  status: IncidentStatus,
  category: IncidentCategory.nullable(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  severity: Severity.nullable(),
  significant: Significance,
  personalDataBreach: z.boolean().nullable(),
  personalData: PersonalDataInvolvement.nullable(),
  reportedAt: Instant,
  discoveredAt: Instant.nullable(),
  /** When the organisation became aware: the legal clocks count from here. */
  awareAt: Instant.nullable(),
  occurredAt: Instant.nullable(),
  reporterName: z.string().nullable(),
  unit: z.string().nullable(),
  managerName: z.string().nullable(),
  managerId: z.string().nullable(),
  assetName: z.string().nullable(),
  supplierName: z.string().nullable(),
  clocks: z.array(Clock),
  investigation: z.strictObject(Investigation.shape).nullable(),
  closedAt: Instant.nullable(),
  significanceRationale: z.string().nullable(),
  /** The report facts (cause, impact, measures…); null in restricted copies. */
  facts: z.strictObject(IncidentFacts.shape).nullable(),
  /** Nothing decided yet: the clocks run provisionally. */
  undecided: z.boolean(),
});
export type IncidentView = z.infer<typeof IncidentView>;

/**
 * running/overdue: open; provisional: open while nobody has decided; waiting: the final report a
 * month after the incident is handled; sent/sent_late: done; not_required: stopped by the
 * assessment; decided: stopped by a formal decision with rationale.
 */
export const ClockState = z.enum(['provisional', 'running', 'overdue', 'waiting', 'sent', 'sent_late', 'not_required', 'decided']);
export type ClockState = z.infer<typeof ClockState>;

/** An obligation on the incident page: how it stands now, who recorded it, and what the actor may do with it. */
export const ClockView = Clock.extend({
  state: ClockState,
  /** Open and past its due time (provisional ones too). */
  overdue: z.boolean(),
  completedByName: z.string().nullable(),
  legal: z.boolean(),
  /** A late IMY notification without its reasons (art. 33(1)). */
  missingLateReason: z.boolean(),
  can: z.strictObject({ record: z.boolean(), waive: z.boolean(), correct: z.boolean(), draft: z.boolean() }),
});
export type ClockView = z.infer<typeof ClockView>;

/** An assessment with the name of who made it. */
export const AssessmentView = z.strictObject({ ...Assessment.shape, byName: z.string().nullable() });
export type AssessmentView = z.infer<typeof AssessmentView>;

/** What happened, in words: from the audit log and the record. */
export const TimelineEntry = z.strictObject({
  at: Instant,
  /** What happened as a code (`incident.report_sent`, `deadline`…): for styling, never shown. */
  event: z.string(),
  /** What happened, in the reader's language. */
  text: z.string(),
  /** Who did it; null for what no person did (a deadline passing, the time of discovery). */
  actor: z.strictObject({ id: z.string(), name: z.string().nullable() }).nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** A report the incident has or may have now, and its draft or sent text if any. */
export const ReportSlot = z.strictObject({
  key: z.string(),
  kind: ReportKind,
  draft: z.strictObject({ id: z.string(), updatedAt: Instant, status: z.enum(['draft', 'sent']) }).nullable(),
});
export type ReportSlot = z.infer<typeof ReportSlot>;

/** A threshold hint for the assessment: it suggests, never decides. */
export const SignificanceHintView = z.discriminatedUnion('key', [
  z.strictObject({ key: z.literal('restricted'), hours: z.number(), threshold: z.number() }),
  z.strictObject({ key: z.literal('manual'), hours: z.number(), threshold: z.number() }),
  z.strictObject({ key: z.literal('protectedPeople'), people: z.number(), threshold: z.number() }),
  z.strictObject({ key: z.literal('sameCause'), count: z.number(), months: z.number(), cases: z.array(z.string()) }),
  z.strictObject({ key: z.literal('causeUnknown'), months: z.number() }),
]);

/** `GET /incidents/:id` (and the answer of every action on it). */
export const IncidentPageView = z.strictObject({
  etag: z.string(),
  incident: IncidentView,
  clocks: z.array(ClockView),
  assessments: z.array(AssessmentView),
  timeline: z.array(TimelineEntry),
  reports: z.array(ReportSlot),
  /** Legal obligations still open (keys), closed incident or not. */
  openObligations: z.array(z.string()),
  permissions: z.strictObject({
    triage: z.boolean(),
    reassess: z.boolean(),
    markSent: z.boolean(),
    correctAwareness: z.boolean(),
    editFacts: z.boolean(),
    requestIntermediate: z.boolean(),
    investigate: z.boolean(),
    close: z.boolean(),
    reopen: z.boolean(),
  }),
  /** Reports the actor may record as sent now (open clocks; the next situation report while the final report runs). */
  reportable: z.array(z.string()),
  /** Threshold hints (ISAM and the IT security officer only). */
  hints: z.array(SignificanceHintView),
});
export type IncidentPageView = z.infer<typeof IncidentPageView>;

/** A report's text: the text that was sent, the saved draft, or a fresh draft from the incident. */
export const ReportDraftView = z.strictObject({
  incidentId: z.string(),
  caseNumber: z.string(),
  key: z.string(),
  kind: ReportKind,
  /** generated = drafted now, not saved; draft = saved and editable; sent = the text that was sent. */
  state: z.enum(['generated', 'draft', 'sent']),
  id: z.string().nullable(),
  etag: z.string().nullable(),
  language: ReportLanguage,
  title: z.string(),
  recipient: z.string(),
  sections: z.array(z.strictObject(ReportSection.shape)),
  generatedAt: Instant,
  updatedAt: Instant.nullable(),
  updatedByName: z.string().nullable(),
  sentAt: Instant.nullable(),
  reference: z.string().nullable(),
  /** Facts the incident does not tell yet (placeholders in the text), in the draft's language. */
  missing: z.array(z.string()),
  /** The central function the report goes through, when the city requires one. */
  routedVia: z.string().nullable(),
  /** The whole report as plain text, to copy into the authority's form or an e-mail. */
  text: z.string(),
  editable: z.boolean(),
  clock: z.strictObject({ dueAt: Instant, basis: LegalClockRecord.shape.basis, completedAt: Instant.nullable(), outcome: LegalClockRecord.shape.outcome }).nullable(),
});
export type ReportDraftView = z.infer<typeof ReportDraftView>;

/** An asset or supplier the report form offers. */
export const RecordChoice = RecordRef;
export type RecordChoice = RecordRef;

/** `GET /incidents/form-options`: every asset and supplier by id, as the bot's wizard offers them. */
export const IncidentFormOptions = z.strictObject({ assets: z.array(RecordChoice), suppliers: z.array(RecordChoice) });
export type IncidentFormOptions = z.infer<typeof IncidentFormOptions>;

/** A .docx file: the route answers bytes, not JSON (nothing to check). */
export const DocxFile = z.unknown();

export const INCIDENT_ROUTES = {
  'GET /incidents': { query: IncidentListQuery, response: IncidentPage },
  'GET /incidents/form-options': { response: IncidentFormOptions },
  'POST /incidents': { body: IncidentReportInput, response: ReportCreated },
  'GET /incidents/:id': { response: IncidentPageView },
  'POST /incidents/:id/triage': { body: IncidentTriageInput, response: IncidentPageView },
  'POST /incidents/:id/facts': { body: FactsInput, response: IncidentPageView },
  'POST /incidents/:id/awareness': { body: AwarenessInput, response: IncidentPageView },
  'POST /incidents/:id/intermediate-requests': { body: IntermediateRequestInput, response: IncidentPageView },
  'POST /incidents/:id/reports/:key': { body: SentInput, response: IncidentPageView },
  'POST /incidents/:id/reports/:key/correction': { body: CorrectionInput, response: IncidentPageView },
  'POST /incidents/:id/reports/:key/not-required': { body: NotRequiredInput, response: IncidentPageView },
  'POST /incidents/:id/investigation': { body: InvestigationInput, response: IncidentPageView },
  'POST /incidents/:id/close': { response: IncidentPageView },
  'POST /incidents/:id/reopen': { body: ReopenInput, response: IncidentPageView },
  'GET /incidents/:id/reports/:key/draft': { query: DraftQuery, response: ReportDraftView },
  'PUT /incidents/:id/reports/:key/draft': { body: DraftInput, response: ReportDraftView },
  'GET /incidents/:id/reports/:key/document.docx': { query: DraftQuery, response: DocxFile },
} satisfies Routes;
