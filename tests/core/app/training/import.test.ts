/**
 * Importing the e-learning platform's CSV export (format in core/app/training/import.ts), against the
 * local SharePoint server: a good file, bad lines reported per line in Swedish and English with
 * nothing written, lines skipped with a reason, re-import idempotent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor, type Actor } from '../../../../core/app/people';
import { Refused, type Deps } from '../../../../core/app/platform';
import { importIssueText, importTrainingCsv, parseCsv } from '../../../../core/app/training';
import { PEOPLE, startBotHarness, type BotHarness } from '../../../support/bot-harness';

const person = (nn: string) => `d0000000-0000-4000-8000-0000000000${nn}`;
/** As Excel saves "CSV UTF-8 (kommaavgränsad)" with Swedish regional settings: BOM, semicolons, CRLF. */
const excel = (rows: string[]) => `\uFEFF${rows.join('\r\n')}\r\n`;
const HEADER = 'Anställnings-ID;Namn;E-post;Kurs;Status;Slutförd';

let h: BotHarness;
let deps: Deps;
let isam: Actor;

async function completions(): Promise<{ key: string; personId: string; courseCode: string; completedAt: string; source: string }[]> {
  const out = [];
  for await (const c of h.app.sharepoint.store.queryAll('Trainings')) out.push({ key: c.key, personId: c.data.personId, courseCode: c.data.courseCode, completedAt: c.data.completedAt, source: c.data.source });
  return out;
}

beforeAll(async () => {
  h = await startBotHarness({ now: '2026-11-28T09:00:00.000Z' });
  deps = h.app.runtime.deps;
  isam = await loadActor(deps, PEOPLE.isam);
});
afterAll(async () => h?.close());

describe('the CSV reader', () => {
  it('reads BOM, semicolons, CRLF, quoted fields with delimiters, quotes and line breaks, and keeps true line numbers', () => {
    const table = parseCsv(excel([HEADER, '1001;"Berg; Johanna";johanna.berg@soderbyn.example;"Kurs ""A""";Slutförd;2026-11-03', '', '1002;"Två\r\nrader";x@y.example;K;Slutförd;2026-11-04', '1003;Sist;z@y.example;K;Slutförd;2026-11-05']));
    expect(table.delimiter).toBe(';');
    expect(table.header.cells[0]).toBe('Anställnings-ID');
    expect(table.rows.map((r) => r.line)).toEqual([2, 4, 6]);
    expect(table.rows[0]!.cells).toEqual(['1001', 'Berg; Johanna', 'johanna.berg@soderbyn.example', 'Kurs "A"', 'Slutförd', '2026-11-03']);
    // One line-break convention inside cells, whatever the file used.
    expect(table.rows[1]!.cells[1]).toBe('Två\nrader');
    expect(parseCsv('Email,Course code,Completed\nx@y.example,ISK-GRUND,2026-01-01').delimiter).toBe(',');
    expect(parseCsv('a;b\n1;"open').syntaxError).toEqual({ line: 2, kind: 'unterminatedQuote' });
  });
});

describe('importTrainingCsv', () => {
  const good = excel([
    HEADER,
    '4711;Ali Hussein;ali.hussein@soderbyn.example;Dataskydd och GDPR – grundkurs (Stockholms stads e-utbildning);Slutförd;2026-11-03 14:22',
    '4712;Agnes Öberg;AGNES.OBERG@soderbyn.example;ISK-GRUND;Godkänd;2026-10-30',
    '4713;Göran Axelsson;goran.axelsson@soderbyn.example;Informationssäkerhet – grundkurs (Stockholms stads e-utbildning);Påbörjad;',
    '4714;Birgitta Nyström;birgitta.nystrom@soderbyn.example;CSL-LEDNING;Slutförd;2026-11-12',
    '4715;Tidigare Anställd;tidigare.anstalld@soderbyn.example;ISK-GRUND;Slutförd;2026-02-02',
    '4716;Ali Hussein;ali.hussein@soderbyn.example;Brandskydd grundkurs;Slutförd;2026-09-01',
    '4711;Ali Hussein;ali.hussein@soderbyn.example;GDPR-GRUND;Slutförd;2026-11-03',
  ]);

  it('imports a good export: completions written once, other lines skipped with the reason', async () => {
    const before = (await completions()).length;
    const report = await importTrainingCsv(deps, isam, good, 'upload-1');
    expect(report).toMatchObject({ ok: true, lines: 7, imported: 3, alreadyRecorded: 0, errors: [] });
    expect(report.skipped.map((s) => [s.line, s.messageKey])).toEqual([
      [4, 'training.import.notCompleted'],
      [6, 'training.import.unknownPerson'],
      [7, 'training.import.unknownCourse'],
      [8, 'training.import.duplicateLine'],
    ]);
    expect(report.skipped.map((s) => importIssueText('sv', s))).toEqual([
      'Rad 4: inte slutförd (status ”Påbörjad”), hoppades över.',
      'Rad 6: tidigare.anstalld@soderbyn.example finns inte i katalogen (har personen slutat?), hoppades över.',
      'Rad 7: kursen ”Brandskydd grundkurs” finns inte i kurskatalogen, hoppades över.',
      'Rad 8: samma person, kurs och datum som rad 2, hoppades över.',
    ]);
    expect(importIssueText('en', report.skipped[0]!)).toBe('Line 4: not completed (status “Påbörjad”), skipped.');

    const after = await completions();
    expect(after.length).toBe(before + 3);
    expect(after.filter((c) => c.source === 'import').map((c) => [c.personId, c.courseCode, c.completedAt]).sort()).toEqual(
      [
        [person('17'), 'GDPR-GRUND', '2026-11-03'],
        [person('24'), 'ISK-GRUND', '2026-10-30'],
        [person('19'), 'CSL-LEDNING', '2026-11-12'],
      ].sort(),
    );
    const audit = await deps.store.findByKey('AuditLog', `audit:training.imported:${PEOPLE.isam}:upload-1`);
    expect(audit!.data).toMatchObject({ actorId: PEOPLE.isam, action: 'training.imported' });
    expect(audit!.data.summary).toBe('Import av utbildningar: 3 nya, 0 redan registrerade, 4 rader överhoppade');
  });

  it('is idempotent: importing the same file again writes nothing; the same upload returns its first report', async () => {
    const before = await completions();
    const again = await importTrainingCsv(deps, isam, good, 'upload-2');
    expect(again).toMatchObject({ ok: true, imported: 0, alreadyRecorded: 3 });
    const replay = await importTrainingCsv(deps, isam, good, 'upload-1');
    expect(replay).toMatchObject({ ok: true, imported: 3, alreadyRecorded: 0 });
    expect(await completions()).toEqual(before);
    // Concurrent imports of one file still make one record per completion.
    await Promise.all([importTrainingCsv(deps, isam, good, 'upload-3'), importTrainingCsv(deps, isam, good, 'upload-4')]);
    expect((await completions()).length).toBe(before.length);
  });

  it('reports every bad line in Swedish and English and writes nothing', async () => {
    const before = await completions();
    const bad = excel([
      HEADER,
      '5001;Ali Hussein;ali.hussein@soderbyn.example;ISK-GRUND;Slutförd;3/11/2026',
      '5002;Okänd;;GDPR-GRUND;Slutförd;2026-11-01',
      '5003;Fel Adress;inte-en-adress;GDPR-GRUND;Slutförd;2026-11-01',
      '5004;Johanna Berg;johanna.berg@soderbyn.example;ISK-GRUND;Slutförd;2027-01-15',
      '5005;Kort rad;kort@soderbyn.example',
      '5006;Peter Strand;peter.strand@soderbyn.example;ISK-GRUND;Slutförd;2026-11-20',
      '5007;Peter Strand;peter.strand@soderbyn.example;;Slutförd;2026-11-20',
      '5008;Peter Strand;peter.strand@soderbyn.example;ISK-GRUND;Slutförd;2026-02-30',
    ]);
    const report = await importTrainingCsv(deps, isam, bad, 'upload-bad');
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.errors.map((e) => importIssueText('sv', e))).toEqual([
      'Rad 2: ”3/11/2026” kan betyda både 2026-11-03 och 2026-03-11. Skriv datum som ÅÅÅÅ-MM-DD.',
      'Rad 3: e-postadress saknas.',
      'Rad 4: ”inte-en-adress” är ingen e-postadress.',
      'Rad 5: slutdatumet 2027-01-15 ligger fram i tiden.',
      'Rad 6: raden har bara 3 kolumner, rubrikraden har 6.',
      'Rad 8: kurs saknas.',
      'Rad 9: ”2026-02-30” är inget datum. Skriv datum som ÅÅÅÅ-MM-DD.',
    ]);
    expect(report.errors.map((e) => importIssueText('en', e))).toEqual([
      'Line 2: “3/11/2026” could mean 2026-11-03 or 2026-03-11. Write dates as YYYY-MM-DD.',
      'Line 3: the e-mail address is missing.',
      'Line 4: “inte-en-adress” is not an e-mail address.',
      'Line 5: the completion date 2027-01-15 is in the future.',
      'Line 6: the line has only 3 columns, the header has 6.',
      'Line 8: the course is missing.',
      'Line 9: “2026-02-30” is not a date. Write dates as YYYY-MM-DD.',
    ]);
    // The good line 7 was not written either: nothing half-written.
    expect(await completions()).toEqual(before);
    expect(await deps.store.findByKey('AuditLog', `audit:training.imported:${PEOPLE.isam}:upload-bad`)).toBeNull();
  });

  it('names missing columns, and reads an English export with commas', async () => {
    const wrong = await importTrainingCsv(deps, isam, excel(['Namn;Kurs;Datum', 'Ali;ISK-GRUND;2026-01-01']), 'upload-cols');
    expect(wrong.ok).toBe(false);
    expect(importIssueText('sv', wrong.errors[0]!)).toBe('Rad 1: Kolumnerna e-post, slutförd saknas. Första raden ska vara kolumnrubriker; den här filen har: Namn, Kurs, Datum.');

    const english = await importTrainingCsv(deps, isam, 'Email,Course code,Completed date\nsimon.larsson@soderbyn.example,GDPR-GRUND,2026-11-25\n', 'upload-en');
    expect(english).toMatchObject({ ok: true, imported: 1 });
    expect(await importTrainingCsv(deps, isam, '', 'upload-empty')).toMatchObject({ ok: false, errors: [{ line: 1, messageKey: 'training.import.empty' }] });
  });

  it('counts a completion recorded by hand as already there', async () => {
    const { recordTraining } = await import('../../../../core/app/training');
    await recordTraining(deps, isam, { email: 'viktor.hagg@soderbyn.example', courseCode: 'GDPR-GRUND', completedAt: '2026-11-10' });
    const report = await importTrainingCsv(deps, isam, excel([HEADER, '9;Viktor Hägg;viktor.hagg@soderbyn.example;GDPR-GRUND;Slutförd;2026-11-10']), 'upload-manual');
    expect(report).toMatchObject({ ok: true, imported: 0, alreadyRecorded: 1 });
  });

  it('is for ISAM and the administrative unit only', async () => {
    const staff = await loadActor(deps, person('16'));
    await expect(importTrainingCsv(deps, staff, good, 'upload-staff')).rejects.toThrow(Refused);
    const admin = await loadActor(deps, person('09'));
    expect((await importTrainingCsv(deps, admin, good, 'upload-admin')).ok).toBe(true);
  });
});
