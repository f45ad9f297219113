/**
 * The risk register (ISO 27001 6.1.2–6.1.3, 8.2–8.3): a risk per information asset and/or process,
 * assessed on a 4×4 matrix of likelihood and consequence, and treated — accepted with a rationale,
 * reduced with improvement actions, transferred, or avoided.
 *
 * The matrix is data (RISK_MATRIX), not code: a district that uses other cut-offs changes the table.
 * 4×4 rather than 5×5 (docs/adr/015-registers-risk-matrix-retention-and-checklists.md): the consequence scale is
 * KLASSA's 1–4 (Måttlig … Synnerligen allvarlig), so an asset's classification and a risk's
 * consequence speak the same language, and a four-step likelihood has no middle to hide in.
 */
import { z } from 'zod';
import { RISK_LEVELS, RISK_STATUSES, RISK_TREATMENTS } from './choices';
import { AadObjectId, CalendarDate, i18nKey, ItemId, ItemIdList, Line, OptionalText, RecordCode, Text, UtcDateTime } from './common';

export type RiskLevel = (typeof RISK_LEVELS)[number];
export type RiskScale = 1 | 2 | 3 | 4;

/**
 * The level of each cell: `RISK_MATRIX[likelihood - 1][consequence - 1]`. Read it with likelihood
 * growing downwards and consequence to the right (the heat map draws likelihood upwards).
 */
export const RISK_MATRIX: readonly (readonly RiskLevel[])[] = [
  ['low', 'low', 'medium', 'medium'],
  ['low', 'medium', 'medium', 'high'],
  ['low', 'medium', 'high', 'very_high'],
  ['medium', 'high', 'very_high', 'very_high'],
];

export function riskLevel(likelihood: number, consequence: number): RiskLevel {
  const row = RISK_MATRIX[likelihood - 1];
  const level = row?.[consequence - 1];
  if (!level) throw new Error(`No risk matrix cell for likelihood ${likelihood}, consequence ${consequence}`);
  return level;
}

/** How a risk is treated (ISO 27005 8.5): null while it is being assessed. */
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];
export type RiskStatus = (typeof RISK_STATUSES)[number];

const Scale = z.number().int().min(1).max(4);

export const Risk = z
  .object({
    /** The administration's own id, e.g. RISK-012. */
    code: RecordCode('risk.codeFormat'),
    title: Line(255),
    /** The information asset the risk is to, if any. */
    assetId: ItemId.nullable(),
    /** The business process (verksamhetsprocess) the risk is to, in the unit's words. */
    process: z.string().trim().max(255).nullable(),
    unit: Line(50),
    threat: Text(4_000),
    vulnerability: OptionalText(4_000),
    /** What would happen: the consequence described. */
    consequence: Text(4_000),
    likelihood: Scale,
    consequenceLevel: Scale,
    /** Kept equal to `riskLevel(likelihood, consequenceLevel)` by the use case (indexed: filters). */
    level: z.enum(RISK_LEVELS),
    treatment: z.enum(RISK_TREATMENTS).nullable(),
    /** Why the risk is accepted or avoided as it is. */
    treatmentRationale: OptionalText(4_000),
    /** Who carries a transferred risk (an insurer, a supplier under contract). */
    transferredTo: z.string().trim().max(255).nullable(),
    /** Improvement actions that reduce the risk (ImprovementActions ids). */
    actionIds: ItemIdList,
    /** Expected level once the treatment is in place. */
    residualLikelihood: Scale.nullable(),
    residualConsequence: Scale.nullable(),
    /** The risk owner: accepts the residual risk (ISO 27001 6.1.3 f). */
    ownerId: AadObjectId,
    /** Who decided the treatment and when (for an accepted risk: the owner). */
    decidedBy: AadObjectId.nullable(),
    decidedAt: CalendarDate.nullable(),
    reviewAt: CalendarDate,
    status: z.enum(RISK_STATUSES),
    createdBy: AadObjectId,
    updatedAt: UtcDateTime,
    lastReminderAt: UtcDateTime.nullable(),
    /** Archived: no longer in use, kept as evidence until its retention ends (retention.ts). */
    archived: z.boolean(),
    archivedAt: UtcDateTime.nullable(),
  })
  .superRefine((v, ctx) => {
    const rule = (path: string, key: string) => ctx.addIssue({ code: 'custom', path: [path], message: i18nKey(key) });
    if (!v.assetId && !v.process) rule('assetId', 'risk.scopeRequired');
    if ((v.treatment === 'accept' || v.treatment === 'avoid') && !v.treatmentRationale) rule('treatmentRationale', 'risk.rationaleRequired');
    if (v.treatment === 'transfer' && !v.transferredTo) rule('transferredTo', 'risk.transferredToRequired');
    if (v.treatment === 'reduce' && v.status === 'treated' && v.actionIds.length === 0) rule('actionIds', 'risk.actionsRequired');
    if (v.status === 'treated' && !v.treatment) rule('treatment', 'risk.treatmentRequired');
    if ((v.residualLikelihood === null) !== (v.residualConsequence === null)) rule('residualLikelihood', 'risk.residualBoth');
    if (v.level !== riskLevel(v.likelihood, v.consequenceLevel)) rule('level', 'risk.levelMismatch');
  });
export type Risk = z.infer<typeof Risk>;
