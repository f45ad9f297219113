/**
 * Internal audits (internrevision, ISO 27001 9.2): planned and done audits with scope, auditor and
 * findings. A nonconformity gets a corrective action that becomes an improvement action, linked both
 * ways (the finding names the action; the action's `sourceRef` names the audit and the finding).
 *
 * Named InternalAudit (list `Audits`) so as not to be confused with the audit log (AuditEntry).
 */
import { z } from 'zod';
import { AUDIT_STATUSES, FINDING_KINDS } from './choices';
import { AadObjectId, CalendarDate, i18nKey, ItemId, Line, OptionalText, RecordCode, Text, UtcDateTime, WebUrl } from './common';

export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export type FindingKind = (typeof FINDING_KINDS)[number];

/** A finding's id within its audit: F1, F2, … (kept when others are removed). */
export const FindingId = z.string().regex(/^F[1-9]\d{0,2}$/);

export const AuditFinding = z
  .object({
    id: FindingId,
    kind: z.enum(FINDING_KINDS),
    /** The requirement it is about: an ISO 27001 clause or Annex A control (`9.2`, `A.5.15`), or a local instruction. */
    requirement: z.string().trim().max(100).nullable(),
    text: Text(4_000),
    /** For a nonconformity: what will be done about its cause (ISO 27001 10.2). */
    correctiveAction: OptionalText(2_000),
    actionOwnerId: AadObjectId.nullable(),
    actionDueAt: CalendarDate.nullable(),
    /** The improvement action created from the corrective action. */
    improvementActionId: ItemId.nullable(),
  })
  .superRefine((f, ctx) => {
    if (f.kind !== 'nonconformity' && (f.correctiveAction || f.improvementActionId)) {
      ctx.addIssue({ code: 'custom', path: ['correctiveAction'], message: i18nKey('audit.correctiveOnlyNonconformity') });
    }
    if (f.correctiveAction && (!f.actionOwnerId || !f.actionDueAt)) {
      ctx.addIssue({ code: 'custom', path: [f.actionOwnerId ? 'actionDueAt' : 'actionOwnerId'], message: i18nKey('audit.actionOwnerAndDue') });
    }
  });
export type AuditFinding = z.infer<typeof AuditFinding>;

export const InternalAudit = z
  .object({
    /** The administration's own id, e.g. REV-004. */
    code: RecordCode('audit.codeFormat'),
    title: Line(255),
    /** What is audited: processes, units, controls. */
    scope: Text(4_000),
    /** ISO 27001 clauses and Annex A controls in scope (`9.2`, `A.5.15`). */
    clauses: z.array(z.string().trim().min(1).max(20)).max(100),
    /** Units audited (their codes). */
    units: z.array(z.string().trim().min(1).max(50)).max(50),
    /** The internal auditor who leads it; objective and impartial (9.2: not auditing their own work). */
    auditorId: AadObjectId,
    /** An external firm or auditor taking part, if any. */
    externalAuditor: z.string().trim().max(255).nullable(),
    plannedAt: CalendarDate,
    performedAt: CalendarDate.nullable(),
    status: z.enum(AUDIT_STATUSES),
    conclusion: OptionalText(10_000),
    reportUrl: WebUrl.nullable(),
    findings: z.array(AuditFinding).max(100),
    createdBy: AadObjectId,
    updatedAt: UtcDateTime,
    lastReminderAt: UtcDateTime.nullable(),
    /** Archived: no longer in use, kept as evidence until its retention ends (retention.ts). */
    archived: z.boolean(),
    archivedAt: UtcDateTime.nullable(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'completed' && !v.performedAt) ctx.addIssue({ code: 'custom', path: ['performedAt'], message: i18nKey('audit.performedAtRequired') });
    if (v.status === 'completed' && !v.conclusion) ctx.addIssue({ code: 'custom', path: ['conclusion'], message: i18nKey('audit.conclusionRequired') });
    const ids = v.findings.map((f) => f.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['findings'], message: i18nKey('audit.findingIdsUnique') });
  });
export type InternalAudit = z.infer<typeof InternalAudit>;

/** A nonconformity whose corrective action is complete enough to become an improvement action. */
export const needsImprovementAction = (f: AuditFinding) => f.kind === 'nonconformity' && Boolean(f.correctiveAction && f.actionOwnerId && f.actionDueAt) && !f.improvementActionId;

/** `Audits/12#F2`: what an improvement action created from a finding names as its source. */
export const findingRef = (auditId: string, findingId: string) => `Audits/${auditId}#${findingId}`;
