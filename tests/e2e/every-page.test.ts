/**
 * Issue 16's must-show: signed in as each role, at 375×812 (Teams on a phone) and at 1280×800 (a
 * laptop), every page of the tab shows without a horizontal overflow — neither the page nor a
 * table hiding its columns in a scrolling box — with no page error, no console error and no axe
 * violation (WCAG 2.2 A/AA and best practice); on the phone every control is at least 44 px high.
 * ISAM, who sees the most, goes through every page in the dark and high-contrast themes too.
 * Every page is saved as a screenshot in tests/e2e/screenshots/every-page/ to be looked at.
 *
 * The pages are the tab's routes (tab/app/routes.ts): a route without a parameter is visited as it
 * is, so a new view is covered as soon as it has a route; a route with one is visited with a record
 * the person may see, found through the API as the tab would.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../tab/app/routes';
import { SCREENSHOTS, axeViolations, hasChromium, layoutProblems, openTab, settle, signIn, startE2E, trackRequests, type E2E } from './support';

const ROLES = [
  { key: 'isam', name: 'Henrik Sandberg' },
  { key: 'dso', name: 'Leila Haddad' },
  { key: 'owner', name: 'Thomas Granlund' },
  { key: 'admin', name: 'Sara Johansson' },
  { key: 'staff', name: 'Johanna Berg' },
] as const;

const VIEWPORTS = [
  { key: 'phone', width: 375, height: 812, touch: true },
  { key: 'laptop', width: 1280, height: 800, touch: false },
] as const;

/** Extra states of a page worth their own visit (a tab of a view). */
const EXTRA_PAGES = ['/access?tab=grants', '/access?tab=campaigns'];

/**
 * Routes visited by their own test instead, with the state they need: a report draft exists only for
 * an obligation the incident has, for those who may write it (tests/e2e/incident-reports.test.ts).
 */
const VISITED_ELSEWHERE = new Set(['/incidents/:id/reports/:key']);

/** How a route with a parameter finds a record for the signed-in person, through /api/v1. */
const RECORD_OF: Record<string, { list: string; pick: string }> = {
  '/incidents/:id': { list: '/incidents?pageSize=10', pick: 'items' },
  '/assets/:id': { list: '/assets?pageSize=10', pick: 'items' },
  '/suppliers/:id': { list: '/suppliers', pick: 'roots' },
  '/gdpr/:id': { list: '/processing?pageSize=10', pick: 'items' },
  '/suppliers/:id/edit': { list: '/suppliers', pick: 'roots' },
  // The registers of issue 14 (features/registers): each one's page and form.
  ...Object.fromEntries(
    ['risks', 'audits', 'governing-documents', 'processing', 'impact-assessments', 'procurements', 'roles'].flatMap((r) => [
      [`/${r}/:id`, { list: `/${r}?pageSize=10`, pick: 'items' }],
      [`/${r}/:id/edit`, { list: `/${r}?pageSize=10`, pick: 'items' }],
    ]),
  ),
  '/reviews/:id': { list: '/reviews', pick: 'items' },
};

async function pagesFor(page: Page): Promise<{ name: string; path: string }[]> {
  const out: { name: string; path: string }[] = [];
  for (const r of ROUTES) {
    if (!r.pattern.includes(':')) {
      out.push({ name: r.pattern.slice(1).replace(/\//g, '-'), path: r.pattern });
      continue;
    }
    if (VISITED_ELSEWHERE.has(r.pattern)) continue;
    const source = RECORD_OF[r.pattern];
    if (!source) throw new Error(`every-page.test.ts: say how to find a record for ${r.pattern} (RECORD_OF)`);
    const id = await page.evaluate(async ({ list, pick }) => {
      const { token } = JSON.parse(sessionStorage.getItem('lis.demo-sign-in') ?? '{}') as { token: string };
      const res = await fetch(`/api/v1${list}`, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await res.json()) as Record<string, { id: string; canRead?: boolean }[]>;
      // A record the person may open (an impact assessment's content is not everyone's).
      return body[pick]?.find((x) => x.canRead !== false)?.id ?? null;
    }, source);
    if (id) out.push({ name: r.pattern.slice(1).replace(':id', 'record').replace(/\//g, '-'), path: r.pattern.replace(':id', id) });
  }
  for (const p of EXTRA_PAGES) out.push({ name: p.slice(1).replace(/[?=&/]/g, '-'), path: p });
  return out;
}

let e2e: E2E;

describe.skipIf(!hasChromium)('every page, every role, phone and laptop', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(async () => e2e?.close());

  const runs = [
    ...ROLES.map((r) => ({ role: r, theme: 'light' as const })),
    { role: ROLES[0], theme: 'dark' as const },
    { role: ROLES[0], theme: 'contrast' as const },
  ];

  for (const { role, theme } of runs) {
    it(`${role.key} (${role.name}), ${theme} theme`, async () => {
      const { page, context, errors } = await openTab(e2e, theme === 'light' ? {} : { theme });
      await trackRequests(context);
      await page.reload();
      await signIn(page, role.name);
      const pages = await pagesFor(page);
      const dir = path.join(SCREENSHOTS, 'every-page', theme);
      mkdirSync(dir, { recursive: true });
      const problems: string[] = [];
      for (const vp of VIEWPORTS) {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        for (const p of pages) {
          const where = `${role.key} ${theme} ${vp.key} ${p.path}`;
          errors.length = 0;
          await page.evaluate((hash) => (window.location.hash = hash), `#${p.path}`);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await settle(page);
          for (const e of errors) problems.push(`${where}: ${e}`);
          // The page at rest: the pointer off the content (a hovered element is checked in its own test, not by chance).
          await page.mouse.move(1, 1);
          for (const l of await layoutProblems(page, { touch: vp.touch })) problems.push(`${where}: ${l.kind} ${l.detail}`);
          for (const v of await axeViolations(page)) problems.push(`${where}: axe ${v.id} (${v.impact}) ${v.help}: ${v.nodes.join(' | ')}`);
          await page.screenshot({ path: path.join(dir, `${role.key}-${vp.key}-${p.name}.png`), fullPage: true });
        }
      }
      await context.close();
      writeFileSync(path.join(dir, `${role.key}-problems.txt`), problems.join('\n'));
      expect(problems).toEqual([]);
    }, 1_200_000);
  }
});
