/**
 * Where the searched words are in a text as people see it: the text folded one character at a time
 * the way the search folds it (core/domain/search-text.ts), so that a match in the folded text maps
 * back to the characters shown ("lon" marks "lön" in "HR- och lönesystem").
 */
import { foldForSearch } from '../../../core/domain/search-text';

export interface Part {
  text: string;
  marked: boolean;
}

export function markedParts(text: string, words: readonly string[]): Part[] {
  // Folded text with, for each folded character, the index of the character it came from.
  let folded = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = foldForSearch(text[i]!) || ' ';
    for (const ch of f) {
      folded += ch;
      from.push(i);
    }
  }
  const marks = new Array<boolean>(text.length).fill(false);
  for (const w of words) {
    if (!w) continue;
    for (let at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + 1)) {
      for (let k = at; k < at + w.length; k++) marks[from[k]!] = true;
    }
  }
  const parts: Part[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.marked === marks[i]) last.text += text[i];
    else parts.push({ text: text[i]!, marked: marks[i]! });
  }
  return parts;
}
