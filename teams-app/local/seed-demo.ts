/**
 * Seeds the demo organisation (teams-app/local/seed/*.json) into the lists, through the same
 * RecordStore the app uses. Every record has a deterministic key (`seed:…`), so a run that stops
 * half-way is completed by the next one without duplicates; a final audit entry marks it done.
 */
import { audit } from '../../core/app/platform';
import { channelKey } from '../../core/app/channels';
import { EMPTY_FACTS, followUpDates, nextYearlyReview, SYSTEM_ACTOR, toUtcIso, type Incident, type ListName, type RecordOf } from '../../core/domain';
import { seedRegisterYear } from './seed-registers';
import { t } from '../../core/i18n';
import type { Clock } from '../../core/ports/clock';
import type { NewRecord, RecordStore, StoredOf } from '../../core/ports/record-store';
import { addHours, historicClocks, morning } from './historic-clocks';
import { loadSeed, type SeedData } from './seed-data';

export { loadPeople, loadSeed, SEED_DIR, type SeedData } from './seed-data';

/** v2 (issue 14): a year of risks, audits, procurements and the registers' details. */
export const SEED_VERSION = 'demo:v2';
const DONE_KEY = `seed:${SEED_VERSION}`;

/** Name of the data controller and how to reach the DPO, as written in the record of processing. */
const CONTROLLER = 'Stadsdelsnämnden Söderbyn, Stockholms stad';

export interface SeedOptions {
  store: RecordStore;
  clock: Clock;
  tenantId: string;
  /** Where channel messages go in local mode (the Bot Connector the app talks to). */
  serviceUrl: string;
  data?: SeedData;
}

export interface SeedResult {
  seeded: boolean;
  counts: Partial<Record<ListName, number>>;
}

export async function seedDemoOrganisation(options: SeedOptions): Promise<SeedResult> {
  const { store, clock } = options;
  if (await store.findByKey('AuditLog', `audit:${DONE_KEY}`)) return { seeded: false, counts: {} };

  const d = options.data ?? loadSeed();
  const now = clock.now().toISOString();
  const counts: Partial<Record<ListName, number>> = {};
  const person = new Map(d.people.map((p) => [p.aadObjectId, p]));
  const r = d.registers;
  /** A demo person by the last two digits of their id (teams-app/local/seed/README.md). */
  const personNn = (nn: number) => `d0000000-0000-4000-8000-0000000000${String(nn).padStart(2, '0')}`;
  const followUps = new Map(r.supplierFollowUps.map((x) => [x.supplierCode, x]));
  const isam = d.people.find((p) => p.roles.includes('isam'))!;
  const dso = d.people.find((p) => p.roles.includes('dso'))!;

  async function put<L extends ListName>(list: L, records: NewRecord<L>[]): Promise<StoredOf<L>[]> {
    const stored = await store.createMany(list, records);
    counts[list] = (counts[list] ?? 0) + stored.length;
    return stored;
  }
  const idsBy = <T extends { key: string; id: string }>(stored: T[], prefix: string) => new Map(stored.map((s) => [s.key.slice(prefix.length), s.id]));
  const mapCodes = (codes: string[], ids: Map<string, string>, what: string) =>
    codes.map((c) => {
      const id = ids.get(c);
      if (!id) throw new Error(`Demo data names unknown ${what} ${c}`);
      return id;
    });

  await put(
    'Roles',
    d.people.flatMap((p) =>
      p.roles.map((role) => ({
        key: `seed:role:${p.aadObjectId}:${role}`,
        data: { personId: p.aadObjectId, role, unit: p.unit, assignedBy: null, assignedAt: now, validTo: null, active: true, endedAt: null, endedBy: null } satisfies RecordOf<'Roles'>,
      })),
    ),
  );

  // Suppliers parent first, one level of the chain at a time.
  const supplierIds = new Map<string, string>();
  let remaining = d.suppliers;
  while (remaining.length) {
    const level = remaining.filter((s) => s.parentCode === null || supplierIds.has(s.parentCode));
    if (!level.length) throw new Error(`Supplier chain has a loop or an unknown parent: ${remaining.map((s) => s.code).join(', ')}`);
    const stored = await put(
      'Suppliers',
      level.map((s) => ({
        key: `seed:supplier:${s.code}`,
        data: {
          code: s.code,
          name: s.name,
          orgNumber: s.orgNumber,
          parentId: s.parentCode ? supplierIds.get(s.parentCode)! : null,
          services: s.services,
          processesPersonalData: s.processesPersonalData,
          dpaStatus: s.dpa.status as RecordOf<'Suppliers'>['dpaStatus'],
          dpaSignedAt: s.dpa.signedAt,
          dpaExpiresAt: s.dpa.expiresAt,
          dpaInstructionAttached: s.dpa.instructionAttached,
          dpaSubprocessorListAttached: s.dpa.subprocessorListAttached,
          contractOwnerId: s.contractOwnerAadObjectId,
          contractEndsAt: s.contractEndsAt,
          thirdCountry: s.thirdCountry?.country ?? null,
          thirdCountrySafeguard: s.thirdCountry?.safeguard ?? null,
          ...(() => {
            const f = (followUps.get(s.code)?.followUps ?? []).map((u) => ({ id: u.id, plannedAt: u.plannedAt, focus: u.focus, doneAt: u.doneAt, doneBy: u.doneByNn ? personNn(u.doneByNn) : null, findings: u.findings }));
            const dates = followUpDates(f);
            return { followUps: f, lastFollowUpAt: dates.last, nextFollowUpAt: dates.next };
          })(),
          securityChecklist: [],
          notes: followUps.get(s.code)?.notes ?? null,
          updatedAt: now,
          lastReminderAt: null,
          archived: false,
          archivedAt: null,
        },
      })),
    );
    for (const [k, v] of idsBy(stored, 'seed:supplier:')) supplierIds.set(k, v);
    remaining = remaining.filter((s) => !supplierIds.has(s.code));
  }

  const assetIds = idsBy(
    await put(
      'InformationAssets',
      d.assets.map((a) => ({
        key: `seed:asset:${a.code}`,
        data: {
          code: a.code,
          name: a.name,
          description: a.description,
          information: a.information,
          critical: a.critical,
          ownerId: a.ownerAadObjectId,
          delegateId: a.delegateAadObjectId,
          contactId: a.contactAadObjectId,
          unit: a.unit,
          systemOwnerId: a.systemOwnerAadObjectId,
          confidentiality: a.classification?.k ?? null,
          integrity: a.classification?.r ?? null,
          availability: a.classification?.t ?? null,
          traceability: a.classification?.s ?? null,
          classifiedAt: a.classifiedAt,
          classifiedBy: a.classifiedAt ? (d.people.find((p) => p.roles.includes('classification_lead'))?.aadObjectId ?? null) : null,
          priority: a.priority,
          nextReviewAt: a.nextReviewAt ?? (a.classifiedAt ? nextYearlyReview(a.classifiedAt) : null),
          supplierIds: mapCodes(a.supplierCodes, supplierIds, 'supplier'),
          notes: null,
          motivations: a.classification ? (r.motivations[a.code] ?? {}) : {},
          updatedAt: now,
          lastReminderAt: null,
          archived: false,
          archivedAt: null,
        },
      })),
    ),
    'seed:asset:',
  );

  await put(
    'TrainingCourses',
    d.trainings.courses.map((c) => ({ key: `seed:course:${c.code}`, data: { ...c, validityMonths: null } })),
  );
  await put(
    'Trainings',
    d.trainings.completions.map((c) => ({
      key: `seed:training:${c.aadObjectId}:${c.courseCode}`,
      data: { personId: c.aadObjectId, courseCode: c.courseCode, unit: person.get(c.aadObjectId)?.unit ?? null, completedAt: c.completedAt, source: 'seed', recordedBy: null, recordedAt: now },
    })),
  );

  await put(
    'AmbassadorMeetings',
    d.meetings.map((m) => {
      const startsAt = toUtcIso(m.date);
      const past = Date.parse(startsAt) < clock.now().getTime();
      return {
        key: `seed:meeting:${m.date}`,
        data: {
          title: m.theme.length > 255 ? `${m.theme.slice(0, 252)}…` : m.theme,
          startsAt,
          theme: m.theme,
          description: null,
          materialUrl: m.materialUrl,
          checklist: m.checklist,
          invitationSentAt: past ? addHours(startsAt, -7 * 24) : null,
          followUpSentAt: past ? addHours(startsAt, 24) : null,
          cancelledAt: null,
          attendance: [],
        },
      };
    }),
  );

  await put(
    'Channels',
    d.channels.map((c) => ({
      key: channelKey(c.role as RecordOf<'Channels'>['role']),
      data: {
        role: c.role as RecordOf<'Channels'>['role'],
        tenantId: options.tenantId,
        conversationId: c.conversationId,
        serviceUrl: options.serviceUrl,
        teamId: null,
        channelName: `${c.teamName} / ${c.channelName}`,
        linkedBy: isam.aadObjectId,
        linkedAt: now,
        active: true,
      },
    })),
  );

  await put(
    'AccessGrants',
    d.grants.map((g) => {
      return {
        key: `seed:grant:${g.aadObjectId}:${g.assetCode}:${g.role}`,
        data: {
          subjectId: g.aadObjectId,
          assetId: mapCodes([g.assetCode], assetIds, 'asset')[0]!,
          role: g.role,
          // A grant past its valid-until date stays active until someone removes it: revision finds it.
          status: 'active' as const,
          grantedAt: morning(g.grantedAt),
          validUntil: g.validUntil,
          requestId: null,
          removedAt: null,
          removedBy: null,
          removalReason: null,
          lastReview: null,
        },
      };
    }),
  );

  await put(
    'Leavers',
    d.leavers.map((l) => ({
      key: `seed:leaver:${l.aadObjectId}`,
      data: { personId: l.aadObjectId, lastDay: l.lastDay, recordedBy: l.recordedByAadObjectId, recordedAt: now, processedAt: null },
    })),
  );

  const incidentIds = idsBy(await put(
    'Incidents',
    d.incidents.map((i) => {
      const reporter = person.get(i.reporterAadObjectId);
      const triaged = i.status !== 'reported';
      const triagedAt = triaged ? addHours(i.reportedAt, 2) : null;
      const closed = i.status === 'closed';
      const closedAt = closed ? addHours(i.reportedAt, 14 * 24) : null;
      const managerId = reporter?.managerAadObjectId ?? null;
      const investigation: Incident['investigation'] =
        closed && managerId
          ? { findings: 'Utredningen är genomförd av närmaste chef (demodata).', actions: 'Åtgärderna är dokumenterade i enhetens uppföljning (demodata).', recordedBy: managerId, recordedAt: closedAt! }
          : null;
      const data: Incident = {
        title: i.title,
        category: i.category as RecordOf<'Incidents'>['category'],
        description: i.description,
        occurredAt: i.occurredAt ? toUtcIso(i.occurredAt) : null,
        discoveredAt: toUtcIso(i.discoveredAt),
        reportedAt: toUtcIso(i.reportedAt),
        reporterId: i.reporterAadObjectId,
        reporterUnit: reporter?.unit ?? null,
        managerId,
        assetId: i.assetCode ? mapCodes([i.assetCode], assetIds, 'asset')[0]! : null,
        supplierId: i.supplierCode ? mapCodes([i.supplierCode], supplierIds, 'supplier')[0]! : null,
        personalData: i.personalData,
        status: i.status as RecordOf<'Incidents'>['status'],
        severity: i.severity as RecordOf<'Incidents'>['severity'],
        personalDataBreach: i.personalDataBreach,
        significant: i.significant as RecordOf<'Incidents'>['significant'],
        significanceRationale: i.significanceRationale,
        triagedBy: triaged ? isam.aadObjectId : null,
        triagedAt,
        facts: { ...EMPTY_FACTS, ...(i.facts ?? {}), ...(i.facts ? { updatedAt: triagedAt ?? toUtcIso(i.reportedAt), updatedBy: isam.aadObjectId } : {}) },
        investigation,
        closedBy: closed ? (managerId ?? isam.aadObjectId) : null,
        closedAt,
        // The assessment, the legal clocks and what was sent, by the rules the app uses.
        ...historicClocks(i, triagedAt, closedAt, investigation, { isamId: isam.aadObjectId, dsoId: dso.aadObjectId }, clock.now()),
      };
      return { key: `seed:incident:${i.code}`, data };
    }),
  ), 'seed:incident:');

  // ── The record of processing, screened (issue 14), and its impact assessments ──
  const screening = new Map(r.screenings.map((x) => [x.processingCode, x]));
  const dpiaDetail = new Map(r.impactAssessments.map((x) => [x.code, x]));

  const processingIds = idsBy(
    await put(
      'ProcessingActivities',
      d.processing.map((p) => ({
        key: `seed:processing:${p.code}`,
        data: {
          code: p.code,
          name: p.name,
          purpose: p.purpose,
          legalBasis: p.legalBasis,
          controllerName: CONTROLLER,
          jointController: null,
          dpoContact: `${dso.displayName}, ${dso.email}`,
          dataSubjectCategories: p.dataSubjectCategories,
          personalDataCategories: p.personalDataCategories,
          specialCategories: p.specialCategories,
          recipients: p.recipients,
          thirdCountryTransfers: p.thirdCountryTransfers,
          retention: p.retention,
          securityMeasures: p.securityMeasures,
          assetIds: mapCodes(p.assetCodes, assetIds, 'asset'),
          supplierIds: mapCodes(p.supplierCodes, supplierIds, 'supplier'),
          incidentIds: mapCodes(screening.get(p.code)?.incidentCodes ?? [], incidentIds, 'incident'),
          ownerId: p.ownerAadObjectId,
          unit: p.unit,
          dpiaRequired: p.dpiaRequired,
          screening: screening.has(p.code)
            ? { criteria: screening.get(p.code)!.criteria, notes: screening.get(p.code)!.notes, screenedBy: dso.aadObjectId, screenedAt: screening.get(p.code)!.screenedAt }
            : null,
          updatedAt: now,
          archived: false,
          archivedAt: null,
        },
      })),
    ),
    'seed:processing:',
  );

  await put(
    'ImpactAssessments',
    d.impact.map((i) => {
      const x = dpiaDetail.get(i.code);
      return {
        key: `seed:dpia:${i.code}`,
        data: {
          code: i.code,
          processingActivityId: mapCodes([i.processingCode], processingIds, 'processing activity')[0]!,
          title: i.title,
          status: i.status as RecordOf<'ImpactAssessments'>['status'],
          criteria: screening.get(i.processingCode)?.criteria ?? [],
          description: x?.description ?? null,
          necessity: x?.necessity ?? null,
          risks: x?.risks ?? null,
          measures: x?.measures ?? null,
          riskLevel: i.riskLevel as RecordOf<'ImpactAssessments'>['riskLevel'],
          residualRisk: x?.residualRisk ?? null,
          dsoConsultedAt: i.dsoConsultedAt,
          dsoOpinion: x?.dsoOpinion ?? null,
          dsoOpinionBy: x?.dsoOpinionByNn ? personNn(x.dsoOpinionByNn) : null,
          conclusion: i.conclusion,
          priorConsultationAt: x?.priorConsultationAt ?? null,
          priorConsultationRef: x?.priorConsultationRef ?? null,
          decidedBy: x?.decidedByNn ? personNn(x.decidedByNn) : null,
          decidedAt: x?.decidedAt ?? null,
          nextReviewAt: i.nextReviewAt,
          lastReminderAt: null,
          archived: false,
          archivedAt: null,
        },
      };
    }),
  );

  await put(
    'ImprovementActions',
    d.actions.map((a, n) => ({
      key: `seed:action:${n + 1}`,
      data: {
        title: a.title,
        description: a.description,
        ownerId: a.ownerAadObjectId,
        dueAt: a.dueAt,
        status: a.status as RecordOf<'ImprovementActions'>['status'],
        source: a.source as RecordOf<'ImprovementActions'>['source'],
        sourceRef: null,
        createdBy: isam.aadObjectId,
        completedAt: a.status === 'done' ? morning(a.dueAt) : null,
      },
    })),
  );

  // ── Governing documents (styrdokument, issue 7) ─────────────────────────
  const documentDetail = new Map(r.governingDocuments.map((x) => [x.code, x]));
  // Keyed by the document's code, so a re-run adds nothing. Reminders have not been sent yet: the
  // scheduler reminds the owners of the documents whose review is due on its first run.
  await put(
    'GoverningDocuments',
    d.governingDocuments.map((g) => ({
      key: `seed:governing-document:${g.code}`,
      data: {
        code: g.code,
        title: g.title,
        kind: documentDetail.get(g.code)?.kind ?? 'instruction',
        version: documentDetail.get(g.code)?.version ?? null,
        description: g.description,
        url: g.url,
        ownerId: g.ownerAadObjectId,
        decidedAt: g.decidedAt,
        decidedBy: documentDetail.get(g.code)?.decidedBy ?? null,
        decisionRef: documentDetail.get(g.code)?.decisionRef ?? null,
        reviewAt: g.reviewAt,
        status: g.status,
        lastReminderAt: null,
        updatedAt: now,
        archived: false,
          archivedAt: null,
      },
    })),
  );
  // ── end of governing documents ───────────────────────────────────────────

  await seedRegisterYear({ store, clock, put, d, assetIds, supplierIds, isam: isam.aadObjectId, personNn, mapCodes });

  // ── Ledningens genomgång (issue 15): ISAM's draft of this year's review ─────
  // Keyed by its period like every review, so the app's own "create" finds it; its figures are
  // read from the records when it is opened, and frozen when ISAM sends it for decision.
  const reviewYear = Number(now.slice(0, 4));
  await put('ManagementReviews', [
    {
      key: `review:${reviewYear}-01-01:${reviewYear}-12-31`,
      data: {
        year: reviewYear,
        title: `Ledningens genomgång ${reviewYear}`,
        periodFrom: `${reviewYear}-01-01`,
        periodTo: `${reviewYear}-12-31`,
        status: 'draft',
        inputs: {},
        sections: {
          summary: 'Informationssäkerhetsarbetet har under året gått från uppbyggnad till förvaltning. Incidentrapporteringen har ökat, vilket tolkas som bättre kännedom snarare än fler händelser. Leverantörsstyrningen och klassningen av de äldre systemen behöver stärkas.',
          purpose: t('sv', 'review.purposeText'),
          external_changes: 'Cybersäkerhetslagen (2025:1506) trädde i kraft den 15 januari 2026 och förvaltningen omfattas. Angreppet mot HR-systemleverantören Miljödata i augusti 2025 visade hur sårbar leverantörskedjan är. Nätfisket mot kommuner fortsätter och blir mer träffsäkert.',
          internal_changes: 'Staden har infört en gemensam funktion för rapportering till MCF och IMY. Förvaltningen har fått en ny IT-säkerhetsansvarig och ambassadörsnätverket har nu en ambassadör i varje enhet.',
        },
        summary: null,
        proposals: [
          { key: 'dpa', area: 'suppliers', title: 'Teckna personuppgiftsbiträdesavtal med alla leverantörer som saknar det', description: null, ownerId: isam.aadObjectId, dueAt: `${reviewYear + 1}-06-30` },
          { key: 'training-management', area: 'cyber_security_law', title: 'Utbildning i cybersäkerhetslagen för förvaltningens ledningsgrupp', description: 'Ledningen ska ha utbildning enligt 2 kap. 4 § cybersäkerhetslagen.', ownerId: isam.aadObjectId, dueAt: `${reviewYear + 1}-03-31` },
        ],
        presentedAt: null,
        presentedBy: null,
        decision: null,
        decidedBy: null,
        decidedAt: null,
        registrationNumber: null,
        keptUntil: null,
        actionIds: [],
        createdBy: isam.aadObjectId,
        createdAt: now,
      },
    },
  ]);

  await audit({ store, clock }, DONE_KEY, {
    actorId: SYSTEM_ACTOR,
    action: 'seed.completed',
    target: 'AuditLog/seed',
    summary: `Demoorganisationen ${SEED_VERSION} inlagd`,
    details: counts,
  });
  return { seeded: true, counts };
}
