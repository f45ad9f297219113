/**
 * Validation issues in the user's language. Schemas stay free of message text: generic issues are
 * translated by zod issue code, and domain rules carry `i18n:<key>` messages (core/domain/common.ts).
 */
import type { z } from 'zod';
import { fieldLabel, isMessageKey, t, type Locale, type MessageKey, type Params } from './index';

/** A validation problem, independent of language. */
export interface ValidationIssue {
  path: (string | number)[];
  /** zod issue code, or `rule` for a domain rule. */
  code: string;
  messageKey: MessageKey;
  params: Params;
}

/** The field a message is about: the last named segment of the path. */
function fieldOf(path: (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const p = path[i];
    if (typeof p === 'string') return p;
  }
  return '';
}

function keyFor(issue: z.core.$ZodIssue): { key: MessageKey; params: Params } {
  if (issue.code === 'custom' && issue.message.startsWith('i18n:')) {
    const key = issue.message.slice(5);
    if (isMessageKey(key)) return { key, params: {} };
  }
  if (issue.message.startsWith('i18n:')) {
    const key = issue.message.slice(5);
    if (isMessageKey(key)) return { key, params: {} };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.input === undefined || issue.input === '' ? 'validation.required' : 'validation.invalidType', params: {} };
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? { key: 'validation.required', params: {} } : { key: 'validation.tooShort', params: { minimum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.required', params: {} };
      return { key: 'validation.tooSmall', params: { minimum } };
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { maximum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooMany', params: { maximum } };
      return { key: 'validation.tooBig', params: { maximum } };
    }
    case 'invalid_format':
      switch (issue.format) {
        case 'date':
          return { key: 'validation.invalidDate', params: {} };
        case 'datetime':
          return { key: 'validation.invalidDateTime', params: {} };
        case 'guid':
        case 'uuid':
          return { key: 'validation.invalidId', params: {} };
        case 'url':
          return { key: 'validation.invalidUrl', params: {} };
        default:
          return { key: 'validation.invalidFormat', params: {} };
      }
    case 'invalid_value':
      return { key: 'validation.invalidOption', params: {} };
    case 'not_multiple_of':
      return { key: 'validation.notInteger', params: {} };
    case 'unrecognized_keys':
      return { key: 'validation.unknownField', params: { field: issue.keys.join(', ') } };
    default:
      return { key: 'validation.invalid', params: {} };
  }
}

export function issuesFromZod(error: z.ZodError): ValidationIssue[] {
  const issues = error.issues.map((issue): ValidationIssue => {
    const { key, params } = keyFor(issue);
    // zod reports a non-integer number as invalid_type with expected "int".
    const messageKey = issue.code === 'invalid_type' && issue.expected === 'int' ? 'validation.notInteger' : key;
    return { path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), code: issue.code === 'custom' ? 'rule' : issue.code, messageKey, params };
  });
  // A field that is missing is only that: not also "in the wrong format" or "too short".
  const missing = new Set(issues.filter((i) => i.messageKey === 'validation.required').map((i) => i.path.join('.')));
  return issues.filter((i) => i.messageKey === 'validation.required' || !missing.has(i.path.join('.')));
}

/** One sentence per issue, in the user's language. */
export function formatIssue(locale: Locale, issue: ValidationIssue): string {
  const field = fieldLabel(locale, fieldOf(issue.path));
  return t(locale, issue.messageKey, { field, ...issue.params });
}

export function formatIssues(locale: Locale, issues: ValidationIssue[]): string[] {
  return issues.map((i) => formatIssue(locale, i));
}
