/**
 * A large organisation on demand (issue 11, point 3): several years of a 1 000-person district on top
 * of the demo organisation. By default 50 000 access grants, 20 000 incidents and access requests,
 * audit entries and trainings to match, with one information owner holding 5 000 grants, one line
 * manager with 2 000 incidents and one reporter with many cases; `--small` gives the site of the
 * must-show (1 500 grants and 1 200 incidents concentrated on one owner and one manager).
 *
 * Records go through the production RecordStore (`createMany`, Graph `$batch`), never into SQLite:
 * whatever the store writes (keys, derived columns) is written the same way. Chunks run concurrently;
 * every record has a deterministic key, so a run that stops half-way is completed by the next one.
 * Generated people are kept in the data folder (`people-scale.json`) so that the local directory
 * knows them, with Roles records for their team leads; the demo cast is unchanged.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SeedPerson } from '../../core/adapters/directory/static-directory';
import { SYSTEM_ACTOR, type ListName } from '../../core/domain';
import type { Clock } from '../../core/ports/clock';
import type { NewRecord, RecordStore, StoredOf } from '../../core/ports/record-store';
import { prng, scaleAssets, scaleAudit, scaleGrants, scaleIncidents, scaleRequests, scaleTrainings, type ScaleWorld } from './scale-records';
import { loadSeed, SCALE_PEOPLE_FILE } from './seed-data';

export interface ScaleOptions {
  /** People in the district, demo cast included (default 1 000). */
  people?: number;
  /** Information assets added to the demo's 18, owned by team leads and unit heads (default 60). */
  assets?: number;
  grants?: number;
  incidents?: number;
  requests?: number;
  audit?: number;
  trainings?: number;
  /** Grants on the heavy owner's assets. */
  ownerGrants?: number;
  /** Incidents reported by people under the heavy line manager. */
  managerIncidents?: number;
  /** Incidents reported by the heavy reporter (counted in managerIncidents). */
  reporterIncidents?: number;
  /** Years of history (default 5). */
  years?: number;
  /** Chunks written at once (default 4). */
  concurrency?: number;
  /** Data folder that keeps the generated people (null: keep none). */
  dataDir?: string | null;
}

export interface ScaleResult {
  counts: Partial<Record<ListName, number>>;
  seconds: number;
  alreadyDone: boolean;
}

export const SMALL_SCALE: ScaleOptions = { assets: 20, grants: 1_500, incidents: 1_200, requests: 400, audit: 600, trainings: 500, ownerGrants: 1_000, managerIncidents: 800, reporterIncidents: 400 };

/** The demo people the concentrations land on (teams-app/local/seed/README.md). */
export const HEAVY = {
  /** Per Holmberg, administrative head: owns the HR system and three other assets. */
  owner: 'd0000000-0000-4000-8000-000000000007',
  /** Thomas Granlund, head of IFO. */
  manager: 'd0000000-0000-4000-8000-000000000030',
  /** Ida Persson, IFO: reports a great deal. */
  reporter: 'd0000000-0000-4000-8000-000000000031',
  isam: 'd0000000-0000-4000-8000-000000000002',
  adminUnit: ['d0000000-0000-4000-8000-000000000008', 'd0000000-0000-4000-8000-000000000009', 'd0000000-0000-4000-8000-000000000010'],
};

/** Every option filled in: defaults scale with the sizes asked for. */
export function resolveScale(o: ScaleOptions = {}): Required<Omit<ScaleOptions, 'dataDir'>> {
  const grants = o.grants ?? 50_000;
  const incidents = o.incidents ?? 20_000;
  const managerIncidents = Math.min(incidents, o.managerIncidents ?? Math.round(incidents / 10));
  return {
    people: o.people ?? 1_000,
    assets: o.assets ?? 60,
    grants,
    incidents,
    requests: o.requests ?? Math.round(grants * 0.16),
    audit: o.audit ?? Math.round(incidents * 0.6),
    trainings: o.trainings ?? Math.round(grants * 0.12),
    ownerGrants: Math.min(grants, o.ownerGrants ?? Math.round(grants / 10)),
    managerIncidents,
    reporterIncidents: Math.min(managerIncidents, o.reporterIncidents ?? Math.round(incidents * 0.03)),
    years: o.years ?? 5,
    concurrency: Math.max(1, Math.min(o.concurrency ?? 4, 16)),
  };
}

const FIRST = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Sara', 'Per', 'Emma', 'Mikael', 'Elin', 'Anders', 'Sofia', 'Fredrik', 'Hanna', 'Oskar', 'Amina', 'Ali', 'Fatima', 'Mohammed', 'Linnea', 'Gustav', 'Ebba', 'Nils', 'Aisha', 'Omar', 'Wilma', 'Hugo', 'Maja', 'Viktor', 'Zeynep', 'Ahmet', 'Ingrid', 'Olle', 'Tove', 'Kalle', 'Leyla', 'Dragan', 'Mirja', 'Sven'];
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström', 'Hassan', 'Ali', 'Mohammadi', 'Yilmaz', 'Nyberg', 'Holm', 'Berg', 'Sandberg', 'Lund', 'Ek', 'Åberg'];
/** Share of the generated staff per unit: elderly care and social services are the big ones. */
const UNIT_WEIGHTS: [string, number][] = [['AOM', 35], ['IFO', 20], ['FSK', 15], ['EKB', 12], ['KUL', 8], ['ADM', 6], ['LEDN', 4]];
const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** Staff per first-line manager (team lead) in the generated organisation. */
const TEAM_SIZE = 20;

/**
 * The district's people: the demo cast plus generated staff (deterministic ids `d1000000-…`). Staff
 * report to generated team leads (role `manager`, about one per 20) who report to their unit head,
 * except in the heavy manager's unit, whose generated staff all report to its head: the one line
 * manager with the concentration of incidents.
 */
export function scalePeople(
  demo: readonly SeedPerson[],
  units: { code: string; managerAadObjectId: string }[],
  total: number,
  heavyManagerId = HEAVY.manager,
): SeedPerson[] {
  const rand = prng(20_261_128);
  const head = new Map(units.map((u) => [u.code, u.managerAadObjectId]));
  const generated: SeedPerson[] = [];
  const sum = UNIT_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  for (let n = 1; n <= Math.max(0, total - demo.length); n++) {
    let r = rand() * sum;
    const unit = UNIT_WEIGHTS.find(([, w]) => (r -= w) < 0)?.[0] ?? 'AOM';
    const first = FIRST[Math.floor(rand() * FIRST.length)]!;
    const last = LAST[Math.floor(rand() * LAST.length)]!;
    generated.push({
      aadObjectId: `d1000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      displayName: `${first} ${last}`,
      email: `${fold(first)}.${fold(last)}.${n}@soderbyn.example`,
      unit,
      managerAadObjectId: head.get(unit) ?? null,
      roles: [],
      // One in two hundred has left and had the account disabled in the directory, not yet in LIS:
      // the disabled-accounts job finds them (per disabled person, not by reading every grant).
      ...(n % 200 === 0 ? { accountEnabled: false } : {}),
    });
  }
  for (const [unit] of UNIT_WEIGHTS) {
    if (head.get(unit)?.toLowerCase() === heavyManagerId.toLowerCase()) continue;
    const staff = generated.filter((p) => p.unit === unit);
    const leads = staff.filter((_, i) => i % TEAM_SIZE === 0);
    for (const lead of leads) lead.roles = ['manager'];
    staff.forEach((p, i) => {
      if (i % TEAM_SIZE !== 0) p.managerAadObjectId = leads[Math.floor(i / TEAM_SIZE)]!.aadObjectId;
    });
  }
  return generated;
}

/** Writes the generated people into the data folder, where the local directory picks them up. */
export function writeScalePeople(dataDir: string, options: ScaleOptions = {}): SeedPerson[] {
  const seed = loadSeed();
  const generated = scalePeople(seed.people, seed.units, resolveScale(options).people);
  writeFileSync(path.join(dataDir, SCALE_PEOPLE_FILE), `${JSON.stringify(generated, null, 2)}\n`);
  return generated;
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

const CHUNK = 400;

/** Writes records in chunks (concurrently), skipping chunks a previous run completed. */
function writer(store: RecordStore, concurrency: number, counts: Partial<Record<ListName, number>>, log: (line: string) => void) {
  return async function write<L extends ListName>(list: L, records: NewRecord<L>[]): Promise<StoredOf<L>[]> {
    const chunks: NewRecord<L>[][] = [];
    for (let i = 0; i < records.length; i += CHUNK) chunks.push(records.slice(i, i + CHUNK));
    const stored: StoredOf<L>[][] = [];
    let done = 0;
    await pool(chunks.map((c, i) => ({ c, i })), concurrency, async ({ c, i }) => {
      // createMany writes a chunk in order: when its last record exists, the whole chunk does.
      const last = await store.findByKey(list, c[c.length - 1]!.key);
      stored[i] = last ? await Promise.all(c.map(async (r) => (await store.findByKey(list, r.key))!)) : await store.createMany(list, c);
      done += c.length;
      if (chunks.length > 4 && (i + 1) % Math.ceil(chunks.length / 4) === 0) log(`  ${list}: ${done} of ${records.length}`);
    });
    counts[list] = (counts[list] ?? 0) + records.length;
    return stored.flat();
  };
}

export interface SeedScaleOptions extends ScaleOptions {
  store: RecordStore;
  clock: Clock;
  log?: (line: string) => void;
}

/** Fills the site; the demo organisation must be seeded first (its assets, suppliers and people are used). */
export async function seedScale(options: SeedScaleOptions): Promise<ScaleResult> {
  const { store, clock } = options;
  const log = options.log ?? (() => undefined);
  const o = resolveScale(options);
  const doneKey = `scale:done:${o.people}:${o.assets}:${o.grants}:${o.incidents}:${o.requests}:${o.audit}:${o.trainings}:${o.ownerGrants}:${o.managerIncidents}:${o.reporterIncidents}:${o.years}`;
  if (await store.findByKey('AuditLog', doneKey)) return { counts: {}, seconds: 0, alreadyDone: true };

  const started = performance.now();
  const seed = loadSeed();
  const generated = options.dataDir !== null && options.dataDir !== undefined
    ? existsSync(path.join(options.dataDir, SCALE_PEOPLE_FILE)) ? scalePeople(seed.people, seed.units, o.people) : writeScalePeople(options.dataDir, options)
    : scalePeople(seed.people, seed.units, o.people);
  const people = [...seed.people, ...generated];
  const now = clock.now().getTime();
  if (!(await store.findByKey('InformationAssets', 'seed:asset:IA-004'))) throw new Error('Seed the demo organisation before the scale data (its assets are used).');
  const counts: Partial<Record<ListName, number>> = {};
  const write = writer(store, o.concurrency, counts, log);
  log(`Scale seed: ${o.people} people, ${o.assets} more assets, ${o.grants} grants, ${o.incidents} incidents, ${o.requests} requests, ${o.audit} audit entries, ${o.trainings} trainings (${o.concurrency} at a time)…`);
  await write('Roles', generated.flatMap((p) => p.roles.map((role) => ({
    key: `scale:role:${p.aadObjectId}:${role}`,
    data: { personId: p.aadObjectId, role: role as 'manager', unit: p.unit, assignedBy: null, assignedAt: new Date(now).toISOString(), validTo: null, active: true },
  }))));
  const owners = people.filter((p) => p.roles.includes('manager') && p.aadObjectId !== HEAVY.owner);
  await write('InformationAssets', scaleAssets(owners, o.assets, now, prng(5)));
  // Small lists (under a hundred items): read whole, once.
  const assets = (await store.query('InformationAssets', { pageSize: 999 })).items;
  const suppliers = (await store.query('Suppliers', { pageSize: 999 })).items;
  const world: ScaleWorld = {
    now,
    years: o.years,
    people,
    assets: assets.map((a) => ({ id: a.id, ownerId: a.data.ownerId, delegateId: a.data.delegateId, unit: a.data.unit })),
    supplierIds: suppliers.map((s) => s.id),
    heavyOwnerId: HEAVY.owner,
    heavyManagerId: HEAVY.manager,
    heavyReporterId: HEAVY.reporter,
    isamId: HEAVY.isam,
    adminUnitIds: HEAVY.adminUnit,
  };
  const managers = new Set(people.filter((p) => p.roles.includes('manager') || p.roles.includes('director')).map((p) => p.aadObjectId));
  const [grants, incidents] = await Promise.all([
    write('AccessGrants', scaleGrants(world, o.grants, o.ownerGrants, prng(1))),
    write('Incidents', scaleIncidents(world, o.incidents, o.managerIncidents, o.reporterIncidents, prng(2))),
    write('Trainings', scaleTrainings(world, o.trainings, managers, prng(3))),
  ]);
  const byAsset = new Map<string, string[]>();
  for (const g of grants) byAsset.set(g.data.assetId, [...(byAsset.get(g.data.assetId) ?? []), g.id]);
  const requests = await write('AccessRequests', scaleRequests(world, o.requests, o.grants ? o.ownerGrants / o.grants : 0, byAsset, prng(4)));
  await write('AuditLog', scaleAudit(o.audit, incidents, requests));

  const seconds = (performance.now() - started) / 1000;
  await store.create('AuditLog', doneKey, {
    at: clock.now().toISOString(),
    actorId: SYSTEM_ACTOR,
    action: 'seed.scale_completed',
    target: 'AuditLog/scale',
    summary: `Skalningsdata inlagd (${Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)} poster)`,
    details: { ...counts, seconds: Math.round(seconds) },
    correlationId: null,
  });
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  log(`Scale seed: ${total} records in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} records/s).`);
  return { counts, seconds, alreadyDone: false };
}

/** Reads `--grants N --incidents M --small …` (npm start -- --scale …, npm run seed:scale -- …). */
export function parseScaleArgs(args: string[]): { options: ScaleOptions; rest: string[] } {
  const options: ScaleOptions = {};
  const rest: string[] = [];
  const numeric: Record<string, keyof ScaleOptions> = {
    '--people': 'people', '--assets': 'assets', '--grants': 'grants', '--incidents': 'incidents', '--requests': 'requests', '--audit': 'audit',
    '--trainings': 'trainings', '--owner-grants': 'ownerGrants', '--manager-incidents': 'managerIncidents',
    '--reporter-incidents': 'reporterIncidents', '--years': 'years', '--concurrency': 'concurrency',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--small') Object.assign(options, SMALL_SCALE);
    else if (flag in numeric) {
      const raw = inline ?? args[++i];
      const n = Number(raw);
      if (raw === undefined || !Number.isInteger(n) || n < 0 || n > 1_000_000) throw new Error(`${flag} needs a whole number from 0 to 1000000, not "${raw ?? ''}".`);
      (options as Record<string, number>)[numeric[flag]!] = n;
    } else rest.push(arg);
  }
  return { options, rest };
}
