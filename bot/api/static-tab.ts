/**
 * Serves the built tab (`dist/tab`, `npm run build:tab`) at `/`, with the security headers a Teams
 * tab needs: a CSP whose `frame-ancestors` lets Teams and Microsoft 365 frame it and nobody else,
 * `nosniff`, no referrer. Hashed assets are cached for a year; `index.html` never.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
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
