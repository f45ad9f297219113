/**
 * Ledningens genomgång in a real browser: ISAM writes the summary of the demo organisation's draft,
 * saves it and sends it for decision; the director records the decision with the registry number,
 * and the review shows as locked. Each state is screenshot at 375 and 1280 px in the light, dark and
 * high-contrast themes (tests/e2e/screenshots/reviews/) and checked for layout problems and axe
 * violations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, axeViolations, hasChromium, layoutProblems, openTab, settle, signIn, startE2E, trackRequests, type E2E } from './support';

let e2e: E2E;
const DIR = path.join(SCREENSHOTS, 'reviews');

async function look(page: Page, name: string, problems: string[]): Promise<void> {
  for (const theme of ['light', 'dark', 'contrast'] as const) {
    await page.evaluate((t) => {
      const url = new URL(window.location.href);
      url.searchParams.set('theme', t);
      window.history.replaceState(null, '', url.toString());
    }, theme);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    for (const vp of [{ key: 'phone', width: 375, height: 812, touch: true }, { key: 'laptop', width: 1280, height: 800, touch: false }]) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await settle(page);
      await page.mouse.move(1, 1);
      for (const l of await layoutProblems(page, { touch: vp.touch })) problems.push(`${name} ${theme} ${vp.key}: ${l.kind} ${l.detail}`);
      if (theme === 'light') for (const v of await axeViolations(page)) problems.push(`${name} ${vp.key}: axe ${v.id} ${v.help}: ${v.nodes.join(' | ')}`);
      await page.screenshot({ path: path.join(DIR, `${name}-${theme}-${vp.key}.png`), fullPage: true });
    }
  }
}

describe.skipIf(!hasChromium)('the management review in the tab', () => {
  beforeAll(async () => {
    e2e = await startE2E();
    mkdirSync(DIR, { recursive: true });
  }, 120_000);
  afterAll(async () => e2e?.close());

  it('is written by ISAM, sent for decision, decided by the director and then locked', async () => {
    const problems: string[] = [];
    const isam = await openTab(e2e, { path: '/reviews' });
    await trackRequests(isam.context);
    await isam.page.reload();
    await signIn(isam.page, 'Henrik Sandberg');
    await isam.page.evaluate(() => (window.location.hash = '#/reviews'));
    await isam.page.getByRole('heading', { level: 1, name: 'Ledningens genomgång' }).waitFor();
    await settle(isam.page);
    await look(isam.page, 'list', problems);
    await isam.page.setViewportSize({ width: 1280, height: 800 });
    await isam.page.getByRole('link', { name: /^Ledningens genomgång 20\d\d$/ }).first().click();
    await isam.page.getByRole('heading', { name: 'Sammanfattning' }).waitFor();
    await settle(isam.page);
    const summary = isam.page.getByRole('region', { name: 'Sammanfattning' }).getByRole('textbox');
    await summary.fill('Arbetet har gått framåt. Leverantörsstyrningen behöver stärkas.');
    await isam.page.getByRole('button', { name: 'Spara' }).click();
    await isam.page.getByText('Genomgången är sparad.').waitFor();
    // Every category figure links to the incidents it counts.
    await isam.page.getByText('Visa som tabell').first().click();
    const categoryLink = isam.page.getByRole('link', { name: 'Nätfiske (phishing)' }).first();
    expect(await categoryLink.getAttribute('href')).toMatch(/^#\/incidents\?from=\d{4}-01-01&to=\d{4}-12-31&category=phishing$/);
    await look(isam.page, 'draft', problems);
    await isam.page.setViewportSize({ width: 1280, height: 800 });
    await isam.page.getByRole('button', { name: 'Skicka för beslut' }).click();
    await isam.page.getByText('Genomgången är skickad för beslut och siffrorna är låsta.').waitFor();
    const url = isam.page.url();
    await isam.context.close();

    const director = await openTab(e2e);
    await trackRequests(director.context);
    await director.page.reload();
    await signIn(director.page, 'Karin Ekström');
    await director.page.goto(url.replace(/\?theme=[a-z]+/, ''));
    await director.page.getByRole('heading', { name: 'Förvaltningschefens beslut' }).waitFor();
    await settle(director.page);
    await director.page.getByRole('textbox', { name: 'Beslut' }).fill('Förvaltningschefen fastställer genomgången och ger i uppdrag att genomföra förslagen.');
    await director.page.getByRole('textbox', { name: 'Diarienummer' }).fill('SDF 2026/1234');
    await director.page.getByRole('button', { name: 'Registrera beslut' }).click();
    await director.page.getByText(/Beslutet är registrerat/).waitFor();
    await director.page.getByText(/diarienummer SDF 2026\/1234\. Genomgången är låst/).waitFor();
    expect(await director.page.getByRole('textbox').count()).toBe(0);
    await look(director.page, 'decided', problems);
    await director.context.close();
    expect(problems).toEqual([]);
  }, 600_000);
});
