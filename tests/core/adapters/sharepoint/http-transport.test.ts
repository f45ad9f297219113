/**
 * The Graph HTTP transport (core/adapters/sharepoint/http-transport.ts, ADR 023) against a small
 * loopback server: what graph-client reads of a fetch Response is there, bodies go out as sent,
 * compressed answers are decoded, connections are kept, and a silent server times out as fetch does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendGraphRequest } from '../../../../core/adapters/sharepoint/http-transport';

let server: http.Server;
let base: string;
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; socket: unknown }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, socket: req.socket });
      if (req.url === '/json') {
        res.writeHead(201, { 'Content-Type': 'application/json', 'Retry-After': '3', ETag: '"1,2"' });
        return res.end(JSON.stringify({ echo: body ? JSON.parse(body) : null, å: 'ä' }));
      }
      if (req.url === '/gzip') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
        return res.end(zlib.gzipSync(JSON.stringify({ value: [1, 2, 3] })));
      }
      if (req.url === '/empty') {
        res.writeHead(204);
        return res.end();
      }
      if (req.url === '/error') {
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '1' });
        return res.end(JSON.stringify({ error: { code: 'TooManyRequests' } }));
      }
      // /hang: never answers.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the Graph HTTP transport', () => {
  it('sends method, headers and body, and answers with what graph-client reads', async () => {
    const res = await sendGraphRequest(`${base}/json`, { method: 'post', headers: { Authorization: 'Bearer x', 'Content-Type': 'application/json' }, body: JSON.stringify({ a: 'ö' }) }, 5_000);
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('ETag')).toBe('"1,2"');
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(await res.json()).toEqual({ echo: { a: 'ö' }, å: 'ä' });
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/json', body: '{"a":"ö"}' });
    expect(request.headers.authorization).toBe('Bearer x');
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"ö"}')));
  });

  it('decodes a gzip answer, gives 204 an empty body and error statuses as they are', async () => {
    const gz = await sendGraphRequest(`${base}/gzip`, {}, 5_000);
    expect(await gz.json()).toEqual({ value: [1, 2, 3] });
    expect(gz.headers.get('content-encoding')).toBeNull();
    const empty = await sendGraphRequest(`${base}/empty`, { method: 'DELETE' }, 5_000);
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
    const refused = await sendGraphRequest(`${base}/error`, {}, 5_000);
    expect(refused.ok).toBe(false);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('1');
    expect(await refused.json()).toEqual({ error: { code: 'TooManyRequests' } });
  });

  it('keeps the connection for the next request', async () => {
    await sendGraphRequest(`${base}/json`, {}, 5_000);
    const first = seen.at(-1)!.socket;
    await sendGraphRequest(`${base}/json`, {}, 5_000);
    expect(seen.at(-1)!.socket).toBe(first);
  });

  it('gives up on a silent server with a TimeoutError, and a refused connection is a fetch-like TypeError', async () => {
    await expect(sendGraphRequest(`${base}/hang`, {}, 200)).rejects.toMatchObject({ name: 'TimeoutError' });
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(sendGraphRequest(`http://127.0.0.1:${port}/x`, {}, 5_000)).rejects.toBeInstanceOf(TypeError);
  });
});
