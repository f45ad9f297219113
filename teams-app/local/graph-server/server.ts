/**
 * The HTTP layer: Host allow-list, bearer-token check, request ids, fault injection, JSON bodies,
 * `$batch` (batch.ts), and the `/_local/*` control endpoints (loopback and token only). Routes
 * themselves live in graph-api.ts.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { type Dispatched, JSON_CONTENT_TYPE, lowerHeaders, runBatch } from './batch';
import { GraphError, badRequest, errorBody } from './errors';
import { type FaultConfig, FaultController, parseFaultConfig } from './faults';
import { GraphApi, type GraphRequest, type GraphResponse } from './graph-api';
import { bearerMatches, isAllowedHost, isLoopbackAddress, newLocalToken } from './local-guard';
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
   * The only bearer token accepted, on Graph requests and on `/_local/*`. Default: a new random one
   * (`server.token`). `npm start` keeps one per data folder (teams-app/local/local-token.ts).
   */
  token?: string;
  /**
   * Serve HTTPS with this key and certificate. @microsoft/microsoft-graph-client only attaches the
   * bearer token to https:// URLs, so a client using its AuthenticationHandler needs this.
   */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Told when an older database file is converted to the current layout. */
  onMigrate?: (message: string) => void;
}

export interface LocalGraphServer {
  /** Base URL without trailing slash and without /v1.0, e.g. http://127.0.0.1:4010. */
  url: string;
  /** The site's Graph id, `127.0.0.1,{site-guid},{web-guid}`; stable for a database file. */
  siteId: string;
  /** The bearer token this server accepts. */
  token: string;
  /** The list view threshold it enforces. */
  threshold: number;
  setFaults(f: FaultConfig): void;
  close(): Promise<void>;
  /** HTTP requests served under /v1.0 (a $batch counts once), for benchmarks. */
  requestCount(): number;
  /**
   * For benchmarks, since the last reset: `operations` — Graph requests run, each inner request of a
   * `$batch` counted; `waves` — round trips on the critical path: how often a request arrived while
   * none was in flight (requests sent side by side, or in one `$batch`, are one wave).
   */
  traffic(): { requests: number; operations: number; waves: number; trail: string[] };
  resetRequestCount(): void;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

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

/** 401 as Graph answers an absent or unusable token (with its WWW-Authenticate challenge). */
function unauthenticated(empty: boolean): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', empty ? 'Access token is empty.' : 'Access token validation failure. Invalid audience.', {
    'WWW-Authenticate': 'Bearer realm="", error="invalid_token"',
  });
}

export async function startLocalGraphServer(opts: LocalGraphServerOptions = {}): Promise<LocalGraphServer> {
  const token = opts.token ?? newLocalToken();
  if (token.length < 16 || /\s/.test(token)) throw new Error('The local Graph token must be at least 16 characters without spaces.');
  const threshold = opts.threshold ?? 5000;
  if (!Number.isInteger(threshold) || threshold < 1) throw new Error(`The list view threshold must be a whole number >= 1, got ${threshold}.`);
  const store = new GraphStore(opts.dbPath ?? ':memory:', { onMigrate: opts.onMigrate });
  const faults = new FaultController(opts.faults ?? {});
  const ctx: SiteContext = { baseUrl: '', siteName: opts.siteName ?? 'LIS', info: store.site };
  const api = new GraphApi(store, ctx, threshold);
  const host = opts.host ?? '127.0.0.1';
  let requests = 0;
  let operations = 0;
  let waves = 0;
  let inFlight = 0;
  /** What the last requests were (for a benchmark that explains its counts). */
  const trail: string[] = [];
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
  const dispatcher = (requestId: string, clientRequestId: string) => (greq: GraphRequest, faultPath: string): Dispatched => {
    operations++;
    if (trail.length < 200) trail.push(`${waves}: ${greq.method} ${faultPath.replace(/\/sites\/[^/]+\/lists\/([^/]+)/, '…/$1').slice(0, 160)}`);
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

  const reply = (res: http.ServerResponse, status: number, body: unknown) => {
    const payload = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)), 'Cache-Control': 'no-store' });
    res.end(payload);
  };

  /** `/_local/*`: fault control and request counts, for this machine and the token holder only. */
  const handleLocal = async (req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> => {
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      return reply(res, 403, { error: { code: 'accessDenied', message: 'Local control endpoints answer requests from this machine only.' } });
    }
    if (!bearerMatches(req.headers.authorization, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="local"');
      return reply(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Local control endpoints need the local Graph token (Authorization: Bearer …).' } });
    }
    if (path === '/_local/faults' && req.method === 'GET') return reply(res, 200, faults.get());
    if (path === '/_local/faults' && req.method === 'PUT') {
      try {
        const config = parseFaultConfig(parseJsonBody(await readBody(req)) ?? {});
        faults.set(config);
        return reply(res, 200, faults.get());
      } catch (err) {
        return reply(res, 400, { error: { code: 'invalidRequest', message: err instanceof Error ? err.message : String(err) } });
      }
    }
    if (path === '/_local/stats' && req.method === 'GET') return reply(res, 200, { requests, threshold });
    return reply(res, 404, { error: { code: 'itemNotFound', message: `No local control endpoint ${req.method} ${path}.` } });
  };

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const clientHeader = req.headers['client-request-id'];
    const clientRequestId = (Array.isArray(clientHeader) ? clientHeader[0] : clientHeader) || requestId;
    try {
      // DNS rebinding: a name that resolves here but is not ours must not reach the data.
      if (!isAllowedHost(req.headers.host, req.socket.localPort ?? 0, [host])) {
        return reply(res, 421, {
          error: { code: 'misdirectedRequest', message: `This server answers only requests addressed to 127.0.0.1, localhost or [::1] on its port, not '${req.headers.host ?? ''}'.` },
        });
      }
      const url = new URL(req.url ?? '/', 'http://local');
      if (url.pathname === '/_local' || url.pathname.startsWith('/_local/')) return await handleLocal(req, res, url.pathname);
      requests++;
      if (inFlight++ === 0) waves++;
      res.once('close', () => inFlight--);
      const auth = req.headers.authorization;
      if (!auth || !/^Bearer\s+\S+/i.test(auth)) throw unauthenticated(true);
      if (!bearerMatches(auth, token)) throw unauthenticated(false);
      const latency = faults.latency();
      if (latency > 0 && !(await sleep(latency))) return void res.destroy();
      const version = /^\/(v1\.0|beta)(\/.*)?$/.exec(url.pathname);
      if (!version) throw badRequest('Invalid version.');
      if (version[1] === 'beta') throw badRequest('Invalid version: the local SharePoint-lists server implements v1.0 only.');
      const path = version[2] ?? '/';
      const method = (req.method ?? 'GET').toUpperCase();
      const body = parseJsonBody(await readBody(req));
      const dispatch = dispatcher(requestId, clientRequestId);
      const errorFor = (err: GraphError) => errorResponse(err, requestId, clientRequestId);
      let out: Dispatched;
      if (path === '/$batch' || path.toLowerCase() === '/%24batch') {
        if (method !== 'POST') throw new GraphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request target.');
        const decision = faults.decide(method, `/v1.0${path}`);
        if (decision.kind === 'reject') out = { res: errorFor(decision.error) };
        else {
          out = runBatch(body, dispatch, errorFor);
          if (decision.kind === 'commit-then-503') out = { res: errorFor(decision.error) };
          if (decision.kind === 'commit-then-hang') out.hangMs = Math.max(out.hangMs ?? 0, decision.hangMs);
        }
      } else {
        const greq: GraphRequest = { method, path, query: url.searchParams, headers: lowerHeaders(req.headers), body };
        out = dispatch(greq, `${url.pathname}${url.search}`);
      }
      if (out.hangMs && !(await sleep(out.hangMs))) return void res.destroy();
      send(res, out.res, requestId, clientRequestId);
    } catch (err) {
      send(res, toErrorResponse(err, requestId, clientRequestId), requestId, clientRequestId);
    }
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => void handler(req, res);
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : http.createServer(listener);
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
    token,
    threshold,
    setFaults: (f) => faults.set(parseFaultConfig(f)),
    requestCount: () => requests,
    traffic: () => ({ requests, operations, waves, trail: [...trail] }),
    resetRequestCount: () => {
      requests = 0;
      operations = 0;
      waves = 0;
      trail.length = 0;
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
