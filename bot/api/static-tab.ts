/**
 * Serves the built tab (`dist/tab`, `npm run build:tab`) at `/`, with the security headers a Teams
 * tab needs: a CSP whose `frame-ancestors` lets Teams and Microsoft 365 frame it and nobody else,
 * `nosniff`, no referrer. Hashed assets are cached for a year as immutable; `index.html` is
 * revalidated every time (no-cache), so a new build is picked up at once.
 *
 * Assets are sent compressed — brotli where the browser takes it, else gzip — each compressed once
 * at the highest level on its first request and kept in memory (the files are immutable: their
 * names carry their content's hash). Brotli at level 11 is ~15 % smaller than gzip and costs
 * nothing after the first request; a build step was not needed for that.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import express, { Router, type RequestHandler } from 'express';
import type { Config } from '../config';

export const TAB_DIST = path.resolve(import.meta.dirname, '../../dist/tab');

/** Hosts that may frame the tab (PLATFORM.md). */
/** Teams, the Microsoft 365 app and Outlook (web), and SharePoint pages and web parts (supportedSharePointHosts). */
const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://teams.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
  'https://*.sharepoint.com',
];

export function tabContentSecurityPolicy(config: Config): string {
  const login = config.m365 ? new URL(config.m365.tab.authorityHost).origin : 'https://login.microsoftonline.com';
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) inserts its atomic CSS at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // teams-js fetches its list of valid host origins from the Office CDN (with a built-in fallback).
    `connect-src 'self' ${login} https://res.cdn.office.net`,
    // MSAL's silent renewal falls back to a hidden iframe on the authority.
    `frame-src ${login}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
  ].join('; ');
}

export function serveTab(config: Config, dist = TAB_DIST): Router {
  const router = Router();
  const csp = tabContentSecurityPolicy(config);
  router.use((req, res, next) => {
    if (req.path.startsWith('/api/') || req.path === '/healthz') return next();
    res.set({
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    });
    next();
  });
  router.use('/assets', compressedAssets(path.join(dist, 'assets')));
  router.use(
    '/assets',
    express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  router.get(['/', '/index.html'], (_req, res) => {
    const index = path.join(dist, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The tab is not built yet: run `npm run build:tab` (npm start does it for you).');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  router.use(express.static(dist, { index: false, maxAge: '1h' }));
  return router;
}

/** Text assets worth compressing, by extension, with their type. */
const COMPRESSIBLE: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
/** Below this, compression saves less than the header costs. */
const MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/**
 * Sends a hashed asset brotli- or gzip-compressed when the request accepts it; anything else
 * (identity only, a missing file, a path outside the folder) falls through to express.static.
 */
export function compressedAssets(dir: string): RequestHandler {
  const cache = new Map<string, Buffer>();
  const root = path.resolve(dir);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = path.resolve(root, `.${decodeURIComponent(req.path)}`);
    const type = COMPRESSIBLE[path.extname(file)];
    if (!type || !file.startsWith(`${root}${path.sep}`)) return next();
    // Brotli whenever it is accepted at all (browsers list it after gzip), else gzip.
    const encoding: Encoding | null = req.acceptsEncodings('br') === 'br' ? 'br' : req.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : null;
    if (!encoding) return next();
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return next();
    }
    if (!stat.isFile() || stat.size < MIN_BYTES) return next();
    const key = `${encoding}:${file}:${stat.mtimeMs}`;
    let body = cache.get(key);
    if (!body) {
      body = compress(readFileSync(file), encoding);
      cache.set(key, body);
    }
    res.set({
      'Content-Type': type,
      'Content-Encoding': encoding,
      'Content-Length': String(body.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      Vary: 'Accept-Encoding',
    });
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  };
}

function compress(data: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } })
    : gzipSync(data, { level: 9 });
}
