/**
 * Risker and Internrevision through the tab API, as each role would use them: who may read, create,
 * change, accept, archive and remove (docs/security.md, "Authorization of the registers"); 400 with
 * a message per field in the user's language; idempotent creates; If-Match; history from the audit
 * log; the heat map; removal refused inside retention and done after it; an audit's nonconformity
 * becoming an improvement action linked both ways; the Excel export read back with exceljs.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

const BIRGITTA = 'd0000000-0000-4000-8000-000000000019';
const KARIN = PEOPLE.director;
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const post = (route: string, as: string, body: unknown, key = randomUUID(), headers: Record<string, string> = {}) => api.call('POST', route, { as, body, headers: { 'Idempotency-Key': key, ...headers } });
const patch = (route: string, as: string, etag: string, body: unknown) => api.call('PATCH', route, { as, body, headers: { 'If-Match': etag } });
const assetId = async (code: string) => (await api.call('GET', `/assets?search=${code}`, { as: PEOPLE.isam })).body.items[0].id as string;
const auditLog = async (target: string) => (await api.app.sharepoint.store.query('AuditLog', { where: [{ field: 'target', op: 'eq', value: target }], pageSize: 50 })).items.map((e) => e.data);

async function xlsx(route: string, as: string, locale = 'sv-SE') {
  const res = await fetch(`${api.base}${route}`, { headers: { Authorization: `Bearer ${await api.token(as)}`, 'Accept-Language': locale } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return { ws: wb.worksheets[0]!, res };
}

const newRisk = (asset: string, o: Record<string, unknown> = {}) => ({
  title: 'Skrivare i öppna kontorslandskap',
  assetId: asset,
  unit: 'IFO',
  threat: 'Utskrifter med uppgifter om enskilda blir liggande i skrivaren.',
  consequence: 'Sekretessbelagda uppgifter röjs för obehöriga.',
  likelihood: 3,
  consequenceLevel: 3,
  ownerId: PEOPLE.thomas,
  reviewAt: '2027-06-30',
  ...o,
});

describe('Risker', () => {
  it('lets those who see the whole register list it, and others only their own risks', async () => {
    const all = await api.call('GET', '/risks?pageSize=50', { as: PEOPLE.itsec });
    expect(all.status).toBe(200);
    expect(all.body.scope).toBe('all');
    expect(all.body.items.map((r: { code: string }) => r.code)).toContain('RISK-005');
    expect(all.body.items.some((r: { archived: boolean }) => r.archived)).toBe(false);
    const own = await api.call('GET', '/risks?pageSize=50', { as: PEOPLE.thomas });
    expect(own.body.scope).toBe('own');
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((r: { owner: { id: string } }) => r.owner.id === PEOPLE.thomas)).toBe(true);
    // Asking for someone else's risks changes nothing for them.
    const asked = await api.call('GET', `/risks?ownerId=${BIRGITTA}`, { as: PEOPLE.thomas });
    expect(asked.body.items.every((r: { owner: { id: string } }) => r.owner.id === PEOPLE.thomas)).toBe(true);
    const staff = await api.call('GET', '/risks', { as: PEOPLE.staff });
    expect(staff.body).toMatchObject({ scope: 'own', items: [], canCreate: false });
    const high = await api.call('GET', '/risks?level=very_high&status=open', { as: PEOPLE.isam });
    expect(high.body.items.length).toBeGreaterThan(0);
    expect(high.body.items.every((r: { level: string; status: string }) => r.level === 'very_high' && r.status === 'open')).toBe(true);
    const search = await api.call('GET', '/risks?search=RISK-00', { as: PEOPLE.isam });
    expect(search.body.items.every((r: { code: string }) => r.code.startsWith('RISK-00'))).toBe(true);
  });

  it('creates a risk once per key, computes its level from the matrix, gives it the next id, and audits it', async () => {
    const ia001 = await assetId('IA-001');
    const key = randomUUID();
    const [a, b] = await Promise.all([post('/risks', PEOPLE.isam, newRisk(ia001), key), post('/risks', PEOPLE.isam, newRisk(ia001), key)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body).toMatchObject({ code: 'RISK-016', level: 'high', status: 'open', treatment: null, owner: { name: 'Thomas Granlund' }, asset: { code: 'IA-001' }, createdBy: { id: PEOPLE.isam } });
    expect(a.body.history.items).toEqual([expect.objectContaining({ action: 'risk.created', actor: { id: PEOPLE.isam, name: 'Henrik Sandberg' } })]);
    expect(await auditLog(`Risks/${a.body.id}`)).toHaveLength(1);
  });

  it('lets an information owner record risks to their own assets only; staff none', async () => {
    expect((await post('/risks', PEOPLE.thomas, newRisk(await assetId('IA-003')))).status).toBe(201);
    const other = await post('/risks', PEOPLE.thomas, newRisk(await assetId('IA-010')));
    expect(other.status).toBe(403);
    expect((await post('/risks', PEOPLE.staff, newRisk(await assetId('IA-003')))).status).toBe(403);
  });

  it('answers a bad risk with 400 and a message per field, in Swedish or English, and writes nothing', async () => {
    const before = (await api.call('GET', '/risks?pageSize=100&archived=all', { as: PEOPLE.isam })).body.items.length;
    const bad = await post('/risks', PEOPLE.isam, newRisk(await assetId('IA-001'), { likelihood: 5, threat: '', treatment: 'accept' }));
    expect(bad.status).toBe(400);
    const byField = Object.fromEntries(bad.body.issues.map((i: { field: string; message: string }) => [i.field, i.message]));
    expect(byField).toMatchObject({ likelihood: 'Sannolikhet får vara högst 4.', threat: 'Hot måste fyllas i.' });
    const en = await api.call('POST', '/risks', { as: PEOPLE.isam, body: newRisk(await assetId('IA-001'), { likelihood: 5 }), headers: { 'Idempotency-Key': randomUUID(), 'Accept-Language': 'en-GB' } });
    expect(en.body.issues[0].message).toBe('Likelihood can be at most 4.');
    expect((await api.call('GET', '/risks?pageSize=100&archived=all', { as: PEOPLE.isam })).body.items.length).toBe(before);
  });

  it('lets only the risk owner accept a risk; ISAM prepares it', async () => {
    const created = (await post('/risks', PEOPLE.isam, newRisk(await assetId('IA-001'), { title: 'Låsta skåp saknas' }))).body;
    const byIsam = await patch(`/risks/${created.id}`, PEOPLE.isam, created.etag, { treatment: 'accept', treatmentRationale: 'Låg kostnad.' });
    expect(byIsam.status).toBe(403);
    expect(byIsam.body.message).toContain('Bara riskägaren kan acceptera en risk');
    const prepared = await patch(`/risks/${created.id}`, PEOPLE.isam, created.etag, { likelihood: 2, residualLikelihood: 1, residualConsequence: 3 });
    expect(prepared.body).toMatchObject({ level: 'medium', residualLevel: 'medium' });
    const accepted = await patch(`/risks/${created.id}`, PEOPLE.thomas, prepared.body.etag, { treatment: 'accept', treatmentRationale: 'Skåpen byts vid flytten 2027.', status: 'treated' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ treatment: 'accept', status: 'treated', decidedBy: { id: PEOPLE.thomas }, decidedAt: today() });
    expect(accepted.body.history.items.map((h: { action: string; actor: { name: string } }) => [h.action, h.actor.name])).toEqual([
      ['risk.accepted', 'Thomas Granlund'],
      ['risk.updated', 'Henrik Sandberg'],
      ['risk.created', 'Henrik Sandberg'],
    ]);
    // Someone with no role in it may neither read nor change it.
    expect((await api.call('GET', `/risks/${created.id}`, { as: PEOPLE.staff })).status).toBe(403);
    expect((await patch(`/risks/${created.id}`, PEOPLE.staff, accepted.body.etag, { title: 'x' })).status).toBe(403);
    // A stale etag is 409 with the risk as it is now; no If-Match is 428.
    const stale = await patch(`/risks/${created.id}`, PEOPLE.isam, created.etag, { title: 'För sent' });
    expect(stale.status).toBe(409);
    expect(stale.body.current.treatment).toBe('accept');
    expect((await api.call('PATCH', `/risks/${created.id}`, { as: PEOPLE.isam, body: { title: 'x' } })).status).toBe(428);
  });

  it('counts the open risks per cell of the matrix for the heat map, now and after treatment', async () => {
    const map = await api.call('GET', '/risks/heatmap', { as: PEOPLE.isam });
    expect(map.body.cells).toHaveLength(16);
    const open = (await api.call('GET', '/risks?pageSize=100', { as: PEOPLE.isam })).body.items.filter((r: { status: string }) => r.status !== 'closed');
    expect(map.body.total).toBe(open.length);
    expect(map.body.cells.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(open.length);
    expect(map.body.cells.reduce((n: number, c: { residual: number }) => n + c.residual, 0)).toBe(open.length);
    const cell = map.body.cells.find((c: { likelihood: number; consequence: number }) => c.likelihood === 3 && c.consequence === 4);
    expect(cell).toMatchObject({ level: 'very_high' });
    expect(cell.count).toBe(open.filter((r: { likelihood: number; consequenceLevel: number }) => r.likelihood === 3 && r.consequenceLevel === 4).length);
    const matrix = await api.call('GET', '/risks/matrix', { as: PEOPLE.staff });
    expect(matrix.body.levels[3][3]).toBe('very_high');
    const unit = await api.call('GET', '/risks/heatmap?unit=AOM', { as: PEOPLE.isam });
    expect(unit.body.scope).toBe('unit:AOM');
    expect(unit.body.total).toBeLessThan(map.body.total);
  });

  it('archives (ISAM only), keeps an archived risk read-only, and removes only after retention', async () => {
    const created = (await post('/risks', PEOPLE.isam, newRisk(await assetId('IA-001'), { title: 'Gammal skrivare' }))).body;
    expect((await post(`/risks/${created.id}/archive`, PEOPLE.thomas, { reason: 'x' }, randomUUID(), { 'If-Match': created.etag })).status).toBe(403);
    const archived = await post(`/risks/${created.id}/archive`, PEOPLE.isam, { reason: 'Skrivaren är borttagen.' }, randomUUID(), { 'If-Match': created.etag });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ archived: true, canEdit: false, archive: { archived: true, years: 5, canRemove: false } });
    expect(archived.body.archive.removableFrom).toBe(`${Number(today().slice(0, 4)) + 5}${today().slice(4)}`);
    expect((await patch(`/risks/${created.id}`, PEOPLE.isam, archived.body.etag, { title: 'x' })).status).toBe(403);
    expect((await api.call('GET', '/risks?pageSize=100', { as: PEOPLE.isam })).body.items.some((r: { id: string }) => r.id === created.id)).toBe(false);
    expect((await api.call('GET', '/risks?archived=archived&pageSize=100', { as: PEOPLE.isam })).body.items.some((r: { id: string }) => r.id === created.id)).toBe(true);

    const inside = await api.call('DELETE', `/risks/${created.id}`, { as: PEOPLE.isam, headers: { 'If-Match': archived.body.etag } });
    expect(inside.status).toBe(409);
    expect(inside.body.message).toMatch(/^Posten bevaras i 5 år efter att den arkiverades och får tas bort tidigast \d{4}-\d{2}-\d{2}\.$/);
    const inUse = (await api.call('GET', '/risks?search=RISK-001', { as: PEOPLE.isam })).body.items[0];
    expect((await api.call('DELETE', `/risks/${inUse.id}`, { as: PEOPLE.isam, headers: { 'If-Match': inUse.etag } })).body.message).toContain('Posten används fortfarande');

    // RISK-015 was archived in 2020: its five years have passed. Only ISAM removes, and says so in the log.
    const due = await api.call('GET', '/retention/due?register=risks', { as: PEOPLE.isam });
    expect(due.body.items.map((i: { label: string }) => i.label)).toEqual(['RISK-015']);
    const old = (await api.call('GET', `/risks/${due.body.items[0].id}`, { as: PEOPLE.isam })).body;
    expect(old.archive).toMatchObject({ archived: true, canRemove: true, removableFrom: '2025-05-01' });
    expect((await api.call('DELETE', `/risks/${old.id}`, { as: PEOPLE.itsec, headers: { 'If-Match': old.etag } })).status).toBe(403);
    const removed = await api.call('DELETE', `/risks/${old.id}`, { as: PEOPLE.isam, headers: { 'If-Match': old.etag } });
    expect(removed.body).toEqual({ id: old.id, removed: true });
    expect((await api.call('GET', `/risks/${old.id}`, { as: PEOPLE.isam })).status).toBe(404);
    // A retry after the answer was lost is still "removed"; the log keeps the removal.
    expect((await api.call('DELETE', `/risks/${old.id}`, { as: PEOPLE.isam, headers: { 'If-Match': old.etag } })).status).toBe(200);
    expect((await auditLog(`Risks/${old.id}`)).map((e) => e.action)).toContain('risk.removed');
    expect((await api.call('GET', '/retention/due?register=risks', { as: PEOPLE.isam })).body.items).toEqual([]);
  });

  it('exports the same selection to Excel: Swedish headers, real dates, a frozen header row with a filter', async () => {
    const { ws, res } = await xlsx('/risks/export.xlsx?archived=all', PEOPLE.isam);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="riskregister.xlsx"');
    expect(ws.name).toBe('Riskregister');
    expect(ws.getRow(1).values).toEqual([undefined, 'Id', 'Benämning', 'Informationstillgång', 'Process', 'Enhet', 'Sannolikhet (1–4)', 'Konsekvens (1–4)', 'Risknivå', 'Behandling', 'Status', 'Ansvarig', 'Nästa översyn', 'Arkiverad']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:M1');
    expect(ws.getColumn(2).width).toBe(40);
    const first = ws.getRow(2);
    expect(first.getCell(1).value).toBe('RISK-001');
    expect(first.getCell(12).value).toBeInstanceOf(Date);
    expect((first.getCell(12).value as Date).toISOString()).toBe('2027-03-31T00:00:00.000Z');
    expect(first.getCell(12).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(8).value).toBe('Hög');
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    expect(rows.length).toBe(Number(res.headers.get('x-export-rows')));
    expect(rows.some((r) => String(r[2]).includes('ö'))).toBe(true); // "Ej krypterade USB-minnen", "Borttappade tjänstekort"…
    // The owner of a few risks exports only those; English headers when asked for.
    const own = await xlsx('/risks/export.xlsx', PEOPLE.thomas, 'en-GB');
    expect(own.ws.getRow(1).getCell(2).value).toBe('Title');
    expect((own.ws.getSheetValues().slice(2) as unknown[][]).every((r) => r[11] === 'Thomas Granlund')).toBe(true);
    expect((await api.call('GET', '/risks/export.xlsx', { as: PEOPLE.staff })).status).toBe(200);
  });
});

describe('Internrevision', () => {
  const plan = (o: Record<string, unknown> = {}) => ({ title: 'Logguppföljning i socialtjänsten', scope: 'Hur loggar följs upp i socialtjänstens verksamhetssystem.', clauses: ['A.8.15', 'A.8.16'], units: ['IFO'], auditorId: PEOPLE.itsec, plannedAt: '2027-02-10', ...o });

  it('is planned by ISAM only, with an auditor who does not audit their own unit', async () => {
    expect((await post('/audits', PEOPLE.itsec, plan())).status).toBe(403);
    const own = await post('/audits', PEOPLE.isam, plan({ units: ['ADM'] }));
    expect(own.status).toBe(400);
    expect(own.body.issues[0]).toMatchObject({ field: 'auditorId', message: 'Revisorn tillhör ADM, som granskas. Ingen reviderar sin egen verksamhet (ISO 27001 9.2).' });
    const created = await post('/audits', PEOPLE.isam, plan());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'REV-008', status: 'planned', auditor: { name: 'Daniel Wikström' }, findings: [], canPlan: true });
  });

  it('lets the auditor record a nonconformity whose corrective action becomes an improvement action, linked both ways, once', async () => {
    const audit = (await post('/audits', PEOPLE.isam, plan({ title: 'Behörigheter i förskoleappen', units: ['FSK'] }))).body;
    const findings = [
      { kind: 'nonconformity', requirement: 'A.5.18', text: 'Tidigare medarbetare har kvar behörighet.', correctiveAction: 'Koppla behörigheterna till stadens katalog.', actionOwnerId: 'd0000000-0000-4000-8000-000000000025', actionDueAt: '2027-03-31' },
      { kind: 'observation', requirement: null, text: 'Rutinen är inte känd av alla.' },
    ];
    // The auditor may record findings but not change the plan.
    expect((await patch(`/audits/${audit.id}`, PEOPLE.itsec, audit.etag, { title: 'Annat' })).status).toBe(403);
    expect((await patch(`/audits/${audit.id}`, PEOPLE.staff, audit.etag, { findings })).status).toBe(403);
    const recorded = await patch(`/audits/${audit.id}`, PEOPLE.itsec, audit.etag, { status: 'in_progress', findings });
    expect(recorded.status).toBe(200);
    const [nc, obs] = recorded.body.findings;
    expect(obs).toMatchObject({ id: 'F2', improvementAction: null });
    expect(nc).toMatchObject({ id: 'F1', actionOwner: { name: 'Jessica Falk' }, improvementAction: { status: 'open', dueAt: '2027-03-31' } });
    const action = (await api.app.sharepoint.store.get('ImprovementActions', nc.improvementAction.id))!.data;
    expect(action).toMatchObject({ source: 'audit', sourceRef: `Audits/${audit.id}#F1`, ownerId: 'd0000000-0000-4000-8000-000000000025', createdBy: PEOPLE.itsec });
    // Saving the same findings again (a double click, or an edit of the text) creates no second action.
    const again = await patch(`/audits/${audit.id}`, PEOPLE.itsec, recorded.body.etag, { findings: recorded.body.findings.map((f: { id: string; kind: string; text: string; requirement: string | null; correctiveAction: string | null; actionOwner: { id: string } | null; actionDueAt: string | null }) => ({ id: f.id, kind: f.kind, requirement: f.requirement, text: `${f.text} `, correctiveAction: f.correctiveAction, actionOwnerId: f.actionOwner?.id ?? null, actionDueAt: f.actionDueAt })) });
    expect(again.status).toBe(200);
    const linked = (await api.app.sharepoint.store.query('ImprovementActions', { where: [{ field: 'sourceRef', op: 'eq', value: `Audits/${audit.id}#F1` }] })).items;
    expect(linked).toHaveLength(1);
    // A finding whose action is under way stays as evidence.
    const dropped = await patch(`/audits/${audit.id}`, PEOPLE.itsec, again.body.etag, { findings: [] });
    expect(dropped.status).toBe(400);
    expect(dropped.body.issues[0].message).toBe('Avvikelsen F1 har en förbättringsåtgärd och ligger kvar som underlag.');
    // Completing needs the date and the conclusion.
    const incomplete = await patch(`/audits/${audit.id}`, PEOPLE.itsec, again.body.etag, { status: 'completed' });
    expect(incomplete.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(['conclusion', 'performedAt']);
    const done = await patch(`/audits/${audit.id}`, PEOPLE.itsec, again.body.etag, { status: 'completed', performedAt: '2026-11-30', conclusion: 'En avvikelse och en observation.' });
    expect(done.body).toMatchObject({ status: 'completed', summary: { nonconformities: 1, observations: 1, openActions: 1 } });
    expect(done.body.history.items[0]).toMatchObject({ action: 'internal_audit.completed', actor: { name: 'Daniel Wikström' } });
  });

  it('refuses to complete an audit while a nonconformity has no corrective action', async () => {
    const audit = (await post('/audits', PEOPLE.isam, plan({ title: 'Fysisk säkerhet', units: ['KUL'] }))).body;
    const res = await patch(`/audits/${audit.id}`, PEOPLE.isam, audit.etag, { status: 'completed', performedAt: '2026-11-30', conclusion: 'Brister.', findings: [{ kind: 'nonconformity', text: 'Dörren till serverrummet står öppen.' }] });
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ path: ['findings', 0, 'correctiveAction'], message: 'Avvikelsen F1 behöver en korrigerande åtgärd innan revisionen är genomförd.' });
  });

  it('shows audits to ISAM, the IT security officer, the director and the auditor — not to staff', async () => {
    const listed = await api.call('GET', '/audits?year=2026', { as: KARIN });
    expect(listed.body.scope).toBe('all');
    expect(listed.body.items.every((a: { plannedAt: string }) => a.plannedAt.startsWith('2026'))).toBe(true);
    expect(listed.body.items.map((a: { plannedAt: string }) => a.plannedAt)).toEqual([...listed.body.items.map((a: { plannedAt: string }) => a.plannedAt)].sort().reverse());
    const mine = await api.call('GET', '/audits', { as: 'd0000000-0000-4000-8000-000000000008' }); // Sara Johansson, auditor of REV-004
    expect(mine.body).toMatchObject({ scope: 'own', items: [expect.objectContaining({ code: 'REV-004' })] });
    const rev1 = listed.body.items.find((a: { code: string }) => a.code === 'REV-001');
    expect((await api.call('GET', `/audits/${rev1.id}`, { as: PEOPLE.staff })).status).toBe(403);
    const seen = await api.call('GET', `/audits/${rev1.id}`, { as: KARIN });
    expect(seen.body.findings[0]).toMatchObject({ kind: 'nonconformity', improvementAction: { status: 'done' } });
    expect(seen.body.history.items.map((h: { action: string }) => h.action)).toEqual(['internal_audit.completed', 'internal_audit.created']);
  });
});
