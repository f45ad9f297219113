/**
 * The vocabulary of the list schema (lists.ts): a column's type and options, a list's definition,
 * the idempotency key column, and the builders the schema is written with — `text(idx)` is an indexed
 * text column, `list(name, description, columns)` a list with one column per record field and one
 * indexed column per derived key of the list (core/domain/keys.ts).
 */
import { keysOf, type ListName, type RecordOf } from '../../domain';

export type ColumnType = 'text' | 'note' | 'number' | 'boolean' | 'dateTime' | 'date' | 'choice' | 'json';

export interface ColumnSpec {
  type: ColumnType;
  indexed?: boolean;
  choices?: readonly string[];
  /** Value of a json column when SharePoint has no value (arrays: []). */
  empty?: unknown;
}

export interface ColumnDef extends ColumnSpec {
  /** Record field name. */
  field: string;
  /** SharePoint column (internal) name. */
  column: string;
}

/**
 * A derived key's column: indexed, written by the store on every create and update from the record
 * (`of`), queryable by its key name, never part of the record a use case sees.
 */
export interface KeyColumnDef extends ColumnDef {
  type: 'text' | 'dateTime';
  indexed: true;
  of: (record: Record<string, unknown>) => string | null;
  doc: string;
}

export interface ListDef {
  name: ListName;
  description: string;
  /** Title of an item for lists whose records have no `title` field (SharePoint's required Title). */
  titleOf?: (record: Record<string, unknown>) => string;
  columns: ColumnDef[];
  /** Derived key columns (core/domain/keys.ts), in addition to the record's own. */
  keys: KeyColumnDef[];
}

export const KEY_COLUMN = 'IdempotencyKey';
/** SharePoint's limit of indexed columns per list. */
export const MAX_INDEXED_COLUMNS = 20;

export const text = (o: Omit<ColumnSpec, 'type'> = {}): ColumnSpec => ({ type: 'text', ...o });
export const note = (): ColumnSpec => ({ type: 'note' });
export const num = (o: Omit<ColumnSpec, 'type'> = {}): ColumnSpec => ({ type: 'number', ...o });
export const bool = (o: Omit<ColumnSpec, 'type'> = {}): ColumnSpec => ({ type: 'boolean', ...o });
export const time = (o: Omit<ColumnSpec, 'type'> = {}): ColumnSpec => ({ type: 'dateTime', ...o });
export const date = (o: Omit<ColumnSpec, 'type'> = {}): ColumnSpec => ({ type: 'date', ...o });
export const choice = (choices: readonly string[], o: Omit<ColumnSpec, 'type' | 'choices'> = {}): ColumnSpec => ({ type: 'choice', choices, ...o });
export const json = (empty: unknown = null): ColumnSpec => ({ type: 'json', empty });
export const idx = { indexed: true } as const;

export const columnName = (field: string): string => (field === 'title' ? 'Title' : field.charAt(0).toUpperCase() + field.slice(1));

/** A column for every field of the record: the compiler checks that none is forgotten. */
type Columns<L extends ListName> = { [F in keyof RecordOf<L>]-?: ColumnSpec };

export function list<L extends ListName>(name: L, description: string, columns: Columns<L>, titleOf?: (r: RecordOf<L>) => string): ListDef {
  return {
    name,
    description,
    ...(titleOf ? { titleOf: titleOf as (r: Record<string, unknown>) => string } : {}),
    columns: Object.entries(columns as Record<string, ColumnSpec>).map(([field, spec]) => ({ field, column: columnName(field), ...spec })),
    keys: Object.entries(keysOf(name)).map(([field, spec]) => ({ field, column: columnName(field), type: spec.type, indexed: true as const, of: spec.of, doc: spec.doc })),
  };
}

/** A record field's or a derived key's column, by name. */
export function queryColumn(def: ListDef, field: string): ColumnDef | undefined {
  return def.columns.find((c) => c.field === field) ?? def.keys.find((k) => k.field === field);
}
