/**
 * Internrevision: the audit programme (ISO 27001 9.2) — planned and done audits with scope, auditor,
 * findings, and nonconformities whose corrective actions become improvement actions.
 */
import { z } from 'zod';
import { AUDIT_SORT_FIELDS } from './choices';
import { AUDIT_STATUSES, AuditFinding, FINDING_KINDS, InternalAudit } from '../domain';
import { Count, CursorParam, Day, Direction, Instant, NextCursor, PageSize, PersonRef, type Routes } from './common';
import { ArchivedFilter, ArchiveInput, HistoryPage, HistoryQuery, Removed, RetentionInfo, XlsxFile } from './registers';

export const AuditStatusValue = z.enum(AUDIT_STATUSES);
export const FindingKindValue = z.enum(FINDING_KINDS);

/** `GET /audits`: the programme, newest planned first by default. */
export const AuditListQuery = z.object({
  search: z.string().trim().max(100).optional(),
  status: AuditStatusValue.optional(),
  auditorId: z.guid().optional(),
  /** Audits planned in this calendar year. */
  year: z.coerce.number<string | number>().int().min(2000).max(2100).optional(),
  archived: ArchivedFilter.default('active'),
  sort: z.enum(AUDIT_SORT_FIELDS).default('plannedAt'),
  direction: Direction.default('desc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type AuditListQuery = z.input<typeof AuditListQuery>;

export const AuditRow = z.strictObject({
  id: z.string(),
  etag: z.string(),
  code: z.string(),
  title: z.string(),
  status: AuditStatusValue,
  auditor: PersonRef,
  externalAuditor: z.string().nullable(),
  units: z.array(z.string()),
  plannedAt: Day,
  performedAt: Day.nullable(),
  findings: z.strictObject({ nonconformities: Count, observations: Count, opportunities: Count, openActions: Count }),
  archived: z.boolean(),
  canEdit: z.boolean(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditPage = z.strictObject({ items: z.array(AuditRow), cursor: NextCursor, canCreate: z.boolean(), scope: z.enum(['all', 'own']) });
export type AuditPage = z.infer<typeof AuditPage>;

/** A finding as the audit page shows it, with its improvement action as it stands. */
export const FindingView = z.strictObject({
  id: z.string(),
  kind: FindingKindValue,
  requirement: z.string().nullable(),
  text: z.string(),
  correctiveAction: z.string().nullable(),
  actionOwner: PersonRef.nullable(),
  actionDueAt: Day.nullable(),
  improvementAction: z.strictObject({ id: z.string(), title: z.string(), status: z.string(), dueAt: Day }).nullable(),
});
export type FindingView = z.infer<typeof FindingView>;

export const AuditView = AuditRow.omit({ findings: true }).extend({
  scope: z.string(),
  clauses: z.array(z.string()),
  conclusion: z.string().nullable(),
  reportUrl: z.string().nullable(),
  findings: z.array(FindingView),
  summary: z.strictObject({ nonconformities: Count, observations: Count, opportunities: Count, openActions: Count }),
  createdBy: PersonRef,
  updatedAt: Instant,
  /** ISAM plans and changes the audit; the auditor records findings and the conclusion. */
  canPlan: z.boolean(),
  canArchive: z.boolean(),
  archive: RetentionInfo,
  history: HistoryPage,
});
export type AuditView = z.infer<typeof AuditView>;

const shape = InternalAudit.shape;

/** A finding as a form sends it: a new one has no id (it gets the next F-number) and no improvement action. */
export const FindingInput = z.strictObject({
  id: AuditFinding.shape.id.optional(),
  kind: AuditFinding.shape.kind,
  requirement: AuditFinding.shape.requirement.optional(),
  text: AuditFinding.shape.text,
  correctiveAction: AuditFinding.shape.correctiveAction.optional(),
  actionOwnerId: AuditFinding.shape.actionOwnerId.optional(),
  actionDueAt: AuditFinding.shape.actionDueAt.optional(),
});
export type FindingInput = z.input<typeof FindingInput>;

export const AuditInput = z.strictObject({
  code: shape.code,
  title: shape.title,
  scope: shape.scope,
  clauses: shape.clauses,
  units: shape.units,
  auditorId: shape.auditorId,
  externalAuditor: shape.externalAuditor,
  plannedAt: shape.plannedAt,
  performedAt: shape.performedAt,
  status: shape.status,
  conclusion: shape.conclusion,
  reportUrl: shape.reportUrl,
  /** The whole list of findings, replacing the stored one (ids keep their improvement actions). */
  findings: z.array(FindingInput).max(100),
});
/** `POST /audits` (Idempotency-Key): ISAM plans an audit; `code` defaults to the next REV-nnn. */
export const AuditCreateInput = AuditInput.partial({ code: true, clauses: true, units: true, externalAuditor: true, performedAt: true, status: true, conclusion: true, reportUrl: true, findings: true });
export type AuditCreateInput = z.input<typeof AuditCreateInput>;
/** `PATCH /audits/:id` (If-Match). */
export const AuditPatchInput = AuditInput.partial();
export type AuditPatchInput = z.input<typeof AuditPatchInput>;

export const AUDIT_ROUTES = {
  'GET /audits': { query: AuditListQuery, response: AuditPage },
  'GET /audits/export.xlsx': { query: AuditListQuery, response: XlsxFile },
  'POST /audits': { body: AuditCreateInput, response: AuditView },
  'GET /audits/:id': { response: AuditView },
  'GET /audits/:id/history': { query: HistoryQuery, response: HistoryPage },
  'PATCH /audits/:id': { body: AuditPatchInput, response: AuditView },
  'POST /audits/:id/archive': { body: ArchiveInput, response: AuditView },
  'DELETE /audits/:id': { response: Removed },
} satisfies Routes;
