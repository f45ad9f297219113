/**
 * Writes an export table (core/app/registers/export.ts) as an Excel workbook with exceljs' streaming
 * writer, straight to the HTTP response: headers in the person's language (Swedish first), dates as
 * real Excel dates (a calendar day as a date, an instant in Stockholm time), column widths, a frozen
 * header row and an autofilter. An export past its bound (MAX_EXPORT_ROWS) ends with a row saying so
 * and sets `X-Export-Truncated: true`.
 */
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import type { ExportColumn, ExportRow, ExportTable } from '../../core/app/registers';
import { stockholmWallTime } from '../../core/domain';
import { t, type Locale } from '../../core/i18n';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A Stockholm calendar day as the Date exceljs writes as that day's serial number. */
function excelDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** An instant as its Stockholm wall time (Excel has no time zones: people read local time). */
function excelTime(iso: string): Date {
  const w = stockholmWallTime(new Date(iso));
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

function cell(locale: Locale, col: ExportColumn, value: ExportRow[string]): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (col.type) {
    case 'date':
      return typeof value === 'string' ? excelDay(value.slice(0, 10)) : null;
    case 'datetime':
      return typeof value === 'string' ? excelTime(value) : null;
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return t(locale, value ? 'export.yes' : 'export.no');
    case 'list':
      return (Array.isArray(value) ? value : [String(value)]).join('; ');
    default: {
      const text = String(value);
      const key = col.labels?.(text);
      return key ? t(locale, key) : text;
    }
  }
}

const numFmt = (col: ExportColumn) => (col.type === 'date' ? 'yyyy-mm-dd' : col.type === 'datetime' ? 'yyyy-mm-dd hh:mm' : undefined);

/** Excel's rules for a sheet name: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Export';

/** Streams `table` as `<fileName>.xlsx` into `res`. */
export async function sendXlsx(res: Response, locale: Locale, table: ExportTable): Promise<void> {
  res.status(200);
  res.set({
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': `attachment; filename="${table.fileName}.xlsx"`,
    'X-Export-Rows': String(table.rows.length),
    'X-Export-Truncated': String(table.truncated),
    'Cache-Control': 'no-store',
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  workbook.creator = 'LIS för Teams';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName(t(locale, table.sheet)), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: t(locale, c.header),
    key: c.key,
    width: c.width,
    style: { ...(numFmt(c) ? { numFmt: numFmt(c)! } : {}), alignment: { vertical: 'top', wrapText: c.type === 'longtext' } },
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for (const row of table.rows) {
    sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, cell(locale, c, row[c.key] ?? null)]))).commit();
  }
  if (table.truncated) sheet.addRow([t(locale, 'export.truncated', { count: table.rows.length })]).commit();
  sheet.commit();
  await workbook.commit();
}
