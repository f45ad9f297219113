/**
 * Sök over HTTP against the whole local app and the demo organisation: a word is found anywhere in
 * a code, name or title — inside words, without its accents — across the registers; an incident
 * only by those who may see it; the search texts follow the writes, and the healing pass catches
 * what went round them; a search costs a few Graph requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type RecordOf } from '../../../core/domain';
import { healSearch } from '../../../core/app/search';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
/** Ali Hussein, staff in EKB (Johanna's colleague). */
const ALI = 'd0000000-0000-4000-8000-000000000017';

const search = async (as: string, q: string, extra = '') => (await api.call('GET', `/search?q=${encodeURIComponent(q)}${extra}`, { as })).body;
const group = (result: { groups: { register: string }[] }, register: string) => result.groups.find((g) => g.register === register) as unknown as { hits: { code: string; title: string; path: string }[]; total: number; older: string | null; searched: { from: string; to: string } | null };
const idle = () => api.app.runtime.search.background.idle();

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('finding things', () => {
  it('finds a word inside another word, in any register, with or without its accents', async () => {
    for (const q of ['lön', 'LÖN', 'lon']) {
      const r = await search(PEOPLE.isam, q);
      expect(r.words).toEqual(['lon']);
      expect(group(r, 'assets').hits.map((h) => h.code)).toContain('IA-004'); // "HR- och lönesystem": inside the word
      expect(group(r, 'suppliers').hits.map((h) => h.title).join(' ')).toMatch(/Löne/);
      expect(group(r, 'processing').hits.length).toBeGreaterThan(0);
      expect(group(r, 'incidents').hits.map((h) => h.title).join(' ')).toMatch(/lönesystemet/);
    }
    // Every word, in any order, each anywhere.
    const both = await search(PEOPLE.isam, 'system hr', '&in=assets');
    expect(both.groups.map((g: { register: string }) => g.register)).toEqual(['assets']);
    expect(group(both, 'assets').hits.map((h) => h.code)).toEqual(['IA-004']);
    // A code, as people write it.
    expect(group(await search(PEOPLE.staff, 'ia-004', '&in=assets'), 'assets').hits[0]).toMatchObject({ code: 'IA-004', path: '/assets/4' });
  });

  it('finds within words in each register’s own search box too', async () => {
    const assets = await api.call('GET', `/assets?search=${encodeURIComponent('lönesys')}`, { as: PEOPLE.staff });
    expect(assets.body.items.map((a: { code: string }) => a.code)).toEqual(['IA-004']);
    const processing = await api.call('GET', `/processing?search=${encodeURIComponent('lön')}`, { as: PEOPLE.staff });
    expect(processing.body.items.length).toBeGreaterThan(0);
    expect(processing.body.items.every((p: { name: string }) => /lön/i.test(p.name) || p.name.length > 0)).toBe(true);
    const suppliers = await api.call('GET', `/suppliers?search=${encodeURIComponent('gläntan')}`, { as: PEOPLE.staff });
    expect(suppliers.body.roots.map((s: { name: string }) => s.name)).toEqual(['Lönegläntan HR-system AB']);
    // Sorted and paged like the register, with the filters on top.
    const page1 = await api.call('GET', `/assets?search=system&sort=name&direction=desc&pageSize=2`, { as: PEOPLE.staff });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.cursor).toBe('s2');
    const page2 = await api.call('GET', `/assets?search=system&sort=name&direction=desc&pageSize=2&cursor=s2`, { as: PEOPLE.staff });
    const names = [...page1.body.items, ...page2.body.items].map((a: { name: string }) => a.name);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'sv', { numeric: true })));
  });

  it('searches nothing for a query without a word of two characters', async () => {
    const r = await search(PEOPLE.staff, ' a ');
    expect(r).toMatchObject({ tooShort: true, groups: [] });
  });

  it('shows an incident only to those who may see it, and counts only those', async () => {
    const store = api.app.runtime.deps.store;
    const ia1 = (await store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-001' }] })).items[0]!;
    const base: RecordOf<'Incidents'> = {
      title: 'Obehörig i Zenitrummet',
      category: 'unauthorised_access',
      description: 'Testincident för sökningen.',
      occurredAt: null,
      discoveredAt: new Date(Date.now() - 7_200_000).toISOString(),
      awareAt: new Date(Date.now() - 7_200_000).toISOString(),
      reportedAt: new Date(Date.now() - 3_600_000).toISOString(),
      reporterId: PEOPLE.staff,
      reporterUnit: 'EKB',
      managerId: PEOPLE.cecilia,
      assetId: null,
      supplierId: null,
      personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false },
      status: 'reported',
      severity: null,
      personalDataBreach: null,
      significant: 'undecided',
      significanceRationale: null,
      triagedBy: null,
      triagedAt: null,
      assessments: [],
      facts: EMPTY_FACTS,
      clocks: [],
      nextDueAt: null,
      lastOperation: null,
      investigation: null,
      closedBy: null,
      closedAt: null,
    };
    // Written through the app's store: the search texts follow by themselves.
    await store.create('Incidents', 'test:search:own', base);
    await store.create('Incidents', 'test:search:asset', { ...base, title: 'Zenitnyckel borttappad i IFO', reporterId: PEOPLE.perHolmberg, reporterUnit: 'ADM', managerId: PEOPLE.director, assetId: ia1.id });
    await store.create('Incidents', 'test:search:pd', {
      ...base,
      title: 'Zenitlistan med personnummer felskickad',
      reporterId: PEOPLE.perHolmberg,
      reporterUnit: 'ADM',
      managerId: PEOPLE.director,
      personalData: { involved: 'yes', approxSubjects: 12, categories: ['identity'], protectedIdentity: false },
    });
    await idle();

    const titles = async (as: string) => group(await search(as, 'zenit', '&in=incidents'), 'incidents');
    expect((await titles(PEOPLE.isam)).total).toBe(3);
    expect((await titles(PEOPLE.staff)).hits.map((h) => h.title)).toEqual(['Obehörig i Zenitrummet']); // what she reported
    expect((await titles(PEOPLE.cecilia)).hits.map((h) => h.title)).toEqual(['Obehörig i Zenitrummet']); // her staff's
    expect((await titles(PEOPLE.thomas)).hits.map((h) => h.title)).toEqual(['Zenitnyckel borttappad i IFO']); // his system's
    expect((await titles(PEOPLE.dso)).hits.map((h) => h.title)).toEqual(['Zenitlistan med personnummer felskickad']); // personal data
    const ali = await titles(ALI);
    expect(ali.total).toBe(0);
    expect(ali.hits).toEqual([]);
  });

  it('follows the writes: a reported incident and a renamed system are found by their new words', async () => {
    const reported = await api.call('POST', '/incidents', {
      as: PEOPLE.staff,
      headers: { 'Idempotency-Key': 'search-report-0001' },
      body: {
        category: 'paper_documents',
        title: 'Utskrift kvar i kopiatorn på plan tre',
        description: 'En utskrift med klientuppgifter låg kvar i kopiatorn.',
        occurredAt: null,
        discoveredAt: new Date(Date.now() - 600_000).toISOString(),
        assetId: null,
        supplierId: null,
        personalData: { involved: 'yes', approxSubjects: 1, categories: ['social'], protectedIdentity: false },
      },
    });
    expect(reported.status).toBe(201);
    await idle();
    expect(group(await search(PEOPLE.staff, 'kopiator'), 'incidents').hits.map((h) => h.code)).toEqual([reported.body.caseNumber]);

    const asset = (await api.call('GET', '/assets/4', { as: PEOPLE.isam })).body;
    const renamed = await api.call('PATCH', '/assets/4', { as: PEOPLE.isam, headers: { 'If-Match': asset.etag }, body: { name: 'Personal- och lönesystemet Kvasar' } });
    expect(renamed.status).toBe(200);
    await idle();
    expect(group(await search(PEOPLE.staff, 'kvasar'), 'assets').hits.map((h) => h.code)).toEqual(['IA-004']);
    expect(group(await search(PEOPLE.staff, 'hr- och', '&in=assets'), 'assets').hits.map((h) => h.code)).not.toContain('IA-004');
  });

  it('heals what went round the writes (a change made straight in the list)', async () => {
    const inner = api.app.sharepoint.store; // not the app's store: nothing queues a rebuild
    const supplier = (await inner.query('Suppliers', { pageSize: 1 })).items[0]!;
    await inner.update('Suppliers', supplier, { name: 'Omnivaxa Drift AB' });
    expect(group(await search(PEOPLE.staff, 'omnivax'), 'suppliers').total).toBe(0);
    const healed = await healSearch({ store: inner, clock: api.app.runtime.deps.clock });
    expect(healed.written).toBeGreaterThan(0);
    expect(group(await search(PEOPLE.staff, 'omnivax'), 'suppliers').hits.map((h) => h.title)).toEqual(['Omnivaxa Drift AB']);
    // A second pass finds nothing to change and writes nothing.
    expect((await healSearch({ store: inner, clock: api.app.runtime.deps.clock })).written).toBe(0);
  });

  it('costs a few Graph requests, whatever the size of the registers', async () => {
    api.app.graph!.resetRequestCount();
    await search(PEOPLE.cecilia, 'lön');
    // Token check and roles, the small registers' texts, a year of incident texts, the oldest month,
    // the shown incidents and their systems.
    expect(api.app.graph!.requestCount()).toBeLessThanOrEqual(8);
  });
});
