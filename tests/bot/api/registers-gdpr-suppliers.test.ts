/**
 * Dataskydd, Leverantörer and Anskaffningar through the tab API: the record of processing kept by
 * the DSO and ISAM (and a processing's owner), the screening and the impact assessment it allows,
 * the DSO's own written opinion and the owner's decision, prior consultation flagged; suppliers and
 * their chain without cycles, follow-ups kept by the contract owner; procurements whose checklist
 * follows from the classification of their assets and the impact assessments of the processing that
 * uses them, contracted only when every requirement is met.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

const BIRGITTA = 'd0000000-0000-4000-8000-000000000019';
const JESSICA = 'd0000000-0000-4000-8000-000000000025';
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const post = (route: string, as: string, body: unknown, headers: Record<string, string> = {}) => api.call('POST', route, { as, body, headers: { 'Idempotency-Key': randomUUID(), ...headers } });
const patch = (route: string, as: string, etag: string, body: unknown) => api.call('PATCH', route, { as, body, headers: { 'If-Match': etag } });
const byCode = async (register: string, code: string, as: string = PEOPLE.isam) => (await api.call('GET', `/${register}?search=${code}`, { as })).body.items.find((x: { code: string }) => x.code === code);
const supplierByCode = async (code: string) => {
  const walk = (nodes: { code: string; id: string; children: unknown[] }[]): { id: string } | undefined => nodes.flatMap((n) => [n, walk(n.children as never) ?? []]).flat().find((n) => (n as { code?: string }).code === code) as never;
  return walk((await api.call('GET', '/suppliers', { as: PEOPLE.isam })).body.roots)!;
};

const processing = (o: Record<string, unknown> = {}) => ({
  name: 'Synpunkter och klagomål',
  purpose: 'Ta emot och besvara synpunkter och klagomål från invånare.',
  legalBasis: 'Allmänt intresse (art. 6.1 e)',
  controllerName: 'Stadsdelsnämnden Söderbyn, Stockholms stad',
  dataSubjectCategories: ['Invånare'],
  personalDataCategories: ['Namn', 'Kontaktuppgifter'],
  specialCategories: false,
  retention: 'Gallras två år efter att ärendet avslutats.',
  securityMeasures: 'Behörighet per handläggare.',
  ownerId: PEOPLE.thomas,
  unit: 'IFO',
  ...o,
});

describe('the record of processing', () => {
  it('is kept by the DSO and ISAM: a new processing gets the next id and the DSO’s contact', async () => {
    expect((await post('/processing', PEOPLE.thomas, processing())).status).toBe(403);
    const created = await post('/processing', PEOPLE.dso, processing());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'PA-011', dpoContact: 'Leila Haddad, leila.haddad@soderbyn.example', dpiaRequired: false, screening: null, canScreen: true, canStartImpactAssessment: false });
    expect(created.body.history.items[0]).toMatchObject({ action: 'processing.created', actor: { name: 'Leila Haddad' } });
    const listed = await api.call('GET', '/processing?pageSize=50', { as: PEOPLE.staff });
    expect(listed.body.items.some((p: { code: string }) => p.code === 'PA-011')).toBe(true);
    expect(listed.body.items.some((p: { code: string }) => p.code === 'PA-010')).toBe(false); // archived in 2020
  });

  it('lets the owner of a processing keep its entry up to date, and links breaches that exist', async () => {
    const pa002 = await byCode('processing', 'PA-002');
    const view = (await api.call('GET', `/processing/${pa002.id}`, { as: PEOPLE.thomas })).body;
    expect(view.incidents.map((i: { title: string }) => i.title)).toContain('Obehörig läsning i akt upptäckt vid loggkontroll');
    expect(view.screening).toMatchObject({ outcome: 'required', screenedBy: { name: 'Leila Haddad' } });
    const bad = await patch(`/processing/${pa002.id}`, PEOPLE.thomas, view.etag, { incidentIds: ['999999'] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toMatchObject({ field: 'incidentIds', message: 'Personuppgiftsincidenter: incidenten finns inte.' });
    const ok = await patch(`/processing/${pa002.id}`, PEOPLE.thomas, view.etag, { recipients: [...view.recipients, 'Inspektionen för vård och omsorg (IVO)'] });
    expect(ok.status).toBe(200);
    expect(ok.body.history.items[0]).toMatchObject({ action: 'processing.updated', fields: ['recipients'] });
    const pa003 = await byCode('processing', 'PA-003');
    const other = (await api.call('GET', `/processing/${pa003.id}`, { as: PEOPLE.thomas })).body;
    expect(other.canEdit).toBe(false);
    expect((await patch(`/processing/${pa003.id}`, PEOPLE.thomas, other.etag, { name: 'x' })).status).toBe(403);
  });

  it('screens a processing: one criterion needs a reason, two require an impact assessment', async () => {
    const created = (await post('/processing', PEOPLE.isam, processing({ name: 'Kameror i entréer' }))).body;
    const one = await post(`/processing/${created.id}/screening`, PEOPLE.thomas, { criteria: ['systematic_monitoring'] }, { 'If-Match': created.etag });
    expect(one.status).toBe(400);
    expect(one.body.issues[0].message).toBe('Ett kriterium är uppfyllt: motivera varför en konsekvensbedömning ändå inte behövs.');
    const notRequired = await post(`/processing/${created.id}/screening`, PEOPLE.thomas, { criteria: ['systematic_monitoring'], notes: 'Bara entréer, ingen inspelning.' }, { 'If-Match': created.etag });
    expect(notRequired.body).toMatchObject({ dpiaRequired: false, screening: { outcome: 'consider' }, canStartImpactAssessment: false });
    const refused = await post('/impact-assessments', PEOPLE.thomas, { processingActivityId: created.id });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Screeningen visar att en konsekvensbedömning inte krävs (1 av 9 kriterier; två eller fler krävs).');
    const required = await post(`/processing/${created.id}/screening`, PEOPLE.dso, { criteria: ['systematic_monitoring', 'vulnerable_subjects'] }, { 'If-Match': notRequired.body.etag });
    expect(required.body).toMatchObject({ dpiaRequired: true, screening: { outcome: 'required', screenedBy: { id: PEOPLE.dso } }, canStartImpactAssessment: true });
  });
});

describe('impact assessments', () => {
  it('start from a processing that requires one, one at a time, and are decided by the owner after the DSO’s opinion', async () => {
    const p = (await post('/processing', PEOPLE.dso, processing({ name: 'Kartläggning av hemlöshet' }))).body;
    expect((await post('/impact-assessments', PEOPLE.thomas, { processingActivityId: p.id })).body.message).toBe('Gör screeningen av behandlingen först: den visar om en konsekvensbedömning krävs.');
    await post(`/processing/${p.id}/screening`, PEOPLE.dso, { criteria: ['sensitive_data', 'vulnerable_subjects', 'matching_combining'] }, { 'If-Match': p.etag });
    expect((await post('/impact-assessments', PEOPLE.staff, { processingActivityId: p.id })).status).toBe(403);
    const started = await post('/impact-assessments', PEOPLE.thomas, { processingActivityId: p.id });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ code: 'DPIA-006', status: 'draft', criteria: ['sensitive_data', 'vulnerable_subjects', 'matching_combining'], canGiveOpinion: false, canDecide: true });
    expect((await post('/impact-assessments', PEOPLE.thomas, { processingActivityId: p.id })).body.message).toBe('Behandlingen har redan en pågående konsekvensbedömning (DPIA-006).');

    const d = started.body;
    const worked = await patch(`/impact-assessments/${d.id}`, PEOPLE.thomas, d.etag, { description: 'Samkörning av uppgifter från socialtjänst och bostadsbolag.', risks: 'Känsliga uppgifter om utsatta personer.', measures: 'Pseudonymisering.', riskLevel: 'high', status: 'in_review' });
    expect(worked.status).toBe(200);
    // The DSO is asked in their channel; only the DSO writes the opinion; only the owner (or ISAM) decides.
    const asked = (await api.app.sharepoint.store.query('Outbox', { where: [{ field: 'correlationKey', op: 'eq', value: `dpia_opinion:${d.id}` }] })).items;
    expect(asked.map((e) => [e.data.targetType, e.data.targetId, e.data.card])).toEqual([['channel', 'dso', 'registers.reminder']]);
    expect((await patch(`/impact-assessments/${d.id}`, PEOPLE.thomas, worked.body.etag, { dsoOpinion: 'Jag yttrar mig själv.' })).body.message).toBe('Bara dataskyddsombudet skriver sitt yttrande (artikel 35.2).');
    const opinion = await patch(`/impact-assessments/${d.id}`, PEOPLE.dso, worked.body.etag, { dsoOpinion: 'Behandlingen kan genomföras med pseudonymisering; kvarvarande risk är hög och kräver förhandssamråd.' });
    expect(opinion.body).toMatchObject({ dsoOpinionBy: { name: 'Leila Haddad' }, dsoConsultedAt: today() });
    expect((await patch(`/impact-assessments/${d.id}`, PEOPLE.dso, opinion.body.etag, { status: 'completed' })).body.message).toBe('Beslutet fattas av den som ansvarar för behandlingen, eller av informationssäkerhetssamordnaren.');
    const incomplete = await patch(`/impact-assessments/${d.id}`, PEOPLE.thomas, opinion.body.etag, { status: 'completed' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(['conclusion', 'residualRisk']);
    const decided = await patch(`/impact-assessments/${d.id}`, PEOPLE.thomas, opinion.body.etag, { status: 'completed', residualRisk: 'high', conclusion: 'Behandlingen påbörjas först efter förhandssamråd med IMY.' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'completed', decidedBy: { id: PEOPLE.thomas }, decidedAt: today(), priorConsultationRequired: true, priorConsultationAt: null });
    expect(decided.body.nextReviewAt).toBe(`${Number(today().slice(0, 4)) + 1}${today().slice(4)}`);
    // Decided: the content stays; the follow-up (prior consultation) does not.
    expect((await patch(`/impact-assessments/${d.id}`, PEOPLE.thomas, decided.body.etag, { measures: 'Annat.' })).status).toBe(409);
    // Staff may not record it; the DSO (who handles the contact with IMY) may.
    expect((await patch(`/impact-assessments/${d.id}`, PEOPLE.staff, decided.body.etag, { priorConsultationAt: today() })).status).toBe(403);
    const byOwner = await patch(`/impact-assessments/${d.id}`, PEOPLE.dso, decided.body.etag, { priorConsultationAt: today(), priorConsultationRef: 'IMY-2026-9911' });
    expect(byOwner.body).toMatchObject({ priorConsultationRequired: true, priorConsultationAt: today(), priorConsultationRef: 'IMY-2026-9911' });
    expect(byOwner.body.history.items.map((h: { action: string }) => h.action)).toEqual(['dpia.updated', 'dpia.decided', 'dpia.dso_opinion', 'dpia.sent_for_opinion', 'dpia.started']);
  });

  it('shows everyone that an assessment exists and its status; its content only to the DSO, ISAM and the owner', async () => {
    const staff = await api.call('GET', '/impact-assessments?pageSize=50', { as: PEOPLE.staff });
    const dpia1 = staff.body.items.find((x: { code: string }) => x.code === 'DPIA-001');
    expect(dpia1).toMatchObject({ status: 'in_review', title: null, residualRisk: null, canRead: false, priorConsultationRequired: true });
    expect((await api.call('GET', `/impact-assessments/${dpia1.id}`, { as: PEOPLE.staff })).status).toBe(403);
    expect((await api.call('GET', `/impact-assessments/${dpia1.id}`, { as: JESSICA })).body).toMatchObject({ title: 'Konsekvensbedömning av förskolans närvaro- och kommunikationsapp', residualRisk: 'high' });
    const dso = await api.call('GET', '/impact-assessments?status=completed', { as: PEOPLE.dso });
    expect(dso.body.items.every((x: { status: string; canRead: boolean }) => x.status === 'completed' && x.canRead)).toBe(true);
  });
});

describe('suppliers', () => {
  const supplier = (o: Record<string, unknown> = {}) => ({ name: 'Molnarkivet Norden AB', orgNumber: '556123-4567', services: 'Digital arkivering av pappersakter', processesPersonalData: true, dpaStatus: 'draft', contractOwnerId: PEOPLE.thomas, ...o });

  it('are registered by ISAM and the IT security officer, with the next id; others are refused', async () => {
    expect((await post('/suppliers', PEOPLE.thomas, supplier())).status).toBe(403);
    const badNumber = await post('/suppliers', PEOPLE.itsec, supplier({ orgNumber: '556123' }));
    expect(badNumber.body.issues).toEqual([expect.objectContaining({ field: 'orgNumber' })]);
    const noDpa = await post('/suppliers', PEOPLE.itsec, supplier({ dpaStatus: 'not_required' }));
    expect(noDpa.status).toBe(400);
    expect(noDpa.body.issues).toEqual([expect.objectContaining({ field: 'dpaStatus' })]);
    const created = await post('/suppliers', PEOPLE.itsec, supplier());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'SUP-014', depth: 0, chain: [], followUps: [], archived: false, contractOwner: { name: 'Thomas Granlund' } });
  });

  it('keep the chain of sub-suppliers free of cycles, and show each one’s depth', async () => {
    const sup001 = await supplierByCode('SUP-001');
    const sup003 = await supplierByCode('SUP-003');
    const deep = (await api.call('GET', `/suppliers/${sup003.id}`, { as: PEOPLE.staff })).body;
    expect(deep).toMatchObject({ depth: 2, chain: [{ code: 'SUP-001' }, { code: 'SUP-002' }] });
    const tree = (await api.call('GET', '/suppliers', { as: PEOPLE.staff })).body;
    const root = tree.roots.find((n: { code: string }) => n.code === 'SUP-001');
    expect(root.children[0]).toMatchObject({ code: 'SUP-002', depth: 1, children: [{ code: 'SUP-003', depth: 2 }] });
    expect(tree.roots.some((n: { code: string }) => n.code === 'SUP-013')).toBe(false); // archived in 2015
    const top = (await api.call('GET', `/suppliers/${sup001.id}`, { as: PEOPLE.isam })).body;
    const cycle = await patch(`/suppliers/${sup001.id}`, PEOPLE.isam, top.etag, { parentId: sup003.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.issues[0]).toMatchObject({ field: 'parentId', message: 'En leverantör kan inte vara underbiträde till sig själv eller till sina egna underbiträden.' });
    // Six links at most: hang new sub-suppliers below SUP-003 until the chain is full.
    let parent = sup003.id;
    for (let depth = 3; depth < 6; depth++) parent = (await post('/suppliers', PEOPLE.isam, supplier({ name: `Underbiträde i led ${depth}`, parentId: parent, dpaStatus: 'via_parent', orgNumber: null }))).body.id;
    const tooDeep = await post('/suppliers', PEOPLE.isam, supplier({ name: 'Ett led för mycket', parentId: parent, dpaStatus: 'via_parent', orgNumber: null }));
    expect(tooDeep.body.issues[0].message).toBe('Kedjan av underbiträden får vara högst 6 led.');
    // A supplier with sub-suppliers in use is not archived.
    expect((await post(`/suppliers/${sup001.id}/archive`, PEOPLE.isam, { reason: 'x' }, { 'If-Match': top.etag })).body.message).toBe('Leverantören har underbiträden som används. Arkivera eller flytta dem först.');
  });

  it('let the contract owner record follow-ups and the agreement’s dates, and nothing else', async () => {
    const sup001 = await supplierByCode('SUP-001');
    const view = (await api.call('GET', `/suppliers/${sup001.id}`, { as: PEOPLE.thomas })).body;
    expect(view.editableFields).toContain('followUps');
    expect(view.editableFields).not.toContain('name');
    expect(view.followUps.map((f: { id: string; doneAt: string | null }) => [f.id, f.doneAt])).toEqual([['U1', '2026-04-22'], ['U2', null]]);
    expect((await patch(`/suppliers/${sup001.id}`, PEOPLE.thomas, view.etag, { name: 'Nytt namn' })).body.message).toBe('Som avtalsägare kan du ändra PUB-avtalets status och datum, avtalets slut, anteckningar och uppföljningar.');
    const followUps = view.followUps.map((f: { id: string; plannedAt: string; focus: string; doneAt: string | null; findings: string | null }) => ({ id: f.id, plannedAt: f.plannedAt, focus: f.focus, doneAt: f.doneAt, findings: f.findings }));
    const noFindings = await patch(`/suppliers/${sup001.id}`, PEOPLE.thomas, view.etag, { followUps: [followUps[0], { ...followUps[1], doneAt: '2026-12-01' }] });
    expect(noFindings.body.issues[0].message).toBe('En genomförd uppföljning behöver sina iakttagelser.');
    const done = await patch(`/suppliers/${sup001.id}`, PEOPLE.thomas, view.etag, {
      followUps: [followUps[0], { ...followUps[1], doneAt: '2026-12-01', findings: 'Supportens åtkomst loggas och följs upp månadsvis.' }, { plannedAt: '2027-06-15', focus: 'Underbiträden och exitplan' }],
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ lastFollowUpAt: '2026-12-01', nextFollowUpAt: '2027-06-15' });
    expect(done.body.followUps[1]).toMatchObject({ id: 'U2', doneBy: { name: 'Thomas Granlund' } });
    expect(done.body.followUps[2]).toMatchObject({ id: 'U3', overdue: false });
    expect(done.body.history.items[0]).toMatchObject({ action: 'supplier.followed_up', actor: { name: 'Thomas Granlund' } });
  });
});

describe('procurements', () => {
  it('derive their requirements from their assets’ classification and the impact assessments of the processing using them', async () => {
    const ia010 = (await api.call('GET', '/assets?search=IA-010', { as: BIRGITTA })).body.items[0]; // K3 R3 T3 S3, used by PA-003 with DPIA-003
    expect((await post('/procurements', PEOPLE.staff, { title: 'x', unit: 'AOM', ownerId: BIRGITTA, assetIds: [ia010.id] })).status).toBe(403);
    const created = await post('/procurements', BIRGITTA, { title: 'Nytt planeringssystem för hemtjänsten', unit: 'AOM', ownerId: BIRGITTA, assetIds: [ia010.id] });
    expect(created.status).toBe(201);
    const p = created.body;
    expect(p).toMatchObject({ code: 'ANS-007', status: 'planning', levels: { confidentiality: 3, integrity: 3, availability: 3, traceability: 3 }, securityProtection: false, unclassifiedAssets: [] });
    const keys = p.requirements.map((r: { key: string }) => r.key);
    expect(keys.slice(0, 10)).toEqual(['classification', 'dpa', 'subprocessors', 'third_country', 'access_control', 'encryption', 'logging', 'incident_reporting', 'backup', 'exit']);
    expect(keys).toEqual(expect.arrayContaining(['K3-5', 'R3-3', 'T3-4', 'S3-4']));
    const dpia = p.requirements.find((r: { source: string }) => r.source === 'dpia');
    expect(dpia.sv).toBe('Åtgärderna i konsekvensbedömning DPIA-003 (Konsekvensbedömning av digitala nyckellås i hemtjänsten) uppfylls av leverantören.');
    expect(p.impactAssessments.map((d: { code: string }) => d.code)).toEqual(['DPIA-003']);
    expect(p.progress).toEqual({ met: 0, required: p.requirements.length });

    // A point that does not belong, and contracting before every requirement is met, are refused.
    const unknownPoint = await patch(`/procurements/${p.id}`, BIRGITTA, p.etag, { checklist: [{ key: 'K4-1', done: true, note: null }] });
    expect(unknownPoint.body.issues[0].message).toBe('Kravet K4-1 hör inte till anskaffningen.');
    const sup = await supplierByCode('SUP-001');
    const early = await patch(`/procurements/${p.id}`, BIRGITTA, p.etag, { status: 'contracted', supplierId: sup.id, contractedAt: today() });
    expect(early.status).toBe(400);
    expect(early.body.issues[0].message).toBe(`${p.requirements.length} krav är inte uppfyllda. Bocka av dem eller skriv en kommentar om avvikelsen innan anskaffningen avtalas.`);
    const checklist = p.requirements.map((r: { key: string }) => (r.key === 'third_country' ? { key: r.key, done: false, note: 'Ingen överföring: driften sker i Sverige.' } : { key: r.key, done: true, note: null }));
    const contracted = await patch(`/procurements/${p.id}`, BIRGITTA, p.etag, { checklist, status: 'contracted', supplierId: sup.id, contractedAt: today() });
    expect(contracted.status).toBe(200);
    expect(contracted.body).toMatchObject({ status: 'contracted', supplier: { code: 'SUP-001' }, progress: { met: p.requirements.length, required: p.requirements.length } });
    expect(contracted.body.history.items[0]).toMatchObject({ action: 'procurement.contracted', actor: { name: 'Birgitta Nyström' } });
    // Someone else's procurement is not theirs to change.
    expect((await patch(`/procurements/${p.id}`, PEOPLE.thomas, contracted.body.etag, { title: 'x' })).status).toBe(403);
  });

  it('are not contracted while an asset is unclassified: its requirements are unknown', async () => {
    const ia015 = (await api.call('GET', '/assets?search=IA-015', { as: PEOPLE.isam })).body.items[0];
    const p = (await post('/procurements', PEOPLE.isam, { title: 'Föreningsportal', unit: 'KUL', ownerId: 'd0000000-0000-4000-8000-000000000036', assetIds: [ia015.id] })).body;
    expect(p.unclassifiedAssets).toEqual([expect.objectContaining({ code: 'IA-015' })]);
    const sup = await supplierByCode('SUP-010');
    const checklist = p.requirements.map((r: { key: string }) => ({ key: r.key, done: true, note: null }));
    const res = await patch(`/procurements/${p.id}`, PEOPLE.isam, p.etag, { checklist, status: 'contracted', supplierId: sup.id, contractedAt: today() });
    expect(res.body.issues[0].message).toBe('Klassa informationstillgångarna först (IA-015): kraven bygger på klassningen.');
    const listed = await api.call('GET', '/procurements?status=contracted&pageSize=50', { as: PEOPLE.staff });
    expect(listed.body.items.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['ANS-003', 'ANS-005']));
    expect(listed.body.items.every((x: { progress: { met: number; required: number } }) => x.progress.met === x.progress.required)).toBe(true);
  });
});
