/** Roles of the LIS (DOMAIN.md) and who holds them (the `Roles` list). */
import { z } from 'zod';
import { AadObjectId, CalendarDate, UtcDateTime } from './common';

/**
 * Role keys, exactly as in `teams-app/local/seed/people.json` (CONTRACTS.md).
 * Information owners are not a role: ownership is recorded on each information asset.
 */
export const ROLE_KEYS = [
  'isam',
  'itsec',
  'dso',
  'classification_lead',
  'admin_unit',
  'manager',
  'director',
  'ambassador',
] as const;
export const RoleKey = z.enum(ROLE_KEYS);
export type RoleKey = z.infer<typeof RoleKey>;

export const RoleAssignment = z.object({
  personId: AadObjectId,
  role: RoleKey,
  /** The unit the role is held for (an ambassador's or manager's unit), when it matters. */
  unit: z.string().trim().max(50).nullable(),
  assignedBy: AadObjectId.nullable(),
  assignedAt: UtcDateTime,
  /** Last day the assignment is valid; null = until further notice. */
  validTo: CalendarDate.nullable(),
  active: z.boolean(),
  /** When and by whom the assignment was ended (archived); null while it runs. */
  endedAt: UtcDateTime.nullable().default(null),
  endedBy: AadObjectId.nullable().default(null),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

/** Roles whose notifications can be linked to a Teams channel (`koppla <roll>`). */
export const CHANNEL_ROLES = ['isam', 'admin', 'ambassadors', 'dso'] as const;
export const ChannelRole = z.enum(CHANNEL_ROLES);
export type ChannelRole = z.infer<typeof ChannelRole>;
