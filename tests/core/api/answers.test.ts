/**
 * Every route of `/api/v1` answers in its shape from core/api. A scenario runs through the tab's
 * own code — its sign-in (LocalAuth), its API client and each view's endpoint functions — against
 * the whole local app (local SharePoint server, demo organisation, app server), as people with
 * different roles: it reads every register, creates, edits, triages, imports, and provokes the
 * usual refusals (400, 409, 422). Each answer on the wire is then checked against its route's
 * schema, and every route in the table must have answered 2xx at least once, so that a view that
 * changes on the server without its schema fails here — and the tab's check in development (which
 * runs in this test too) said nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_ROUTES, checkAnswer, type ApiRoute } from '../../../core/api';
import { ApiError, createApiClient, newIdempotencyKey, type ApiClient } from '../../../tab/api/client';
import { commonApi } from '../../../tab/api/common';
import { fetchAuthConfig } from '../../../tab/app/App';
import { LocalAuth } from '../../../tab/app/auth/local-auth';
import { accessApi } from '../../../tab/features/access/AccessView';
import { ambassadorsApi } from '../../../tab/features/ambassadors/AmbassadorsView';
import { assetsApi } from '../../../tab/features/assets/api';
import { gdprApi } from '../../../tab/features/gdpr/api';
import { homeApi } from '../../../tab/features/home/api';
import { improvementsApi } from '../../../tab/features/improvements/ImprovementsView';
import { incidentsApi } from '../../../tab/features/incidents/api';
import { reviewsApi } from '../../../tab/features/reviews/api';
import { searchApi } from '../../../tab/features/search/api';
import { suppliersApi } from '../../../tab/features/suppliers/api';
import { trainingApi } from '../../../tab/features/training/TrainingView';
import { newAsset, PEOPLE, startApi, type Api } from '../../bot/api/helpers';

/** Every aspect's level motivated, as KLASSA asks. */
const MOTIVATED = { confidentiality: 'Uppgifter om enskilda.', integrity: 'Beslutsunderlag.', availability: 'Reservrutin finns.', traceability: 'Ändringar loggas.' };

/** Ahmed Karimi, administrative unit: imports training completions. */
const ADMIN = 'd0000000-0000-4000-8000-000000000009';

interface Answer {
  method: string;
  /** Under /api/v1, with the query string. */
  path: string;
  status: number;
  body: unknown;
}

let server: Api;
const answers: Answer[] = [];

/** The browser's fetch as the tab uses it: relative URLs on the app's origin; every JSON answer recorded. */
const tabFetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
  const url = new URL(String(input), server.app.appUrl);
  const res = await fetch(url, init);
  const body = await res
    .clone()
    .json()
    .catch(() => undefined);
  const path = `${url.pathname.replace(/^\/api\/v1/, '')}${url.search}`;
  if (body !== undefined) answers.push({ method: (init.method ?? 'GET').toUpperCase(), path, status: res.status, body });
  // A file (the .docx of a report): recorded without its bytes, which no schema describes.
  else if (res.ok && !(res.headers.get('content-type') ?? '').includes('json')) answers.push({ method: (init.method ?? 'GET').toUpperCase(), path, status: res.status, body: null });
  return res;
}) as typeof fetch;

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

/** The tab signed in as `personId` through the demo sign-in. */
async function tabAs(personId: string): Promise<ApiClient> {
  const auth = new LocalAuth({ storage: memoryStorage(), fetch: tabFetch });
  await auth.signIn(personId);
  return createApiClient({ tokens: auth, locale: () => 'sv', fetch: tabFetch });
}

/** A file's bytes, as the tab reads them from the file picker (UTF-8 here). */
const bytes = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;

/** An ApiError's status, or the answer when the call succeeded. */
const refusal = (p: Promise<unknown>) => p.then(() => 'answered', (e: unknown) => (e instanceof ApiError ? e.status : e));

const consoleErrors = vi.spyOn(console, 'error');

beforeAll(async () => {
  server = await startApi();
});
afterAll(async () => {
  consoleErrors.mockRestore();
  await server?.close();
});

describe('every /api/v1 answer in a scenario through the tab', () => {
  it('runs the scenario as the tab does', async () => {
    // Signing in.
    expect((await fetchAuthConfig(tabFetch)).mode).toBe('local');
    const people = await new LocalAuth({ storage: memoryStorage(), fetch: tabFetch }).people();
    expect(people.people.length).toBeGreaterThan(30);
    expect(people.refused.map((p) => p.reason).sort()).toEqual(['disabled', 'guest']);
    const isam = await tabAs(PEOPLE.isam);
    const staff = await tabAs(PEOPLE.staff);
    const lead = await tabAs(PEOPLE.classificationLead);
    const dso = await tabAs(PEOPLE.dso);
    const itsec = await tabAs(PEOPLE.itsec);
    const thomas = await tabAs(PEOPLE.thomas);
    const admin = await tabAs(ADMIN);

    // Who is here, the people picker, the units, Översikt.
    for (const api of [isam, staff]) await commonApi(api).me();
    expect((await commonApi(isam).searchPeople('an')).length).toBeGreaterThan(0);
    expect((await commonApi(staff).units()).length).toBeGreaterThan(3);
    for (const api of [isam, staff, thomas, dso]) await api.get('/dashboard');

    // Informationstillgångar: list, sort, one asset, create, edit, a stale edit (409), a bad create (400).
    const assets = assetsApi(lead);
    const listed = await assets.list({ sort: 'nextReviewAt', direction: 'desc', pageSize: 5 });
    if (listed.cursor) await assets.list({ sort: 'nextReviewAt', direction: 'desc', pageSize: 5, cursor: listed.cursor });
    await assets.list({ search: 'IA-0' });
    await assetsApi(staff).get(listed.items[0]!.id);
    const created = await assets.create(newAsset('IA-951', { confidentiality: 2, integrity: 2, availability: 1, traceability: 1, motivations: MOTIVATED }), newIdempotencyKey());
    const edited = await assets.update(created.id, created.etag, { name: 'Testsystem med nytt namn' });
    expect(await refusal(assets.update(created.id, created.etag, { notes: 'För sent.' }))).toBe(409);
    expect(await refusal(assets.create(newAsset('fel kod'), newIdempotencyKey()))).toBe(400);
    expect(edited.name).toBe('Testsystem med nytt namn');

    // Incidenter: report, list, the page, triage, a report marked sent, a stale triage (409).
    const options = await incidentsApi(staff).formOptions();
    const report = await incidentsApi(staff).report(
      {
        category: 'misdirected',
        title: null,
        description: 'Ett beslut skickades till fel mottagare.',
        occurredAt: null,
        discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
        assetId: options.assets[0]!.id,
        supplierId: null,
        personalData: { involved: 'yes', approxSubjects: 1, categories: ['social'], protectedIdentity: false },
      },
      newIdempotencyKey(),
    );
    for (const api of [isam, staff, dso]) await incidentsApi(api).list({ pageSize: 7 });
    await incidentsApi(isam).list({ status: 'investigating', category: 'phishing', direction: 'asc' });
    const page = await incidentsApi(isam).get(report.id);
    await incidentsApi(staff).get(report.id);
    const triage = { severity: 'high', personalDataBreach: true, significant: 'yes', rationale: 'Känsliga uppgifter till fel mottagare.', imyNotRequiredRationale: null, cause: 'human_error' } as const;
    const triaged = await incidentsApi(isam).triage(report.id, page.etag, triage, newIdempotencyKey());
    expect(await refusal(incidentsApi(isam).triage(report.id, page.etag, triage, newIdempotencyKey()))).toBe(409);
    expect(triaged.reportable).toContain('imy_notification');
    const inc = incidentsApi(isam);
    let at = await inc.facts(report.id, triaged.etag, { impact: 'Ett beslut lästes av fel mottagare.', breachNature: ['confidentiality'] }, newIdempotencyKey());
    at = await inc.awareness(report.id, at.etag, { awareAt: new Date(Date.now() - 2 * 3_600_000).toISOString(), reason: 'Handläggaren såg felet två timmar tidigare.' }, newIdempotencyKey());
    at = await inc.requestIntermediate(report.id, at.etag, { requestedAt: new Date().toISOString(), dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), reference: 'MCF-1' }, newIdempotencyKey());
    // The IMY notification: drafted, edited, saved, downloaded as .docx, recorded sent, corrected.
    const draft = await inc.draft(report.id, 'imy_notification');
    const saved = await inc.saveDraft(report.id, 'imy_notification', { language: draft.language, sections: draft.sections }, draft.etag, newIdempotencyKey());
    await inc.draft(report.id, 'imy_notification', { language: 'en', fresh: true });
    const file = await inc.document(report.id, 'imy_notification');
    expect(file.blob.size).toBeGreaterThan(1_000);
    expect(saved.state).toBe('draft');
    const sentAt = new Date(Date.now() - 60_000).toISOString();
    at = await inc.markSent(report.id, at.etag, 'imy_notification', { sentAt, reference: 'IMY-2026-1' }, newIdempotencyKey());
    at = await inc.correct(report.id, at.etag, 'imy_notification', { sentAt, reference: 'IMY-2026-2', reason: 'Fel diarienummer.' }, newIdempotencyKey());
    at = await inc.notRequired(report.id, at.etag, 'data_subjects', 'Mottagaren har raderat brevet; ingen hög risk.', newIdempotencyKey());
    at = await inc.investigation(report.id, at.etag, { findings: 'Fel adress valdes i listan.', actions: 'Kontroll före utskick.' }, newIdempotencyKey());
    at = await inc.close(report.id, at.etag, newIdempotencyKey());
    expect(at.openObligations.length).toBeGreaterThan(0);
    at = await inc.reopen(report.id, at.etag, 'MCF begärde en delrapport.', newIdempotencyKey());
    expect(at.timeline.length).toBeGreaterThan(5);
    // An older incident with clocks, closed or investigated, as the seed has them.
    const older = await incidentsApi(isam).list({ status: 'closed' });
    if (older.items[0]) await incidentsApi(isam).get(older.items[0].id);

    // Leverantörer: the tree, one supplier, the checklist saved by IT security.
    const tree = await suppliersApi(staff).tree();
    await suppliersApi(staff).tree('A');
    const supplier = await suppliersApi(itsec).get(tree.roots[0]!.id);
    await suppliersApi(itsec).saveChecklist(supplier.id, supplier.etag, supplier.checklist.map((c, i) => ({ ...c, done: i === 0 })));

    // Dataskydd, as the DSO (every assessment) and as staff (only that one exists).
    for (const api of [dso, staff]) {
      const list = await gdprApi(api).list({ sort: 'name', pageSize: 50 });
      for (const p of list.items.filter((p) => p.dpias.length > 0).slice(0, 2)) await gdprApi(api).get(p.id);
      await gdprApi(api).get(list.items[0]!.id);
    }

    // Åtgärder: ISAM creates, the owner finishes it.
    const action = await improvementsApi(isam).create(
      { title: 'Uppdatera rutinen för felskickade brev', description: null, ownerId: PEOPLE.thomas, dueAt: '2027-01-31', status: 'open', source: 'incident', sourceRef: `Incidents/${report.id}` },
      newIdempotencyKey(),
    );
    await improvementsApi(thomas).update(action.id, action.etag, { status: 'done' });
    for (const api of [isam, staff]) await improvementsApi(api).list({ direction: 'desc' });

    // Utbildning: the overview, an import that is saved (200) and one that is not (422).
    for (const api of [isam, staff, thomas]) await trainingApi(api).overview();
    await trainingApi(isam).overview('EKB');
    const good = 'Anställnings-ID;Namn;E-post;Kurs;Status;Slutförd\r\n4711;Johanna Berg;johanna.berg@soderbyn.example;ISK-GRUND;Slutförd;2026-11-03 14:22\r\n4712;Okänd;ingen@soderbyn.example;ISK-GRUND;Godkänd;2026-10-30\r\n';
    expect((await trainingApi(admin).importCsv(bytes(`\uFEFF${good}`), newIdempotencyKey())).report.ok).toBe(true);
    expect(await refusal(trainingApi(admin).importCsv(bytes('E-post;Kurs;Slutförd\r\njohanna.berg@soderbyn.example;ISK-GRUND;igår\r\n'), newIdempotencyKey()))).toBe(422);

    // Behörigheter, as ISAM (everything) and as an owner (their systems).
    for (const api of [isam, thomas]) {
      await accessApi(api).requests();
      await accessApi(api).grants('active');
      await accessApi(api).campaigns();
    }

    // Start for each role; the access request form, a request and the owner's decision in the tab; Sök.
    for (const api of [isam, staff, thomas, dso, admin]) await homeApi(api).home();
    const form = await homeApi(staff).requestForm({});
    const ia001 = form.assets.find((a) => a.code === 'IA-001')!;
    const requested = await homeApi(staff).submitRequest(
      { kind: 'new', subjectId: form.self.id, assetId: ia001.id, role: 'Läsbehörighet', justification: 'Handlägger ärenden tillsammans med IFO.', validUntil: null, grantId: null },
      newIdempotencyKey(),
    );
    expect(await refusal(homeApi(staff).submitRequest({ kind: 'new', subjectId: null, assetId: null, role: null, justification: null, validUntil: null, grantId: null }, newIdempotencyKey()))).toBe(400);
    const waiting = (await homeApi(thomas).home()).decisions!.items.find((d) => d.id === requested.id)!;
    expect((await homeApi(thomas).decide(requested.id, waiting.etag, { decision: 'approve' })).outcome).toBe('decided');
    await homeApi(staff).requestForm({ kind: 'termination', subjectId: form.self.id, assetId: ia001.id });
    await searchApi(staff).search({ q: 'lön' });
    expect((await searchApi(isam).assets('system')).length).toBeGreaterThan(0);

    // Ambassadörsnätverket: this year and last.
    await ambassadorsApi(staff).year();
    await ambassadorsApi(staff).year(new Date().getFullYear() - 1);
  });

  it('runs the registers of issue 14 as the tab will', async () => {
    const isam = await tabAs(PEOPLE.isam);
    const dso = await tabAs(PEOPLE.dso);
    const itsec = await tabAs(PEOPLE.itsec);
    const thomas = await tabAs(PEOPLE.thomas);
    const admin = await tabAs(ADMIN);
    const key = newIdempotencyKey;
    type Rec = { id: string; etag: string; [k: string]: any };
    /** The first record of a register past its retention (the demo seed has one in each). */
    const pastRetention = async (register: string) => (await isam.get<{ items: { id: string }[] }>('/retention/due', { register })).items[0]!.id;

    // Risker: the matrix, the heat map, the register; create, edit, archive; the export; a removal after retention.
    await isam.get('/risks/matrix');
    await isam.get('/risks/heatmap', { unit: 'AOM' });
    await thomas.get('/risks', { pageSize: 5 });
    const assetList = await isam.get<{ items: Rec[] }>('/assets', { search: 'IA-001' });
    const risk = await isam.post<Rec>('/risks', { title: 'Utskrifter med personuppgifter lämnas i skrivaren', assetId: assetList.items[0]!.id, process: null, unit: 'IFO', threat: 'Utskrifter hämtas inte direkt.', consequence: 'Uppgifter om enskilda röjs.', likelihood: 3, consequenceLevel: 2, ownerId: PEOPLE.thomas, reviewAt: '2027-06-30' }, { idempotencyKey: key() });
    await isam.get(`/risks/${risk.id}`);
    await isam.get(`/risks/${risk.id}/history`);
    const riskEdited = await thomas.patch<Rec>(`/risks/${risk.id}`, { treatment: 'accept', treatmentRationale: 'Utskrift kräver tjänstekort vid skrivaren sedan 2026.' }, { etag: risk.etag });
    await isam.post(`/risks/${risk.id}/archive`, { reason: 'Ersatt av skrivare med utskrift på kort.' }, { idempotencyKey: key(), etag: riskEdited.etag });
    await isam.download('/risks/export.xlsx', { archived: 'all' });
    const oldRisk = await isam.get<Rec>(`/risks/${await pastRetention('risks')}`);
    await isam.remove(`/risks/${oldRisk.id}`, { etag: oldRisk.etag });

    // Internrevision: ISAM plans, the auditor records a nonconformity whose corrective action becomes an improvement action.
    await isam.get('/audits', { year: 2026 });
    const audit = await isam.post<Rec>('/audits', { title: 'Loggning och logguppföljning', scope: 'Loggning i socialtjänstens system.', clauses: ['A.8.15'], units: ['IFO'], auditorId: PEOPLE.itsec, plannedAt: '2027-02-10' }, { idempotencyKey: key() });
    const audited = await itsec.patch<Rec>(`/audits/${audit.id}`, { status: 'in_progress', findings: [{ kind: 'nonconformity', requirement: 'A.8.15', text: 'Loggarna följs inte upp.', correctiveAction: 'Inför månatlig logguppföljning.', actionOwnerId: PEOPLE.thomas, actionDueAt: '2027-04-30' }] }, { etag: audit.etag });
    expect(audited.findings[0].improvementAction).not.toBeNull();
    await isam.get(`/audits/${audit.id}`);
    await isam.get(`/audits/${audit.id}/history`);
    await isam.post(`/audits/${audit.id}/archive`, { reason: 'Flyttad till 2028 års program.' }, { idempotencyKey: key(), etag: audited.etag });
    await isam.download('/audits/export.xlsx');

    // Styrdokument: ISAM registers and changes; the owner records a review; ISAM archives; the export.
    const doc = await isam.post<Rec>('/governing-documents', { title: 'Rutin för loggning', url: 'https://intranat.soderbyn.example/styrdokument/loggning', ownerId: PEOPLE.itsec, decidedAt: '2026-11-20', reviewAt: '2027-11-20', kind: 'routine', version: '1.0' }, { idempotencyKey: key() });
    const docEdited = await isam.patch<Rec>(`/governing-documents/${doc.id}`, { decisionRef: 'SDF 2026/201' }, { etag: doc.etag });
    const reviewed = await itsec.post<Rec>(`/governing-documents/${doc.id}/review`, { reviewAt: '2027-11-20' }, { idempotencyKey: key(), etag: docEdited.etag });
    await isam.get('/governing-documents', { sort: 'reviewAt' });
    await isam.get(`/governing-documents/${doc.id}`);
    await isam.get(`/governing-documents/${doc.id}/history`);
    await isam.post(`/governing-documents/${doc.id}/archive`, { reason: null }, { idempotencyKey: key(), etag: reviewed.etag });
    await isam.download('/governing-documents/export.xlsx');

    // Roller: the administrative unit assigns and ends a role and appoints an information owner; a removal after retention.
    const role = await admin.post<Rec>('/roles', { personId: PEOPLE.staff, role: 'ambassador', unit: 'EKB' }, { idempotencyKey: key() });
    const roleEdited = await admin.patch<Rec>(`/roles/${role.id}`, { validTo: '2027-12-31' }, { etag: role.etag });
    await admin.get(`/roles/${role.id}`);
    await admin.get(`/roles/${role.id}/history`);
    await admin.post(`/roles/${role.id}/archive`, { reason: 'Byter enhet.' }, { idempotencyKey: key(), etag: roleEdited.etag });
    await admin.get('/roles', { role: 'ambassador' });
    await admin.post('/roles/information-owners', { assetId: assetList.items[0]!.id, ownerId: PEOPLE.thomas }, { idempotencyKey: key() });
    await admin.download('/roles/export.xlsx');
    const oldRole = await isam.get<Rec>(`/roles/${await pastRetention('roles')}`);
    await isam.remove(`/roles/${oldRole.id}`, { etag: oldRole.etag });

    // Behörighetsrevision, started and followed by the administrative unit.
    await admin.get('/access/campaigns/start');
    const started = await admin.post<{ campaign: Rec }>('/access/campaigns', { dueDate: null }, { idempotencyKey: key() });
    await admin.get(`/access/campaigns/${started.campaign.id}`);

    // Dataskydd: the DSO records a processing, screens it, starts an assessment, gives the opinion.
    const processing = await dso.post<Rec>('/processing', { name: 'Loggning av åtkomst i verksamhetssystem', purpose: 'Följa upp åtkomst till personakter.', legalBasis: 'Rättslig förpliktelse (art. 6.1 c)', controllerName: 'Stadsdelsnämnden Söderbyn', dataSubjectCategories: ['Medarbetare', 'Enskilda i akter'], personalDataCategories: ['Användar-id', 'Tidpunkter'], specialCategories: false, retention: 'Loggar gallras efter två år.', securityMeasures: 'Loggarna skyddas mot ändring.', ownerId: PEOPLE.thomas, unit: 'IFO' }, { idempotencyKey: key() });
    const processingEdited = await dso.patch<Rec>(`/processing/${processing.id}`, { recipients: ['IT-säkerhetsansvarig'] }, { etag: processing.etag });
    const screened = await dso.post<Rec>(`/processing/${processing.id}/screening`, { criteria: ['systematic_monitoring', 'large_scale'] }, { idempotencyKey: key(), etag: processingEdited.etag });
    const dpia = await thomas.post<Rec>('/impact-assessments', { processingActivityId: processing.id }, { idempotencyKey: key() });
    const opinion = await dso.patch<Rec>(`/impact-assessments/${dpia.id}`, { dsoOpinion: 'Loggningen är nödvändig; begränsa åtkomsten till loggarna.' }, { etag: dpia.etag });
    await dso.get('/impact-assessments', { processingActivityId: processing.id });
    await dso.get(`/impact-assessments/${dpia.id}`);
    await dso.get(`/impact-assessments/${dpia.id}/history`);
    await dso.post(`/impact-assessments/${dpia.id}/archive`, { reason: null }, { idempotencyKey: key(), etag: opinion.etag });
    await dso.get(`/processing/${processing.id}/history`);
    await dso.post(`/processing/${processing.id}/archive`, { reason: 'Ersatt.' }, { idempotencyKey: key(), etag: screened.etag });
    await dso.download('/processing/export.xlsx');
    const oldDpia = await isam.get<Rec>(`/impact-assessments/${await pastRetention('impact-assessments')}`);
    await isam.remove(`/impact-assessments/${oldDpia.id}`, { etag: oldDpia.etag });

    // Anskaffningar and Leverantörer: a procurement with its requirements, a supplier with a follow-up; removals after retention.
    const procurement = await isam.post<Rec>('/procurements', { title: 'Logganalystjänst', unit: 'IFO', ownerId: PEOPLE.thomas, assetIds: [assetList.items[0]!.id] }, { idempotencyKey: key() });
    const procurementEdited = await thomas.patch<Rec>(`/procurements/${procurement.id}`, { checklist: [{ key: 'dpa', done: true, note: null }] }, { etag: procurement.etag });
    await isam.get('/procurements', { status: 'planning' });
    await isam.get(`/procurements/${procurement.id}`);
    await isam.get(`/procurements/${procurement.id}/history`);
    await isam.post(`/procurements/${procurement.id}/archive`, { reason: 'Avbruten.' }, { idempotencyKey: key(), etag: procurementEdited.etag });
    await isam.download('/procurements/export.xlsx');
    const oldProcurement = await isam.get<Rec>(`/procurements/${await pastRetention('procurements')}`);
    await isam.remove(`/procurements/${oldProcurement.id}`, { etag: oldProcurement.etag });
    const supplier = await itsec.post<Rec>('/suppliers', { name: 'Logganalys Norden AB', services: 'Logganalys som tjänst', processesPersonalData: true, dpaStatus: 'draft', contractOwnerId: PEOPLE.thomas }, { idempotencyKey: key() });
    const followed = await thomas.patch<Rec>(`/suppliers/${supplier.id}`, { followUps: [{ plannedAt: '2027-03-01', focus: 'Loggarnas lagringsplats' }] }, { etag: supplier.etag });
    await itsec.get(`/suppliers/${supplier.id}/history`);
    await isam.post(`/suppliers/${supplier.id}/archive`, { reason: 'Inget avtal.' }, { idempotencyKey: key(), etag: followed.etag });
    await isam.download('/suppliers/export.xlsx');
    const oldSupplier = await isam.get<Rec>(`/suppliers/${await pastRetention('suppliers')}`);
    await isam.remove(`/suppliers/${oldSupplier.id}`, { etag: oldSupplier.etag });

    // Informationstillgångar: history, archive, the export; the processing and the asset archived years ago removed.
    const oldProcessing = await isam.get<Rec>(`/processing/${await pastRetention('processing')}`);
    await isam.remove(`/processing/${oldProcessing.id}`, { etag: oldProcessing.etag });
    const spare = await isam.post<Rec>('/assets', newAsset('IA-952'), { idempotencyKey: key() });
    await isam.get(`/assets/${spare.id}/history`);
    await isam.post(`/assets/${spare.id}/archive`, { reason: 'Aldrig infört.' }, { idempotencyKey: key(), etag: spare.etag });
    await isam.download('/assets/export.xlsx', { archived: 'all' });
    const oldAsset = await isam.get<Rec>(`/assets/${await pastRetention('assets')}`);
    await isam.remove(`/assets/${oldAsset.id}`, { etag: oldAsset.etag });
    const oldAudit = await isam.get<Rec>(`/audits/${await pastRetention('audits')}`);
    await isam.remove(`/audits/${oldAudit.id}`, { etag: oldAudit.etag });
  });

  it('runs the management review as the tab does', async () => {
    const isam = await tabAs(PEOPLE.isam);
    const director = await tabAs(PEOPLE.director);
    const reviews = reviewsApi(isam);
    const year = new Date().getFullYear();
    // The demo organisation has ISAM's draft of this year's review.
    expect((await reviews.list()).items.length).toBeGreaterThan(0);
    expect(await refusal(reviews.create({ from: `${year - 2}-01-02`, to: `${year - 2}-12-31` }, newIdempotencyKey()))).toBe(400);
    const spare = await reviews.create({ from: `${year - 3}-01-01`, to: `${year - 3}-12-31` }, newIdempotencyKey());
    await isam.remove(`/reviews/${spare.id}`, { etag: spare.etag });
    const draft = await reviews.create({ from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }, newIdempotencyKey());
    const read = await reviews.get(draft.id);
    const written = await reviews.update(draft.id, read.etag, {
      sections: { summary: 'Arbetet har gått framåt.' },
      proposals: [{ key: 'access', area: 'access', title: 'Behörighetsrevision i alla system', description: null, ownerId: PEOPLE.thomas, dueAt: `${year + 1}-06-30` }],
    });
    expect(await refusal(reviews.update(draft.id, read.etag, { sections: { summary: 'Något annat.' } }))).toBe(409);
    const sent = await reviews.present(draft.id, written.etag, newIdempotencyKey());
    const back = await reviews.reopen(draft.id, sent.etag, newIdempotencyKey());
    const again = await reviews.present(draft.id, back.etag, newIdempotencyKey());
    const decided = await reviewsApi(director).decide(draft.id, again.etag, { decision: 'Förvaltningschefen fastställer genomgången.', registrationNumber: `SDF ${year}/77` }, newIdempotencyKey());
    expect(decided).toMatchObject({ status: 'decided', locked: true, figuresFrozen: true });
    expect(decided.proposals[0]!.actionId).not.toBeNull();
    const file = await reviewsApi(director).document(draft.id, 'sv');
    expect(file.blob.size).toBeGreaterThan(10_000);
  });

  it('got every answer in its shape from core/api', () => {
    expect(answers.length).toBeGreaterThan(60);
    const mismatches = answers.flatMap((a) => checkAnswer(a.method, a.path, a.status, a.body).issues.map((i) => `${a.method} ${a.path} → ${a.status} at ${i.path || '(root)'}: ${i.message}`));
    expect(mismatches).toEqual([]);
    // The tab's own check in development ran on the same answers and found nothing either.
    expect(consoleErrors).not.toHaveBeenCalled();
  });

  it('had every route of the table answer 2xx at least once, and no answer from a path outside it', () => {
    const answered = new Set<ApiRoute>();
    for (const a of answers) {
      const { route } = checkAnswer(a.method, a.path, a.status, a.body);
      expect(route, `${a.method} ${a.path} is a route of core/api`).not.toBeNull();
      if (route && a.status >= 200 && a.status < 300) answered.add(route);
    }
    expect([...answered].sort()).toEqual((Object.keys(API_ROUTES) as ApiRoute[]).sort());
    // The refusals the scenario provoked were checked as error answers too.
    expect(new Set(answers.filter((a) => a.status >= 400).map((a) => a.status))).toEqual(new Set([400, 409, 422]));
  });

  it('sends dates as ISO strings', () => {
    const dates = answers.flatMap((a) => JSON.stringify(a.body).match(/"\d{4}-\d{2}-\d{2}(T[^"]*)?"/g) ?? []);
    expect(dates.length).toBeGreaterThan(100);
    for (const d of dates) expect(d).toMatch(/^"\d{4}-\d{2}-\d{2}("|T\d{2}:\d{2}:\d{2}(\.\d+)?Z")$/);
  });
});
