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

describe('the tab API', () => {
  it('limits each signed-in person after the token check', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { startLocal } = await import('../../../teams-app/local/launcher');
    const { createTabApi } = await import('../../../bot/api/router');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lis-rate-'));
    const local = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dir }, quiet: true, background: false });
    const app = express();
    app.use('/api/v1', createTabApi({ config: local.config, deps: local.runtime.deps, rateLimit: { burst: 2, perSecond: 0.01 } }));
    const limited = await listen(app, '127.0.0.1', 0);
    try {
      const signIn = await fetch(`${limited.url}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: 'd0000000-0000-4000-8000-000000000002' }) });
      const { token } = (await signIn.json()) as { token: string };
      const me = () => fetch(`${limited.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await me()).status).toBe(200);
      expect((await me()).status).toBe(200);
      expect((await me()).status).toBe(429);
      // Without a token it is the token check that answers, not the limiter.
      expect((await fetch(`${limited.url}/api/v1/me`)).status).toBe(401);
    } finally {
      await limited.close();
      await local.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the bot’s limits per person and per tenant (BotRateLimiter)', () => {
  it('refuses a person past their burst, and a tenant past its own, giving the person’s token back', async () => {
    const { BotRateLimiter } = await import('../../../bot/api/rate-limit');
    let clock = 0;
    const limiter = new BotRateLimiter({ user: { burst: 2, perSecond: 1, now: () => clock }, tenant: { burst: 3, perSecond: 1, now: () => clock } });
    const T = '00000000-0000-4000-8000-000000000001';
    expect(limiter.take(T, 'anna').ok).toBe(true);
    expect(limiter.take(T, 'anna').ok).toBe(true);
    expect(limiter.take(T, 'anna')).toEqual({ ok: false, retryAfterSeconds: 1 });
    // The same person in upper case is the same person.
    expect(limiter.take(T, 'ANNA').ok).toBe(false);
    expect(limiter.take(T, 'bertil').ok).toBe(true);
    // The tenant's third token is gone: everyone waits, and Cecilia keeps her own tokens for later.
    expect(limiter.take(T, 'cecilia')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take(T.toUpperCase(), null).ok).toBe(false);
    // Another tenant is not affected.
    expect(limiter.take('99999999-9999-4999-8999-999999999999', 'cecilia').ok).toBe(true);
    clock += 1_000;
    expect(limiter.take(T, 'cecilia').ok).toBe(true);
    clock += 2_000;
    expect(limiter.take(T, 'cecilia').ok).toBe(true);
  });
});
