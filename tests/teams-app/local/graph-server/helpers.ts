/** Test helpers: an ephemeral local Graph server in memory and a thin fetch wrapper. */
import { type LocalGraphServer, type LocalGraphServerOptions, startLocalGraphServer } from '../../../../teams-app/local/graph-server/index';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export class TestGraph {
  constructor(readonly server: LocalGraphServer) {}

  get siteId(): string {
    return this.server.siteId;
  }

  /** `/sites/{site-id}/lists` */
  get lists(): string {
    return `/sites/${this.server.siteId}/lists`;
  }

  /** Sends a request to `/v1.0{path}` (or an absolute URL) with a bearer token unless auth is false. */
  async req<T = any>(
    method: string,
    path: string,
    opts: { body?: unknown; headers?: Record<string, string>; auth?: boolean; signal?: AbortSignal } = {},
  ): Promise<Reply<T>> {
    const url = /^https?:/.test(path) ? path : `${this.server.url}/v1.0${path}`;
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.auth !== false) headers.Authorization ??= `Bearer ${this.server.token}`;
    if (opts.body !== undefined) headers['Content-Type'] ??= 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
      signal: opts.signal,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  get = <T = any>(path: string, headers?: Record<string, string>) => this.req<T>('GET', path, { headers });
  post = <T = any>(path: string, body: unknown, headers?: Record<string, string>) => this.req<T>('POST', path, { body, headers });
  patch = <T = any>(path: string, body: unknown, headers?: Record<string, string>) => this.req<T>('PATCH', path, { body, headers });
  del = <T = any>(path: string, headers?: Record<string, string>) => this.req<T>('DELETE', path, { headers });

  async createList(displayName: string, columns: unknown[] = []): Promise<{ id: string; path: string }> {
    const res = await this.post(this.lists, { displayName, columns, list: { template: 'genericList' } });
    if (res.status !== 201) throw new Error(`createList ${displayName}: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, path: `${this.lists}/${res.body.id}` };
  }

  /** Creates items through $batch, 20 per batch; fails the test on any non-201. */
  async createItems(listPath: string, fields: Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < fields.length; start += 20) {
      const requests = fields.slice(start, start + 20).map((f, i) => ({
        id: String(i + 1),
        method: 'POST',
        url: `${listPath}/items`,
        headers: { 'Content-Type': 'application/json' },
        body: { fields: f },
      }));
      const res = await this.post('/$batch', { requests });
      const bad = res.body?.responses?.find((r: { status: number }) => r.status !== 201);
      if (res.status !== 200 || bad) throw new Error(`createItems: ${res.status} ${JSON.stringify(bad ?? res.body)}`);
    }
  }

  /** Follows @odata.nextLink from a first request and returns every item. */
  async getAll(path: string, headers?: Record<string, string>): Promise<{ items: any[]; pages: number; links: string[] }> {
    const items: any[] = [];
    const links: string[] = [];
    let next: string | undefined = path;
    let pages = 0;
    while (next) {
      const res: Reply = await this.get(next, headers);
      if (res.status !== 200) throw new Error(`getAll ${next}: ${res.status} ${JSON.stringify(res.body)}`);
      items.push(...res.body.value);
      pages++;
      next = res.body['@odata.nextLink'];
      if (next) links.push(next);
    }
    return { items, pages, links };
  }
}

export async function startTestGraph(opts: LocalGraphServerOptions = {}): Promise<TestGraph> {
  return new TestGraph(await startLocalGraphServer({ port: 0, dbPath: ':memory:', ...opts }));
}

/** Graph's error JSON. */
export function expectGraphError(body: any, code?: string): void {
  if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not a Graph error body: ${JSON.stringify(body)}`);
  }
  const inner = body.error.innerError;
  if (!inner || typeof inner.date !== 'string' || typeof inner['request-id'] !== 'string' || typeof inner['client-request-id'] !== 'string') {
    throw new Error(`Graph error without innerError ids: ${JSON.stringify(body)}`);
  }
  if (code !== undefined && body.error.code !== code) throw new Error(`expected error code ${code}, got ${body.error.code}: ${body.error.message}`);
}

export const ETAG_PATTERN = /^"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12},\d+"$/;
