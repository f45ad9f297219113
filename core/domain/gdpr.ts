/**
 * GDPR records: the record of processing (art. 30), the screening of whether a processing needs an
 * impact assessment, and impact assessments (art. 35) with the DSO's written opinion (35.2) and
 * prior consultation of IMY (art. 36).
 */
import { z } from 'zod';
import { DPIA_CRITERIA, DPIA_RISK_LEVELS, DPIA_STATUSES } from './choices';
import { RecordCode, AadObjectId, CalendarDate, i18nKey, ItemId, ItemIdList, Line, OptionalText, Text, UtcDateTime } from './common';

const Terms = z.array(z.string().trim().min(1).max(200)).max(50);

export const ThirdCountryTransfer = z.object({ country: Line(100), safeguard: Line(500) });

/**
 * The criteria of the screening (EDPB, Guidelines on DPIA, WP248 rev.01, endorsed 25 May 2018,
 * section III.B.a; IMY's list under art. 35.4 builds on the same criteria). A processing that meets
 * two or more is likely to result in a high risk: an impact assessment is required.
 */
/** The criteria are DPIA_CRITERIA (choices.ts). */
export type DpiaCriterion = (typeof DPIA_CRITERIA)[number];

/** How many criteria make an impact assessment required (EDPB WP248: "in most cases … two criteria"). */
export const DPIA_REQUIRED_FROM = 2;

export const DpiaScreening = z.object({
  criteria: z.array(z.enum(DPIA_CRITERIA)).max(DPIA_CRITERIA.length),
  /** Why a criterion does or does not apply; required when exactly one criterion is met. */
  notes: OptionalText(4_000),
  screenedBy: AadObjectId,
  screenedAt: CalendarDate,
});
export type DpiaScreening = z.infer<typeof DpiaScreening>;

export type ScreeningOutcome = 'required' | 'consider' | 'not_required';

/** Two or more criteria: required; one: consider (and say why not in the notes); none: not required. */
export function screeningOutcome(criteria: readonly DpiaCriterion[]): ScreeningOutcome {
  const n = new Set(criteria).size;
  if (n >= DPIA_REQUIRED_FROM) return 'required';
  return n === 1 ? 'consider' : 'not_required';
}

export const ProcessingActivity = z
  .object({
    code: RecordCode(),
    name: Line(255),
    purpose: Text(4_000),
    legalBasis: Line(500),
    /** Controller and DPO contact as stated in the record (art. 30.1 a). */
    controllerName: Line(255),
    /** A joint controller or the controller's representative, where there is one (art. 30.1 a). */
    jointController: z.string().trim().max(500).nullable().default(null),
    dpoContact: Line(255),
    dataSubjectCategories: Terms,
    personalDataCategories: Terms,
    /** Special categories (art. 9) or data on offences (art. 10). */
    specialCategories: z.boolean(),
    recipients: Terms,
    thirdCountryTransfers: z.array(ThirdCountryTransfer).max(20),
    /** Erasure time limits (gallring). */
    retention: Text(2_000),
    securityMeasures: Text(4_000),
    assetIds: ItemIdList,
    supplierIds: ItemIdList,
    /** Personal-data breaches (Incidents) that concerned this processing. */
    incidentIds: ItemIdList.default([]),
    ownerId: AadObjectId,
    unit: Line(50),
    /** Set from the screening when there is one; recorded by hand on older records. */
    dpiaRequired: z.boolean(),
    screening: DpiaScreening.nullable().default(null),
    updatedAt: UtcDateTime,
    /** Archived: no longer in use, kept as evidence until its retention ends (retention.ts). */
    archived: z.boolean().default(false),
    archivedAt: UtcDateTime.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.screening && screeningOutcome(v.screening.criteria) === 'consider' && !v.screening.notes) {
      ctx.addIssue({ code: 'custom', path: ['screening', 'notes'], message: i18nKey('gdpr.screening.notesRequired') });
    }
    if (v.screening && v.dpiaRequired !== (screeningOutcome(v.screening.criteria) === 'required')) {
      ctx.addIssue({ code: 'custom', path: ['dpiaRequired'], message: i18nKey('gdpr.screening.mismatch') });
    }
  });
export type ProcessingActivity = z.infer<typeof ProcessingActivity>;


export const ImpactAssessment = z
  .object({
    code: RecordCode(),
    processingActivityId: ItemId,
    title: Line(255),
    /** draft → in_review (the DSO is asked for an opinion) → completed (decided). */
    status: z.enum(DPIA_STATUSES),
    /** The screening criteria the assessment started from. */
    criteria: z.array(z.enum(DPIA_CRITERIA)).max(DPIA_CRITERIA.length).default([]),
    /** Systematic description of the processing and its purposes (art. 35.7 a). */
    description: OptionalText(10_000).default(null),
    /** Necessity and proportionality (art. 35.7 b). */
    necessity: OptionalText(10_000).default(null),
    /** Risks to the rights and freedoms of data subjects (art. 35.7 c). */
    risks: OptionalText(10_000).default(null),
    /** Measures envisaged to address the risks (art. 35.7 d). */
    measures: OptionalText(10_000).default(null),
    /** The risk before the measures. */
    riskLevel: z.enum(DPIA_RISK_LEVELS).nullable(),
    /** The risk that remains with the measures: high means prior consultation (art. 36). */
    residualRisk: z.enum(DPIA_RISK_LEVELS).nullable().default(null),
    /** The DSO is consulted (art. 35.2): when, their written opinion, and who wrote it. */
    dsoConsultedAt: CalendarDate.nullable(),
    dsoOpinion: OptionalText(4_000),
    dsoOpinionBy: AadObjectId.nullable().default(null),
    conclusion: OptionalText(4_000),
    /** Prior consultation of IMY (art. 36): when it was submitted and IMY's reference. */
    priorConsultationAt: CalendarDate.nullable().default(null),
    priorConsultationRef: z.string().trim().max(100).nullable().default(null),
    decidedBy: AadObjectId.nullable(),
    decidedAt: CalendarDate.nullable(),
    nextReviewAt: CalendarDate.nullable(),
    lastReminderAt: UtcDateTime.nullable().default(null),
    /** Archived: no longer in use, kept as evidence until its retention ends (retention.ts). */
    archived: z.boolean().default(false),
    archivedAt: UtcDateTime.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    const rule = (path: string, key: string) => ctx.addIssue({ code: 'custom', path: [path], message: i18nKey(key) });
    if (v.dsoOpinion && !v.dsoConsultedAt) rule('dsoConsultedAt', 'gdpr.dpia.consultedAtRequired');
    if (v.status === 'completed') {
      // Art. 35.2: the controller seeks the DSO's advice; the written opinion is part of the assessment.
      if (!v.dsoOpinion) rule('dsoOpinion', 'gdpr.dpia.opinionRequired');
      if (!v.residualRisk) rule('residualRisk', 'gdpr.dpia.residualRequired');
      if (!v.conclusion) rule('conclusion', 'gdpr.dpia.conclusionRequired');
      if (!v.decidedBy || !v.decidedAt) rule('decidedAt', 'gdpr.dpia.decisionRequired');
    }
    if (v.priorConsultationAt && v.residualRisk !== 'high') rule('priorConsultationAt', 'gdpr.dpia.consultationOnlyHigh');
  });
export type ImpactAssessment = z.infer<typeof ImpactAssessment>;

/** Art. 36: a residual high risk must be put to IMY before the processing starts. */
export const priorConsultationRequired = (a: Pick<ImpactAssessment, 'residualRisk'>) => a.residualRisk === 'high';
