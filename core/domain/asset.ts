/**
 * Information assets: the inventory and its KLASSA classification (SKR KLASSA v4.0, 2024):
 * four aspects — Konfidentialitet, Riktighet, Tillgänglighet, Spårbarhet — each on its own level 0–4.
 */
import { z } from 'zod';
import { CLASSIFICATION_ASPECTS, KLASSA_LEVELS } from './choices';
import { RecordCode, AadObjectId, CalendarDate, ItemIdList, Line, OptionalText, Text, UtcDateTime, i18nKey } from './common';

export const KlassaLevel = z.number().int().min(0).max(4);
export type KlassaLevel = 0 | 1 | 2 | 3 | 4;

export type ClassificationAspect = (typeof CLASSIFICATION_ASPECTS)[number];

export const InformationAsset = z
  .object({
    /** The administration's own id, e.g. IA-001. */
    code: RecordCode('asset.codeFormat'),
    name: Line(255),
    description: Text(4_000),
    /** Which information or data the asset holds. */
    information: Text(4_000),
    critical: z.boolean(),
    ownerId: AadObjectId,
    /** Decides access on the owner's behalf when set. */
    delegateId: AadObjectId.nullable(),
    contactId: AadObjectId.nullable(),
    unit: Line(50),
    systemOwnerId: AadObjectId.nullable(),
    confidentiality: KlassaLevel.nullable(),
    integrity: KlassaLevel.nullable(),
    availability: KlassaLevel.nullable(),
    traceability: KlassaLevel.nullable(),
    classifiedAt: CalendarDate.nullable(),
    classifiedBy: AadObjectId.nullable(),
    /** The administration's priority order for classification work (1 first). */
    priority: z.number().int().min(1).max(9_999).nullable(),
    nextReviewAt: CalendarDate.nullable(),
    supplierIds: ItemIdList,
    notes: OptionalText(4_000),
    /** Why each aspect has its level (the valuation's motivation, KLASSA). */
    motivations: z.partialRecord(z.enum(CLASSIFICATION_ASPECTS), z.string().trim().max(2_000)).default({}),
    updatedAt: UtcDateTime,
    lastReminderAt: UtcDateTime.nullable().default(null),
    /** Archived: no longer in use, kept as evidence until its retention ends (retention.ts). */
    archived: z.boolean().default(false),
    archivedAt: UtcDateTime.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    const set = CLASSIFICATION_ASPECTS.filter((a) => v[a] !== null).length;
    if (set !== 0 && set !== 4) {
      ctx.addIssue({ code: 'custom', path: ['confidentiality'], message: i18nKey('asset.classificationIncomplete') });
    }
    if (set === 4 && !v.classifiedAt) {
      ctx.addIssue({ code: 'custom', path: ['classifiedAt'], message: i18nKey('asset.classifiedAtRequired') });
    }
  });
export type InformationAsset = z.infer<typeof InformationAsset>;
