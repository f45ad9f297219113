/**
 * The catalogue of the person's language, loaded once before the first render (main.tsx) from its
 * own chunk (tab/vite.config.ts), so that the tab's first bundle carries one language, not
 * every area's messages in both. Formatting (placeholders, plurals) is core/i18n/format's.
 */
import type { MessageKey } from '../../core/i18n';
import type { Locale } from '../../core/i18n/format';

const catalogs: Partial<Record<Locale, Readonly<Record<string, string>>>> = {};
const loading: Partial<Record<Locale, Promise<void>>> = {};

/** Loads `locale`'s catalogue (once; later calls share the first). */
export function loadMessages(locale: Locale): Promise<void> {
  if (catalogs[locale]) return Promise.resolve();
  return (loading[locale] ??= (locale === 'en' ? import('virtual:lis-messages/en') : import('virtual:lis-messages/sv')).then((m) => {
    catalogs[locale] = m.default;
  }));
}

/** Sets a catalogue directly (tests, which render without the build's chunks). */
export function setMessages(locale: Locale, catalog: Readonly<Record<string, string>>): void {
  catalogs[locale] = catalog;
}

/** The message text for `key`, or undefined when the catalogue has no such key. */
export function messageText(locale: Locale, key: string): string | undefined {
  const catalog = catalogs[locale];
  if (!catalog) throw new Error(`The ${locale} messages are not loaded yet (loadMessages before rendering)`);
  return Object.hasOwn(catalog, key) ? catalog[key] : undefined;
}

/** Whether `key` is a message key (for keys built from data). Both catalogues have the same keys (core/i18n/define.ts). */
export function isMessageKey(key: string): key is MessageKey {
  const catalog = catalogs.sv ?? catalogs.en;
  if (!catalog) throw new Error('No messages are loaded yet (loadMessages before rendering)');
  return Object.hasOwn(catalog, key);
}
