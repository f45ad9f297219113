/**
 * One change of an incident, done the same way by every use case: the clocks are reconciled with
 * the new facts (core/domain/clocks.ts), the record is written with If-Match, exactly one audit
 * entry is written keyed by the incident, the change and the operation, and everyone concerned gets
 * the updated card. A retried operation (a crash after the write, Teams' retry) finds its own change
 * already stored (`lastOperation`) and completes the audit and the notifications without changing
 * the record twice; a request that changes nothing writes nothing.
 */
import { nextDueAt, normalizeIncident, reconcileClocks, type Incident } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import { auditRecord, finish, type AuditInput, type Deps } from '../platform';
import { announcement } from './view';

export type StoredIncident = StoredOf<'Incidents'>;

export interface Change {
  /** Names the change in keys and the audit action (`triage`, `report_sent`…). */
  name: string;
  /** The fields that change (clocks are reconciled after them). */
  patch: Partial<Incident>;
  audit: Omit<AuditInput, 'target' | 'actorId'>;
}

/** The incident after `patch`, with its clocks reconciled and its next due time derived. */
export function withPatch(deps: Deps, current: Incident, patch: Partial<Incident>): Incident {
  const merged = { ...current, ...patch };
  const clocks = reconcileClocks(merged, deps.settings);
  return { ...merged, clocks, nextDueAt: nextDueAt(clocks) };
}

const FIELDS_COMPARED: (keyof Incident)[] = [
  'awareAt',
  'status',
  'severity',
  'personalDataBreach',
  'significant',
  'significanceRationale',
  'clocks',
  'assessments',
  'facts',
  'investigation',
  'closedAt',
  'closedBy',
];

function differs(a: Incident, b: Incident): boolean {
  return FIELDS_COMPARED.some((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

/**
 * Applies a change for `actorId`. Returns the stored incident after it, and whether anything
 * changed (false: an identical request — nothing written, nobody told).
 */
export async function applyChange(deps: Deps, stored: StoredIncident, actorId: string, operationKey: string, change: Change): Promise<{ stored: StoredIncident; changed: boolean }> {
  const marker = `${change.name}:${operationKey}`.slice(0, 400);
  const current = normalizeIncident(stored.data);
  let updated = stored;
  if (current.lastOperation !== marker) {
    const next = withPatch(deps, current, change.patch);
    if (!differs(current, next)) return { stored, changed: false };
    const patch: Partial<Incident> = { ...change.patch, clocks: next.clocks, nextDueAt: next.nextDueAt, lastOperation: marker };
    // Records written before these fields existed get them on their first change.
    for (const f of ['awareAt', 'assessments', 'facts'] as const) if (stored.data[f] === null || stored.data[f] === undefined) (patch as Record<string, unknown>)[f] ??= next[f];
    updated = await deps.store.update('Incidents', { ...stored, data: current }, patch);
  }
  // The audit entry and every card in one $batch; a retry writes what a crash left out.
  const op = `incident:${stored.id}:${change.name}:${operationKey}`;
  const { records } = await announcement(deps, updated, op);
  await finish(deps, [auditRecord(deps, op, { ...change.audit, actorId, target: `Incidents/${stored.id}` }), ...records]);
  return { stored: updated, changed: true };
}
