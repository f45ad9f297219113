/**
 * Styrdokument, Roller, the asset valuation (KLASSA) and Bevarande through the tab API: ISAM keeps the
 * governing documents and their owners keep their own up to date; ISAM and the administrative unit
 * assign roles and information owners — never to themselves, never leaving the administration
 * without an ISAM — and a role takes effect at once; the administrative unit starts and follows a
 * recertification; a valuation needs its motivation per aspect and yields its requirements; what has
 * passed retention is listed for ISAM alone.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAsset, PEOPLE, startApi, type Api } from './helpers';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

const SARA = 'd0000000-0000-4000-8000-000000000008'; // administrative unit
const AHMED = 'd0000000-0000-4000-8000-000000000009'; // administrative unit
const ANDERS = 'd0000000-0000-4000-8000-000000000036';
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const post = (route: string, as: string, body: unknown, headers: Record<string, string> = {}) => api.call('POST', route, { as, body, headers: { 'Idempotency-Key': randomUUID(), ...headers } });
const patch = (route: string, as: string, etag: string, body: unknown) => api.call('PATCH', route, { as, body, headers: { 'If-Match': etag } });
const MOTIVATED = { confidentiality: 'Uppgifter om enskilda.', integrity: 'Underlag för beslut.', availability: 'Reservrutin finns.', traceability: 'Ändringar loggas.' };

describe('Styrdokument', () => {
  const doc = (o: Record<string, unknown> = {}) => ({ title: 'Rutin för säker utskrift', url: 'https://intranat.soderbyn.example/styrdokument/utskrift', ownerId: PEOPLE.itsec, decidedAt: '2026-11-20', reviewAt: '2027-11-20', kind: 'routine', version: '1.0', decidedBy: 'Stadsdelsdirektören', ...o });

  it('lists the register with owner, version, status, decision and review date, searchable and sorted', async () => {
    const res = await api.call('GET', '/governing-documents?sort=reviewAt&pageSize=50', { as: PEOPLE.staff });
    expect(res.status).toBe(200);
    expect(res.body.canCreate).toBe(false);
    const reviews = res.body.items.map((d: { reviewAt: string }) => d.reviewAt);
    expect(reviews).toEqual([...reviews].sort());
    expect(res.body.items.find((d: { code: string }) => d.code === 'SD-01')).toMatchObject({ kind: 'policy', version: '3.0', decidedBy: 'Stadsdelsnämnden', decisionRef: 'SDN 2025/318 § 12', owner: { name: 'Karin Ekström' } });
    const policies = await api.call('GET', '/governing-documents?kind=policy', { as: PEOPLE.staff });
    expect(policies.body.items.map((d: { code: string }) => d.code)).toEqual(['SD-01']);
    expect((await api.call('GET', '/governing-documents?search=Instruktion&pageSize=50', { as: PEOPLE.staff })).body.items.every((d: { title: string }) => d.title.startsWith('Instruktion'))).toBe(true);
  });

  it('is kept by ISAM; an owner changes only the fields of their own document', async () => {
    expect((await post('/governing-documents', PEOPLE.itsec, doc())).status).toBe(403);
    const created = await post('/governing-documents', PEOPLE.isam, doc());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'routine', status: 'in_force', reviewState: 'ok', archive: { years: null, removableFrom: null } });
    const d = created.body;
    const asOwner = await api.call('GET', `/governing-documents/${d.id}`, { as: PEOPLE.itsec });
    expect(asOwner.body.editableFields).toEqual(['version', 'url', 'description', 'reviewAt', 'status']);
    expect((await patch(`/governing-documents/${d.id}`, PEOPLE.itsec, d.etag, { title: 'Nytt namn' })).body.message).toBe('Som ägare kan du ändra version, länk, beskrivning, status och översynsdatum. Övrigt ändrar informationssäkerhetssamordnaren.');
    const v2 = await patch(`/governing-documents/${d.id}`, PEOPLE.itsec, d.etag, { version: '1.1', status: 'under_review' });
    expect(v2.body).toMatchObject({ version: '1.1', status: 'under_review' });
    expect((await patch(`/governing-documents/${d.id}`, PEOPLE.staff, v2.body.etag, { version: '9' })).status).toBe(403);
    const reviewed = await post(`/governing-documents/${d.id}/review`, PEOPLE.itsec, { reviewAt: '2027-11-20', nextReviewAt: '2028-11-20' }, { 'If-Match': v2.body.etag });
    expect(reviewed.body).toMatchObject({ reviewAt: '2028-11-20', status: 'in_force' });
    expect(reviewed.body.history.items.map((h: { action: string }) => h.action)).toEqual(['governing_document.reviewed', 'governing_document.updated', 'governing_document.created']);
    // Archived, it stays for good: there is no removal.
    const archived = await post(`/governing-documents/${d.id}/archive`, PEOPLE.isam, { reason: 'Ersatt av SD-02.' }, { 'If-Match': reviewed.body.etag });
    expect(archived.body).toMatchObject({ archived: true, canEdit: false, canRecordReview: false, archive: { archived: true, years: null, canRemove: false } });
    expect((await api.call('DELETE', `/governing-documents/${d.id}`, { as: PEOPLE.isam, headers: { 'If-Match': archived.body.etag } })).status).toBe(404);
  });

  it('exports the register to Excel, with the decision date as a real date', async () => {
    const res = await fetch(`${api.base}/governing-documents/export.xlsx`, { headers: { Authorization: `Bearer ${await api.token(PEOPLE.staff)}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Styrdokument');
    expect(ws.getRow(1).getCell(2).value).toBe('Benämning');
    const sd01 = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === 'SD-01')!;
    expect(sd01.getCell(3).value).toBe('Policy');
    expect(sd01.getCell(7).value).toEqual(new Date('2025-12-11T00:00:00.000Z'));
  });
});

describe('Roller', () => {
  it('are assigned by ISAM and the administrative unit, never to oneself, and take effect at once', async () => {
    const role = { personId: PEOPLE.staff, role: 'itsec' };
    expect((await post('/roles', PEOPLE.thomas, role)).status).toBe(403);
    const self = await post('/roles', SARA, { personId: SARA, role: 'dso' });
    expect(self.status).toBe(403);
    expect(self.body.message).toBe('Ingen tilldelar sig själv en roll eller avslutar sin egen (åtskillnad av uppgifter). Be en kollega.');
    // Before: Johanna may not register a supplier. The administrative unit makes her IT security officer; now she may.
    const supplier = { name: 'Skannerservice AB', services: 'Service av skannrar', processesPersonalData: false, dpaStatus: 'not_required' };
    expect((await post('/suppliers', PEOPLE.staff, supplier)).status).toBe(403);
    const assigned = await post('/roles', SARA, role);
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ person: { name: 'Johanna Berg' }, role: 'itsec', unit: 'EKB', assignedBy: { name: 'Sara Johansson' }, active: true });
    expect((await post('/roles', AHMED, role)).body.message).toBe('Personen har redan rollen.');
    expect((await post('/suppliers', PEOPLE.staff, supplier)).status).toBe(201);
    // Ended: she loses it again, and the assignment is kept as evidence.
    const ended = await post(`/roles/${assigned.body.id}/archive`, AHMED, { reason: 'Tillfällig förstärkning klar.' }, { 'If-Match': assigned.body.etag });
    expect(ended.body).toMatchObject({ active: false, endedBy: { name: 'Ahmed Karimi' }, archive: { archived: true, years: 5 } });
    expect((await post('/suppliers', PEOPLE.staff, { ...supplier, name: 'Skannerservice 2 AB' })).status).toBe(403);
    expect((await api.call('GET', `/roles?personId=${PEOPLE.staff}&archived=archived`, { as: PEOPLE.staff })).body.items).toHaveLength(1);
  });

  it('never leave the administration without an ISAM', async () => {
    const isam = (await api.call('GET', '/roles?role=isam', { as: SARA })).body.items[0];
    const end = await post(`/roles/${isam.id}/archive`, SARA, { reason: null }, { 'If-Match': isam.etag });
    expect(end.status).toBe(409);
    expect(end.body.message).toBe('Förvaltningen måste ha en informationssäkerhetssamordnare. Tilldela rollen till någon annan först.');
    expect((await patch(`/roles/${isam.id}`, SARA, isam.etag, { validTo: today() })).status).toBe(409);
    // The ISAM cannot end their own role either.
    expect((await post(`/roles/${isam.id}/archive`, PEOPLE.isam, { reason: null }, { 'If-Match': isam.etag })).status).toBe(403);
  });

  it('appoint information owners (ISAM, the classification lead, the administrative unit), audited on the asset', async () => {
    const ia015 = (await api.call('GET', '/assets?search=IA-015', { as: SARA })).body.items[0];
    expect((await post('/roles/information-owners', PEOPLE.thomas, { assetId: ia015.id, ownerId: PEOPLE.thomas })).status).toBe(403);
    const res = await post('/roles/information-owners', SARA, { assetId: ia015.id, ownerId: PEOPLE.cecilia, delegateId: null });
    expect(res.body).toMatchObject({ asset: { code: 'IA-015' }, owner: { name: 'Cecilia Wallin' }, changed: true });
    const again = await post('/roles/information-owners', SARA, { assetId: ia015.id, ownerId: PEOPLE.cecilia, delegateId: null });
    expect(again.body.changed).toBe(false);
    const history = (await api.call('GET', `/assets/${ia015.id}/history`, { as: PEOPLE.staff })).body.items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'asset.owner_assigned', actor: { name: 'Sara Johansson' }, fields: ['ownerId'] });
    const unknown = await post('/roles/information-owners', SARA, { assetId: ia015.id, ownerId: 'd0000000-0000-4000-8000-0000000000ff' });
    expect(unknown.body.issues[0]).toMatchObject({ field: 'ownerId', message: 'Informationsägare: personen finns inte i katalogen.' });
    await post('/roles/information-owners', PEOPLE.isam, { assetId: ia015.id, ownerId: ANDERS });
  });

  it('let the administrative unit start and follow an access recertification', async () => {
    expect((await api.call('GET', '/access/campaigns/start', { as: PEOPLE.staff })).status).toBe(403);
    const start = await api.call('GET', '/access/campaigns/start', { as: AHMED });
    expect(start.body).toMatchObject({ running: null });
    expect(start.body.grants).toBeGreaterThan(0);
    expect((await post('/access/campaigns', PEOPLE.thomas, { dueDate: null })).status).toBe(403);
    const started = await post('/access/campaigns', AHMED, { dueDate: null });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ started: true, campaign: { status: 'running', startedBy: { name: 'Ahmed Karimi' } } });
    const twice = await post('/access/campaigns', SARA, { dueDate: null });
    expect(twice.status).toBe(200);
    expect(twice.body.started).toBe(false);
    const followed = await api.call('GET', `/access/campaigns/${started.body.campaign.id}`, { as: SARA });
    expect(followed.body).toMatchObject({ id: started.body.campaign.id, reviews: started.body.campaign.reviews });
  });

  it('export who holds which role', async () => {
    const res = await fetch(`${api.base}/roles/export.xlsx?role=ambassador`, { headers: { Authorization: `Bearer ${await api.token(PEOPLE.staff)}`, 'Accept-Language': 'en' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const rows = wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Person', 'Role', 'Unit', 'Assigned by', 'Assigned', 'Valid to', 'In force', 'Ended']);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r[2] === 'Security and data protection ambassador' || String(r[2]).toLowerCase().includes('ambassador'))).toBe(true);
    expect(rows.some((r) => r[1] === 'Mehmet Yilmaz')).toBe(true);
  });
});

describe('Klassning (KLASSA): the valuation', () => {
  it('needs a motivation for every level, and yields the requirements of the levels', async () => {
    const created = (await post('/assets', PEOPLE.classificationLead, newAsset('IA-960'))).body;
    const bare = await patch(`/assets/${created.id}`, PEOPLE.classificationLead, created.etag, { confidentiality: 3, integrity: 2, availability: 2, traceability: 1, motivations: { confidentiality: 'Känsliga uppgifter.' } });
    expect(bare.status).toBe(400);
    expect(bare.body.issues.map((i: { path: string[]; message: string }) => [i.path.join('.'), i.message])).toEqual([
      ['motivations.integrity', 'Riktighet: motivera nivån (KLASSA kräver en motivering för varje aspekt som värderas).'],
      ['motivations.availability', 'Tillgänglighet: motivera nivån (KLASSA kräver en motivering för varje aspekt som värderas).'],
      ['motivations.traceability', 'Spårbarhet: motivera nivån (KLASSA kräver en motivering för varje aspekt som värderas).'],
    ]);
    const valued = await patch(`/assets/${created.id}`, PEOPLE.classificationLead, created.etag, { confidentiality: 3, integrity: 2, availability: 2, traceability: 1, motivations: MOTIVATED });
    expect(valued.status).toBe(200);
    expect(valued.body.motivations).toEqual(MOTIVATED);
    expect(valued.body.nextReviewAt).toBe(`${Number(today().slice(0, 4)) + 1}${today().slice(4)}`);
    const ids = valued.body.requirements.map((r: { id: string }) => r.id);
    expect(ids).toEqual(['K1-1', 'K1-2', 'K1-3', 'K2-1', 'K2-2', 'K2-3', 'K2-4', 'K3-1', 'K3-2', 'K3-3', 'K3-4', 'K3-5', 'R1-1', 'R1-2', 'R2-1', 'R2-2', 'R2-3', 'T1-1', 'T1-2', 'T2-1', 'T2-2', 'T2-3', 'S1-1']);
    // Changing one level needs that one motivation again; the others stand.
    const again = await patch(`/assets/${created.id}`, PEOPLE.classificationLead, valued.body.etag, { availability: 3, motivations: { ...MOTIVATED, availability: 'Hemtjänsten kan inte vänta ett dygn.' } });
    expect(again.body.requirements.map((r: { id: string }) => r.id)).toContain('T3-4');
    // Level 4 flags a separate security-protection analysis and adds no requirements of its own.
    const four = await patch(`/assets/${created.id}`, PEOPLE.classificationLead, again.body.etag, { confidentiality: 4, motivations: { ...again.body.motivations, confidentiality: 'Uppgifterna omfattas av säkerhetsskydd.' } });
    expect(four.body.summary).toMatchObject({ maxLevel: 4, securityProtectionFlag: true });
    expect(four.body.requirements.filter((r: { aspect: string }) => r.aspect === 'confidentiality')).toHaveLength(12);
  });

  it('archives a decommissioned asset (ISAM, the classification lead), out of the list but kept', async () => {
    const created = (await post('/assets', PEOPLE.isam, newAsset('IA-961', { ownerId: PEOPLE.thomas, unit: 'IFO' }))).body;
    expect((await post(`/assets/${created.id}/archive`, PEOPLE.thomas, { reason: null }, { 'If-Match': created.etag })).status).toBe(403);
    const archived = await post(`/assets/${created.id}/archive`, PEOPLE.classificationLead, { reason: 'Avvecklat.' }, { 'If-Match': created.etag });
    expect(archived.body).toMatchObject({ archived: true, canEdit: false, archive: { years: 5 } });
    expect((await api.call('GET', '/assets?search=IA-961', { as: PEOPLE.isam })).body.items).toEqual([]);
    expect((await api.call('GET', '/assets?search=IA-961&archived=archived', { as: PEOPLE.isam })).body.items).toHaveLength(1);
    expect((await patch(`/assets/${created.id}`, PEOPLE.isam, archived.body.etag, { name: 'x' })).status).toBe(403);
  });
});

describe('Bevarande: what has passed retention', () => {
  it('is listed per register for ISAM alone, oldest first, and nothing is removed by it', async () => {
    expect((await api.call('GET', '/retention/due?register=roles', { as: SARA })).status).toBe(403);
    expect((await api.call('GET', '/retention/due?register=everything', { as: PEOPLE.isam })).status).toBe(400);
    const roles = await api.call('GET', '/retention/due?register=roles', { as: PEOPLE.isam });
    expect(roles.body).toMatchObject({ years: 5, items: [{ register: 'roles', label: 'classification_lead (FSK)', archivedAt: '2020-06-30T15:00:00.000Z', removableFrom: '2025-06-30' }] });
    const suppliers = await api.call('GET', '/retention/due?register=suppliers', { as: PEOPLE.isam });
    expect(suppliers.body).toMatchObject({ years: 10, items: [{ label: 'SUP-013', removableFrom: '2025-06-30' }] });
    expect((await api.call('GET', '/retention/due?register=governing-documents', { as: PEOPLE.isam })).body).toEqual({ items: [], cursor: null, years: null });
    // Listing twice removes nothing.
    expect((await api.call('GET', '/retention/due?register=roles', { as: PEOPLE.isam })).body.items).toHaveLength(1);
  });
});
