/**
 * Derived keys and the bounded-read side of the RecordStore port, through the production adapter
 * against the local SharePoint server with a low list view threshold (60): keys written on every
 * create and update and never seen in records; a key query that stays bounded where the plain field
 * is refused; several queries in one `$batch`; existence checks by key; Graph delta; and the
 * back-fill of keys on items written before their column existed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillKeys, connectSharePoint, type SharePointConnection } from '../../../../core/adapters/sharepoint';
import type { RecordOf } from '../../../../core/domain';
import { StoreRequestError } from '../../../../core/ports/errors';
import { startLocalGraphServer, type LocalGraphServer } from '../../../../teams-app/local/graph-server';
import { incident, PERSON_A, PERSON_B } from '../../domain/fixtures';

const THRESHOLD = 60;
let server: LocalGraphServer;
let sp: SharePointConnection;

/** 80 closed incidents of PERSON_B's staff over 2024–2025, and 5 open ones: the manager's plain filter selects 85 > 60. */
const closed = (n: number): RecordOf<'Incidents'> =>
  incident({
    title: `Stängd ${n}`,
    reportedAt: `${n % 2 ? '2024' : '2025'}-0${(n % 9) + 1}-1${n % 10}T10:00:00.000Z`,
    discoveredAt: `${n % 2 ? '2024' : '2025'}-0${(n % 9) + 1}-1${n % 10}T09:00:00.000Z`,
    occurredAt: null,
    status: 'closed',
    closedAt: '2026-01-01T10:00:00.000Z',
    closedBy: PERSON_B,
  });

beforeAll(async () => {
  server = await startLocalGraphServer({ port: 0, threshold: THRESHOLD });
  sp = await connectSharePoint({ baseUrl: server.url, getToken: async () => server.token, userAgent: 'NONISV|StockholmStad|LISforTeams/test', provision: true });
  await sp.store.createMany('Incidents', Array.from({ length: 80 }, (_, n) => ({ key: `keys:closed:${n}`, data: closed(n) })));
  await sp.store.createMany('Incidents', Array.from({ length: 5 }, (_, n) => ({ key: `keys:open:${n}`, data: incident({ title: `Öppen ${n}`, reportedAt: `2026-03-1${n}T10:00:00.000Z` }) })));
}, 60_000);

afterAll(async () => server?.close());

describe('derived keys', () => {
  it('are written with the record, selectable, and never part of the record read back', async () => {
    const open = await sp.store.query('Incidents', { where: [{ field: 'managerKey', op: 'eq', value: `${PERSON_B}|open` }], orderBy: { field: 'reportedAt', direction: 'desc' } });
    expect(open.items.map((s) => s.data.title)).toEqual(['Öppen 4', 'Öppen 3', 'Öppen 2', 'Öppen 1', 'Öppen 0']);
    expect(Object.keys(open.items[0]!.data)).not.toContain('managerKey');
    const y2024 = await sp.store.query('Incidents', { where: [{ field: 'managerKey', op: 'eq', value: `${PERSON_B}|2024` }], pageSize: 999 });
    expect(y2024.items).toHaveLength(40);
    expect(y2024.items.every((s) => s.data.reportedAt.startsWith('2024'))).toBe(true);
  });

  it('keeps a selector under the threshold where the plain field is refused', async () => {
    await expect(sp.store.query('Incidents', { where: [{ field: 'managerId', op: 'eq', value: PERSON_B }] })).rejects.toMatchObject({ code: 'listViewThreshold' });
    const page = await sp.store.query('Incidents', { where: [{ field: 'managerKey', op: 'eq', value: `${PERSON_B}|2025` }, { field: 'status', op: 'eq', value: 'closed' }] });
    expect(page.items).toHaveLength(40);
  });

  it('move with the record: an update rewrites every key (the indexed nextDueAt field with it)', async () => {
    const s = (await sp.store.findByKey('Incidents', 'keys:open:0'))!;
    const now = '2026-03-20T10:00:00.000Z';
    await sp.store.update('Incidents', s, {
      status: 'closed',
      closedAt: now,
      closedBy: PERSON_B,
      triagedAt: '2026-03-10T11:00:00.000Z',
      triagedBy: PERSON_A,
      nextDueAt: '2026-04-19T10:00:00.000Z',
    });
    const [open, year, due] = await sp.store.queryMany([
      { list: 'Incidents', options: { where: [{ field: 'managerKey', op: 'eq', value: `${PERSON_B}|open` }] } },
      { list: 'Incidents', options: { where: [{ field: 'managerKey', op: 'eq', value: `${PERSON_B}|2026` }] } },
      { list: 'Incidents', options: { where: [{ field: 'nextDueAt', op: 'ge', value: '2026-04-01T00:00:00.000Z' }] } },
    ] as const);
    expect(open.items.map((i) => i.data.title)).not.toContain('Öppen 0');
    expect(year.items.map((i) => i.data.title)).toEqual(['Öppen 0']);
    expect(due.items.map((i) => i.data.title)).toEqual(['Öppen 0']);
  });
});

describe('bounded reads', () => {
  it('sends several queries on several lists as one request, pages in the order asked', async () => {
    server.resetRequestCount();
    const [incidents, figures, assets] = await sp.store.queryMany([
      { list: 'Incidents', options: { where: [{ field: 'reporterKey', op: 'eq', value: `${PERSON_A}|2024` }], pageSize: 5 } },
      { list: 'Figures', options: { where: [{ field: 'scope', op: 'eq', value: 'org' }] } },
      { list: 'InformationAssets', options: { pageSize: 1 } },
    ] as const);
    expect(server.requestCount()).toBe(1);
    expect(incidents.items).toHaveLength(5);
    expect(incidents.cursor).not.toBeNull();
    expect(figures.items).toEqual([]);
    expect(assets.items).toEqual([]);
  });

  it('fails the whole batch with the threshold refusal when one query in it is refused', async () => {
    const error = await sp.store
      .queryMany([
        { list: 'Incidents', options: { where: [{ field: 'managerKey', op: 'eq', value: `${PERSON_B}|2024` }] } },
        { list: 'Incidents', options: { where: [{ field: 'managerId', op: 'eq', value: PERSON_B }] } },
      ] as const)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreRequestError);
    expect((error as StoreRequestError).code).toBe('listViewThreshold');
  });

  it('looks up many idempotency keys at once, twenty to a $batch, leaving out those that do not exist', async () => {
    server.resetRequestCount();
    const keys = [...Array.from({ length: 30 }, (_, n) => `keys:closed:${n}`), 'keys:nothing', 'keys:open:1'];
    const found = await sp.store.findByKeys('Incidents', keys);
    expect(found.map((f) => f.key).sort()).toEqual(keys.filter((k) => k !== 'keys:nothing').sort());
    expect(server.requestCount()).toBe(2);
  });

  it('follows a list’s changes with Graph delta: everything first, then only what changed', async () => {
    let page = await sp.store.changes('Incidents', null, { pageSize: 50 });
    const seen = new Set(page.items.map((i) => i.id));
    while (page.more) {
      page = await sp.store.changes('Incidents', page.cursor);
      for (const i of page.items) seen.add(i.id);
    }
    expect(seen.size).toBe(85);
    const latest = await sp.store.changes('Incidents', 'latest');
    expect(latest.items).toEqual([]);
    const created = await sp.store.create('Incidents', 'keys:delta', incident({ title: 'Ny efter länken' }));
    const after = await sp.store.changes('Incidents', latest.cursor);
    expect(after.items.map((i) => i.id)).toEqual([created.id]);
    expect(after.more).toBe(false);
    await expect(sp.store.changes('Incidents', 'bm90LWEtbGluaw')).rejects.toMatchObject({ code: 'invalidCursor' });
  });
});

describe('back-fill of derived keys', () => {
  it('writes the keys of items created before their columns, resumably, and then does nothing', async () => {
    // Items written the way an older version wrote them: the record's columns only.
    const path = `/sites/${encodeURIComponent(sp.siteId)}/lists/${sp.listIds.get('AccessGrants')}/items`;
    for (let n = 0; n < 12; n++) {
      await sp.client.api(path).post({
        fields: { IdempotencyKey: `keys:old:${n}`, Title: 'Läsbehörighet', SubjectId: PERSON_A, AssetId: '7', Role: 'Läsbehörighet', Status: 'active', GrantedAt: '2024-05-02T08:00:00Z' },
      });
    }
    const before = await sp.store.query('AccessGrants', { where: [{ field: 'assetKey', op: 'eq', value: '7|active' }] });
    expect(before.items).toHaveLength(0);
    // Provisioning back-filled this list for its keys already (it was empty): as on a site done for
    // an older set of keys, the state names other keys now.
    const state = (await sp.store.findByKey('JobState', 'job:keys.backfill.AccessGrants'))!;
    expect(JSON.parse(state.data.value)).toMatchObject({ done: true });
    await sp.store.update('JobState', state, { value: JSON.stringify({ keys: 'assetKey', next: null, done: true }) });
    // A run stopped after one page of five continues where it stopped.
    const first = await backfillKeys(sp.store, ['AccessGrants'], { maxPages: 1, pageSize: 5 });
    expect(first.lists[0]).toMatchObject({ list: 'AccessGrants', done: false });
    const rest = await backfillKeys(sp.store, ['AccessGrants'], { pageSize: 5 });
    expect(rest.lists[0]).toMatchObject({ done: true });
    expect(first.lists[0]!.patched + rest.lists[0]!.patched).toBe(12);
    const after = await sp.store.query('AccessGrants', { where: [{ field: 'assetKey', op: 'eq', value: '7|active' }] });
    expect(after.items).toHaveLength(12);
    expect((await backfillKeys(sp.store, ['AccessGrants'])).lists).toEqual([]);
  });
});
