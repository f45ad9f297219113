/**
 * Record ⇄ SharePoint fields, driven by lists.ts. Encoding happens after zod validation, so values
 * here are already of the right type; decoding is lenient about what SharePoint leaves out (a null
 * field is simply absent from a fieldValueSet).
 */
import type { Stored } from '../../ports/record-store';
import { KEY_COLUMN, type ColumnDef, type ListDef } from './columns';

export type Fields = Record<string, unknown>;

/**
 * An instant as SharePoint keeps it: UTC, whole seconds (`2024-01-31T10:00:00Z`). SharePoint cuts the
 * fraction, so a value sent with milliseconds would come back different and our own write, read back
 * after a lost answer, would look like someone else's.
 */
export function toSharePointInstant(value: string | Date): string {
  const ms = new Date(value).getTime();
  return new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString().slice(0, 19) + 'Z';
}

/** The same instant as a record holds it (`…:SS.000Z`): what a read of the stored value decodes to. */
export function toRecordInstant(value: string | Date): string {
  return new Date(toSharePointInstant(value)).toISOString();
}

function encodeValue(col: ColumnDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (col.type) {
    case 'json':
      return JSON.stringify(value);
    case 'dateTime':
      return toSharePointInstant(value as string);
    default:
      return value;
  }
}

/** A record whose dateTime fields hold what SharePoint will store (whole seconds). */
export function atSharePointPrecision<T extends Record<string, unknown>>(def: ListDef, record: T): T {
  const out: Record<string, unknown> = { ...record };
  for (const col of def.columns) {
    const v = out[col.field];
    if (col.type === 'dateTime' && typeof v === 'string') out[col.field] = toRecordInstant(v);
  }
  return out as T;
}

function decodeValue(col: ColumnDef, value: unknown): unknown {
  if (value === null || value === undefined || value === '') {
    return col.type === 'json' ? structuredClone(col.empty ?? null) : null;
  }
  switch (col.type) {
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return value === true || value === 'true' || value === 1;
    case 'dateTime':
      return new Date(value as string).toISOString();
    default:
      return value;
  }
}

/** The derived key columns of a record (null where a key does not apply). */
export function encodeKeys(def: ListDef, record: Record<string, unknown>): Fields {
  const fields: Fields = {};
  for (const k of def.keys) fields[k.column] = encodeValue(k, k.of(record));
  return fields;
}

/** Fields for a new item: nulls are left out, Title is filled for lists without a title field. */
export function encodeNew(def: ListDef, key: string, record: Record<string, unknown>): Fields {
  const fields: Fields = { [KEY_COLUMN]: key };
  for (const col of def.columns) {
    const v = encodeValue(col, record[col.field]);
    if (v !== null) fields[col.column] = v;
  }
  for (const [column, v] of Object.entries(encodeKeys(def, record))) if (v !== null) fields[column] = v;
  if (def.titleOf) fields.Title = def.titleOf(record).slice(0, 255);
  return fields;
}

/** Fields for an update: only the patched fields; null clears a column. */
export function encodePatch(def: ListDef, patch: Record<string, unknown>): Fields {
  const fields: Fields = {};
  for (const col of def.columns) {
    if (Object.hasOwn(patch, col.field)) fields[col.column] = encodeValue(col, patch[col.field]);
  }
  return fields;
}

/** A record from a Graph fieldValueSet (`fields` of a listItem, or the answer to PATCH …/fields). */
export function decodeFields<T>(def: ListDef, fields: Fields): Stored<T> {
  const data: Record<string, unknown> = {};
  for (const col of def.columns) data[col.field] = decodeValue(col, fields[col.column]);
  return {
    id: String(fields.id),
    key: String(fields[KEY_COLUMN] ?? ''),
    etag: String(fields['@odata.etag'] ?? ''),
    createdAt: new Date(String(fields.Created)).toISOString(),
    modifiedAt: new Date(String(fields.Modified)).toISOString(),
    data: data as T,
  };
}

/** True when the stored record already holds every value of `patch` (a write that did land). */
export function holdsPatch(def: ListDef, stored: Fields, patch: Fields): boolean {
  return Object.entries(patch).every(([column, value]) => {
    const col = def.columns.find((c) => c.column === column) ?? def.keys.find((k) => k.column === column);
    if (!col) return false;
    return JSON.stringify(decodeValue(col, stored[column])) === JSON.stringify(decodeValue(col, value));
  });
}

/**
 * An OData literal for a filter on `col`.
 * - Yes/No columns compare with 1 and 0: SharePoint answers `eq true` with the items set to No
 *   (SharePoint/sp-dev-docs#4750, #5594), and the local server copies that.
 * - dateTime columns compare with a quoted UTC instant at whole seconds; a literal without a zone
 *   would be read in the site's time zone, so none is ever sent.
 */
export function odataLiteral(col: Pick<ColumnDef, 'type'> & Partial<ColumnDef>, value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (col.type === 'boolean') {
    if (typeof value !== 'boolean') throw new Error(`A Yes/No column compares with true or false, not ${JSON.stringify(value)}`);
    return value ? '1' : '0';
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = col.type === 'dateTime' ? toSharePointInstant(value) : value;
  return `'${text.replace(/'/g, "''")}'`;
}
