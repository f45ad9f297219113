/**
 * The rules of issue 14's registers, as data and pure functions: the 4×4 risk matrix and the risk
 * record's treatment rules, the DPIA screening (two or more criteria), the impact assessment's
 * decision rules, retention per record type, the requirements that follow from a classification,
 * supplier follow-ups, internal audit findings, and the separation-of-duties rules of the policy.
 */
import { describe, expect, it } from 'vitest';
import {
  addYearsToDate,
  followUpDates,
  highestLevels,
  ImpactAssessment,
  InternalAudit,
  needsImprovementAction,
  ProcessingActivity,
  removalVerdict,
  requirementsFor,
  retentionCutoff,
  retentionYearsOf,
  Risk,
  RISK_MATRIX,
  riskLevel,
  screeningOutcome,
  SECURITY_REQUIREMENTS,
} from '../../../core/domain';
import { auditorIsImpartial, canAcceptRisk, canAssignRoleTo, canDecideImpactAssessment, canGiveDsoOpinion, canReadRisk } from '../../../core/domain/policy';

const A = 'd0000000-0000-4000-8000-000000000030';
const B = 'd0000000-0000-4000-8000-000000000002';
const actor = (id: string, ...roles: string[]) => ({ id, roles: new Set(roles) as never, unit: null });
const settings = { retentionYears: 5, agreementRetentionYears: 10 };

const risk = (o: Record<string, unknown> = {}) => ({
  code: 'RISK-001', title: 'Felskickad e-post', assetId: '6', process: null, unit: 'ADM', threat: 'Fel mottagare.', vulnerability: null, consequence: 'Incident.',
  likelihood: 3, consequenceLevel: 3, level: 'high', treatment: null, treatmentRationale: null, transferredTo: null, actionIds: [], residualLikelihood: null, residualConsequence: null,
  ownerId: A, decidedBy: null, decidedAt: null, reviewAt: '2027-03-31', status: 'open', createdBy: B, updatedAt: '2026-11-28T09:00:00.000Z', lastReminderAt: null, archived: false, archivedAt: null, ...o,
});
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message.replace('i18n:', '')));

describe('the risk matrix', () => {
  it('is 4×4 data, and its levels grow with likelihood and consequence', () => {
    expect(RISK_MATRIX).toHaveLength(4);
    const order = ['low', 'medium', 'high', 'very_high'];
    for (let l = 1; l <= 4; l++) {
      expect(RISK_MATRIX[l - 1]).toHaveLength(4);
      for (let c = 1; c <= 4; c++) {
        if (l < 4) expect(order.indexOf(riskLevel(l + 1, c))).toBeGreaterThanOrEqual(order.indexOf(riskLevel(l, c)));
        if (c < 4) expect(order.indexOf(riskLevel(l, c + 1))).toBeGreaterThanOrEqual(order.indexOf(riskLevel(l, c)));
      }
    }
    expect([riskLevel(1, 1), riskLevel(2, 3), riskLevel(3, 3), riskLevel(4, 4)]).toEqual(['low', 'medium', 'high', 'very_high']);
    expect(() => riskLevel(5, 1)).toThrow();
  });

  it('asks for what each treatment needs, and a level that matches the matrix', () => {
    expect(messages(Risk.safeParse(risk()))).toEqual([]);
    expect(messages(Risk.safeParse(risk({ treatment: 'accept' })))).toEqual(['risk.rationaleRequired']);
    expect(messages(Risk.safeParse(risk({ treatment: 'transfer' })))).toEqual(['risk.transferredToRequired']);
    expect(messages(Risk.safeParse(risk({ treatment: 'reduce', status: 'treated' })))).toEqual(['risk.actionsRequired']);
    expect(messages(Risk.safeParse(risk({ treatment: 'reduce', status: 'treated', actionIds: ['4'] })))).toEqual([]);
    expect(messages(Risk.safeParse(risk({ status: 'treated' })))).toEqual(['risk.treatmentRequired']);
    expect(messages(Risk.safeParse(risk({ assetId: null })))).toEqual(['risk.scopeRequired']);
    expect(messages(Risk.safeParse(risk({ residualLikelihood: 2 })))).toEqual(['risk.residualBoth']);
    expect(messages(Risk.safeParse(risk({ level: 'low' })))).toEqual(['risk.levelMismatch']);
  });
});

describe('the DPIA screening (EDPB WP248)', () => {
  it('requires an impact assessment from two criteria, asks to consider one, and not for none', () => {
    expect(screeningOutcome([])).toBe('not_required');
    expect(screeningOutcome(['large_scale'])).toBe('consider');
    expect(screeningOutcome(['large_scale', 'large_scale'])).toBe('consider');
    expect(screeningOutcome(['large_scale', 'vulnerable_subjects'])).toBe('required');
  });

  it('keeps a processing record consistent with its screening, and asks why one criterion is enough', () => {
    const p = {
      code: 'PA-001', name: 'Behandling', purpose: 'Ändamål.', legalBasis: 'Art. 6.1 e', controllerName: 'Nämnden', dpoContact: 'Dso', dataSubjectCategories: [], personalDataCategories: [],
      specialCategories: false, recipients: [], thirdCountryTransfers: [], retention: 'Gallras.', securityMeasures: 'Åtgärder.', assetIds: [], supplierIds: [], ownerId: A, unit: 'IFO',
      updatedAt: '2026-11-28T09:00:00.000Z',
    };
    const screening = (criteria: string[], notes: string | null = null) => ({ criteria, notes, screenedBy: A, screenedAt: '2026-11-28' });
    expect(messages(ProcessingActivity.safeParse({ ...p, dpiaRequired: true, screening: screening(['large_scale', 'sensitive_data']) }))).toEqual([]);
    expect(messages(ProcessingActivity.safeParse({ ...p, dpiaRequired: false, screening: screening(['large_scale', 'sensitive_data']) }))).toEqual(['gdpr.screening.mismatch']);
    expect(messages(ProcessingActivity.safeParse({ ...p, dpiaRequired: false, screening: screening(['large_scale']) }))).toEqual(['gdpr.screening.notesRequired']);
    expect(messages(ProcessingActivity.safeParse({ ...p, dpiaRequired: true, screening: null }))).toEqual([]);
  });
});

describe('an impact assessment', () => {
  const dpia = (o: Record<string, unknown> = {}) => ({ code: 'DPIA-009', processingActivityId: '3', title: 'Bedömning', status: 'draft', riskLevel: null, dsoConsultedAt: null, dsoOpinion: null, conclusion: null, decidedBy: null, decidedAt: null, nextReviewAt: null, ...o });

  it('is decided only with the DSO’s written opinion, the residual risk, a conclusion and a decision', () => {
    expect(messages(ImpactAssessment.safeParse(dpia({ status: 'completed' })))).toEqual(['gdpr.dpia.opinionRequired', 'gdpr.dpia.residualRequired', 'gdpr.dpia.conclusionRequired', 'gdpr.dpia.decisionRequired']);
    expect(messages(ImpactAssessment.safeParse(dpia({ status: 'completed', dsoOpinion: 'Tillstyrks.', dsoConsultedAt: '2026-11-01', residualRisk: 'low', conclusion: 'Godtagbar risk.', decidedBy: A, decidedAt: '2026-11-20' })))).toEqual([]);
    expect(messages(ImpactAssessment.safeParse(dpia({ dsoOpinion: 'Yttrande.' })))).toEqual(['gdpr.dpia.consultedAtRequired']);
  });

  it('records prior consultation of IMY only for a residual high risk (art. 36)', () => {
    expect(messages(ImpactAssessment.safeParse(dpia({ priorConsultationAt: '2026-11-25', residualRisk: 'medium' })))).toEqual(['gdpr.dpia.consultationOnlyHigh']);
    expect(messages(ImpactAssessment.safeParse(dpia({ priorConsultationAt: '2026-11-25', residualRisk: 'high' })))).toEqual([]);
  });
});

describe('retention', () => {
  it('keeps evidence RETENTION_YEARS after archiving, agreements ten years, governing documents for good', () => {
    expect(retentionYearsOf('Risks', settings)).toBe(5);
    expect(retentionYearsOf('Suppliers', settings)).toBe(10);
    expect(retentionYearsOf('Procurements', { retentionYears: 12, agreementRetentionYears: 10 })).toBe(12);
    expect(retentionYearsOf('GoverningDocuments', settings)).toBeNull();
  });

  it('lets a record be removed from the day its retention ends, never before, never while in use', () => {
    expect(removalVerdict('Risks', null, '2030-01-01', settings)).toEqual({ ok: false, reason: 'not_archived' });
    expect(removalVerdict('Risks', '2021-03-15', '2026-03-14', settings)).toEqual({ ok: false, reason: 'retained', until: '2026-03-15', years: 5 });
    expect(removalVerdict('Risks', '2021-03-15', '2026-03-15', settings)).toEqual({ ok: true });
    expect(removalVerdict('Suppliers', '2021-03-15', '2026-03-15', settings)).toMatchObject({ ok: false, until: '2031-03-15', years: 10 });
    expect(removalVerdict('GoverningDocuments', '2001-01-01', '2026-03-15', settings)).toEqual({ ok: false, reason: 'permanent' });
    expect(addYearsToDate('2024-02-29', 5)).toBe('2029-02-28');
    expect(retentionCutoff('Risks', '2026-11-28', settings)).toBe('2021-11-28');
    expect(retentionCutoff('GoverningDocuments', '2026-11-28', settings)).toBeNull();
  });
});

describe('requirements from a classification', () => {
  it('are cumulative per aspect, none for level 0, and level 4 adds none (separate security-protection analysis)', () => {
    const k3 = requirementsFor({ confidentiality: 3, integrity: 0, availability: null, traceability: 1 }).map((r) => r.id);
    expect(k3.filter((id) => id.startsWith('K'))).toEqual(['K1-1', 'K1-2', 'K1-3', 'K2-1', 'K2-2', 'K2-3', 'K2-4', 'K3-1', 'K3-2', 'K3-3', 'K3-4', 'K3-5']);
    expect(k3.filter((id) => id.startsWith('R') || id.startsWith('T'))).toEqual([]);
    expect(k3.filter((id) => id.startsWith('S'))).toEqual(['S1-1']);
    expect(requirementsFor({ confidentiality: 4, integrity: null, availability: null, traceability: null })).toEqual(requirementsFor({ confidentiality: 3, integrity: null, availability: null, traceability: null }));
    expect(new Set(SECURITY_REQUIREMENTS.map((r) => r.id)).size).toBe(SECURITY_REQUIREMENTS.length);
    for (const r of SECURITY_REQUIREMENTS) expect(r.sv && r.en).toBeTruthy();
  });

  it('take the highest level per aspect over a procurement’s assets', () => {
    expect(highestLevels([{ confidentiality: 3, integrity: 1, availability: null, traceability: 2 }, { confidentiality: 1, integrity: 3, availability: 2, traceability: null }])).toEqual({ confidentiality: 3, integrity: 3, availability: 2, traceability: 2 });
    expect(highestLevels([])).toEqual({ confidentiality: null, integrity: null, availability: null, traceability: null });
  });
});

describe('supplier follow-ups and audit findings', () => {
  it('keep the next planned follow-up and the last one done', () => {
    const f = (id: string, plannedAt: string, doneAt: string | null) => ({ id, plannedAt, focus: 'x', doneAt, doneBy: null, findings: doneAt ? 'ok' : null });
    expect(followUpDates([f('U1', '2026-04-15', '2026-04-22'), f('U2', '2026-12-10', null), f('U3', '2026-12-01', null)])).toEqual({ next: '2026-12-01', last: '2026-04-22' });
    expect(followUpDates([])).toEqual({ next: null, last: null });
  });

  it('give corrective actions to nonconformities only, and a completed audit its date and conclusion', () => {
    const base = { code: 'REV-010', title: 'Revision', scope: 'Omfattning.', clauses: [], units: ['IFO'], auditorId: A, externalAuditor: null, plannedAt: '2026-12-01', performedAt: null, status: 'planned', conclusion: null, reportUrl: null, createdBy: B, updatedAt: '2026-11-28T09:00:00.000Z', lastReminderAt: null, archived: false, archivedAt: null };
    const finding = (o: Record<string, unknown>) => ({ id: 'F1', kind: 'nonconformity', requirement: null, text: 'Brist.', correctiveAction: null, actionOwnerId: null, actionDueAt: null, improvementActionId: null, ...o });
    expect(messages(InternalAudit.safeParse({ ...base, findings: [finding({ kind: 'observation', correctiveAction: 'Gör något.' })] }))).toContain('audit.correctiveOnlyNonconformity');
    expect(messages(InternalAudit.safeParse({ ...base, findings: [finding({ correctiveAction: 'Gör något.' })] }))).toEqual(['audit.actionOwnerAndDue']);
    expect(messages(InternalAudit.safeParse({ ...base, status: 'completed', findings: [] }))).toEqual(['audit.performedAtRequired', 'audit.conclusionRequired']);
    expect(needsImprovementAction(finding({ correctiveAction: 'Gör något.', actionOwnerId: A, actionDueAt: '2027-01-31' }) as never)).toBe(true);
    expect(needsImprovementAction(finding({ correctiveAction: 'Gör något.', actionOwnerId: A, actionDueAt: '2027-01-31', improvementActionId: '7' }) as never)).toBe(false);
  });
});

describe('separation of duties in the registers', () => {
  it('lets only the risk owner accept a risk, and the DSO alone give the opinion the owner decides on', () => {
    expect(canAcceptRisk(actor(B, 'isam'), { ownerId: A })).toBe(false);
    expect(canAcceptRisk(actor(A, 'manager'), { ownerId: A })).toBe(true);
    expect(canGiveDsoOpinion(actor(A, 'isam'))).toBe(false);
    expect(canGiveDsoOpinion(actor(B, 'dso'))).toBe(true);
    expect(canDecideImpactAssessment(actor(B, 'dso'), { ownerId: A })).toBe(false);
    expect(canDecideImpactAssessment(actor(A), { ownerId: A })).toBe(true);
  });

  it('keeps risks to those who need them, auditors off their own unit, and role holders from assigning themselves', () => {
    expect(canReadRisk(actor(B), { ownerId: A }, null)).toBe(false);
    expect(canReadRisk(actor(B), { ownerId: A }, { ownerId: B, delegateId: null })).toBe(true);
    expect(canReadRisk(actor(B, 'director'), { ownerId: A }, null)).toBe(true);
    expect(auditorIsImpartial('IFO', ['ifo'])).toBe(false);
    expect(auditorIsImpartial('ADM', ['IFO', 'AOM'])).toBe(true);
    expect(canAssignRoleTo(actor(B, 'admin_unit'), B)).toBe(false);
    expect(canAssignRoleTo(actor(B, 'admin_unit'), A)).toBe(true);
    expect(canAssignRoleTo(actor(B, 'manager'), A)).toBe(false);
  });
});
