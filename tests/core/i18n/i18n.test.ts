import { describe, expect, it } from 'vitest';
import { en, fieldLabel, resolveLocale, sv, t } from '../../../core/i18n';

describe('i18n', () => {
  it('has every Swedish key in English, with the same placeholders', () => {
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(en[key], key).toBeTruthy();
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
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
});
