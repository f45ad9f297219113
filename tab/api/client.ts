/**
 * The typed client of `/api/v1`. Every request carries the bearer token and the user's language;
 * creates send a fresh `Idempotency-Key` per form submission, updates the record's etag in
 * `If-Match`. A 401 gets one new token and one retry. Errors arrive as ApiError with the server's
 * message in the user's language. The answers' types are core/api's (imported as types only); in
 * development each answer is also checked against its schema (dev-check.ts).
 */
import type { Locale } from '../../core/i18n';
import type { ErrorBody } from '../../core/api';
import { checkAnswerInDevelopment } from './dev-check';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }

  /** Field → messages, from a 400 validation answer. */
  fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const issue of this.body.issues ?? []) (out[issue.field || '_'] ??= []).push(issue.message);
    return out;
  }
}

export interface TokenSource {
  /** A token for the API; cached while valid. */
  getToken(): Promise<string>;
  /** A new token after the API refused the current one. */
  refreshToken(): Promise<string>;
}

export type Query = Record<string, string | number | undefined | null>;

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  /** A create, or an action on a record read at `etag` (both headers then). */
  post<T>(path: string, body: unknown, options: { idempotencyKey: string; etag?: string }): Promise<T>;
  patch<T>(path: string, body: unknown, options: { etag: string }): Promise<T>;
  /** Replaces a record's content: a first save with an Idempotency-Key, later ones with the etag read. */
  put<T>(path: string, body: unknown, options: { idempotencyKey: string; etag?: string | null }): Promise<T>;
  /** A file the API makes (a .docx): its bytes and the name the server gives it. */
  download(path: string, query?: Query): Promise<{ blob: Blob; fileName: string | null }>;
  /** Sends a file's text as it is (e.g. a CSV export), with an Idempotency-Key. */
  /** POST of a file's bytes as they are (the server decides their encoding). */
  upload<T>(path: string, body: ArrayBuffer, options: { idempotencyKey: string; contentType: string }): Promise<T>;
}

export interface ApiClientOptions {
  baseUrl?: string;
  tokens: TokenSource;
  locale: () => Locale;
  /** Called when the API still refuses after a fresh token: the tab shows the sign-in again. */
  onSignedOut?: () => void;
  fetch?: typeof fetch;
}

/** A UUID per form submission: the same key on a retry or a double click makes one record. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl ?? '/api/v1';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, init: { query?: Query; body?: unknown; raw?: ArrayBuffer; headers?: Record<string, string>; binary?: boolean } = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const url = `${base}${path}${params.size ? `?${params}` : ''}`;
    const send = async (token: string) => {
      try {
        return await doFetch(url, {
          method,
          headers: {
            Accept: 'application/json',
            'Accept-Language': options.locale(),
            Authorization: `Bearer ${token}`,
            ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...init.headers,
          },
          ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : init.raw !== undefined ? { body: init.raw } : {}),
        });
      } catch {
        throw new ApiError(0, { error: 'network', message: '' });
      }
    };
    let res = await send(await options.tokens.getToken());
    if (res.status === 401) {
      res = await send(await options.tokens.refreshToken());
      if (res.status === 401) options.onSignedOut?.();
    }
    if (init.binary && res.ok) {
      const disposition = res.headers.get('content-disposition') ?? '';
      return { blob: await res.blob(), fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null } as T;
    }
    const body = (await res.json().catch(() => null)) as unknown;
    await checkAnswerInDevelopment(method, `${path}${params.size ? `?${params}` : ''}`, res.status, body);
    if (!res.ok) {
      const b = (body ?? {}) as Partial<ErrorBody>;
      throw new ApiError(res.status, { ...b, error: b.error ?? 'unexpected', message: b.message ?? '' });
    }
    return body as T;
  }

  return {
    get: (path, query) => request('GET', path, { ...(query ? { query } : {}) }),
    post: (path, body, { idempotencyKey, etag }) => request('POST', path, { body, headers: { 'Idempotency-Key': idempotencyKey, ...(etag ? { 'If-Match': etag } : {}) } }),
    patch: (path, body, { etag }) => request('PATCH', path, { body, headers: { 'If-Match': etag } }),
    upload: (path, body, { idempotencyKey, contentType }) => request('POST', path, { raw: body, headers: { 'Idempotency-Key': idempotencyKey, 'Content-Type': contentType } }),
    put: (path, body, { idempotencyKey, etag }) => request('PUT', path, { body, headers: { 'Idempotency-Key': idempotencyKey, ...(etag ? { 'If-Match': etag } : {}) } }),
    download: (path, query) => request('GET', path, { ...(query ? { query } : {}), binary: true, headers: { Accept: '*/*' } }),
  };
}
