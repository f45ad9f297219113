/**
 * Incident use cases (issue 3), shared by the bot and the tab API. Each one re-reads what it acts on,
 * checks the actor against stored records (core/domain/policy), writes with If-Match, audits with the
 * real actor, and notifies through the outbox with keys derived from the operation, so a retry or a
 * double click changes nothing twice.
 */
import { z } from 'zod';
import {
  caseNumber,
  clocksAfterClose,
  clocksAfterReport,
  clocksAfterTriage,
  canInvestigateIncident,
  canReopenIncident,
  canSeeIncident,
  canTriageIncident,
  ClockKind,
  IncidentCategory,
  isLater,
  ItemId,
  Line,
  PersonalDataInvolvement,
  reminderStages,
  Severity,
  Significance,
  significanceHints,
  Text,
  UtcDateTime,
  type Incident,
  type LegalClock,
  type SignificanceHint,
} from '../../domain';
import { RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import { issuesFromZod } from '../../i18n/validation';
import type { Actor } from '../people';
import { audit, type Deps, forbidden, invalid, Refused, wrongState, notify, notifyAll, type Recipient } from '../platform';

// ── inputs ─────────────────────────────────────────────────────────────────

export const ReportInput = z.object({
  category: IncidentCategory,
  title: z.string().trim().max(255).nullable(),
  description: Text(10_000),
  occurredAt: UtcDateTime.nullable(),
  discoveredAt: UtcDateTime,
  assetId: ItemId.nullable(),
  supplierId: ItemId.nullable(),
  personalData: PersonalDataInvolvement,
});
export type ReportInput = z.infer<typeof ReportInput>;

export const TriageInput = z.object({
  severity: Severity,
  personalDataBreach: z.boolean(),
  significant: Significance,
  rationale: z.string().trim().max(4_000).nullable(),
  /** GDPR art. 33: a breach that is unlikely to result in a risk need not be notified — with reasons. */
  imyNotRequiredRationale: z.string().trim().max(4_000).nullable(),
});
export type TriageInput = z.infer<typeof TriageInput>;

export const InvestigationInput = z.object({ findings: Text(10_000), actions: Text(10_000) });

const REPORTABLE: ClockKind[] = ['cs_early_warning', 'cs_notification', 'cs_final_report', 'cs_situation_report', 'imy_notification'];

function parse<T>(schema: z.ZodType<T>, list: string, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new RecordValidationError(list, issuesFromZod(r.error));
  return r.data;
}

// ── views ──────────────────────────────────────────────────────────────────

/** What cards and the tab show of an incident. Names are resolved once, when the view is built. */
export interface IncidentView {
  id: string;
  caseNumber: string;
  /** False for channel copies of incidents involving protected identity: no details at all. */
  detailed: boolean;
  status: Incident['status'];
  category: Incident['category'] | null;
  title: string | null;
  description: string | null;
  severity: Incident['severity'];
  significant: Incident['significant'];
  personalDataBreach: boolean | null;
  personalData: Incident['personalData'] | null;
  reportedAt: string;
  discoveredAt: string | null;
  occurredAt: string | null;
  reporterName: string | null;
  unit: string | null;
  managerName: string | null;
  managerId: string | null;
  assetName: string | null;
  supplierName: string | null;
  clocks: LegalClock[];
  investigation: Incident['investigation'];
  closedAt: string | null;
  significanceRationale: string | null;
}

export async function incidentView(
  deps: Deps,
  stored: StoredOf<'Incidents'>,
  options: { detailed: boolean; asset?: StoredOf<'InformationAssets'> | null },
): Promise<IncidentView> {
  const i = stored.data;
  const number = caseNumber(stored.id, i.reportedAt);
  if (!options.detailed) {
    return {
      id: stored.id, caseNumber: number, detailed: false, status: i.status, category: null, title: null, description: null, severity: i.severity,
      significant: i.significant, personalDataBreach: null, personalData: null, reportedAt: i.reportedAt, discoveredAt: null, occurredAt: null,
      reporterName: null, unit: null, managerName: null, managerId: i.managerId, assetName: null, supplierName: null, clocks: i.clocks, investigation: null,
      closedAt: i.closedAt, significanceRationale: null,
    };
  }
  const [people, asset, supplier] = await Promise.all([
    deps.directory.getPeople([i.reporterId, ...(i.managerId ? [i.managerId] : [])]),
    options.asset !== undefined ? options.asset : i.assetId ? deps.store.get('InformationAssets', i.assetId) : null,
    i.supplierId ? deps.store.get('Suppliers', i.supplierId) : null,
  ]);
  const name = (id: string | null) => people.find((p) => p.aadObjectId === id)?.displayName ?? null;
  return {
    id: stored.id, caseNumber: number, detailed: true, status: i.status, category: i.category, title: i.title, description: i.description, severity: i.severity,
    significant: i.significant, personalDataBreach: i.personalDataBreach, personalData: i.personalData, reportedAt: i.reportedAt, discoveredAt: i.discoveredAt,
    occurredAt: i.occurredAt, reporterName: name(i.reporterId), unit: i.reporterUnit, managerName: name(i.managerId), managerId: i.managerId,
    assetName: asset ? `${asset.data.code} ${asset.data.name}` : null, supplierName: supplier?.data.name ?? null, clocks: i.clocks,
    investigation: i.investigation, closedAt: i.closedAt, significanceRationale: i.significanceRationale,
  };
}

/** Everyone told about an incident, and whether their copy may show details. */
function audience(stored: StoredOf<'Incidents'>, asset: StoredOf<'InformationAssets'> | null): { to: Recipient; detailed: boolean }[] {
  const i = stored.data;
  const out: { to: Recipient; detailed: boolean }[] = [{ to: { type: 'channel', role: 'isam' }, detailed: !i.personalData.protectedIdentity }];
  if (i.managerId && i.managerId !== i.reporterId) out.push({ to: { type: 'person', id: i.managerId }, detailed: true });
  if (asset) {
    for (const owner of [asset.data.ownerId, asset.data.delegateId]) {
      if (owner && owner !== i.reporterId && owner !== i.managerId && !out.some((o) => o.to.type === 'person' && o.to.id === owner)) out.push({ to: { type: 'person', id: owner }, detailed: true });
    }
  }
  if (i.personalDataBreach) out.push({ to: { type: 'channel', role: 'dso' }, detailed: !i.personalData.protectedIdentity });
  return out;
}

/**
 * Sends (or updates in place) the incident card to everyone concerned: the asset is read once, each
 * view (detailed, restricted) built once, and all outbox entries written in one batch. Returns the
 * detailed view for the caller's own card.
 */
async function announce(deps: Deps, stored: StoredOf<'Incidents'>, operationKey: string): Promise<IncidentView> {
  const asset = stored.data.assetId ? await deps.store.get('InformationAssets', stored.data.assetId) : null;
  const detailed = await incidentView(deps, stored, { detailed: true, asset });
  const restricted = await incidentView(deps, stored, { detailed: false, asset });
  const at = deps.clock.now().toISOString(); // the outbox renders later; "overdue" is judged as of the change
  await notifyAll(
    deps,
    `${operationKey}:notice`,
    audience(stored, asset).map((a) => ({
      to: a.to,
      card: 'incident.notice',
      payload: { view: a.detailed ? detailed : restricted, audience: a.to.type === 'channel' ? a.to.role : 'person', at },
      correlationKey: `incident:${stored.id}:notice`,
    })),
  );
  return detailed;
}

async function load(deps: Deps, id: string): Promise<StoredOf<'Incidents'>> {
  const stored = /^\d+$/.test(id) ? await deps.store.get('Incidents', id) : null;
  if (!stored) throw new Refused('not_found', 'error.notFound');
  return stored;
}

async function ownership(deps: Deps, incident: Incident) {
  if (!incident.assetId) return null;
  const asset = await deps.store.get('InformationAssets', incident.assetId);
  return asset ? { ownerId: asset.data.ownerId, delegateId: asset.data.delegateId } : null;
}

// ── use cases ──────────────────────────────────────────────────────────────

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
  const { record, created } = await deps.store.createOrGet('Incidents', `incident:${operationKey}`, {
    title,
    category: input.category,
    description: input.description,
    occurredAt: input.occurredAt,
    discoveredAt: input.discoveredAt,
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
    investigation: null,
    closedBy: null,
    closedAt: null,
  });
  if (record.data.reporterId !== actor.id) throw forbidden('incident.error.notYours');
  await audit(deps, `incident:${operationKey}`, {
    actorId: actor.id,
    action: 'incident.reported',
    target: `Incidents/${record.id}`,
    summary: `Incident ${caseNumber(record.id, record.data.reportedAt)} rapporterad`,
    details: { category: record.data.category, assetId: record.data.assetId, personalData: record.data.personalData.involved },
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

// ── scheduled ──────────────────────────────────────────────────────────────

/** Untriaged reports are raised to ISAM after this long (the 24-hour clock may already be running). */
export const UNTRIAGED_AFTER_MS = 2 * 3_600_000;

/**
 * Reminders before each deadline and when it has passed, to the ISAM channel (and the manager for
 * the investigation). Each reminder's outbox key names incident, clock, stage and due time, so it is
 * sent exactly once however often and on however many instances this runs.
 */
export async function sendIncidentReminders(deps: Deps, now: Date): Promise<number> {
  let queued = 0;
  for (const status of ['reported', 'triaged', 'investigating'] as const) {
    for await (const stored of deps.store.queryAll('Incidents', { where: [{ field: 'status', op: 'eq', value: status }] })) {
      const i = stored.data;
      if (status === 'reported' && now.getTime() - Date.parse(i.reportedAt) >= UNTRIAGED_AFTER_MS) {
        await notify(deps, `reminder:${stored.id}:untriaged`, {
          to: { type: 'channel', role: 'isam' },
          card: 'incident.reminder',
          payload: { id: stored.id, caseNumber: caseNumber(stored.id, i.reportedAt), kind: 'untriaged', stage: 'overdue', dueAt: i.reportedAt, detailed: !i.personalData.protectedIdentity, title: i.personalData.protectedIdentity ? null : i.title },
          correlationKey: `incident:${stored.id}:reminder:untriaged`,
        });
        queued++;
      }
      for (const clock of i.clocks) {
        for (const stage of reminderStages(clock, now)) {
          const recipients: Recipient[] = [{ type: 'channel', role: 'isam' }];
          if (clock.kind === 'internal_investigation' && i.managerId) recipients.push({ type: 'person', id: i.managerId });
          if (clock.kind === 'imy_notification') recipients.push({ type: 'channel', role: 'dso' });
          for (const to of recipients) {
            const detailed = to.type === 'person' || !i.personalData.protectedIdentity;
            await notify(deps, `reminder:${stored.id}:${clock.kind}:${stage}:${clock.dueAt}`, {
              to,
              card: 'incident.reminder',
              payload: { id: stored.id, caseNumber: caseNumber(stored.id, i.reportedAt), kind: clock.kind, stage, dueAt: clock.dueAt, detailed, title: detailed ? i.title : null },
              correlationKey: `incident:${stored.id}:reminder:${clock.kind}`,
            });
            queued++;
          }
        }
      }
    }
  }
  return queued;
}

// ── my cases ───────────────────────────────────────────────────────────────

export interface MyCases {
  reported: StoredOf<'Incidents'>[];
  toInvestigate: StoredOf<'Incidents'>[];
  accessRequests: StoredOf<'AccessRequests'>[];
}

export async function myCases(deps: Deps, actor: Actor): Promise<MyCases> {
  const [reported, managed, requests] = await Promise.all([
    deps.store.query('Incidents', { where: [{ field: 'reporterId', op: 'eq', value: actor.id }], pageSize: 50 }),
    deps.store.query('Incidents', { where: [{ field: 'managerId', op: 'eq', value: actor.id }], pageSize: 200 }),
    deps.store.query('AccessRequests', { where: [{ field: 'requesterId', op: 'eq', value: actor.id }], pageSize: 50 }),
  ]);
  const newest = <T extends { data: { reportedAt?: string; requestedAt?: string } }>(a: T, b: T) => (b.data.reportedAt ?? b.data.requestedAt ?? '').localeCompare(a.data.reportedAt ?? a.data.requestedAt ?? '');
  return {
    reported: reported.items.sort(newest).slice(0, 10),
    toInvestigate: managed.items.filter((m) => m.data.status !== 'closed' && m.data.reporterId !== actor.id).sort(newest).slice(0, 10),
    accessRequests: requests.items.sort(newest).slice(0, 10),
  };
}

