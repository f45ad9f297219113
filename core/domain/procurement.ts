/**
 * Procurements (anskaffningar): each acquisition or development of a system or service, with the
 * information assets it concerns, the security requirements derived from their classification and
 * from any impact assessment of the processing they serve, and the checklist of those requirements.
 * The checklist belongs to the procurement, not to the supplier: one supplier can deliver several
 * systems with different requirements.
 */
import { z } from 'zod';
import { PROCUREMENT_STATUSES } from './choices';
import { AadObjectId, CalendarDate, i18nKey, ItemId, ItemIdList, Line, OptionalText, RecordCode, UtcDateTime } from './common';
import { ChecklistItem } from './supplier';

export type ProcurementStatus = (typeof PROCUREMENT_STATUSES)[number];

export const Procurement = z
  .object({
    /** The administration's own id, e.g. ANS-007. */
    code: RecordCode('procurement.codeFormat'),
    title: Line(255),
    description: OptionalText(4_000),
    unit: Line(50),
    /** Who runs the procurement (beställare). */
    ownerId: AadObjectId,
    status: z.enum(PROCUREMENT_STATUSES),
    /** The supplier chosen (or being negotiated with). */
    supplierId: ItemId.nullable(),
    /** The information assets the procurement acquires, replaces or changes. */
    assetIds: ItemIdList.min(1),
    /** The state of each requirement: standard points, derived requirement ids (`K2-1`), `dpia:<id>`. */
    checklist: z.array(ChecklistItem).max(300),
    plannedContractAt: CalendarDate.nullable(),
    contractedAt: CalendarDate.nullable(),
    createdBy: AadObjectId,
    updatedAt: UtcDateTime,
    /** Archived: no longer in use, kept as evidence until its retention ends (retention.ts). */
    archived: z.boolean(),
    archivedAt: UtcDateTime.nullable(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'contracted' && !v.supplierId) ctx.addIssue({ code: 'custom', path: ['supplierId'], message: i18nKey('procurement.supplierRequired') });
    if (v.status === 'contracted' && !v.contractedAt) ctx.addIssue({ code: 'custom', path: ['contractedAt'], message: i18nKey('procurement.contractedAtRequired') });
  });
export type Procurement = z.infer<typeof Procurement>;

/** The checklist key of an impact assessment's measures. */
export const dpiaChecklistKey = (dpiaId: string) => `dpia:${dpiaId}`;
