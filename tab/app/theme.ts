/**
 * Theme. Inside Teams the tab wears Teams' own themes (teamsLightTheme, teamsDarkTheme,
 * teamsHighContrastTheme) and follows the host when it changes, so the tab and Teams around it
 * are one style. Outside Teams it wears Fluent's web themes; `?theme=light|dark|contrast` is a
 * switch for screenshots and testing, else the system's forced colours or colour scheme decide.
 * Fluent has no web high-contrast theme: Teams' is used for contrast in both places.
 */
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { createContext, useContext } from 'react';

export type ThemeName = 'light' | 'dark' | 'contrast';

export const TEAMS_THEMES: Record<ThemeName, Theme> = { light: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };
export const WEB_THEMES: Record<ThemeName, Theme> = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

/** The Fluent theme for where the tab runs. */
export function fluentTheme(theme: ThemeName, inTeams: boolean): Theme {
  return (inTeams ? TEAMS_THEMES : WEB_THEMES)[theme];
}

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

/** The theme's name for the views (charts pick their high-contrast colours from it). */
export const ThemeNameContext = createContext<ThemeName>('light');
export const useThemeName = () => useContext(ThemeNameContext);
