/**
 * Suppliers and their chain of sub-suppliers (underbiträden), with the PUB-avtal (GDPR art. 28).
 * The systems a supplier serves are not stored here: they are the assets whose `supplierIds` name it.
 */
import { z } from 'zod';
import { RecordCode, AadObjectId, CalendarDate, ItemId, Line, OptionalText, i18nKey } from './common';

/**
 * `via_parent`: a sub-supplier (underbiträde) covered by its parent's agreement, where it is named
 * in the attachment "Lista över underbiträden". Only a sub-supplier can have it.
 */
export const DPA_STATUSES = ['signed', 'draft', 'missing', 'expired', 'via_parent', 'not_required'] as const;
export const DpaStatus = z.enum(DPA_STATUSES);
export type DpaStatus = z.infer<typeof DpaStatus>;

/** One point of the procurement security checklist (kravställning vid anskaffning). */
export const ChecklistItem = z.object({ key: Line(100), done: z.boolean(), note: OptionalText(1_000) });

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
    securityChecklist: z.array(ChecklistItem).max(100),
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
  });
export type Supplier = z.infer<typeof Supplier>;
