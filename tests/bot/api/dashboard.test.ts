/**
 * Översikt over HTTP against the real app and the demo organisation: each person's "needs me now",
 * the figures of the scope their role may see (kept figures: ADR 014), and a bounded number of
 * Graph requests per overview. The records below are written straight to the adapter, round the
 * app's write path, as another instance or a person editing the list would: the healing pass
 * (`refreshFigures`, a scheduler job) then brings the figures up to date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../../core/app/figures';
import { EMPTY_FACTS, nextDueAt, type RecordOf } from '../../../core/domain';
import { loadSeed } from '../../../teams-app/local/seed-demo';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
const seed = loadSeed();
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const baseline = new Map<string, any>();
const TEST_INCIDENTS = ['Obehörig åtkomst i verksamhetssystemet', 'Sen rapport'];
const HOUR = 3_600_000;

beforeAll(async () => {
  api = await startApi();
  const store = api.app.sharepoint.store;
  const now = Date.now();
  const at = (hours: number) => new Date(now + hours * HOUR).toISOString();
  // What the seeded organisation already shows (its historic incidents carry clocks too).
  for (const who of [PEOPLE.isam, PEOPLE.thomas, PEOPLE.perHolmberg, PEOPLE.dso]) baseline.set(who, await dashboard(who));
  const ia001 = (await store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-001' }] })).items[0]!;
  const incident = (title: string, clocks: RecordOf<'Incidents'>['clocks'], personal: boolean): RecordOf<'Incidents'> => ({
    title,
    category: 'unauthorised_access',
    description: 'Testincident för översikten.',
    occurredAt: null,
    discoveredAt: at(-30),
    awareAt: at(-30),
    reportedAt: at(-29),
    reporterId: PEOPLE.staff,
    reporterUnit: 'EKB',
    managerId: PEOPLE.cecilia,
    assetId: ia001.id,
    supplierId: null,
    personalData: personal ? { involved: 'yes', approxSubjects: 3, categories: [], protectedIdentity: false } : { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false },
    status: 'triaged',
    severity: 'high',
    personalDataBreach: personal,
    significant: 'undecided',
    significanceRationale: null,
    triagedBy: PEOPLE.isam,
    triagedAt: at(-28),
    clocks,
    assessments: [{ at: at(-28), by: PEOPLE.isam, severity: 'high', personalDataBreach: personal, significant: 'undecided', rationale: null, imyNotRequiredRationale: null, reason: null }],
    facts: EMPTY_FACTS,
    investigation: null,
    closedBy: null,
    closedAt: null,
    // As the incident use cases keep it: the soonest open deadline (indexed, read by the dashboard).
    nextDueAt: nextDueAt(clocks),
    lastOperation: null,
  });
  const clock = (kind: RecordOf<'Incidents'>['clocks'][number]['kind'], dueIn: number, completedIn: number | null): RecordOf<'Incidents'>['clocks'][number] => ({
    kind,
    key: kind,
    basis: 'confirmed',
    recordedAt: null,
    stoppedBy: null,
    lateReason: null,
    evidenceId: null,
    requestReference: null,
    startedAt: at(-30),
    dueAt: at(dueIn),
    completedAt: completedIn === null ? null : at(completedIn),
    completedBy: completedIn === null ? null : PEOPLE.isam,
    reference: null,
    outcome: completedIn === null ? null : ('sent' as const),
    rationale: null,
  });
  await store.create('Incidents', 'test:dashboard:1', incident('Obehörig åtkomst i verksamhetssystemet', [clock('cs_early_warning', -6, -10), clock('cs_notification', 42, null), clock('imy_notification', -2, null), clock('internal_investigation', 600, null)], true));
  await store.create('Incidents', 'test:dashboard:2', incident('Sen rapport', [clock('cs_early_warning', -6, -1)], false));
  await store.create('AccessRequests', 'test:dashboard:request', {
    kind: 'new',
    subjectId: PEOPLE.staff,
    requesterId: PEOPLE.staff,
    assetId: ia001.id,
    role: 'Handläggare',
    justification: 'Nya arbetsuppgifter.',
    validUntil: null,
    grantId: null,
    ownerId: PEOPLE.thomas,
    delegateId: null,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    takenBy: null,
    takenAt: null,
    completedBy: null,
    completedAt: null,
    requestedAt: at(-3),
  });
  for (const [n, owner, status, total, kept, removed] of [[1, PEOPLE.thomas, 'completed', 10, 9, 1], [2, PEOPLE.cecilia, 'open', 6, 2, 0]] as const) {
    await store.create('AccessReviews', `test:dashboard:review:${n}`, {
      campaignId: 'rev-2026-09',
      campaignName: 'Behörighetsrevision september 2026',
      assetId: ia001.id,
      ownerId: owner,
      status,
      startedAt: at(-24 * 60),
      dueAt: at(24 * 10),
      total,
      kept,
      removed,
      lastReminderAt: null,
      completedAt: status === 'completed' ? at(-24) : null,
    });
  }
  await refreshFigures(api.app.runtime.deps);
});
afterAll(async () => api?.close());

const dashboard = async (as: string) => {
  const res = await api.call('GET', '/dashboard', { as });
  expect(res.status).toBe(200);
  return res.body;
};

describe('Översikt', () => {
  it('counts the incidents of the last 12 months that the person may see', async () => {
    const isam = await dashboard(PEOPLE.isam);
    expect(isam.incidentsPerMonth.months).toHaveLength(12);
    expect(isam.incidentsPerMonth.total).toBe(seed.incidents.length + 2);
    const staff = await dashboard(PEOPLE.staff);
    const own = seed.incidents.filter((i) => i.reporterAadObjectId === PEOPLE.staff).length;
    expect(staff.incidentsPerMonth.total).toBe(own + 2);
    const someone = await dashboard('d0000000-0000-4000-8000-000000000040');
    expect(someone.incidentsPerMonth.total).toBe(seed.incidents.filter((i) => i.reporterAadObjectId === 'd0000000-0000-4000-8000-000000000040').length);
  });

  it('shows running clocks to those who may see the incident, soonest first, and reporting on time vs late', async () => {
    const isam = await dashboard(PEOPLE.isam);
    const ours = isam.mine.clocks.items.filter((c: { incidentTitle: string }) => TEST_INCIDENTS.includes(c.incidentTitle));
    expect(ours.map((c: { kind: string; overdue: boolean }) => [c.kind, c.overdue])).toEqual([
      ['imy_notification', true],
      ['cs_notification', false],
      ['internal_investigation', false],
    ]);
    const before = baseline.get(PEOPLE.isam).reporting;
    expect(isam.reporting).toEqual({ onTime: before.onTime + 1, late: before.late + 1, overdue: before.overdue + 1, running: before.running + 1 });
    // The asset's owner sees the incident on their asset; another unit head does not; the DSO sees
    // only the one with personal data.
    const added = async (who: string) => (await dashboard(who)).mine.clocks.total - baseline.get(who).mine.clocks.total;
    expect(await added(PEOPLE.thomas)).toBe(3);
    expect(await added(PEOPLE.perHolmberg)).toBe(0);
    expect(await added(PEOPLE.dso)).toBe(3);
  });

  it('lists the line manager’s investigations', async () => {
    const cecilia = await dashboard(PEOPLE.cecilia);
    expect(cecilia.mine.investigations.items.map((i: { title: string }) => i.title)).toEqual(expect.arrayContaining(['Obehörig åtkomst i verksamhetssystemet', 'Sen rapport']));
    const manager = (id: string) => seed.people.find((p) => p.aadObjectId === id)?.managerAadObjectId;
    const investigating = seed.incidents.filter((i) => i.status === 'investigating' || i.status === 'triaged');
    const thomasCases = investigating.filter((i) => manager(i.reporterAadObjectId) === PEOPLE.thomas).map((i) => i.title);
    expect((await dashboard(PEOPLE.thomas)).mine.investigations.items.map((i: { title: string }) => i.title).sort()).toEqual([...thomasCases].sort());
  });

  it('lists access requests waiting for the owner’s decision, and counts open requests by who may see them', async () => {
    const thomas = await dashboard(PEOPLE.thomas);
    expect(thomas.mine.approvals.items).toEqual([expect.objectContaining({ kind: 'new', role: 'Handläggare', subject: { id: PEOPLE.staff, name: 'Johanna Berg' }, asset: expect.objectContaining({ code: 'IA-001' }) })]);
    expect(thomas.accessRequests.pending).toBe(1);
    expect((await dashboard(PEOPLE.isam)).accessRequests.pending).toBe(1);
    expect((await dashboard(PEOPLE.cecilia)).accessRequests.pending).toBe(0);
    expect((await dashboard(PEOPLE.cecilia)).mine.approvals.total).toBe(0);
  });

  it('shows recertification progress to ISAM for the campaign, and to an owner for their own reviews', async () => {
    expect((await dashboard(PEOPLE.isam)).recertification).toMatchObject({ campaignId: 'rev-2026-09', reviews: 2, completedReviews: 1, grants: 16, kept: 11, removed: 1 });
    expect((await dashboard(PEOPLE.thomas)).recertification).toMatchObject({ reviews: 1, completedReviews: 1, grants: 10 });
    expect((await dashboard(PEOPLE.staff)).recertification).toBeNull();
  });

  it('shows classification coverage and the owner’s assets to classify or review', async () => {
    const per = await dashboard(PEOPLE.perHolmberg);
    expect(per.classification).toEqual({ total: 18, classified: 11, reviewDue: 4, unclassified: 3, level4: 1 });
    expect(per.mine.assetReviews.items.map((a: { code: string; state: string }) => [a.code, a.state]).sort()).toEqual([
      ['IA-004', 'review_due'],
      ['IA-007', 'unclassified'],
      ['IA-012', 'review_due'],
    ]);
  });

  it('shows mandatory training completion per unit (64 of 90 in the demo organisation)', async () => {
    const { training } = await dashboard(PEOPLE.staff);
    expect([training.completed, training.required]).toEqual([64, 90]);
    const byUnit = Object.fromEntries(training.units.map((u: { unit: string; completed: number; required: number }) => [u.unit, Math.round((u.completed / u.required) * 100)]));
    expect(byUnit).toEqual({ LEDN: 100, ADM: 94, EKB: 82, IFO: 77, FSK: 45, KUL: 45, AOM: 38 });
  });

  it('costs at most three Graph requests, whoever asks', async () => {
    // The roles of the person (1), then one $batch: kept figures, their own buckets and what they
    // own (1), and for an owner of assets the open incidents on them (1).
    for (const who of [PEOPLE.isam, PEOPLE.thomas, PEOPLE.dso, PEOPLE.staff]) {
      const token = await api.token(who);
      api.app.graph!.resetRequestCount();
      expect((await api.call('GET', '/dashboard', { token })).status).toBe(200);
      const requests = api.app.graph!.requestCount();
      expect(requests, who).toBeGreaterThanOrEqual(2);
      expect(requests, who).toBeLessThanOrEqual(3);
    }
  });
});
