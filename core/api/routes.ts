/**
 * Every route of `/api/v1` and its shapes, in one table, and the check of an answer against it.
 * The server's routes (bot/api) are checked to be exactly these (tests/bot/api/routes.test.ts);
 * tests check every answer they get against it; the tab checks what it receives in development
 * (tab/api/dev-check.ts loads this module on demand, so zod never reaches the production bundle).
 */
import { z } from 'zod';
import { ACCESS_ROUTES } from './access';
import { AMBASSADOR_ROUTES } from './ambassadors';
import { ASSET_ROUTES } from './assets';
import { AUDIT_ROUTES } from './audits';
import { ErrorBody, type RouteKey, type RouteShapes } from './common';
import { GDPR_ROUTES } from './gdpr';
import { GOVERNANCE_ROUTES } from './governance';
import { HOME_ROUTES } from './home';
import { IMPROVEMENT_ROUTES } from './improvements';
import { INCIDENT_ROUTES } from './incidents';
import { OVERVIEW_ROUTES } from './overview';
import { PROCUREMENT_ROUTES } from './procurements';
import { RETENTION_ROUTES } from './registers';
import { REVIEW_ROUTES } from './reviews';
import { RISK_ROUTES } from './risks';
import { ROLE_ROUTES } from './roles';
import { SEARCH_ROUTES } from './search';
import { SESSION_ROUTES } from './session';
import { SUPPLIER_ROUTES } from './suppliers';
import { TRAINING_ROUTES } from './training';

export const API_ROUTES = {
  ...SESSION_ROUTES,
  ...OVERVIEW_ROUTES,
  ...ASSET_ROUTES,
  ...INCIDENT_ROUTES,
  ...SUPPLIER_ROUTES,
  ...GDPR_ROUTES,
  ...IMPROVEMENT_ROUTES,
  ...TRAINING_ROUTES,
  ...ACCESS_ROUTES,
  ...AMBASSADOR_ROUTES,
  ...RISK_ROUTES,
  ...AUDIT_ROUTES,
  ...GOVERNANCE_ROUTES,
  ...ROLE_ROUTES,
  ...PROCUREMENT_ROUTES,
  ...RETENTION_ROUTES,
  ...REVIEW_ROUTES,
  ...HOME_ROUTES,
  ...SEARCH_ROUTES,
} satisfies Partial<Record<RouteKey, RouteShapes>>;

export type ApiRoute = keyof typeof API_ROUTES;
/** The 2xx answer of a route, e.g. `ResponseOf<'GET /assets'>`. */
export type ResponseOf<R extends ApiRoute> = z.infer<(typeof API_ROUTES)[R]['response']>;

const table = (Object.entries(API_ROUTES) as [ApiRoute, RouteShapes][]).map(([key, shapes]) => {
  const [method, pattern] = key.split(' ') as [string, string];
  return { key, method, segments: pattern.split('/').slice(1), shapes };
});

/**
 * The route a request is for: `method` and the path under `/api/v1` (a query string is ignored).
 * A literal segment wins over a parameter (`/incidents/form-options` before `/incidents/:id`).
 */
export function findRoute(method: string, path: string): { key: ApiRoute; shapes: RouteShapes } | null {
  const segments = path.split(/[?#]/)[0]!.replace(/\/+$/, '').split('/').slice(1);
  let best: { key: ApiRoute; shapes: RouteShapes; literal: number } | null = null;
  for (const r of table) {
    if (r.method !== method.toUpperCase() || r.segments.length !== segments.length) continue;
    let literal = 0;
    const fits = r.segments.every((s, i) => (s.startsWith(':') ? segments[i] !== '' : s === segments[i] && ++literal > 0));
    if (fits && (!best || literal > best.literal)) best = { key: r.key, shapes: r.shapes, literal };
  }
  return best && { key: best.key, shapes: best.shapes };
}

export interface AnswerIssue {
  /** Where in the JSON, e.g. `items.3.owner.name` (empty: the whole answer). */
  path: string;
  message: string;
}

const issuesOf = (error: z.ZodError, prefix: (string | number)[] = []): AnswerIssue[] =>
  error.issues.map((i) => ({ path: [...prefix, ...i.path].map(String).join('.'), message: i.message }));

/**
 * Checks an answer of `/api/v1` against its route's shapes: a 2xx against `response`, a status the
 * route names in `answers` against that, anything else against ErrorBody — and a 409's `current`
 * record against `response`. `route` is null for a path no route has (then nothing is checked).
 */
export function checkAnswer(method: string, path: string, status: number, body: unknown): { route: ApiRoute | null; issues: AnswerIssue[] } {
  const found = findRoute(method, path);
  if (!found) return { route: null, issues: [] };
  const { shapes } = found;
  const schema = status >= 200 && status < 300 ? shapes.response : (shapes.answers?.[status] ?? ErrorBody);
  const result = schema.safeParse(body);
  const issues = result.success ? [] : issuesOf(result.error);
  if (status === 409 && result.success) {
    const current = (body as { current?: unknown }).current;
    if (current !== null && current !== undefined) {
      const r = shapes.response.safeParse(current);
      if (!r.success) issues.push(...issuesOf(r.error, ['current']));
    }
  }
  return { route: found.key, issues };
}
