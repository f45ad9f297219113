/**
 * The response headers a security scanner expects on every answer of the server (issue 17.6), set
 * with helmet:
 *
 * - `Strict-Transport-Security` (a year, subdomains): production runs on https only; browsers
 *   ignore the header over plain http, so local mode is unaffected;
 * - `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'` for everything that is not
 *   the tab (JSON, health): nothing may run in or frame an API answer. The tab's own policy, whose
 *   `frame-ancestors` lets Teams, Microsoft 365, Outlook and SharePoint frame it, replaces it on the
 *   tab's routes (bot/api/static-tab.ts);
 * - no `X-Frame-Options`: it cannot name several hosts, and the tab must be framed by Teams;
 *   `frame-ancestors` decides instead;
 * - `Cross-Origin-Opener-Policy: same-origin-allow-popups`: sign-in popups (MSAL, Teams
 *   authentication) keep their opener;
 * - `nosniff`, `Referrer-Policy: no-referrer`, `Cross-Origin-Resource-Policy: same-origin`,
 *   `Origin-Agent-Cluster`, `X-DNS-Prefetch-Control: off`, `X-Permitted-Cross-Domain-Policies: none`,
 *   and no `X-Powered-By`.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const HSTS_MAX_AGE = 365 * 24 * 3600;

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: false,
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    strictTransportSecurity: { maxAge: HSTS_MAX_AGE, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    xPoweredBy: true,
  });
}
