/**
 * Suppliers and their chain of sub-suppliers (underbiträden), with the PUB-avtal (GDPR art. 28).
 * The systems a supplier serves are not stored here: they are the assets whose `supplierIds` name it.
 */
import { z } from 'zod';
import { DPA_STATUSES } from './choices';
import { RecordCode, AadObjectId, CalendarDate, ItemId, Line, OptionalText, UtcDateTime, i18nKey } from './common';

/**
 * `via_parent`: a sub-supplier (underbiträde) covered by its parent's agreement, where it is named
 * in the attachment "Lista över underbiträden". Only a sub-supplier can have it.
 */
export const DpaStatus = z.enum(DPA_STATUSES);
export type DpaStatus = z.infer<typeof DpaStatus>;

/** One point of the procurement security checklist (kravställning vid anskaffning). */
export const ChecklistItem = z.object({ key: Line(100), done: z.boolean(), note: OptionalText(1_000) });

/** A follow-up of a supplier (avtalsuppföljning): planned, then done with its findings. */
export const SupplierFollowUp = z
  .object({
    /** Its id within the supplier: U1, U2, … */
    id: z.string().regex(/^U[1-9]\d{0,2}$/),
    plannedAt: CalendarDate,
    /** What is followed up: security requirements, the PUB-avtal's instruction, sub-suppliers… */
    focus: Line(500),
    doneAt: CalendarDate.nullable(),
    doneBy: AadObjectId.nullable(),
    findings: OptionalText(4_000),
  })
  .superRefine((f, ctx) => {
    if (f.doneAt && !f.findings) ctx.addIssue({ code: 'custom', path: ['findings'], message: i18nKey('supplier.followUp.findingsRequired') });
  });
export type SupplierFollowUp = z.infer<typeof SupplierFollowUp>;

/** The deepest sub-supplier chain the register accepts (supplier → underbiträde → … ). */
export const MAX_SUPPLIER_CHAIN_DEPTH = 6;

/** The next planned follow-up not yet done (the reminder's date), and the last one done. */
export function followUpDates(followUps: readonly SupplierFollowUp[]): { next: string | null; last: string | null } {
  const planned = followUps.filter((f) => !f.doneAt).map((f) => f.plannedAt).sort();
  const done = followUps.map((f) => f.doneAt).filter((d): d is string => Boolean(d)).sort();
  return { next: planned[0] ?? null, last: done[done.length - 1] ?? null };
}

export const Supplier = z
  .object({
    code: RecordCode('supplier.codeFormat'),
    name: Line(255),
    /** Swedish organisation number NNNNNN-NNNN. */
    orgNumber: z.string().max(11).regex(/^\d{6}-\d{4}$/, { message: i18nKey('supplier.orgNumberFormat') }).nullable(),
    /** The supplier this one is a sub-supplier to; null for a direct supplier. */
    parentId: ItemId.nullable(),
    services: Line(1_000),
    processesPersonalData: z.boolean(),
    dpaStatus: DpaStatus,
    dpaSignedAt: CalendarDate.nullable(),
    dpaExpiresAt: CalendarDate.nullable(),
    /** SKR template attachments: Instruktion, Lista över underbiträden. */
    dpaInstructionAttached: z.boolean(),
    dpaSubprocessorListAttached: z.boolean(),
    contractOwnerId: AadObjectId.nullable(),
    contractEndsAt: CalendarDate.nullable(),
    thirdCountry: z.string().trim().max(100).nullable(),
    thirdCountrySafeguard: OptionalText(500),
    lastFollowUpAt: CalendarDate.nullable(),
    nextFollowUpAt: CalendarDate.nullable(),
    /**
     * The procurement checklist as it was kept per supplier before procurements had their own
     * (issue 14): read-only history; new checklists belong to a Procurement.
     */
    securityChecklist: z.array(ChecklistItem).max(100),
    followUps: z.array(SupplierFollowUp).max(100).default([]),
    /** Notes on the supplier: contacts, the agreement's reference. */
    notes: OptionalText(4_000).default(null),
    updatedAt: UtcDateTime.nullable().default(null),
    lastReminderAt: UtcDateTime.nullable().default(null),
    /** Archived: no longer in use, kept as evidence until its retention ends (retention.ts). */
    archived: z.boolean().default(false),
    archivedAt: UtcDateTime.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.processesPersonalData && v.dpaStatus === 'not_required') {
      ctx.addIssue({ code: 'custom', path: ['dpaStatus'], message: i18nKey('supplier.dpaRequired') });
    }
    if (v.dpaStatus === 'via_parent' && !v.parentId) {
      ctx.addIssue({ code: 'custom', path: ['dpaStatus'], message: i18nKey('supplier.viaParentNeedsParent') });
    }
    if (v.dpaStatus === 'signed' && !v.dpaSignedAt) {
      ctx.addIssue({ code: 'custom', path: ['dpaSignedAt'], message: i18nKey('supplier.dpaSignedAtRequired') });
    }
    if (v.thirdCountry && !v.thirdCountrySafeguard) {
      ctx.addIssue({ code: 'custom', path: ['thirdCountrySafeguard'], message: i18nKey('supplier.safeguardRequired') });
    }
    if (v.dpaSignedAt && v.dpaExpiresAt && v.dpaExpiresAt <= v.dpaSignedAt) {
      ctx.addIssue({ code: 'custom', path: ['dpaExpiresAt'], message: i18nKey('supplier.expiresBeforeSigned') });
    }
    const ids = v.followUps.map((f) => f.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['followUps'], message: i18nKey('supplier.followUp.idsUnique') });
  });
export type Supplier = z.infer<typeof Supplier>;
