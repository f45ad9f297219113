/** The tab API's per-user rate limit, with a fake clock. */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perUserRateLimit } from '../../../bot/api/rate-limit';
import { listen, type RunningServer } from '../../../bot/server';

let now = 0;
let server: RunningServer;

beforeAll(async () => {
  const app = express();
  app.use((req, res, next) => {
    const who = req.get('x-test-user');
    if (who) res.locals.actor = { id: who };
    next();
  });
  app.use(perUserRateLimit({ burst: 3, perSecond: 1, now: () => now }));
  app.get('/x', (_req, res) => void res.json({ ok: true }));
  server = await listen(app, '127.0.0.1', 0);
});
afterAll(async () => server?.close());

const get = (user: string, lang = 'sv-SE') => fetch(`${server.url}/x`, { headers: { 'x-test-user': user, 'Accept-Language': lang } });

describe('per-user rate limit', () => {
  it('allows a burst, then answers 429 with Retry-After in the user’s language, per person', async () => {
    for (let i = 0; i < 3; i++) expect((await get('anna')).status).toBe(200);
    const refused = await get('anna');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('1');
    expect(await refused.json()).toEqual({ error: 'rate_limited', message: 'För många förfrågningar på kort tid. Vänta 1 sekunder och försök igen.' });
    expect((await (await get('anna', 'en-GB')).json()).message).toMatch(/^Too many requests/);
    // Someone else is not affected.
    expect((await get('bertil')).status).toBe(200);
  });

  it('refills over time', async () => {
    now += 2_000;
    expect((await get('anna')).status).toBe(200);
    expect((await get('anna')).status).toBe(200);
    expect((await get('anna')).status).toBe(429);
  });
});
