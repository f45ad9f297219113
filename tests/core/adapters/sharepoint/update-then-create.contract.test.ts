/**
 * `RecordStore.updateThenCreateAll` (issue 18.1: "change the record, then record and announce the
 * change" in one round trip): an If-Match update and the records that follow it in one Graph
 * `$batch`, the creates depending on the update. Against the local SharePoint-lists server through
 * the production adapter, with its fault injection.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectSharePoint, type SharePointConnection } from '../../../../core/adapters/sharepoint';
import { ConflictError } from '../../../../core/ports/errors';
import type { AnyNewRecord } from '../../../../core/ports/record-store';
import { startLocalGraphServer, type LocalGraphServer } from '../../../../teams-app/local/graph-server';
import { incident, PERSON_A } from '../../domain/fixtures';

let server: LocalGraphServer;
let sp: SharePointConnection;
const requests: { method: string; url: string }[] = [];

beforeAll(async () => {
  server = await startLocalGraphServer({ port: 0 });
  sp = await connectSharePoint({
    baseUrl: server.url,
    getToken: async () => server.token,
    userAgent: 'NONISV|StockholmStad|LISforTeams/test',
    provision: true,
    timeoutMs: 2_000,
    retry: { baseDelayMs: 5, maxDelayMs: 1_500 },
    observer: { onRequest: (r) => requests.push(r) },
  });
});
afterAll(async () => server?.close());
beforeEach(() => {
  server.setFaults({});
  requests.length = 0;
});

let n = 0;
const followUps = (tag: string): AnyNewRecord[] => [
  { list: 'AuditLog', key: `utc-${tag}-audit`, data: { at: '2026-01-01T00:00:00.000Z', actorId: PERSON_A, action: 'test.changed', target: 'Incidents/x', summary: `changed ${tag}`, details: {}, correlationId: null } },
  { list: 'AuditLog', key: `utc-${tag}-audit-2`, data: { at: '2026-01-01T00:00:00.000Z', actorId: PERSON_A, action: 'test.told', target: 'Incidents/x', summary: `told ${tag}`, details: {}, correlationId: null } },
];
const fresh = async () => sp.store.create('Incidents', `utc-${++n}`, incident());

describe('updateThenCreateAll', () => {
  it('updates with If-Match and creates the follow-ups, in one HTTP request', async () => {
    const current = await fresh();
    requests.length = 0;
    const { record, created } = await sp.store.updateThenCreateAll('Incidents', current, { title: 'Ändrad' }, followUps(`ok-${n}`));
    expect(requests.length).toBe(1);
    expect(record.data.title).toBe('Ändrad');
    expect(record.etag).not.toBe(current.etag);
    expect(await sp.store.get('Incidents', current.id)).toMatchObject({ etag: record.etag, data: { title: 'Ändrad' } });
    expect(created.map((c) => c.created)).toEqual([true, true]);
    expect(await sp.store.findByKey('AuditLog', `utc-ok-${n}-audit-2`)).not.toBeNull();
    // The etag it returns is the one the next If-Match needs.
    await expect(sp.store.update('Incidents', record, { title: 'Igen' })).resolves.toMatchObject({ data: { title: 'Igen' } });
  });

  it('someone changed the record first: ConflictError, and nothing is created', async () => {
    const current = await fresh();
    await sp.store.update('Incidents', current, { title: 'Någon annan' });
    await expect(sp.store.updateThenCreateAll('Incidents', current, { title: 'Jag' }, followUps(`conflict-${n}`))).rejects.toBeInstanceOf(ConflictError);
    expect(await sp.store.findByKey('AuditLog', `utc-conflict-${n}-audit`)).toBeNull();
    expect(await sp.store.findByKey('AuditLog', `utc-conflict-${n}-audit-2`)).toBeNull();
  });

  it('a 429 on one follow-up inside the $batch: retried alone, everything written once', async () => {
    const current = await fresh();
    server.setFaults({ retryAfterSeconds: 0, script: [{ method: 'POST', pathIncludes: '/items', mode: '429', times: 1 }] });
    const { record, created } = await sp.store.updateThenCreateAll('Incidents', current, { title: 'Trots 429' }, followUps(`429-${n}`));
    expect(record.data.title).toBe('Trots 429');
    expect(created).toHaveLength(2);
    for (const key of [`utc-429-${n}-audit`, `utc-429-${n}-audit-2`]) expect((await sp.store.query('AuditLog', { where: [{ field: 'target', op: 'eq', value: 'Incidents/x' }], pageSize: 500 })).items.filter((e) => e.key === key)).toHaveLength(1);
  });

  it('the update committed but its answer was a 503: recognised as ours, the follow-ups written once', async () => {
    const current = await fresh();
    server.setFaults({ retryAfterSeconds: 0, script: [{ method: 'PATCH', mode: 'commit-then-503', times: 1 }] });
    const { record, created } = await sp.store.updateThenCreateAll('Incidents', current, { title: 'Efter 503' }, followUps(`503-${n}`));
    expect(record.data.title).toBe('Efter 503');
    expect(created).toHaveLength(2);
    expect(await sp.store.findByKey('AuditLog', `utc-503-${n}-audit`)).not.toBeNull();
    expect(await sp.store.findByKey('AuditLog', `utc-503-${n}-audit-2`)).not.toBeNull();
  });

  it('a retry after the whole call committed finds the update its own and creates nothing twice', async () => {
    const current = await fresh();
    const records = followUps(`twice-${n}`);
    await sp.store.updateThenCreateAll('Incidents', current, { title: 'Två gånger' }, records);
    const again = await sp.store.updateThenCreateAll('Incidents', current, { title: 'Två gånger' }, records);
    expect(again.record.data.title).toBe('Två gånger');
    expect(again.created.map((c) => c.created)).toEqual([false, false]);
  });
});
