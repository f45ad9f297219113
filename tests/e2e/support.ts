/**
 * Browser tests in real Chromium (Debian's, driven by playwright-core) against the whole app as
 * `npm start` runs it: startLocal on ephemeral loopback ports with a temporary data folder, and
 * the built tab. Screenshots go to tests/e2e/screenshots/ (git-ignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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

/** The demo sign-in: choose the person by name. */
export async function signIn(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^Logga in som ${name}`) }).click();
  await page.getByText(`Inloggad som ${name}`).waitFor();
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
