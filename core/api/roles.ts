/**
 * Roller: who holds the LIS roles (ISAM, IT security officer, DSO, classification lead, the
 * administrative unit, managers, the director, ambassadors), assigned and ended by ISAM and the
 * administrative unit — never by or for themselves — and the information owner of each asset.
 */
import { z } from 'zod';
import { ROLE_SORT_FIELDS } from './choices';
import { ItemId, RoleAssignment, ROLE_KEYS } from '../domain';
import { CursorParam, Day, Direction, Instant, NextCursor, PageSize, PersonRef, RecordRef, type Routes } from './common';
import { ArchivedFilter, ArchiveInput, HistoryPage, HistoryQuery, Removed, RetentionInfo, XlsxFile } from './registers';

export const RoleKeyValue = z.enum(ROLE_KEYS);

/** `GET /roles`: `archived=active` (default) lists the assignments in force, `archived` the ended ones. */
export const RoleListQuery = z.object({
  role: RoleKeyValue.optional(),
  personId: z.guid().optional(),
  unit: z.string().trim().max(50).optional(),
  archived: ArchivedFilter.default('active'),
  sort: z.enum(ROLE_SORT_FIELDS).default('role'),
  direction: Direction.default('asc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type RoleListQuery = z.input<typeof RoleListQuery>;

export const RoleRow = z.strictObject({
  id: z.string(),
  etag: z.string(),
  person: PersonRef,
  role: RoleKeyValue,
  unit: z.string().nullable(),
  assignedBy: PersonRef.nullable(),
  assignedAt: Instant,
  validTo: Day.nullable(),
  active: z.boolean(),
  /** Past its valid-to date: no longer counts, though not yet ended. */
  expired: z.boolean(),
  endedAt: Instant.nullable(),
  endedBy: PersonRef.nullable(),
  canEdit: z.boolean(),
});
export type RoleRow = z.infer<typeof RoleRow>;

export const RolePage = z.strictObject({ items: z.array(RoleRow), cursor: NextCursor, canAssign: z.boolean() });
export type RolePage = z.infer<typeof RolePage>;

export const RoleView = RoleRow.extend({ archive: RetentionInfo, history: HistoryPage });
export type RoleView = z.infer<typeof RoleView>;

const shape = RoleAssignment.shape;
/** `POST /roles` (Idempotency-Key): assign a role. */
export const RoleCreateInput = z.strictObject({ personId: shape.personId, role: shape.role, unit: shape.unit.optional(), validTo: shape.validTo.optional() });
export type RoleCreateInput = z.input<typeof RoleCreateInput>;
/** `PATCH /roles/:id` (If-Match): the unit and the last valid day. */
export const RolePatchInput = z.strictObject({ unit: shape.unit.optional(), validTo: shape.validTo.optional() });
export type RolePatchInput = z.input<typeof RolePatchInput>;

/** `POST /roles/information-owners` (Idempotency-Key): make someone the information owner (and delegate) of an asset. */
export const InformationOwnerInput = z.strictObject({ assetId: ItemId, ownerId: z.guid(), delegateId: z.guid().nullable().optional() });
export type InformationOwnerInput = z.input<typeof InformationOwnerInput>;
export const InformationOwnerAnswer = z.strictObject({ asset: RecordRef, owner: PersonRef, delegate: PersonRef.nullable(), changed: z.boolean() });
export type InformationOwnerAnswer = z.infer<typeof InformationOwnerAnswer>;

export const ROLE_ROUTES = {
  'GET /roles': { query: RoleListQuery, response: RolePage },
  'GET /roles/export.xlsx': { query: RoleListQuery, response: XlsxFile },
  'POST /roles': { body: RoleCreateInput, response: RoleView },
  'POST /roles/information-owners': { body: InformationOwnerInput, response: InformationOwnerAnswer },
  'GET /roles/:id': { response: RoleView },
  'GET /roles/:id/history': { query: HistoryQuery, response: HistoryPage },
  'PATCH /roles/:id': { body: RolePatchInput, response: RoleView },
  'POST /roles/:id/archive': { body: ArchiveInput, response: RoleView },
  'DELETE /roles/:id': { response: Removed },
} satisfies Routes;
