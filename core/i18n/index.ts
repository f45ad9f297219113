/**
 * Translations. Swedish first: `resolveLocale` falls back to sv for anything that is not English.
 * Works in Node and in the browser (no Node imports).
 */
import { en, sv, type MessageKey } from './sv';

export type Locale = 'sv' | 'en';
export type { MessageKey };
export type Params = Record<string, string | number>;

const catalogs: Record<Locale, Record<MessageKey, string>> = { sv, en };

/** Maps a BCP 47 tag from Teams (`sv-SE`, `en-GB`…) to a supported locale. */
export function resolveLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(sv, key);
}

/** Translates `key`, filling `{name}` placeholders. Unknown placeholders are left as they are. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = catalogs[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The label of a record field, or the field name itself when no label is defined. */
export function fieldLabel(locale: Locale, field: string): string {
  const key = `field.${field}`;
  return isMessageKey(key) ? t(locale, key) : field;
}

export { sv, en };
