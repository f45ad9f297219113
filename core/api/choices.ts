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

// ── the registers of issue 14 ───────────────────────────────────────────────

/** `?archived=` of every register's list. */
export const ARCHIVED_FILTERS = ['active', 'archived', 'all'] as const;
/** The registers of issue 14 under `/api/v1`. */
export const REGISTER_PATHS = ['processing', 'impact-assessments', 'suppliers', 'procurements', 'governing-documents', 'risks', 'audits', 'roles', 'assets'] as const;
export const RISK_SORT_FIELDS = ['code', 'reviewAt', 'updatedAt'] as const;
export const AUDIT_SORT_FIELDS = ['plannedAt', 'code', 'performedAt'] as const;
export const GOVERNING_DOCUMENT_SORT_FIELDS = ['title', 'code', 'reviewAt', 'decidedAt'] as const;
export const ROLE_SORT_FIELDS = ['role', 'assignedAt'] as const;
export const PROCUREMENT_SORT_FIELDS = ['code', 'updatedAt', 'plannedContractAt'] as const;
export const DPIA_SORT_FIELDS = ['code', 'nextReviewAt'] as const;
