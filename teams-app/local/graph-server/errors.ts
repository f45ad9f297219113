/**
 * Graph-style errors. Every failure the server reports travels as a GraphError and is rendered
 * as Graph's JSON error body: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`.
 */

/** An error that maps one-to-one onto a Graph error response. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
    /** Graph sometimes nests a more specific code in innerError (e.g. throttledRequest). */
    readonly innerCode?: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

/** Graph formats innerError.date without fractional seconds and without a zone suffix. */
export function graphErrorDate(now = new Date()): string {
  return now.toISOString().slice(0, 19);
}

export function errorBody(
  err: GraphError,
  requestId: string,
  clientRequestId: string,
): Record<string, unknown> {
  const innerError: Record<string, string> = {
    date: graphErrorDate(),
    'request-id': requestId,
    'client-request-id': clientRequestId,
  };
  if (err.innerCode) innerError.code = err.innerCode;
  return { error: { code: err.code, message: err.message, innerError } };
}

export const badRequest = (message: string): GraphError => new GraphError(400, 'BadRequest', message);
export const invalidRequest = (message: string): GraphError => new GraphError(400, 'invalidRequest', message);
export const notFound = (message: string): GraphError => new GraphError(404, 'itemNotFound', message);

/** What Graph answers for a path segment it cannot route. */
export const segmentNotFound = (segment: string): GraphError =>
  badRequest(`Resource not found for the segment '${segment}'.`);

export const methodNotAllowed = (): GraphError =>
  new GraphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request target.');

/**
 * Graph's throttling answer for SharePoint resources (429, activityLimitReached / throttledRequest).
 * With `retryAfterSeconds` undefined no Retry-After header is sent, as Graph does when SharePoint
 * refuses a query over the list view threshold.
 */
export function throttled(retryAfterSeconds?: number, extraHeaders: Record<string, string> = {}): GraphError {
  const headers: Record<string, string> = { ...extraHeaders };
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  return new GraphError(429, 'activityLimitReached', 'The request has been throttled', headers, 'throttledRequest');
}

/**
 * What Graph answers when SharePoint refuses a list query over the list view threshold
 * (SPQueryThrottledException, which SharePoint's own REST API reports as 500
 * "-2147024860, Microsoft.SharePoint.SPQueryThrottledException"): 429 activityLimitReached,
 * "The request has been throttled", and no Retry-After — waiting does not help, the same query fails
 * again (microsoftgraph/msgraph-sdk-dotnet#827: 429 on a 50 000-item list once the first filter selects
 * more than 5 000 items). Other reports show Graph answering `notSupported` / innerError
 * `tooManyResources` ("The request is unprocessable because it uses too many resources"); the
 * adapter recognises both (core/adapters/sharepoint/errors.ts). `x-local-graph-reason` is not a Graph
 * header: it only helps a person reading a trace tell this from injected throttling.
 */
export function listViewThresholdExceeded(): GraphError {
  return throttled(undefined, { 'x-local-graph-reason': 'list-view-threshold' });
}

export function serviceUnavailable(retryAfterSeconds: number): GraphError {
  return new GraphError(
    503,
    'serviceNotAvailable',
    'The service is temporarily unavailable. Please retry after the time given in the Retry-After header.',
    { 'Retry-After': String(retryAfterSeconds) },
  );
}
