/**
 * Every authority report drafted for a seeded incident (INC-016, the ransomware attack on the HR
 * and payroll supplier): the early warning, incident notification, intermediate, final and
 * progress reports to MCF, the IMY notification, the message to the people concerned and the
 * art. 33(5) record — through the tab API, as text and as .docx; edited, saved, and kept unchanged
 * once recorded as sent. With DRAFTS_OUT=<folder> the documents are also written there (to look at
 * them after `libreoffice --headless --convert-to pdf`).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
let id: string;
let etag: string;
const out = process.env.DRAFTS_OUT ?? null;

const post = async (as: string, route: string, body: unknown) => {
  const res = await api.call('POST', route, { as, body, headers: { 'Idempotency-Key': randomUUID(), 'If-Match': etag } });
  if (res.status === 200) etag = res.body.etag;
  return res;
};

async function docx(as: string, key: string, query = ''): Promise<{ status: number; xml: string; type: string | null; disposition: string | null; bytes: Uint8Array }> {
  const res = await fetch(`${api.base}/incidents/${id}/reports/${key}/document.docx${query}`, { headers: { Authorization: `Bearer ${await api.token(as)}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, xml: '', type: res.headers.get('content-type'), disposition: null, bytes };
  const files = unzipSync(bytes);
  const xml = ['word/document.xml', 'word/header1.xml', 'word/footer1.xml'].filter((f) => files[f]).map((f) => strFromU8(files[f]!)).join('\n');
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, `INC-016-${key.replace(':', '-')}${query.includes('en') ? '-en' : ''}.docx`), bytes);
  }
  return { status: 200, xml, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes };
}

/** Word splits text into runs: compare the document's text with the tags taken out. */
const textOf = (xml: string) => xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");

beforeAll(async () => {
  api = await startApi();
  const stored = await api.app.sharepoint.store.findByKey('Incidents', 'seed:incident:INC-016');
  id = stored!.id;
  const page = await api.call('GET', `/incidents/${id}`, { as: PEOPLE.isam });
  etag = page.body.etag;
}, 120_000);
afterAll(async () => api?.close());

describe('the reports of a seeded incident', () => {
  it('lists every report the incident has, with its state', async () => {
    const page = await api.call('GET', `/incidents/${id}`, { as: PEOPLE.isam });
    const keys = page.body.reports.map((r: { key: string }) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['cs_early_warning', 'cs_notification', 'cs_final_report', 'imy_notification', 'data_subjects', 'breach_documentation']));
    expect(keys.some((k: string) => k.startsWith('cs_situation_report:'))).toBe(true);
    const situation = page.body.clocks.find((c: { key: string }) => c.key === 'cs_situation_report:1');
    expect(situation).toMatchObject({ outcome: 'sent', state: 'sent' });
  });

  it('drafts the early warning to MCF with the facts the form asks for', async () => {
    const res = await api.call('GET', `/incidents/${id}/reports/cs_early_warning/draft?fresh=1`, { as: PEOPLE.isam });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({ title: 'Tidig varning om betydande incident', recipient: 'Myndigheten för civilt försvar (MCF)', language: 'sv', editable: false });
    expect(d.text).toContain('lämnar en tidig varning om en betydande incident enligt 2 kap. cybersäkerhetslagen (2025:1506)');
    expect(d.text).toContain('Organisation: Stadsdelsförvaltning Söderbyn');
    expect(d.text).toContain('Misstänkt olaglig eller avsiktligt skadlig handling: Ja');
    expect(d.text).toContain('Kan få konsekvenser i andra länder: Nej');
    expect(d.text).toContain('Organisationen fick kännedom om incidenten: 2026-09-09 kl. 08:40');
    expect(d.text).toContain('IA-004');
    expect(d.text).toContain('Incidentanmälan lämnas senast 2026-09-12 kl. 08:40');
    // The organisation number is not configured: a visible placeholder, and listed as missing.
    expect(d.text).toContain('Organisationsnummer: [uppgift saknas – komplettera]');
    expect(d.missing).toEqual(['Organisationsnummer']);
  });

  it('drafts the incident notification with severity, impact, indicators, measures and the IMY notification', async () => {
    const d = (await api.call('GET', `/incidents/${id}/reports/cs_notification/draft?fresh=1`, { as: PEOPLE.isam })).body;
    expect(d.title).toBe('Incidentanmälan om betydande incident');
    expect(d.text).toMatch(/En tidig varning lämnades 2026-09-10 kl\. 04:40 \(referens MCF-2026-016\)\./);
    expect(d.text).toContain('Allvarlighetsgrad: Kritisk');
    expect(d.text).toContain('Verksamheten begränsad: 30 timmar');
    expect(d.text).toContain('Manuella reservrutiner: 72 timmar');
    expect(d.text).toContain('Berörda personer: cirka 1\u00a0450');
    expect(d.text).toContain('IP-adresser och filhashvärden');
    expect(d.text).toContain('Integrationen mot leverantören stängdes av samma dag.');
    expect(d.text).toMatch(/Den anmäldes till Integritetsskyddsmyndigheten \(IMY\) 2026-09-11 kl\. \d\d:\d\d \(referens IMY-2026-016\)\./);
  });

  it('drafts the progress report while the incident is still being handled, and the final report with cause and timeline', async () => {
    const next = (await api.call('GET', `/incidents/${id}`, { as: PEOPLE.isam })).body.reportable.find((k: string) => k.startsWith('cs_situation_report:'));
    const situation = (await api.call('GET', `/incidents/${id}/reports/${next}/draft`, { as: PEOPLE.isam })).body;
    expect(situation.title).toBe('Lägesrapport om betydande incident');
    expect(situation.text).toContain('hanteras fortfarande. Därför lämnas en lägesrapport i stället för en slutrapport.');
    expect(situation.text).toContain('Slutrapporten lämnas senast en månad efter att incidenten har hanterats.');
    const final = (await api.call('GET', `/incidents/${id}/reports/cs_final_report/draft`, { as: PEOPLE.isam })).body;
    expect(final.title).toBe('Slutrapport om betydande incident');
    expect(final.text).toContain('Trolig grundorsak: Brist hos leverantör');
    expect(final.text).toContain('sårbarhet i en lösning för fjärråtkomst');
    expect(final.sections.map((s: { heading: string }) => s.heading)).toEqual(['Sammanfattning', 'Verksamhetsutövare', 'Vad har hänt', 'Allvarlighetsgrad och konsekvenser', 'Typ av hot eller grundorsak', 'Vidtagna och pågående åtgärder', 'Gränsöverskridande konsekvenser', 'Tidslinje']);
    expect(final.text).toMatch(/- 2026-09-06 kl\. 23:40: Incidenten inträffade/);
    expect(final.text).toMatch(/- 2026-09-10 kl\. 04:40: Tidig varning till MCF \(MCF-2026-016\)/);
  });

  it('drafts an intermediate report once MCF asks for one', async () => {
    const none = await api.call('GET', `/incidents/${id}/reports/cs_intermediate_report:1/draft`, { as: PEOPLE.isam });
    expect(none.status).toBe(404);
    const asked = await post(PEOPLE.isam, `/incidents/${id}/intermediate-requests`, { requestedAt: '2026-12-01T09:00:00.000Z', dueAt: '2026-12-18T15:00:00.000Z', reference: 'MCF 2026-4711' });
    expect(asked.status).toBe(200);
    const d = (await api.call('GET', `/incidents/${id}/reports/cs_intermediate_report:1/draft`, { as: PEOPLE.isam })).body;
    expect(d.title).toBe('Delrapport om betydande incident');
    expect(d.text).toContain('MCF:s referens: MCF 2026-4711');
    expect(d.text).toContain('Delrapporten ska lämnas senast: 2026-12-18 kl. 16:00');
  });

  it('drafts the IMY notification with the fields of IMY’s form, for the DSO', async () => {
    const d = (await api.call('GET', `/incidents/${id}/reports/imy_notification/draft?fresh=1`, { as: PEOPLE.dso })).body;
    expect(d).toMatchObject({ title: 'Anmälan av personuppgiftsincident', recipient: 'Integritetsskyddsmyndigheten (IMY)' });
    for (const heading of ['Personuppgiftsansvarig', 'Dataskyddsombud', 'Typ av personuppgiftsincident', 'Berörda personer och personuppgifter', 'Sannolika konsekvenser för de registrerade', 'Vidtagna och planerade åtgärder', 'Information till de registrerade', 'Rapportering till andra myndigheter', 'Anmälans omfattning']) {
      expect(d.sections.map((s: { heading: string }) => s.heading)).toContain(heading);
    }
    expect(d.text).toContain('Konfidentialitet – personuppgifter har röjts för eller kommit åt av obehöriga');
    expect(d.text).toContain('Ungefärligt antal registrerade: cirka 1\u00a0450');
    expect(d.text).toContain('Ungefärligt antal personuppgiftsposter: cirka 5\u00a0800');
    // The categories were written in words: whether they are special categories is left to check, visibly.
    expect(d.text).toContain('Känsliga personuppgifter (art. 9) eller uppgifter om lagöverträdelser (art. 10): [uppgift saknas – komplettera]');
    expect(d.missing).toEqual(['Organisationsnummer', 'Känsliga personuppgifter (art. 9) eller uppgifter om lagöverträdelser (art. 10)']);
    expect(d.text).toContain('Personer med skyddade personuppgifter kan beröras: Ja');
    expect(d.text).toMatch(/De registrerade informerades 2026-09-\d\d kl\. \d\d:\d\d \(Brev och e-post till berörda\)\./);
    expect(d.text).toMatch(/Incidenten har också rapporterats till MCF enligt cybersäkerhetslagen/);
    expect(d.text).toContain('Namn: Leila Haddad');
    // IMY was notified in time: no section for reasons of a delay.
    expect(d.sections.some((s: { key: string }) => s.key === 'lateReason')).toBe(false);
  });

  it('drafts the message to the people concerned in plain language, in Swedish and in English', async () => {
    const sv = (await api.call('GET', `/incidents/${id}/reports/data_subjects/draft?fresh=1`, { as: PEOPLE.dso })).body;
    expect(sv.title).toBe('Information om en personuppgiftsincident som rör dig');
    expect(sv.sections.map((s: { heading: string }) => s.heading)).toEqual(['Sammanfattning', 'Vad har hänt?', 'Vilka uppgifter om dig berörs?', 'Vad kan det innebära för dig?', 'Vad har vi gjort?', 'Vad kan du göra?', 'Har du frågor?', 'Dina rättigheter']);
    expect(sv.text).toContain('Om du har skyddade personuppgifter och är orolig för din säkerhet, kontakta polisen.');
    // Said plainly from the facts: the internal description (written for colleagues) is not sent to the people concerned.
    expect(sv.sections[1].text).toBe('Den 9 september 2026 fick vi veta att en av våra leverantörer hade drabbats av en incident som rör uppgifter om dig. Uppgifterna kan ha blivit kända för personer som inte skulle ha haft tillgång till dem. Uppgifterna var under en tid inte tillgängliga för oss.');
    expect(sv.text).not.toContain('exfiltrerats');
    expect(sv.text).toContain('kontakta vårt dataskyddsombud Leila Haddad');
    expect(sv.text).toContain('www.imy.se');
    const en = (await api.call('GET', `/incidents/${id}/reports/data_subjects/draft?fresh=1&language=en`, { as: PEOPLE.dso })).body;
    expect(en).toMatchObject({ language: 'en', title: 'Information about a personal data breach that concerns you' });
    expect(en.text).toContain('Swedish Authority for Privacy Protection (IMY), www.imy.se');
  });

  it('drafts the art. 33(5) record with the assessment and decisions', async () => {
    const d = (await api.call('GET', `/incidents/${id}/reports/breach_documentation/draft`, { as: PEOPLE.dso })).body;
    expect(d.title).toBe('Dokumentation av personuppgiftsincident enligt artikel 33.5 i dataskyddsförordningen');
    expect(d.text).toContain('Bedömd av: Henrik Sandberg');
    expect(d.text).toMatch(/Anmälan till IMY: Lämnad 2026-09-11 kl\. \d\d:\d\d \(referens IMY-2026-016\)/);
  });

  it('keeps reports to MCF from the DSO and GDPR reports from the IT security officer', async () => {
    expect((await api.call('GET', `/incidents/${id}/reports/cs_notification/draft`, { as: PEOPLE.dso })).status).toBe(403);
    expect((await api.call('GET', `/incidents/${id}/reports/imy_notification/draft`, { as: PEOPLE.itsec })).status).toBe(403);
    expect((await api.call('GET', `/incidents/${id}/reports/imy_notification/draft`, { as: PEOPLE.staff })).status).toBe(403);
    expect((await api.call('GET', `/incidents/${id}/reports/no_such_report/draft`, { as: PEOPLE.isam })).status).toBe(400);
  });

  it('renders every draft as a Word document with the title, the sections and page numbers', async () => {
    const keys = ['cs_early_warning', 'cs_notification', 'cs_intermediate_report:1', 'cs_final_report', 'imy_notification', 'data_subjects', 'breach_documentation'];
    const next = (await api.call('GET', `/incidents/${id}`, { as: PEOPLE.isam })).body.reportable.find((k: string) => k.startsWith('cs_situation_report:'));
    for (const key of [...keys, next]) {
      const as = ['imy_notification', 'data_subjects', 'breach_documentation'].includes(key) ? PEOPLE.dso : PEOPLE.isam;
      const draft = (await api.call('GET', `/incidents/${id}/reports/${key}/draft`, { as })).body;
      const doc = await docx(as, key);
      expect(doc.status).toBe(200);
      expect(doc.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(doc.disposition).toMatch(/^attachment; filename="INC-2026-\d{4}-[a-z0-9-]+\.docx"$/);
      const text = textOf(doc.xml);
      expect(text).toContain(draft.title);
      for (const s of draft.sections) expect(text).toContain(s.heading);
      expect(doc.xml).toContain('PAGE');
      expect(doc.xml).toContain('NUMPAGES');
      expect(text).toContain('Stadsdelsförvaltning Söderbyn');
    }
    const en = await docx(PEOPLE.dso, 'data_subjects', '?language=en&fresh=1');
    expect(textOf(en.xml)).toContain('What can you do?');
  });
});

describe('editing a draft and keeping what was sent', () => {
  it('saves an edited draft, refuses a stale save, and keeps the text unchanged once the report is recorded as sent', async () => {
    const route = `/incidents/${id}/reports/cs_final_report/draft`;
    const fresh = (await api.call('GET', route, { as: PEOPLE.isam })).body;
    expect(fresh.state).toBe('generated');
    const sections = fresh.sections.map((s: { key: string; heading: string; text: string }) => (s.key === 'summary' ? { ...s, text: `${s.text}\n\nRapporten har stämts av med leverantören.` } : s));
    // Bad input: a message per field, nothing saved.
    const bad = await api.call('PUT', route, { as: PEOPLE.isam, body: { language: 'sv', sections: [] }, headers: { 'Idempotency-Key': randomUUID() } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe('sections');
    const key = randomUUID();
    const [a, b] = await Promise.all([
      api.call('PUT', route, { as: PEOPLE.isam, body: { language: 'sv', sections }, headers: { 'Idempotency-Key': key } }),
      api.call('PUT', route, { as: PEOPLE.isam, body: { language: 'sv', sections }, headers: { 'Idempotency-Key': key } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body).toMatchObject({ state: 'draft', editable: true, updatedByName: 'Henrik Sandberg' });
    const saved = (await api.call('GET', route, { as: PEOPLE.isam })).body;
    expect(saved.text).toContain('Rapporten har stämts av med leverantören.');

    // Someone else saved meanwhile: a stale etag is a conflict with the current draft.
    const again = await api.call('PUT', route, { as: PEOPLE.itsec, body: { language: 'sv', sections }, headers: { 'Idempotency-Key': randomUUID(), 'If-Match': 'W/"stale"' } });
    expect(again.status).toBe(409);
    expect(again.body.current.id).toBe(saved.id);
    const changed = sections.map((s: { key: string; text: string }) => (s.key === 'cause' ? { ...s, text: `${s.text}\n\nLeverantören har bekräftat grundorsaken.` } : s));
    const ok = await api.call('PUT', route, { as: PEOPLE.itsec, body: { language: 'sv', sections: changed }, headers: { 'Idempotency-Key': randomUUID(), 'If-Match': saved.etag } });
    expect(ok.status).toBe(200);

    // Recorded as sent: the draft becomes the text that was sent, and stays as it was.
    const closed = await api.app.sharepoint.store.findByKey('Incidents', 'seed:incident:INC-016');
    expect(closed!.data.status).toBe('investigating');
    const sent = await post(PEOPLE.isam, `/incidents/${id}/reports/cs_final_report`, { sentAt: new Date(Date.now() - 3_600_000).toISOString(), reference: 'MCF-2026-016', lateReason: null });
    expect(sent.status).toBe(200);
    const clock = sent.body.clocks.find((c: { key: string }) => c.key === 'cs_final_report');
    expect(clock).toMatchObject({ outcome: 'sent', reference: 'MCF-2026-016', evidenceId: ok.body.id });
    const evidence = (await api.call('GET', route, { as: PEOPLE.isam })).body;
    expect(evidence).toMatchObject({ state: 'sent', editable: false, reference: 'MCF-2026-016' });
    expect(evidence.text).toContain('Leverantören har bekräftat grundorsaken.');
    const edit = await api.call('PUT', route, { as: PEOPLE.isam, body: { language: 'sv', sections }, headers: { 'Idempotency-Key': randomUUID(), 'If-Match': evidence.etag } });
    expect(edit.status).toBe(409);
    expect(edit.body.message).toMatch(/redan registrerad som skickad/);
    const doc = await docx(PEOPLE.isam, 'cs_final_report');
    expect(textOf(doc.xml)).toMatch(/Skickad .*2026/);
    expect(textOf(doc.xml)).toContain('Leverantören har bekräftat grundorsaken.');
    // The timeline says so in words.
    const page = (await api.call('GET', `/incidents/${id}`, { as: PEOPLE.isam })).body;
    const words = page.timeline.map((e: { text: string }) => e.text);
    expect(words).toContain('Utkast till Slutrapport till MCF sparades');
    expect(words.some((w: string) => w.startsWith('Slutrapport till MCF: skickad (referens MCF-2026-016)'))).toBe(true);
  });
});
