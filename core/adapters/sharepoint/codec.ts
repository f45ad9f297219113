/**
 * Record ⇄ SharePoint fields, driven by lists.ts. Encoding happens after zod validation, so values
 * here are already of the right type; decoding is lenient about what SharePoint leaves out (a null
 * field is simply absent from a fieldValueSet).
 */
import type { Stored } from '../../ports/record-store';
import { KEY_COLUMN, type ColumnDef, type ListDef } from './columns';

export type Fields = Record<string, unknown>;

function encodeValue(col: ColumnDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (col.type) {
    case 'json':
      return JSON.stringify(value);
    case 'dateTime':
      return new Date(value as string).toISOString();
    default:
      return value;
  }
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

/** Fields for a new item: nulls are left out, Title is filled for lists without a title field. */
export function encodeNew(def: ListDef, key: string, record: Record<string, unknown>): Fields {
  const fields: Fields = { [KEY_COLUMN]: key };
  for (const col of def.columns) {
    const v = encodeValue(col, record[col.field]);
    if (v !== null) fields[col.column] = v;
  }
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
    const col = def.columns.find((c) => c.column === column);
    if (!col) return false;
    return JSON.stringify(decodeValue(col, stored[column])) === JSON.stringify(decodeValue(col, value));
  });
}

/** An OData literal for a filter on `col`. */
export function odataLiteral(col: ColumnDef, value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = col.type === 'dateTime' ? new Date(value).toISOString() : value;
  return `'${text.replace(/'/g, "''")}'`;
}
