/**
 * The legal obligations of an incident as people record them: a report sent (when it actually
 * went, the authority's reference, the reasons when an IMY notification is late, the text kept as
 * evidence), a correction of that, a formal decision that a report is not needed, the authority's
 * request for an intermediate report, a corrected awareness time, and the facts the reports are
 * drafted from. None of these is refused because the incident is closed: closing hides no
 * obligation.
 */
import {
  canCorrectAwareness,
  canEditReportFacts,
  canHandleReport,
  type ClockKind,
  correctSent,
  decideNotRequired,
  formatStockholm,
  isLate,
  recordSent,
  requestIntermediate,
  type ClockRefusal,
  type Incident,
  type LegalClock,
} from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { forbidden, invalid, Refused, wrongState, type Deps } from '../platform';
import { applyChange } from './change';
import { currentDraft, freezeDraft } from './drafts';
import { reportKey } from './keys';
import { AwarenessInput, CorrectionInput, FactsInput, IntermediateRequestInput, NotRequiredInput, parse, SentInput } from './inputs';
import { load } from './view';

/** Five minutes of tolerance for clocks on phones; a time in the future is a typing error. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function refusal(r: ClockRefusal): Refused {
  switch (r) {
    case 'late_reason_required':
      return invalid('incident.error.lateReasonRequired');
    case 'sent_before_start':
      return invalid('incident.error.sentBeforeRequest');
    case 'not_sent':
      return wrongState('incident.error.notSent');
    case 'not_decidable':
      return wrongState('incident.error.notDecidable');
    case 'duplicate':
      return wrongState('incident.error.duplicateRequest');
    default:
      return wrongState('incident.error.noRunningClock');
  }
}

function notInFuture(deps: Deps, iso: string) {
  if (Date.parse(iso) > deps.clock.now().getTime() + FUTURE_TOLERANCE_MS) throw invalid('incident.error.futureTime');
}

const clockOf = (i: Incident, key: string): LegalClock | undefined => i.clocks.find((c) => c.key === key);

/**
 * Records a report as sent at the time it actually went. The current draft of that report, if
 * any, is kept unchanged from now on as the text that was sent.
 */
export async function recordReportSent(deps: Deps, actor: Actor, id: string, rawKey: string, raw: unknown, operationKey: string): Promise<StoredOf<'Incidents'>> {
  const { key, kind } = reportKey(rawKey);
  if (!canHandleReport(actor, kind)) throw forbidden(kind === 'imy_notification' || kind === 'data_subjects' || kind === 'breach_documentation' ? 'incident.error.mayNotReportGdpr' : 'incident.error.mayNotTriage');
  const input = parse(SentInput, 'Incidents', raw);
  notInFuture(deps, input.sentAt);
  const stored = await load(deps, id);
  const resumed = stored.data.lastOperation === `report_sent:${operationKey}`;
  const draft = await currentDraft(deps, id, key);
  let clocks = stored.data.clocks;
  if (!resumed) {
    const r = recordSent(stored.data, key, {
      sentAt: input.sentAt,
      recordedAt: deps.clock.now().toISOString(),
      by: actor.id,
      reference: input.reference,
      lateReason: input.lateReason,
      evidenceId: draft?.id ?? null,
    });
    if (!r.ok) throw refusal(r.refusal);
    clocks = r.clocks;
  }
  const clock = clockOf({ ...stored.data, clocks }, key)!;
  const { stored: updated } = await applyChange(deps, stored, actor.id, operationKey, {
    name: 'report_sent',
    patch: { clocks },
    audit: {
      action: 'incident.report_sent',
      summary: `Rapport ${key} registrerad som skickad ${formatStockholm(input.sentAt, 'sv')}`,
      details: { key, kind, sentAt: input.sentAt, reference: input.reference, late: isLate(clock, input.sentAt), lateReason: input.lateReason, evidenceId: clock.evidenceId },
    },
  });
  const evidence = clockOf(updated.data, key)?.evidenceId;
  if (evidence) await freezeDraft(deps, evidence, { sentAt: input.sentAt, sentBy: actor.id, reference: input.reference });
  return updated;
}

/** Corrects when a report was sent, its reference or the reasons for its delay — with a reason, audited. */
export async function correctReportSent(deps: Deps, actor: Actor, id: string, rawKey: string, raw: unknown, operationKey: string): Promise<StoredOf<'Incidents'>> {
  const { key, kind } = reportKey(rawKey);
  if (!canHandleReport(actor, kind)) throw forbidden('incident.error.mayNotTriage');
  const input = parse(CorrectionInput, 'Incidents', raw);
  notInFuture(deps, input.sentAt);
  const stored = await load(deps, id);
  const before = clockOf(stored.data, key);
  if (stored.data.lastOperation === `report_corrected:${operationKey}`) {
    return (await applyChange(deps, stored, actor.id, operationKey, { name: 'report_corrected', patch: {}, audit: correctionAudit(key, kind, before, input) })).stored;
  }
  const r = correctSent(stored.data.clocks, key, input);
  if (!r.ok) throw refusal(r.refusal);
  const { stored: updated } = await applyChange(deps, stored, actor.id, operationKey, { name: 'report_corrected', patch: { clocks: r.clocks }, audit: correctionAudit(key, kind, before, input) });
  if (before?.evidenceId) await freezeDraft(deps, before.evidenceId, { sentAt: input.sentAt, sentBy: before.completedBy ?? actor.id, reference: input.reference });
  return updated;
}

function correctionAudit(key: string, kind: ClockKind, before: LegalClock | undefined, input: { sentAt: string; reference: string | null; lateReason: string | null; reason: string }) {
  return {
    action: 'incident.report_corrected',
    summary: `Uppgifterna om rapport ${key} rättade`,
    details: {
      key,
      kind,
      before: { sentAt: before?.completedAt ?? null, reference: before?.reference ?? null, lateReason: before?.lateReason ?? null },
      after: { sentAt: input.sentAt, reference: input.reference, lateReason: input.lateReason },
      reason: input.reason,
    },
  };
}

/** A formal decision that an open obligation is not needed, with its rationale (evidence). */
export async function decideReportNotRequired(deps: Deps, actor: Actor, id: string, rawKey: string, raw: unknown, operationKey: string): Promise<StoredOf<'Incidents'>> {
  const { key, kind } = reportKey(rawKey);
  if (!canHandleReport(actor, kind)) throw forbidden('incident.error.mayNotTriage');
  const { rationale } = parse(NotRequiredInput, 'Incidents', raw);
  const stored = await load(deps, id);
  let clocks = stored.data.clocks;
  if (stored.data.lastOperation !== `report_not_required:${operationKey}`) {
    const r = decideNotRequired(stored.data.clocks, key, rationale, deps.clock.now().toISOString(), actor.id);
    if (!r.ok) throw refusal(r.refusal);
    clocks = r.clocks;
  }
  return (
    await applyChange(deps, stored, actor.id, operationKey, {
      name: 'report_not_required',
      patch: { clocks },
      audit: { action: 'incident.report_not_required', summary: `Beslut: rapport ${key} behövs inte`, details: { key, kind, rationale } },
    })
  ).stored;
}

/** MCF asks for an intermediate report by a date: a new clock from the request to that date. */
export async function requestIntermediateReport(deps: Deps, actor: Actor, id: string, raw: unknown, operationKey: string): Promise<StoredOf<'Incidents'>> {
  if (!canHandleReport(actor, 'cs_intermediate_report')) throw forbidden('incident.error.mayNotTriage');
  const input = parse(IntermediateRequestInput, 'Incidents', raw);
  notInFuture(deps, input.requestedAt);
  if (Date.parse(input.dueAt) <= Date.parse(input.requestedAt)) throw invalid('incident.error.dueBeforeRequest');
  const stored = await load(deps, id);
  let clocks = stored.data.clocks;
  if (stored.data.lastOperation !== `intermediate_requested:${operationKey}`) {
    const r = requestIntermediate(stored.data.clocks, input);
    if (!r.ok) throw refusal(r.refusal);
    clocks = r.clocks;
  }
  const key = clocks.filter((c) => c.kind === 'cs_intermediate_report').at(-1)?.key ?? 'cs_intermediate_report:1';
  return (
    await applyChange(deps, stored, actor.id, operationKey, {
      name: 'intermediate_requested',
      patch: { clocks },
      audit: { action: 'incident.intermediate_requested', summary: 'MCF har begärt en delrapport', details: { key, requestedAt: input.requestedAt, dueAt: input.dueAt, reference: input.reference } },
    })
  ).stored;
}

/**
 * Corrects when the organisation became aware (ISAM, with a reason): every deadline counted from it
 * moves, and sent reports are judged by it again.
 */
export async function correctAwareness(deps: Deps, actor: Actor, id: string, raw: unknown, operationKey: string): Promise<StoredOf<'Incidents'>> {
  if (!canCorrectAwareness(actor)) throw forbidden('incident.error.mayNotCorrectAwareness');
  const input = parse(AwarenessInput, 'Incidents', raw);
  notInFuture(deps, input.awareAt);
  const stored = await load(deps, id);
  const resumed = stored.data.lastOperation === `awareness_corrected:${operationKey}`;
  // A resumed correction (its write landed, its audit did not) no longer knows the earlier time.
  const from = resumed ? null : stored.data.awareAt;
  if (!resumed && Date.parse(stored.data.awareAt) === Date.parse(input.awareAt)) return stored;
  const { stored: updated } = await applyChange(deps, stored, actor.id, operationKey, {
    name: 'awareness_corrected',
    patch: { awareAt: new Date(input.awareAt).toISOString() },
    audit: { action: 'incident.awareness_corrected', summary: 'Tidpunkten för kännedom rättad', details: { from, to: new Date(input.awareAt).toISOString(), reason: input.reason } },
  });
  return updated;
}

const FACT_FIELDS = [
  'cause',
  'causeDescription',
  'suspectedMalicious',
  'crossBorder',
  'restrictedHours',
  'manualWorkaroundHours',
  'impact',
  'indicators',
  'mitigation',
  'breachNature',
  'approxRecords',
  'consequences',
] as const;

/** The facts the reports are drafted from (ISAM, the IT security officer, the DSO). Only the fields sent change. */
export async function updateReportFacts(deps: Deps, actor: Actor, id: string, raw: unknown, operationKey: string): Promise<StoredOf<'Incidents'>> {
  if (!canEditReportFacts(actor)) throw forbidden('incident.error.mayNotEditFacts');
  const input = parse(FactsInput, 'Incidents', raw);
  const stored = await load(deps, id);
  const facts = { ...stored.data.facts };
  const changed: string[] = [];
  for (const f of FACT_FIELDS) {
    const v = input[f];
    if (v !== undefined && JSON.stringify(v) !== JSON.stringify(facts[f])) {
      (facts as Record<string, unknown>)[f] = v;
      changed.push(f);
    }
  }
  const resumed = stored.data.lastOperation === `facts:${operationKey}`;
  if (!changed.length && !resumed) return stored;
  const now = deps.clock.now().toISOString();
  return (
    await applyChange(deps, stored, actor.id, operationKey, {
      name: 'facts',
      patch: changed.length ? { facts: { ...facts, updatedAt: now, updatedBy: actor.id } } : {},
      audit: { action: 'incident.facts_updated', summary: 'Uppgifter för rapporterna ändrade', details: { fields: changed } },
    })
  ).stored;
}
