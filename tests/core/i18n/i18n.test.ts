import { describe, expect, it } from 'vitest';
import { en, fieldLabel, formatMessage, resolveLocale, sv, t } from '../../../core/i18n';

describe('i18n', () => {
  it('has every Swedish key in English, with the same placeholders', () => {
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(en[key], key).toBeTruthy();
      const ph = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?:\}|\s*,\s*plural)/g)].map((m) => m[1]))].sort();
      expect(ph(en[key]), key).toEqual(ph(sv[key]));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('speaks Swedish unless the locale is English', () => {
    expect(resolveLocale('sv-SE')).toBe('sv');
    expect(resolveLocale('en-GB')).toBe('en');
    expect(resolveLocale('fi-FI')).toBe('sv');
    expect(resolveLocale(undefined)).toBe('sv');
  });

  it('fills placeholders', () => {
    expect(t('sv', 'validation.tooLong', { field: 'Rubrik', maximum: 255 })).toBe('Rubrik får ha högst 255 tecken.');
    expect(fieldLabel('en', 'confidentiality')).toBe('Confidentiality');
    expect(fieldLabel('sv', 'okäntFält')).toBe('okäntFält');
  });

  it('chooses the plural form by the number, the locale’s way', () => {
    const msg = '{count, plural, =0 {inga incidenter} one {# incident} other {# incidenter}} i {unit}';
    expect(formatMessage('sv', msg, { count: 0, unit: 'EKB' })).toBe('inga incidenter i EKB');
    expect(formatMessage('sv', msg, { count: 1, unit: 'EKB' })).toBe('1 incident i EKB');
    expect(formatMessage('sv', msg, { count: 3, unit: 'EKB' })).toBe('3 incidenter i EKB');
    expect(formatMessage('sv', msg, { count: 5000, unit: 'EKB' })).toBe('5\u00a0000 incidenter i EKB');
    expect(formatMessage('en', '{n, plural, one {# item} other {# items}}', { n: 1 })).toBe('1 item');
    expect(formatMessage('en', '{n, plural, one {# item} other {# items}}', { n: 2 })).toBe('2 items');
    // Without the number the message is left as written, as an unknown placeholder is.
    expect(formatMessage('sv', '{n, plural, one {# sak} other {# saker}}', {})).toBe('{n, plural, one {# sak} other {# saker}}');
  });

  it('writes no “(er)” plurals and no straight quotes in either language', () => {
    for (const [lang, catalog] of [['sv', sv], ['en', en]] as const) {
      for (const [key, text] of Object.entries(catalog)) {
        expect(text, `${lang} ${key}`).not.toMatch(/\((er|ar|or|s|n)\)/);
        // A straight quote shown as the character itself (the CSV quote, `(")`) is the one exception.
        expect(text.replaceAll('(")', ''), `${lang} ${key}`).not.toContain('"');
        // Swedish quotes are ”…” on both sides; English opens with “.
        if (lang === 'sv') expect(text, `${lang} ${key}`).not.toContain('“');
      }
    }
  });
});

describe('validation messages', () => {
  it('says an empty field is missing, once — not also that it has the wrong format', async () => {
    const { z } = await import('zod');
    const { issuesFromZod, formatIssues } = await import('../../../core/i18n/validation');
    const { CourseCode } = await import('../../../core/domain/training');
    const parse = (v: string) => {
      const r = z.object({ courseCode: CourseCode }).safeParse({ courseCode: v });
      return r.success ? [] : formatIssues('sv', issuesFromZod(r.error));
    };
    expect(parse('')).toEqual(['Kurs måste fyllas i.']);
    expect(parse('   ')).toEqual(['Kurs måste fyllas i.']);
    expect(parse('x y')).toEqual(['Kurs har fel format.']);
  });
});
