/**
 * Teams renders markdown (and links) in TextBlock and FactSet. Everything a person wrote is escaped
 * before it reaches a card, so `[klicka här](https://…)`, `**viktigt**`, `# rubrik` or a bare web
 * address are shown literally and can never become a link or formatting nobody intended.
 */

const ZWSP = '\u200B';

/**
 * Backslash-escapes CommonMark's punctuation (rendered literally by a compliant renderer) and puts
 * an invisible zero-width space into URL schemes and `www.`, which stops automatic link detection.
 */
export function escapeMarkdown(text: string): string {
  return plainText(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, (c) => `\\${c}`)
    .replace(/([a-z][a-z0-9+\\.-]*):(\/\/)/gi, `$1:${ZWSP}$2`)
    .replace(/www\\\./gi, (m) => `${m.slice(0, 3)}${ZWSP}${m.slice(3)}`)
    .replace(/\n/g, '\n\n'); // a single newline disappears in Teams' markdown: keep the writer's lines
}

/** Escapes every string in `value`, deeply (for the display part of card data). */
export function escapeAll<T>(value: T): T {
  if (typeof value === 'string') return escapeMarkdown(value) as T;
  if (Array.isArray(value)) return value.map((v) => escapeAll(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeAll(v)])) as T;
  }
  return value;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Bidirectional embeddings, overrides and isolates: they can make text read differently than it is stored. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** C0 and C1 control characters other than tab and line feed, and carriage return handled by callers. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Text safe to put anywhere in a card, escaped or not: lone surrogates become U+FFFD (JSON and
 * Teams expect well-formed Unicode), control characters and bidirectional overrides are removed (a
 * right-to-left override turns `gnp.exe` into what looks like `exe.png`). Zero-width joiners and
 * emoji stay as they are.
 */
export function plainText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROLS, '').replace(BIDI_CONTROLS, '');
}
