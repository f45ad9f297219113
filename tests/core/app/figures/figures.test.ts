/**
 * Kept figures (core/app/figures) against the local SharePoint server: a recount gives what counting
 * every record would, per scope; writes through the app's store keep figures without a page load
 * counting anything; two recounts at once, or a slow one finishing last, never leave an older count;
 * the healing pass finds what was written round the app (Graph delta) and carries over what one run
 * has no room for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSharePoint, type SharePointConnection } from '../../../../core/adapters/sharepoint';
import { StaticDirectory } from '../../../../core/adapters/directory/static-directory';
import { asIncidentMonth, keepingFigures, rebuildFigures, refreshFigures, recount, type IncidentMonth } from '../../../../core/app/figures';
import { createBackground, type Deps } from '../../../../core/app/platform';
import { INCIDENT_CATEGORIES, isOpen, stockholmMonthOf, type LegalClock, type RecordOf } from '../../../../core/domain';
import { involvesPersonalData } from '../../../../core/domain/policy';
import type { Clock } from '../../../../core/ports/clock';
import { startLocalGraphServer, type LocalGraphServer } from '../../../../teams-app/local/graph-server';
import { loadPeople } from '../../../../teams-app/local/seed-demo';
import { incident, PERSON_A, PERSON_B } from '../../domain/fixtures';

let server: LocalGraphServer;
let sp: SharePointConnection;
let deps: Pick<Deps, 'store' | 'clock' | 'directory'>;
const clock: Clock = { now: () => new Date('2026-05-20T10:00:00.000Z') };

const clockOf = (kind: LegalClock['kind'], dueAt: string, completedAt: string | null): LegalClock => ({
  key: kind, kind, basis: 'confirmed', startedAt: '2026-04-01T08:00:00.000Z', dueAt, completedAt, completedBy: completedAt ? PERSON_A : null, recordedAt: completedAt,
  reference: null, outcome: completedAt ? 'sent' : null, stoppedBy: null, rationale: null, lateReason: null, evidenceId: null, requestReference: null,
});

/** Forty incidents in April and May 2026 of several categories, managers, personal data and clocks. */
function sample(n: number): RecordOf<'Incidents'> {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = n % 2 ? '04' : '05';
  const reportedAt = `2026-${month}-${day}T09:00:00.000Z`;
  return incident({
    title: `Figur ${n}`,
    category: INCIDENT_CATEGORIES[n % INCIDENT_CATEGORIES.length]!,
    reportedAt,
    discoveredAt: `2026-${month}-${day}T08:00:00.000Z`,
    occurredAt: null,
    managerId: n % 3 ? PERSON_B : PERSON_A,
    personalData: n % 4 ? { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } : { involved: 'yes', approxSubjects: 3, categories: [], protectedIdentity: false },
    status: n % 5 ? 'triaged' : 'reported',
    clocks: n % 5 ? [clockOf('cs_notification', `2026-${month}-${day}T12:00:00.000Z`, n % 2 ? `2026-${month}-${day}T11:00:00.000Z` : null), clockOf('imy_notification', `2026-${month}-${day}T10:00:00.000Z`, n % 3 ? `2026-${month}-${day}T11:00:00.000Z` : null)] : [],
  });
}

/** A month's figure, counted the slow way: every record. */
async function truth(month: string, scope: (i: RecordOf<'Incidents'>) => boolean): Promise<IncidentMonth> {
  const m: IncidentMonth = { total: 0, byCategory: {}, onTime: 0, late: 0, runningDue: [], openClocks: 0, byClock: {} };
  const tally = (kind: keyof NonNullable<IncidentMonth['byClock']>) => (m.byClock![kind] ??= { onTime: 0, late: 0, running: 0 });
  for await (const s of sp.store.queryAll('Incidents')) {
    const i = s.data;
    if (stockholmMonthOf(i.reportedAt) !== month || !scope(i)) continue;
    m.total++;
    m.byCategory[i.category] = (m.byCategory[i.category] ?? 0) + 1;
    for (const c of i.clocks) {
      if (isOpen(c)) {
        m.openClocks++;
        if (c.kind !== 'internal_investigation') {
          m.runningDue.push(c.dueAt);
          tally(c.kind).running++;
        }
      } else if (c.kind !== 'internal_investigation' && c.outcome !== 'not_required') {
        if (Date.parse(c.completedAt!) > Date.parse(c.dueAt)) {
          m.late++;
          tally(c.kind).late++;
        } else {
          m.onTime++;
          tally(c.kind).onTime++;
        }
      }
    }
  }
  m.runningDue.sort();
  return m;
}

/** A kept figure; a scope with nothing that month has no item, which reads as zero. */
async function figure(scope: string, month: string): Promise<IncidentMonth> {
  const f = await sp.store.findByKey('Figures', `figure:incidents:${scope}:${month}`);
  return asIncidentMonth(f?.data.values ?? {});
}

beforeAll(async () => {
  server = await startLocalGraphServer({ port: 0, threshold: 50 });
  sp = await connectSharePoint({ baseUrl: server.url, getToken: async () => server.token, userAgent: 'NONISV|StockholmStad|LISforTeams/test', provision: true });
  deps = { store: sp.store, clock, directory: new StaticDirectory(loadPeople()) };
  await sp.store.createMany('Incidents', Array.from({ length: 40 }, (_, n) => ({ key: `fig:${n}`, data: sample(n) })));
  await rebuildFigures(deps);
}, 60_000);

afterAll(async () => server?.close());

describe('incident figures', () => {
  it('count a month per scope as reading every record would', async () => {
    for (const month of ['2026-04', '2026-05']) {
      expect(await figure('org', month)).toEqual(await truth(month, () => true));
      expect(await figure('pd', month)).toEqual(await truth(month, (i) => involvesPersonalData(i)));
      expect(await figure(`manager:${PERSON_B}`, month)).toEqual(await truth(month, (i) => i.managerId === PERSON_B));
    }
  });

  it('follow writes through the app’s store, after the answer, without anyone counting on a page load', async () => {
    const background = createBackground();
    const store = keepingFigures(deps, background);
    const s = (await sp.store.findByKey('Incidents', 'fig:1'))!;
    await store.update('Incidents', s, { category: 'malware' });
    await store.create('Incidents', 'fig:new', sample(3));
    await background.idle();
    expect(await figure('org', '2026-04')).toEqual(await truth('2026-04', () => true));
    expect((await figure('org', '2026-04')).byCategory.malware).toBeGreaterThan(0);
  });

  it('never puts back an older count: a slow recount that finishes last is left out', async () => {
    const before = (await sp.store.findByKey('Figures', 'figure:incidents:org:2026-05'))!;
    // A recount that started reading an hour ago, with other numbers, comes in last.
    const stale = { store: sp.store, clock: { now: () => new Date(Date.parse(before.data.computedAt) - 3_600_000) }, directory: deps.directory };
    await sp.store.create('Incidents', 'fig:late', sample(4));
    await recount(stale, { figure: 'incidents', month: '2026-05' });
    expect((await sp.store.findByKey('Figures', 'figure:incidents:org:2026-05'))!.data.computedAt).toBe(before.data.computedAt);
    // Two fresh recounts at once: the figure ends right.
    await Promise.all([recount(deps, { figure: 'incidents', month: '2026-05' }), recount(deps, { figure: 'incidents', month: '2026-05' })]);
    expect(await figure('org', '2026-05')).toEqual(await truth('2026-05', () => true));
  });
});

describe('the healing pass', () => {
  it('finds writes made round the app through Graph delta, and recounts only their buckets', async () => {
    await refreshFigures(deps);
    await sp.store.create('Incidents', 'fig:round', sample(6)); // May, written straight to the adapter
    expect((await figure('org', '2026-05')).total).toBe((await truth('2026-05', () => true)).total - 1);
    const report = await refreshFigures(deps);
    expect(report.recounted).toBe(1);
    expect(report.caughtUp).toContain('Incidents');
    expect(await figure('org', '2026-05')).toEqual(await truth('2026-05', () => true));
    expect((await refreshFigures(deps)).recounted).toBe(0);
  });

  it('carries over what one run has no room for, and the next run does it', async () => {
    await sp.store.create('Incidents', 'fig:march', incident({ title: 'Mars', reportedAt: '2026-03-03T09:00:00.000Z', discoveredAt: '2026-03-03T08:00:00.000Z', occurredAt: null }));
    await sp.store.create('Incidents', 'fig:june', incident({ title: 'Juni', reportedAt: '2026-05-19T09:00:00.000Z', discoveredAt: '2026-05-19T08:00:00.000Z', occurredAt: null }));
    const first = await refreshFigures(deps, { maxBuckets: 1 });
    expect(first.recounted).toBe(1);
    const second = await refreshFigures(deps, { maxBuckets: 1 });
    expect(second.recounted).toBe(1);
    expect(await figure('org', '2026-03')).toEqual(await truth('2026-03', () => true));
    expect(await figure('org', '2026-05')).toEqual(await truth('2026-05', () => true));
  });
});
