/**
 * Issue 13 in real Chromium against the whole local app: ISAM opens the seeded supplier attack
 * (INC-016) — its obligations, assessment, report facts and timeline — records MCF's request for an
 * intermediate report in a dialog, opens the final report's draft, edits and saves it, and
 * downloads it as .docx. Screenshots at 1280 and 375 pixels in light, dark and high contrast, and an
 * axe-core check of both pages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openTab, screenshot, SCREENSHOTS, signIn, startE2E, type E2E } from './support';

let e2e: E2E;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations on the page (WCAG 2.1 A and AA). */
async function axe(page: import('playwright-core').Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the tab's CSP (script-src 'self') forbids an inline script.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ include: [document], exclude: [['[data-tabster-dummy]']] }, {
      // Tabster's focus sentinels (<i tabindex=0 aria-hidden data-tabster-dummy>) pass focus on at once; axe cannot know that.
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

describe.skipIf(!hasChromium)('reports to the authorities in Chromium', () => {
  let id = '';
  beforeAll(async () => {
    e2e = await startE2E();
    id = (await e2e.app.runtime.deps.store.findByKey('Incidents', 'seed:incident:INC-016'))!.id;
  }, 120_000);
  afterAll(async () => e2e?.close());

  const views = [
    { theme: 'light', width: 1280 },
    { theme: 'dark', width: 375 },
    { theme: 'contrast', width: 1280 },
  ] as const;

  for (const v of views) {
    it(`shows the incident's obligations, assessment and timeline (${v.theme}, ${v.width} px)`, async () => {
      const { page, context, errors } = await openTab(e2e, { theme: v.theme, path: `/incidents/${id}`, viewport: { width: v.width, height: 900 } });
      await signIn(page, 'Henrik Sandberg');
      await page.getByRole('heading', { level: 1, name: /^INC-2026-0016 / }).waitFor();
      // A table on a wide screen; on a phone each obligation is a card in a list.
      const clocks = page.getByRole(v.width < 760 ? 'list' : 'table', { name: 'Tidsfrister (svensk tid)' });
      await clocks.waitFor();
      expect(await clocks.getByText('Skickad i tid').count()).toBeGreaterThan(2);
      expect(await page.getByRole('region', { name: 'Bedömning' }).getByText('Henrik Sandberg', { exact: false }).count()).toBeGreaterThan(0);
      await page.getByRole('region', { name: 'Uppgifter för rapporterna' }).waitFor();
      expect(await page.getByRole('region', { name: 'Händelseförlopp' }).getByText(/^Tidig varning till MCF \(24 h\): skickad/).count()).toBe(1);
      await screenshot(page, `incident-clocks-${v.theme}-${v.width}`);
      // The sections on their own, to look at without scrolling a whole page.
      await page.getByRole('region', { name: 'Tidsfrister och rapporter' }).screenshot({ path: `${SCREENSHOTS}/incident-obligations-${v.theme}-${v.width}.png` });
      await page.getByRole('region', { name: 'Händelseförlopp' }).screenshot({ path: `${SCREENSHOTS}/incident-timeline-${v.theme}-${v.width}.png` });
      // Nothing is wider than the screen: a phone scrolls the obligations table, not the page.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(v.width);
      if (v.theme === 'light') expect(await axe(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('records MCF’s request for an intermediate report in a dialog', async () => {
    const { page, context, errors } = await openTab(e2e, { path: `/incidents/${id}`, viewport: { width: 1280, height: 900 } });
    await signIn(page, 'Henrik Sandberg');
    await page.getByRole('button', { name: 'MCF begär delrapport' }).click();
    const dialog = page.getByRole('dialog');
    // A week from now (Swedish date), whenever the test runs.
    const inAWeek = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + 7 * 86_400_000));
    await dialog.getByLabel(/^Delrapporten ska lämnas senast – Datum/).fill(inAWeek);
    await dialog.getByLabel(/^Delrapporten ska lämnas senast – Klockslag/).fill('16:00');
    await dialog.getByRole('textbox', { name: 'MCF:s referens (valfri)' }).fill('MCF 2026-4711');
    await screenshot(page, 'incident-intermediate-dialog-light');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').filter({ hasText: 'Begäran om delrapport är registrerad.' }).waitFor();
    expect(await page.getByRole('table', { name: 'Tidsfrister (svensk tid)' }).getByText('Delrapport till MCF (på begäran)').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const v of [{ theme: 'light', width: 1280 }, { theme: 'contrast', width: 375 }] as const) {
    it(`edits, saves and downloads the final report's draft (${v.theme}, ${v.width} px)`, async () => {
      const { page, context, errors } = await openTab(e2e, { theme: v.theme, path: `/incidents/${id}/reports/cs_final_report`, viewport: { width: v.width, height: 900 } });
      await signIn(page, 'Henrik Sandberg');
      await page.getByRole('heading', { level: 1, name: 'INC-2026-0016: Slutrapport till MCF' }).waitFor();
      expect(await page.getByText('Uppgifter som saknas i utkastet: Organisationsnummer.', { exact: false }).count()).toBe(1);
      const text = page.getByRole('textbox', { name: 'Typ av hot eller grundorsak' });
      await text.waitFor();
      await screenshot(page, `incident-draft-${v.theme}-${v.width}`);
      if (v.theme === 'light') {
        expect(await axe(page)).toEqual([]);
        await text.fill('Trolig grundorsak: Brist hos leverantör\n\nLeverantörens utredning visar att angriparen använde en sårbarhet i fjärråtkomsten.');
        await page.getByRole('button', { name: 'Spara utkastet' }).click();
        await page.getByRole('status').filter({ hasText: 'Utkastet är sparat.' }).waitFor();
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Ladda ned som Word-dokument' }).click();
        const file = await download;
        expect(file.suggestedFilename()).toBe('INC-2026-0016-cs-final-report.docx');
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
