/**
 * Leverantörer, kept in the tab (issue 14): creating and editing suppliers and their chain of
 * sub-suppliers (no cycles; the depth is shown), the PUB-avtal's status and dates, third-country
 * transfers with their safeguard, follow-ups (planned, done, findings), archive and removal.
 * The supplier tree and the supplier page of issue 5 are in suppliers.ts.
 */
import { z } from 'zod';
import { DPA_STATUSES, ItemId, Supplier, SupplierFollowUp } from '../domain';
import { Count, Day, Instant, PersonRef, RecordRef, type Routes } from './common';
import { ArchiveInput, HistoryPage, HistoryQuery, Removed, RetentionInfo } from './registers';

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
  retention: RetentionInfo,
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

export const SUPPLIER_REGISTER_ROUTES = {
  'POST /suppliers': { body: SupplierCreateInput, response: SupplierRegisterFields.passthrough() },
  'PATCH /suppliers/:id': { body: SupplierPatchInput, response: SupplierRegisterFields.passthrough() },
  'GET /suppliers/:id/history': { query: HistoryQuery, response: HistoryPage },
  'POST /suppliers/:id/archive': { body: ArchiveInput, response: SupplierRegisterFields.passthrough() },
  'DELETE /suppliers/:id': { response: Removed },
} satisfies Routes;
