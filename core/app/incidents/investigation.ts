/**
 * The line manager's investigation and actions, closing the incident, and ISAM reopening it.
 * Closing hides no legal obligation: a report not yet sent stays open — on the register, the
 * incident's page and in the reminders — until it is recorded sent or decided not needed.
 */
import { canInvestigateIncident, canReopenIncident, Line, openLegalObligations } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { forbidden, wrongState, type Deps } from '../platform';
import { applyChange } from './change';
import { InvestigationInput, parse } from './inputs';
import { load } from './view';

export async function recordInvestigation(deps: Deps, actor: Actor, id: string, raw: unknown, operationKey: string): Promise<StoredOf<'Incidents'>> {
  const input = parse(InvestigationInput, 'Incidents', raw);
  const stored = await load(deps, id);
  if (!canInvestigateIncident(actor, stored.data)) throw forbidden('incident.error.mayNotInvestigate');
  if (stored.data.status === 'closed') throw wrongState('incident.error.closed');
  if (stored.data.status === 'reported') throw wrongState('incident.error.triageBeforeInvestigation');
  const same = stored.data.investigation?.findings === input.findings && stored.data.investigation?.actions === input.actions;
  const resumed = stored.data.lastOperation === `investigation:${operationKey}`;
  if (same && !resumed) return stored;
  return (
    await applyChange(deps, stored, actor.id, operationKey, {
      name: 'investigation',
      patch: resumed ? {} : { investigation: { ...input, recordedBy: actor.id, recordedAt: deps.clock.now().toISOString() }, status: 'investigating' },
      audit: { action: 'incident.investigated', summary: 'Utredning och åtgärder registrerade', details: { updated: Boolean(stored.data.investigation) && !resumed } },
    })
  ).stored;
}

export interface CloseResult {
  incident: StoredOf<'Incidents'>;
  /** Legal obligations still open after closing: they stay visible and keep being reminded. */
  openObligations: string[];
}

export async function closeIncident(deps: Deps, actor: Actor, id: string, operationKey: string): Promise<CloseResult> {
  const stored = await load(deps, id);
  if (!canInvestigateIncident(actor, stored.data)) throw forbidden('incident.error.mayNotInvestigate');
  const resumed = stored.data.lastOperation === `close:${operationKey}`;
  if (!resumed) {
    if (stored.data.status === 'closed') throw wrongState('incident.error.closed');
    if (stored.data.status === 'reported') throw wrongState('incident.error.triageFirst');
    if (!stored.data.investigation) throw wrongState('incident.error.investigationFirst');
  }
  const open = openLegalObligations(stored.data.clocks).map((c) => c.key);
  const { stored: updated } = await applyChange(deps, stored, actor.id, operationKey, {
    name: 'close',
    patch: resumed ? {} : { status: 'closed', closedBy: actor.id, closedAt: deps.clock.now().toISOString() },
    audit: { action: 'incident.closed', summary: 'Incidenten avslutad', details: { openObligations: open } },
  });
  return { incident: updated, openObligations: openLegalObligations(updated.data.clocks).map((c) => c.key) };
}

export async function reopenIncident(deps: Deps, actor: Actor, id: string, reason: string, operationKey: string): Promise<StoredOf<'Incidents'>> {
  if (!canReopenIncident(actor)) throw forbidden('incident.error.mayNotReopen');
  const why = parse(Line(1_000), 'Incidents', reason);
  const stored = await load(deps, id);
  const resumed = stored.data.lastOperation === `reopen:${operationKey}`;
  if (!resumed && stored.data.status !== 'closed') throw wrongState('incident.error.notClosed');
  return (
    await applyChange(deps, stored, actor.id, operationKey, {
      name: 'reopen',
      patch: resumed ? {} : { status: 'investigating', closedAt: null, closedBy: null },
      audit: { action: 'incident.reopened', summary: 'Incidenten återöppnad', details: { reason: why } },
    })
  ).stored;
}
