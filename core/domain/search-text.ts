/**
 * Text as the search compares it (docs/adr/016-search-within-words.md): lower case, accents and
 * diacritics folded — å, ä → a, ö → o, é → e — so that "lon" finds "Lönesystem" as "lön" does, and
 * anything that is not a letter or a digit made a space. Imports nothing: the tab filters its own
 * choices with it, the server builds and searches its kept search texts with it.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A code as people write it — IA-004, INC-2026-0042, SUP-0 — folded: searched as one phrase. */
const CODE = /^[a-z]{2,6}( \d+)+$/;

/**
 * The words of a search, folded; words of one character are left out (they match nearly
 * everything). A code is one phrase, so that "IA-01" finds IA-010…IA-019 and not IA-001.
 */
export function searchWords(query: string): string[] {
  const folded = foldForSearch(query);
  if (CODE.test(folded)) return [folded];
  return [...new Set(folded.split(' ').filter((w) => w.length >= 2))];
}

/** True when every word occurs somewhere in `folded` (a text already folded), also inside a word. */
export function matchesAll(folded: string, words: readonly string[]): boolean {
  return words.length > 0 && words.every((w) => folded.includes(w));
}
