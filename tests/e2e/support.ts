/**
 * Browser tests in real Chromium (Debian's, driven by playwright-core) against the whole app as
 * `npm start` runs it: startLocal on ephemeral loopback ports with a temporary data folder, and
 * the built tab. Screenshots go to tests/e2e/screenshots/ (git-ignored).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { TAB_DIST } from '../../bot/api/static-tab';
import { startLocal, type LocalApp } from '../../teams-app/local/launcher';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');

export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (CI does) or set CHROMIUM_PATH.`);
}

/** `npm test` builds the tab first; a single test file run builds it here when it is missing. */
export async function ensureTabBuilt(): Promise<void> {
  if (existsSync(path.join(TAB_DIST, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: path.resolve(import.meta.dirname, '../../tab/vite.config.ts'), logLevel: 'warn' });
}

export interface E2E {
  app: LocalApp;
  browser: Browser;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  await ensureTabBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-e2e-'));
  const app = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir }, quiet: true, background: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--lang=sv-SE'] });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    app,
    browser,
    async close() {
      await browser.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TabPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors and console errors seen so far. */
  errors: string[];
}

export async function openTab(e2e: E2E, options: { theme?: 'light' | 'dark' | 'contrast'; locale?: string; path?: string; viewport?: { width: number; height: number } } = {}): Promise<TabPage> {
  const context = await e2e.browser.newContext({ locale: options.locale ?? 'sv-SE', viewport: options.viewport ?? { width: 1366, height: 900 }, timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const query = options.theme ? `?theme=${options.theme}` : '';
  await page.goto(`${e2e.app.appUrl}/${query}${options.path ? `#${options.path}` : ''}`);
  return { page, context, errors };
}

/** The demo sign-in: choose the person by name (Swedish UI). */
export async function signIn(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^Logga in som ${name}`) }).click();
  await page.getByRole('button', { name: `Inloggad som ${name}` }).waitFor();
}

/** The main menu: beside the view on a wide screen; behind the menu button on a phone (opened here). */
export async function mainMenu(page: Page): Promise<Locator> {
  const open = page.getByRole('button', { name: 'Öppna menyn' });
  if (await open.isVisible().catch(() => false)) await open.click();
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await nav.waitFor();
  return nav;
}

/**
 * Waits until the view has settled: no request to /api/v1 in flight and no spinner, twice in a
 * row 150 ms apart (a view may start a second request after the first answer).
 */
export async function settle(page: Page, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2) {
    if (Date.now() > deadline) throw new Error(`the page did not settle within ${timeoutMs} ms (${page.url()})`);
    await page.waitForTimeout(150);
    const busy = await page.evaluate(() => {
      const w = window as unknown as { __lisInFlight?: number };
      return (w.__lisInFlight ?? 0) > 0 || document.querySelector('.fui-Spinner') !== null;
    });
    quiet = busy ? 0 : quiet + 1;
  }
}

/** Counts the tab's requests to /api/v1 in flight (for `settle`): install before the first navigation. */
export async function trackRequests(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __lisInFlight: number };
    w.__lisInFlight = 0;
    const original = window.fetch.bind(window);
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      w.__lisInFlight++;
      try {
        return await original(...args);
      } finally {
        w.__lisInFlight--;
      }
    };
  });
}

export interface LayoutProblem {
  kind: 'page-overflow' | 'hidden-overflow' | 'small-target' | 'covered';
  detail: string;
}

/**
 * What a person on this screen would trip over: a page wider than the screen; content pushed
 * out of sight in a horizontally scrolling box (a table's columns); and, when `touch` is set,
 * controls lower than 44 px (inline links in running text are exempt, as in WCAG 2.5.5).
 */
export async function layoutProblems(page: Page, options: { touch: boolean }): Promise<LayoutProblem[]> {
  return page.evaluate(({ touch }) => {
    const out: { kind: 'page-overflow' | 'hidden-overflow' | 'small-target' | 'covered'; detail: string }[] = [];
    const describe = (el: Element) => {
      const name = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').filter((c) => c.startsWith('fui-')).join('.')}` : ''} "${name}"`;
    };
    const doc = document.documentElement;
    // Nothing lies over the page's heading and header (a portal the size of the screen once did).
    for (const el of [document.querySelector('h1'), document.querySelector('header')]) {
      if (!el) continue;
      const r = el.getBoundingClientRect();
      const x = Math.min(r.left + 8, window.innerWidth - 1);
      const y = r.top + r.height / 2;
      if (y < 0 || y > window.innerHeight) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && !el.contains(hit) && !hit.contains(el)) out.push({ kind: 'covered', detail: `${el.tagName.toLowerCase()} is covered by ${hit.tagName.toLowerCase()}.${String(hit.className).slice(0, 60)}` });
    }
    if (doc.scrollWidth > window.innerWidth) out.push({ kind: 'page-overflow', detail: `page is ${doc.scrollWidth} px wide on a ${window.innerWidth} px screen` });
    const visible = (el: Element) => {
      // Not rendered: inside a closed <details>, or hidden by CSS.
      if ('checkVisibility' in el && !(el as HTMLElement).checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true } as CheckVisibilityOptions)) return false;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const s = getComputedStyle(el);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1 && visible(el)) {
        out.push({ kind: 'hidden-overflow', detail: `${describe(el)} hides ${el.scrollWidth - el.clientWidth} px of ${el.scrollWidth} px` });
      }
    }
    if (touch) {
      const controls = document.querySelectorAll('button, select, input:not([type=hidden]), textarea, [role=button], [role=tab], [role=combobox], [role=treeitem], [role=checkbox], [role=radio], [role=switch], a[href]');
      for (const el of Array.from(controls)) {
        if (!visible(el) || el.closest('[aria-hidden=true]')) continue;
        // A checkbox or radio counts by its label row; a tree item by its row.
        const target = el.closest('.fui-Checkbox, .fui-Radio, .fui-Switch, .fui-TreeItemLayout, .fui-Input, .fui-Combobox, .fui-Select') ?? el;
        // Links inside running text are exempt; a link that stands on its own (its parent holds nothing else) is a target.
        if (el.tagName === 'A' && el.parentElement?.textContent?.trim() !== el.textContent?.trim()) continue;
        const h = target.getBoundingClientRect().height;
        if (h < 43.5) out.push({ kind: 'small-target', detail: `${describe(el)} is ${Math.round(h)} px high` });
      }
    }
    return out;
  }, options);
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.x A and AA, and best practice) on the page as it is. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the tab's CSP (script-src 'self') rightly refuses an injected <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${(axeSource ??= readFileSync(AXE, 'utf8'))}\n;'axe loaded'`);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    // Tabster's focus sentinels (<i tabindex=0 aria-hidden data-tabster-dummy>) pass focus on at once; axe cannot know that.
    const result = await axe.run({ include: [document], exclude: [['[data-tabster-dummy]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(1, 3).join(' ') ?? ''}`) }));
  });
}

/** Presses Tab until `target` has focus (keyboard-only navigation), at most `max` times. */
export async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
