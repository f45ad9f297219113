/**
 * Start and the access forms of `/api/v1`:
 *
 * | Route | |
 * |---|---|
 * | `GET /home` | the signed-in person's home: own cases and training, and by role what waits for them |
 * | `GET /access/request-form?kind=&subjectId=&assetId=` | the request form's choices (the bot's request card's) |
 * | `POST /access/requests` | request access (Idempotency-Key: one per filled-in form) — the bot's `submitAccessRequest` |
 * | `POST /access/requests/:id/decision` | the owner's decision (If-Match: the version decided on) — the card's `decideAccessRequest` |
 *
 * The actor comes from the validated token; the use cases check permission against stored records.
 */
import type { Request, Response, Router } from 'express';
import { AccessDecisionInput, AccessRequestInput, RequestFormQuery, type AccessDecisionResult, type AccessRequestDetail, type RequestFormOptions } from '../../core/api';
import { requestFormOptions, submitAccessRequest } from '../../core/app/access';
import { buildHome, decideFromTab, requestDetail, type ChatLinkSettings } from '../../core/app/home';
import type { Actor } from '../../core/app/people';
import type { Deps } from '../../core/app/platform';
import { t } from '../../core/i18n';
import { idempotencyKey, ifMatch, itemId, localeOf } from './http';
import { parseBody, parseQuery } from './request';

type ActorResponse = Response<unknown, { actor: Actor; conflictCurrent?: unknown }>;


export interface HomeRouteOptions {
  /** The Teams app id (`TEAMS_APP_ID`): links to the person's chat with the app need it. */
  teamsAppId: string | null;
}

export function mountHomeRoutes(router: Router, deps: Deps, options: HomeRouteOptions): void {
  const chat = (): ChatLinkSettings => ({ tenantId: deps.settings.tenantId, teamsAppId: options.teamsAppId });

  router.get('/home', async (_req, res: ActorResponse) => {
    res.json(await buildHome(deps, res.locals.actor, { chat: chat() }));
  });

  router.get('/access/request-form', async (req, res: ActorResponse) => {
    const q = parseQuery(req, RequestFormQuery);
    const options = await requestFormOptions(deps, res.locals.actor, { kind: q.kind ?? null, subjectId: q.subjectId ?? null, assetId: q.assetId ?? null });
    res.json({ self: options.self, people: options.people, assets: options.assets, grants: options.grants } satisfies RequestFormOptions);
  });

  router.post('/access/requests', async (req: Request, res: ActorResponse) => {
    const key = idempotencyKey(req);
    const body = parseBody(req, AccessRequestInput);
    const view = await submitAccessRequest(
      deps,
      res.locals.actor,
      {
        kind: body.kind,
        subjectId: body.subjectId,
        assetId: body.assetId,
        role: body.role,
        justification: body.justification,
        validUntil: body.validUntil,
        grantId: body.grantId,
      },
      `tab-${key}`,
    );
    res.status(201).json(requestDetail(view) satisfies AccessRequestDetail);
  });

  router.post('/access/requests/:id/decision', async (req: Request, res: ActorResponse) => {
    const id = itemId(req);
    const etag = ifMatch(req, res);
    if (etag === null) return;
    const body = parseBody(req, AccessDecisionInput);
    const { result, conflict } = await decideFromTab(deps, res.locals.actor, id, etag, body.decision, body.comment ?? null);
    if (conflict) {
      const r = result.request;
      const locale = localeOf(req);
      res.status(409).json({
        error: 'conflict',
        message: t(locale, r.status === 'denied' ? 'tab.home.decision.takenDenied' : r.status === 'pending' ? 'tab.home.decision.takenOther' : 'tab.home.decision.takenApproved', {
          name: r.decidedBy?.name ?? t(locale, 'tab.home.someoneElse'),
        }),
        current: result satisfies AccessDecisionResult,
      });
      return;
    }
    res.set('ETag', result.etag).json(result satisfies AccessDecisionResult);
  });
}
