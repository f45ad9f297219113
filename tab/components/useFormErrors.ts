/**
 * A form's messages per field, the way people expect them: shown next to the field after a
 * submit (from the form's own checks or the server's 400 answer), and gone from a field as soon
 * as the person changes it — so nothing stale stays on screen. `summary` is the count for the
 * message above the form, which disappears when the last field is corrected.
 */
import { useCallback, useMemo, useState } from 'react';
import { ApiError } from '../api/client';

export type FieldErrors = Record<string, string[]>;

export interface FormErrors {
  errors: FieldErrors;
  /** The message(s) of a field, joined; undefined when it has none (for Fluent `Field`). */
  message: (field: string) => string | undefined;
  /** Replaces every message (a submit's result). */
  set: (errors: FieldErrors) => void;
  /** The person changed these fields: their messages go. */
  clear: (...fields: string[]) => void;
  /** A 400 answer's messages by field (renamed with `fieldOf`); true when there were any. */
  fromApi: (error: unknown, fieldOf?: (serverField: string) => string) => boolean;
  /** How many fields have a message. */
  count: number;
}

export function useFormErrors(): FormErrors {
  const [errors, setErrors] = useState<FieldErrors>({});
  const clear = useCallback((...fields: string[]) => {
    setErrors((e) => (fields.some((f) => f in e) ? Object.fromEntries(Object.entries(e).filter(([f]) => !fields.includes(f))) : e));
  }, []);
  const fromApi = useCallback((error: unknown, fieldOf: (f: string) => string = (f) => f) => {
    if (!(error instanceof ApiError) || error.status !== 400 || !error.body.issues?.length) return false;
    const out: FieldErrors = {};
    for (const i of error.body.issues) (out[fieldOf(i.field || '_')] ??= []).push(i.message);
    setErrors(out);
    return true;
  }, []);
  return useMemo(
    () => ({ errors, message: (f: string) => errors[f]?.join(' '), set: setErrors, clear, fromApi, count: Object.keys(errors).length }),
    [errors, clear, fromApi],
  );
}

/** Moves focus to the first of `fields` (in the order given) that has a message, by element id. */
export function focusFirstError(errors: FieldErrors, fields: string[], idOf: (field: string) => string): void {
  const first = fields.find((f) => f in errors) ?? Object.keys(errors)[0];
  if (!first) return;
  setTimeout(() => {
    const el = document.getElementById(idOf(first));
    (el?.matches('input, textarea, select, button') ? el : el?.querySelector<HTMLElement>('input, textarea, select, button'))?.focus();
  }, 0);
}
