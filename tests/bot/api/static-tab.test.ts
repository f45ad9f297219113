/**
 * The tab's files as the app server sends them: hashed assets brotli- or gzip-compressed by what
 * the browser accepts, cached for a year as immutable; index.html revalidated every time; the
 * tab's JSON compressed too; nothing outside the assets folder reachable.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressedAssets } from '../../../bot/api/static-tab';
import { listen, type RunningServer } from '../../../bot/server';

let dir: string;
let server: RunningServer;
const js = `export const views = [${Array.from({ length: 400 }, (_, i) => `'view-${i}'`).join(', ')}];\n`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lis-static-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), js);
  writeFileSync(path.join(dir, 'assets', 'tiny-abc123.js'), 'export {};\n');
  writeFileSync(path.join(dir, 'secret.txt'), 'not an asset');
  const app = express();
  app.use('/assets', compressedAssets(path.join(dir, 'assets')));
  app.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  server = await listen(app, '127.0.0.1', 0);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (p: string, encoding: string) => fetch(`${server.url}${p}`, { headers: { 'Accept-Encoding': encoding } });

describe('the tab’s static files', () => {
  it('sends a hashed asset brotli-compressed to a browser that takes brotli, immutable for a year', async () => {
    const res = await get('/assets/index-abc123.js', 'gzip, deflate, br, zstd');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // fetch decodes for us; the wire size is what Content-Length says.
    expect(await res.text()).toBe(js);
    expect(Number(res.headers.get('content-length'))).toBeLessThan(js.length / 4);
  });

  it('sends gzip where brotli is not accepted, and the file as it is where nothing is', async () => {
    const gz = await get('/assets/index-abc123.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(js);
    const plain = await get('/assets/index-abc123.js', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toContain('immutable');
    expect(await plain.text()).toBe(js);
  });

  it('compresses byte-exact (decompressed by hand), leaves tiny files alone, and reaches nothing outside the assets', async () => {
    const raw = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get: httpGet }) =>
        httpGet(`${server.url}/assets/index-abc123.js`, { headers: { 'Accept-Encoding': 'br' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
    });
    expect(brotliDecompressSync(raw).toString()).toBe(js);
    const tiny = await get('/assets/tiny-abc123.js', 'br');
    expect(tiny.headers.get('content-encoding')).toBeNull();
    for (const p of ['/assets/..%2Fsecret.txt', '/assets/../secret.txt', '/assets/%2e%2e/secret.txt']) {
      const res = await get(p, 'br');
      expect([403, 404], p).toContain(res.status);
      expect(await res.text(), p).not.toContain('not an asset');
    }
  });
});
