/**
 * A year of the registers the ISAM and the DSO keep (issue 14), from teams-app/local/seed/registers.json:
 * risks with their treatments, the internal audit programme with findings whose corrective actions
 * are improvement actions (linked both ways), procurements with their checklists, ended role
 * assignments, and the audit log entries that give these records a history. Every record has a
 * deterministic key, like the rest of the demo seed, so a run that stops half-way is completed by
 * the next one without duplicates.
 */
import {
  dpiaChecklistKey,
  findingRef,
  highestLevels,
  requirementsFor,
  riskLevel,
  SUPPLIER_CHECKLIST_KEYS,
  SYSTEM_ACTOR,
  type AspectLevels,
  type ListName,
  type RecordOf,
} from '../../core/domain';
import type { Clock } from '../../core/ports/clock';
import type { NewRecord, RecordStore, StoredOf } from '../../core/ports/record-store';
import { morning } from './historic-clocks';
import type { SeedData } from './seed-data';

export interface RegisterSeedContext {
  store: RecordStore;
  clock: Clock;
  put: <L extends ListName>(list: L, records: NewRecord<L>[]) => Promise<StoredOf<L>[]>;
  d: SeedData;
  assetIds: Map<string, string>;
  supplierIds: Map<string, string>;
  isam: string;
  personNn: (nn: number) => string;
  mapCodes: (codes: string[], ids: Map<string, string>, what: string) => string[];
}

type History = { key: string; at: string; actorId: string; action: string; target: string; summary: string; details?: Record<string, unknown> };

export async function seedRegisterYear(c: RegisterSeedContext): Promise<void> {
  const { store, put, d, personNn } = c;
  const r = d.registers;
  const history: History[] = [];
  const actionId = async (n: number) => {
    const a = await store.findByKey('ImprovementActions', `seed:action:${n}`);
    if (!a) throw new Error(`Demo data names improvement action ${n}, which is not seeded`);
    return a;
  };

  // ── Risks ─────────────────────────────────────────────────────────────
  const risks = await put(
    'Risks',
    await Promise.all(
      r.risks.map(async (x) => {
        const owner = personNn(x.ownerNn);
        const decided = x.treatment !== null;
        const archivedAt = x.archivedAt ? new Date(x.archivedAt).toISOString() : null;
        return {
          key: `seed:risk:${x.code}`,
          data: {
            code: x.code,
            title: x.title,
            assetId: x.assetCode ? c.mapCodes([x.assetCode], c.assetIds, 'asset')[0]! : null,
            process: x.process,
            unit: x.unit,
            threat: x.threat,
            vulnerability: x.vulnerability,
            consequence: x.consequence,
            likelihood: x.likelihood,
            consequenceLevel: x.consequenceLevel,
            level: riskLevel(x.likelihood, x.consequenceLevel),
            treatment: x.treatment,
            treatmentRationale: x.treatmentRationale,
            transferredTo: x.transferredTo,
            actionIds: await Promise.all(x.actionNumbers.map(async (n) => (await actionId(n)).id)),
            residualLikelihood: x.residualLikelihood,
            residualConsequence: x.residualConsequence,
            ownerId: owner,
            // An accepted or avoided risk is the owner's decision; the others ISAM's proposal with the owner.
            decidedBy: decided ? (x.treatment === 'reduce' || x.treatment === 'transfer' ? c.isam : owner) : null,
            decidedAt: decided ? (x.decidedAt ?? x.createdAt) : null,
            reviewAt: x.reviewAt,
            status: x.status,
            createdBy: c.isam,
            updatedAt: morning(x.decidedAt ?? x.createdAt),
            lastReminderAt: null,
            archived: archivedAt !== null,
            archivedAt,
          } satisfies RecordOf<'Risks'>,
        };
      }),
    ),
  );
  for (const [i, s] of risks.entries()) {
    const x = r.risks[i]!;
    history.push({ key: `risk:${x.code}:created`, at: morning(x.createdAt), actorId: c.isam, action: 'risk.created', target: `Risks/${s.id}`, summary: `Risk ${x.code} registrerad: ${x.title}` });
    if (x.treatment === 'accept') history.push({ key: `risk:${x.code}:accepted`, at: morning(x.decidedAt ?? x.createdAt), actorId: s.data.ownerId, action: 'risk.accepted', target: `Risks/${s.id}`, summary: `Risk ${x.code} accepterad av riskägaren`, details: { changes: { treatment: { from: null, to: 'accept' } } } });
    else if (x.treatment) history.push({ key: `risk:${x.code}:treated`, at: morning(x.decidedAt ?? x.createdAt), actorId: s.data.decidedBy ?? c.isam, action: 'risk.treated', target: `Risks/${s.id}`, summary: `Risk ${x.code} ändrad`, details: { changes: { treatment: { from: null, to: x.treatment } } } });
    if (s.data.archivedAt) history.push({ key: `risk:${x.code}:archived`, at: s.data.archivedAt, actorId: c.isam, action: 'risk.archived', target: `Risks/${s.id}`, summary: `Risk ${x.code} arkiverad: avslutad`, details: { changes: { archived: { from: false, to: true } } } });
  }

  // ── Internal audits, and the improvement actions of their nonconformities ──
  const audits = await put(
    'Audits',
    r.audits.map((x) => ({
      key: `seed:audit:${x.code}`,
      data: {
        code: x.code,
        title: x.title,
        scope: x.scope,
        clauses: x.clauses,
        units: x.units,
        auditorId: personNn(x.auditorNn),
        externalAuditor: x.externalAuditor,
        plannedAt: x.plannedAt,
        performedAt: x.performedAt,
        status: x.status,
        conclusion: x.conclusion,
        reportUrl: x.reportUrl,
        // Linked below, once the audit has an id the actions can name.
        findings: x.findings.map((f) => ({ id: f.id, kind: f.kind, requirement: f.requirement, text: f.text, correctiveAction: f.correctiveAction, actionOwnerId: f.actionOwnerNn ? personNn(f.actionOwnerNn) : null, actionDueAt: f.actionDueAt, improvementActionId: null })),
        createdBy: c.isam,
        updatedAt: morning(x.performedAt ?? x.createdAt),
        lastReminderAt: null,
        archived: false,
        archivedAt: null,
      } satisfies RecordOf<'Audits'>,
    })),
  );
  for (const [i, s] of audits.entries()) {
    const x = r.audits[i]!;
    history.push({ key: `audit:${x.code}:created`, at: morning(x.createdAt), actorId: c.isam, action: 'internal_audit.created', target: `Audits/${s.id}`, summary: `Internrevision ${x.code} planerad ${x.plannedAt}: ${x.title}` });
    if (x.status === 'completed' && x.performedAt) history.push({ key: `audit:${x.code}:completed`, at: morning(x.performedAt), actorId: s.data.auditorId, action: 'internal_audit.completed', target: `Audits/${s.id}`, summary: `Internrevision ${x.code} genomförd ${x.performedAt}` });
    const links = new Map<string, string>();
    for (const f of x.findings) {
      if (f.kind !== 'nonconformity' || !f.correctiveAction) continue;
      const ref = findingRef(s.id, f.id);
      let action: StoredOf<'ImprovementActions'>;
      if (f.existingActionNumber) {
        action = await actionId(f.existingActionNumber);
        if (action.data.sourceRef !== ref) action = await store.update('ImprovementActions', action, { source: 'audit', sourceRef: ref });
      } else {
        const status = f.actionStatus ?? 'open';
        [action] = await put('ImprovementActions', [
          {
            key: `seed:audit-action:${x.code}:${f.id}`,
            data: {
              title: `${x.code} ${f.id}: ${f.correctiveAction}`.slice(0, 255),
              description: `Avvikelse vid internrevision ${x.code} (${x.title}): ${f.text}`,
              ownerId: personNn(f.actionOwnerNn!),
              dueAt: f.actionDueAt!,
              status,
              source: 'audit',
              sourceRef: ref,
              createdBy: c.isam,
              completedAt: status === 'done' ? morning(f.actionDueAt!) : null,
            },
          },
        ]) as [StoredOf<'ImprovementActions'>];
      }
      links.set(f.id, action.id);
    }
    if (links.size && s.data.findings.some((f) => links.has(f.id) && f.improvementActionId !== links.get(f.id))) {
      await store.update('Audits', s, { findings: s.data.findings.map((f) => ({ ...f, improvementActionId: links.get(f.id) ?? f.improvementActionId })) });
    }
  }

  // ── Procurements, each with its own checklist ─────────────────────────
  const levelsOf = (code: string): AspectLevels | null => {
    const a = d.assets.find((x) => x.code === code)?.classification;
    return a ? { confidentiality: a.k, integrity: a.r, availability: a.t, traceability: a.s } : null;
  };
  const procurements = await put(
    'Procurements',
    await Promise.all(
      r.procurements.map(async (x) => {
        let checklist: RecordOf<'Procurements'>['checklist'];
        if (Array.isArray(x.checklist)) checklist = x.checklist;
        else {
          const levels = highestLevels(x.assetCodes.map(levelsOf).filter((l): l is AspectLevels => l !== null));
          const processing = d.processing.filter((p) => p.assetCodes.some((a) => x.assetCodes.includes(a))).map((p) => p.code);
          const dpias = await Promise.all(d.impact.filter((i) => processing.includes(i.processingCode)).map((i) => store.findByKey('ImpactAssessments', `seed:dpia:${i.code}`)));
          const keys = [...SUPPLIER_CHECKLIST_KEYS, ...requirementsFor(levels).map((q) => q.id), ...dpias.filter((p) => p !== null).map((p) => dpiaChecklistKey(p!.id))];
          checklist = keys.map((key) =>
            x.checklist === 'all-with-third-country-note' && key === 'third_country'
              ? { key, done: false, note: 'Överföring till USA under EU–US Data Privacy Framework; godkänd av dataskyddsombudet 2025-11-20.' }
              : { key, done: true, note: null },
          );
        }
        return {
          key: `seed:procurement:${x.code}`,
          data: {
            code: x.code,
            title: x.title,
            description: x.description,
            unit: x.unit,
            ownerId: personNn(x.ownerNn),
            status: x.status,
            supplierId: x.supplierCode ? c.mapCodes([x.supplierCode], c.supplierIds, 'supplier')[0]! : null,
            assetIds: c.mapCodes(x.assetCodes, c.assetIds, 'asset'),
            checklist,
            plannedContractAt: x.plannedContractAt,
            contractedAt: x.contractedAt,
            createdBy: personNn(x.ownerNn),
            updatedAt: morning(x.contractedAt ?? x.createdAt),
            archived: false,
            archivedAt: null,
          } satisfies RecordOf<'Procurements'>,
        };
      }),
    ),
  );
  for (const [i, s] of procurements.entries()) {
    const x = r.procurements[i]!;
    history.push({ key: `procurement:${x.code}:created`, at: morning(x.createdAt), actorId: s.data.ownerId, action: 'procurement.created', target: `Procurements/${s.id}`, summary: `Anskaffning ${x.code} registrerad: ${x.title}` });
    if (x.contractedAt) history.push({ key: `procurement:${x.code}:contracted`, at: morning(x.contractedAt), actorId: s.data.ownerId, action: 'procurement.contracted', target: `Procurements/${s.id}`, summary: `Anskaffning ${x.code} avtalad` });
  }

  // ── Role assignments that have ended ──────────────────────────────────
  await put(
    'Roles',
    r.roleHistory.map((x) => ({
      key: `seed:role-history:${personNn(x.personNn)}:${x.role}:${x.assignedAt.slice(0, 10)}`,
      data: { personId: personNn(x.personNn), role: x.role, unit: x.unit, assignedBy: personNn(x.assignedByNn), assignedAt: new Date(x.assignedAt).toISOString(), validTo: x.validTo, active: false, endedAt: new Date(x.endedAt).toISOString(), endedBy: personNn(x.endedByNn) },
    })),
  );

  // ── Records archived years ago: what the retention job lists ──────────
  const old = r.archived;
  const at = (iso: string) => new Date(iso).toISOString();
  const [oldAsset] = await put('InformationAssets', [
    {
      key: `seed:archived:asset:${old.asset.code}`,
      data: {
        code: old.asset.code, name: old.asset.name, description: old.asset.description, information: old.asset.information, critical: false, ownerId: personNn(old.asset.ownerNn),
        delegateId: null, contactId: null, unit: old.asset.unit, systemOwnerId: null, confidentiality: null, integrity: null, availability: null, traceability: null,
        classifiedAt: null, classifiedBy: null, priority: null, nextReviewAt: null, supplierIds: [], notes: null, motivations: {}, updatedAt: at(old.asset.archivedAt),
        lastReminderAt: null, archived: true, archivedAt: at(old.asset.archivedAt),
      },
    },
  ]);
  const [oldProcessing] = await put('ProcessingActivities', [
    {
      key: `seed:archived:processing:${old.processing.code}`,
      data: {
        code: old.processing.code, name: old.processing.name, purpose: old.processing.purpose, legalBasis: old.processing.legalBasis, controllerName: 'Stadsdelsnämnden Söderbyn, Stockholms stad',
        jointController: null, dpoContact: 'Dataskyddsombudet, dataskyddsombud@soderbyn.example', dataSubjectCategories: ['Patienter och brukare'], personalDataCategories: ['Hälsouppgifter'],
        specialCategories: true, recipients: ['Vårdgivare'], thirdCountryTransfers: [], retention: 'Gallrad vid avvecklingen 2020.', securityMeasures: 'Faxnummer kontrollerades mot förteckning.',
        assetIds: [oldAsset!.id], supplierIds: [], incidentIds: [], ownerId: personNn(old.processing.ownerNn), unit: old.processing.unit, dpiaRequired: true, screening: null,
        updatedAt: at(old.processing.archivedAt), archived: true, archivedAt: at(old.processing.archivedAt),
      },
    },
  ]);
  await put('ImpactAssessments', [
    {
      key: `seed:archived:dpia:${old.dpia.code}`,
      data: {
        code: old.dpia.code, processingActivityId: oldProcessing!.id, title: old.dpia.title, status: 'draft', criteria: [], description: null, necessity: null, risks: null, measures: null,
        riskLevel: 'high', residualRisk: null, dsoConsultedAt: null, dsoOpinion: null, dsoOpinionBy: null, conclusion: 'Avbruten: faxningen avvecklades i stället.', priorConsultationAt: null,
        priorConsultationRef: null, decidedBy: null, decidedAt: null, nextReviewAt: null, lastReminderAt: null, archived: true, archivedAt: at(old.dpia.archivedAt),
      },
    },
  ]);
  const [oldSupplier] = await put('Suppliers', [
    {
      key: `seed:archived:supplier:${old.supplier.code}`,
      data: {
        code: old.supplier.code, name: old.supplier.name, orgNumber: old.supplier.orgNumber, parentId: null, services: old.supplier.services, processesPersonalData: true, dpaStatus: 'expired',
        dpaSignedAt: '2011-03-01', dpaExpiresAt: '2015-06-30', dpaInstructionAttached: true, dpaSubprocessorListAttached: false, contractOwnerId: null, contractEndsAt: '2015-06-30',
        thirdCountry: null, thirdCountrySafeguard: null, lastFollowUpAt: null, nextFollowUpAt: null, securityChecklist: [], followUps: [], notes: 'Avtalet avslutat 2015.',
        updatedAt: at(old.supplier.archivedAt), lastReminderAt: null, archived: true, archivedAt: at(old.supplier.archivedAt),
      },
    },
  ]);
  await put('Procurements', [
    {
      key: `seed:archived:procurement:${old.procurement.code}`,
      data: {
        code: old.procurement.code, title: old.procurement.title, description: null, unit: old.procurement.unit, ownerId: personNn(old.procurement.ownerNn), status: 'contracted',
        supplierId: oldSupplier!.id, assetIds: [oldAsset!.id], checklist: [], plannedContractAt: '2011-03-01', contractedAt: '2011-03-01', createdBy: personNn(old.procurement.ownerNn),
        updatedAt: at(old.procurement.archivedAt), archived: true, archivedAt: at(old.procurement.archivedAt),
      },
    },
  ]);
  await put('Audits', [
    {
      key: `seed:archived:audit:${old.audit.code}`,
      data: {
        code: old.audit.code, title: old.audit.title, scope: old.audit.scope, clauses: [], units: old.audit.units, auditorId: personNn(old.audit.auditorNn), externalAuditor: null,
        plannedAt: old.audit.plannedAt, performedAt: old.audit.performedAt, status: 'completed', conclusion: old.audit.conclusion, reportUrl: null, findings: [], createdBy: c.isam,
        updatedAt: at(old.audit.archivedAt), lastReminderAt: null, archived: true, archivedAt: at(old.audit.archivedAt),
      },
    },
  ]);

  // ── Their history in the audit log ────────────────────────────────────
  await put(
    'AuditLog',
    history.map((h) => ({
      key: `audit:seed:${h.key}`,
      data: { at: h.at, actorId: h.actorId as string | typeof SYSTEM_ACTOR, action: h.action, target: h.target, summary: h.summary.slice(0, 500), details: h.details ?? {}, correlationId: 'seed' },
    })),
  );
}
