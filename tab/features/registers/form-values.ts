/**
 * From the form's values to a request's body, the same way for every register: people and records
 * are sent as their ids, lines as a list, an empty optional value as null, numbers chosen in a
 * select as numbers. A create leaves out what is empty (the server gives defaults and says what is
 * required); an edit sends only the fields that differ from the record as loaded (If-Match).
 */
import type { PersonRef, RecordRef } from '../../../core/api';
import type { FieldSpec, FormRow, FormValue, FormValues, SectionSpec } from './spec';

export type Mode = 'create' | 'edit';

export const fieldsOf = (sections: SectionSpec[], mode: Mode): FieldSpec[] => sections.flatMap((s) => s.fields).filter((f) => !f.only || f.only === mode);

const isRef = (v: FormValue): v is PersonRef | RecordRef => typeof v === 'object' && v !== null && !Array.isArray(v) && 'id' in v;

/** One field's value on the wire. */
export function wireValue(field: FieldSpec, value: FormValue): unknown {
  switch (field.kind) {
    case 'checkbox':
      return value === true;
    case 'person':
    case 'record':
      return isRef(value) ? value.id : null;
    case 'records':
      return Array.isArray(value) ? (value as RecordRef[]).map((r) => r.id) : [];
    case 'lines':
      return typeof value === 'string' ? value.split('\n').map((l) => l.trim()).filter(Boolean) : [];
    case 'rows':
      return Array.isArray(value) ? (value as FormRow[]).map((row) => rowBody(field.fields ?? [], row)) : [];
    case 'select':
      if (value === '' || value === null) return null;
      return field.numeric ? Number(value) : value;
    default: {
      const text = typeof value === 'string' ? value : '';
      // A required text left empty is sent as it is: the server names the field.
      return text.trim() === '' && !field.required ? null : text;
    }
  }
}

function rowBody(fields: FieldSpec[], row: FormRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof row.id === 'string' && row.id !== '') out.id = row.id;
  for (const f of fields) {
    const v = wireValue(f, row[f.name] ?? null);
    if (v !== null) out[f.name] = v;
  }
  return out;
}

/** The whole body for the form's values. */
export function bodyOf(sections: SectionSpec[], values: FormValues, mode: Mode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(sections, mode)) out[f.name] = wireValue(f, values[f.name] ?? null);
  return out;
}

const empty = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** A create's body: what was filled in. */
export function createBody(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => !empty(v)));
}

/** An edit's body: the fields whose value differs from the record as loaded. */
export function changedBody(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])));
}

/** A 400 answer's messages by their path (`title`, `findings.0.correctiveAction`). */
export function errorsByPath(issues: { path: (string | number)[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of issues) (out[i.path.length ? i.path.join('.') : '_'] ??= []).push(i.message);
  return out;
}

/** The element id of a field (or a row's field) in the register form. */
export const fieldDomId = (path: string) => `reg-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Text values of a record for the form: null becomes ''. */
export const text = (v: string | null | undefined): string => v ?? '';
export const lines = (v: string[] | null | undefined): string => (v ?? []).join('\n');
export const num = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
