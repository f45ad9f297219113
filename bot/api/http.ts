/**
 * HTTP plumbing of `/api/v1`: the user's language, and one place that turns what a use case threw
 * into a status and a message in that language. Nothing was written when an error is answered.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from '../../core/api';
import { Refused } from '../../core/app/platform';
import { resolveLocale, t, type Locale } from '../../core/i18n';
import { formatIssue } from '../../core/i18n/validation';
import { ConflictError, NotFoundError, RecordValidationError, StoreRequestError, StoreUnavailableError } from '../../core/ports/errors';
import type { Logger } from '../log';
import { InvalidTokenError } from './auth/token-validator';

/** `?locale=` first, then the first tag of Accept-Language; Swedish when neither says English. */
export function localeOf(req: Request): Locale {
  const q = typeof req.query.locale === 'string' ? req.query.locale : null;
  if (q) return resolveLocale(q);
  const header = req.get('accept-language');
  return resolveLocale(header?.split(',')[0]?.split(';')[0]?.trim() ?? null);
}

/** A request the API refuses before any use case runs (missing header, bad query). */
export class BadRequest extends Error {
  override readonly name = 'BadRequest';
  constructor(readonly messageKey: Parameters<typeof t>[1], readonly code = 'bad_request') {
    super(messageKey);
  }
}

/**
 * The error handler of the API router. A ConflictError's current record is added by the route
 * that knows how to read it (`res.locals.conflictCurrent`).
 */
export function errorHandler(log?: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const locale = localeOf(req);
    const send = (status: number, body: ErrorBody) => {
      res.status(status).set('Cache-Control', 'no-store').json(body);
    };
    if (error instanceof InvalidTokenError) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      return send(401, { error: 'unauthorized', message: t(locale, 'tab.error.signIn') });
    }
    if (error instanceof Refused) {
      const status = { forbidden: 403, state: 409, invalid: 400, not_found: 404 }[error.reason];
      return send(status, { error: error.reason, message: t(locale, error.messageKey, error.params) });
    }
    if (error instanceof RecordValidationError) {
      return send(400, {
        error: 'validation',
        message: t(locale, 'tab.error.validation'),
        issues: error.issues.map((i) => ({ path: i.path, field: String(i.path.find((p) => typeof p === 'string') ?? ''), message: formatIssue(locale, i) })),
      });
    }
    if (error instanceof ConflictError) {
      return send(409, { error: 'conflict', message: t(locale, 'error.conflict'), current: res.locals.conflictCurrent ?? null });
    }
    if (error instanceof NotFoundError) return send(404, { error: 'not_found', message: t(locale, 'error.notFound') });
    if (error instanceof BadRequest) return send(400, { error: error.code, message: t(locale, error.messageKey) });
    if (error instanceof StoreUnavailableError) {
      res.set('Retry-After', '5');
      return send(503, { error: 'unavailable', message: t(locale, 'error.unavailable') });
    }
    if (error instanceof StoreRequestError && error.code === 'invalidCursor') return send(400, { error: 'bad_request', message: t(locale, 'tab.error.badRequest') });
    if ((error as { type?: string }).type === 'entity.parse.failed' || (error as { type?: string }).type === 'entity.too.large') {
      return send(400, { error: 'bad_request', message: t(locale, 'tab.error.badRequest') });
    }
    log?.error({ event: 'api.error', path: req.path, method: req.method, err: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, 'tab API request failed');
    return send(500, { error: 'unexpected', message: t(locale, 'error.unexpected') });
  };
}
