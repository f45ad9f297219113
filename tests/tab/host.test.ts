// @vitest-environment happy-dom
/**
 * Where the tab runs: outside Teams it knows at once (no teams-js, no wait); Teams' themes map to
 * Fluent themes; the `?theme=` and `?lang=` switches work only outside Teams.
 */
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { describe, expect, it, onTestFinished } from 'vitest';
import { browserHost, connectHost, deepLinkRoute, mayBeInTeams } from '../../tab/app/host';
import { browserLocale } from '../../tab/app/i18n';
import { browserTheme, fluentTheme, themeFromTeams } from '../../tab/app/theme';

describe('host', () => {
  it('opens a record from a card’s deep link, and nothing but a record route', () => {
    expect(deepLinkRoute('/incidents/42')).toBe('/incidents/42');
    expect(deepLinkRoute('/access')).toBe('/access');
    for (const bad of [null, undefined, '', 'incidents/42', '/incidents/0', '//evil.example', '/incidents/42?x=1', 'javascript:alert(1)', '/a/b/c', '/incidents/<script>']) expect(deepLinkRoute(bad), String(bad)).toBeNull();
  });

  it('wears Teams’ own themes inside Teams and Fluent’s web themes only outside', () => {
    expect(fluentTheme(themeFromTeams('default'), true)).toBe(teamsLightTheme);
    expect(fluentTheme(themeFromTeams('dark'), true)).toBe(teamsDarkTheme);
    expect(fluentTheme(themeFromTeams('contrast'), true)).toBe(teamsHighContrastTheme);
    expect(fluentTheme('light', false)).toBe(webLightTheme);
    expect(fluentTheme('dark', false)).toBe(webDarkTheme);
    expect(fluentTheme('contrast', false)).toBe(teamsHighContrastTheme);
    expect(themeFromTeams('glass')).toBe('light');
  });

  it('takes the theme from ?theme=, forced colours or the colour scheme outside Teams', () => {
    expect(browserTheme('?theme=contrast', () => false)).toBe('contrast');
    expect(browserTheme('?theme=dark', () => false)).toBe('dark');
    expect(browserTheme('?theme=nonsense', () => false)).toBe('light');
    expect(browserTheme('', (q) => q === '(forced-colors: active)')).toBe('contrast');
    expect(browserTheme('', (q) => q === '(prefers-color-scheme: dark)')).toBe('dark');
  });

  it('speaks Swedish unless English is asked for', () => {
    expect(browserLocale('', 'en-US')).toBe('en');
    expect(browserLocale('', 'sv-SE')).toBe('sv');
    expect(browserLocale('', 'de-DE')).toBe('sv');
    expect(browserLocale('?lang=sv', 'en-US')).toBe('sv');
    expect(browserLocale('?lang=en', 'sv-SE')).toBe('en');
  });

  it('knows at once that a top-level browser window is not Teams', async () => {
    expect(mayBeInTeams(window)).toBe(false);
    const started = performance.now();
    const host = await connectHost(window);
    expect(performance.now() - started).toBeLessThan(50);
    expect(host).toMatchObject({ inTeams: false, teams: null });
    expect(browserHost(window).inTeams).toBe(false);
  });

  it('gives up on a frame that does not answer like Teams, quickly', async () => {
    // teams-js asks the Office CDN for its valid origins: no network in tests.
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => {
      throw new TypeError('offline');
    }) as typeof fetch;
    onTestFinished(() => {
      globalThis.fetch = realFetch;
    });
    const framed = { self: {}, top: {}, location: window.location, navigator: window.navigator, matchMedia: window.matchMedia.bind(window) } as unknown as Window;
    expect(mayBeInTeams(framed)).toBe(true);
    const started = performance.now();
    const host = await connectHost(framed, 300);
    expect(host.inTeams).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
