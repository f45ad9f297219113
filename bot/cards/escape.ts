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
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, (c) => `\\${c}`)
    .replace(/([a-z][a-z0-9+\\.-]*):(\/\/)/gi, `$1:${ZWSP}$2`)
    .replace(/\bwww\\\./gi, (m) => `${m.slice(0, 3)}${ZWSP}${m.slice(3)}`)
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
