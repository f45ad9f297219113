/**
 * The HTTP layer: bearer-token check, request ids, fault injection, JSON bodies, `$batch`, and the
 * unauthenticated `/_local/*` control endpoints. Routes themselves live in graph-api.ts.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { GraphError, badRequest, errorBody } from './errors';
import { type FaultConfig, FaultController, parseFaultConfig } from './faults';
import { GraphApi, type GraphRequest, type GraphResponse } from './graph-api';
import { type SiteContext, siteId } from './resources';
import { GraphStore } from './store';

export interface LocalGraphServerOptions {
  /** Port to listen on; 0 picks an ephemeral port. Default 4010. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (the server never needs to be reachable from elsewhere). */
  host?: string;
  /** SQLite file, or ':memory:' (default). */
  dbPath?: string;
  faults?: FaultConfig;
  /** Name of the site (`/sites/{siteName}`). Default 'LIS'. */
  siteName?: string;
  /** List view threshold. Default 5 000, as in SharePoint Online; tests may lower it. */
  threshold?: number;
  /**
   * Serve HTTPS with this key and certificate. @microsoft/microsoft-graph-client only attaches the
   * bearer token to https:// URLs, so a client using its AuthenticationHandler needs this.
   */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface LocalGraphServer {
  /** Base URL without trailing slash and without /v1.0, e.g. http://127.0.0.1:4010. */
  url: string;
  /** The site's Graph id, `127.0.0.1,{site-guid},{web-guid}`; stable for a database file. */
  siteId: string;
  setFaults(f: FaultConfig): void;
  close(): Promise<void>;
  /** HTTP requests served under /v1.0 (a $batch counts once), for benchmarks. */
  requestCount(): number;
  resetRequestCount(): void;
}

const JSON_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const MAX_BATCH_REQUESTS = 20;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT']);

interface Dispatched {
  res: GraphResponse;
  /** Hold the (outer) response this long before sending it (commit-then-hang). */
  hangMs?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function lowerHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new GraphError(413, 'requestTooLarge', 'The request body is too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

export async function startLocalGraphServer(opts: LocalGraphServerOptions = {}): Promise<LocalGraphServer> {
  const store = new GraphStore(opts.dbPath ?? ':memory:');
  const faults = new FaultController(opts.faults ?? {});
  const ctx: SiteContext = { baseUrl: '', siteName: opts.siteName ?? 'LIS', info: store.site };
  const api = new GraphApi(store, ctx, opts.threshold ?? 5000);
  let requests = 0;
  let closing = false;
  const sleepers = new Set<() => void>();

  /** A sleep that close() cuts short. Resolves false when the server is closing. */
  const sleep = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (ms <= 0) return resolve(!closing);
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve(!closing);
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  const errorResponse = (err: GraphError, requestId: string, clientRequestId: string): GraphResponse => ({
    status: err.status,
    headers: { ...err.headers },
    body: errorBody(err, requestId, clientRequestId),
  });

  const toErrorResponse = (err: unknown, requestId: string, clientRequestId: string): GraphResponse => {
    if (err instanceof GraphError) return errorResponse(err, requestId, clientRequestId);
    console.error('[local-graph] unexpected error:', err);
    return errorResponse(new GraphError(500, 'generalException', 'General exception while processing'), requestId, clientRequestId);
  };

  /** Runs one Graph request (outer or inside a batch) with fault injection. */
  const dispatch = (greq: GraphRequest, faultPath: string, requestId: string, clientRequestId: string): Dispatched => {
    const decision = faults.decide(greq.method, faultPath);
    if (decision.kind === 'reject') return { res: errorResponse(decision.error, requestId, clientRequestId) };
    let res: GraphResponse;
    try {
      res = api.handle(greq);
    } catch (err) {
      res = toErrorResponse(err, requestId, clientRequestId);
    }
    if (decision.kind === 'commit-then-503') return { res: errorResponse(decision.error, requestId, clientRequestId) };
    if (decision.kind === 'commit-then-hang') return { res, hangMs: decision.hangMs };
    return { res };
  };

  const runBatch = (body: unknown, requestId: string, clientRequestId: string): Dispatched => {
    const invalid = () => badRequest('Invalid batch payload format.');
    if (!isRecord(body) || !Array.isArray(body.requests)) throw invalid();
    const list = body.requests as unknown[];
    if (list.length === 0) throw invalid();
    if (list.length > MAX_BATCH_REQUESTS) {
      throw badRequest(`Number of batch request steps exceeds the maximum of ${MAX_BATCH_REQUESTS}.`);
    }
    interface Step { id: string; method: string; url: string; headers: Record<string, string>; body: unknown; dependsOn: string[] }
    const steps: Step[] = [];
    const seen = new Set<string>();
    for (const raw of list) {
      if (!isRecord(raw)) throw invalid();
      const { id, method, url, headers, dependsOn } = raw;
      if (typeof id !== 'string' || id === '' || typeof method !== 'string' || typeof url !== 'string') throw invalid();
      if (seen.has(id.toLowerCase())) throw badRequest(`Batch request id '${id}' is not unique.`);
      seen.add(id.toLowerCase());
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw invalid(); // absolute URLs are refused
      if (headers !== undefined && !isRecord(headers)) throw invalid();
      const lowered = lowerHeaders((headers ?? {}) as Record<string, unknown>);
      let stepBody = raw.body;
      if (typeof stepBody === 'string') {
        try {
          stepBody = JSON.parse(Buffer.from(stepBody, 'base64').toString('utf8'));
        } catch {
          // keep the string; the route will reject it
        }
      }
      const upper = method.toUpperCase();
      if (WRITE_METHODS.has(upper) && (stepBody === undefined || lowered['content-type'] === undefined)) {
        throw badRequest(`Write request id : ${id} does not contain Content-Type header or body.`);
      }
      if (dependsOn !== undefined && (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string'))) throw invalid();
      steps.push({ id, method: upper, url, headers: lowered, body: stepBody, dependsOn: (dependsOn ?? []) as string[] });
    }
    const ids = new Set(steps.map((s) => s.id.toLowerCase()));
    for (const s of steps) {
      for (const d of s.dependsOn) if (!ids.has(d.toLowerCase())) throw badRequest(`Batch request '${s.id}' depends on unknown request id '${d}'.`);
    }

    const results = new Map<string, GraphResponse>();
    let hangMs = 0;
    const pending = [...steps];
    while (pending.length > 0) {
      const index = pending.findIndex((s) => s.dependsOn.every((d) => results.has(d.toLowerCase())));
      if (index < 0) throw badRequest('Batch requests have circular dependsOn references.');
      const step = pending.splice(index, 1)[0]!;
      const failedDependency = step.dependsOn.some((d) => (results.get(d.toLowerCase())?.status ?? 200) >= 400);
      let res: GraphResponse;
      if (failedDependency) {
        res = errorResponse(new GraphError(424, 'failedDependency', 'The request could not be run because a request it depends on failed.'), requestId, clientRequestId);
      } else {
        const relative = step.url.replace(/^\/+/, '');
        if (/^(v1\.0|beta)(\/|$|\?)/i.test(relative)) {
          const segment = /^(v1\.0|beta)/i.exec(relative)![0];
          res = errorResponse(new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`), requestId, clientRequestId);
        } else {
          const u = new URL(`http://local/v1.0/${relative}`);
          const greq: GraphRequest = {
            method: step.method,
            path: u.pathname.slice('/v1.0'.length) || '/',
            query: u.searchParams,
            headers: step.headers,
            body: step.body,
          };
          const d = dispatch(greq, `/v1.0${greq.path}${u.search}`, requestId, clientRequestId);
          res = d.res;
          hangMs = Math.max(hangMs, d.hangMs ?? 0);
        }
      }
      results.set(step.id.toLowerCase(), res);
    }
    const responses = steps.map((s) => {
      const r = results.get(s.id.toLowerCase())!;
      const headers: Record<string, string> = { 'Cache-Control': 'no-cache', ...(r.headers ?? {}) };
      if (r.body !== undefined) headers['Content-Type'] = r.status >= 400 ? 'application/json' : JSON_CONTENT_TYPE;
      const entry: Record<string, unknown> = { id: s.id, status: r.status, headers };
      if (r.body !== undefined) entry.body = r.body;
      return entry;
    });
    return { res: { status: 200, body: { responses } }, hangMs };
  };

  const send = (res: http.ServerResponse, out: GraphResponse, requestId: string, clientRequestId: string): void => {
    if (res.destroyed || res.writableEnded) return;
    const headers: Record<string, string> = {
      'request-id': requestId,
      'client-request-id': clientRequestId,
      'Cache-Control': 'no-cache',
      ...(out.headers ?? {}),
    };
    let payload: string | undefined;
    if (out.body !== undefined) {
      payload = JSON.stringify(out.body);
      headers['Content-Type'] = out.status >= 400 ? 'application/json' : JSON_CONTENT_TYPE;
      headers['Content-Length'] = String(Buffer.byteLength(payload));
      if (out.status < 400) headers['OData-Version'] = '4.0';
    }
    res.writeHead(out.status, headers);
    res.end(payload);
  };

  const handleLocal = async (req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> => {
    const reply = (status: number, body: unknown) => {
      const payload = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) });
      res.end(payload);
    };
    if (path === '/_local/faults' && req.method === 'GET') return reply(200, faults.get());
    if (path === '/_local/faults' && req.method === 'PUT') {
      try {
        const config = parseFaultConfig(parseJsonBody(await readBody(req)) ?? {});
        faults.set(config);
        return reply(200, faults.get());
      } catch (err) {
        return reply(400, { error: { code: 'invalidRequest', message: err instanceof Error ? err.message : String(err) } });
      }
    }
    if (path === '/_local/stats' && req.method === 'GET') return reply(200, { requests });
    return reply(404, { error: { code: 'itemNotFound', message: `No local control endpoint ${req.method} ${path}.` } });
  };

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const clientHeader = req.headers['client-request-id'];
    const clientRequestId = (Array.isArray(clientHeader) ? clientHeader[0] : clientHeader) || requestId;
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      if (url.pathname === '/_local' || url.pathname.startsWith('/_local/')) return await handleLocal(req, res, url.pathname);
      requests++;
      const auth = req.headers.authorization;
      if (!auth || !/^Bearer\s+\S+/i.test(auth)) {
        throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
      }
      const latency = faults.latency();
      if (latency > 0 && !(await sleep(latency))) return void res.destroy();
      const version = /^\/(v1\.0|beta)(\/.*)?$/.exec(url.pathname);
      if (!version) throw badRequest('Invalid version.');
      if (version[1] === 'beta') throw badRequest('Invalid version: the local SharePoint-lists server implements v1.0 only.');
      const path = version[2] ?? '/';
      const method = (req.method ?? 'GET').toUpperCase();
      const body = parseJsonBody(await readBody(req));
      let out: Dispatched;
      if (path === '/$batch' || path.toLowerCase() === '/%24batch') {
        if (method !== 'POST') throw new GraphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request target.');
        const decision = faults.decide(method, `/v1.0${path}`);
        if (decision.kind === 'reject') out = { res: errorResponse(decision.error, requestId, clientRequestId) };
        else {
          out = runBatch(body, requestId, clientRequestId);
          if (decision.kind === 'commit-then-503') out = { res: errorResponse(decision.error, requestId, clientRequestId) };
          if (decision.kind === 'commit-then-hang') out.hangMs = Math.max(out.hangMs ?? 0, decision.hangMs);
        }
      } else {
        const greq: GraphRequest = { method, path, query: url.searchParams, headers: lowerHeaders(req.headers), body };
        out = dispatch(greq, `${url.pathname}${url.search}`, requestId, clientRequestId);
      }
      if (out.hangMs && !(await sleep(out.hangMs))) return void res.destroy();
      send(res, out.res, requestId, clientRequestId);
    } catch (err) {
      send(res, toErrorResponse(err, requestId, clientRequestId), requestId, clientRequestId);
    }
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => void handler(req, res);
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : http.createServer(listener);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4010, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  ctx.baseUrl = `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`;

  return {
    url: ctx.baseUrl,
    siteId: siteId(ctx),
    setFaults: (f) => faults.set(parseFaultConfig(f)),
    requestCount: () => requests,
    resetRequestCount: () => {
      requests = 0;
    },
    close: async () => {
      if (closing) return;
      closing = true;
      for (const wake of [...sleepers]) wake();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
