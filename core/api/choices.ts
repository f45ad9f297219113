/**
 * The API's own closed sets (the records' are in core/domain/choices.ts), as plain arrays. No zod
 * here (and no import at all), so that the tab may import them as values: its bundle carries no
 * zod (tests/tab/bundle.test.ts).
 */

/**
 * Columns the asset inventory can be sorted by: indexed ones only (core/adapters/sharepoint/lists.ts),
 * because SharePoint refuses to sort a list past 5 000 items on any other. K/R/T/S, the owner's name
 * and the state are computed or not indexed, so they do not sort.
 */
export const ASSET_SORT_FIELDS = ['code', 'name', 'unit', 'priority', 'nextReviewAt'] as const;

/** Columns the record of processing can be sorted by (indexed). */
export const PROCESSING_SORT_FIELDS = ['code', 'name', 'unit'] as const;
