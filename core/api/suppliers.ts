/**
 * Leverantörer: the sub-supplier tree, the PUB-avtal with its expiry, the procurement checklist of
 * issue 5; and (issue 14) the register kept in the tab — creating and editing suppliers and their
 * chain of sub-suppliers, follow-ups, archive and removal. Procurements: procurements.ts.
 */
import { z } from 'zod';
import { DPA_STATUSES, DpaStatus, ItemId, Supplier, SupplierFollowUp } from '../domain';
import { Count, Day, Instant, PersonRef, RecordRef, type Routes } from './common';
import { ArchivedFilter, ArchiveInput, HistoryPage, HistoryQuery, Removed, RetentionInfo, XlsxFile } from './registers';

/** `GET /suppliers?search=`: a search (start of the name) lists the matches flat. */
export const SupplierListQuery = z.object({ search: z.string().optional(), archived: ArchivedFilter.optional() });
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
  /** 0 for a direct supplier, 1 for its sub-supplier, … (0 for every match of a search). */
  depth: Count,
  archived: z.boolean(),
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

// ── the register kept in the tab (issue 14) ─────────────────────────────

export const DpaStatusValue = z.enum(DPA_STATUSES);

export const FollowUpView = z.strictObject({
  id: z.string(),
  plannedAt: Day,
  focus: z.string(),
  doneAt: Day.nullable(),
  doneBy: PersonRef.nullable(),
  findings: z.string().nullable(),
  /** Planned, not done, and the date has passed. */
  overdue: z.boolean(),
});
export type FollowUpView = z.infer<typeof FollowUpView>;

/** What `GET /suppliers/:id` adds to the supplier page: the register's fields and what the actor may do. */
export const SupplierRegisterFields = z.strictObject({
  /** 0 for a direct supplier, 1 for its sub-supplier, … */
  depth: Count,
  /** The chain above this supplier, from the direct supplier down to its parent. */
  chain: z.array(RecordRef),
  followUps: z.array(FollowUpView),
  notes: z.string().nullable(),
  updatedAt: Instant.nullable(),
  archived: z.boolean(),
  /** Fields the actor may change: all (ISAM, IT security officer), the contract owner's, or none. */
  editableFields: z.array(z.string()),
  canArchive: z.boolean(),
  archive: RetentionInfo,
  history: HistoryPage,
});
export type SupplierRegisterFields = z.infer<typeof SupplierRegisterFields>;

const shape = Supplier.shape;

/** A follow-up as a form sends it: a new one has no id; `doneBy` is set by the server. */
export const FollowUpInput = z.strictObject({
  id: SupplierFollowUp.shape.id.optional(),
  plannedAt: SupplierFollowUp.shape.plannedAt,
  focus: SupplierFollowUp.shape.focus,
  doneAt: SupplierFollowUp.shape.doneAt.optional(),
  findings: SupplierFollowUp.shape.findings.optional(),
});
export type FollowUpInput = z.input<typeof FollowUpInput>;

export const SupplierInput = z.strictObject({
  code: shape.code,
  name: shape.name,
  orgNumber: shape.orgNumber,
  parentId: ItemId.nullable(),
  services: shape.services,
  processesPersonalData: shape.processesPersonalData,
  dpaStatus: DpaStatusValue,
  dpaSignedAt: shape.dpaSignedAt,
  dpaExpiresAt: shape.dpaExpiresAt,
  dpaInstructionAttached: shape.dpaInstructionAttached,
  dpaSubprocessorListAttached: shape.dpaSubprocessorListAttached,
  contractOwnerId: shape.contractOwnerId,
  contractEndsAt: shape.contractEndsAt,
  thirdCountry: shape.thirdCountry,
  thirdCountrySafeguard: shape.thirdCountrySafeguard,
  notes: z.string().trim().max(4_000).nullable(),
  /** The whole list of follow-ups, replacing the stored one. */
  followUps: z.array(FollowUpInput).max(100),
});
/** `POST /suppliers` (Idempotency-Key; ISAM, IT security officer). `code` defaults to the next SUP-nnn. */
export const SupplierCreateInput = SupplierInput.partial({
  code: true,
  orgNumber: true,
  parentId: true,
  dpaSignedAt: true,
  dpaExpiresAt: true,
  dpaInstructionAttached: true,
  dpaSubprocessorListAttached: true,
  contractOwnerId: true,
  contractEndsAt: true,
  thirdCountry: true,
  thirdCountrySafeguard: true,
  notes: true,
  followUps: true,
});
export type SupplierCreateInput = z.input<typeof SupplierCreateInput>;
/** `PATCH /suppliers/:id` (If-Match): the contract owner may change the agreement's fields and the follow-ups. */
export const SupplierPatchInput = SupplierInput.partial();
export type SupplierPatchInput = z.input<typeof SupplierPatchInput>;

/** Fields a contract owner keeps up to date; ISAM and the IT security officer change all. */
export const CONTRACT_OWNER_FIELDS = ['dpaStatus', 'dpaSignedAt', 'dpaExpiresAt', 'dpaInstructionAttached', 'dpaSubprocessorListAttached', 'contractEndsAt', 'notes', 'followUps'] as const;

/** `GET /suppliers/:id`: issue 5's supplier page with the register's fields. */
export const SupplierDetail = SupplierView.extend(SupplierRegisterFields.shape);
export type SupplierDetail = z.infer<typeof SupplierDetail>;

export const SUPPLIER_ROUTES = {
  'GET /suppliers': { query: SupplierListQuery, response: SupplierTree },
  'GET /suppliers/:id': { response: SupplierDetail },
  'POST /suppliers': { body: SupplierCreateInput, response: SupplierDetail },
  'PATCH /suppliers/:id': { body: SupplierPatchInput, response: SupplierDetail },
  'GET /suppliers/:id/history': { query: HistoryQuery, response: HistoryPage },
  'POST /suppliers/:id/archive': { body: ArchiveInput, response: SupplierDetail },
  'DELETE /suppliers/:id': { response: Removed },
  'GET /suppliers/export.xlsx': { query: SupplierListQuery, response: XlsxFile },
  'PATCH /suppliers/:id/checklist': { body: ChecklistInput, response: SupplierView },
} satisfies Routes;
