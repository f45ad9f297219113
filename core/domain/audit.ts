/**
 * The append-only audit log. App-only Graph writes show the app as "Modified By", so this list
 * records the real actor of every change. The app creates entries and never edits or deletes them.
 */
import { z } from 'zod';
import { Line, UtcDateTime } from './common';

export const SYSTEM_ACTOR = 'system';

export const AuditEntry = z.object({
  at: UtcDateTime,
  /** aadObjectId of the person who acted, or `system` for the scheduler and seed. */
  actorId: z.union([z.guid(), z.literal(SYSTEM_ACTOR)]),
  /** Dotted verb, e.g. `incident.triaged`, `access.decided`. */
  action: z.string().max(100).regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/),
  /** `List/itemId` of the record acted on. */
  target: Line(200),
  summary: Line(500),
  /** Changed fields and values; ids rather than names. */
  details: z.record(z.string(), z.unknown()),
  /** Ties the entries of one user action together (request id, invoke id). */
  correlationId: z.string().max(200).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
