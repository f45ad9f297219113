/**
 * Utbildning over HTTP: completion per unit for everyone, per person only for those entitled
 * (policy/registers.ts), and the CSV import as text/csv (≤ 1 MB, Idempotency-Key) with the
 * per-line report in the user's language — nothing saved when a line is wrong (422).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startApi, type Api } from './helpers';

const ADMIN = 'd0000000-0000-4000-8000-000000000009'; // Ahmed Karimi, administrative unit

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

async function rawUpload(as: string, text: string, key: string, lang: string) {
  const res = await fetch(`${api.base}/trainings/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await api.token(as)}`, 'Content-Type': 'text/csv', 'Idempotency-Key': key, 'Accept-Language': lang },
    body: text,
  });
  return { status: res.status, body: (await res.json()) as any };
}

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
    const all = await api.call('GET', '/trainings', { as: PEOPLE.isam });
    const total = all.body.units.reduce((n: number, u: { people: number }) => n + u.people, 0);
    expect(all.body.people).toHaveLength(total);
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
