/**
 * The incident and supplier registers in real Chromium against the whole local app: ISAM opens the
 * incident register and one incident page (clocks, timeline, triage), a staff member reports an
 * incident with the form, and the supplier tree is walked with the keyboard. Screenshots in light
 * and dark theme.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openTab, screenshot, signIn, startE2E, type E2E } from './support';

let e2e: E2E;

describe.skipIf(!hasChromium)('the registers in Chromium', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(async () => e2e?.close());

  for (const theme of ['light', 'dark'] as const) {
    it(`ISAM opens the incident register and an incident page (${theme})`, async () => {
      const { page, context, errors } = await openTab(e2e, theme === 'light' ? {} : { theme });
      await signIn(page, 'Henrik Sandberg');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Incidenter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Incidenter' }).waitFor();
      const table = page.getByRole('table', { name: 'Incidenter' });
      await table.getByRole('link', { name: /^INC-2026-0025/ }).waitFor();
      expect(await page.getByText('Du ser alla incidenter').count()).toBe(1);
      expect(await table.getByRole('row').count()).toBe(26);
      await screenshot(page, `incidents-${theme}`);

      await page.getByRole('combobox', { name: 'Status' }).selectOption('investigating');
      await expect.poll(() => table.getByRole('row').count()).toBe(4);

      await table.getByRole('link', { name: 'INC-2026-0016' }).click();
      await page.getByRole('heading', { level: 1, name: /^INC-2026-0016 / }).waitFor();
      const clocks = page.getByRole('table', { name: 'Tidsfrister (svensk tid)' });
      await clocks.waitFor();
      expect(await clocks.getByRole('row').count()).toBeGreaterThan(1);
      await page.getByRole('region', { name: 'Händelseförlopp' }).waitFor();
      await page.getByRole('region', { name: 'Bedömning' }).waitFor();
      await screenshot(page, `incident-${theme}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('ISAM triages the untriaged incident from its page', async () => {
    const { page, context, errors } = await openTab(e2e, { path: '/incidents?status=reported' });
    await signIn(page, 'Henrik Sandberg');
    await page.getByRole('table', { name: 'Incidenter' }).getByRole('link', { name: 'INC-2026-0025' }).click();
    await page.getByRole('heading', { level: 1, name: /^INC-2026-0025/ }).waitFor();
    expect(await page.getByText('Ingen har bedömt incidenten ännu. Tidsfristerna nedan är preliminära och räknas från upptäckten.').count()).toBe(1);
    const triage = page.getByRole('form', { name: 'Bedöm incidenten' });
    await triage.getByRole('combobox', { name: /^Allvarlighetsgrad/ }).selectOption('medium');
    await triage.getByRole('combobox', { name: /personuppgiftsincident/ }).selectOption('yes');
    await triage.getByRole('combobox', { name: /^Betydande incident/ }).selectOption('no');
    await triage.getByRole('textbox', { name: /^Motivering/ }).fill('Få berörda, ingen driftstörning.');
    await triage.getByRole('button', { name: 'Spara bedömningen' }).click();
    await page.getByRole('status').filter({ hasText: 'Bedömningen är sparad' }).waitFor();
    const clocks = page.getByRole('table', { name: 'Tidsfrister (svensk tid)' });
    await clocks.getByRole('row', { name: /Anmälan till IMY/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Händelseförlopp' }).getByText(/^Incidenten bedömdes: allvarlighetsgrad medel/).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a staff member reports an incident with the form and lands on its page', async () => {
    const { page, context, errors } = await openTab(e2e, { path: '/incidents' });
    await signIn(page, 'Johanna Berg');
    await page.getByRole('link', { name: 'Rapportera incident' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapportera incident' }).waitFor();
    await page.getByRole('button', { name: 'Skicka rapporten' }).click();
    await page.getByRole('alert').filter({ hasText: 'fält behöver rättas' }).waitFor();
    // At the field, and as a link in the summary above the form.
    expect(await page.getByText('Typ av händelse måste fyllas i.').count()).toBe(2);
    await page.getByRole('combobox', { name: /^Typ av händelse/ }).selectOption('misdirected');
    await page.getByRole('textbox', { name: /^Vad hände/ }).fill('Ett mejl med ett beslut gick till fel mottagare.');
    // Today (the field's default) at midnight, Swedish time: never in the future, whenever the test runs.
    await page.getByRole('combobox', { name: /^När upptäcktes det\? \(datum och klockslag\) – Klockslag/ }).fill('00:00');
    // Leaving the field takes the typed time (and closes the list of times over the next fields).
    await page.keyboard.press('Tab');
    await page.getByRole('radio', { name: 'Ja' }).check();
    await page.getByRole('checkbox', { name: 'Sociala förhållanden' }).check();
    await screenshot(page, 'incident-report-light');
    await page.getByRole('button', { name: 'Skicka rapporten' }).click();
    await page.getByRole('heading', { level: 1, name: /^INC-\d{4}-\d{4} Ett mejl med ett beslut/ }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Tack! Rapporten är mottagen');
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`the supplier tree is walked with the keyboard (${theme})`, async () => {
      const { page, context, errors } = await openTab(e2e, { ...(theme === 'light' ? {} : { theme }), path: '/suppliers' });
      await signIn(page, 'Daniel Wikström');
      await page.getByRole('heading', { level: 1, name: 'Leverantörer' }).waitFor();
      const tree = page.getByRole('tree', { name: 'Leverantörer och underbiträden' });
      await tree.waitFor();
      const nordsyd = tree.getByRole('treeitem', { name: /SUP-001 Nordsyd/ });
      expect(await nordsyd.getAttribute('aria-expanded')).toBe('true');
      await tree.getByRole('treeitem', { name: /SUP-003 Kylvalvet/ }).waitFor();
      expect(await tree.getByRole('treeitem', { name: /SUP-005/ }).getByText('PUB-avtal har upphört').count()).toBe(1);
      await screenshot(page, `suppliers-${theme}`);
      // Keyboard: focus the first item, close it with ArrowLeft, open the supplier with Enter.
      await nordsyd.focus();
      await page.keyboard.press('ArrowLeft');
      expect(await nordsyd.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('ArrowRight');
      expect(await nordsyd.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'SUP-001 Nordsyd Omsorgssystem AB' }).waitFor();
      await page.getByRole('region', { name: 'System som leverantören levererar' }).getByRole('link', { name: /IA-001/ }).waitFor();
      const checklist = page.getByRole('region', { name: 'Säkerhetskrav vid anskaffning' });
      await checklist.getByRole('checkbox', { name: /Exitplan/ }).check();
      await checklist.getByRole('button', { name: 'Spara checklistan' }).click();
      await page.getByRole('status').filter({ hasText: 'Checklistan är sparad.' }).waitFor();
      await screenshot(page, `supplier-${theme}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe.skipIf(!hasChromium)('the other registers in Chromium', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(async () => e2e?.close());

  const views = [
    { nav: 'Behörigheter', heading: 'Behörigheter', shot: 'access', check: 'Behörighetsregister', tab: 'Behörighetsregister' },
    { nav: 'Dataskydd', heading: 'Dataskydd', shot: 'gdpr', check: 'Registerförteckning' },
    { nav: 'Åtgärder', heading: 'Åtgärder', shot: 'improvements', check: 'Förbättringsåtgärder' },
    { nav: 'Utbildning', heading: 'Utbildning', shot: 'training', check: 'Genomförda obligatoriska utbildningar per enhet' },
    { nav: 'Ambassadörsnätverket', heading: 'Ambassadörsnätverket', shot: 'ambassadors', check: /^Närvaro per enhet/ },
  ] as const;

  for (const theme of ['light', 'dark'] as const) {
    it(`ISAM opens every other register (${theme})`, async () => {
      const { page, context, errors } = await openTab(e2e, theme === 'light' ? {} : { theme });
      await signIn(page, 'Henrik Sandberg');
      for (const v of views) {
        await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: v.nav, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: v.heading }).waitFor();
        if ('tab' in v) await page.getByRole('tab', { name: v.tab }).click();
        const table = page.getByRole('table', { name: v.check });
        await table.waitFor();
        await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(1);
        await screenshot(page, `${v.shot}-${theme}`);
      }
      // One processing activity with all its art. 30 fields.
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Dataskydd' }).click();
      await page.getByRole('table', { name: 'Registerförteckning' }).getByRole('link').first().click();
      await page.getByRole('region', { name: 'Uppgifter enligt artikel 30' }).waitFor();
      await screenshot(page, `processing-${theme}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
