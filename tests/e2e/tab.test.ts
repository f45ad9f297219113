/**
 * The tab in real Chromium against the whole local app: three people with different roles sign in
 * through the demo sign-in; the classification lead creates an asset, classifies it and finds it
 * in the list; ISAM opens the overview; a staff member can read but not change; one form is filled
 * in with the keyboard only; and screenshots in light, dark and high-contrast themes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openTab, screenshot, signIn, startE2E, tabTo, type E2E } from './support';

let e2e: E2E;

describe.skipIf(!hasChromium)('the tab in Chromium', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(async () => e2e?.close());

  it('ISAM (Henrik Sandberg) signs in and sees the overview', async () => {
    const { page, context, errors } = await openTab(e2e);
    await page.getByRole('heading', { level: 1, name: 'Välj demoperson' }).waitFor();
    await screenshot(page, 'sign-in-light');
    await signIn(page, 'Henrik Sandberg');
    // Signed in, the tab opens on Start; the overview is in the menu.
    await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Översikt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    const state = page.getByRole('region', { name: 'Läget i LIS' });
    await state.waitFor();
    expect(await page.getByRole('region', { name: 'Incidenter per månad och typ' }).getByText(/incidenter de senaste 12 månaderna/).textContent()).toMatch(/^\d+ incidenter/);
    expect(await page.getByRole('region', { name: 'Obligatorisk utbildning per enhet' }).getByText('Totalt 71 % genomfört (64 av 90).').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Översikt' }).getAttribute('aria-current')).toBe('page');
    await screenshot(page, 'overview-light');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the classification lead (Maria Lundgren) creates an asset, classifies it and finds it in the list', async () => {
    const { page, context, errors } = await openTab(e2e);
    await signIn(page, 'Maria Lundgren');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Informationstillgångar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Informationstillgångar' }).waitFor();
    await page.getByRole('link', { name: 'Ny informationstillgång' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny informationstillgång' }).waitFor();

    // First without the required fields: the server's messages appear at the fields.
    await page.getByRole('button', { name: 'Spara' }).click();
    await expectAlert(page, 'fält behöver rättas');
    // At the field, and as a link in the summary above the form.
    expect(await page.getByText('Namn måste fyllas i.').count()).toBe(2);
    expect(await page.getByLabel(/^Id/).evaluate((el) => el === document.activeElement)).toBe(true);
    // The browser logs the expected 400; nothing else may fail.
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    errors.length = 0;

    await page.getByLabel(/^Id/).fill('IA-019');
    await page.getByLabel(/^Namn/).fill('Ekonomisystem för bistånd');
    await page.getByLabel(/^Beskrivning/).fill('Utbetalningar och avstämning av ekonomiskt bistånd.');
    await page.getByLabel(/^Vilken information/).fill('Beslut om bistånd, belopp och kontouppgifter.');
    await page.getByRole('combobox', { name: /^Enhet/ }).selectOption('EKB');
    await page.getByRole('combobox', { name: /^Informationsägare/ }).fill('Cecilia');
    await page.getByRole('option', { name: /Cecilia Wallin/ }).click();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name: 'IA-019 Ekonomisystem för bistånd' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Informationstillgången IA-019 är skapad.');

    // Classify it: K4 R3 T2 S2 — level 4 is flagged for separate analysis.
    await page.getByRole('combobox', { name: 'Konfidentialitet (K)' }).selectOption('4');
    await page.getByRole('combobox', { name: 'Riktighet (R)' }).selectOption('3');
    await page.getByRole('combobox', { name: 'Tillgänglighet (T)' }).selectOption('2');
    await page.getByRole('combobox', { name: 'Spårbarhet (S)' }).selectOption('2');
    // Each level is motivated (KLASSA); the server refuses a level without its motivation.
    for (const aspect of ['Konfidentialitet (K)', 'Riktighet (R)', 'Tillgänglighet (T)', 'Spårbarhet (S)']) {
      await page.getByLabel(`Motivering – ${aspect}`).fill(`Bedömd tillsammans med verksamheten: ${aspect}.`);
    }
    expect(await page.getByText('Högsta nivå: 4 – Synnerligen allvarlig').count()).toBe(1);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    expect(await page.getByRole('combobox', { name: /^Klassad den/ }).inputValue()).toBe(today);
    expect(await page.getByRole('combobox', { name: /^Nästa översyn/ }).inputValue()).toBe(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`);
    await screenshot(page, 'asset-form-light');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();

    // Find it in the list by its id.
    await page.getByRole('link', { name: 'Tillbaka till förteckningen' }).click();
    await page.getByRole('searchbox', { name: 'Sök på namn eller id' }).fill('IA-019');
    const row = page.getByRole('row').filter({ hasText: 'IA-019' });
    await row.waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Informationstillgångar' }).getByRole('row').count()).toBe(2);
    expect(await row.textContent()).toMatch(/Ekonomisystem för bistånd.*Cecilia Wallin.*EKB.*4.*3.*2.*2.*4 – Synnerligen allvarlig.*Klassad.*Säkerhetsskydd – separat analys/);
    await page.getByRole('searchbox', { name: 'Sök på namn eller id' }).fill('');
    await page.getByRole('link', { name: 'Krisberedskap och civilt försvar' }).waitFor();
    await screenshot(page, 'assets-light');

    // Stored once, classified by Maria, audited with her as the actor.
    const stored = (await e2e.app.sharepoint.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-019' }] })).items;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.data).toMatchObject({ confidentiality: 4, classifiedBy: 'd0000000-0000-4000-8000-000000000004' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a staff member (Johanna Berg) can read the inventory but not change it', async () => {
    const { page, context, errors } = await openTab(e2e);
    await signIn(page, 'Johanna Berg');
    await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
    await page.getByRole('region', { name: 'Mina ärenden' }).waitFor();
    await page.getByRole('link', { name: 'Informationstillgångar' }).first().click();
    await page.getByRole('link', { name: 'Socialtjänstens verksamhetssystem' }).waitFor();
    expect(await page.getByRole('link', { name: 'Ny informationstillgång' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Socialtjänstens verksamhetssystem' }).click();
    await page.getByText('Du kan läsa men inte ändra den här informationstillgången.').waitFor();
    expect(await page.getByRole('button', { name: 'Spara' }).count()).toBe(0);
    expect(await page.getByLabel(/^Namn/).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a form can be filled in and sent with the keyboard only, and focus lands sensibly', async () => {
    const { page, context, errors } = await openTab(e2e, { path: '/assets/new' });
    await signIn(page, 'Henrik Sandberg');
    await page.getByRole('heading', { level: 1, name: 'Ny informationstillgång' }).waitFor();

    // The skip link is the first stop and moves focus to the main content.
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await tabTo(page, page.getByLabel(/^Id/));
    await page.keyboard.type('IA-020');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kundtjänstsystem');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ärenden från invånare via telefon och e-post.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Namn, kontaktuppgifter och ärendebeskrivningar.');
    await tabTo(page, page.getByRole('combobox', { name: /^Enhet/ }));
    await page.keyboard.type('KUL');
    expect(await page.getByRole('combobox', { name: /^Enhet/ }).inputValue()).toBe('KUL');
    await tabTo(page, page.getByRole('checkbox', { name: 'Kritisk för verksamheten' }));
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'Kritisk för verksamheten' }).isChecked()).toBe(true);
    await tabTo(page, page.getByRole('combobox', { name: /^Informationsägare/ }));
    await page.keyboard.type('Anders');
    await page.getByRole('option', { name: /Anders Blom/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('combobox', { name: /^Informationsägare/ }).inputValue()).toBe('Anders Blom');
    for (const [label, level] of [['Konfidentialitet (K)', '2'], ['Riktighet (R)', '2'], ['Tillgänglighet (T)', '1'], ['Spårbarhet (S)', '1']] as const) {
      await tabTo(page, page.getByRole('combobox', { name: label }));
      await page.keyboard.type(level);
    }
    for (const label of ['Konfidentialitet (K)', 'Riktighet (R)', 'Tillgänglighet (T)', 'Spårbarhet (S)']) {
      await tabTo(page, page.getByLabel(`Motivering – ${label}`));
      await page.keyboard.type('Motiverad med tangentbordet.');
    }
    expect(await page.getByText('Högsta nivå: 2 – Betydande').count()).toBe(1);
    await tabTo(page, page.getByRole('button', { name: 'Spara' }));
    await screenshot(page, 'keyboard-focus-on-save');
    await page.keyboard.press('Enter');

    // After saving, focus is on the new record's heading.
    const heading = page.getByRole('heading', { level: 1, name: 'IA-020 Kundtjänstsystem' });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    const stored = (await e2e.app.sharepoint.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-020' }] })).items;
    expect(stored.map((s) => s.data)).toEqual([expect.objectContaining({ unit: 'KUL', critical: true, ownerId: 'd0000000-0000-4000-8000-000000000036', confidentiality: 2 })]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a double click on Spara makes one record', async () => {
    const { page, context } = await openTab(e2e, { path: '/assets/new' });
    await signIn(page, 'Henrik Sandberg');
    await page.getByLabel(/^Id/).fill('IA-021');
    await page.getByLabel(/^Namn/).fill('Dubbelklickat system');
    await page.getByLabel(/^Beskrivning/).fill('Testas med dubbelklick.');
    await page.getByLabel(/^Vilken information/).fill('Inga känsliga uppgifter.');
    await page.getByRole('combobox', { name: /^Enhet/ }).selectOption('ADM');
    await page.getByRole('combobox', { name: /^Informationsägare/ }).fill('Per Holm');
    await page.getByRole('option', { name: /Per Holmberg/ }).click();
    await page.getByRole('button', { name: 'Spara' }).dblclick();
    await page.getByRole('heading', { level: 1, name: 'IA-021 Dubbelklickat system' }).waitFor();
    const stored = (await e2e.app.sharepoint.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-021' }] })).items;
    expect(stored).toHaveLength(1);
    await context.close();
  });

  for (const theme of ['dark', 'contrast'] as const) {
    it(`renders in the ${theme} theme (screenshots)`, async () => {
      const { page, context, errors } = await openTab(e2e, { theme });
      await page.getByRole('heading', { level: 1, name: 'Välj demoperson' }).waitFor();
      await page.getByRole('list', { name: 'Demopersoner' }).waitFor();
      await screenshot(page, `sign-in-${theme}`);
      await signIn(page, 'Henrik Sandberg');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Översikt' }).click();
      await page.getByRole('region', { name: 'Läget i LIS' }).waitFor();
      await screenshot(page, `overview-${theme}`);
      await page.getByRole('link', { name: 'Informationstillgångar' }).first().click();
      await page.getByRole('link', { name: 'Krisberedskap och civilt försvar' }).waitFor();
      await screenshot(page, `assets-${theme}`);
      await page.getByRole('link', { name: 'Krisberedskap och civilt försvar' }).click();
      await page.getByText('Högsta nivå: 4 – Synnerligen allvarlig').waitFor();
      await screenshot(page, `asset-form-${theme}`);
      // The page background follows the theme.
      const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
      expect(background).toBe(theme === 'dark' ? 'rgb(41, 41, 41)' : 'rgb(0, 0, 0)');
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('refuses a guest and a disabled account with a message and a way back (light 1280, dark and high contrast 375)', async () => {
    for (const [theme, width, name, text] of [
      ['light', 1280, 'Kim Varga', 'gästkonton och konton från andra organisationer släpps inte in'],
      ['dark', 375, 'Lars Holm', 'Ditt konto är inaktiverat'],
      ['contrast', 375, 'Kim Varga', 'gästkonton och konton från andra organisationer släpps inte in'],
    ] as const) {
      const { page, context, errors } = await openTab(e2e, { theme });
      await page.setViewportSize({ width, height: 900 });
      await page.getByRole('heading', { level: 1, name: 'Välj demoperson' }).waitFor();
      const refused = page.getByRole('list', { name: 'Konton som LIS inte släpper in' });
      await refused.waitFor();
      if (theme === 'light') await screenshot(page, 'sign-in-refused-accounts-light');
      await refused.getByRole('button', { name: new RegExp(`^Logga in som ${name}`) }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Du kan inte använda LIS' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain(text);
      expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).count()).toBe(0);
      await screenshot(page, `entry-refused-${theme}-${width}`);
      await page.getByRole('button', { name: 'Byt demoperson' }).click();
      await page.getByRole('heading', { level: 1, name: 'Välj demoperson' }).waitFor();
      // The browser reports the API's 403 as a failed resource; nothing else went wrong.
      expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
      await context.close();
    }
  });

  it('speaks English when the browser does', async () => {
    const { page, context } = await openTab(e2e, { locale: 'en-GB' });
    await page.getByRole('heading', { level: 1, name: 'Choose a demo person' }).waitFor();
    await page.getByRole('button', { name: /^Sign in as Leila Haddad/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });
});

async function expectAlert(page: import('playwright-core').Page, text: string) {
  await page.getByRole('alert').filter({ hasText: text }).first().waitFor();
}
