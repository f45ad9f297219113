/**
 * Sök: one search across the registers, within words, at any list size — over search texts kept
 * per register and month in the `SearchIndex` list (docs/adr/016-search-within-words.md): kept by
 * the writes (keep.ts), rebuilt after a seed and healed by the scheduler (heal.ts).
 */
export { searchAll, registersOf, INCIDENT_WINDOW_MONTHS } from './search';
export { keepingSearch, type SearchKeeping, type KeepingOptions } from './keep';
export { rebuildAllSearch, healSearch, hasSearchTexts, type SearchRebuildReport } from './heal';
export { rebuildBucket, splitEntries, PART_CHARS, type Rebuilt } from './digests';
export { SEARCH_SPECS, specOf, monthOf, monthBounds, addMonths, MAX_BUCKET_ITEMS, type RegisterSpec } from './registers';
export { matchingIds, pageOfFound, compareValues } from './match';
