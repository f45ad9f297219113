/**
 * Imports completions from the e-learning platform's CSV export.
 *
 * ## The format
 * What the city's learning platform gives when a report is exported and saved from Excel with
 * Swedish regional settings ("CSV UTF-8 (kommaavgränsad)"):
 *
 * ```
 * Anställnings-ID;Namn;E-post;Kurs;Status;Slutförd
 * 4711;Ali Hussein;ali.hussein@soderbyn.example;Dataskydd och GDPR – grundkurs (Stockholms stads e-utbildning);Slutförd;2026-11-03 14:22
 * 4712;Agnes Öberg;agnes.oberg@soderbyn.example;ISK-GRUND;Godkänd;2026-10-30
 * 4713;Göran Axelsson;goran.axelsson@soderbyn.example;ISK-GRUND;Påbörjad;
 * ```
 *
 * - Whatever encoding the file is in: UTF-8 with or without a byte-order mark, UTF-16 (Excel's
 *   "Unicode text"), or Windows-1252 (an older Excel's "CSV (semikolonavgränsad)") — decided from
 *   the bytes (csv-encoding.ts). `;`, `,` or tab between fields, whichever the header line
 *   uses (or Excel's `sep=;` line); CRLF or LF; fields in double quotes may hold the delimiter, line
 *   breaks and `""` (csv.ts, csv-parse).
 * - The first line names the columns, in any order, in Swedish or English (case, spacing, dashes
 *   and brackets do not matter). Required: **e-post** (`E-post`, `E-postadress`, `Email`…),
 *   **kurs** — either `Kurs`/`Kursnamn`/`Course` (the course's code or its name in the catalogue)
 *   or `Kurskod`/`Kurs-ID`/`Course code` (a code only: 2–30 of A–Z, digits and `-`) — and
 *   **slutförd** (`Slutförd`, `Slutförandedatum`, `Completed`, `Completion date`…). Dates as
 *   csv-dates.ts reads them: `ÅÅÅÅ-MM-DD` with or without a time, ISO 8601, `D.M.ÅÅÅÅ`,
 *   or an Excel date number. Optional: **status** (only `Slutförd`, `Godkänd`, `Genomförd`, `Klar`,
 *   `Completed`, `Passed`… count as done), `Anställnings-ID`, `Namn`, `Förnamn`, `Efternamn` (read,
 *   not used: people are matched by e-mail address in the directory, as Entra ID knows them).
 * - At most MAX_IMPORT_ROWS lines and MAX_IMPORT_BYTES bytes per file. An Excel workbook
 *   (.xlsx/.xls) is refused with a word on how to save it as CSV.
 *
 * ## What happens
 *
 * - Every line is checked before anything is written. A line that is wrong (a bad or ambiguous
 *   date, a missing or malformed e-mail, a missing course, a course code in the wrong format, a row
 *   with too few columns, a quote that never closes) is an error: the import
 *   writes nothing and the report names every such line, in Swedish or English.
 * - Lines that are right but not for us are skipped with a note and do not stop the import: not
 *   completed (status "Påbörjad"), a course not in the catalogue, a person the directory does not
 *   know (someone who has left), a line repeated in the file.
 * - One record per person, course and date (`completionKey`): a re-import, or an import of a
 *   completion already recorded by hand, adds nothing. The same upload sent twice (same `key`)
 *   returns the first report.
 */
import type { ImportIssue, TrainingImportReport } from '../../api';
import { canRecordTraining, completionKey, stockholmDate, type RecordOf, type TrainingCourse } from '../../domain';
import { t, type Locale, type MessageKey, type Params } from '../../i18n';
import type { Person } from '../../ports/directory';
import type { NewRecord } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, type Deps, forbidden, invalid } from '../platform';
import { listCourses, personByEmail } from './training';
import { normaliseHeader, parseCsv, readCsvFile } from './csv';
import { readCompletionDate } from './csv-dates';
import { spreadsheetKind } from './csv-encoding';

/** Larger exports are split by the platform's own filters (per unit, per year). */
export const MAX_IMPORT_BYTES = 5_000_000;
export const MAX_IMPORT_ROWS = 50_000;

/** One issue as a person reads it: "Rad 7: …" / "Line 7: …". */
export function importIssueText(locale: Locale, issue: ImportIssue): string {
  return t(locale, 'training.import.line', { line: issue.line, message: t(locale, issue.messageKey, issue.params) });
}

type Column = 'email' | 'employeeId' | 'name' | 'givenName' | 'surname' | 'course' | 'courseCode' | 'completed' | 'status';

/** Header names the column is known by (as normaliseHeader leaves them: lower case, single spaces, "-" unspaced). */
const HEADERS: Record<Column, string[]> = {
  email: ['e-post', 'epost', 'e-postadress', 'epostadress', 'e-mail', 'email', 'mail', 'mejl', 'mejladress', 'email address', 'e-mail address', 'user email', 'användarens e-post', 'arbetsmail'],
  employeeId: ['anställnings-id', 'anställningsid', 'anställnings id', 'anställningsnummer', 'anst.nr', 'anstnr', 'anst nr', 'personalnummer', 'employee id', 'employee number', 'employeeid', 'användar-id', 'user id'],
  name: ['namn', 'name', 'deltagare', 'fullständigt namn', 'full name', 'användare', 'user', 'participant'],
  givenName: ['förnamn', 'first name', 'given name'],
  surname: ['efternamn', 'last name', 'surname', 'family name'],
  course: ['kurs', 'kursnamn', 'kursens namn', 'kurstitel', 'utbildning', 'utbildningens namn', 'e-utbildning', 'course', 'course name', 'course title', 'training', 'learning item'],
  courseCode: ['kurskod', 'kurs-id', 'kursid', 'kurs id', 'utbildningskod', 'course code', 'course id', 'courseid', 'course-id'],
  completed: ['slutförd', 'slutfört', 'slutförd datum', 'slutfört datum', 'datum slutförd', 'slutförandedatum', 'datum för slutförande', 'slutdatum', 'genomförd', 'genomförd datum', 'genomförandedatum', 'avslutad', 'avslutad datum', 'klar datum', 'completed', 'completion date', 'completed date', 'date completed', 'completed on', 'completed at', 'date of completion', 'completion'],
  status: ['status', 'kursstatus', 'slutförandestatus', 'completion status', 'course status'],
};
const REQUIRED: ('email' | 'course' | 'completed')[] = ['email', 'course', 'completed'];
/** Status values that mean completed; other statuses are skipped (in progress, not started). */
const COMPLETED = new Set(['slutförd', 'slutfört', 'genomförd', 'genomfört', 'godkänd', 'godkänt', 'klar', 'klart', 'avklarad', 'avklarat', 'completed', 'complete', 'passed', 'finished']);

const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;
/** A course code as the catalogue writes them (core/domain/training.ts), compared in upper case. */
const COURSE_CODE = /^[A-Z0-9-]{2,30}$/;

interface ParsedLine {
  line: number;
  email: string;
  courseText: string;
  completedAt: string;
}

/** Finds the course a line names, by code or by name (case folded). */
function courseMatcher(courses: TrainingCourse[]) {
  const byCode = new Map(courses.map((c) => [c.code.toUpperCase(), c]));
  const byName = new Map(courses.map((c) => [c.name.trim().toLowerCase(), c]));
  return (text: string) => byCode.get(text.trim().toUpperCase()) ?? byName.get(text.trim().toLowerCase()) ?? null;
}

/**
 * Imports an export: the file's bytes as uploaded (decoded here, whatever its encoding), or text
 * already decoded. `key` identifies the upload (the tab sends its Idempotency-Key): sending the
 * same upload again returns the first report without reading the file again.
 */
export async function importTrainingCsv(deps: Deps, actor: Actor, file: Uint8Array | string, key: string): Promise<TrainingImportReport> {
  if (!canRecordTraining(actor)) throw forbidden('training.record.onlyAdmin');
  const auditKey = `training.imported:${actor.id.toLowerCase()}:${key}`;
  const earlier = await deps.store.findByKey('AuditLog', `audit:${auditKey}`);
  if (earlier && earlier.data.details.report) return earlier.data.details.report as TrainingImportReport;
  const size = typeof file === 'string' ? file.length : file.byteLength;
  if (size > MAX_IMPORT_BYTES) throw invalid('training.import.tooLarge', { rows: MAX_IMPORT_ROWS });
  if (typeof file !== 'string') {
    const kind = spreadsheetKind(file);
    if (kind) throw invalid('training.import.spreadsheet', { kind: `.${kind}` });
  }

  const report: TrainingImportReport = { ok: false, lines: 0, imported: 0, alreadyRecorded: 0, skipped: [], errors: [] };
  const fail = (line: number, messageKey: MessageKey, params: Params = {}) => report.errors.push({ line, messageKey, params });
  const skip = (line: number, messageKey: MessageKey, params: Params = {}) => report.skipped.push({ line, messageKey, params });

  const table = typeof file === 'string' ? parseCsv(file) : readCsvFile(file);
  if (table.header.cells.length === 0) {
    fail(table.syntaxError?.line ?? 1, table.syntaxError ? 'training.import.unterminatedQuote' : 'training.import.empty');
    return report;
  }
  // Columns by header name; a code column is preferred to a name column when a file has both.
  const index = new Map<Column, number>();
  table.header.cells.forEach((h, i) => {
    const name = normaliseHeader(h);
    for (const [col, names] of Object.entries(HEADERS) as [Column, string[]][]) if (names.includes(name) && !index.has(col)) index.set(col, i);
  });
  const courseColumn: 'course' | 'courseCode' | null = index.has('courseCode') ? 'courseCode' : index.has('course') ? 'course' : null;
  const missing = REQUIRED.filter((c) => (c === 'course' ? !courseColumn : !index.has(c)));
  if (missing.length || !courseColumn) {
    fail(table.header.line, 'training.import.missingColumns', { columns: missing.map((c) => HEADERS[c][0]!).join(', '), found: table.header.cells.join(', ') });
    return report;
  }
  // A broken quote: what follows it cannot be read, so nothing will be written; the lines before it
  // are still checked, so that one upload shows every fix the file needs.
  if (table.syntaxError) fail(table.syntaxError.line, table.syntaxError.kind === 'unterminatedQuote' ? 'training.import.unterminatedQuote' : 'training.import.badQuote');
  report.lines = table.rows.length;
  if (table.rows.length > MAX_IMPORT_ROWS) throw invalid('training.import.tooLarge', { rows: MAX_IMPORT_ROWS });
  if (table.rows.length === 0 && !table.syntaxError) {
    fail(table.header.line, 'training.import.noRows');
    return report;
  }

  const today = stockholmDate(deps.clock.now());
  const courses = await listCourses(deps);
  const courseOf = courseMatcher(courses);
  const example = courses[0]?.code ?? 'ISK-GRUND';
  const cell = (cells: string[], col: Column) => (index.has(col) ? (cells[index.get(col)!] ?? '').trim() : '');
  const width = Math.max(index.get('email')!, index.get(courseColumn)!, index.get('completed')!) + 1;

  const lines: ParsedLine[] = [];
  for (const row of table.rows) {
    if (row.cells.length < width) {
      fail(row.line, 'training.import.tooFewColumns', { expected: table.header.cells.length, found: row.cells.length });
      continue;
    }
    const status = cell(row.cells, 'status');
    if (status && !COMPLETED.has(status.toLowerCase())) {
      skip(row.line, 'training.import.notCompleted', { status: status.slice(0, 40) });
      continue;
    }
    const email = cell(row.cells, 'email');
    const courseText = cell(row.cells, courseColumn);
    const completedRaw = cell(row.cells, 'completed');
    let bad = false;
    const wrong = (messageKey: MessageKey, params: Params = {}) => {
      fail(row.line, messageKey, params);
      bad = true;
    };
    if (!email) wrong('training.import.noEmail');
    else if (!EMAIL.test(email)) wrong('training.import.badEmail', { value: email.slice(0, 80) });
    if (courseColumn === 'courseCode') {
      if (!courseText) wrong('training.import.noCourseCode', { example });
      else if (!COURSE_CODE.test(courseText.toUpperCase())) wrong('training.import.badCourseCode', { value: courseText.slice(0, 40), example });
    } else if (!courseText) wrong('training.import.noCourse');
    const date = readCompletionDate(completedRaw);
    if (!completedRaw) wrong('training.import.noDate');
    else if (!date.ok && date.reason === 'ambiguous') wrong('training.import.ambiguousDate', { value: completedRaw.slice(0, 40), first: date.readings[0], second: date.readings[1] });
    else if (!date.ok) wrong('training.import.badDate', { value: completedRaw.slice(0, 40) });
    else if (date.date > today) wrong('training.import.futureDate', { value: date.date });
    if (!bad && date.ok) lines.push({ line: row.line, email: email.toLowerCase(), courseText, completedAt: date.date });
  }
  if (report.errors.length) {
    report.errors.sort((a, b) => a.line - b.line);
    return report;
  }

  // People: one directory lookup per distinct address, a few at a time.
  const people = new Map<string, Person | null>();
  const emails = [...new Set(lines.map((l) => l.email))];
  await Promise.all(
    Array.from({ length: Math.min(8, emails.length) }, async () => {
      for (let e = emails.shift(); e; e = emails.shift()) people.set(e, await personByEmail(deps, e));
    }),
  );

  const fresh = new Map<string, { line: number; data: RecordOf<'Trainings'> }>();
  const now = deps.clock.now().toISOString();
  for (const l of lines) {
    const course = courseOf(l.courseText);
    if (!course) {
      skip(l.line, 'training.import.unknownCourse', { course: l.courseText.slice(0, 80) });
      continue;
    }
    const person = people.get(l.email);
    if (!person) {
      skip(l.line, 'training.import.unknownPerson', { email: l.email });
      continue;
    }
    const k = completionKey(person.aadObjectId, course.code, l.completedAt);
    if (fresh.has(k)) {
      skip(l.line, 'training.import.duplicateLine', { first: fresh.get(k)!.line });
      continue;
    }
    fresh.set(k, { line: l.line, data: { personId: person.aadObjectId, courseCode: course.code, unit: person.unit, completedAt: l.completedAt, source: 'import', recordedBy: actor.id, recordedAt: now } });
  }

  // What is already recorded, by the indexed courseCode: a re-import writes nothing.
  const existing = new Set<string>();
  for (const code of new Set([...fresh.values()].map((f) => f.data.courseCode))) {
    for await (const c of deps.store.queryAll('Trainings', { where: [{ field: 'courseCode', op: 'eq', value: code }] })) existing.add(c.key);
  }
  const toWrite: NewRecord<'Trainings'>[] = [...fresh.entries()].filter(([k]) => !existing.has(k)).map(([k, f]) => ({ key: k, data: f.data }));
  report.alreadyRecorded = fresh.size - toWrite.length;
  // In batches of 20, each record idempotent by its key: a failure half-way is completed by importing again.
  await deps.store.createMany('Trainings', toWrite);
  report.imported = toWrite.length;
  report.ok = true;
  report.skipped.sort((a, b) => a.line - b.line);

  await audit(deps, auditKey, {
    actorId: actor.id,
    action: 'training.imported',
    target: 'Trainings/import',
    summary: `Import av utbildningar: ${report.imported} nya, ${report.alreadyRecorded} redan registrerade, ${report.skipped.length} rader överhoppade`,
    // The report itself, so that the same upload sent again gets the same answer. Skipped lines
    // are kept to the first 200 (the audit entry is not the place for a whole file).
    details: { report: { ...report, skipped: report.skipped.slice(0, 200) } },
  });
  return report;
}
