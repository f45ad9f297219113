/**
 * The training import with real-looking exports as files (tests/fixtures/training-import/README.md):
 * the bytes as a browser sends them go through the use case against the local SharePoint server —
 * a UTF-8 file with BOM and semicolons, a Windows-1252 file from an older Excel, an HR export with
 * commas, quoted line breaks and Excel date numbers, and a file with broken lines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor, type Actor } from '../../../../core/app/people';
import { Refused, type Deps } from '../../../../core/app/platform';
import { importIssueText, importTrainingCsv } from '../../../../core/app/training';
import { startBotHarness, type BotHarness } from '../../../support/bot-harness';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/training-import');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const person = (nn: string) => `d0000000-0000-4000-8000-0000000000${nn}`;

let h: BotHarness;
let deps: Deps;
let admin: Actor;

async function imported(): Promise<string[][]> {
  const out: string[][] = [];
  for await (const c of h.app.sharepoint.store.queryAll('Trainings')) if (c.data.source === 'import') out.push([c.data.personId, c.data.courseCode, c.data.completedAt]);
  return out.sort();
}

beforeAll(async () => {
  h = await startBotHarness({ now: '2026-11-28T09:00:00.000Z' });
  deps = h.app.runtime.deps;
  admin = await loadActor(deps, person('09')); // Ahmed Karimi, administrative unit
});
afterAll(async () => h?.close());

describe('importing exports as files', () => {
  it('reads a learning platform report saved as UTF-8 with BOM and semicolons', async () => {
    const report = await importTrainingCsv(deps, admin, fixture('larplattform-utf8-bom-semikolon.csv'), 'file-utf8');
    expect(report).toMatchObject({ ok: true, lines: 6, imported: 4, alreadyRecorded: 0, errors: [] });
    expect(report.skipped.map((s) => importIssueText('sv', s))).toEqual([
      'Rad 4: inte slutförd (status ”Påbörjad”), hoppades över.',
      'Rad 6: kursen ”BRAND-GRUND” finns inte i kurskatalogen, hoppades över.',
    ]);
    expect(await imported()).toEqual(
      [
        [person('16'), 'ISK-GRUND', '2026-11-03'],
        [person('17'), 'GDPR-GRUND', '2026-10-29'],
        [person('19'), 'CSL-LEDNING', '2026-11-12'],
        [person('34'), 'ISK-GRUND', '2026-11-06'],
      ].sort(),
    );
  });

  it('reads an older Excel\'s Windows-1252 file: course names with ä, å and the dash match the catalogue', async () => {
    const before = await imported();
    const report = await importTrainingCsv(deps, admin, fixture('excel-windows-1252-semikolon.csv'), 'file-1252');
    expect(report).toMatchObject({ ok: true, lines: 4, imported: 3, errors: [] });
    expect(report.skipped.map((s) => importIssueText('en', s))).toEqual(['Line 5: the course “Säker användning av AI-tjänster” is not in the course catalogue, skipped.']);
    const added = (await imported()).filter((r) => !before.some((b) => b.join() === r.join()));
    expect(added).toEqual(
      [
        [person('13'), 'ISK-GRUND', '2026-11-20'],
        [person('12'), 'GDPR-GRUND', '2026-11-25'],
        [person('38'), 'NATFISKE', '2026-11-25'],
      ].sort(),
    );
  });

  it('reads an HR export with commas, quoted line breaks, doubled quotes and Excel date numbers', async () => {
    const before = await imported();
    const report = await importTrainingCsv(deps, admin, fixture('hr-export-komma-excel-datum.csv'), 'file-hr');
    expect(report).toMatchObject({ ok: true, lines: 4, imported: 3, errors: [] });
    // The comment over lines 3–4 is one row: the next row is line 5.
    expect(report.skipped).toEqual([{ line: 5, messageKey: 'training.import.notCompleted', params: { status: 'In progress' } }]);
    const added = (await imported()).filter((r) => !before.some((b) => b.join() === r.join()));
    expect(added).toEqual(
      [
        [person('16'), 'GDPR-GRUND', '2026-11-03'], // 46329, code in lower case
        [person('17'), 'ISK-GRUND', '2026-10-29'], // 46324.604…: the time of day does not move the date
        [person('19'), 'NATFISKE', '2026-11-12'], // 2026-11-11T23:30:00Z is 00:30 on the 12th in Stockholm
      ].sort(),
    );
  });

  it('imports nothing from a file with broken lines, and says for each what is wrong and what is expected', async () => {
    const before = await imported();
    const report = await importTrainingCsv(deps, admin, fixture('trasiga-rader.csv'), 'file-broken');
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.errors.map((e) => importIssueText('sv', e))).toEqual([
      'Rad 2: ”ISK GRUND” har fel format för en kurskod. En kurskod har 2–30 tecken: bokstäverna A–Z, siffror och bindestreck, till exempel CSL-LEDNING.',
      'Rad 3: kurskod saknas. Skriv kursens kod, till exempel CSL-LEDNING.',
      'Rad 4: ”3/11/2026” kan betyda både 2026-11-03 och 2026-03-11. Skriv datum som ÅÅÅÅ-MM-DD.',
      'Rad 5: ”2026-11-31” är inget datum. Skriv datum som ÅÅÅÅ-MM-DD.',
      'Rad 7: ett citattecken öppnas på den här raden men stängs aldrig, så resten av filen går inte att läsa. Lägg till det avslutande citattecknet (") efter fältets text.',
    ]);
    expect(report.errors.map((e) => importIssueText('en', e))).toEqual([
      'Line 2: “ISK GRUND” is not a course code. A course code has 2–30 characters: the letters A–Z, digits and hyphens, for example CSL-LEDNING.',
      'Line 3: the course code is missing. Write the course’s code, for example CSL-LEDNING.',
      'Line 4: “3/11/2026” could mean 2026-11-03 or 2026-03-11. Write dates as YYYY-MM-DD.',
      'Line 5: “2026-11-31” is not a date. Write dates as YYYY-MM-DD.',
      'Line 7: a quotation mark opens on this line but never closes, so the rest of the file cannot be read. Add the closing quotation mark (") after the field’s text.',
    ]);
    // Line 6 was right, and was not written either.
    expect(await imported()).toEqual(before);
  });

  it('is idempotent for files too: the same file again adds nothing, the same upload returns its report', async () => {
    const before = await imported();
    const again = await importTrainingCsv(deps, admin, fixture('excel-windows-1252-semikolon.csv'), 'file-1252-again');
    expect(again).toMatchObject({ ok: true, imported: 0, alreadyRecorded: 3 });
    const replay = await importTrainingCsv(deps, admin, fixture('excel-windows-1252-semikolon.csv'), 'file-1252');
    expect(replay).toMatchObject({ ok: true, imported: 3, alreadyRecorded: 0 });
    expect(await imported()).toEqual(before);
  });

  it('refuses an Excel workbook with a word on how to save it as CSV', async () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, ...new TextEncoder().encode('[Content_Types].xml')]);
    const refusal = await importTrainingCsv(deps, admin, xlsx, 'file-xlsx').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Refused);
    expect((refusal as Refused).messageKey).toBe('training.import.spreadsheet');
    expect((refusal as Refused).params).toEqual({ kind: '.xlsx' });
  });

  it('is refused to staff whatever the file', async () => {
    const staff = await loadActor(deps, person('16')); // Johanna Berg, staff
    await expect(importTrainingCsv(deps, staff, fixture('larplattform-utf8-bom-semikolon.csv'), 'file-staff')).rejects.toThrow(Refused);
  });
});
