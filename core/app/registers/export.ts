/**
 * An export of a register as a table: columns with their headers (message keys: Swedish first, the
 * person's language) and types, and rows read page by page up to a named bound. The use case decides
 * what is in it — the same filters and the same visibility as the list — and the adapter outside
 * core/app (bot/export/xlsx.ts) writes the file.
 */
import type { MessageKey } from '../../i18n';

/** `date`: a Stockholm calendar day; `datetime`: an instant (shown in Stockholm time); `list`: values joined. */
export type ExportType = 'text' | 'longtext' | 'date' | 'datetime' | 'number' | 'boolean' | 'list';

export interface ExportColumn {
  key: string;
  header: MessageKey;
  type: ExportType;
  /** Width in characters. */
  width: number;
  /** For values that are keys of a closed set: the message key of each value (`risk.level.high`). */
  labels?: (value: string) => MessageKey | null;
}

export type ExportRow = Record<string, string | number | boolean | string[] | null>;

export interface ExportTable {
  /** File name without extension (`riskregister`). */
  fileName: string;
  sheet: MessageKey;
  columns: ExportColumn[];
  rows: ExportRow[];
  /** True when more records matched than MAX_EXPORT_ROWS: the file ends with a row saying so. */
  truncated: boolean;
}

/**
 * The most rows an export holds. The registers of issue 14 hold hundreds of records in a district
 * (docs/queries.md); an export past this bound says so in its last row and in `X-Export-Truncated`.
 */
export const MAX_EXPORT_ROWS = 5_000;
/** Rows read per page while exporting. */
export const EXPORT_PAGE = 200;

/**
 * Reads pages from `next` (a list use case with a cursor) until there are none or MAX_EXPORT_ROWS is
 * passed. Each page is a bounded query; the whole export is at most MAX_EXPORT_ROWS / EXPORT_PAGE + 1
 * of them.
 */
export async function collectRows<T>(next: (cursor: string | undefined) => Promise<{ items: T[]; cursor: string | null }>, toRow: (item: T) => ExportRow, max = MAX_EXPORT_ROWS): Promise<{ rows: ExportRow[]; truncated: boolean }> {
  const rows: ExportRow[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await next(cursor);
    for (const item of page.items) {
      if (rows.length >= max) return { rows, truncated: true };
      rows.push(toRow(item));
    }
    if (!page.cursor) return { rows, truncated: false };
    cursor = page.cursor;
  }
}
