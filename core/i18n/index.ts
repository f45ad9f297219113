/**
 * Translations. Swedish first: `resolveLocale` falls back to sv for anything that is not English.
 * Works in Node and in the browser (no Node imports).
 *
 * A message is text with `{name}` placeholders and, where a number decides the wording, a plural
 * in the ICU MessageFormat style: `{count, plural, one {# incident} other {# incidenter}}`. The
 * branch is chosen with `Intl.PluralRules` for the locale (`=0 {…}` matches an exact number) and
 * `#` is the number written the locale's way ("5 000"). So "1 incidenter" cannot happen.
 */
import { formatMessage, type Locale, type Params } from './format';
import { en, sv, type MessageKey } from './sv';

export { formatMessage, resolveLocale, type Locale, type Params } from './format';
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { sv, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(sv, key);
}

/** Translates `key`, filling `{name}` placeholders and plurals. Unknown placeholders are left as they are. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  return formatMessage(locale, catalogs[locale][key], params);
}

/** The label of a record field, or the field name itself when no label is defined. */
export function fieldLabel(locale: Locale, field: string): string {
  const key = `field.${field}`;
  return isMessageKey(key) ? t(locale, key) : field;
}

export { sv, en };
