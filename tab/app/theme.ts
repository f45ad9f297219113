/**
 * Theme: inside Teams the host's (default → light, dark, contrast), followed when it changes;
 * outside Teams `?theme=light|dark|contrast` (a switch for screenshots and testing), else the
 * system's forced colours or colour scheme.
 */
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export type ThemeName = 'light' | 'dark' | 'contrast';

export const FLUENT_THEMES: Record<ThemeName, Theme> = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

/** Teams' theme names: "default", "dark", "contrast" (and "glass", shown light). */
export function themeFromTeams(theme: string | undefined): ThemeName {
  if (theme === 'dark') return 'dark';
  if (theme === 'contrast') return 'contrast';
  return 'light';
}

export function browserTheme(search = globalThis.location?.search ?? '', media: (q: string) => boolean = (q) => globalThis.matchMedia?.(q).matches ?? false): ThemeName {
  const asked = new URLSearchParams(search).get('theme');
  if (asked === 'light' || asked === 'dark' || asked === 'contrast') return asked;
  if (media('(forced-colors: active)')) return 'contrast';
  return media('(prefers-color-scheme: dark)') ? 'dark' : 'light';
}
