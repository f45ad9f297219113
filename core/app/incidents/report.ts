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
import { auditRecord, finish, forbidden, invalid, type Deps } from '../platform';
import { parse, ReportInput } from './inputs';
import { withPatch } from './change';
import { announcement, incidentView, load, ownership } from './view';

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
  // Independent reads side by side; each is used again below (nothing is read twice).
  const [asset, supplier] = await Promise.all([
    input.assetId ? deps.store.get('InformationAssets', input.assetId) : null,
    input.supplierId ? deps.store.get('Suppliers', input.supplierId) : null,
  ]);
  if (input.assetId && !asset) throw invalid('incident.error.assetUnknown');
  if (input.supplierId && !supplier) throw invalid('incident.error.supplierUnknown');
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
  // The audit entry and every card in one $batch — also when the record was there already: a retry
  // after a crash between the steps completes what is missing.
  const op = `incident:${record.id}:reported`;
  const { view, records } = await announcement(deps, record, op, record.data.assetId === input.assetId && record.data.supplierId === input.supplierId ? { asset, supplier } : undefined);
  const { completed } = await finish(deps, [
    auditRecord(deps, op, {
      actorId: actor.id,
      action: 'incident.reported',
      target: `Incidents/${record.id}`,
      summary: `Incident ${caseNumber(record.id, record.data.reportedAt)} rapporterad`,
      details: { category: record.data.category, assetId: record.data.assetId, personalData: record.data.personalData.involved, discoveredAt: record.data.discoveredAt, occurredAt: record.data.occurredAt },
    }),
    ...records,
  ]);
  // "Registered" goes to the first request that is answered: the one that created the record, or —
  // when that one never got its answer out (a crash, "committed, then 503") — the retry that
  // completed it. Only a repeat of a completed report is told "already submitted".
  return { incident: record, view, caseNumber: caseNumber(record.id, record.data.reportedAt), created: created || completed };
}

/** An incident as the actor may see it; refuses those who may not (checked against stored records). */
export async function viewIncident(deps: Deps, actor: Actor, id: string): Promise<{ stored: StoredOf<'Incidents'>; view: IncidentView }> {
  const stored = await load(deps, id);
  if (!canSeeIncident(actor, stored.data, await ownership(deps, stored.data))) throw forbidden('incident.error.mayNotSee');
  return { stored, view: await incidentView(deps, stored, { detailed: true }) };
}
