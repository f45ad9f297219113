/**
 * The pieces of the training import's reader: bytes to text (BOM, UTF-8, Windows-1252, UTF-16),
 * text to rows (csv-parse, delimiter from the header, true line numbers), and completion dates in
 * the forms HR and learning systems export them.
 */
import { describe, expect, it } from 'vitest';
import { decodeText, normaliseHeader, parseCsv, readCompletionDate, readCsvFile, spreadsheetKind } from '../../../../core/app/training';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decoding the uploaded bytes', () => {
  it('takes a UTF-8 byte-order mark as UTF-8 and drops the mark', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, ...utf8('Kurs;Slutförd')))).toEqual({ text: 'Kurs;Slutförd', encoding: 'utf-8', bom: true });
  });

  it('takes valid UTF-8 without a mark as UTF-8', () => {
    expect(decodeText(utf8('Göran Åberg – ISK'))).toEqual({ text: 'Göran Åberg – ISK', encoding: 'utf-8', bom: false });
    expect(decodeText(utf8('plain ascii')).encoding).toBe('utf-8');
  });

  it('reads anything else as Windows-1252: ä ö å as single bytes, and the dash at 0x96 that Latin-1 lacks', () => {
    // "Säker – Öberg" as an older Excel writes it.
    const w = bytes(0x53, 0xe4, 0x6b, 0x65, 0x72, 0x20, 0x96, 0x20, 0xd6, 0x62, 0x65, 0x72, 0x67);
    expect(decodeText(w)).toEqual({ text: 'Säker – Öberg', encoding: 'windows-1252', bom: false });
    expect(decodeText(bytes(0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6, 0x80)).text).toBe('åäöÅÄÖ€');
  });

  it('reads UTF-16 with its mark (Excel\'s "Unicode text")', () => {
    const text = 'E-post\tKurs\r\nö@x.se\tISK';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    [...text].forEach((c, i) => new DataView(le.buffer).setUint16(2 + i * 2, c.charCodeAt(0), true));
    expect(decodeText(le)).toEqual({ text, encoding: 'utf-16le', bom: true });
    expect(readCsvFile(le).delimiter).toBe('\t');
  });

  it('recognises an Excel workbook sent instead of a CSV file', () => {
    expect(spreadsheetKind(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))).toBe('xlsx');
    expect(spreadsheetKind(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0))).toBe('xls');
    expect(spreadsheetKind(utf8('E-post;Kurs'))).toBeNull();
  });
});

describe('reading rows', () => {
  it('finds the delimiter from the header, outside quotes, preferring ";" on a tie', () => {
    expect(parseCsv('E-post;Kurs;Slutförd\n').delimiter).toBe(';');
    expect(parseCsv('Email,Course,Completed\n').delimiter).toBe(',');
    expect(parseCsv('E-post\tKurs\tSlutförd\n').delimiter).toBe('\t');
    // Commas inside a quoted header name do not count.
    expect(parseCsv('"Namn, efternamn";"E-post, arbete";Kurs\n').delimiter).toBe(';');
    expect(parseCsv('\n\nE-post,Kurs;x,y\n').delimiter).toBe(',');
    expect(parseCsv('Kurs\n').delimiter).toBe(';');
  });

  it('honours Excel\'s "sep=" line and keeps the line numbers', () => {
    const table = parseCsv('sep=,\r\nE-post,Kurs\r\nx@y.se,ISK\r\n');
    expect(table.delimiter).toBe(',');
    expect(table.header).toEqual({ line: 2, cells: ['E-post', 'Kurs'] });
    expect(table.rows).toEqual([{ line: 3, cells: ['x@y.se', 'ISK'] }]);
  });

  it('leaves out blank lines and rows of only delimiters, with true line numbers after them', () => {
    const table = parseCsv('\r\nA;B\r\n1;2\r\n;\r\n\r\n"3\r\nx";4\r\n5;6\r\n;;\r\n\r\n');
    expect(table.header).toEqual({ line: 2, cells: ['A', 'B'] });
    expect(table.rows).toEqual([
      { line: 3, cells: ['1', '2'] },
      { line: 6, cells: ['3\nx', '4'] },
      { line: 8, cells: ['5', '6'] },
    ]);
  });

  it('reads old Mac line ends, spaces around quoted fields and a stray quote inside a field', () => {
    expect(parseCsv('A;B\r1;2\r').rows).toEqual([{ line: 2, cells: ['1', '2'] }]);
    expect(parseCsv('A;B\n1 ; "två" \n').rows[0]!.cells).toEqual(['1', 'två']);
    expect(parseCsv('A;B\n12" skärm;2\n').rows[0]!.cells).toEqual(['12" skärm', '2']);
  });

  it('stops at a quote that never closes, at the line where that row starts', () => {
    const table = parseCsv('A;B\n1;2\n3;"öppen\n4;5\n6;7\n');
    expect(table.rows).toEqual([{ line: 2, cells: ['1', '2'] }]);
    expect(table.syntaxError).toEqual({ line: 3, kind: 'unterminatedQuote' });
    expect(parseCsv('"A;B\n1;2').syntaxError).toEqual({ line: 1, kind: 'unterminatedQuote' });
  });

  it('normalises header names as people write them', () => {
    expect(normaliseHeader('  E-postadress ')).toBe('e-postadress');
    expect(normaliseHeader('E – post')).toBe('e-post');
    expect(normaliseHeader('Slutförd (datum):')).toBe('slutförd datum');
    expect(normaliseHeader('Course_Code*')).toBe('course code');
    expect(normaliseHeader('Anställnings\u00a0ID')).toBe('anställnings id');
    // "ö" written as o + combining diaeresis, as macOS does.
    expect(normaliseHeader('Slutfo\u0308rd')).toBe('slutförd');
  });
});

describe('completion dates', () => {
  const date = (raw: string) => readCompletionDate(raw);
  it('reads the forms exports use', () => {
    expect(date('2026-12-06')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date(' 2026-12-06 14:33 ')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('2026-12-06 14.33.05')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('2026-12-06 kl. 14.33')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('2026-12-06T14:33:00')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('2026-12-06T14:33:00.123')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('2026/12/06')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('6.12.2026')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('06.12.2026')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('06.12.2026 14:33')).toEqual({ ok: true, date: '2026-12-06' });
  });

  it('reads an instant in Stockholm\'s day', () => {
    expect(date('2026-12-06T23:30:00Z')).toEqual({ ok: true, date: '2026-12-07' });
    expect(date('2026-07-06T22:30:00Z')).toEqual({ ok: true, date: '2026-07-07' });
    expect(date('2026-12-06T00:30:00+01:00')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('2026-12-06T00:30:00-0500')).toEqual({ ok: true, date: '2026-12-06' });
  });

  it('reads Excel date numbers, with or without a time fraction', () => {
    expect(date('46001')).toEqual({ ok: true, date: '2025-12-10' });
    expect(date('46362')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('46362,60625')).toEqual({ ok: true, date: '2026-12-06' });
    expect(date('46362.99')).toEqual({ ok: true, date: '2026-12-06' });
    // An employee number in the wrong column is not a date.
    expect(date('4711')).toEqual({ ok: false, reason: 'bad' });
    expect(date('99999')).toEqual({ ok: false, reason: 'bad' });
  });

  it('refuses day/month with slashes as ambiguous, naming both readings', () => {
    expect(date('3/11/2026')).toEqual({ ok: false, reason: 'ambiguous', readings: ['2026-11-03', '2026-03-11'] });
    expect(date('13/11/2026')).toEqual({ ok: false, reason: 'bad' });
  });

  it('refuses dates that do not exist and text that is not a date', () => {
    for (const raw of ['2026-02-30', '31.11.2026', '2026-12-06 25:00', '2026-13-01', 'igår', '6 dec 2026', '2026-12', '']) expect(date(raw), raw).toEqual({ ok: false, reason: 'bad' });
  });
});
