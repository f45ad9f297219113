/**
 * Informationstillgångar over HTTP against the real app: who may create and edit (checked on the
 * server against the stored record), idempotent creates, ETag conflicts, validation messages in
 * the user's language, search / filter / sort / paging on indexed columns, and the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAsset, PEOPLE, startApi, type Api } from './helpers';

/** Every aspect's level motivated, as KLASSA asks. */
const MOTIVATED = { confidentiality: 'Personuppgifter om enskilda.', integrity: 'Underlag för beslut.', availability: 'Reservrutin finns.', traceability: 'Ändringar loggas.' };

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

const create = (as: string, body: unknown, key = randomUUID(), headers: Record<string, string> = {}) =>
  api.call('POST', '/assets', { as, body, headers: { 'Idempotency-Key': key, ...headers } });

async function assetsWithCode(code: string) {
  const page = await api.app.sharepoint.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: code }] });
  return page.items;
}

async function auditFor(target: string) {
  const entries = [];
  for await (const e of api.app.sharepoint.store.queryAll('AuditLog', { where: [{ field: 'target', op: 'eq', value: target }] })) entries.push(e.data);
  return entries;
}

describe('creating an information asset', () => {
  it('is refused to a staff member, and nothing is written', async () => {
    const key = randomUUID();
    const res = await create(PEOPLE.staff, newAsset('IA-901'), key);
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Du har inte behörighet att göra detta. Behöver du det i ditt arbete, fråga din chef eller informationssäkerhetssamordnaren (ISAM).');
    expect(await assetsWithCode('IA-901')).toEqual([]);
    expect(await api.app.sharepoint.store.findByKey('InformationAssets', `tab:${PEOPLE.staff}:${key}`)).toBeNull();
  });

  it('is refused to an information owner who is not ISAM or the classification lead', async () => {
    expect((await create(PEOPLE.thomas, newAsset('IA-902'))).status).toBe(403);
  });

  it('lets the classification lead create and classify; the server sets who and when, and audits it', async () => {
    const res = await create(PEOPLE.classificationLead, newAsset('IA-903', { confidentiality: 3, integrity: 2, availability: 2, traceability: 1, motivations: MOTIVATED }));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/assets/${res.body.id}`);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    expect(res.body).toMatchObject({
      code: 'IA-903',
      owner: { id: PEOPLE.cecilia, name: 'Cecilia Wallin' },
      levels: { confidentiality: 3, integrity: 2, availability: 2, traceability: 1 },
      summary: { state: 'classified', maxLevel: 3, securityProtectionFlag: false },
      classifiedAt: today,
      classifiedBy: { id: PEOPLE.classificationLead, name: 'Maria Lundgren' },
      nextReviewAt: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
      canEdit: true,
    });
    const audit = await auditFor(`InformationAssets/${res.body.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: PEOPLE.classificationLead, action: 'asset.created' });
  });

  it('makes one record from a double submit with the same Idempotency-Key', async () => {
    const key = randomUUID();
    const body = newAsset('IA-904');
    const [a, b] = await Promise.all([create(PEOPLE.isam, body, key), create(PEOPLE.isam, body, key)]);
    const c = await create(PEOPLE.isam, body, key);
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);
    expect(await assetsWithCode('IA-904')).toHaveLength(1);
    expect(await auditFor(`InformationAssets/${a.body.id}`)).toHaveLength(1);
  });

  it('keeps keys per person: the same key from someone else is another submission', async () => {
    const key = randomUUID();
    const first = await create(PEOPLE.isam, newAsset('IA-905'), key);
    const second = await create(PEOPLE.classificationLead, newAsset('IA-906'), key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
  });

  it('refuses an id that is taken, in the field', async () => {
    const res = await create(PEOPLE.isam, newAsset('IA-001'));
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ field: 'code', message: 'Det finns redan en informationstillgång med detta id.' })]);
  });

  it('answers invalid levels with 400 and Swedish messages per field (English by Accept-Language)', async () => {
    const bad = newAsset('IA-907', { confidentiality: 7, integrity: -1, availability: 2.5, traceability: 5 });
    const sv = await create(PEOPLE.isam, bad);
    expect(sv.status).toBe(400);
    expect(sv.body.message).toBe('Kontrollera de markerade fälten.');
    const byField = Object.fromEntries(sv.body.issues.map((i: { field: string; message: string }) => [i.field, i.message]));
    expect(byField).toEqual({
      confidentiality: 'Konfidentialitet får vara högst 4.',
      integrity: 'Riktighet måste vara minst 0.',
      availability: 'Tillgänglighet måste vara ett heltal.',
      traceability: 'Spårbarhet får vara högst 4.',
    });
    const en = await create(PEOPLE.isam, bad, randomUUID(), { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(en.body.issues.find((i: { field: string }) => i.field === 'confidentiality').message).toBe('Confidentiality can be at most 4.');
    expect(await assetsWithCode('IA-907')).toEqual([]);
  });

  it('requires the texts, and all four levels or none (the KLASSA rule of the record)', async () => {
    const empty = await create(PEOPLE.isam, newAsset('IA-908', { name: '', unit: '' }));
    expect(empty.status).toBe(400);
    expect(empty.body.issues.map((i: { field: string; message: string }) => `${i.field}: ${i.message}`)).toEqual(['name: Namn måste fyllas i.', 'unit: Enhet måste fyllas i.']);
    const partial = await create(PEOPLE.isam, newAsset('IA-908', { confidentiality: 2 }));
    expect(partial.status).toBe(400);
    expect(partial.body.issues).toEqual([expect.objectContaining({ field: 'confidentiality', message: 'Ange nivå för alla fyra aspekterna (K, R, T, S) eller ingen.' })]);
    expect(await assetsWithCode('IA-908')).toEqual([]);
  });

  it('does not take who classified from the request body', async () => {
    const res = await create(PEOPLE.isam, { ...newAsset('IA-909'), classifiedBy: PEOPLE.director });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].message).toBe('Fältet classifiedBy finns inte.');
  });

  it('refuses an owner the directory does not know', async () => {
    const res = await create(PEOPLE.isam, newAsset('IA-910', { ownerId: '11111111-2222-4333-8444-555555555555' }));
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ field: 'ownerId', message: 'Personen finns inte i katalogen.' })]);
  });

  it('needs an Idempotency-Key', async () => {
    const res = await api.call('POST', '/assets', { as: PEOPLE.isam, body: newAsset('IA-911') });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Idempotency-Key saknas eller har fel format.');
  });
});

describe('editing and classifying an asset', () => {
  async function read(id: string, as: string = PEOPLE.isam) {
    const res = await api.call('GET', `/assets/${id}`, { as });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(res.body.etag);
    return res.body;
  }
  const patch = (id: string, as: string, etag: string | null, body: unknown) => api.call('PATCH', `/assets/${id}`, { as, body, headers: etag ? { 'If-Match': etag } : {} });

  it('lets the owner classify their own asset, and the level 4 flag follows', async () => {
    const created = await create(PEOPLE.isam, newAsset('IA-920', { ownerId: PEOPLE.thomas, unit: 'IFO' }));
    const res = await patch(created.body.id, PEOPLE.thomas, created.body.etag, { confidentiality: 4, integrity: 3, availability: 2, traceability: 2, motivations: MOTIVATED });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ summary: { state: 'classified', maxLevel: 4, securityProtectionFlag: true }, classifiedBy: { id: PEOPLE.thomas } });
    expect(res.body.etag).not.toBe(created.body.etag);
    const audit = await auditFor(`InformationAssets/${created.body.id}`);
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ['asset.created', PEOPLE.isam],
      ['asset.classified', PEOPLE.thomas],
    ]);
  });

  it('does not let the owner change the owner, id or priority', async () => {
    const asset = await read('1', PEOPLE.thomas); // IA-001, owned by Thomas Granlund
    expect(asset.code).toBe('IA-001');
    const res = await patch(asset.id, PEOPLE.thomas, asset.etag, { ownerId: PEOPLE.cecilia });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/informationssäkerhetssamordnaren eller klassningsledaren/);
    expect((await read('1')).owner.id).toBe(PEOPLE.thomas);
  });

  it('refuses another unit head and a staff member, re-reading the stored owner', async () => {
    const asset = await read('1');
    expect((await patch(asset.id, PEOPLE.cecilia, asset.etag, { notes: 'Inte min.' })).status).toBe(403);
    expect((await patch(asset.id, PEOPLE.staff, asset.etag, { notes: 'Inte min.' })).status).toBe(403);
    expect((await read('1')).notes).toBeNull();
    expect((await read('1', PEOPLE.staff)).canEdit).toBe(false);
  });

  it('answers a stale etag with 409 and the current record', async () => {
    const created = await create(PEOPLE.isam, newAsset('IA-921'));
    const first = await patch(created.body.id, PEOPLE.isam, created.body.etag, { notes: 'Första ändringen' });
    expect(first.status).toBe(200);
    const stale = await patch(created.body.id, PEOPLE.classificationLead, created.body.etag, { notes: 'Andra ändringen' });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('Någon annan hann ändra detta samtidigt. Det senaste läget visas nu.');
    expect(stale.body.current).toMatchObject({ id: created.body.id, notes: 'Första ändringen', etag: first.body.etag });
  });

  it('needs If-Match, and validates the merged record', async () => {
    const asset = await read('2');
    expect((await patch(asset.id, PEOPLE.isam, null, { notes: 'x' })).status).toBe(428);
    const res = await patch(asset.id, PEOPLE.isam, asset.etag, { confidentiality: null });
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ field: 'confidentiality', message: 'Ange nivå för alla fyra aspekterna (K, R, T, S) eller ingen.' });
  });

  it('writes nothing and audits nothing when nothing changed', async () => {
    const asset = await read('3');
    const res = await patch(asset.id, PEOPLE.isam, asset.etag, { name: asset.name });
    expect(res.status).toBe(200);
    expect(res.body.etag).toBe(asset.etag);
  });

  it('answers 404 for an asset that does not exist and 400 for a malformed id', async () => {
    expect((await api.call('GET', '/assets/99999', { as: PEOPLE.isam })).status).toBe(404);
    expect((await api.call('GET', '/assets/abc', { as: PEOPLE.isam })).status).toBe(400);
  });
});

describe('the inventory list', () => {
  const list = async (query: string, as: string = PEOPLE.staff) => {
    const res = await api.call('GET', `/assets?${query}`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: { code: string; name: string; unit: string; owner: { name: string }; priority: number | null; canEdit: boolean }[]; cursor: string | null };
  };

  it('is readable by everyone, with owner names and what each may do', async () => {
    const page = await list('pageSize=100&search=IA-0');
    expect(page.items.map((i) => i.code)).toEqual(Array.from({ length: 18 }, (_, i) => `IA-${String(i + 1).padStart(3, '0')}`));
    expect(page.items[0]).toMatchObject({ owner: { name: 'Thomas Granlund' }, canEdit: false });
    expect((await list('search=IA-001', PEOPLE.thomas)).items[0]!.canEdit).toBe(true);
  });

  it('searches by id prefix and by the start of the name', async () => {
    expect((await list('search=ia-01')).items.map((i) => i.code)).toEqual(['IA-010', 'IA-011', 'IA-012', 'IA-013', 'IA-014', 'IA-015', 'IA-016', 'IA-017', 'IA-018']);
    expect((await list('search=pass')).items.map((i) => i.code)).toEqual(['IA-012']);
  });

  it('filters by unit and owner, and sorts on indexed columns', async () => {
    expect((await list('unit=IFO&search=IA-0')).items.map((i) => i.code)).toEqual(['IA-001', 'IA-003', 'IA-014']);
    expect((await list(`ownerId=${PEOPLE.perHolmberg}`)).items.map((i) => i.code)).toEqual(['IA-004', 'IA-006', 'IA-007', 'IA-012']);
    const byPriority = (await list('search=IA-0&sort=priority&direction=asc&pageSize=3')).items.map((i) => i.priority);
    expect(byPriority).toEqual([1, 2, 3]);
    const byNameDesc = (await list('unit=IFO&sort=name&direction=desc')).items.map((i) => i.name);
    expect(byNameDesc.length).toBeGreaterThanOrEqual(3);
    expect(byNameDesc).toEqual([...byNameDesc].sort((a, b) => b.localeCompare(a, 'sv')));
  });

  it('pages with the cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(`search=IA-0&pageSize=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((i) => i.code));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(Array.from({ length: 18 }, (_, i) => `IA-${String(i + 1).padStart(3, '0')}`));
  });

  it('refuses sorting on a column that is not indexed, and a forged cursor', async () => {
    expect((await api.call('GET', '/assets?sort=confidentiality', { as: PEOPLE.staff })).status).toBe(400);
    const forged = Buffer.from('/sites/x/lists/y/items?$top=999').toString('base64url');
    expect((await api.call('GET', `/assets?cursor=${forged}`, { as: PEOPLE.staff })).status).toBe(400);
  });
});

describe('people and units', () => {
  it('searches the directory for the people picker', async () => {
    const res = await api.call('GET', '/people?query=thom', { as: PEOPLE.isam });
    expect(res.status).toBe(200);
    expect(res.body.people[0]).toMatchObject({ id: PEOPLE.thomas, name: 'Thomas Granlund', unit: 'IFO' });
    expect((await api.call('GET', '/people?query=', { as: PEOPLE.isam })).body.people).toEqual([]);
  });

  it('lists the units', async () => {
    const res = await api.call('GET', '/units', { as: PEOPLE.staff });
    expect(res.body.units).toEqual(['ADM', 'AOM', 'EKB', 'FSK', 'IFO', 'KUL', 'LEDN']);
  });
});
