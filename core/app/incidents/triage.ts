/**
 * ISAM's assessment — severity, personal-data breach, significance (Cybersäkerhetslagen) — and any
 * later change of it. The first assessment confirms or stops the provisional clocks; a
 * reassessment needs a reason, is kept beside the earlier ones, and reversing a decision restores
 * the clocks with their original due times (core/domain/clocks.ts). Hints for significance compare
 * the incident with others of the same root cause: same cause on the same asset or supplier.
 */
import {
  canTriageIncident,
  caseNumber,
  currentAssessment,
  DEFAULT_THRESHOLDS,
  sameRootCause,
  significanceHints,
  type Assessment,
  type Incident,
  type SignificanceHint,
} from '../../domain';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { forbidden, invalid, wrongState, type Deps } from '../platform';
import { applyChange } from './change';
import { parse, TriageInput } from './inputs';
import { load } from './view';

/** Incidents compared for "same root cause": at most this many per asset and per supplier, newest first. */
const SAME_CAUSE_PAGE = 100;

/**
 * Other incidents with the same root cause within the threshold's months: bounded, indexed reads
 * — the time window (`reportedAt ge since`, indexed) first, then the same asset or the same
 * supplier (indexed), newest first, one page each — compared on cause in memory.
 */
export async function sameCauseCases(deps: Deps, stored: StoredOf<'Incidents'>, months = DEFAULT_THRESHOLDS.sameCauseMonths): Promise<string[] | null> {
  const i = stored.data;
  if (!i.facts?.cause || i.facts.cause === 'other') return null;
  const since = new Date(Date.parse(i.reportedAt) - months * 30.5 * 24 * 3_600_000).toISOString();
  const window: Condition<'Incidents'> = { field: 'reportedAt', op: 'ge', value: since };
  const reads: Promise<{ items: StoredOf<'Incidents'>[] }>[] = [];
  if (i.assetId) reads.push(deps.store.query('Incidents', { where: [window, { field: 'assetId', op: 'eq', value: i.assetId }], orderBy: { field: 'reportedAt', direction: 'desc' }, pageSize: SAME_CAUSE_PAGE }));
  if (i.supplierId) reads.push(deps.store.query('Incidents', { where: [window, { field: 'supplierId', op: 'eq', value: i.supplierId }], orderBy: { field: 'reportedAt', direction: 'desc' }, pageSize: SAME_CAUSE_PAGE }));
  const found = new Map<string, string>();
  for (const page of await Promise.all(reads)) {
    for (const other of page.items) {
      if (other.id === stored.id || Date.parse(other.data.reportedAt) > Date.parse(i.reportedAt) + 31 * 24 * 3_600_000) continue;
      if (other.data.facts && sameRootCause(i, other.data)) found.set(other.id, caseNumber(other.id, other.data.reportedAt));
    }
  }
  return [...found.values()].sort();
}

/** Facts for the assessment's hints: thresholds reached, and incidents with the same root cause. */
export async function triageHints(deps: Deps, stored: StoredOf<'Incidents'>, facts: { restrictedHours?: number | null; manualWorkaroundHours?: number | null } = {}): Promise<SignificanceHint[]> {
  const f = stored.data.facts;
  return significanceHints({
    restrictedHours: facts.restrictedHours ?? f?.restrictedHours ?? null,
    manualWorkaroundHours: facts.manualWorkaroundHours ?? f?.manualWorkaroundHours ?? null,
    affectedPeople: stored.data.personalData.protectedIdentity ? stored.data.personalData.approxSubjects : null,
    sameCause: await sameCauseCases(deps, stored),
  });
}

const decisionOf = (a: Pick<Assessment, 'severity' | 'personalDataBreach' | 'significant' | 'rationale' | 'imyNotRequiredRationale'>) =>
  JSON.stringify([a.severity, a.personalDataBreach, a.significant, a.rationale ?? null, a.imyNotRequiredRationale ?? null]);

/**
 * Triage or reassessment. A "no" (not significant) needs a rationale; changing an earlier
 * assessment needs a reason; the same assessment again changes nothing.
 */
export async function triageIncident(deps: Deps, actor: Actor, id: string, raw: unknown, operationKey: string): Promise<StoredOf<'Incidents'>> {
  if (!canTriageIncident(actor)) throw forbidden('incident.error.mayNotTriage');
  const input = parse(TriageInput, 'Incidents', raw);
  const stored = await load(deps, id);
  if (stored.data.status === 'closed') throw wrongState('incident.error.closed');
  if (input.significant === 'no' && !input.rationale) throw invalid('incident.rationaleRequired');
  // A retry of this very operation (its write landed, its audit or notice did not) resumes it.
  const resumed = (['triage', 'reassessment', 'facts'] as const).find((n) => stored.data.lastOperation === `${n}:${operationKey}`);
  const history = resumed && resumed !== 'facts' ? stored.data.assessments.slice(0, -1) : stored.data.assessments;
  const previous = currentAssessment({ assessments: history });
  const now = deps.clock.now().toISOString();
  const assessment: Assessment = {
    at: now,
    by: actor.id,
    severity: input.severity,
    personalDataBreach: input.personalDataBreach,
    significant: input.significant,
    rationale: input.rationale,
    imyNotRequiredRationale: input.personalDataBreach ? input.imyNotRequiredRationale : null,
    reason: input.reason ?? null,
  };
  const decisionChanged = !previous || decisionOf(previous) !== decisionOf(assessment);
  if (previous && decisionChanged && !assessment.reason) throw invalid('incident.error.reasonRequired');

  const facts: Incident['facts'] = { ...stored.data.facts };
  let factsChanged = false;
  for (const f of ['cause', 'suspectedMalicious', 'crossBorder', 'restrictedHours', 'manualWorkaroundHours'] as const) {
    if (input[f] !== undefined && input[f] !== facts[f]) {
      (facts as Record<string, unknown>)[f] = input[f];
      factsChanged = true;
    }
  }
  if (factsChanged) Object.assign(facts, { updatedAt: now, updatedBy: actor.id });

  const patch: Partial<Incident> = {};
  if (decisionChanged) {
    Object.assign(patch, {
      assessments: [...history, assessment],
      severity: assessment.severity,
      personalDataBreach: assessment.personalDataBreach,
      significant: assessment.significant,
      significanceRationale: assessment.rationale,
      triagedBy: actor.id,
      triagedAt: now,
      status: stored.data.status === 'reported' ? 'triaged' : stored.data.status,
    });
  }
  if (factsChanged) patch.facts = facts;

  const first = !previous;
  const name = resumed ?? (first ? 'triage' : decisionChanged ? 'reassessment' : 'facts');
  const { stored: updated } = await applyChange(deps, stored, actor.id, operationKey, {
    name,
    patch,
    audit: {
      action: name === 'triage' ? 'incident.triaged' : name === 'reassessment' ? 'incident.reassessed' : 'incident.facts_updated',
      summary: name === 'triage' ? 'Incidenten bedömd' : name === 'reassessment' ? 'Bedömningen ändrad' : 'Uppgifter för rapporterna ändrade',
      details: {
        severity: assessment.severity,
        personalDataBreach: assessment.personalDataBreach,
        significant: assessment.significant,
        rationale: assessment.rationale,
        imyNotRequiredRationale: assessment.imyNotRequiredRationale,
        reason: assessment.reason,
        ...(previous ? { previous: { severity: previous.severity, personalDataBreach: previous.personalDataBreach, significant: previous.significant } } : {}),
        ...(factsChanged ? { facts: Object.fromEntries(['cause', 'suspectedMalicious', 'crossBorder', 'restrictedHours', 'manualWorkaroundHours'].map((f) => [f, facts[f as keyof typeof facts]])) } : {}),
      },
    },
  });
  return updated;
}
