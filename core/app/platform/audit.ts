/**
 * Writes to the append-only audit log. The entry's key derives from the operation's own idempotency
 * key, so a retried operation leaves one entry, not two.
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
  return deps.store.create('AuditLog', `audit:${operationKey}`, {
    at: deps.clock.now().toISOString(),
    details: {},
    correlationId: null,
    ...input,
  });
}
