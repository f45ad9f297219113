/**
 * The short read cache (ADR 018): answers about roles and assets are reused within the TTL, a write
 * through the same store forgets the list at once, another instance's write counts after the TTL,
 * and other lists are never cached. Against the real local SharePoint server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachingReads } from '../../../../core/app/platform';
import { connectSharePoint } from '../../../../core/adapters/sharepoint';
import type { RecordStore } from '../../../../core/ports/record-store';
import { startLocalGraphServer, type LocalGraphServer } from '../../../../teams-app/local/graph-server';

let server: LocalGraphServer;
let raw: RecordStore;
beforeAll(async () => {
  server = await startLocalGraphServer({ port: 0 });
  raw = (await connectSharePoint({ baseUrl: server.url, getToken: async () => server.token, userAgent: 'NONISV|test|cache', provision: true })).store;
}, 60_000);
afterAll(async () => server?.close());

const role = (personId: string, r = 'isam') => ({ personId, role: r as never, unit: null, assignedBy: personId, assignedAt: '2026-01-01T00:00:00.000Z', validTo: null, active: true, endedAt: null, endedBy: null });

describe('cachingReads', () => {
  it('reuses an answer within the TTL, forgets on its own write, sees another writer after the TTL', async () => {
    let t = 0;
    const cached = cachingReads(raw, { ttlMs: 30_000, now: () => t });
    const person = 'c0000000-0000-4000-8000-000000000001';
    const q = { where: [{ field: 'personId' as const, op: 'eq' as const, value: person }] };
    expect((await cached.query('Roles', q)).items).toHaveLength(0);
    server.resetRequestCount();
    expect((await cached.query('Roles', q)).items).toHaveLength(0);
    expect(server.requestCount(), 'the second read is the kept answer').toBe(0);

    // Another instance writes: not seen within the TTL, seen after it.
    await raw.create('Roles', 'cache-test:1', role(person));
    expect((await cached.query('Roles', q)).items).toHaveLength(0);
    t += 30_001;
    expect((await cached.query('Roles', q)).items).toHaveLength(1);

    // A write through the cache itself counts at once.
    await cached.create('Roles', 'cache-test:2', role(person, 'dso'));
    expect((await cached.query('Roles', q)).items.map((r) => r.data.role).sort()).toEqual(['dso', 'isam']);
  });

  it('never caches lists outside its set, nor a cache of 0 seconds', async () => {
    const cached = cachingReads(raw, { ttlMs: 30_000 });
    await cached.query('AuditLog', { pageSize: 1 });
    server.resetRequestCount();
    await cached.query('AuditLog', { pageSize: 1 });
    expect(server.requestCount()).toBe(1);
    expect(cachingReads(raw, { ttlMs: 0 })).toBe(raw);
  });

  it('hands out copies: a caller changing an answer does not change the next one', async () => {
    const cached = cachingReads(raw, { ttlMs: 30_000 });
    const person = 'c0000000-0000-4000-8000-000000000002';
    const created = await raw.create('Roles', 'cache-test:3', role(person));
    const first = (await cached.get('Roles', created.id))!;
    first.data.role = 'changed' as never;
    expect((await cached.get('Roles', created.id))!.data.role).toBe('isam');
  });
});

describe('cachingReads, reads in flight', () => {
  it('shares one read among those asking at the same time, and hands each a copy', async () => {
    const cached = cachingReads(raw, { ttlMs: 30_000 });
    const created = await raw.create('Roles', 'cache-test:flight', role('c0000000-0000-4000-8000-000000000003'));
    server.resetRequestCount();
    const answers = await Promise.all(Array.from({ length: 20 }, () => cached.get('Roles', created.id)));
    expect(server.requestCount(), 'twenty callers, one request').toBe(1);
    expect(new Set(answers).size).toBe(20);
    answers[0]!.data.role = 'changed' as never;
    expect(answers[1]!.data.role).toBe('isam');
  });

  it('does not share a read that started before a write to its list', async () => {
    const cached = cachingReads(raw, { ttlMs: 30_000 });
    const person = 'c0000000-0000-4000-8000-000000000004';
    const q = { where: [{ field: 'personId' as const, op: 'eq' as const, value: person }] };
    const early = cached.query('Roles', q);
    await cached.create('Roles', 'cache-test:after', role(person));
    const late = await cached.query('Roles', q);
    await early;
    expect(late.items.map((r) => r.data.personId)).toEqual([person]);
  });

  it('lets a failed read fail those waiting for it, and keeps nothing of it', async () => {
    let calls = 0;
    const failing = new Proxy(raw, {
      get: (target, prop, receiver) =>
        prop === 'get'
          ? async () => {
              calls++;
              await new Promise((resolve) => setTimeout(resolve, 5));
              throw new Error('Graph is away');
            }
          : (Reflect.get(target, prop, receiver) as unknown),
    });
    const cached = cachingReads(failing, { ttlMs: 30_000 });
    const results = await Promise.allSettled([cached.get('Roles', '1'), cached.get('Roles', '1')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await expect(cached.get('Roles', '1')).rejects.toThrow('Graph is away');
    expect(calls, 'tried again, not kept').toBe(2);
  });
});
