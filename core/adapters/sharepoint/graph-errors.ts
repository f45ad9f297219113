/**
 * Reading Graph's answers for SharePoint lists: which failure is which. Two are easy to get wrong.
 *
 * The list view threshold. SharePoint refuses a list query whose first condition selects more than
 * 5 000 items (SPQueryThrottledException). Graph has been seen to report it as
 * - 429 `activityLimitReached` "The request has been throttled" WITHOUT a Retry-After header
 *   (microsoftgraph/msgraph-sdk-dotnet#827), while real throttling always names a Retry-After; or
 * - `notSupported` "The request is unprocessable because it uses too many resources", innerError
 *   `tooManyResources` (documented by UiPath for Graph list queries on lists over 5 000 items); or
 * - SharePoint's own text, "…exceeds the list view threshold…" (SharePoint REST answers 500 with
 *   "-2147024860, Microsoft.SharePoint.SPQueryThrottledException").
 * Retrying any of them only repeats the refusal: the query has to change. They fail fast.
 *
 * A unique-value violation (SPDuplicateValuesFoundException, "The list item could not be added or
 * updated because duplicate values were found in the following field(s) in the list: [X]").
 * Graph answers 409 `nameAlreadyExists`; SharePoint REST answers 500, and Power Automate's connector
 * 400, with the same text. Any of them means "an item with this key exists": read it back by key.
 */

export interface GraphErrorInfo {
  status: number | undefined;
  code: string;
  innerCode: string;
  message: string;
  retryAfter: string | null;
}

function headerOf(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const record = headers as Record<string, string | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? (record[key] ?? null) : null;
}

/**
 * The parts of a failure that matter, from a graph-client GraphError or from an inner `$batch`
 * response (`{ statusCode, headers, ...body.error }` or `{ status, headers, body }`).
 */
export function graphErrorInfo(error: unknown): GraphErrorInfo {
  const e = (error ?? {}) as {
    statusCode?: unknown; status?: unknown; code?: unknown; message?: unknown; body?: unknown; headers?: unknown;
    innerError?: { code?: unknown };
  };
  let body: { error?: { code?: unknown; message?: unknown; innerError?: { code?: unknown } } } & { code?: unknown; message?: unknown; innerError?: { code?: unknown } } = {};
  if (typeof e.body === 'string') {
    try {
      body = JSON.parse(e.body) as typeof body;
    } catch {
      body = { message: e.body };
    }
  } else if (e.body && typeof e.body === 'object') body = e.body as typeof body;
  const inner = body.error ?? body;
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
  return {
    status,
    code: String(e.code ?? inner.code ?? ''),
    innerCode: String(inner.innerError?.code ?? e.innerError?.code ?? ''),
    message: String(e.message ?? inner.message ?? ''),
    retryAfter: headerOf(e.headers, 'Retry-After'),
  };
}

/** Whether a URL is a list-items query that filters or sorts (the only requests the threshold refuses). */
export function isItemQuery(url: string): boolean {
  const u = new URL(url, 'https://graph.invalid');
  if (!/\/items\/?$/i.test(decodeURIComponent(u.pathname))) return false;
  return [...u.searchParams.keys()].some((k) => /^\$?(filter|orderby)$/i.test(k));
}

/** SharePoint's list view threshold refusal, in any of the forms Graph has been seen to use. */
export function isListViewThresholdRefusal(info: GraphErrorInfo, url?: string): boolean {
  if (/list view threshold|SPQueryThrottledException/i.test(info.message) || /SPQueryThrottledException/i.test(info.code)) return true;
  if (info.innerCode === 'tooManyResources' || (info.code === 'notSupported' && /too many resources/i.test(info.message))) return true;
  return info.status === 429 && info.retryAfter === null && url !== undefined && isItemQuery(url);
}

/** A create or update refused because a unique column already holds the value. */
export function isUniqueViolation(info: GraphErrorInfo): boolean {
  if (/duplicate values were found/i.test(info.message) || /SPDuplicateValuesFound/i.test(info.code)) return true;
  return info.status === 409 && info.code === 'nameAlreadyExists';
}
