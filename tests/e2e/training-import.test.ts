/**
 * The training import in a real browser: the administrative unit chooses an export saved by an
 * older Excel (Windows-1252 bytes) and the tab sends the file's bytes, so the server can tell the
 * encoding — the report shows the course names with their å and ä intact. A file with broken lines
 * gets its per-line report and saves nothing. Screenshots at 1280 and 375 px.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openTab, screenshot, signIn, startE2E, type E2E } from './support';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/training-import');
let e2e: E2E;

describe.skipIf(!hasChromium)('the training import in Chromium', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(async () => e2e?.close());

  it('imports a Windows-1252 export chosen in the file picker, and reports broken lines without saving', async () => {
    const { page, context, errors } = await openTab(e2e, { path: '/training' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'Ahmed Karimi');
    const section = page.getByRole('region', { name: 'Importera från e-utbildningsplattformen' });
    await section.getByLabel('CSV-fil').setInputFiles(path.join(FIXTURES, 'excel-windows-1252-semikolon.csv'));
    await section.getByRole('button', { name: 'Importera' }).click();
    const result = section.getByRole('region', { name: 'Resultat av importen' });
    await result.getByRole('status').waitFor();
    expect(await result.getByRole('status').innerText()).toBe('4 rader lästa: 3 nya, 0 fanns redan, 1 hoppades över.');
    expect(await result.getByRole('listitem').allInnerTexts()).toEqual(['Rad 5: kursen ”Säker användning av AI-tjänster” finns inte i kurskatalogen, hoppades över.']);
    // The overview reloads with the new completion.
    await page.getByRole('table', { name: 'Obligatoriska utbildningar per person' }).getByRole('row', { name: /Fredrik Åberg/ }).waitFor();
    await screenshot(page, 'training-import-1252');

    await section.getByLabel('CSV-fil').setInputFiles(path.join(FIXTURES, 'trasiga-rader.csv'));
    await section.getByRole('button', { name: 'Importera' }).click();
    await result.getByRole('alert').waitFor();
    expect(await result.getByRole('alert').innerText()).toBe('Inget sparades: 5 rader har fel. Rätta filen och importera igen.');
    const lines = await result.getByRole('listitem').allInnerTexts();
    expect(lines.map((l) => l.slice(0, 6))).toEqual(['Rad 2:', 'Rad 3:', 'Rad 4:', 'Rad 5:', 'Rad 7:']);
    expect(lines[0]).toContain('har fel format för en kurskod');
    await screenshot(page, 'training-import-errors');
    await page.setViewportSize({ width: 375, height: 800 });
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'training-import-errors-375');
    // The browser logs the 422 of the broken file as a failed resource; nothing else may show up.
    expect(errors.filter((e) => !e.includes('status of 422 (Unprocessable Entity)'))).toEqual([]);
    expect(errors).toHaveLength(1);
    await context.close();
  }, 120_000);
});
