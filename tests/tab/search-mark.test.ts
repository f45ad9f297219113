/** Marking the searched words in a title as people see it (accents and case as written). */
import { describe, expect, it } from 'vitest';
import { markedParts } from '../../tab/features/search/mark';

describe('markedParts', () => {
  it('marks a word found inside another, with its accents as written', () => {
    expect(markedParts('HR- och lönesystem', ['lon'])).toEqual([
      { text: 'HR- och ', marked: false },
      { text: 'lön', marked: true },
      { text: 'esystem', marked: false },
    ]);
  });

  it('marks every occurrence of every word, and nothing when nothing matches', () => {
    expect(markedParts('Lön och LÖN', ['lon']).filter((p) => p.marked).map((p) => p.text)).toEqual(['Lön', 'LÖN']);
    expect(markedParts('IA-004', ['ia', '004']).map((p) => [p.text, p.marked])).toEqual([
      ['IA', true],
      ['-', false],
      ['004', true],
    ]);
    expect(markedParts('Inget här', ['zz'])).toEqual([{ text: 'Inget här', marked: false }]);
  });
});
