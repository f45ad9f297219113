/**
 * The tab's API, `/api/v1`: request → parse → use case → JSON. Every call but the sign-in ones
 * carries a bearer token validated here (the local demo token in local mode, an Entra ID access
 * token in Microsoft 365 mode); the actor is the token's `oid` with roles from the `Roles` list,
 * never a field of the request body or query.
 *
 * | Route | |
 * |---|---|
 * | `GET /config` | how the tab signs in (public) |
 * | `GET /auth/demo-people`, `POST /auth/demo` | local mode only: the demo sign-in |
 * | `GET /me`, `GET /people?query=`, `GET /units` | the session, the people picker, the units |
 * | `GET /dashboard` | Översikt |
 * | `GET /home`, `GET /access/request-form`, `POST /access/requests`, `POST /access/requests/:id/decision` | Start: bot/api/home.ts |
 * | `GET /search?q=&in=&before=&limit=` | Sök, across the registers: bot/api/search.ts |
 * | `GET /assets`, `GET /assets/:id`, `POST /assets`, `PATCH /assets/:id` | Informationstillgångar |
 * | `/incidents…`, `/suppliers…`, `/processing…`, `/improvements…`, `/trainings…`, `/access/…`, `/ambassadors` | the other registers: bot/api/registers.ts |
 * | `/reviews…` | Ledningens genomgång: bot/api/reviews.ts |
 *
 * Every route and its shapes (query, body, answer) are declared once, in core/api (routes.ts);
 * tests/bot/api/routes.test.ts checks that this router serves exactly those routes.
 *
 * Creates need `Idempotency-Key` (one per form submission: a double click makes one record);
 * updates need `If-Match` with the record's etag (stale → 409 with the current record).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { AssetListQuery, DemoSignIn, PeopleQuery, type DemoPerson, type DemoRefusedAccount, type TabAuthConfig } from '../../core/api';
import { admitActor, describeSession, listDemoAccounts, listUnits, NotAdmitted, searchPeople, type Actor } from '../../core/app/people';
import { createAsset, getAsset, listAssets, updateAsset } from '../../core/app/assets';
import type { Deps } from '../../core/app/platform';
import { buildDashboard } from '../../core/app/overview';
import { t } from '../../core/i18n';
import { ConflictError } from '../../core/ports/errors';
import type { Config } from '../config';
import type { Logger } from '../log';
import { EntraTokenValidator } from './auth/entra-token-validator';
import { loadLocalSecret, LocalTokens } from './auth/local-tokens';
import { InvalidTokenError, type TokenValidator } from './auth/token-validator';
import { BadRequest, errorHandler, localeOf, requireBodyType, idempotencyKey, itemId } from './http';
import { perUserRateLimit, type RateLimitOptions } from './rate-limit';
import { mountIssue14Registers } from './register-routes';
import { mountHomeRoutes } from './home';
import { mountSearchRoutes } from './search';
import { mountRegisterRoutes, TRAINING_CSV_TYPES } from './registers';
import { mountReviewRoutes } from './reviews';
import { parseQuery } from './request';

export interface TabApiOptions {
  config: Config;
  deps: Deps;
  log?: Logger;
  /**
   * Overrides the token validator (tests of the Entra path use a local key and metadata on
   * loopback). By default: LocalTokens in local mode, EntraTokenValidator in Microsoft 365 mode.
   */
  validator?: TokenValidator;
  /** Per-user rate limit (bot/api/rate-limit.ts); default TAB_API_RATE. */
  rateLimit?: RateLimitOptions;
}


type ActorResponse = Response<unknown, { actor: Actor; conflictCurrent?: unknown }>;

export function createTabApi(options: TabApiOptions): Router {
  const { config, deps, log } = options;
  const router = Router();
  const localTokens = config.mode === 'local' ? new LocalTokens(loadLocalSecret(config.local?.dataDir ?? null), config.tenantId, () => deps.clock.now()) : null;
  let entra: EntraTokenValidator | null = null;
  const validator: TokenValidator = options.validator ??
    localTokens ?? {
      // Built on first use: the OpenID metadata is fetched then, not at start.
      validate: (token) => {
        const tab = config.m365?.tab;
        if (!tab) throw new InvalidTokenError('no tab app configured');
        entra ??= new EntraTokenValidator({ tenantId: config.tenantId, audiences: [tab.appIdUri, tab.clientId], requiredScope: tab.scope, authorityHost: tab.authorityHost });
        return entra.validate(token);
      },
    };

  // JSON everywhere, the file's bytes only for the training import; anything else is 415 before a parser runs.
  router.use(requireBodyType((req) => (req.method === 'POST' && req.path === '/trainings/import' ? TRAINING_CSV_TYPES : ['application/json'])));
  router.use(express.json({ limit: '64kb' }));
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  // ── public ───────────────────────────────────────────────────────────────
  router.get('/config', (_req, res) => {
    const body: TabAuthConfig =
      config.mode === 'local' || !config.m365
        ? { mode: 'local', tenantId: config.tenantId, auth: { kind: 'local' } }
        : {
            mode: 'm365',
            tenantId: config.tenantId,
            auth: {
              kind: 'entra',
              clientId: config.m365.tab.clientId,
              authority: `${config.m365.tab.authorityHost}/${config.tenantId}`,
              scopes: [`${config.m365.tab.appIdUri}/${config.m365.tab.scope}`],
            },
          };
    res.json(body);
  });

  if (localTokens) {
    // Local mode only (loopback, no Microsoft 365): choose whom to act as. In Microsoft 365 mode
    // these routes do not exist.
    router.get('/auth/demo-people', async (_req, res) => {
      // The demo directory's guest and disabled accounts are listed apart, to try the entry check:
      // the demo sign-in gives them a token like anyone, and the API then refuses them (403).
      const { people, refused } = await listDemoAccounts(deps);
      res.json({
        people: people.map((p): DemoPerson => ({ id: p.id, name: p.name, unit: p.unit, roles: p.roles })),
        refused: refused.map((p): DemoRefusedAccount => ({ id: p.id, name: p.name, unit: p.unit, reason: p.reason })),
      });
    });
    router.post('/auth/demo', async (req, res) => {
      const body = DemoSignIn.safeParse(req.body);
      if (!body.success) throw new BadRequest('tab.error.badRequest');
      const person = await deps.directory.getPerson(body.data.personId);
      if (!person) throw new InvalidTokenError('unknown demo person');
      res.json(await localTokens.issue({ oid: person.aadObjectId, name: person.displayName }));
    });
  }

  // ── everything else: a valid token ───────────────────────────────────────
  router.use(async (req: Request, res: ActorResponse, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match) throw new InvalidTokenError('no bearer token');
    const claims = await validator.validate(match[1]!);
    // Who may enter (issue 17.4): in Microsoft 365 mode only people assigned to the tab's
    // enterprise app (its app role in the token), and in both modes only enabled accounts of the
    // organisation's own directory — a guest, a disabled or unknown account gets 403 and a message.
    const appRole = config.mode === 'm365' ? (config.m365?.tab.appRole ?? null) : null;
    if (appRole && !claims.roles.includes(appRole)) throw new NotAdmitted('notAssigned');
    res.locals.actor = await admitActor(deps, claims.oid);
    next();
  });
  // One person, one budget: a runaway tab or script cannot spend the tenant's SharePoint quota.
  router.use(perUserRateLimit(options.rateLimit));

  router.get('/me', (_req, res: ActorResponse) => {
    res.json(describeSession(res.locals.actor));
  });

  router.get('/people', async (req, res) => {
    res.json({ people: await searchPeople(deps, parseQuery(req, PeopleQuery).query ?? '') });
  });

  router.get('/units', async (_req, res) => {
    res.json({ units: await listUnits(deps) });
  });

  router.get('/dashboard', async (_req, res: ActorResponse) => {
    res.json(await buildDashboard(deps, res.locals.actor));
  });

  // Issue 14's registers first: `/assets/export.xlsx` is not an asset id.
  mountIssue14Registers(router, deps);

  router.get('/assets', async (req, res: ActorResponse) => {
    res.json(await listAssets(deps, res.locals.actor, parseQuery(req, AssetListQuery)));
  });

  router.get('/assets/:id', async (req, res: ActorResponse) => {
    const id = itemId(req);
    const view = await getAsset(deps, res.locals.actor, id);
    res.set('ETag', view.etag).json(view);
  });

  router.post('/assets', async (req, res: ActorResponse) => {
    const key = idempotencyKey(req);
    const view = await createAsset(deps, res.locals.actor, key, req.body);
    res.status(201).set('ETag', view.etag).set('Location', `${req.baseUrl}/assets/${view.id}`).json(view);
  });

  router.patch('/assets/:id', async (req, res: ActorResponse) => {
    const id = itemId(req);
    const etag = req.get('if-match');
    if (!etag) {
      res.status(428).json({ error: 'precondition_required', message: t(localeOf(req), 'tab.error.ifMatch') });
      return;
    }
    try {
      const view = await updateAsset(deps, res.locals.actor, id, etag, req.body);
      res.set('ETag', view.etag).json(view);
    } catch (error) {
      if (error instanceof ConflictError) res.locals.conflictCurrent = await getAsset(deps, res.locals.actor, id).catch(() => null);
      throw error;
    }
  });

  mountRegisterRoutes(router, deps);
  mountReviewRoutes(router, deps);
  mountHomeRoutes(router, deps, { teamsAppId: config.teamsAppId });
  mountSearchRoutes(router, deps);

  router.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'No such API route.' });
  });
  router.use(errorHandler(log));
  return router;
}


