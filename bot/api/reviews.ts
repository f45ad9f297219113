/**
 * Ledningens genomgång in `/api/v1` (issue 15):
 *
 * | Route | |
 * |---|---|
 * | `GET /reviews`, `POST /reviews` (Idempotency-Key) | the reviews; ISAM creates the review of a period |
 * | `GET /reviews/:id`, `PATCH /reviews/:id` (If-Match) | the review with its figures; ISAM writes the draft |
 * | `POST /reviews/:id/present`, `…/reopen` (If-Match) | send for decision (figures frozen), take back to draft |
 * | `POST /reviews/:id/decision` (If-Match) | the director's decision and registry number: locked |
 * | `DELETE /reviews/:id` (If-Match) | discard a draft; a decided review only after its retention |
 * | `GET /reviews/:id/document.docx?lang=` | the review as a Word document |
 *
 * The actor comes from the validated token; authorization is in the use cases (core/app/reviews).
 */
import type { Response, Router } from 'express';
import { renderDocx } from '../../core/adapters/docx/docx-renderer';
import { pngCharts } from '../../core/adapters/charts/png-chart';
import type { Actor } from '../../core/app/people';
import type { Deps } from '../../core/app/platform';
import { createReview, decideReview, getReview, listReviews, presentReview, removeReview, reopenReview, reviewDocument, updateReview } from '../../core/app/reviews';
import { resolveLocale } from '../../core/i18n';
import { ConflictError } from '../../core/ports/errors';
import { DOCX_MEDIA_TYPE } from '../../core/ports/document';
import { localeOf, idempotencyKey, ifMatch, itemId } from './http';

type ActorResponse = Response<unknown, { actor: Actor; conflictCurrent?: unknown }>;





export function mountReviewRoutes(router: Router, deps: Deps): void {
  router.get('/reviews', async (_req, res: ActorResponse) => {
    res.json(await listReviews(deps, res.locals.actor));
  });

  router.post('/reviews', async (req, res: ActorResponse) => {
    const { view, created } = await createReview(deps, res.locals.actor, idempotencyKey(req), req.body, localeOf(req));
    res.status(created ? 201 : 200).set('ETag', view.etag).set('Location', `${req.baseUrl}/reviews/${view.id}`).json(view);
  });

  router.get('/reviews/:id', async (req, res: ActorResponse) => {
    const view = await getReview(deps, res.locals.actor, itemId(req));
    res.set('ETag', view.etag).json(view);
  });

  /** A write with If-Match; on a conflict the answer carries the review as it is now. */
  const write = (path: string, method: 'patch' | 'post', run: (actor: Actor, id: string, etag: string, body: unknown) => Promise<{ etag: string }>) =>
    router[method](path, async (req, res: ActorResponse) => {
      const id = itemId(req);
      const etag = ifMatch(req, res);
      if (!etag) return;
      try {
        const view = await run(res.locals.actor, id, etag, req.body ?? {});
        res.set('ETag', view.etag).json(view);
      } catch (error) {
        if (error instanceof ConflictError) res.locals.conflictCurrent = await getReview(deps, res.locals.actor, id).catch(() => null);
        throw error;
      }
    });

  write('/reviews/:id', 'patch', (actor, id, etag, body) => updateReview(deps, actor, id, etag, body));
  write('/reviews/:id/present', 'post', (actor, id, etag) => presentReview(deps, actor, id, etag));
  write('/reviews/:id/reopen', 'post', (actor, id, etag) => reopenReview(deps, actor, id, etag));
  write('/reviews/:id/decision', 'post', (actor, id, etag, body) => decideReview(deps, actor, id, etag, body));

  router.delete('/reviews/:id', async (req, res: ActorResponse) => {
    const id = itemId(req);
    const etag = ifMatch(req, res);
    if (!etag) return;
    try {
      await removeReview(deps, res.locals.actor, id, etag);
    } catch (error) {
      if (error instanceof ConflictError) res.locals.conflictCurrent = await getReview(deps, res.locals.actor, id).catch(() => null);
      throw error;
    }
    res.json({ id, removed: true });
  });

  router.get('/reviews/:id/document.docx', async (req, res: ActorResponse) => {
    const lang = typeof req.query.lang === 'string' ? resolveLocale(req.query.lang) : localeOf(req);
    const { document, fileName } = await reviewDocument(deps, res.locals.actor, itemId(req), lang, pngCharts);
    const bytes = await renderDocx(document);
    res
      .status(200)
      .set('Content-Type', DOCX_MEDIA_TYPE)
      .set('Content-Disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '-')}"`)
      .set('Content-Length', String(bytes.byteLength))
      .send(Buffer.from(bytes));
  });
}
