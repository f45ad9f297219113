/**
 * The demo organisation's data files (teams-app/local/seed/*.json): their shapes, checked with zod
 * when they are read, and the local directory (people.json, plus the generated people of a scale
 * seed kept in the data folder).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SeedPerson } from '../../core/adapters/directory/static-directory';
import { GOVERNING_DOCUMENT_STATUSES, IncidentFacts, ROLE_KEYS } from '../../core/domain';

export const SEED_DIR = path.join(import.meta.dirname, 'seed');
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

/** Generated people of a scale seed (seed-scale.ts), kept in the data folder next to the database. */
export const SCALE_PEOPLE_FILE = 'people-scale.json';

/** The local directory: the demo cast, plus the generated people of a scale seed when the data folder has them. */
export function loadDirectoryPeople(dataDir: string | null, dir = SEED_DIR) {
  const people = loadPeople(dir);
  const extra = dataDir ? path.join(dataDir, SCALE_PEOPLE_FILE) : null;
  if (extra && existsSync(extra)) {
    const known = new Set(people.map((p) => p.aadObjectId.toLowerCase()));
    const generated = Seed.people.parse(JSON.parse(readFileSync(extra, 'utf8')));
    people.push(...generated.filter((p) => !known.has(p.aadObjectId.toLowerCase())));
  }
  return people;
}
