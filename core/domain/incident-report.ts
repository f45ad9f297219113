/**
 * The texts of an incident's reports to the authorities (MCF, IMY), the message to the people
 * concerned (GDPR art. 34) and the art. 33(5) documentation: drafted from the incident, edited by
 * ISAM or the DSO, and — once recorded as sent — kept unchanged as evidence of what was sent.
 */
import { z } from 'zod';
import { REPORT_LANGUAGES } from './choices';
import { AadObjectId, ItemId, Line, UtcDateTime, i18nKey } from './common';
import { LEGAL_KINDS, type LegalKind } from './incident';

export const REPORT_KINDS = LEGAL_KINDS as readonly LegalKind[];
export const ReportKind = z.enum(LEGAL_KINDS as unknown as [LegalKind, ...LegalKind[]]);
export type ReportKind = z.infer<typeof ReportKind>;

/** draft = being written; sent = what was sent (or recorded, for the documentation), never edited again. */
export const REPORT_STATUSES = ['draft', 'sent'] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);

export const ReportLanguage = z.enum(REPORT_LANGUAGES);
export type ReportLanguage = z.infer<typeof ReportLanguage>;

/** Most a report's sections may hold together: a SharePoint multi-line text column holds 63 999 characters. */
export const REPORT_MAX_CHARS = 60_000;

export const ReportSection = z.object({
  /** Stable name of the section in its kind of report (`description`, `timeline`…). */
  key: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/),
  heading: Line(200),
  /** Plain text. "Label: value" lines make a table in the document, "- " lines a list. */
  text: z.string().max(12_000),
});
export type ReportSection = z.infer<typeof ReportSection>;

export const IncidentReport = z
  .object({
    incidentId: ItemId,
    kind: ReportKind,
    /** The clock the report answers (`cs_intermediate_report:2` for the second intermediate report). */
    clockKey: z.string().max(40).regex(/^[a-z_]+(:\d{1,3})?$/),
    status: ReportStatus,
    language: ReportLanguage,
    title: Line(255),
    /** Who it goes to: the authority, or the city's central function that passes it on. */
    recipient: Line(255),
    sections: z.array(ReportSection).min(1).max(30),
    /** When the text was drafted from the incident (a regenerated draft gets a new time). */
    generatedAt: UtcDateTime,
    updatedAt: UtcDateTime,
    updatedBy: AadObjectId,
    sentAt: UtcDateTime.nullable(),
    sentBy: AadObjectId.nullable(),
    reference: z.string().trim().max(200).nullable(),
  })
  .superRefine((v, ctx) => {
    const total = v.sections.reduce((n, s) => n + s.heading.length + s.text.length, 0);
    if (total > REPORT_MAX_CHARS) ctx.addIssue({ code: 'custom', path: ['sections'], message: i18nKey('incident.report.tooLong') });
    if (v.status === 'sent' && !v.sentAt) ctx.addIssue({ code: 'custom', path: ['sentAt'], message: i18nKey('incident.closedWithoutDate') });
  });
export type IncidentReport = z.infer<typeof IncidentReport>;
