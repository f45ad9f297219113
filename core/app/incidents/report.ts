/**
 * Reporting an incident, and one incident as the actor may see it. Like every incident use case
 * (triage.ts, investigation.ts), each re-reads what it acts on, checks the actor against stored records
 * (core/domain/policy), writes with If-Match, audits with the real actor, and notifies through the
 * outbox with keys derived from the operation, so a retry or a double click changes nothing twice.
 */
import type { IncidentView } from '../../api';
import { canSeeIncident, caseNumber, EMPTY_FACTS, isLater, type Incident } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, invalid, type Deps } from '../platform';
import { parse, ReportInput } from './inputs';
import { withPatch } from './change';
import { announce, incidentView, load, ownership } from './view';

export interface ReportResult {
  incident: StoredOf<'Incidents'>;
  view: IncidentView;
  caseNumber: string;
  /** False when this was a repeat of a report already made (double click, retried invoke). */
  created: boolean;
}

export async function reportIncident(deps: Deps, actor: Actor, raw: unknown, operationKey: string): Promise<ReportResult> {
  const input = parse(ReportInput, 'Incidents', raw);
  const now = deps.clock.now();
  // A few minutes of tolerance for clocks on phones; a report about the future is a typing error.
  if (isLater(input.discoveredAt, new Date(now.getTime() + 5 * 60_000).toISOString())) throw invalid('incident.discoveredInFuture');
  if (input.assetId && !(await deps.store.get('InformationAssets', input.assetId))) throw invalid('incident.error.assetUnknown');
  if (input.supplierId && !(await deps.store.get('Suppliers', input.supplierId))) throw invalid('incident.error.supplierUnknown');
  const firstLine = input.description.split('\n')[0]!.trim();
  const title = input.title || (firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine);
  // The clocks run at once — provisionally, from the discovery time — until someone decides.
  const draft: Incident = {
    title,
    category: input.category,
    description: input.description,
    occurredAt: input.occurredAt,
    discoveredAt: input.discoveredAt,
    awareAt: input.discoveredAt,
    reportedAt: now.toISOString(),
    reporterId: actor.id,
    reporterUnit: actor.person?.unit ?? null,
    managerId: actor.person?.managerAadObjectId ?? null,
    assetId: input.assetId,
    supplierId: input.supplierId,
    personalData: input.personalData,
    status: 'reported',
    severity: null,
    personalDataBreach: null,
    significant: 'undecided',
    significanceRationale: null,
    triagedBy: null,
    triagedAt: null,
    clocks: [],
    assessments: [],
    facts: EMPTY_FACTS,
    investigation: null,
    closedBy: null,
    closedAt: null,
    nextDueAt: null,
    lastOperation: null,
  };
  const { record, created } = await deps.store.createOrGet('Incidents', `incident:${operationKey}`, withPatch(deps, draft, {}));
  if (record.data.reporterId !== actor.id) throw forbidden('incident.error.notYours');
  await audit(deps, `incident:${record.id}:reported`, {
    actorId: actor.id,
    action: 'incident.reported',
    target: `Incidents/${record.id}`,
    summary: `Incident ${caseNumber(record.id, record.data.reportedAt)} rapporterad`,
    details: { category: record.data.category, assetId: record.data.assetId, personalData: record.data.personalData.involved, discoveredAt: record.data.discoveredAt, occurredAt: record.data.occurredAt },
  });
  const view = await announce(deps, record, `incident:${record.id}:reported`);
  return { incident: record, view, caseNumber: caseNumber(record.id, record.data.reportedAt), created };
}

/** An incident as the actor may see it; refuses those who may not (checked against stored records). */
export async function viewIncident(deps: Deps, actor: Actor, id: string): Promise<{ stored: StoredOf<'Incidents'>; view: IncidentView }> {
  const stored = await load(deps, id);
  if (!canSeeIncident(actor, stored.data, await ownership(deps, stored.data))) throw forbidden('incident.error.mayNotSee');
  return { stored, view: await incidentView(deps, stored, { detailed: true }) };
}
