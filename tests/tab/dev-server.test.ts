/**
 * `npm run dev:tab`: the dev server proxies the API to a running `npm start` and serves the tab's
 * own modules — including `tab/api/*.ts`, which it serves at `/api/…`. A proxy of all of `/api`
 * sent those modules to the app server (404) and the tab never started in development.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../tab/vite.config';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('the dev server of the tab', () => {
  const proxy = (config.server?.proxy ?? {}) as Record<string, string | { target: string }>;

  it('proxies /api/v1 to the app server on PORT (3978 unless set)', () => {
    expect(Object.keys(proxy)).toEqual(['/api/v1']);
    expect(proxy['/api/v1']).toBe(`http://127.0.0.1:${process.env.PORT ?? '3978'}`);
  });

  it('leaves the tab’s own modules under /api/ to itself', () => {
    const modules = readdirSync(path.join(root, 'tab/api')).map((f) => `/api/${f}`);
    expect(modules).toContain('/api/dev-check.ts');
    for (const m of modules) for (const prefix of Object.keys(proxy)) expect(m.startsWith(prefix), `${m} is proxied by ${prefix}`).toBe(false);
  });
});
