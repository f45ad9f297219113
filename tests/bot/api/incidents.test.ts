/**
 * Incidenter over HTTP against the real app: the register shows only what the actor may see
 * (ISAM everything, the DSO incidents involving personal data, a staff member their own), filters
 * and paging on indexed columns, the incident page with clocks and timeline, the report form's
 * create (idempotent per person and key, validation per field) and triage / report sent with
 * If-Match (409 with the current page on a stale etag).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

async function allPages(as: string, query = '') {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await api.call('GET', `/incidents?pageSize=7${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as });
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.cursor;
    pages++;
  } while (cursor && pages < 20);
  return ids;
}

async function storedIncidents() {
  const out = [];
  for await (const s of api.app.sharepoint.store.queryAll('Incidents')) out.push(s);
  return out;
}

const report = (overrides: Record<string, unknown> = {}) => ({
  category: 'misdirected',
  title: null,
  description: 'Ett beslut skickades till fel mottagare.\nMottagaren hörde av sig.',
  occurredAt: null,
  discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
  assetId: null,
  supplierId: null,
  personalData: { involved: 'yes', approxSubjects: 1, categories: ['social'], protectedIdentity: false },
  ...overrides,
});

describe('the incident register', () => {
  it('shows ISAM every incident, newest first, page by page with the cursor', async () => {
    const stored = await storedIncidents();
    const first = await api.call('GET', '/incidents?pageSize=7', { as: PEOPLE.isam });
    expect(first.body.scope).toBe('all');
    expect(first.body.items).toHaveLength(7);
    const times = first.body.items.map((i: { reportedAt: string }) => i.reportedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(first.body.items[0]).toMatchObject({ caseNumber: expect.stringMatching(/^INC-\d{4}-\d{4}$/) });
    const ids = await allPages(PEOPLE.isam);
    expect(new Set(ids).size).toBe(stored.length);
  });

  it('filters by status and category on indexed columns', async () => {
    const res = await api.call('GET', '/incidents?status=investigating', { as: PEOPLE.itsec });
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: { status: string }) => i.status === 'investigating')).toBe(true);
    const phishing = await api.call('GET', '/incidents?category=phishing&direction=asc', { as: PEOPLE.isam });
    expect(phishing.body.items.every((i: { category: string }) => i.category === 'phishing')).toBe(true);
    expect((await api.call('GET', '/incidents?status=nonsense', { as: PEOPLE.isam })).status).toBe(400);
  });

  it('shows a staff member only the incidents they may see', async () => {
    const stored = await storedIncidents();
    const own = stored.filter((s) => s.data.reporterId === PEOPLE.staff || s.data.managerId === PEOPLE.staff).map((s) => s.id);
    const ids = await allPages(PEOPLE.staff);
    expect(ids.sort()).toEqual(own.sort());
  });

  it('shows the DSO exactly the incidents involving personal data (and none other)', async () => {
    const stored = await storedIncidents();
    const expected = stored.filter((s) => s.data.personalDataBreach === true || s.data.personalData.involved !== 'no' || s.data.reporterId === PEOPLE.dso || s.data.managerId === PEOPLE.dso).map((s) => s.id);
    const ids = await allPages(PEOPLE.dso);
    expect(ids.sort()).toEqual(expected.sort());
    expect(ids.length).toBeLessThan(stored.length);
  });

  it('shows an information owner the incidents on their assets', async () => {
    const stored = await storedIncidents();
    const owned = new Set<string>();
    for await (const a of api.app.sharepoint.store.queryAll('InformationAssets')) if (a.data.ownerId === PEOPLE.thomas || a.data.delegateId === PEOPLE.thomas) owned.add(a.id);
    const expected = stored.filter((s) => s.data.reporterId === PEOPLE.thomas || s.data.managerId === PEOPLE.thomas || (s.data.assetId !== null && owned.has(s.data.assetId))).map((s) => s.id);
    const ids = await allPages(PEOPLE.thomas);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids.sort()).toEqual(expected.sort());
  });

  it('refuses the incident page to someone who may not see it', async () => {
    const stored = await storedIncidents();
    const other = stored.find((s) => s.data.reporterId !== PEOPLE.staff && s.data.managerId !== PEOPLE.staff)!;
    const res = await api.call('GET', `/incidents/${other.id}`, { as: PEOPLE.staff });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/^Du har inte behörighet att se den här/);
  });
});

describe('reporting, triage and reports from the tab', () => {
  it('reports an incident like the bot: validation per field, one record per key and person', async () => {
    const bad = await api.call('POST', '/incidents', { as: PEOPLE.staff, body: report({ description: '' }), headers: { 'Idempotency-Key': randomUUID() } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field)).toContain('description');
    expect((await api.call('POST', '/incidents', { as: PEOPLE.staff, body: report() })).status).toBe(400);

    const key = randomUUID();
    const [a, b] = await Promise.all([
      api.call('POST', '/incidents', { as: PEOPLE.staff, body: report(), headers: { 'Idempotency-Key': key } }),
      api.call('POST', '/incidents', { as: PEOPLE.staff, body: report(), headers: { 'Idempotency-Key': key } }),
    ]);
    expect(a.body.id).toBe(b.body.id);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const stored = await api.app.sharepoint.store.findByKey('Incidents', `incident:tab:${PEOPLE.staff}:${key}`);
    expect(stored?.id).toBe(a.body.id);
    expect(stored?.data).toMatchObject({ reporterId: PEOPLE.staff, status: 'reported', title: 'Ett beslut skickades till fel mottagare.' });

    const future = await api.call('POST', '/incidents', { as: PEOPLE.staff, body: report({ discoveredAt: new Date(Date.now() + 86_400_000).toISOString() }), headers: { 'Idempotency-Key': randomUUID() } });
    expect(future.status).toBe(400);
  });

  it('lets ISAM triage with If-Match and mark a report sent; the timeline and clocks follow', async () => {
    const created = await api.call('POST', '/incidents', { as: PEOPLE.staff, body: report(), headers: { 'Idempotency-Key': randomUUID() } });
    const id = created.body.id as string;
    const mine = await api.call('GET', `/incidents/${id}`, { as: PEOPLE.staff });
    expect(mine.status).toBe(200);
    expect(mine.body.permissions).toMatchObject({ triage: false, reassess: false, markSent: false, correctAwareness: false, close: false });

    const page = await api.call('GET', `/incidents/${id}`, { as: PEOPLE.isam });
    expect(page.body.permissions.triage).toBe(true);
    expect(page.body.timeline.map((e: { event: string }) => e.event)).toEqual(['discovered', 'aware', 'incident.reported']);
    expect(page.body.timeline[2]).toMatchObject({ text: 'Incidenten rapporterades', actor: { name: 'Johanna Berg' } });
    // Provisional clocks run from the discovery time until someone decides.
    expect(page.body.clocks.map((c: { key: string; state: string }) => [c.key, c.state])).toEqual([
      ['cs_early_warning', 'provisional'],
      ['cs_notification', 'provisional'],
      ['imy_notification', 'provisional'],
    ]);
    const etag = page.headers.get('etag')!;
    const triage = { severity: 'medium', personalDataBreach: true, significant: 'no', rationale: 'Ett brev, en mottagare.', imyNotRequiredRationale: null };

    expect((await api.call('POST', `/incidents/${id}/triage`, { as: PEOPLE.staff, body: triage, headers: { 'Idempotency-Key': randomUUID(), 'If-Match': etag } })).status).toBe(403);
    expect((await api.call('POST', `/incidents/${id}/triage`, { as: PEOPLE.isam, body: triage, headers: { 'Idempotency-Key': randomUUID() } })).status).toBe(428);

    const done = await api.call('POST', `/incidents/${id}/triage`, { as: PEOPLE.isam, body: triage, headers: { 'Idempotency-Key': randomUUID(), 'If-Match': etag } });
    expect(done.status).toBe(200);
    expect(done.body.incident.status).toBe('triaged');
    expect(done.body.clocks.map((c: { kind: string; state: string }) => [c.kind, c.state])).toContainEqual(['imy_notification', 'running']);
    expect(done.body.clocks.map((c: { kind: string; state: string }) => [c.kind, c.state])).toContainEqual(['cs_early_warning', 'not_required']);
    // The IMY notification is the DSO's and ISAM's: the IT security officer may record reports to MCF only.
    expect(done.body.reportable).toContain('imy_notification');

    const stale = await api.call('POST', `/incidents/${id}/triage`, { as: PEOPLE.isam, body: triage, headers: { 'Idempotency-Key': randomUUID(), 'If-Match': etag } });
    expect(stale.status).toBe(409);
    expect(stale.body.current.etag).toBe(done.headers.get('etag'));

    const sentAt = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    const refused = await api.call('POST', `/incidents/${id}/reports/imy_notification`, { as: PEOPLE.itsec, body: { sentAt, reference: 'IMY-2026-1234', lateReason: null }, headers: { 'Idempotency-Key': randomUUID(), 'If-Match': done.headers.get('etag')! } });
    expect(refused.status).toBe(403);
    const noTime = await api.call('POST', `/incidents/${id}/reports/imy_notification`, { as: PEOPLE.dso, body: { reference: 'IMY-2026-1234' }, headers: { 'Idempotency-Key': randomUUID(), 'If-Match': done.headers.get('etag')! } });
    expect(noTime.status).toBe(400);
    expect(noTime.body.issues.map((i: { field: string }) => i.field)).toEqual(['sentAt']);
    const sent = await api.call('POST', `/incidents/${id}/reports/imy_notification`, { as: PEOPLE.dso, body: { sentAt, reference: 'IMY-2026-1234', lateReason: null }, headers: { 'Idempotency-Key': randomUUID(), 'If-Match': done.headers.get('etag')! } });
    expect(sent.status).toBe(200);
    const imy = sent.body.clocks.find((c: { kind: string }) => c.kind === 'imy_notification');
    expect(imy).toMatchObject({ state: 'sent', reference: 'IMY-2026-1234', completedByName: 'Leila Haddad', completedAt: sentAt });
    expect(sent.body.timeline.map((e: { event: string }) => e.event)).toEqual(['discovered', 'aware', 'incident.reported', 'incident.triaged', 'incident.report_sent']);
  });

  it('offers the assets and suppliers of the form', async () => {
    const res = await api.call('GET', '/incidents/form-options', { as: PEOPLE.staff });
    expect(res.body.assets[0]).toMatchObject({ code: 'IA-001' });
    expect(res.body.suppliers.length).toBe(12);
  });
});

describe('suppliers', () => {
  it('lists suppliers as a tree of sub-suppliers, with derived systems and PUB-avtal expiry', async () => {
    const res = await api.call('GET', '/suppliers', { as: PEOPLE.staff });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(12);
    expect(res.body.canEditChecklist).toBe(false);
    const nordsyd = res.body.roots.find((s: { code: string }) => s.code === 'SUP-001');
    expect(nordsyd.children.map((c: { code: string }) => c.code)).toEqual(['SUP-002']);
    expect(nordsyd.children[0].children.map((c: { code: string }) => c.code)).toEqual(['SUP-003']);
    expect(nordsyd.children[0].dpaStatus).toBe('via_parent');
    expect(nordsyd.systems.map((s: { code: string }) => s.code)).toEqual(['IA-001', 'IA-010']);
    expect(res.body.roots.find((s: { code: string }) => s.code === 'SUP-005').dpaExpiry).toBe('expired');
    const flat = await api.call('GET', '/suppliers?search=Molnh', { as: PEOPLE.staff });
    expect(flat.body.roots.map((s: { code: string }) => s.code)).toEqual(['SUP-002']);
  });

  it('lets IT security edit the checklist with If-Match; others are refused; stale is 409', async () => {
    const list = await api.call('GET', '/suppliers', { as: PEOPLE.itsec });
    const id = list.body.roots.find((s: { code: string }) => s.code === 'SUP-006').id;
    const view = await api.call('GET', `/suppliers/${id}`, { as: PEOPLE.itsec });
    expect(view.body.canEditChecklist).toBe(true);
    expect(view.body.checklist.map((c: { key: string }) => c.key)).toContain('dpa');
    const etag = view.headers.get('etag')!;
    const items = view.body.checklist.map((c: { key: string }) => ({ key: c.key, done: c.key === 'classification', note: c.key === 'dpa' ? 'PUB-avtal saknas – begärt.' : null }));
    expect((await api.call('PATCH', `/suppliers/${id}/checklist`, { as: PEOPLE.staff, body: { items }, headers: { 'If-Match': etag } })).status).toBe(403);
    const ok = await api.call('PATCH', `/suppliers/${id}/checklist`, { as: PEOPLE.itsec, body: { items }, headers: { 'If-Match': etag } });
    expect(ok.status).toBe(200);
    expect(ok.body.checklist.find((c: { key: string }) => c.key === 'classification').done).toBe(true);
    expect(ok.body.checklist.find((c: { key: string }) => c.key === 'dpa').note).toBe('PUB-avtal saknas – begärt.');
    const stale = await api.call('PATCH', `/suppliers/${id}/checklist`, { as: PEOPLE.isam, body: { items }, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(409);
    expect(stale.body.current.etag).toBe(ok.headers.get('etag'));
    const bad = await api.call('PATCH', `/suppliers/${id}/checklist`, { as: PEOPLE.isam, body: { items: [{ key: '', done: 'x' }] }, headers: { 'If-Match': ok.headers.get('etag')! } });
    expect(bad.status).toBe(400);
  });
});
