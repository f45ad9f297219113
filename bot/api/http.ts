/**
 * HTTP plumbing of `/api/v1`: the user's language, and one place that turns what a use case threw
 * into a status and a message in that language. Nothing was written when an error is answered.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from '../../core/api';
import { NotAdmitted } from '../../core/app/people';
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
    // Not let in at all (issue 17.4): the tab shows the message instead of its views.
    if (error instanceof NotAdmitted) return send(403, { error: 'not_admitted', message: t(locale, error.messageKey) });
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
    const refused = bodyRefusal(error, locale);
    if (refused) return send(refused.status, refused.body);
    log?.error({ event: 'api.error', path: req.path, method: req.method, err: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, 'tab API request failed');
    // Never internals in the answer, whatever NODE_ENV says: the details are in the log.
    return send(500, { error: 'unexpected', message: t(locale, 'error.unexpected') });
  };
}

/**
 * What the body parsers (body-parser, via express.json/express.text) throw for a body the client got
 * wrong, as a status and a JSON body in the user's language; null for anything else. Their own
 * messages are not shown (they name internals such as the parser's limits).
 */
export function bodyRefusal(error: unknown, locale: Locale): { status: number; body: ErrorBody } | null {
  const e = error as { type?: string; status?: number; charset?: string; expose?: boolean } | null;
  if (!e || typeof e !== 'object') return null;
  switch (e.type) {
    case 'entity.parse.failed':
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, body: { error: 'bad_request', message: t(locale, 'http.badRequest') } };
    case 'entity.too.large':
    case 'parameters.too.many':
      return { status: 413, body: { error: 'too_large', message: t(locale, 'http.tooLarge') } };
    case 'charset.unsupported':
      return { status: 415, body: { error: 'unsupported_charset', message: t(locale, 'http.unsupportedCharset', { charset: clip(e.charset ?? '?') }) } };
    case 'encoding.unsupported':
      return { status: 415, body: { error: 'unsupported_encoding', message: t(locale, 'http.unsupportedMediaType', { type: 'Content-Encoding' }) } };
  }
  // Any other client error the parsers mark as safe to expose.
  if (e.expose === true && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const error = e.status === 404 ? 'not_found' : e.status === 405 ? 'method_not_allowed' : 'bad_request';
    return { status: e.status, body: { error, message: t(locale, e.status === 404 ? 'error.notFound' : e.status === 405 ? 'http.methodNotAllowed' : 'http.badRequest') } };
  }
  return null;
}

const clip = (s: string) => s.replace(/[^\w.:+-]/g, '').slice(0, 40) || '?';

/** True when the request carries a body (as type-is decides: a length over zero, or chunked). */
export function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

/**
 * Refuses, with 415 and JSON, a request whose body is not of a type the route reads — before any
 * parser runs. `allowed` names the media types per request (e.g. CSV only for the training import).
 */
export function requireBodyType(allowed: (req: Request) => string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) return next();
    const types = allowed(req);
    if (req.is(types)) return next();
    const type = clip((req.get('content-type') ?? 'none').split(';')[0]!.trim());
    res
      .status(415)
      .set({ 'Cache-Control': 'no-store', Accept: types.join(', ') })
      .json({ error: 'unsupported_media_type', message: t(localeOf(req), 'http.unsupportedMediaType', { type }) } satisfies ErrorBody);
  };
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;
const ITEM_ID = /^[1-9]\d{0,9}$/;

/** The `:id` route parameter: a SharePoint item id, else 400. */
export function itemId(req: Request): string {
  const id = String(req.params.id ?? '');
  if (!ITEM_ID.test(id)) throw new BadRequest('tab.error.badRequest');
  return id;
}

/** The Idempotency-Key header (one per form submission), else 400. */
export function idempotencyKey(req: Request): string {
  const key = req.get('idempotency-key') ?? '';
  if (!IDEMPOTENCY_KEY.test(key)) throw new BadRequest('tab.error.idempotencyKey');
  return key;
}

/** The If-Match header, or a 428 answer (then null). */
export function ifMatch(req: Request, res: Response): string | null {
  const etag = req.get('if-match');
  if (!etag) {
    res.status(428).json({ error: 'precondition_required', message: t(localeOf(req), 'tab.error.ifMatch') });
    return null;
  }
  return etag;
}
