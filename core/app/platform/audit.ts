/**
 * Writes to the append-only audit log: exactly one entry per state change (issue 17.1). An entry's
 * key names the record and the change, so that
 *
 * - the same change made to two records gives two entries (the record is in the key — an operation
 *   key alone is not enough: a client may send the same Idempotency-Key for two records, and an
 *   activity without an id has no key of its own);
 * - a retried operation gives one (the change is named by what identifies it: the operation's
 *   idempotency key, the version (ETag) of the record it was made to, or — for a transition a record
 *   goes through once — its name, e.g. `access:42:decided`);
 * - a second, different change of the same record gives a second entry (a new version, a new
 *   operation, a new set of decisions — never a value the record may hold again, such as a date it
 *   is moved back to).
 */
import type { AuditEntry } from '../../domain/audit';
import type { Clock } from '../../ports/clock';
import type { RecordStore } from '../../ports/record-store';

export interface AuditDeps {
  store: RecordStore;
  clock: Clock;
}

export type AuditInput = Omit<AuditEntry, 'at' | 'correlationId' | 'details'> & {
  details?: AuditEntry['details'];
  correlationId?: string | null;
};

export async function audit(deps: AuditDeps, operationKey: string, input: AuditInput) {
  const r = auditRecord(deps, operationKey, input);
  return deps.store.create('AuditLog', r.key, r.data);
}

/** The audit entry `audit` writes, as a record for `finish` (one `$batch` with the outbox items). */
export function auditRecord(deps: Pick<AuditDeps, 'clock'>, operationKey: string, input: AuditInput): { list: 'AuditLog'; key: string; data: AuditEntry } {
  return { list: 'AuditLog', key: `audit:${operationKey}`, data: { at: deps.clock.now().toISOString(), details: {}, correlationId: null, ...input } };
}

/** A record's version as part of a key: the ETag without its quotes and punctuation. */
export const versionKey = (etag: string) => etag.replace(/[^A-Za-z0-9-]/g, '');

/**
 * A short, stable name for a set of values (e.g. the grants one save decided): the count and two
 * 32-bit FNV-1a hashes of the sorted values. The same set gives the same name in any order.
 */
export function fingerprint(values: readonly string[]): string {
  const text = [...values].sort().join('\n');
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 2) >>> 0;
  }
  return `${values.length}-${a.toString(36)}${b.toString(36)}`;
}
