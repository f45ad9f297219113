/**
 * Issue 15's must-show: the management review of a seeded year (the demo organisation plus the
 * small scale site: 1 200 incidents and 1 500 grants over five years) on a local SharePoint server
 * whose list view threshold is 300 — so any unbounded read would be refused. Every figure is checked
 * against the records themselves, read in id order through the adapter; then the review is written,
 * sent for decision (figures frozen), decided by the director (proposals become improvement actions,
 * the review is locked) and kept for its retention period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { buildReviewFigures, createReview, decideReview, getReview, listReviews, presentReview, removeReview, reopenReview, updateReview } from '../../../../core/app/reviews';
import { REPORTING_CLOCKS } from '../../../../core/app/figures';
import { listIncidents } from '../../../../core/app/incidents';
import { loadActor } from '../../../../core/app/people';
import type { Deps } from '../../../../core/app/platform';
import { ReviewFigures } from '../../../../core/api';
import { CLOCK_KINDS, INCIDENT_CATEGORIES, involvesPersonalData, isOpen, meetingPhase, stockholmDate, stockholmMonthOf, summariseClassification, type ListName } from '../../../../core/domain';
import { ConflictError, RecordValidationError } from '../../../../core/ports/errors';
import type { StoredOf } from '../../../../core/ports/record-store';
import { startLocal, type LocalApp } from '../../../../teams-app/local/launcher';
import { SMALL_SCALE } from '../../../../teams-app/local/seed-scale';
import { PEOPLE, TestClock } from '../../../support/bot-harness';

const FROM = '2026-01-01';
const TO = '2026-12-31';
const STAFF = 'd0000000-0000-4000-8000-000000000016';

let local: LocalApp;
let dataDir: string;
let deps: Deps;
const clock = new TestClock(Date.parse('2026-11-28T09:00:00.000Z'));

async function all<L extends ListName>(list: L): Promise<StoredOf<L>[]> {
  const out: StoredOf<L>[] = [];
  for await (const s of local.sharepoint.store.queryAll(list)) out.push(s);
  return out;
}

const inPeriod = (iso: string) => stockholmDate(new Date(iso)) >= FROM && stockholmDate(new Date(iso)) <= TO;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-review-'));
  local = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir, LOCAL_GRAPH_THRESHOLD: '300' }, clock, quiet: true, background: false, scale: SMALL_SCALE });
  deps = local.runtime.deps;
}, 600_000);

afterAll(async () => {
  await local?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the figures of a seeded year', () => {
  it('match the records, each figure with the route of what it counts', async () => {
    const f = await buildReviewFigures(deps, FROM, TO);
    expect(ReviewFigures.safeParse(f).success).toBe(true);

    const incidents = (await all('Incidents')).filter((s) => inPeriod(s.data.reportedAt));
    expect(incidents.length).toBeGreaterThan(100);
    expect(f.incidents.total).toBe(incidents.length);
    for (const c of f.incidents.byCategory) {
      expect(c.n, c.category).toBe(incidents.filter((s) => s.data.category === c.category).length);
      expect(c.href).toBe(`#/incidents?from=${FROM}&to=${TO}&category=${c.category}`);
    }
    expect(f.incidents.byCategory.map((c) => c.category)).toEqual([...INCIDENT_CATEGORIES]);
    expect(f.incidents.byMonth).toHaveLength(12);
    for (const m of f.incidents.byMonth) expect(m.total, m.month).toBe(incidents.filter((s) => stockholmMonthOf(s.data.reportedAt) === m.month).length);

    const tally = (list: typeof incidents, kind: string) => {
      const t = { onTime: 0, late: 0, running: 0 };
      for (const s of list)
        for (const c of s.data.clocks) {
          if (c.kind !== kind) continue;
          if (isOpen(c)) t.running++;
          else if (c.outcome !== 'not_required') Date.parse(c.completedAt!) > Date.parse(c.dueAt) ? t.late++ : t.onTime++;
        }
      return t;
    };
    expect(f.reporting.map((r) => r.kind)).toEqual(CLOCK_KINDS.filter((k) => REPORTING_CLOCKS.has(k)));
    for (const r of f.reporting) expect({ onTime: r.onTime, late: r.late, running: r.running }, r.kind).toEqual(tally(incidents, r.kind));
    expect(f.reporting.reduce((n, r) => n + r.onTime + r.late + r.running, 0)).toBeGreaterThan(0);
    const pd = incidents.filter((s) => involvesPersonalData(s.data));
    const imy = tally(pd, 'imy_notification');
    expect(f.personalData).toMatchObject({ total: pd.length, imyOnTime: imy.onTime, imyLate: imy.late, imyRunning: imy.running });

    const today = stockholmDate(clock.now());
    const assets = (await all('InformationAssets')).filter((a) => !a.data.archived);
    const states = assets.map((a) => summariseClassification(a.data, today));
    expect(f.classification.total).toBe(assets.length);
    expect(f.classification.unclassified).toBe(states.filter((s) => s.state === 'unclassified').length);
    expect(f.classification.level4).toBe(states.filter((s) => s.securityProtectionFlag).length);
    expect(f.classification.classified + f.classification.reviewDue + f.classification.unclassified).toBe(assets.length);

    const requests = (await all('AccessRequests')).filter((r) => inPeriod(r.data.requestedAt));
    expect(f.accessRequests.total).toBe(requests.length);
    for (const k of f.accessRequests.byKind) expect(k.n, k.kind).toBe(requests.filter((r) => r.data.kind === k.kind).length);
    for (const s of f.accessRequests.byStatus) expect(s.n, s.status).toBe(requests.filter((r) => r.data.status === s.status).length);

    const leavers = (await all('Leavers')).filter((l) => l.data.lastDay >= FROM && l.data.lastDay <= TO);
    expect(f.leavers.total).toBe(leavers.length);
    expect(f.leavers.onTime + f.leavers.late + f.leavers.open).toBe(leavers.length);

    const campaigns = (await all('AccessCampaigns')).filter((c) => c.data.period >= '2026-01' && c.data.period <= '2026-12');
    const reviews = await all('AccessReviews');
    expect(f.recertification).toHaveLength(campaigns.length);
    for (const c of f.recertification) {
      const camp = campaigns.find((x) => x.data.period === c.period && x.data.name === c.campaign)!;
      const rs = reviews.filter((r) => r.data.campaignId === camp.id);
      expect(c).toMatchObject({ systems: rs.length, grants: rs.reduce((n, r) => n + r.data.total, 0), removed: rs.reduce((n, r) => n + r.data.removed, 0) });
    }

    const suppliers = (await all('Suppliers')).filter((s) => !s.data.archived);
    const processing = suppliers.filter((s) => s.data.processesPersonalData);
    const covered = processing.filter((s) => ['signed', 'via_parent'].includes(s.data.dpaStatus));
    expect(f.suppliers).toMatchObject({ total: suppliers.length, processingPersonalData: processing.length, dpaCovered: covered.length, subSuppliers: suppliers.filter((s) => s.data.parentId).length });
    expect(f.suppliers.dpaMissing).toHaveLength(processing.length - covered.length);
    expect(f.suppliers.longestChain).toBeGreaterThanOrEqual(suppliers.some((s) => s.data.parentId) ? 2 : 1);

    const meetings = (await all('AmbassadorMeetings')).filter((m) => inPeriod(m.data.startsAt));
    expect(f.ambassadors).toMatchObject({ planned: meetings.length, held: meetings.filter((m) => ['held', 'closed'].includes(meetingPhase(m.data, clock.now()))).length, cancelled: meetings.filter((m) => m.data.cancelledAt).length });

    const risks = (await all('Risks')).filter((r) => !r.data.archived && r.data.status !== 'closed');
    expect(f.risks.total).toBe(risks.length);
    for (const l of f.risks.byLevel) expect(l.n, l.level).toBe(risks.filter((r) => r.data.level === l.level).length);
    expect(f.risks.byTreatment.reduce((n, x) => n + x.n, 0)).toBe(risks.length);

    const audits = (await all('Audits')).filter((a) => a.data.plannedAt >= FROM && a.data.plannedAt <= TO && a.data.status !== 'cancelled');
    expect(f.audits.total).toBe(audits.length);
    for (const k of f.audits.findings) expect(k.n, k.kind).toBe(audits.flatMap((a) => a.data.findings).filter((x) => x.kind === k.kind).length);

    const actions = (await all('ImprovementActions')).filter((a) => a.data.source === 'management_review');
    expect(f.earlierActions.total).toBe(actions.length);
    expect(f.earlierActions.items.map((a) => a.id).sort()).toEqual(actions.map((a) => a.id).sort());

    const training = (await all('Figures')).filter((x) => x.data.name === 'training' && (x.data.values as { people: number }).people > 0);
    expect(f.training).toHaveLength(training.length);
    expect(f.training.every((u) => u.href === `#/training?unit=${encodeURIComponent(u.unit)}`)).toBe(true);
  }, 120_000);

  it('opens the records a category figure counts through the incidents list, under the threshold', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    const f = await buildReviewFigures(deps, FROM, TO);
    const c = [...f.incidents.byCategory].sort((a, b) => b.n - a.n)[0]!;
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 50; n++) {
      const page = await listIncidents(deps, isam, { from: FROM, to: TO, category: c.category, pageSize: 100, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      expect(page.items.every((i) => i.category === c.category && inPeriod(i.reportedAt))).toBe(true);
      if (!page.cursor) break;
      cursor = page.cursor;
    }
    expect(seen).toHaveLength(c.n);
  }, 60_000);
});

describe('writing, deciding and keeping the review', () => {
  it('goes from draft to a locked decision whose proposals become improvement actions', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    const director = await loadActor(deps, PEOPLE.director);
    const staff = await loadActor(deps, STAFF);

    await expect(createReview(deps, staff, 'k-000001', { from: FROM, to: TO })).rejects.toMatchObject({ reason: 'forbidden' });
    const bad = await createReview(deps, isam, 'k-000002', { from: '2026-01-02', to: '2026-12-30' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RecordValidationError);
    expect((bad as RecordValidationError).issues[0]!.messageKey).toBe('review.periodStart');

    // The demo organisation has ISAM's draft of this year's review: "create" finds it (one per period).
    const { view: draft, created } = await createReview(deps, isam, 'k-000003', { from: FROM, to: TO });
    expect(created).toBe(false);
    const again = await createReview(deps, isam, 'k-000004', { from: FROM, to: TO });
    expect(again).toMatchObject({ created: false, view: { id: draft.id } });
    expect(draft).toMatchObject({ status: 'draft', title: 'Ledningens genomgång 2026', figuresFrozen: false, canEdit: true, canDecide: false, locked: false });
    expect(draft.sections.purpose).toContain('9.3');
    expect((await listReviews(deps, director)).items.map((r) => r.id)).toContain(draft.id);
    await expect(getReview(deps, staff, draft.id)).rejects.toMatchObject({ reason: 'forbidden' });

    const proposals = [
      { key: 'dpa', area: 'suppliers' as const, title: 'Teckna biträdesavtal med alla leverantörer som saknar det', description: null, ownerId: PEOPLE.isam, dueAt: '2027-06-30' },
      { key: 'access-review', area: 'access' as const, title: 'Behörighetsrevision i alla verksamhetssystem', description: 'Två gånger om året.', ownerId: PEOPLE.adminUnit, dueAt: '2027-09-30' },
    ];
    const written = await updateReview(deps, isam, draft.id, draft.etag, { sections: { summary: 'Arbetet har gått framåt.\n\nLeverantörsstyrningen behöver stärkas.', external_changes: 'Cybersäkerhetslagen trädde i kraft 15 januari 2026.' }, proposals });
    expect(written.sections.summary).toContain('framåt');
    expect(written.proposals.map((p) => p.owner.name)).toEqual([expect.any(String), expect.any(String)]);
    await expect(updateReview(deps, isam, draft.id, draft.etag, { sections: { summary: 'x' } })).rejects.toBeInstanceOf(ConflictError);
    await expect(updateReview(deps, isam, draft.id, written.etag, { proposals: [{ ...proposals[0]!, ownerId: 'd0000000-0000-4000-8000-0000000000ff' }] })).rejects.toBeInstanceOf(RecordValidationError);
    await expect(decideReview(deps, director, draft.id, written.etag, { decision: 'x', registrationNumber: 'SDF 2026/1' })).rejects.toMatchObject({ reason: 'state' });

    // Sent for decision: the figures are frozen; a new incident afterwards does not change them.
    const presented = await presentReview(deps, isam, draft.id, written.etag);
    expect(presented).toMatchObject({ status: 'presented', figuresFrozen: true, canEdit: false, canReopen: true });
    await expect(updateReview(deps, isam, draft.id, presented.etag, { sections: { summary: 'y' } })).rejects.toMatchObject({ reason: 'state', messageKey: 'review.notDraft' });
    const back = await reopenReview(deps, isam, draft.id, presented.etag);
    expect(back).toMatchObject({ status: 'draft', figuresFrozen: false });
    const sent = await presentReview(deps, isam, draft.id, back.etag);
    const frozen = sent.figures;
    const reporter = await loadActor(deps, STAFF);
    const { reportIncident } = await import('../../../../core/app/incidents');
    await reportIncident(deps, reporter, { category: 'phishing', title: 'Misstänkt nätfiske efter frysning', description: 'Ett mejl som ber om inloggning.', occurredAt: null, discoveredAt: clock.now().toISOString(), assetId: null, supplierId: null, personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } }, 'review-test-after-freeze');
    expect((await getReview(deps, director, draft.id)).figures).toEqual(frozen);
    expect((await getReview(deps, director, draft.id)).canDecide).toBe(true);

    // Only the director decides; two clicks at once decide once and create each action once.
    await expect(decideReview(deps, isam, draft.id, sent.etag, { decision: 'x', registrationNumber: 'SDF 2026/1' })).rejects.toMatchObject({ reason: 'forbidden' });
    await expect(decideReview(deps, director, draft.id, sent.etag, { decision: '', registrationNumber: '' })).rejects.toBeInstanceOf(RecordValidationError);
    const results = await Promise.allSettled([
      decideReview(deps, director, draft.id, sent.etag, { decision: 'Förvaltningschefen fastställer genomgången och ger i uppdrag att genomföra förslagen.', registrationNumber: 'SDF 2026/1234' }),
      decideReview(deps, director, draft.id, sent.etag, { decision: 'Förvaltningschefen fastställer genomgången och ger i uppdrag att genomföra förslagen.', registrationNumber: 'SDF 2026/1234' }),
    ]);
    const decided = results.find((r) => r.status === 'fulfilled')!.value;
    expect(decided).toMatchObject({ status: 'decided', locked: true, registrationNumber: 'SDF 2026/1234', decidedAt: '2026-11-28', keptUntil: '2031-11-28', canEdit: false, canDecide: false, canRemove: false });
    expect(decided.figures).toEqual(frozen);
    const actions = (await all('ImprovementActions')).filter((a) => a.data.sourceRef === `ManagementReviews/${draft.id}`);
    expect(actions).toHaveLength(2);
    expect(actions.map((a) => a.data).sort((a, b) => a.dueAt.localeCompare(b.dueAt))).toMatchObject([
      { title: proposals[0]!.title, ownerId: PEOPLE.isam, dueAt: '2027-06-30', source: 'management_review', status: 'open' },
      { title: proposals[1]!.title, ownerId: PEOPLE.adminUnit, dueAt: '2027-09-30', source: 'management_review' },
    ]);
    expect(decided.proposals.map((p) => p.actionId).sort()).toEqual(actions.map((a) => a.id).sort());

    // Locked: nothing changes.
    await expect(updateReview(deps, isam, draft.id, decided.etag, { sections: { summary: 'z' } })).rejects.toMatchObject({ reason: 'state', messageKey: 'review.locked' });
    await expect(reopenReview(deps, isam, draft.id, decided.etag)).rejects.toMatchObject({ messageKey: 'review.locked' });
    await expect(decideReview(deps, director, draft.id, decided.etag, { decision: 'Nytt', registrationNumber: 'X' })).rejects.toMatchObject({ messageKey: 'review.locked' });

    // Next year's review follows those actions up.
    const next = await buildReviewFigures(deps, '2027-01-01', '2027-12-31');
    expect(next.earlierActions.items.map((a) => a.id)).toEqual(expect.arrayContaining(actions.map((a) => a.id)));

    // Kept for the retention period (RETENTION_YEARS, default 5), then it may be removed.
    await expect(removeReview(deps, isam, draft.id, decided.etag)).rejects.toMatchObject({ reason: 'state', messageKey: 'review.retained', params: { until: '2031-11-28' } });
    clock.set('2031-11-28T12:00:00.000Z');
    await expect(removeReview(deps, isam, draft.id, decided.etag)).rejects.toMatchObject({ messageKey: 'review.retained' });
    clock.set('2031-11-29T08:00:00.000Z');
    expect((await getReview(deps, isam, draft.id)).canRemove).toBe(true);
    await expect(removeReview(deps, director, draft.id, decided.etag)).rejects.toMatchObject({ reason: 'forbidden' });
    await removeReview(deps, isam, draft.id, decided.etag);
    await removeReview(deps, isam, draft.id, decided.etag);
    expect((await listReviews(deps, isam)).items.map((r) => r.id)).not.toContain(draft.id);
    clock.set('2026-11-28T09:00:00.000Z');
  }, 120_000);

  it('exports a .docx with headings, tables, chart pictures and page numbers through the tab API', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    const { view, created } = await createReview(deps, isam, 'k-000010', { from: '2025-01-01', to: '2025-12-31' });
    expect(created).toBe(true);
    expect(view.sections).toEqual({ purpose: expect.stringContaining('9.3') });
    const signIn = await fetch(`${local.appUrl}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: PEOPLE.director }) });
    const { token } = (await signIn.json()) as { token: string };
    const res = await fetch(`${local.appUrl}/api/v1/reviews/${view.id}/document.docx`, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': 'sv-SE' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('Ledningens genomgång 2025');
    expect(xml).toContain('Status för åtgärder från tidigare genomgångar');
    expect(xml).toContain('Förvaltningschefens beslut');
    expect(xml).toContain('<w:tbl>');
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
    expect(media.length).toBeGreaterThanOrEqual(1);
    expect([...files[media[0]!]!.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const footers = Object.keys(files).filter((f) => /word\/footer\d*\.xml/.test(f)).map((f) => strFromU8(files[f]!)).join('');
    expect(footers).toContain('PAGE');
    expect(footers).toContain('Sida');
  }, 60_000);
});
