/**
 * Mounts the bot at POST /api/messages, with the door's own checks before the Bot Framework adapter
 * sees anything (issue 17.6, issue 18):
 *
 * - a body that is not JSON in UTF-8 gets 415, a malformed or oversized one 400/413 — always JSON,
 *   never the framework's HTML page with a stack trace, whatever NODE_ENV says;
 * - an activity whose shape the bot cannot handle (bot/teams/activity-shape.ts) gets 400 and nothing
 *   is written;
 * - a turn the rate limit refuses (checked in the bot, after the token and tenant checks) gets 429
 *   with Retry-After; card actions get a message on the card instead (bot/teams/bot.ts);
 * - whatever the adapter answers with 5xx is answered without its internals (the log has them).
 */
import express, { Router, type Request, type Response } from 'express';
import type { CloudAdapter } from 'botbuilder';
import { t } from '../../core/i18n';
import { bodyRefusal, localeOf, requireBodyType } from '../api/http';
import type { Logger } from '../log';
import { checkActivity } from './activity-shape';
import type { LisBot, TurnOutcome } from './bot';

const json = (res: Response, status: number, body: Record<string, unknown>) => {
  res.status(status).set('Cache-Control', 'no-store').json(body);
};

export function botEndpoint(adapter: CloudAdapter, bot: LisBot, log: Logger): Router {
  const router = Router();
  router.all('/api/messages', (req, res, next) => {
    if (req.method === 'POST') return next();
    res.set('Allow', 'POST');
    json(res, 405, { error: 'method_not_allowed', message: t(localeOf(req), 'http.methodNotAllowed') });
  });
  router.post(
    '/api/messages',
    requireBodyType(() => ['application/json']),
    // Teams activities are small; 256 kB leaves room for a long card submit and refuses abuse.
    express.json({ limit: '256kb' }),
    async (req: Request, res: Response) => {
      const check = checkActivity(req.body);
      if (!check.ok) {
        log.warn({ event: 'bot.bad_activity', field: check.field }, 'activity refused: malformed');
        json(res, 400, { error: 'bad_activity', message: t(localeOf(req), 'http.badActivity', { field: check.field }) });
        return;
      }
      // A user id that is not a string is made one, so that the bot can answer the sender with a
      // clear message (it checks for an Entra object id); the reply copies the sender.
      const from = (req.body as { from?: { id?: unknown; aadObjectId?: unknown } }).from;
      if (from && from.id !== undefined && typeof from.id !== 'string') from.id = typeof from.id === 'number' ? String(from.id) : 'invalid';
      if (from && from.aadObjectId != null && typeof from.aadObjectId !== 'string') from.aadObjectId = typeof from.aadObjectId === 'number' ? String(from.aadObjectId) : 'invalid';
      const outcome: TurnOutcome = {};
      const isInvoke = (req.body as { type?: string }).type === 'invoke';
      try {
        await adapter.process(req as never, answer(req, res, outcome, isInvoke) as never, async (context) => {
          await bot.run(context, outcome);
        });
      } catch (error) {
        log.error({ event: 'bot.process_failed', err: error instanceof Error ? error.message : String(error) }, 'bot request failed');
        if (!res.headersSent) json(res, 500, { error: 'unexpected', message: t(localeOf(req), 'error.unexpected') });
      }
    },
  );
  // Errors of the body parser (charset, malformed JSON, too large) and anything else: JSON, no internals.
  router.use('/api/messages', (error: unknown, req: Request, res: Response, _next: (e?: unknown) => void) => {
    const locale = localeOf(req);
    const refused = bodyRefusal(error, locale);
    if (refused) return json(res, refused.status, refused.body as unknown as Record<string, unknown>);
    log.error({ event: 'bot.endpoint_error', err: error instanceof Error ? error.message : String(error) }, 'bot endpoint failed');
    json(res, 500, { error: 'unexpected', message: t(locale, 'error.unexpected') });
  });
  return router;
}

/**
 * The response object handed to CloudAdapter.process: it lets the adapter say status and body, then
 * answers in JSON — 429 for a turn the rate limit refused, a bare refusal for 4xx, and a generic
 * message instead of the adapter's error text for 5xx.
 */
function answer(req: Request, res: Response, outcome: TurnOutcome, isInvoke: boolean) {
  let status = 200;
  let body: unknown;
  const self = {
    status(code: number) {
      status = code;
      return self;
    },
    send(b: unknown) {
      body = b;
      return self;
    },
    header(name: string, value: string) {
      res.header(name, value);
      return self;
    },
    end() {
      if (res.headersSent) return;
      const locale = localeOf(req);
      if (status >= 500) return json(res, 500, { error: 'unexpected', message: t(locale, 'error.unexpected') });
      if (status === 401) return json(res, 401, { error: 'unauthorized', message: 'Unauthorized' });
      if (status === 403) return json(res, 403, { error: 'forbidden', message: 'Forbidden' });
      if (status >= 400 && !isInvoke) return json(res, status, { error: 'bad_request', message: t(locale, 'http.badRequest') });
      if (outcome.retryAfterSeconds) res.set('Retry-After', String(outcome.retryAfterSeconds));
      if (outcome.retryAfterSeconds && !isInvoke) {
        return json(res, 429, { error: 'rate_limited', message: t(outcome.locale ?? locale, 'bot.rateLimited', { seconds: outcome.retryAfterSeconds }) });
      }
      if (body === undefined) {
        res.status(status).end();
        return;
      }
      res.status(status).set('Cache-Control', 'no-store').json(body);
    },
  };
  return self;
}
