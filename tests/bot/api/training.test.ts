/**
 * Utbildning over HTTP: completion per unit for everyone, per person only for those entitled
 * (policy/registers.ts), and the CSV import — the file's bytes as the tab sends them
 * (application/octet-stream) or text/csv, ≤ 1 MB, Idempotency-Key — with the per-line report in
 * the user's language; nothing saved when a line is wrong (422).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startApi, type Api } from './helpers';

const ADMIN = 'd0000000-0000-4000-8000-000000000009'; // Ahmed Karimi, administrative unit

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

async function rawUpload(as: string, body: string | Uint8Array, key: string, lang: string, contentType = 'text/csv') {
  const res = await fetch(`${api.base}/trainings/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await api.token(as)}`, 'Content-Type': contentType, 'Idempotency-Key': key, 'Accept-Language': lang },
    body: body as BodyInit,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/training-import');
/** A fixture's bytes, sent as the tab sends a chosen file. */
const upload = (as: string, file: string, key: string, lang = 'sv-SE') => rawUpload(as, new Uint8Array(readFileSync(path.join(FIXTURES, file))), key, lang, 'application/octet-stream');

describe('training completion', () => {
  it('shows everyone the units, and a staff member only their own row', async () => {
    const res = await api.call('GET', '/trainings', { as: PEOPLE.staff });
    expect(res.status).toBe(200);
    expect(res.body.units.length).toBeGreaterThan(3);
    expect(res.body.courses.map((c: { code: string }) => c.code)).toEqual(['CSL-LEDNING', 'GDPR-GRUND', 'ISK-GRUND']);
    expect(res.body.people.map((p: { id: string }) => p.id)).toEqual([PEOPLE.staff]);
    expect(res.body.peopleVisible).toBe(false);
    expect(res.body.canImport).toBe(false);
  });

  it('shows a manager their unit and ISAM everyone', async () => {
    const manager = await api.call('GET', '/trainings', { as: PEOPLE.thomas });
    expect(new Set(manager.body.people.map((p: { unit: string }) => p.unit))).toEqual(new Set(['IFO']));
    const isam = await api.call('GET', '/trainings?unit=EKB', { as: PEOPLE.isam });
    expect(isam.body.people.length).toBeGreaterThan(1);
    expect(isam.body.people.every((p: { unit: string }) => p.unit === 'EKB')).toBe(true);
    // One unit at a time (its completions are that unit's buckets, never the whole list): without a
    // unit, ISAM sees their own; every unit in turn adds up to the units' kept figures.
    const all = await api.call('GET', '/trainings', { as: PEOPLE.isam });
    expect(all.body.unit).toBe('LEDN');
    expect(all.body.people.every((p: { unit: string }) => p.unit === 'LEDN')).toBe(true);
    const total = all.body.units.reduce((n: number, u: { people: number }) => n + u.people, 0);
    let listed = 0;
    for (const u of all.body.units as { unit: string; people: number; required: number; completed: number }[]) {
      const one = await api.call('GET', `/trainings?unit=${encodeURIComponent(u.unit)}`, { as: PEOPLE.isam });
      expect(one.body.people, u.unit).toHaveLength(u.people);
      // The kept figure of the unit agrees with its people's cells.
      const cells = one.body.people.flatMap((p: { courses: Record<string, { required: boolean; valid: boolean }> }) => Object.values(p.courses).filter((c) => c.required));
      expect([cells.filter((c: { valid: boolean }) => c.valid).length, cells.length], u.unit).toEqual([u.completed, u.required]);
      listed += one.body.people.length;
    }
    expect(listed).toBe(total);
  });
});

describe('importing the e-learning export', () => {
  const good = 'Anställnings-ID;Namn;E-post;Kurs;Status;Slutförd\r\n4711;Johanna Berg;johanna.berg@soderbyn.example;NATFISKE;Slutförd;2026-11-03 14:22\r\n4712;Okänd;ingen@soderbyn.example;ISK-GRUND;Godkänd;2026-10-30\r\n';

  it('is refused to a staff member', async () => {
    expect((await rawUpload(PEOPLE.staff, good, randomUUID(), 'sv-SE')).status).toBe(403);
  });

  it('imports for the administrative unit with a per-line report; the same upload twice writes once', async () => {
    const key = randomUUID();
    const first = await rawUpload(ADMIN, good, key, 'sv-SE');
    expect(first.status).toBe(200);
    expect(first.body.report).toMatchObject({ ok: true, lines: 2, imported: 1 });
    expect(first.body.skipped).toEqual([{ line: 3, text: expect.stringMatching(/^Rad 3: /) }]);
    const again = await rawUpload(ADMIN, good, key, 'sv-SE');
    expect(again.body.report).toEqual(first.body.report);
    const reimport = await rawUpload(ADMIN, good, randomUUID(), 'en-GB');
    expect(reimport.body.report).toMatchObject({ imported: 0, alreadyRecorded: 1 });
    expect(reimport.body.skipped[0].text).toMatch(/^Line 3: /);
  });

  it('saves nothing when a line is wrong (422), and refuses a file over 1 MB (413)', async () => {
    const bad = 'E-post;Kurs;Slutförd\njohanna.berg@soderbyn.example;ISK-GRUND;igår\n';
    const res = await rawUpload(ADMIN, bad, randomUUID(), 'sv-SE');
    expect(res.status).toBe(422);
    expect(res.body.report.ok).toBe(false);
    expect(res.body.errors[0].text).toMatch(/^Rad 2: /);
    const big = `E-post;Kurs;Slutförd\n${'x'.repeat(1_100_000)}\n`;
    const tooLarge = await rawUpload(ADMIN, big, randomUUID(), 'sv-SE');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.message).toBe('Filen är större än 1 MB. Dela upp exporten i flera filer.');
  });
});

describe('importing export files as the tab sends them (bytes, application/octet-stream)', () => {
  it('imports an older Excel\'s Windows-1252 file, decoded on the server', async () => {
    const key = randomUUID();
    const res = await upload(ADMIN, 'excel-windows-1252-semikolon.csv', key);
    expect(res.status).toBe(200);
    expect(res.body.report).toMatchObject({ ok: true, lines: 4, imported: 3 });
    expect(res.body.skipped).toEqual([{ line: 5, text: 'Rad 5: kursen ”Säker användning av AI-tjänster” finns inte i kurskatalogen, hoppades över.' }]);
    // The same upload again (a retry, a double click): the first report, nothing written twice.
    expect((await upload(ADMIN, 'excel-windows-1252-semikolon.csv', key)).body.report).toEqual(res.body.report);
    const overview = await api.call('GET', '/trainings?unit=ADM', { as: ADMIN });
    const fredrik = overview.body.people.find((p: { name: string }) => p.name === 'Fredrik Åberg');
    expect(fredrik.courses['ISK-GRUND'].completedAt).toBe('2026-11-20');
  });

  it('imports a UTF-8 file with BOM and an HR export with Excel date numbers', async () => {
    const utf8 = await upload(ADMIN, 'larplattform-utf8-bom-semikolon.csv', randomUUID());
    expect(utf8.status).toBe(200);
    expect(utf8.body.report).toMatchObject({ ok: true, lines: 6, imported: 4 });
    const hr = await upload(ADMIN, 'hr-export-komma-excel-datum.csv', randomUUID(), 'en-GB');
    expect(hr.status).toBe(200);
    expect(hr.body.report).toMatchObject({ ok: true, lines: 4, imported: 3 });
    expect(hr.body.skipped).toEqual([{ line: 5, text: 'Line 5: not completed (status “In progress”), skipped.' }]);
  });

  it('answers 422 with each broken line in words, and saves nothing', async () => {
    const res = await upload(ADMIN, 'trasiga-rader.csv', randomUUID(), 'en-GB');
    expect(res.status).toBe(422);
    expect(res.body.report).toMatchObject({ ok: false, imported: 0 });
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4, 5, 7]);
    expect(res.body.errors[0].text).toMatch(/^Line 2: “ISK GRUND” is not a course code\. A course code has 2–30 characters/);
    expect(res.body.errors[1].text).toMatch(/^Line 3: the course code is missing\./);
    const again = await upload(ADMIN, 'trasiga-rader.csv', randomUUID(), 'sv-SE');
    expect(again.body.errors[0].text).toMatch(/^Rad 2: ”ISK GRUND” har fel format för en kurskod\./);
  });

  it('refuses an Excel workbook (400, saying what to send) and a body of another media type (415)', async () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    const workbook = await rawUpload(ADMIN, xlsx, randomUUID(), 'sv-SE', 'application/octet-stream');
    expect(workbook.status).toBe(400);
    expect(workbook.body.message).toBe('Filen är en Excel-arbetsbok (.xlsx), inte en CSV-fil. Öppna den i Excel, välj Arkiv › Spara som › ”CSV UTF-8 (kommaavgränsad)” och importera den filen.');
    const json = await rawUpload(ADMIN, '{"rows": []}', randomUUID(), 'sv-SE', 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.error).toBe('unsupported_media_type');
  });
});
