/**
 * Column definitions: the built-in columns of a genericList, parsing of columnDefinition bodies,
 * validation of field values against column types, and rendering back to Graph JSON.
 */
import { randomUUID } from 'node:crypto';
import { GraphError, invalidRequest } from './errors';

export type ColumnType = 'text' | 'number' | 'boolean' | 'dateTime' | 'choice' | 'counter' | 'personOrGroup' | 'computed' | 'attachments';

/** Where a column's value lives in the items table. */
export type ColumnStorage = 'data' | 'id' | 'created' | 'modified' | 'virtual';

export interface TextFacet { allowMultipleLines: boolean; appendChangesToExistingText: boolean; linesForEditing: number; maxLength: number }
export interface NumberFacet { decimalPlaces: string; displayAs: string; maximum: number; minimum: number }
export interface DateTimeFacet { displayAs: string; format: 'dateTime' | 'dateOnly' }
export interface ChoiceFacet { allowTextEntry: boolean; choices: string[]; displayAs: string }

export interface ColumnDef {
  id: string;
  name: string;
  displayName: string;
  description: string;
  columnGroup: string;
  type: ColumnType;
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  hidden: boolean;
  readOnly: boolean;
  builtin: boolean;
  storage: ColumnStorage;
  text?: TextFacet;
  number?: NumberFacet;
  dateTime?: DateTimeFacet;
  choice?: ChoiceFacet;
}

/** SharePoint's per-list limit on indexed columns (ID is indexed implicitly and not counted). */
export const MAX_INDEXED_COLUMNS = 20;

/** Internal column names the server accepts: SharePoint static names are ASCII identifiers. */
export const COLUMN_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const MAX_DOUBLE = 1.7976931348623157e308;

function builtin(partial: Partial<ColumnDef> & Pick<ColumnDef, 'id' | 'name' | 'displayName' | 'type'>): ColumnDef {
  return {
    description: '',
    columnGroup: partial.name === 'Title' ? 'Custom Columns' : '_Hidden',
    indexed: false,
    enforceUniqueValues: false,
    required: false,
    hidden: false,
    readOnly: true,
    builtin: true,
    storage: 'virtual',
    ...partial,
  };
}

/** The columns every genericList starts with (well-known SharePoint field ids). */
export function builtinColumns(): ColumnDef[] {
  return [
    builtin({
      id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247', name: 'Title', displayName: 'Title', type: 'text',
      required: true, readOnly: false, storage: 'data',
      text: { allowMultipleLines: false, appendChangesToExistingText: false, linesForEditing: 0, maxLength: 255 },
    }),
    builtin({ id: '1d22ea11-1e32-424e-89ab-9fedbadb6ce1', name: 'ID', displayName: 'ID', type: 'counter', storage: 'id', indexed: true }),
    builtin({ id: 'c042a256-787d-4a6f-8a8a-cf6ab767f12d', name: 'ContentType', displayName: 'Content Type', type: 'computed' }),
    builtin({
      id: '28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f', name: 'Modified', displayName: 'Modified', type: 'dateTime', storage: 'modified',
      dateTime: { displayAs: 'default', format: 'dateTime' },
    }),
    builtin({
      id: '8c06beca-0777-48f7-91c7-6da68bc07b69', name: 'Created', displayName: 'Created', type: 'dateTime', storage: 'created',
      dateTime: { displayAs: 'default', format: 'dateTime' },
    }),
    builtin({ id: '1df5e554-ec7e-46a6-901d-d85a3881cb18', name: 'Author', displayName: 'Created By', type: 'personOrGroup' }),
    builtin({ id: 'd31655d1-1d5b-4511-95a1-7a09e9b75bf2', name: 'Editor', displayName: 'Modified By', type: 'personOrGroup' }),
    builtin({
      id: 'dce8262a-3ae9-45aa-aab4-83bd75fb738a', name: '_UIVersionString', displayName: 'Version', type: 'text',
      text: { allowMultipleLines: false, appendChangesToExistingText: false, linesForEditing: 0, maxLength: 255 },
    }),
    builtin({ id: '67df98f4-9dec-48ff-a553-29bece9c5bf4', name: 'Attachments', displayName: 'Attachments', type: 'attachments' }),
    builtin({ id: '503f1caa-358e-4918-9094-4a2cdc4bc034', name: 'Edit', displayName: 'Edit', type: 'computed' }),
    builtin({ id: 'bc91a437-52e7-49e1-8c4e-4698904b2b6d', name: 'LinkTitleNoMenu', displayName: 'Title', type: 'computed' }),
    builtin({ id: '82642ec8-ef9b-478f-acf9-31f7d45fbc31', name: 'LinkTitle', displayName: 'Title', type: 'computed' }),
    builtin({ id: 'b824e17e-a1b3-426e-aecf-f0184d900485', name: 'ItemChildCount', displayName: 'Item Child Count', type: 'computed' }),
    builtin({ id: '960ff01f-2b6d-4f1b-9c3f-e19ad8927341', name: 'FolderChildCount', displayName: 'Folder Child Count', type: 'computed' }),
    builtin({ id: '6bfaba20-36bf-44b5-a1b2-eb6346d49716', name: 'AppAuthor', displayName: 'App Created By', type: 'personOrGroup', hidden: true }),
    builtin({ id: 'e08400f3-c779-4ed2-a18c-ab7f34caa318', name: 'AppEditor', displayName: 'App Modified By', type: 'personOrGroup', hidden: true }),
  ];
}

/** Renders a column as Graph's columnDefinition JSON. */
export function columnToJson(c: ColumnDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    columnGroup: c.columnGroup,
    description: c.description,
    displayName: c.displayName,
    enforceUniqueValues: c.enforceUniqueValues,
    hidden: c.hidden,
    id: c.id,
    indexed: c.indexed,
    name: c.name,
    readOnly: c.readOnly,
    required: c.required,
  };
  switch (c.type) {
    case 'text': out.text = { ...c.text }; break;
    case 'number': out.number = { ...c.number }; break;
    case 'boolean': out.boolean = {}; break;
    case 'dateTime': out.dateTime = { ...c.dateTime }; break;
    case 'choice': out.choice = { ...c.choice, choices: [...(c.choice?.choices ?? [])] }; break;
    case 'personOrGroup':
      out.personOrGroup = { allowMultipleSelection: false, displayAs: 'nameWithPresence', chooseFromType: 'peopleOnly' };
      break;
    default: break; // counter, computed, attachments: Graph shows no type facet for these
  }
  return out;
}

const TYPE_FACETS = ['text', 'number', 'boolean', 'dateTime', 'choice'] as const;
const UNSUPPORTED_FACETS = [
  'calculated', 'currency', 'lookup', 'personOrGroup', 'geolocation', 'hyperlinkOrPicture', 'term',
  'thumbnail', 'contentApprovalStatus',
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function optBool(body: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = body[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw invalidRequest(`Property '${key}' must be a boolean.`);
  return v;
}

function optString(body: Record<string, unknown>, key: string, fallback: string): string {
  const v = body[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string') throw invalidRequest(`Property '${key}' must be a string.`);
  return v;
}

function optNumber(body: Record<string, unknown>, key: string, fallback: number): number {
  const v = body[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidRequest(`Property '${key}' must be a number.`);
  return v;
}

function parseTextFacet(raw: Record<string, unknown>, base?: TextFacet): TextFacet {
  const allowMultipleLines = optBool(raw, 'allowMultipleLines', base?.allowMultipleLines ?? false);
  const facet: TextFacet = {
    allowMultipleLines,
    appendChangesToExistingText: optBool(raw, 'appendChangesToExistingText', base?.appendChangesToExistingText ?? false),
    linesForEditing: optNumber(raw, 'linesForEditing', base?.linesForEditing ?? (allowMultipleLines ? 6 : 0)),
    maxLength: optNumber(raw, 'maxLength', base?.maxLength ?? (allowMultipleLines ? 0 : 255)),
  };
  if (!allowMultipleLines && (facet.maxLength < 1 || facet.maxLength > 255)) {
    throw invalidRequest('text.maxLength must be between 1 and 255 for a single line of text.');
  }
  return facet;
}

function parseNumberFacet(raw: Record<string, unknown>, base?: NumberFacet): NumberFacet {
  const decimalPlaces = raw.decimalPlaces;
  const facet: NumberFacet = {
    decimalPlaces: typeof decimalPlaces === 'number' ? String(decimalPlaces) : optString(raw, 'decimalPlaces', base?.decimalPlaces ?? 'automatic'),
    displayAs: optString(raw, 'displayAs', base?.displayAs ?? 'number'),
    maximum: optNumber(raw, 'maximum', base?.maximum ?? MAX_DOUBLE),
    minimum: optNumber(raw, 'minimum', base?.minimum ?? -MAX_DOUBLE),
  };
  if (facet.minimum > facet.maximum) throw invalidRequest('number.minimum must not be greater than number.maximum.');
  return facet;
}

function parseDateTimeFacet(raw: Record<string, unknown>, base?: DateTimeFacet): DateTimeFacet {
  const format = optString(raw, 'format', base?.format ?? 'dateTime');
  if (format !== 'dateTime' && format !== 'dateOnly') throw invalidRequest("dateTime.format must be 'dateTime' or 'dateOnly'.");
  return { displayAs: optString(raw, 'displayAs', base?.displayAs ?? 'default'), format };
}

function parseChoiceFacet(raw: Record<string, unknown>, base?: ChoiceFacet): ChoiceFacet {
  const choices = raw.choices ?? base?.choices ?? [];
  if (!Array.isArray(choices) || !choices.every((c) => typeof c === 'string')) {
    throw invalidRequest('choice.choices must be an array of strings.');
  }
  return {
    allowTextEntry: optBool(raw, 'allowTextEntry', base?.allowTextEntry ?? false),
    choices: [...choices] as string[],
    displayAs: optString(raw, 'displayAs', base?.displayAs ?? 'dropDownMenu'),
  };
}

/** Derives an internal name from a display name the way SharePoint does for plain ASCII names. */
function nameFromDisplayName(displayName: string): string {
  const cleaned = displayName.replace(/[^A-Za-z0-9_]/g, '');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** Parses a columnDefinition request body (POST .../columns or the `columns` of POST .../lists). */
export function parseNewColumn(body: unknown): ColumnDef {
  if (!isRecord(body)) throw invalidRequest('A columnDefinition object is required.');
  const displayNameRaw = body.displayName;
  const nameRaw = body.name;
  if (nameRaw !== undefined && typeof nameRaw !== 'string') throw invalidRequest("Property 'name' must be a string.");
  if (displayNameRaw !== undefined && typeof displayNameRaw !== 'string') throw invalidRequest("Property 'displayName' must be a string.");
  const name = (nameRaw as string | undefined) ?? (displayNameRaw ? nameFromDisplayName(displayNameRaw as string) : undefined);
  if (!name) throw invalidRequest("A column needs a 'name' (or a 'displayName').");
  if (!COLUMN_NAME_PATTERN.test(name)) {
    throw invalidRequest(`Column name '${name}' is not supported by the local server: use letters, digits and '_' (not starting with a digit).`);
  }
  for (const key of UNSUPPORTED_FACETS) {
    if (body[key] !== undefined) throw invalidRequest(`Column type '${key}' is not supported by the local SharePoint-lists server.`);
  }
  const facets = TYPE_FACETS.filter((k) => body[k] !== undefined && body[k] !== null);
  if (facets.length > 1) throw invalidRequest(`A column can have only one type; got ${facets.join(', ')}.`);
  const type = facets[0] ?? 'text';
  const facetRaw = body[type] ?? {};
  if (!isRecord(facetRaw)) throw invalidRequest(`Property '${type}' must be an object.`);
  const column: ColumnDef = {
    id: randomUUID(),
    name,
    displayName: (displayNameRaw as string | undefined) ?? name,
    description: optString(body, 'description', ''),
    columnGroup: optString(body, 'columnGroup', 'Custom Columns'),
    type,
    indexed: optBool(body, 'indexed', false),
    enforceUniqueValues: optBool(body, 'enforceUniqueValues', false),
    required: optBool(body, 'required', false),
    hidden: optBool(body, 'hidden', false),
    readOnly: optBool(body, 'readOnly', false),
    builtin: false,
    storage: 'data',
  };
  if (type === 'text') column.text = parseTextFacet(facetRaw);
  if (type === 'number') column.number = parseNumberFacet(facetRaw);
  if (type === 'dateTime') column.dateTime = parseDateTimeFacet(facetRaw);
  if (type === 'choice') column.choice = parseChoiceFacet(facetRaw);
  if (column.enforceUniqueValues && !column.indexed) throw uniqueNeedsIndex(name);
  if (column.enforceUniqueValues && column.type === 'text' && column.text?.allowMultipleLines) {
    throw invalidRequest(`Column '${name}': unique values cannot be enforced on a multiple-lines-of-text column.`);
  }
  return column;
}

export function uniqueNeedsIndex(name: string): GraphError {
  return invalidRequest(`Column '${name}': enforceUniqueValues requires the column to be indexed (set indexed: true).`);
}

/** Applies a PATCH body to a column, returning the new definition. Type changes are refused. */
export function patchColumn(current: ColumnDef, body: unknown): ColumnDef {
  if (!isRecord(body)) throw invalidRequest('A columnDefinition object is required.');
  const next: ColumnDef = structuredClone(current);
  const editable = current.builtin
    ? current.name === 'Title'
      ? ['indexed', 'enforceUniqueValues', 'required', 'displayName', 'description', 'hidden', 'text']
      : current.storage === 'created' || current.storage === 'modified'
        ? ['indexed']
        : []
    : ['indexed', 'enforceUniqueValues', 'required', 'displayName', 'description', 'hidden', 'readOnly', 'columnGroup', current.type];
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('@odata.') || key === 'id' || (key === 'name' && value === current.name)) continue;
    if (!editable.includes(key)) {
      if ((TYPE_FACETS as readonly string[]).includes(key)) throw invalidRequest(`Column '${current.name}' is of type '${current.type}' and cannot be changed to '${key}'.`);
      throw invalidRequest(`Property '${key}' of column '${current.name}' cannot be changed.`);
    }
  }
  next.indexed = optBool(body, 'indexed', current.indexed);
  next.enforceUniqueValues = optBool(body, 'enforceUniqueValues', current.enforceUniqueValues);
  next.required = optBool(body, 'required', current.required);
  next.hidden = optBool(body, 'hidden', current.hidden);
  next.readOnly = optBool(body, 'readOnly', current.readOnly);
  next.displayName = optString(body, 'displayName', current.displayName);
  next.description = optString(body, 'description', current.description);
  next.columnGroup = optString(body, 'columnGroup', current.columnGroup);
  const facetRaw = body[current.type];
  if (facetRaw !== undefined) {
    if (!isRecord(facetRaw)) throw invalidRequest(`Property '${current.type}' must be an object.`);
    if (current.type === 'text') next.text = parseTextFacet(facetRaw, current.text);
    if (current.type === 'number') next.number = parseNumberFacet(facetRaw, current.number);
    if (current.type === 'dateTime') next.dateTime = parseDateTimeFacet(facetRaw, current.dateTime);
    if (current.type === 'choice') next.choice = parseChoiceFacet(facetRaw, current.choice);
  }
  if (next.enforceUniqueValues && !next.indexed) throw uniqueNeedsIndex(current.name);
  return next;
}

/** Whether a column can be referenced in $filter / $orderby by this server. */
export function isQueryable(c: ColumnDef): boolean {
  return c.storage !== 'virtual';
}

/** Whether SharePoint compares this column's values without regard to case. */
export function isCaseInsensitive(c: ColumnDef): boolean {
  return c.type === 'text' || c.type === 'choice';
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Normalises a date/time to SharePoint's stored form: UTC with second precision, `YYYY-MM-DDTHH:MM:SSZ`.
 * A value without a zone is taken as UTC. Returns undefined when the string is not an ISO date.
 */
export function normalizeDateTime(value: string, dateOnly = false): string | undefined {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  let iso = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  if (zone && zone !== 'Z') iso += zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  else iso += 'Z';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const out = date.toISOString().slice(0, 19) + 'Z';
  return dateOnly ? `${out.slice(0, 10)}T00:00:00Z` : out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Checks one field value against its column and returns the value to store (dates normalised).
 * `null` clears the field (refused for required columns).
 */
export function coerceFieldValue(c: ColumnDef, value: unknown): string | number | boolean | null {
  if (value === null) {
    if (c.required) throw invalidRequest(`Field '${c.name}' is required and cannot be cleared.`);
    return null;
  }
  const wrong = (expected: string): GraphError =>
    invalidRequest(`Invalid value for field '${c.name}': expected ${expected}, got ${describe(value)}.`);
  switch (c.type) {
    case 'text': {
      if (typeof value !== 'string') throw wrong('a string');
      const max = c.text?.maxLength ?? 255;
      if (!c.text?.allowMultipleLines && value.length > max) {
        throw invalidRequest(`Invalid value for field '${c.name}': the text is ${value.length} characters long, the column allows at most ${max}.`);
      }
      if (c.required && value.trim() === '') throw invalidRequest(`Field '${c.name}' is required and cannot be empty.`);
      return value;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong('a number');
      const { minimum = -MAX_DOUBLE, maximum = MAX_DOUBLE } = c.number ?? {};
      if (value < minimum || value > maximum) {
        throw invalidRequest(`Invalid value for field '${c.name}': ${value} is outside the allowed range ${minimum}..${maximum}.`);
      }
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong('true or false');
      return value;
    case 'dateTime': {
      if (typeof value !== 'string') throw wrong('an ISO 8601 date/time string');
      const normalized = normalizeDateTime(value, c.dateTime?.format === 'dateOnly');
      if (!normalized) throw wrong('an ISO 8601 date/time string');
      return normalized;
    }
    case 'choice': {
      if (typeof value !== 'string') throw wrong('a string');
      if (!c.choice?.allowTextEntry && !c.choice?.choices.includes(value)) {
        throw invalidRequest(`Invalid value for field '${c.name}': '${value}' is not one of the column's choices (${(c.choice?.choices ?? []).join(', ')}).`);
      }
      return value;
    }
    default:
      throw invalidRequest(`Field '${c.name}' is read-only.`);
  }
}
