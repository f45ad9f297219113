/**
 * Reads an uploaded CSV export (format: core/app/training/import.ts) into rows of cells with their
 * true line numbers. The bytes are decoded first (csv-encoding.ts: BOM, UTF-8, else
 * Windows-1252); the CSV itself is parsed by csv-parse (RFC 4180: quoted fields with the delimiter,
 * line breaks and doubled quotes), which is lenient where Excel is sloppy — a stray quote inside an
 * unquoted field, rows of unequal length, spaces around a quoted field.
 *
 * What is decided here rather than in csv-parse:
 * - the delimiter, from the header line: `;` (Excel with Swedish settings), `,` or tab, whichever
 *   splits the header into most fields outside quotes — or Excel's own hint line `sep=;`;
 * - blank lines, and lines of only delimiters (`;;;;`, what Excel writes for formatted empty rows),
 *   are left out while the line numbers of later rows stay true;
 * - a quoting error (a quote that never closes) stops the reading at the line where the broken
 *   row starts, and is reported there: what follows it cannot be trusted.
 */
import { parse, type CsvError } from 'csv-parse/sync';
import { decodeText, type TextEncodingName } from './csv-encoding';

export interface CsvRow {
  /** 1-based line in the file where the row starts (the first line is 1). */
  line: number;
  cells: string[];
}

export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvTable {
  delimiter: CsvDelimiter;
  encoding: TextEncodingName;
  /** The first row that is not blank; `cells` is empty for an empty file. */
  header: CsvRow;
  rows: CsvRow[];
  /** Set when the quoting is broken: the line where the row that could not be read starts. */
  syntaxError: { line: number; kind: 'unterminatedQuote' | 'badQuote' } | null;
}

const CANDIDATES: CsvDelimiter[] = [';', ',', '\t'];

/** Counts each candidate in the first line that holds anything, outside double quotes. */
function sniffDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  let seen = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') {
      if (seen) break;
    } else if (!quoted && counts.has(c as CsvDelimiter)) counts.set(c as CsvDelimiter, counts.get(c as CsvDelimiter)! + 1);
    else if (c.trim()) seen = true;
  }
  // Ties (including none at all) go to ';', the Swedish default.
  return CANDIDATES.reduce((best, c) => (counts.get(c)! > counts.get(best)! ? c : best), ';' as CsvDelimiter);
}

const SEP_HINT = /^sep=([;,\t])[ \t]*(?=\n|$)/i;

/** Parses decoded text. Line breaks may be CRLF, LF or CR; a leading BOM is ignored. */
export function parseCsv(input: string, encoding: TextEncodingName = 'utf-8'): CsvTable {
  // One line-break convention, so that csv-parse and the line numbers agree. A line break inside a
  // quoted field becomes "\n" as well, which is what a cell with two lines means either way.
  let text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const hint = SEP_HINT.exec(text);
  const delimiter = hint ? (hint[1] as CsvDelimiter) : sniffDelimiter(text);
  // Excel's hint line is not data: blank it, keeping the line count.
  if (hint) text = text.slice(hint[0].length);

  // Records and errors in file order (on_record and on_skip are called as csv-parse goes).
  const records: { raw: string; cells: string[]; error?: CsvError | undefined }[] = [];
  parse(text, {
    delimiter,
    record_delimiter: '\n',
    relax_quotes: true,
    relax_column_count: true,
    trim: true,
    raw: true,
    skip_records_with_error: true,
    on_record: (r: unknown) => {
      const { raw, record } = r as { raw: string; record: string[] };
      records.push({ raw, cells: record });
      return null;
    },
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      records.push({ raw: raw ?? '', cells: [], error });
      return undefined;
    },
  });

  const rows: CsvRow[] = [];
  let header: CsvRow | null = null;
  let syntaxError: CsvTable['syntaxError'] = null;
  // csv-parse hands back each record with its raw text: the lines a record spans are counted from it.
  let line = 1;
  for (const r of records) {
    if (r.error) {
      syntaxError = { line, kind: r.error?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unterminatedQuote' : 'badQuote' };
      break;
    }
    const row = { line, cells: r.cells };
    line += (r.raw.match(/\n/g) ?? []).length;
    if (row.cells.every((c) => c === '')) continue;
    if (!header) header = row;
    else rows.push(row);
  }
  return { delimiter, encoding, header: header ?? { line: 1, cells: [] }, rows, syntaxError };
}

/** Decodes the uploaded bytes (see csv-encoding.ts) and parses them. */
export function readCsvFile(bytes: Uint8Array): CsvTable {
  const { text, encoding } = decodeText(bytes);
  return parseCsv(text, encoding);
}

/**
 * A header as people write it, to compare with known names: Unicode-normalised (a Mac writes "ä"
 * as two code points), lower case, dashes of every kind as "-", brackets, `:` and `*` dropped,
 * `_` and runs of space as one space, no space around "-".
 */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[()[\]:*]/g, ' ')
    .replace(/[_\s]+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .trim();
}
