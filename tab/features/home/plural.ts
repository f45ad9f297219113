/**
 * Counted phrases in correct Swedish and English: the message key's `.one` or `.other` form, as
 * Intl.PluralRules picks it for the language ("1 ärende väntar", "3 ärenden väntar").
 */
import type { MessageKey } from '../../../core/i18n';
import type { I18n } from '../../app/i18n';

const rules = new Map<string, Intl.PluralRules>();

export function plural(i18n: I18n, base: string, count: number, params: Record<string, string | number> = {}): string {
  const tag = i18n.locale === 'en' ? 'en' : 'sv';
  let r = rules.get(tag);
  if (!r) rules.set(tag, (r = new Intl.PluralRules(tag)));
  const form = r.select(count) === 'one' ? 'one' : 'other';
  return i18n.t(`${base}.${form}` as MessageKey, { count: i18n.number(count), ...params });
}
