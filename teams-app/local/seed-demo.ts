/**
 * Seeds the demo organisation (teams-app/local/seed/*.json) into the lists, through the same
 * RecordStore the app uses. Every record has a deterministic key (`seed:…`), so a run that stops
 * half-way is completed by the next one without duplicates; a final audit entry marks it done.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SeedPerson } from '../../core/adapters/directory/static-directory';
import { audit } from '../../core/app/platform';
import { channelKey } from '../../core/app/channels';
import {
  decideNotRequired,
  EMPTY_FACTS,
  GOVERNING_DOCUMENT_STATUSES,
  IncidentFacts,
  nextDueAt,
  nextYearlyReview,
  reconcileClocks,
  recordSent,
  ROLE_KEYS,
  SYSTEM_ACTOR,
  toUtcIso,
  type Assessment,
  type Incident,
  type ListName,
  type RecordOf,
} from '../../core/domain';
import type { Clock } from '../../core/ports/clock';
import type { NewRecord, RecordStore, StoredOf } from '../../core/ports/record-store';

export const SEED_DIR = path.join(import.meta.dirname, 'seed');
export const SEED_VERSION = 'demo:v1';
const DONE_KEY = `seed:${SEED_VERSION}`;

/** Name of the data controller and how to reach the DPO, as written in the record of processing. */
const CONTROLLER = 'Stadsdelsnämnden Söderbyn, Stockholms stad';

const nullableDate = z.iso.date().nullable();
const Seed = {
  people: z.array(SeedPerson.extend({ roles: z.array(z.enum(ROLE_KEYS)) })),
  units: z.array(z.object({ code: z.string(), name: z.string(), managerAadObjectId: z.guid() })),
  assets: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      description: z.string(),
      information: z.string(),
      critical: z.boolean(),
      ownerAadObjectId: z.guid(),
      delegateAadObjectId: z.guid().nullable(),
      contactAadObjectId: z.guid().nullable(),
      unit: z.string(),
      systemOwnerAadObjectId: z.guid().nullable(),
      classification: z.object({ k: z.number(), r: z.number(), t: z.number(), s: z.number() }).nullable(),
      classifiedAt: nullableDate,
      priority: z.number().int(),
      nextReviewAt: nullableDate,
      supplierCodes: z.array(z.string()),
    }),
  ),
  suppliers: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      orgNumber: z.string().nullable(),
      parentCode: z.string().nullable(),
      services: z.string(),
      processesPersonalData: z.boolean(),
      dpa: z.object({ status: z.string(), signedAt: nullableDate, expiresAt: nullableDate, instructionAttached: z.boolean(), subprocessorListAttached: z.boolean() }),
      contractOwnerAadObjectId: z.guid().nullable(),
      contractEndsAt: nullableDate,
      thirdCountry: z.object({ country: z.string(), safeguard: z.string() }).nullable(),
    }),
  ),
  processing: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      purpose: z.string(),
      legalBasis: z.string(),
      dataSubjectCategories: z.array(z.string()),
      personalDataCategories: z.array(z.string()),
      specialCategories: z.boolean(),
      recipients: z.array(z.string()),
      thirdCountryTransfers: z.array(z.object({ country: z.string(), safeguard: z.string() })),
      retention: z.string(),
      securityMeasures: z.string(),
      assetCodes: z.array(z.string()),
      supplierCodes: z.array(z.string()),
      ownerAadObjectId: z.guid(),
      unit: z.string(),
      dpiaRequired: z.boolean(),
    }),
  ),
  impact: z.array(
    z.object({ code: z.string(), processingCode: z.string(), title: z.string(), status: z.string(), riskLevel: z.string().nullable(), dsoConsultedAt: nullableDate, conclusion: z.string().nullable(), nextReviewAt: nullableDate }),
  ),
  trainings: z.object({
    courses: z.array(z.object({ code: z.string(), name: z.string(), mandatory: z.boolean(), audience: z.enum(['all', 'management']) })),
    completions: z.array(z.object({ aadObjectId: z.guid(), courseCode: z.string(), completedAt: z.iso.date() })),
  }),
  meetings: z.array(z.object({ date: z.string(), theme: z.string(), materialUrl: z.string().nullable(), checklist: z.array(z.string()) })),
  channels: z.array(z.object({ role: z.string(), teamName: z.string(), channelName: z.string(), conversationId: z.string(), description: z.string() })),
  grants: z.array(z.object({ aadObjectId: z.guid(), assetCode: z.string(), role: z.string(), grantedAt: z.iso.date(), validUntil: nullableDate })),
  leavers: z.array(z.object({ aadObjectId: z.guid(), lastDay: z.iso.date(), recordedByAadObjectId: z.guid() })),
  incidents: z.array(
    z.object({
      code: z.string(),
      category: z.string(),
      title: z.string(),
      description: z.string(),
      occurredAt: z.string().nullable(),
      discoveredAt: z.string(),
      reportedAt: z.string(),
      reporterAadObjectId: z.guid(),
      assetCode: z.string().nullable(),
      supplierCode: z.string().nullable(),
      personalData: z.object({ involved: z.enum(['yes', 'no', 'unknown']), approxSubjects: z.number().nullable(), categories: z.array(z.string()), protectedIdentity: z.boolean() }),
      status: z.string(),
      severity: z.string().nullable(),
      personalDataBreach: z.boolean().nullable(),
      significant: z.string(),
      significanceRationale: z.string().nullable(),
      /** The facts the authority reports are drafted from (optional: most demo incidents have none). */
      facts: IncidentFacts.omit({ updatedAt: true, updatedBy: true }).partial().optional(),
    }),
  ),
  actions: z.array(z.object({ title: z.string(), description: z.string().nullable(), ownerAadObjectId: z.guid(), dueAt: z.iso.date(), status: z.string(), source: z.string() })),
  // Governing documents (issue 7).
  governingDocuments: z.array(
    z.object({
      code: z.string().regex(/^SD-\d{2,4}$/),
      title: z.string(),
      description: z.string().nullable(),
      url: z.string(),
      ownerAadObjectId: z.guid(),
      decidedAt: z.iso.date(),
      reviewAt: z.iso.date(),
      status: z.enum(GOVERNING_DOCUMENT_STATUSES),
    }),
  ),
};

const FILES: Record<keyof typeof Seed, string> = {
  people: 'people.json',
  units: 'units.json',
  assets: 'assets.json',
  suppliers: 'suppliers.json',
  processing: 'processing-activities.json',
  impact: 'impact-assessments.json',
  trainings: 'trainings.json',
  meetings: 'ambassador-meetings.json',
  channels: 'channels.json',
  grants: 'grants.json',
  leavers: 'leavers.json',
  incidents: 'incidents.json',
  actions: 'improvement-actions.json',
  governingDocuments: 'governing-documents.json',
};

export type SeedData = { [K in keyof typeof Seed]: z.infer<(typeof Seed)[K]> };

export function loadSeed(dir = SEED_DIR): SeedData {
  const out: Record<string, unknown> = {};
  for (const [name, file] of Object.entries(FILES)) {
    const schema = Seed[name as keyof typeof Seed];
    const result = schema.safeParse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    if (!result.success) throw new Error(`${file} is not valid demo data: ${z.prettifyError(result.error)}`);
    out[name] = result.data;
  }
  return out as SeedData;
}

export function loadPeople(dir = SEED_DIR) {
  return Seed.people.parse(JSON.parse(readFileSync(path.join(dir, FILES.people), 'utf8')));
}

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

/**
 * The history a demo incident would have: the assessment ISAM made two hours after the report, and
 * the reports sent as a diligent ISAM would — one IMY notification sent late with its reasons
 * (INC-010), so that the dashboard's "on time vs late" has something to show — with the clocks
 * reconciled by the same rules the app uses (core/domain/clocks.ts).
 */
function historicIncident(i: SeedIncident, base: Incident, isamId: string, dsoId: string, now: Date): Incident {
  let inc: Incident = { ...base, clocks: reconcileClocks(base, { investigationDays: 30 }) };
  const settle = (x: Incident): Incident => ({ ...x, clocks: reconcileClocks(x, { investigationDays: 30 }) });
  if (!inc.assessments.length) return { ...inc, nextDueAt: nextDueAt(inc.clocks) };
  const aware = Date.parse(inc.awareAt);
  const at = (hours: number) => new Date(aware + hours * 3_600_000).toISOString();
  const ref = (prefix: string) => `${prefix}-${i.discoveredAt.slice(0, 4)}-${i.code.slice(-3)}`;
  const send = (key: string, when: string, reference: string | null, by = isamId, lateReason: string | null = null) => {
    if (Date.parse(when) > now.getTime()) return;
    const r = recordSent(inc, key, { sentAt: when, recordedAt: when, by, reference, lateReason, evidenceId: null });
    if (r.ok) inc = settle({ ...inc, clocks: r.clocks });
  };
  send('cs_early_warning', at(20), ref('MCF'));
  send('cs_notification', at(60), ref('MCF'));
  const late = i.code === 'INC-010';
  send('imy_notification', at(late ? 80 : 40), ref('IMY'), dsoId, late ? 'Att kortet innehöll personuppgifter blev känt först när det återfanns och kunde undersökas.' : null);
  // Art. 34: the people concerned are informed where many are affected; otherwise the DSO records why not.
  if (inc.clocks.some((c) => c.key === 'data_subjects' && c.completedAt === null)) {
    if ((i.personalData.approxSubjects ?? 0) >= 100) send('data_subjects', at(70), 'Brev och e-post till berörda', dsoId);
    else if (Date.parse(at(30)) <= now.getTime()) {
      const r = decideNotRequired(inc.clocks, 'data_subjects', 'Ingen hög risk för de registrerade: uppgifterna nådde en enda mottagare som har bekräftat att de raderats.', at(30), dsoId);
      if (r.ok) inc = settle({ ...inc, clocks: r.clocks });
    }
  }
  // Still being handled a month after the notification: situation reports, then the final report later.
  for (let n = 0; n < 12; n++) {
    const final = inc.clocks.find((c) => c.kind === 'cs_final_report' && c.completedAt === null);
    if (!final || inc.status === 'closed' || Date.parse(final.dueAt) > now.getTime()) break;
    send(`cs_situation_report:${n + 1}`, new Date(Date.parse(final.dueAt) - 24 * 3_600_000).toISOString(), ref('MCF'));
  }
  const closedAt = inc.status === 'closed' ? inc.closedAt : null;
  if (closedAt) {
    inc = settle(inc);
    send('breach_documentation', closedAt, null, dsoId);
    const final = inc.clocks.find((c) => c.kind === 'cs_final_report' && c.completedAt === null);
    if (final) send('cs_final_report', new Date(Math.min(Date.parse(final.dueAt) - 24 * 3_600_000, now.getTime())).toISOString(), ref('MCF'));
  }
  return { ...inc, nextDueAt: nextDueAt(inc.clocks) };
}

type SeedIncident = z.infer<(typeof Seed)['incidents']>[number];

/** A date's Stockholm office morning as a UTC instant (09:00 local ≈ 08:00/07:00 UTC). */
const morning = (date: string) => toUtcIso(`${date}T09:00:00+01:00`);
const addHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

export async function seedDemoOrganisation(options: SeedOptions): Promise<SeedResult> {
  const { store, clock } = options;
  if (await store.findByKey('AuditLog', `audit:${DONE_KEY}`)) return { seeded: false, counts: {} };

  const d = options.data ?? loadSeed();
  const now = clock.now().toISOString();
  const counts: Partial<Record<ListName, number>> = {};
  const person = new Map(d.people.map((p) => [p.aadObjectId, p]));
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
        data: { personId: p.aadObjectId, role, unit: p.unit, assignedBy: null, assignedAt: now, validTo: null, active: true } satisfies RecordOf<'Roles'>,
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
          lastFollowUpAt: null,
          nextFollowUpAt: null,
          securityChecklist: [],
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
          updatedAt: now,
        },
      })),
    ),
    'seed:asset:',
  );

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
          ownerId: p.ownerAadObjectId,
          unit: p.unit,
          dpiaRequired: p.dpiaRequired,
          updatedAt: now,
        },
      })),
    ),
    'seed:processing:',
  );

  await put(
    'ImpactAssessments',
    d.impact.map((i) => ({
      key: `seed:dpia:${i.code}`,
      data: {
        code: i.code,
        processingActivityId: mapCodes([i.processingCode], processingIds, 'processing activity')[0]!,
        title: i.title,
        status: i.status as RecordOf<'ImpactAssessments'>['status'],
        riskLevel: i.riskLevel as RecordOf<'ImpactAssessments'>['riskLevel'],
        dsoConsultedAt: i.dsoConsultedAt,
        dsoOpinion: null,
        conclusion: i.conclusion,
        decidedBy: null,
        decidedAt: null,
        nextReviewAt: i.nextReviewAt,
      },
    })),
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

  await put(
    'Incidents',
    d.incidents.map((i) => {
      const reporter = person.get(i.reporterAadObjectId);
      const triaged = i.status !== 'reported';
      const triagedAt = triaged ? addHours(i.reportedAt, 2) : null;
      const closed = i.status === 'closed';
      const closedAt = closed ? addHours(i.reportedAt, 14 * 24) : null;
      const managerId = reporter?.managerAadObjectId ?? null;
      const assessment: Assessment | null = triaged
        ? {
            at: triagedAt!,
            by: isam.aadObjectId,
            severity: i.severity as Assessment['severity'],
            personalDataBreach: i.personalDataBreach === true,
            significant: i.significant as Assessment['significant'],
            rationale: i.significanceRationale,
            imyNotRequiredRationale: null,
            reason: null,
          }
        : null;
      const base: Incident = {
        title: i.title,
        category: i.category as RecordOf<'Incidents'>['category'],
        description: i.description,
        occurredAt: i.occurredAt ? toUtcIso(i.occurredAt) : null,
        discoveredAt: toUtcIso(i.discoveredAt),
        awareAt: toUtcIso(i.discoveredAt),
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
        clocks: [],
        assessments: assessment ? [assessment] : [],
        facts: { ...EMPTY_FACTS, ...(i.facts ?? {}), ...(i.facts ? { updatedAt: triagedAt ?? toUtcIso(i.reportedAt), updatedBy: isam.aadObjectId } : {}) },
        investigation:
          closed && managerId
            ? { findings: 'Utredningen är genomförd av närmaste chef (demodata).', actions: 'Åtgärderna är dokumenterade i enhetens uppföljning (demodata).', recordedBy: managerId, recordedAt: closedAt! }
            : null,
        closedBy: closed ? (managerId ?? isam.aadObjectId) : null,
        closedAt,
        nextDueAt: null,
        lastOperation: null,
      };
      return { key: `seed:incident:${i.code}`, data: historicIncident(i, base, isam.aadObjectId, dso.aadObjectId, clock.now()) };
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
  // Keyed by the document's code, so a re-run adds nothing. Reminders have not been sent yet: the
  // scheduler reminds the owners of the documents whose review is due on its first run.
  await put(
    'GoverningDocuments',
    d.governingDocuments.map((g) => ({
      key: `seed:governing-document:${g.code}`,
      data: {
        title: g.title,
        description: g.description,
        url: g.url,
        ownerId: g.ownerAadObjectId,
        decidedAt: g.decidedAt,
        reviewAt: g.reviewAt,
        status: g.status,
        lastReminderAt: null,
      },
    })),
  );
  // ── end of governing documents ───────────────────────────────────────────

  await audit({ store, clock }, DONE_KEY, {
    actorId: SYSTEM_ACTOR,
    action: 'seed.completed',
    target: 'AuditLog/seed',
    summary: `Demoorganisationen ${SEED_VERSION} inlagd`,
    details: counts,
  });
  return { seeded: true, counts };
}
