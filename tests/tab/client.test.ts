/**
 * The API client: token, language, Idempotency-Key and If-Match on the wire; one retry with a new
 * token after 401; errors with the server's message and per-field issues; in development, each
 * answer checked against its shape in core/api (a mismatch is a console error, never a failure).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, newIdempotencyKey } from '../../tab/api/client';
import { checkAnswerInDevelopment } from '../../tab/api/dev-check';
import { page, row, view } from './fixtures';
import { ME } from './render';

function recorder(responses: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    return responses.shift()!;
  }) as typeof fetch;
  return { calls, fetchImpl };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe('api client', () => {
  it('sends the token, the language, and the write headers', async () => {
    const { calls, fetchImpl } = recorder([json(200, page([row(1)])), json(201, view(1)), json(200, view(1))]);
    const api = createApiClient({ tokens: { getToken: async () => 't1', refreshToken: async () => 't2' }, locale: () => 'en', fetch: fetchImpl });
    expect(await api.get('/assets', { search: 'IA', unit: '', cursor: undefined })).toEqual(page([row(1)]));
    const key = newIdempotencyKey();
    await api.post('/assets', { a: 1 }, { idempotencyKey: key });
    await api.patch('/assets/1', { b: 2 }, { etag: '"e,1"' });
    expect(calls[0]!.url).toBe('/api/v1/assets?search=IA');
    expect(calls[0]!.init.headers).toMatchObject({ Authorization: 'Bearer t1', 'Accept-Language': 'en' });
    expect(calls[1]!.init).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'Idempotency-Key': key, 'Content-Type': 'application/json' } });
    expect(calls[2]!.init).toMatchObject({ method: 'PATCH', headers: { 'If-Match': '"e,1"' } });
  });

  it('retries once with a new token after 401, then reports being signed out', async () => {
    let signedOut = 0;
    const { calls, fetchImpl } = recorder([json(401, {}), json(200, ME.isam), json(401, {}), json(401, { error: 'unauthorized', message: 'Du behöver logga in.' })]);
    const api = createApiClient({ tokens: { getToken: async () => 'old', refreshToken: async () => 'new' }, locale: () => 'sv', fetch: fetchImpl, onSignedOut: () => signedOut++ });
    expect(await api.get('/me')).toEqual(ME.isam);
    expect(calls.map((c) => (c.init.headers as Record<string, string>).Authorization)).toEqual(['Bearer old', 'Bearer new']);
    await expect(api.get('/me')).rejects.toMatchObject({ status: 401, message: 'Du behöver logga in.' });
    expect(signedOut).toBe(1);
  });

  it('turns error answers into ApiError with per-field messages', async () => {
    const { fetchImpl } = recorder([json(400, { error: 'validation', message: 'Kontrollera de markerade fälten.', issues: [{ path: ['code'], field: 'code', message: 'A' }, { path: ['code'], field: 'code', message: 'B' }] })]);
    const api = createApiClient({ tokens: { getToken: async () => 't', refreshToken: async () => 't' }, locale: () => 'sv', fetch: fetchImpl });
    const error = (await api.post('/assets', {}, { idempotencyKey: 'k' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.fieldErrors()).toEqual({ code: ['A', 'B'] });
  });

  it('uploads a file\'s bytes as they are, with its key and media type, also on the retry after 401', async () => {
    const imported = { report: { ok: true, lines: 1, imported: 1, alreadyRecorded: 0, skipped: [], errors: [] }, skipped: [], errors: [] };
    const { calls, fetchImpl } = recorder([json(401, {}), json(200, imported)]);
    const api = createApiClient({ tokens: { getToken: async () => 'old', refreshToken: async () => 'new' }, locale: () => 'sv', fetch: fetchImpl });
    const bytes = Uint8Array.from([0x4b, 0x75, 0x72, 0x73, 0x3b, 0xe5, 0x0d, 0x0a]).buffer;
    expect(await api.upload('/trainings/import', bytes, { idempotencyKey: 'k-1', contentType: 'application/octet-stream' })).toEqual(imported);
    for (const call of calls) {
      expect(call.init).toMatchObject({ method: 'POST', headers: { 'Idempotency-Key': 'k-1', 'Content-Type': 'application/octet-stream' } });
      expect(call.init.body).toBe(bytes);
    }
  });

  it('reports a network failure as status 0', async () => {
    const api = createApiClient({ tokens: { getToken: async () => 't', refreshToken: async () => 't' }, locale: () => 'sv', fetch: (async () => { throw new TypeError('fetch failed'); }) as typeof fetch });
    await expect(api.get('/me')).rejects.toMatchObject({ status: 0 });
  });
});

describe('the check of answers in development', () => {
  afterEach(() => vi.restoreAllMocks());
  const quietConsole = () => vi.spyOn(console, 'error').mockImplementation(() => undefined);

  it('runs in the tests, which are a development build', () => {
    expect(import.meta.env.DEV).toBe(true);
  });

  it('says on the console which route and which place in the JSON differ, and still gives the answer', async () => {
    const errors = quietConsole();
    const drifted = { ...page([row(1)]), items: [{ ...row(1), owner: { id: 'x', name: 7 } }] };
    const { fetchImpl } = recorder([json(200, drifted)]);
    const api = createApiClient({ tokens: { getToken: async () => 't', refreshToken: async () => 't' }, locale: () => 'sv', fetch: fetchImpl });
    expect(await api.get('/assets', { pageSize: 5 })).toEqual(drifted);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(/GET \/assets\?pageSize=5 → 200 differs from its shape in core\/api \(GET \/assets\) at items\.0\.owner\.name/);
  });

  it('names a field the server sends that its schema does not know', async () => {
    const errors = quietConsole();
    await checkAnswerInDevelopment('GET', '/assets/1', 200, { ...view(1), secret: 'x' });
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(/GET \/assets\/:id.*Unrecognized key: "secret"/);
  });

  it('checks error answers, and the current record of a conflict', async () => {
    const errors = quietConsole();
    await checkAnswerInDevelopment('PATCH', '/assets/1', 409, { error: 'conflict', message: 'Ändrad av någon annan.', current: view(1) });
    await checkAnswerInDevelopment('POST', '/assets', 400, { error: 'validation', message: 'Kontrollera fälten.', issues: [{ path: ['code'], field: 'code', message: 'Fel format.' }] });
    expect(errors).not.toHaveBeenCalled();
    await checkAnswerInDevelopment('PATCH', '/assets/1', 409, { error: 'conflict', message: 'Ändrad av någon annan.', current: { ...view(1), etag: 5 } });
    await checkAnswerInDevelopment('GET', '/me', 403, { message: 'Nej.' });
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/at current\.etag/), expect.stringMatching(/GET \/me → 403 .* at error/)]);
  });

  it('keeps quiet about answers that fit and paths that are no route', async () => {
    const errors = quietConsole();
    await checkAnswerInDevelopment('GET', '/me', 200, ME.staff);
    await checkAnswerInDevelopment('GET', '/nowhere', 404, { error: 'not_found' });
    expect(errors).not.toHaveBeenCalled();
  });
});
