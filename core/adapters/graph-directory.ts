/**
 * The Directory port over Microsoft Graph users (Entra ID), for Microsoft 365 mode. Locally the
 * same port is served by `directory/static-directory.ts` from the demo people.
 *
 *   person   GET /users/{id}?$select=…  and  GET /users/{id}/manager?$select=id   (one $batch)
 *   people   the same pairs, ten people per $batch
 *   search   GET /users?$search="displayName:q" OR "mail:q"  (ConsistencyLevel: eventual),
 *            falling back to startswith() filters where $search is refused
 *   reports  GET /users/{id}/directReports?$select=…
 *
 * Leavers: `accountEnabled` false marks a disabled account (reading it needs User.Read.All);
 * `userType` Guest and a `#EXT#` sign-in name mark accounts from outside the organisation, which LIS
 * does not let in (core/app/people/admission.ts). The unit is read from one user property (default
 * `department`) that holds the LIS unit code. Answers are cached for a minute (DIRECTORY_CACHE_MS):
 * every bot turn and API call looks its actor up.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Directory, Person } from '../ports/directory';
import { isExternalSignInName } from './directory/static-directory';
import { relativeGraphPath } from './sharepoint/client';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What Graph returns for a user with our $select. */
interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
  '@odata.type'?: string;
  [property: string]: unknown;
}

interface BatchAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GraphDirectoryOptions {
  /** graph-client with our middleware chain (auth, label, retry): the same client as the lists. */
  client: Client;
  /**
   * User property holding the LIS unit code (`department` by default). A nested property is
   * written with a slash: `onPremisesExtensionAttributes/extensionAttribute1`.
   */
  unitProperty?: string;
  /** How long an answer is reused (default 5 minutes; 0 turns the cache off). */
  cacheTtlMs?: number;
  maxCacheEntries?: number;
  now?: () => number;
  /** Waits before retrying throttled requests inside a $batch; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * How long a directory answer is reused by default: one minute. Every bot turn and API call looks
 * its actor up (is the account enabled, a member, who is the manager), so a change in Entra ID —
 * an account disabled, turned into a guest, a new manager — takes effect within this time
 * (`DIRECTORY_CACHE_SECONDS`, docs/security.md). Roles are not cached at all.
 */
export const DIRECTORY_CACHE_MS = 60_000;

/** Graph's own limit of requests in one $batch. */
const BATCH_LIMIT = 20;

export class GraphDirectory implements Directory {
  private readonly client: Client;
  private readonly unitPath: string[];
  private readonly select: string;
  private readonly ttl: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly cache = new Map<string, { person: Person | null; until: number }>();

  constructor(options: GraphDirectoryOptions) {
    this.client = options.client;
    const unit = (options.unitProperty?.trim() || 'department').replace(/\./g, '/');
    if (!/^[A-Za-z][A-Za-z0-9_]*(\/[A-Za-z][A-Za-z0-9_]*)?$/.test(unit)) throw new Error(`Not a Graph user property: ${options.unitProperty}`);
    this.unitPath = unit.split('/');
    this.select = [...new Set(['id', 'displayName', 'mail', 'userPrincipalName', 'accountEnabled', 'userType', this.unitPath[0]!])].join(',');
    this.ttl = options.cacheTtlMs ?? DIRECTORY_CACHE_MS;
    this.maxEntries = options.maxCacheEntries ?? 5_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async getPerson(aadObjectId: string): Promise<Person | null> {
    return (await this.lookup([aadObjectId])).get(aadObjectId.toLowerCase()) ?? null;
  }

  async getPeople(aadObjectIds: string[]): Promise<Person[]> {
    const found = await this.lookup(aadObjectIds);
    return aadObjectIds.map((id) => found.get(id.toLowerCase())).filter((p): p is Person => Boolean(p));
  }

  async search(query: string, limit = 10): Promise<Person[]> {
    const q = query.trim().replace(/\s+/g, ' ').slice(0, 100);
    if (!q) return [];
    const top = Math.min(Math.max(1, Math.trunc(limit)), 50);
    let users: GraphUser[];
    try {
      // $search matches the start of any word ("berg" finds "Johanna Berg"); quotes and
      // backslashes inside the quoted term are escaped as Graph requires.
      const term = q.replace(/["\\]/g, '\\$&');
      const search = `"displayName:${term}" OR "mail:${term}" OR "userPrincipalName:${term}"`;
      const res = (await this.client
        .api(`/users?$search=${encodeURIComponent(search)}&$select=${this.select}&$top=${top}`)
        .header('ConsistencyLevel', 'eventual')
        .get()) as { value: GraphUser[] };
      users = res.value;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 400) throw error;
      // Where $search is not offered: prefix filters, with single quotes doubled as OData wants.
      const lit = `'${q.replace(/'/g, "''")}'`;
      const filter = ['displayName', 'givenName', 'surname', 'mail', 'userPrincipalName'].map((p) => `startswith(${p},${lit})`).join(' or ');
      const res = (await this.client.api(`/users?$filter=${encodeURIComponent(filter)}&$select=${this.select}&$top=${top}`).get()) as { value: GraphUser[] };
      users = res.value;
    }
    const managers = await this.managersOf(users.map((u) => u.id));
    const people = users.map((u) => this.toPerson(u, managers.get(u.id.toLowerCase()) ?? null));
    for (const p of people) this.remember(p.aadObjectId, p);
    return people.slice(0, top);
  }

  async reportsOf(managerAadObjectId: string): Promise<Person[]> {
    if (!GUID.test(managerAadObjectId)) return [];
    const out: Person[] = [];
    let next: string | undefined = `/users/${managerAadObjectId}/directReports?$select=${this.select}&$top=999`;
    while (next) {
      let res: { value: GraphUser[]; '@odata.nextLink'?: string };
      try {
        res = (await this.client.api(next).get()) as typeof res;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return [];
        throw error;
      }
      for (const u of res.value) {
        // Direct reports can also be organisational contacts; only users are people here.
        if (u['@odata.type'] && u['@odata.type'] !== '#microsoft.graph.user') continue;
        const person = this.toPerson(u, managerAadObjectId);
        this.remember(person.aadObjectId, person);
        out.push(person);
      }
      next = res['@odata.nextLink'] ? relativeGraphPath(res['@odata.nextLink']) : undefined;
    }
    return out;
  }

  // ── internals ────────────────────────────────────────────────────────────

  /** People by id (lower-cased keys), from the cache or Graph; unknown ids are absent. */
  private async lookup(ids: string[]): Promise<Map<string, Person>> {
    const out = new Map<string, Person>();
    const wanted = new Set<string>();
    const now = this.now();
    for (const raw of ids) {
      const id = raw.toLowerCase();
      // Anything but a GUID never reaches a Graph URL.
      if (!GUID.test(id)) continue;
      const hit = this.cache.get(id);
      if (hit && hit.until > now) {
        if (hit.person) out.set(id, hit.person);
      } else wanted.add(id);
    }
    const missing = [...wanted];
    for (let i = 0; i < missing.length; i += BATCH_LIMIT / 2) {
      const chunk = missing.slice(i, i + BATCH_LIMIT / 2);
      const answers = await this.batch(
        chunk.flatMap((id) => [
          { id: `u:${id}`, url: `/users/${id}?$select=${this.select}` },
          { id: `m:${id}`, url: `/users/${id}/manager?$select=id` },
        ]),
      );
      for (const id of chunk) {
        const user = answers.get(`u:${id}`)!;
        if (user.status === 404) {
          this.remember(id, null);
          continue;
        }
        if (user.status !== 200) throw graphError(`GET /users/${id}`, user);
        const manager = answers.get(`m:${id}`)!;
        if (manager.status !== 200 && manager.status !== 404) throw graphError(`GET /users/${id}/manager`, manager);
        const managerId = manager.status === 200 ? ((manager.body as { id?: string } | undefined)?.id ?? null) : null;
        const person = this.toPerson(user.body as GraphUser, managerId);
        this.remember(id, person);
        out.set(id, person);
      }
    }
    return out;
  }

  /** Manager ids of several users (lower-cased keys), in $batches. */
  private async managersOf(userIds: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    const ids = [...new Set(userIds.map((id) => id.toLowerCase()).filter((id) => GUID.test(id)))];
    for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
      const chunk = ids.slice(i, i + BATCH_LIMIT);
      const answers = await this.batch(chunk.map((id) => ({ id, url: `/users/${id}/manager?$select=id` })));
      for (const id of chunk) {
        const a = answers.get(id)!;
        if (a.status !== 200 && a.status !== 404) throw graphError(`GET /users/${id}/manager`, a);
        out.set(id, a.status === 200 ? ((a.body as { id?: string } | undefined)?.id ?? null) : null);
      }
    }
    return out;
  }

  /**
   * One JSON $batch of GETs, built by hand (graph-client's BatchRequestContent keeps `/v1.0` in the
   * inner URLs). An outer 200 can carry inner 429/503s, which no middleware retries: we do, up
   * to three rounds, honouring the longest Retry-After.
   */
  private async batch(requests: { id: string; url: string }[]): Promise<Map<string, BatchAnswer>> {
    const answers = new Map<string, BatchAnswer>();
    let pending = requests;
    for (let round = 0; pending.length; round++) {
      const res = (await this.client.api('/$batch').post({ requests: pending.map((r) => ({ id: r.id, method: 'GET', url: r.url })) })) as {
        responses: (BatchAnswer & { id: string })[];
      };
      const retry: { id: string; url: string }[] = [];
      let wait = 0;
      for (const r of pending) {
        const a = res.responses.find((x) => x.id === r.id);
        if (!a) throw new Error(`Graph $batch answered without request ${r.id}`);
        if ((a.status === 429 || a.status === 503 || a.status === 504) && round < 3) {
          retry.push(r);
          const after = Number(a.headers?.['Retry-After'] ?? a.headers?.['retry-after']);
          wait = Math.max(wait, Number.isFinite(after) ? after * 1000 : 1000 * 2 ** round);
        } else answers.set(r.id, a);
      }
      if (retry.length) await this.sleep(Math.min(wait, 30_000));
      pending = retry;
    }
    return answers;
  }

  private toPerson(u: GraphUser, managerId: string | null): Person {
    let unit: unknown = u;
    for (const part of this.unitPath) unit = unit && typeof unit === 'object' ? (unit as Record<string, unknown>)[part] : undefined;
    return {
      aadObjectId: u.id,
      displayName: u.displayName?.trim() || u.userPrincipalName || u.id,
      email: u.mail || u.userPrincipalName || '',
      unit: typeof unit === 'string' && unit.trim() ? unit.trim() : null,
      managerAadObjectId: managerId,
      // Reading accountEnabled needs User.Read.All; an account is enabled unless Graph says otherwise.
      accountEnabled: u.accountEnabled !== false,
      userType: u.userType === 'Guest' ? 'Guest' : 'Member',
      external: isExternalSignInName(u.userPrincipalName),
    };
  }

  private remember(id: string, person: Person | null): void {
    if (this.ttl <= 0) return;
    const key = id.toLowerCase();
    this.cache.delete(key);
    this.cache.set(key, { person, until: this.now() + this.ttl });
    // Oldest first out: a Map keeps insertion order.
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** A failed inner request as an error with the status graph-client errors carry. */
function graphError(what: string, answer: BatchAnswer): Error {
  const body = answer.body as { error?: { code?: string; message?: string } } | undefined;
  const error = new Error(`${what}: HTTP ${answer.status}${body?.error?.code ? ` ${body.error.code}` : ''}${body?.error?.message ? ` – ${body.error.message}` : ''}`);
  return Object.assign(error, { statusCode: answer.status });
}
