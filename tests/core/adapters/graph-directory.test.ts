/**
 * The Directory port over Graph users, against a loopback fake of the Graph endpoints it uses
 * (users, manager, directReports, $search, $batch with inner 429s). Only the transport is fake:
 * the client is the production graph-client with our middleware chain.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphDirectory } from '../../../core/adapters/graph-directory';
import { createGraphClient } from '../../../core/adapters/sharepoint/client';

const TOKEN = 'directory-test-token';
const ID = {
  karin: 'd0000000-0000-4000-8000-000000000001',
  henrik: 'd0000000-0000-4000-8000-000000000002',
  johanna: 'd0000000-0000-4000-8000-000000000016',
  leaver: 'd0000000-0000-4000-8000-000000000099',
  contact: 'c0000000-0000-4000-8000-000000000001',
  unknown: 'd0000000-0000-4000-8000-0000000000ff',
  guest: 'd0000000-0000-4000-8000-000000000042',
  b2bMember: 'd0000000-0000-4000-8000-000000000044',
};

interface FakeUser {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  department: string | null;
  accountEnabled: boolean;
  userType?: 'Member' | 'Guest';
  givenName: string;
  surname: string;
  manager: string | null;
  onPremisesExtensionAttributes?: { extensionAttribute1: string | null };
}

const USERS: FakeUser[] = [
  { id: ID.karin, displayName: 'Karin Ekström', mail: 'karin.ekstrom@soderbyn.example', userPrincipalName: 'karin@soderbyn.example', department: 'LEDN', accountEnabled: true, givenName: 'Karin', surname: 'Ekström', manager: null },
  { id: ID.henrik, displayName: 'Henrik Sandberg', mail: 'henrik.sandberg@soderbyn.example', userPrincipalName: 'henrik@soderbyn.example', department: 'LEDN', accountEnabled: true, givenName: 'Henrik', surname: 'Sandberg', manager: ID.karin, onPremisesExtensionAttributes: { extensionAttribute1: 'ISAM-ENH' } },
  { id: ID.johanna, displayName: 'Johanna Berg', mail: null, userPrincipalName: 'johanna.berg@soderbyn.example', department: ' EKB ', accountEnabled: true, givenName: 'Johanna', surname: 'Berg', manager: ID.karin },
  { id: ID.guest, displayName: 'Kim Varga', mail: 'kim.varga@konsultbyran.example', userPrincipalName: 'kim.varga_konsultbyran.example#EXT#@soderbyn.onmicrosoft.com', department: null, accountEnabled: true, userType: 'Guest', givenName: 'Kim', surname: 'Varga', manager: null },
  // An identity from another organisation made a Member (B2B "convert to member"): #EXT# still says so.
  { id: ID.b2bMember, displayName: 'Sam Partner', mail: 'sam@partner.example', userPrincipalName: 'sam_partner.example#EXT#@soderbyn.onmicrosoft.com', department: 'IFO', accountEnabled: true, userType: 'Member', givenName: 'Sam', surname: 'Partner', manager: null },
  { id: ID.leaver, displayName: 'Per Slutat', mail: 'per@soderbyn.example', userPrincipalName: 'per@soderbyn.example', department: '', accountEnabled: false, givenName: 'Per', surname: 'Slutat', manager: ID.karin },
];

interface Fake {
  url: string;
  requests: string[];
  /** Inner batch requests to answer with 429 once (by URL prefix). */
  throttleOnce: Set<string>;
  searchRefused: boolean;
  failUsers: boolean;
  close(): Promise<void>;
}

function pick(u: FakeUser, select: string | null): Record<string, unknown> {
  const fields = (select ?? 'id,displayName,mail,userPrincipalName').split(',');
  return { '@odata.type': '#microsoft.graph.user', ...Object.fromEntries(fields.filter((f) => f in u).map((f) => [f, u[f as keyof FakeUser]])) };
}

function answer(method: string, rawUrl: string, fake: Fake): { status: number; body: unknown; headers?: Record<string, string> } {
  const url = new URL(rawUrl.replace(/^\/v1\.0/, ''), 'http://graph.invalid');
  const select = url.searchParams.get('$select');
  const segs = url.pathname.split('/').filter(Boolean);
  if (segs[0] !== 'users') return { status: 404, body: { error: { code: 'notFound', message: rawUrl } } };
  if (fake.failUsers) return { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } };
  if (segs.length === 1) {
    const search = url.searchParams.get('$search');
    const filter = url.searchParams.get('$filter');
    let found: FakeUser[] = [];
    if (search !== null) {
      if (fake.searchRefused) return { status: 400, body: { error: { code: 'Request_UnsupportedQuery', message: 'Unsupported query.' } } };
      const terms = [...search.matchAll(/"(\w+):((?:[^"\\]|\\.)*)"/g)].map((m) => ({ prop: m[1]!, value: m[2]!.replace(/\\(.)/g, '$1').toLowerCase() }));
      found = USERS.filter((u) => terms.some((t) => {
        const v = String(u[t.prop as keyof FakeUser] ?? '').toLowerCase();
        return v.startsWith(t.value) || v.split(/[\s.@]+/).some((w) => w.startsWith(t.value));
      }));
    } else if (filter !== null) {
      const m = /startswith\(displayName,'((?:[^']|'')*)'\)/.exec(filter);
      const value = (m?.[1] ?? '').replace(/''/g, "'").toLowerCase();
      found = USERS.filter((u) => [u.displayName, u.givenName, u.surname, u.mail ?? '', u.userPrincipalName].some((v) => v.toLowerCase().startsWith(value)));
    }
    const top = Number(url.searchParams.get('$top') ?? 100);
    return { status: 200, body: { value: found.slice(0, top).map((u) => pick(u, select)) } };
  }
  const user = USERS.find((u) => u.id === segs[1]);
  if (!user) return { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: `Resource '${segs[1]}' does not exist.` } } };
  if (segs.length === 2) return { status: 200, body: pick(user, select) };
  if (segs[2] === 'manager') {
    const manager = USERS.find((u) => u.id === user.manager);
    return manager ? { status: 200, body: pick(manager, 'id') } : { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'no manager' } } };
  }
  if (segs[2] === 'directReports') {
    const reports: Record<string, unknown>[] = USERS.filter((u) => u.manager === user.id).map((u) => pick(u, select));
    if (user.id === ID.karin) reports.push({ '@odata.type': '#microsoft.graph.orgContact', id: ID.contact, displayName: 'Extern Konsult' });
    // Two pages, the second through an absolute http:// nextLink as the local server returns.
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const page = reports.slice(skip, skip + 2);
    const next = skip + 2 < reports.length ? `${fake.url}/v1.0/users/${user.id}/directReports?$select=${select}&$skiptoken=${skip + 2}` : undefined;
    return { status: 200, body: { value: page, ...(next ? { '@odata.nextLink': next } : {}) } };
  }
  return { status: 400, body: { error: { code: 'BadRequest', message: method } } };
}

async function startFakeGraph(): Promise<Fake> {
  const fake: Fake = { url: '', requests: [], throttleOnce: new Set(), searchRefused: false, failUsers: false, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      fake.requests.push(`${req.method} ${req.url} ${req.headers.consistencylevel ?? ''}`.trim());
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { error: { code: 'InvalidAuthenticationToken', message: 'no token' } });
      if (req.url === '/v1.0/$batch') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { requests: { id: string; method: string; url: string }[] };
        if (body.requests.length > 20) return send(400, { error: { code: 'BadRequest', message: 'more than 20 requests' } });
        return send(200, {
          responses: body.requests.map((r) => {
            if (r.url.startsWith('/v1.0')) return { id: r.id, status: 400, body: { error: { code: 'BadRequest', message: 'version in inner URL' } } };
            const throttled = [...fake.throttleOnce].find((p) => r.url.startsWith(p));
            if (throttled) {
              fake.throttleOnce.delete(throttled);
              return { id: r.id, status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } };
            }
            return { id: r.id, ...answer(r.method, r.url, fake) };
          }),
        });
      }
      const out = answer(req.method ?? 'GET', req.url ?? '/', fake);
      send(out.status, out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

let fake: Fake;
let now = 0;
const waits: number[] = [];
const directory = (options: Partial<ConstructorParameters<typeof GraphDirectory>[0]> = {}) =>
  new GraphDirectory({
    client: createGraphClient({ baseUrl: fake.url, getToken: async () => TOKEN, userAgent: 'NONISV|Test|LIS/0', retry: { maxRetries: 0 } }),
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });

beforeAll(async () => {
  fake = await startFakeGraph();
});
afterAll(async () => fake?.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.throttleOnce.clear();
  fake.searchRefused = false;
  fake.failUsers = false;
  waits.length = 0;
  now = 1_000_000;
});

describe('GraphDirectory', () => {
  it('reads a person with unit and manager in one $batch, and caches the answer', async () => {
    const dir = directory();
    expect(await dir.getPerson(ID.henrik)).toEqual({
      aadObjectId: ID.henrik,
      displayName: 'Henrik Sandberg',
      email: 'henrik.sandberg@soderbyn.example',
      unit: 'LEDN',
      managerAadObjectId: ID.karin,
      accountEnabled: true,
      userType: 'Member',
      external: false,
    });
    expect(fake.requests).toEqual(['POST /v1.0/$batch']);
    // Upper-case id, same person, from the cache.
    expect((await dir.getPerson(ID.henrik.toUpperCase()))?.displayName).toBe('Henrik Sandberg');
    expect(fake.requests).toHaveLength(1);
    // Kept for a minute by default (DIRECTORY_CACHE_SECONDS): a change in Entra ID counts after that.
    now += 59_000;
    await dir.getPerson(ID.henrik);
    expect(fake.requests).toHaveLength(1);
    now += 1_001;
    await dir.getPerson(ID.henrik);
    expect(fake.requests).toHaveLength(2);
  });

  it('sees an account disabled in Entra ID once the cache time has passed', async () => {
    const dir = directory({ cacheTtlMs: 30_000 });
    const henrik = USERS.find((u) => u.id === ID.henrik)!;
    expect((await dir.getPerson(ID.henrik))?.accountEnabled).toBe(true);
    henrik.accountEnabled = false;
    try {
      now += 29_000;
      expect((await dir.getPerson(ID.henrik))?.accountEnabled).toBe(true);
      now += 1_001;
      expect((await dir.getPerson(ID.henrik))?.accountEnabled).toBe(false);
    } finally {
      henrik.accountEnabled = true;
    }
  });

  it('tells a guest and an identity from another organisation from a member (userType, #EXT#)', async () => {
    const dir = directory();
    expect(await dir.getPerson(ID.guest)).toMatchObject({ userType: 'Guest', external: true, accountEnabled: true });
    expect(await dir.getPerson(ID.b2bMember)).toMatchObject({ userType: 'Member', external: true });
    expect(await dir.getPerson(ID.karin)).toMatchObject({ userType: 'Member', external: false });
    // userType is asked for, in the same $select as the rest.
    expect(fake.requests.length).toBeGreaterThan(0);
    const found = await dir.search('kim');
    expect(found.map((p) => [p.displayName, p.userType, p.external])).toEqual([['Kim Varga', 'Guest', true]]);
  });

  it('has no manager for the top of the organisation, falls back to the UPN for e-mail, trims the unit', async () => {
    const dir = directory();
    expect(await dir.getPerson(ID.karin)).toMatchObject({ managerAadObjectId: null, unit: 'LEDN' });
    expect(await dir.getPerson(ID.johanna)).toMatchObject({ email: 'johanna.berg@soderbyn.example', unit: 'EKB' });
  });

  it('marks a disabled account as a leaver', async () => {
    expect(await directory().getPerson(ID.leaver)).toMatchObject({ accountEnabled: false, unit: null });
  });

  it('answers null for an unknown id and for anything that is not a GUID, without putting it in a URL', async () => {
    const dir = directory();
    expect(await dir.getPerson(ID.unknown)).toBeNull();
    expect(await dir.getPerson('../../sites/root')).toBeNull();
    expect(await dir.getPerson("x' or 1 eq 1")).toBeNull();
    expect(fake.requests).toHaveLength(1);
    // The unknown id is remembered too.
    expect(await dir.getPerson(ID.unknown)).toBeNull();
    expect(fake.requests).toHaveLength(1);
  });

  it('reads many people in batches of at most 20 requests, in the order asked, skipping unknown ones', async () => {
    const many = [ID.johanna, ID.unknown, ID.karin, ...Array.from({ length: 12 }, (_, i) => `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`), ID.henrik, ID.johanna];
    const people = await directory().getPeople(many);
    expect(people.map((p) => p.displayName)).toEqual(['Johanna Berg', 'Karin Ekström', 'Henrik Sandberg', 'Johanna Berg']);
    // 16 distinct ids → 32 inner requests → two batches.
    expect(fake.requests).toEqual(['POST /v1.0/$batch', 'POST /v1.0/$batch']);
  });

  it('retries inner requests Graph throttled inside an outer 200, after Retry-After', async () => {
    fake.throttleOnce.add(`/users/${ID.henrik}/manager`);
    expect((await directory().getPerson(ID.henrik))?.managerAadObjectId).toBe(ID.karin);
    expect(fake.requests).toEqual(['POST /v1.0/$batch', 'POST /v1.0/$batch']);
    expect(waits).toEqual([1000]);
  });

  it('fails clearly when Graph refuses to read users (permission missing)', async () => {
    fake.failUsers = true;
    await expect(directory().getPerson(ID.henrik)).rejects.toThrow(/HTTP 403 Authorization_RequestDenied/);
  });

  it('searches with $search and ConsistencyLevel: eventual, on any word of the name', async () => {
    const found = await directory().search('berg', 5);
    expect(found.map((p) => p.displayName)).toEqual(['Johanna Berg']);
    expect(found[0]).toMatchObject({ aadObjectId: ID.johanna, managerAadObjectId: ID.karin });
    expect(fake.requests[0]).toMatch(/^GET \/v1\.0\/users\?.*\$search=.*displayName%3Aberg.* eventual$/);
    expect(fake.requests[0]).toContain('$top=5');
  });

  it('finds people by e-mail, and escapes quotes in the search term', async () => {
    const dir = directory();
    expect((await dir.search('karin.ekstrom@')).map((p) => p.aadObjectId)).toEqual([ID.karin]);
    expect(await dir.search('"')).toEqual([]);
    expect(await dir.search('   ')).toEqual([]);
    expect(fake.requests.filter((r) => r.startsWith('GET'))).toHaveLength(2);
  });

  it('falls back to startswith filters where $search is refused', async () => {
    fake.searchRefused = true;
    const found = await directory().search("Johanna", 3);
    expect(found.map((p) => p.displayName)).toEqual(['Johanna Berg']);
    expect(fake.requests.some((r) => r.includes('$filter=startswith(displayName'))).toBe(true);
  });

  it('lists direct reports across pages, users only, with the manager known', async () => {
    const reports = await directory().reportsOf(ID.karin);
    expect(reports.map((p) => p.displayName).sort()).toEqual(['Henrik Sandberg', 'Johanna Berg', 'Per Slutat']);
    expect(reports.every((p) => p.managerAadObjectId === ID.karin)).toBe(true);
    expect(await directory().reportsOf(ID.unknown)).toEqual([]);
    expect(await directory().reportsOf('not-a-guid')).toEqual([]);
  });

  it('reads the unit from another property when told to', async () => {
    const dir = directory({ unitProperty: 'onPremisesExtensionAttributes/extensionAttribute1' });
    expect((await dir.getPerson(ID.henrik))?.unit).toBe('ISAM-ENH');
    expect((await dir.getPerson(ID.karin))?.unit).toBeNull();
    expect(() => directory({ unitProperty: 'department,manager' })).toThrow(/Not a Graph user property/);
  });
});
