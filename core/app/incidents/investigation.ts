/** The line manager's investigation and actions, closing the incident, and ISAM reopening it. */
import { canInvestigateIncident, canReopenIncident, clocksAfterClose, Line } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, wrongState, type Deps } from '../platform';
import { InvestigationInput, parse } from './inputs';
import { announce, load } from './view';

export async function recordInvestigation(deps: Deps, actor: Actor, id: string, raw: unknown, operationKey: string): Promise<StoredOf<'Incidents'>> {
  const input = parse(InvestigationInput, 'Incidents', raw);
  const stored = await load(deps, id);
  if (!canInvestigateIncident(actor, stored.data)) throw forbidden('incident.error.mayNotInvestigate');
  if (stored.data.status === 'closed') throw wrongState('incident.error.closed');
  const now = deps.clock.now();
  const clocks = stored.data.clocks.map((c) =>
    c.kind === 'internal_investigation' && c.completedAt === null ? { ...c, completedAt: now.toISOString(), completedBy: actor.id, outcome: 'sent' as const } : c,
  );
  const updated = await deps.store.update('Incidents', stored, {
    investigation: { ...input, recordedBy: actor.id, recordedAt: now.toISOString() },
    status: 'investigating',
    clocks,
  });
  await audit(deps, `investigation:${operationKey}`, { actorId: actor.id, action: 'incident.investigated', target: `Incidents/${id}`, summary: 'Utredning och åtgärder registrerade', details: {} });
  await announce(deps, updated, `incident:${id}:investigation:${operationKey}`);
  return updated;
}

export async function closeIncident(deps: Deps, actor: Actor, id: string, operationKey: string): Promise<StoredOf<'Incidents'>> {
  const stored = await load(deps, id);
  if (!canInvestigateIncident(actor, stored.data)) throw forbidden('incident.error.mayNotInvestigate');
  if (stored.data.status === 'closed') throw wrongState('incident.error.closed');
  if (!stored.data.investigation) throw wrongState('incident.error.investigationFirst');
  if (stored.data.status === 'reported') throw wrongState('incident.error.triageFirst');
  const now = deps.clock.now();
  const updated = await deps.store.update('Incidents', stored, { status: 'closed', closedBy: actor.id, closedAt: now.toISOString(), clocks: clocksAfterClose(stored.data, now) });
  await audit(deps, `close:${operationKey}`, { actorId: actor.id, action: 'incident.closed', target: `Incidents/${id}`, summary: 'Incidenten avslutad', details: {} });
  await announce(deps, updated, `incident:${id}:close:${operationKey}`);
  return updated;
}

export async function reopenIncident(deps: Deps, actor: Actor, id: string, reason: string, operationKey: string): Promise<StoredOf<'Incidents'>> {
  if (!canReopenIncident(actor)) throw forbidden('incident.error.mayNotReopen');
  const why = parse(Line(1_000), 'Incidents', reason);
  const stored = await load(deps, id);
  if (stored.data.status !== 'closed') throw wrongState('incident.error.notClosed');
  const updated = await deps.store.update('Incidents', stored, { status: 'investigating', closedAt: null, closedBy: null });
  await audit(deps, `reopen:${operationKey}`, { actorId: actor.id, action: 'incident.reopened', target: `Incidents/${id}`, summary: 'Incidenten återöppnad', details: { reason: why } });
  await announce(deps, updated, `incident:${id}:reopen:${operationKey}`);
  return updated;
}
