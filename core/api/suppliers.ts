/** Leverantörer: the sub-supplier tree, the PUB-avtal with its expiry, and the procurement security checklist. */
import { z } from 'zod';
import { DpaStatus } from '../domain';
import { Count, Day, PersonRef, RecordRef, type Routes } from './common';

/** `GET /suppliers?search=`: a search (start of the name) lists the matches flat. */
export const SupplierListQuery = z.object({ search: z.string().optional() });
export type SupplierListQuery = z.input<typeof SupplierListQuery>;

/** How close the PUB-avtal's end is: passed, within 90 days, later, or no end date (null). */
export const DpaExpiry = z.enum(['expired', 'soon', 'ok']).nullable();
export type DpaExpiry = z.infer<typeof DpaExpiry>;

/** A system (information asset) a supplier serves, or a supplier named on another. */
export const SystemRef = RecordRef;
export type SystemRef = RecordRef;

/** A supplier in the tree, with its sub-suppliers. */
export const SupplierNode = z.strictObject({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  services: z.string(),
  processesPersonalData: z.boolean(),
  dpaStatus: DpaStatus,
  dpaExpiresAt: Day.nullable(),
  dpaExpiry: DpaExpiry,
  systems: z.array(SystemRef),
  /** Points of the checklist done, of all points. */
  checklist: z.strictObject({ done: Count, total: Count }),
  get children(): z.ZodArray<typeof SupplierNode> {
    return z.array(SupplierNode);
  },
});
export type SupplierNode = z.infer<typeof SupplierNode>;

export const SupplierTree = z.strictObject({ roots: z.array(SupplierNode), total: Count, canEditChecklist: z.boolean() });
export type SupplierTree = z.infer<typeof SupplierTree>;

/** One point of the checklist: the standard ones (SUPPLIER_CHECKLIST_KEYS) first, then any other. */
export const ChecklistPoint = z.strictObject({ key: z.string(), done: z.boolean(), note: z.string().nullable() });
export type ChecklistPoint = z.infer<typeof ChecklistPoint>;

/** `GET /suppliers/:id`: one supplier. */
export const SupplierView = z.strictObject({
  id: z.string(),
  etag: z.string(),
  code: z.string(),
  name: z.string(),
  orgNumber: z.string().nullable(),
  parent: SystemRef.nullable(),
  subSuppliers: z.array(SystemRef),
  services: z.string(),
  processesPersonalData: z.boolean(),
  dpaStatus: DpaStatus,
  dpaSignedAt: Day.nullable(),
  dpaExpiresAt: Day.nullable(),
  dpaExpiry: DpaExpiry,
  dpaInstructionAttached: z.boolean(),
  dpaSubprocessorListAttached: z.boolean(),
  contractOwner: PersonRef.nullable(),
  contractEndsAt: Day.nullable(),
  thirdCountry: z.string().nullable(),
  thirdCountrySafeguard: z.string().nullable(),
  lastFollowUpAt: Day.nullable(),
  nextFollowUpAt: Day.nullable(),
  systems: z.array(SystemRef),
  checklist: z.array(ChecklistPoint),
  canEditChecklist: z.boolean(),
});
export type SupplierView = z.infer<typeof SupplierView>;

/** `PATCH /suppliers/:id/checklist`: the whole checklist, replacing the stored one. */
export const ChecklistInput = z.strictObject({
  items: z
    .array(z.strictObject({ key: z.string().trim().min(1).max(100), done: z.boolean(), note: z.string().trim().max(1_000).nullable() }))
    .max(100),
});
export type ChecklistInput = z.input<typeof ChecklistInput>;

export const SUPPLIER_ROUTES = {
  'GET /suppliers': { query: SupplierListQuery, response: SupplierTree },
  'GET /suppliers/:id': { response: SupplierView },
  'PATCH /suppliers/:id/checklist': { body: ChecklistInput, response: SupplierView },
} satisfies Routes;
