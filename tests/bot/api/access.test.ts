/**
 * Behörigheter (read-only) over HTTP: ISAM and the administrative unit see every request and
 * grant; a person their own; an owner those in their systems; campaigns show only the reviews the
 * actor may see (policy/registers.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

async function all(route: string, as: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await api.call('GET', `${route}${route.includes('?') ? '&' : '?'}pageSize=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as });
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.cursor;
  } while (cursor);
  return ids.sort();
}

async function stored<L extends 'AccessGrants' | 'AccessRequests'>(list: L) {
  const out = [];
  for await (const s of api.app.sharepoint.store.queryAll(list)) out.push(s);
  return out;
}

describe('the access register', () => {
  it('shows ISAM every grant, page by page', async () => {
    const grants = await stored('AccessGrants');
    expect(grants.length).toBeGreaterThan(0);
    expect(await all('/access/grants', PEOPLE.isam)).toEqual(grants.map((g) => g.id).sort());
  });

  it('shows an owner the grants in their systems and their own, a staff member only their own', async () => {
    const grants = await stored('AccessGrants');
    const owned = new Set<string>();
    for await (const a of api.app.sharepoint.store.queryAll('InformationAssets')) if (a.data.ownerId === PEOPLE.thomas || a.data.delegateId === PEOPLE.thomas) owned.add(a.id);
    expect(await all('/access/grants', PEOPLE.thomas)).toEqual(grants.filter((g) => g.data.subjectId === PEOPLE.thomas || owned.has(g.data.assetId)).map((g) => g.id).sort());
    expect(await all('/access/grants', PEOPLE.staff)).toEqual(grants.filter((g) => g.data.subjectId === PEOPLE.staff).map((g) => g.id).sort());
    const active = await api.call('GET', '/access/grants?status=active', { as: PEOPLE.isam });
    expect(active.body.items.every((g: { status: string }) => g.status === 'active')).toBe(true);
    expect((await api.call('GET', '/access/grants?status=nonsense', { as: PEOPLE.isam })).status).toBe(400);
  });

  it('shows requests by the same rule as the bot (canViewAccessRequest)', async () => {
    const requests = await stored('AccessRequests');
    expect(await all('/access/requests', PEOPLE.isam)).toEqual(requests.map((r) => r.id).sort());
    const mine = requests.filter((r) => [r.data.requesterId, r.data.subjectId, r.data.ownerId, r.data.delegateId].includes(PEOPLE.staff)).map((r) => r.id).sort();
    expect(await all('/access/requests', PEOPLE.staff)).toEqual(mine);
  });

  it('lists campaigns with only the reviews the actor may see', async () => {
    const isam = await api.call('GET', '/access/campaigns', { as: PEOPLE.isam });
    expect(isam.status).toBe(200);
    for (const c of isam.body.campaigns) expect(c.hiddenReviews).toBe(0);
    const staff = await api.call('GET', '/access/campaigns', { as: PEOPLE.staff });
    for (const c of staff.body.campaigns) expect(c.reviews).toEqual([]);
  });
});
