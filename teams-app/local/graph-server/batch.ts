/**
 * JSON batching (`POST /v1.0/$batch`) as Graph does it: at most 20 requests, unique ids, relative
 * urls, `dependsOn` honoured (a failed dependency gives 424), base64 or JSON bodies, and one answer
 * per request in request order inside an outer 200. Each inner request goes through the same router
 * and fault injection as an outer one (`dispatch`).
 */
import { GraphError, badRequest } from './errors';
import type { GraphRequest, GraphResponse } from './routes-common';

export const JSON_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const MAX_BATCH_REQUESTS = 20;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT']);

export interface Dispatched {
  res: GraphResponse;
  /** Hold the (outer) response this long before sending it (commit-then-hang). */
  hangMs?: number;
}

/** Runs one Graph request with fault injection; `faultPath` is what scripted faults match. */
export type DispatchFn = (greq: GraphRequest, faultPath: string) => Dispatched;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function lowerHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

export function runBatch(body: unknown, dispatch: DispatchFn, errorResponse: (err: GraphError) => GraphResponse): Dispatched {
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
      res = errorResponse(new GraphError(424, 'failedDependency', 'The request could not be run because a request it depends on failed.'));
    } else {
      const relative = step.url.replace(/^\/+/, '');
      if (/^(v1\.0|beta)(\/|$|\?)/i.test(relative)) {
        const segment = /^(v1\.0|beta)/i.exec(relative)![0];
        res = errorResponse(new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`));
      } else {
        const u = new URL(`http://local/v1.0/${relative}`);
        const greq: GraphRequest = {
          method: step.method,
          path: u.pathname.slice('/v1.0'.length) || '/',
          query: u.searchParams,
          headers: step.headers,
          body: step.body,
        };
        const d = dispatch(greq, `/v1.0${greq.path}${u.search}`);
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
}
