/**
 * The HTTP requests to Graph, on Node's own http/https with kept-alive connections instead of the
 * global `fetch` (ADR 023). Graph requests are small JSON both ways; `fetch` (undici) costs about
 * three times the CPU of node:http for one, most of it in the web streams of the Response body.
 * Measured in tests/bench/cpu.bench.ts: about 0.45 ms less CPU per Graph request.
 *
 * What graph-client and our middleware use of a Response is here: status, statusText, ok, url,
 * headers (a real `Headers`), json(), text(), arrayBuffer(), blob() and `body` (null: the body has
 * been read already). gzip/deflate/br answers are decoded, as `fetch` does. No redirects are
 * followed (Graph's list API does not redirect; a 3xx comes back as it is). A request the transport
 * cannot send as plain bytes (a stream or form body, a Request object) goes through `fetch`.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

/** Connections kept open between requests, as fetch's pool does. */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/** The parts of a fetch Response that graph-client and the middleware read. */
export class TransportResponse {
  readonly ok: boolean;
  readonly body = null;
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly type = 'basic';
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
    private readonly bytes: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  async text(): Promise<string> {
    return this.bytes.toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.bytes.toString('utf8'));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.bytes.byteLength) as ArrayBuffer;
  }
  async blob(): Promise<Blob> {
    return new Blob([new Uint8Array(this.bytes)], { type: this.headers.get('content-type') ?? '' });
  }
  clone(): TransportResponse {
    return new TransportResponse(this.status, this.statusText, new Headers(this.headers), this.url, this.bytes);
  }
}

function bodyBytes(body: unknown): Buffer | null | undefined {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  return undefined;
}

function headerEntries(init: HeadersInit | undefined): [string, string][] {
  if (!init) return [];
  if (init instanceof Headers) return [...init.entries()];
  if (Array.isArray(init)) return init.map(([k, v]) => [k, v] as [string, string]);
  return Object.entries(init as Record<string, string>);
}

function decode(bytes: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(bytes);
    case 'deflate':
      return zlib.inflateSync(bytes);
    case 'br':
      return zlib.brotliDecompressSync(bytes);
    default:
      return bytes;
  }
}

/**
 * Sends one request; the answer has its body read. A request not answered within `timeoutMs` is
 * given up and rejected with a DOMException named TimeoutError, as `AbortSignal.timeout` makes fetch do.
 */
export function sendGraphRequest(request: RequestInfo | URL, init: RequestInit, timeoutMs: number): Promise<Response> {
  const url = typeof request === 'string' ? request : request instanceof URL ? request.href : null;
  const bytes = bodyBytes(init.body);
  if (url === null || bytes === undefined) return fetch(request, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const target = new URL(url);
  const agent = agents[target.protocol as 'http:' | 'https:'];
  if (!agent) return fetch(request, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
  for (const [k, v] of headerEntries(init.headers)) headers[k.toLowerCase()] = v;
  if (bytes) headers['content-length'] = String(bytes.length);
  const client = target.protocol === 'https:' ? https : http;

  return new Promise<Response>((resolve, reject) => {
    let done = false;
    const finish = (error: unknown, response?: Response) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(response!);
    };
    const req = client.request(target, { method: (init.method ?? 'GET').toUpperCase(), headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => finish(error));
      res.on('end', () => {
        try {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers['content-encoding'];
          const body = decode(raw, Array.isArray(encoding) ? encoding[0] : encoding);
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined || name === 'content-encoding' || (name === 'content-length' && body !== raw)) continue;
            if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
            else responseHeaders.set(name, value);
          }
          finish(null, new TransportResponse(res.statusCode ?? 0, res.statusMessage ?? '', responseHeaders, url, body) as unknown as Response);
        } catch (error) {
          finish(error);
        }
      });
    });
    const timer = setTimeout(() => {
      const error = new DOMException(`The request to ${target.origin} did not answer within ${timeoutMs} ms`, 'TimeoutError');
      finish(error);
      req.destroy(error);
    }, timeoutMs);
    req.on('error', (error) => finish(new TypeError('fetch failed', { cause: error })));
    req.end(bytes ?? undefined);
  });
}
