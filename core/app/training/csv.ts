/**
 * A small CSV reader for the e-learning platform's export (format: core/app/training-import.ts): RFC 4180
 * quoting, the delimiter sniffed from the header (`;` as Swedish Excel writes it, `,` or tab), a
 * UTF-8 byte-order mark ignored, CRLF or LF. Pure TypeScript: runs in core, in Node and the browser.
 */

export interface CsvRow {
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: ';' | ',' | '\t';
  header: CsvRow;
  rows: CsvRow[];
  /** Set when a quoted field never closes: the line it opened on. */
  unterminatedAt: number | null;
}

function sniff(firstLine: string): CsvTable['delimiter'] {
  const count = (c: string) => firstLine.split(c).length - 1;
  const candidates: CsvTable['delimiter'][] = [';', '\t', ','];
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ';' as CsvTable['delimiter']);
}

/** Splits the text into rows of cells. Blank lines are left out; line numbers stay true. */
export function parseCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = sniff(src.slice(0, src.search(/\r?\n|$/)));
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let openedAt = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
      openedAt = line;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && src[i + 1] === '\n') {
      continue;
    } else if (c === '\n' || c === '\r') {
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  const unterminatedAt = quoted ? openedAt : null;
  if (!quoted && (cell !== '' || cells.length)) endRow();
  const [header, ...data] = rows;
  return { delimiter, header: header ?? { line: 1, cells: [] }, rows: data, unterminatedAt };
}

/** A header as people write it: lower case, no surrounding space, `_` and runs of space as one space. */
export const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[_\s]+/g, ' ');
