/**
 * ISAM's triage — severity, personal data breach, significance (Cybersäkerhetslagen) — which starts
 * the legal clocks, and marking a report to a supervisory authority as sent, which stops one.
 */
import { IncidentTriageInput as TriageInput } from '../../api';
import { canTriageIncident, ClockKind, clocksAfterReport, clocksAfterTriage, significanceHints, type SignificanceHint } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, invalid, wrongState, type Deps } from '../platform';
import { parse } from './inputs';
import { announce, load } from './view';

const REPORTABLE: ClockKind[] = ['cs_early_warning', 'cs_notification', 'cs_final_report', 'cs_situation_report', 'imy_notification'];

/** Facts for the triage card's hints: similar incidents in the last months (same category). */
export async function triageHints(deps: Deps, stored: StoredOf<'Incidents'>, facts: { restrictedHours?: number | null; manualWorkaroundHours?: number | null }): Promise<SignificanceHint[]> {
  const since = new Date(deps.clock.now().getTime() - 183 * 24 * 3_600_000).toISOString();
  const similar = await deps.store.query('Incidents', { where: [{ field: 'category', op: 'eq', value: stored.data.category }], pageSize: 999 });
  const similarRecent = similar.items.filter((s) => s.id !== stored.id && s.data.reportedAt >= since).length;
  return significanceHints({ ...facts, affectedPeople: stored.data.personalData.protectedIdentity ? stored.data.personalData.approxSubjects : null, similarRecent });
}

export async function triageIncident(deps: Deps, actor: Actor, id: string, raw: unknown, operationKey: string): Promise<StoredOf<'Incidents'>> {
  if (!canTriageIncident(actor)) throw forbidden('incident.error.mayNotTriage');
  const input = parse(TriageInput, 'Incidents', raw);
  const stored = await load(deps, id);
  if (stored.data.status === 'closed') throw wrongState('incident.error.closed');
  if (input.significant === 'no' && !input.rationale) throw invalid('incident.rationaleRequired');
  const now = deps.clock.now();
  const clocks = clocksAfterTriage(stored.data, input, now, actor.id, deps.settings);
  const updated = await deps.store.update('Incidents', stored, {
    severity: input.severity,
    personalDataBreach: input.personalDataBreach,
    significant: input.significant,
    significanceRationale: input.rationale,
    triagedBy: actor.id,
    triagedAt: now.toISOString(),
    clocks,
    status: stored.data.status === 'reported' ? 'triaged' : stored.data.status,
  });
  await audit(deps, `triage:${operationKey}`, {
    actorId: actor.id,
    action: 'incident.triaged',
    target: `Incidents/${id}`,
    summary: `Triage: ${input.severity}, betydande ${input.significant}, personuppgiftsincident ${input.personalDataBreach ? 'ja' : 'nej'}`,
    details: { ...input },
  });
  await announce(deps, updated, `incident:${id}:triage:${operationKey}`);
  return updated;
}

export async function markReportSent(deps: Deps, actor: Actor, id: string, kind: string, reference: string | null, operationKey: string): Promise<StoredOf<'Incidents'>> {
  if (!canTriageIncident(actor)) throw forbidden('incident.error.mayNotTriage');
  const k = ClockKind.safeParse(kind);
  if (!k.success || !REPORTABLE.includes(k.data)) throw invalid('incident.error.unknownReport');
  const ref = reference?.trim() || null;
  if (ref && ref.length > 200) throw invalid('incident.error.referenceTooLong');
  const stored = await load(deps, id);
  const clock = stored.data.clocks.find((c) => c.kind === k.data);
  if (k.data === 'cs_situation_report') {
    if (!stored.data.clocks.some((c) => c.kind === 'cs_final_report' && c.completedAt === null)) throw wrongState('incident.error.noRunningClock');
  } else if (!clock || clock.completedAt !== null) {
    throw wrongState('incident.error.noRunningClock');
  }
  const updated = await deps.store.update('Incidents', stored, { clocks: clocksAfterReport(stored.data, k.data, deps.clock.now(), actor.id, ref) });
  await audit(deps, `report:${operationKey}`, { actorId: actor.id, action: 'incident.report_sent', target: `Incidents/${id}`, summary: `Rapport ${k.data} skickad`, details: { kind: k.data, reference: ref } });
  await announce(deps, updated, `incident:${id}:report:${operationKey}`);
  return updated;
}
