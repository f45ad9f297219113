/**
 * Incidenter: the register of what the actor may see, one incident's page with its legal clocks and
 * timeline, the report form (the same input the bot's wizard sends), triage and marking a report
 * as sent.
 */
import { z } from 'zod';
import {
  ClockKind,
  IncidentCategory,
  IncidentStatus,
  Investigation,
  ItemId,
  LegalClock,
  PersonalDataInvolvement,
  Severity,
  Significance,
  Text,
  UtcDateTime,
} from '../domain';
import { CursorParam, Direction, Instant, NextCursor, PageSize, RecordRef, Scope, type Routes } from './common';

/** `GET /incidents`: filters on indexed columns, newest first unless asked otherwise. */
export const IncidentListQuery = z.object({
  status: IncidentStatus.optional(),
  category: IncidentCategory.optional(),
  direction: Direction.default('desc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type IncidentListQuery = z.input<typeof IncidentListQuery>;

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

/** ISAM's or the IT security officer's triage (`POST /incidents/:id/triage`, and the triage card). */
export const IncidentTriageInput = z.object({
  severity: Severity,
  personalDataBreach: z.boolean(),
  significant: Significance,
  rationale: z.string().trim().max(4_000).nullable(),
  /** GDPR art. 33: a breach that is unlikely to result in a risk need not be notified — with reasons. */
  imyNotRequiredRationale: z.string().trim().max(4_000).nullable(),
});
export type IncidentTriageInput = z.infer<typeof IncidentTriageInput>;

/** `POST /incidents/:id/reports/:kind`: the authority's reference (MCF / IMY case number), if there is one. */
export const MarkSentInput = z.object({ reference: z.string().nullish() });
export type MarkSentInput = z.input<typeof MarkSentInput>;

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
  /** The earliest running clock, if any. */
  nextDue: z.strictObject({ kind: ClockKind, dueAt: Instant, overdue: z.boolean() }).nullable(),
});
export type IncidentRow = z.infer<typeof IncidentRow>;

export const IncidentPage = z.strictObject({ items: z.array(IncidentRow), cursor: NextCursor, direction: Direction, scope: Scope });
export type IncidentPage = z.infer<typeof IncidentPage>;

const Clock = z.strictObject(LegalClock.shape);

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
});
export type IncidentView = z.infer<typeof IncidentView>;

export const ClockState = z.enum(['running', 'overdue', 'sent', 'sent_late', 'not_required']);
export type ClockState = z.infer<typeof ClockState>;

/** A legal clock on the incident page: how it stands now, and who stopped it. */
export const ClockView = Clock.extend({ state: ClockState, completedByName: z.string().nullable() });
export type ClockView = z.infer<typeof ClockView>;

/** An entry of the audit log about the incident. */
export const TimelineEntry = z.strictObject({
  at: Instant,
  action: z.string(),
  /** `id` is `system` for what the app did by itself (then `name` is null). */
  actor: z.strictObject({ id: z.string(), name: z.string().nullable() }),
  summary: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** `GET /incidents/:id`: the incident, its clocks and timeline, and what the actor may do. */
export const IncidentPageView = z.strictObject({
  etag: z.string(),
  incident: IncidentView,
  clocks: z.array(ClockView),
  timeline: z.array(TimelineEntry),
  permissions: z.strictObject({ triage: z.boolean(), markSent: z.boolean() }),
  /** Reports that may be marked as sent now (running clocks; a situation report while the final report runs). */
  reportable: z.array(ClockKind),
});
export type IncidentPageView = z.infer<typeof IncidentPageView>;

/** An asset or supplier the report form offers. */
export const RecordChoice = RecordRef;
export type RecordChoice = RecordRef;

/** `GET /incidents/form-options`: every asset and supplier by id, as the bot's wizard offers them. */
export const IncidentFormOptions = z.strictObject({ assets: z.array(RecordChoice), suppliers: z.array(RecordChoice) });
export type IncidentFormOptions = z.infer<typeof IncidentFormOptions>;

export const INCIDENT_ROUTES = {
  'GET /incidents': { query: IncidentListQuery, response: IncidentPage },
  'GET /incidents/form-options': { response: IncidentFormOptions },
  'POST /incidents': { body: IncidentReportInput, response: ReportCreated },
  'GET /incidents/:id': { response: IncidentPageView },
  'POST /incidents/:id/triage': { body: IncidentTriageInput, response: IncidentPageView },
  'POST /incidents/:id/reports/:kind': { body: MarkSentInput, response: IncidentPageView },
} satisfies Routes;
