import { describe, expect, it } from 'vitest';
import { en, sv } from '../../core/i18n';
import { formatMessage } from '../../core/i18n/format';
import { createI18n } from '../../tab/app/i18n';
import { isMessageKey, messageText } from '../../tab/app/messages';

// tests/setup/tab-messages.ts has set both catalogues, as main.tsx loads one before the first render.
describe('the tab messages', () => {
  it('are those of core/i18n, formatted the same way', () => {
    const i18n = createI18n('sv');
    expect(i18n.t('tab.nav.assets')).toBe(sv['tab.nav.assets']);
    expect(createI18n('en').t('tab.nav.assets')).toBe(en['tab.nav.assets']);
    expect(messageText('sv', 'tab.nav.overview')).toBe('Översikt');
    const plural = '{count, plural, one {# incident} other {# incidenter}}';
    expect(formatMessage('sv', plural, { count: 5000 })).toBe(`${new Intl.NumberFormat('sv-SE').format(5000)} incidenter`);
    expect(formatMessage('sv', plural, { count: 1 })).toBe('1 incident');
  });

  it('tell message keys from other text', () => {
    expect(isMessageKey('incident.clock.gdpr_authority')).toBe(Object.hasOwn(sv, 'incident.clock.gdpr_authority'));
    expect(isMessageKey('tab.nav.overview')).toBe(true);
    expect(isMessageKey('not.a.key')).toBe(false);
    expect(messageText('en', 'not.a.key')).toBeUndefined();
  });
});
