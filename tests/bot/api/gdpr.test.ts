/**
 * Dataskydd over HTTP: the record of processing with every art. 30 field for everyone; the content
 * of an impact assessment only for the DSO, ISAM and the processing's owner (policy/registers.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

const row = (body: { items: { code: string }[] }, code: string) => body.items.find((r) => r.code === code) as any;

describe('the record of processing', () => {
  it('lists every processing activity, sorted and paged on indexed columns', async () => {
    const first = await api.call('GET', '/processing?pageSize=5', { as: PEOPLE.staff });
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: { code: string }) => r.code)).toEqual(['PA-001', 'PA-002', 'PA-003', 'PA-004', 'PA-005']);
    const second = await api.call('GET', `/processing?pageSize=5&cursor=${encodeURIComponent(first.body.cursor)}`, { as: PEOPLE.staff });
    expect(second.body.items).toHaveLength(4);
    expect(second.body.cursor).toBeNull();
    const search = await api.call('GET', '/processing?search=PA-00', { as: PEOPLE.staff });
    expect(search.body.items).toHaveLength(9);
    const desc = await api.call('GET', '/processing?sort=name&direction=desc', { as: PEOPLE.staff });
    const names = desc.body.items.map((r: { name: string }) => r.name);
    expect(names[0] >= names[names.length - 1]).toBe(true);
  });

  it('shows a staff member that an impact assessment exists, not its content', async () => {
    const res = await api.call('GET', '/processing', { as: PEOPLE.staff });
    const pa6 = row(res.body, 'PA-006');
    expect(pa6.dpias).toEqual([expect.objectContaining({ code: 'DPIA-001', status: 'in_review', detail: null })]);
  });

  it('shows the DSO and ISAM every impact assessment, and an owner those of their processing', async () => {
    for (const who of [PEOPLE.dso, PEOPLE.isam]) {
      const res = await api.call('GET', '/processing', { as: who });
      expect(row(res.body, 'PA-006').dpias[0].detail).toMatchObject({ riskLevel: 'high' });
    }
    const thomas = await api.call('GET', '/processing', { as: PEOPLE.thomas });
    expect(row(thomas.body, 'PA-006').dpias[0].detail).toBeNull();
    const cecilia = await api.call('GET', '/processing', { as: PEOPLE.cecilia });
    expect(row(cecilia.body, 'PA-001').dpias[0].detail).not.toBeNull();
  });

  it('gives every art. 30 field of one processing activity', async () => {
    const list = await api.call('GET', '/processing', { as: PEOPLE.staff });
    const res = await api.call('GET', `/processing/${row(list.body, 'PA-001').id}`, { as: PEOPLE.staff });
    expect(res.status).toBe(200);
    for (const f of ['purpose', 'legalBasis', 'controllerName', 'dpoContact', 'dataSubjectCategories', 'personalDataCategories', 'specialCategories', 'recipients', 'thirdCountryTransfers', 'retention', 'securityMeasures']) {
      expect(res.body).toHaveProperty(f);
    }
    expect(res.body.dataSubjectCategories.length).toBeGreaterThan(0);
    expect((await api.call('GET', '/processing/99999', { as: PEOPLE.staff })).status).toBe(404);
  });
});
