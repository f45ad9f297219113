/**
 * Sök in real Chromium against the whole local app: "lön" from the home finds the payroll system
 * inside its name, incidents and suppliers, marked; opening a hit and going back shows the same
 * results; a register's list comes back on the page it was on. At 375×812 and 1280×800 the pages
 * fit, log no error and have no axe violation. Screenshots in light, dark and high contrast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, overflow } from './checks';
import { hasChromium, openTab, screenshot, signIn, startE2E, type E2E } from './support';

let e2e: E2E;

describe.skipIf(!hasChromium)('Sök in Chromium', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(async () => e2e?.close());

  for (const [width, height] of [
    [375, 812],
    [1280, 800],
  ] as const) {
    it(`finds "lön" inside words from the home, and keeps the results when coming back (${width}×${height})`, async () => {
      const { page, context, errors } = await openTab(e2e);
      await page.setViewportSize({ width, height });
      await signIn(page, 'Henrik Sandberg');
      await page.getByRole('searchbox', { name: 'Sök i LIS' }).fill('lön');
      await page.getByRole('search').getByRole('button', { name: 'Sök' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sök' }).waitFor();
      const assets = page.getByRole('region', { name: 'Informationstillgångar' });
      const hit = assets.getByRole('link', { name: /IA-004/ });
      await hit.waitFor();
      expect(await hit.innerText()).toBe('IA-004 HR- och lönesystem');
      expect(await hit.locator('mark').allInnerTexts()).toEqual(['lön']);
      expect(await page.getByRole('region', { name: 'Incidenter' }).getByRole('link').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/Lönespecifikationer skickade till fel chef/)]));
      expect(await page.getByRole('region', { name: 'Leverantörer' }).getByRole('link', { name: /Lönegläntan/ }).count()).toBe(1);
      expect(await overflow(page)).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `search-${width}`);

      await hit.click();
      await page.getByRole('heading', { level: 1, name: /IA-004/ }).waitFor();
      await page.goBack();
      await page.getByRole('region', { name: 'Informationstillgångar' }).getByRole('link', { name: /IA-004/ }).waitFor();
      expect(await page.getByRole('searchbox', { name: 'Sök efter' }).inputValue()).toBe('lön');
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it('brings a register back to the page it was on after opening an item', async () => {
    const { page, context, errors } = await openTab(e2e, { path: '/assets?size=10' });
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, 'Henrik Sandberg');
    await page.goto(`${e2e.app.appUrl}/#/assets?size=10`);
    await page.getByText('Sida 1').waitFor();
    await page.getByRole('button', { name: 'Nästa sida' }).click();
    await page.getByText('Sida 2').waitFor();
    const second = page.getByRole('link', { name: 'Krisberedskap och civilt försvar' });
    await second.waitFor();
    await second.click();
    await page.getByText('Högsta nivå: 4 – Synnerligen allvarlig').waitFor();
    await page.goBack();
    await page.getByText('Sida 2').waitFor();
    // The second page's rows, read again with the kept cursor (the pager shows before they arrive).
    await page.getByRole('link', { name: 'Krisberedskap och civilt försvar' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Krisberedskap och civilt försvar' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  for (const theme of ['light', 'dark', 'contrast'] as const) {
    it(`renders the search and the request form in the ${theme} theme (screenshots)`, async () => {
      for (const width of [375, 1280]) {
        const { page, context, errors } = await openTab(e2e, { theme });
        await page.setViewportSize({ width, height: 800 });
        await signIn(page, 'Johanna Berg');
        await page.goto(`${e2e.app.appUrl}/?theme=${theme}#/search?q=system`);
        await page.getByRole('region', { name: 'Informationstillgångar' }).waitFor();
        await screenshot(page, `search-${theme}-${width}`);
        expect(await overflow(page)).toBe(0);
        await page.goto(`${e2e.app.appUrl}/?theme=${theme}#/request-access`);
        await page.getByRole('heading', { level: 1, name: 'Begär behörighet' }).waitFor();
        await page.getByRole('button', { name: 'Skicka till informationsägaren' }).click();
        await page.getByText('Något behöver rättas innan ärendet kan skickas – se fälten nedan.').waitFor();
        await screenshot(page, `request-access-${theme}-${width}`);
        expect(await overflow(page)).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }
    }, 90_000);
  }
});
