/**
 * The server serves exactly the routes of core/api's table (routes.ts), so that the shapes every
 * test and the tab check answers against are the routes that exist: a route added to bot/api
 * without its shapes, or a shape left behind by a removed route, fails here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Router } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { createTabApi } from '../../../bot/api/router';
import { loadConfig } from '../../../bot/config';
import { API_ROUTES, type RouteKey } from '../../../core/api';
import type { Deps } from '../../../core/app/platform';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-routes-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `METHOD /path` of every route the router (and its sub-routers) serves. */
function served(router: Router): string[] {
  const out: string[] = [];
  for (const layer of (router as unknown as { stack: { route?: { path: string | string[]; methods: Record<string, boolean> } }[] }).stack) {
    if (!layer.route) continue;
    for (const p of [layer.route.path].flat()) for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${p}`);
  }
  return out.sort();
}

describe('the routes of /api/v1', () => {
  it('are the routes of core/api, each with its shapes, in local mode', () => {
    const router = createTabApi({ config: loadConfig({ LIS_DATA_DIR: dataDir }), deps: {} as Deps });
    expect(served(router)).toEqual((Object.keys(API_ROUTES) as RouteKey[]).sort());
  });

  it('lose only the demo sign-in in Microsoft 365 mode', () => {
    const config = loadConfig({
      LIS_MODE: 'm365',
      MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
      MicrosoftAppTenantId: '66666666-7777-4888-9999-000000000000',
      MicrosoftAppPassword: 'from-key-vault',
      SHAREPOINT_SITE_ID: 'contoso.sharepoint.com,1,2',
      PUBLIC_URL: 'https://lis.example.org',
    });
    const router = createTabApi({ config, deps: {} as Deps });
    const expected = (Object.keys(API_ROUTES) as RouteKey[]).filter((r) => !r.includes(' /auth/demo')).sort();
    expect(served(router)).toEqual(expected);
  });
});
