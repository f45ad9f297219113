/**
 * Records of a large organisation for the scale seed (seed-scale.ts): several years of a 1 000-person
 * district with realistic statuses, categories, clocks and concentrations. Everything is drawn from a
 * seeded generator, so the same options give the same site.
 */
import type { SeedPerson } from '../../core/adapters/directory/static-directory';
import { completionKey, EMPTY_FACTS, SYSTEM_ACTOR, type RecordOf } from '../../core/domain';
import type { NewRecord } from '../../core/ports/record-store';
import { historicClocks, type HistoricFields } from './historic-clocks';

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
export function weighted<T extends string>(rand: Rand, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  let r = rand() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) if ((r -= w) < 0) return k;
  return entries[entries.length - 1]![0];
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** An office-hours instant `daysAgo` days before `now` (never in the future). */
function officeTime(rand: Rand, now: number, daysAgo: number): number {
  const base = now - daysAgo * DAY;
  const d = new Date(base);
  d.setUTCHours(7 + Math.floor(rand() * 9), Math.floor(rand() * 60), Math.floor(rand() * 60), 0);
  return Math.min(d.getTime(), now - 60_000);
}

/** What the generators need to know about the site. */
export interface ScaleWorld {
  now: number;
  years: number;
  people: SeedPerson[];
  /** Asset item ids with their owner, delegate and unit. */
  assets: { id: string; ownerId: string; delegateId: string | null; unit: string }[];
  supplierIds: string[];
  heavyOwnerId: string;
  heavyManagerId: string;
  heavyReporterId: string;
  isamId: string;
  adminUnitIds: string[];
}

const SYSTEMS = ['Ärendesystem', 'Journalsystem', 'Schemaplanering', 'Dokumenthantering', 'Bokningssystem', 'Elevregister', 'Larmhantering', 'Fakturahantering', 'Besöksregistrering', 'Kvalitetsregister', 'Lokalbokning', 'Inköpsportal'];

/**
 * More information assets, owned by team leads and unit heads (never the heavy owner), so that grants
 * spread over many owners and one owner stands out.
 */
export function scaleAssets(owners: SeedPerson[], count: number, now: number, rand: Rand): NewRecord<'InformationAssets'>[] {
  const out: NewRecord<'InformationAssets'>[] = [];
  for (let n = 0; n < count; n++) {
    const owner = owners[n % owners.length]!;
    const classified = rand() < 0.7;
    const level = () => 1 + Math.floor(rand() * 3);
    const classifiedAt = classified ? day(now - (30 + rand() * 700) * DAY) : null;
    out.push({
      key: `scale:asset:${n}`,
      data: {
        code: `IA-${101 + n}`,
        name: `${SYSTEMS[n % SYSTEMS.length]} ${owner.unit ?? ''} ${Math.floor(n / SYSTEMS.length) + 1}`.replace(/\s+/g, ' ').trim(),
        description: 'Genererad informationstillgång för skalningstester.',
        information: 'Uppgifter om brukare, medarbetare och ärenden.',
        critical: rand() < 0.15,
        ownerId: owner.aadObjectId,
        delegateId: null,
        contactId: null,
        unit: owner.unit ?? 'LEDN',
        systemOwnerId: null,
        confidentiality: classified ? level() : null,
        integrity: classified ? level() : null,
        availability: classified ? level() : null,
        traceability: classified ? level() : null,
        classifiedAt,
        classifiedBy: null,
        priority: 100 + n,
        nextReviewAt: classifiedAt ? day(Date.parse(classifiedAt) + 365 * DAY) : null,
        supplierIds: [],
        notes: null,
        updatedAt: iso(now - rand() * 300 * DAY),
      },
    });
  }
  return out;
}

const ROLES = ['Handläggare', 'Läsbehörighet', 'Administratör', 'Attestant', 'Registrator', 'Användare', 'Beslutsfattare', 'Chef'];

/** Access grants, current and history: `ownerGrants` of them on the heavy owner's assets. */
export function scaleGrants(w: ScaleWorld, count: number, ownerGrants: number, rand: Rand): NewRecord<'AccessGrants'>[] {
  const heavy = w.assets.filter((a) => a.ownerId === w.heavyOwnerId);
  const others = w.assets.filter((a) => a.ownerId !== w.heavyOwnerId);
  const out: NewRecord<'AccessGrants'>[] = [];
  for (let n = 0; n < count; n++) {
    const asset = n < ownerGrants ? pick(rand, heavy) : pick(rand, others);
    const daysAgo = 1 + rand() * w.years * 365;
    const grantedAt = officeTime(rand, w.now, daysAgo);
    const recency = 1 - daysAgo / (w.years * 365);
    const temporary = rand() < 0.15;
    const validUntil = temporary ? day(grantedAt + (180 + rand() * 540) * DAY) : null;
    let status: RecordOf<'AccessGrants'>['status'] = rand() < 0.25 + 0.6 * recency ? 'active' : rand() < 0.85 ? 'removed' : 'expired';
    if (status === 'expired' && !validUntil) status = 'removed';
    const removedAtMs = status === 'expired' ? Date.parse(`${validUntil}T08:00:00Z`) : grantedAt + (30 + rand() * 900) * DAY;
    if (status !== 'active' && removedAtMs >= w.now) status = 'active';
    const removed = status !== 'active';
    out.push({
      key: `scale:grant:${n}`,
      data: {
        subjectId: pick(rand, w.people).aadObjectId,
        assetId: asset.id,
        role: pick(rand, ROLES),
        status,
        grantedAt: iso(grantedAt),
        validUntil,
        requestId: null,
        removedAt: removed ? iso(removedAtMs) : null,
        removedBy: removed ? pick(rand, w.adminUnitIds) : null,
        removalReason: status === 'expired' ? 'expiry' : removed ? weighted(rand, { request: 40, recertification: 20, leaver: 30, other: 10 }) : null,
        lastReview: !removed && rand() < 0.3 ? { campaignId: `${new Date(w.now).getUTCFullYear()}-03`, decision: 'keep', decidedBy: asset.ownerId, decidedAt: iso(w.now - (30 + rand() * 200) * DAY) } : null,
      },
    });
  }
  return out;
}

const CATEGORY_TITLES: Record<RecordOf<'Incidents'>['category'], string[]> = {
  phishing: ['Misstänkt nätfiskemejl', 'Klickade på länk i bedrägerimejl', 'SMS som utger sig för att vara IT-support'],
  misdirected: ['E-post till fel mottagare', 'Brev skickat till fel adress', 'Beslut skickat till fel person'],
  lost_card_or_keys: ['Förlorat passerkort', 'Borttappade nycklar', 'Tappad tjänstetelefon'],
  paper_documents: ['Utskrift kvar i skrivaren', 'Handlingar i papperskorgen', 'Pärm kvarglömd i mötesrum'],
  unauthorised_access: ['Obehörig åtkomst till akt', 'Delat konto mellan kollegor', 'Åtkomst efter avslutad tjänst'],
  malware: ['Misstänkt skadlig kod på dator', 'Antivirus larmade på bilaga', 'Okänt USB-minne anslutet'],
  supplier: ['Leverantören rapporterar incident', 'Avbrott hos leverantör', 'Leverantör skickade fel data'],
  other: ['Avvikelse i rutin', 'Dörr lämnad olåst', 'Samtal från okänd som frågade om personuppgifter'],
};

/**
 * Incidents over the years: `managerIncidents` reported by people under the heavy manager, of them
 * `reporterIncidents` by the heavy reporter; statuses follow age (old ones are closed).
 */
export function scaleIncidents(w: ScaleWorld, count: number, managerIncidents: number, reporterIncidents: number, rand: Rand): NewRecord<'Incidents'>[] {
  const team = w.people.filter((p) => p.managerAadObjectId?.toLowerCase() === w.heavyManagerId.toLowerCase() && p.aadObjectId !== w.heavyReporterId);
  const rest = w.people.filter((p) => p.managerAadObjectId && p.managerAadObjectId.toLowerCase() !== w.heavyManagerId.toLowerCase());
  const byId = new Map(w.people.map((p) => [p.aadObjectId, p]));
  const out: NewRecord<'Incidents'>[] = [];
  for (let n = 0; n < count; n++) {
    const reporter = n < reporterIncidents ? byId.get(w.heavyReporterId)! : n < managerIncidents ? pick(rand, team) : pick(rand, rest);
    const category = weighted(rand, { phishing: 35, misdirected: 20, lost_card_or_keys: 10, paper_documents: 8, unauthorised_access: 7, malware: 5, supplier: 5, other: 10 } as Record<RecordOf<'Incidents'>['category'], number>);
    const daysAgo = rand() * w.years * 365;
    const reported = officeTime(rand, w.now, daysAgo);
    const discovered = reported - rand() * 48 * 3_600_000;
    const occurred = rand() < 0.2 ? null : discovered - rand() * 72 * 3_600_000;
    const age = (w.now - reported) / DAY;
    const status: RecordOf<'Incidents'>['status'] =
      age > 45
        ? weighted(rand, { closed: 92, investigating: 5, triaged: 3 })
        : age > 7
          ? weighted(rand, { investigating: 40, triaged: 30, closed: 25, reported: 5 })
          : weighted(rand, { reported: 50, triaged: 30, investigating: 20 });
    const involved = weighted(rand, { yes: 35, unknown: 10, no: 55 });
    const triaged = status !== 'reported';
    const closed = status === 'closed';
    const triagedAt = triaged ? Math.min(reported + (2 + rand() * 28) * 3_600_000, w.now - 30_000) : null;
    const closedAt = closed ? Math.min(reported + (3 + rand() * 57) * DAY, w.now - 10_000) : null;
    // A significant incident still open after many months would collect more reports than a record
    // holds: the significant ones are the closed or recent ones, as in real life.
    const significant: RecordOf<'Incidents'>['significant'] = !triaged ? 'undecided' : (closed || age < 60) && rand() < 0.03 ? 'yes' : rand() < 0.05 ? 'undecided' : 'no';
    const breach = triaged ? involved === 'yes' && rand() < 0.6 : null;
    const rationale = significant === 'no' ? 'Begränsad påverkan, inga tjänster påverkade (skalningsdata).' : null;
    const managerId = reporter.managerAadObjectId;
    const code = `SC-${String(n).padStart(5, '0')}`;
    const data = {
      title: `${pick(rand, CATEGORY_TITLES[category])} (${code})`,
      category,
      description: 'Genererad avvikelse för skalningstester: en person på enheten rapporterade händelsen i Teams.',
      occurredAt: occurred === null ? null : iso(occurred),
      discoveredAt: iso(discovered),
      reportedAt: iso(reported),
      reporterId: reporter.aadObjectId,
      reporterUnit: reporter.unit,
      managerId,
      assetId: rand() < 0.6 ? pick(rand, w.assets).id : null,
      supplierId: category === 'supplier' && w.supplierIds.length ? pick(rand, w.supplierIds) : null,
      personalData:
        involved === 'yes'
          ? { involved, approxSubjects: 1 + Math.floor(rand() * 500), categories: ['Namn', 'Personnummer'], protectedIdentity: rand() < 0.02 }
          : { involved, approxSubjects: null, categories: [], protectedIdentity: false },
      status,
      severity: triaged ? weighted(rand, { low: 55, medium: 30, high: 12, critical: 3 }) : null,
      personalDataBreach: breach,
      significant,
      significanceRationale: rationale,
      triagedBy: triaged ? w.isamId : null,
      triagedAt: triagedAt === null ? null : iso(triagedAt),
      facts: EMPTY_FACTS,
      investigation:
        closed && managerId
          ? { findings: 'Utredningen är genomförd av närmaste chef (skalningsdata).', actions: 'Rutinen är genomgången med enheten.', recordedBy: managerId, recordedAt: iso(closedAt!) }
          : null,
      closedBy: closed ? (managerId ?? w.isamId) : null,
      closedAt: closedAt === null ? null : iso(closedAt),
    } satisfies Omit<RecordOf<'Incidents'>, keyof HistoricFields>;
    // The assessment, the legal clocks and what was sent, by the rules the app uses.
    const history = historicClocks({ code, ...data }, data.triagedAt, data.closedAt, data.investigation, { isamId: w.isamId, dsoId: w.isamId }, new Date(w.now));
    out.push({ key: `scale:incident:${n}`, data: { ...data, ...history } });
  }
  return out;
}

/** Access requests on the grants' assets (the heavy owner's share as for grants), mostly decided. */
export function scaleRequests(
  w: ScaleWorld,
  count: number,
  ownerShare: number,
  grantsByAsset: Map<string, string[]>,
  rand: Rand,
): NewRecord<'AccessRequests'>[] {
  const heavy = w.assets.filter((a) => a.ownerId === w.heavyOwnerId);
  const others = w.assets.filter((a) => a.ownerId !== w.heavyOwnerId);
  const out: NewRecord<'AccessRequests'>[] = [];
  for (let n = 0; n < count; n++) {
    const asset = rand() < ownerShare ? pick(rand, heavy) : pick(rand, others);
    const grants = grantsByAsset.get(asset.id) ?? [];
    const kind = grants.length ? weighted(rand, { new: 60, change: 15, termination: 25 }) : 'new';
    const origin = kind === 'termination' ? weighted(rand, { request: 40, expiry: 25, recertification: 15, leaver: 20 }) : 'request';
    const daysAgo = rand() * w.years * 365;
    const requested = officeTime(rand, w.now, daysAgo);
    const old = daysAgo > 30;
    const status: RecordOf<'AccessRequests'>['status'] = old
      ? weighted(rand, { done: 75, denied: 10, cancelled: 5, approved: 5, in_progress: 5 })
      : weighted(rand, { pending: 40, approved: 20, in_progress: 15, done: 25 });
    const decided = ['approved', 'denied', 'in_progress', 'done'].includes(status);
    const decidedAt = decided ? Math.min(requested + (1 + rand() * 72) * 3_600_000, w.now - 20_000) : null;
    const taken = status === 'in_progress' || status === 'done';
    const takenAt = taken ? Math.min(decidedAt! + rand() * 48 * 3_600_000, w.now - 10_000) : null;
    const completedAt = status === 'done' ? Math.min(takenAt! + rand() * 24 * 3_600_000, w.now - 5_000) : null;
    const byPerson = origin === 'request' || origin === 'recertification';
    const subject = pick(rand, w.people).aadObjectId;
    const admin = pick(rand, w.adminUnitIds);
    out.push({
      key: `scale:request:${n}`,
      data: {
        kind,
        subjectId: subject,
        requesterId: origin === 'request' ? subject : origin === 'recertification' ? asset.ownerId : subject,
        assetId: asset.id,
        role: pick(rand, ROLES),
        justification: kind === 'termination' ? null : 'Behövs i arbetet på enheten (skalningsdata).',
        validUntil: null,
        grantId: kind === 'new' ? null : pick(rand, grants),
        ownerId: asset.ownerId,
        delegateId: asset.delegateId,
        status,
        decidedBy: decided && byPerson ? asset.ownerId : null,
        decidedAt: decidedAt === null ? null : iso(decidedAt),
        decisionComment: null,
        takenBy: taken ? admin : null,
        takenAt: takenAt === null ? null : iso(takenAt),
        completedBy: completedAt === null ? null : admin,
        completedAt: completedAt === null ? null : iso(completedAt),
        requestedAt: iso(requested),
        origin,
      },
    });
  }
  return out;
}

/** Audit entries for the first incidents and requests created (who reported, who asked). */
export function scaleAudit(
  count: number,
  incidents: { id: string; data: RecordOf<'Incidents'> }[],
  requests: { id: string; data: RecordOf<'AccessRequests'> }[],
): NewRecord<'AuditLog'>[] {
  const out: NewRecord<'AuditLog'>[] = [];
  for (let n = 0; n < count; n++) {
    const fromIncidents = n % 2 === 0 && incidents.length > 0;
    if (fromIncidents) {
      const i = incidents[(n / 2) % incidents.length]!;
      out.push({
        key: `scale:audit:${n}`,
        data: { at: i.data.reportedAt, actorId: i.data.reporterId, action: 'incident.reported', target: `Incidents/${i.id}`, summary: 'Incident rapporterad (skalningsdata)', details: { category: i.data.category }, correlationId: null },
      });
    } else if (requests.length > 0) {
      const r = requests[Math.floor(n / 2) % requests.length]!;
      out.push({
        key: `scale:audit:${n}`,
        data: { at: r.data.requestedAt, actorId: r.data.requesterId, action: 'access.requested', target: `AccessRequests/${r.id}`, summary: 'Behörighet begärd (skalningsdata)', details: { kind: r.data.kind }, correlationId: null },
      });
    } else {
      out.push({
        key: `scale:audit:${n}`,
        data: { at: new Date().toISOString(), actorId: SYSTEM_ACTOR, action: 'seed.scale', target: 'AuditLog/scale', summary: 'Skalningsdata', details: {}, correlationId: null },
      });
    }
  }
  return out;
}

/** Training completions: everyone takes the basic courses every year or two, management the law course. */
export function scaleTrainings(w: ScaleWorld, count: number, managers: Set<string>, rand: Rand): NewRecord<'Trainings'>[] {
  const out: NewRecord<'Trainings'>[] = [];
  const keys = new Set<string>();
  for (let attempts = 0; out.length < count && attempts < count * 3; attempts++) {
    const person = pick(rand, w.people);
    const course = managers.has(person.aadObjectId) && rand() < 0.3 ? 'CSL-LEDNING' : pick(rand, ['ISK-GRUND', 'GDPR-GRUND', 'NATFISKE'] as const);
    const completedAt = day(officeTime(rand, w.now, 1 + rand() * w.years * 365));
    const key = completionKey(person.aadObjectId, course, completedAt);
    if (keys.has(key)) continue;
    keys.add(key);
    out.push({
      key,
      data: { personId: person.aadObjectId, courseCode: course, unit: person.unit, completedAt, source: 'import', recordedBy: null, recordedAt: iso(Date.parse(`${completedAt}T18:00:00Z`)) },
    });
  }
  return out;
}
