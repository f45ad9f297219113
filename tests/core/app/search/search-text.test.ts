/** How the search compares text, and how a bucket's texts are split into items. */
import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesAll, searchWords } from '../../../../core/domain';
import { addMonths, monthBounds, monthOf, PART_CHARS, splitEntries } from '../../../../core/app/search';

describe('search text', () => {
  it('folds case, accents and punctuation, so that a word is found with or without them', () => {
    expect(foldForSearch('HR- och Lönesystem')).toBe('hr och lonesystem');
    expect(foldForSearch('Ärendehantering (Éva, Åsa)')).toBe('arendehantering eva asa');
    expect(foldForSearch('INC-2026-0042')).toBe('inc 2026 0042');
  });

  it('searches for every word of two characters or more, each anywhere, also inside a word', () => {
    expect(searchWords('  Lön  lön a rutin ')).toEqual(['lon', 'rutin']);
    // A code is one phrase: "IA-01" is IA-010…IA-019, not IA-001.
    expect(searchWords('IA-01')).toEqual(['ia 01']);
    expect(matchesAll(foldForSearch('IA-014 Ärendehantering'), searchWords('IA-01'))).toBe(true);
    expect(matchesAll(foldForSearch('IA-001 Ärendehantering'), searchWords('IA-01'))).toBe(false);
    expect(searchWords('inc-2026-0042')).toEqual(['inc 2026 0042']);
    const text = foldForSearch('IA-004 HR- och lönesystem');
    expect(matchesAll(text, searchWords('system hr'))).toBe(true);
    expect(matchesAll(text, searchWords('lön'))).toBe(true);
    expect(matchesAll(text, searchWords('lön ekonomi'))).toBe(false);
    expect(matchesAll(text, [])).toBe(false);
  });
});

describe('search texts in items', () => {
  it('splits a bucket into parts that fit an item, and keeps one part for an empty bucket', () => {
    expect(splitEntries([])).toEqual([[]]);
    const entries = Array.from({ length: 3_000 }, (_, i) => ({ i: String(i), t: `ett ganska långt namn på en incident nummer ${i}`, d: '2026-11-28T09:00:00.000Z' }));
    const parts = splitEntries(entries);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flat()).toEqual(entries);
    for (const p of parts) expect(JSON.stringify(p).length).toBeLessThanOrEqual(PART_CHARS);
  });

  it('buckets incidents by Stockholm month, edges in UTC', () => {
    // 23:30 UTC on 31 December is already the new year in Stockholm.
    expect(monthOf('2025-12-31T23:30:00.000Z')).toBe('2026-01');
    expect(monthBounds('2026-03')).toEqual({ from: '2026-02-28T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' });
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
  });
});
