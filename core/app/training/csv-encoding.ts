/**
 * The bytes of an uploaded export, as text. The browser sends the file as it is on disk; what
 * encoding it is in is decided here, once, from the bytes:
 *
 * 1. a byte-order mark names it: UTF-8 (what Excel writes for "CSV UTF-8"), or UTF-16 (Excel's
 *    "Unicode text", tab-separated);
 * 2. otherwise bytes that are valid UTF-8 are UTF-8 (plain ASCII is both, and reads the same);
 * 3. otherwise Windows-1252 — what an older Excel with Swedish settings writes for
 *    "CSV (semikolonavgränsad)", where ä ö å are single bytes (0xE4 0xF6 0xE5) and the dash in a
 *    course name is 0x96. Every byte has a meaning in Windows-1252, so this never fails.
 *
 * A Windows-1252 file is never valid UTF-8 once it holds a letter outside ASCII (a lone 0xE4 is not
 * a UTF-8 sequence), so the order above cannot misread a Swedish export. `TextDecoder` is the
 * WHATWG Encoding Standard's decoder, in Node and in browsers alike (with one Node bug put right
 * below).
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the bytes began with a byte-order mark (it is not part of `text`). */
  bom: boolean;
}

/** What a spreadsheet file starts with, to say "save it as CSV" instead of reporting garbage. */
export type SpreadsheetKind = 'xlsx' | 'xls';

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** An Excel workbook (a ZIP for .xlsx/.ods, an OLE2 compound file for .xls) rather than text. */
export function spreadsheetKind(bytes: Uint8Array): SpreadsheetKind | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  return null;
}

/** Decodes an uploaded text file; see the module comment for the order of the checks. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
  }
}

/**
 * What Windows-1252 puts at 0x80–0x9F (the WHATWG Encoding Standard's index-windows-1252); the
 * other 224 bytes are the same as in Latin-1. The five bytes Windows-1252 leaves undefined map to
 * themselves.
 */
const C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * `TextDecoder('windows-1252')`, with the block that Node 20.18.3 and later decode wrongly put
 * right: those versions take the Latin-1 fast path for this label, so 0x96 (the "–" in a course
 * name) comes out as the control character U+0096 (nodejs/node#56542, #60888). Browsers and fixed
 * Node versions already return the right characters, which this leaves as they are.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => C1[c.charCodeAt(0) - 0x80]!);
}
