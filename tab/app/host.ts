/**
 * Where the tab runs. Inside Teams (or another Microsoft 365 host) teams-js is initialised first,
 * and the host's theme, locale and user hints come from its context. In a top-level browser window
 * without a Teams bridge the tab knows at once that it is outside Teams and does not even load
 * teams-js; in a frame that never answers, initialisation gives up after a short timeout.
 */
import type * as TeamsJs from '@microsoft/teams-js';
import { resolveLocale, type Locale } from '../../core/i18n/format';
import { browserLocale } from './i18n';
import { browserTheme, themeFromTeams, type ThemeName } from './theme';

export type TeamsModule = typeof TeamsJs;

export interface Host {
  inTeams: boolean;
  locale: Locale;
  theme: ThemeName;
  /** Calls `handler` when the host (or the system, outside Teams) changes theme. */
  onThemeChange(handler: (theme: ThemeName) => void): void;
  /** Tells Teams the tab has loaded (must happen within 30 s). No-op outside Teams. */
  notifySuccess(): void;
  notifyFailure(message: string): void;
  /** teams-js, initialised; null outside Teams. */
  teams: TeamsModule | null;
  /** Hints from the Teams context for MSAL (never used as identity: the API validates the token). */
  user: { loginHint: string | null; tenantId: string | null; objectId: string | null };
}

export const TEAMS_INIT_TIMEOUT_MS = 2_500;

/**
 * The tab route a Teams deep link asks for (`context.subEntityId`, teams-js `page.subPageId`): only
 * a register or one of its records, such as `/incidents/42` — never anything else.
 */
export function deepLinkRoute(subPageId: string | null | undefined): string | null {
  return subPageId && /^\/[a-z-]{1,40}(\/[1-9]\d{0,9})?$/.test(subPageId) ? subPageId : null;
}

/** True when a Teams host could be there: framed, or a mobile webview with the native bridge. */
export function mayBeInTeams(win: Window = window): boolean {
  let framed = false;
  try {
    framed = win.self !== win.top;
  } catch {
    framed = true;
  }
  return framed || 'nativeInterface' in win;
}

export function browserHost(win: Window = window): Host {
  return {
    inTeams: false,
    locale: browserLocale(win.location.search, win.navigator.language),
    theme: browserTheme(win.location.search, (q) => win.matchMedia?.(q).matches ?? false),
    onThemeChange(handler) {
      if (new URLSearchParams(win.location.search).has('theme') || !win.matchMedia) return;
      for (const q of ['(prefers-color-scheme: dark)', '(forced-colors: active)']) {
        win.matchMedia(q).addEventListener('change', () => handler(browserTheme(win.location.search, (x) => win.matchMedia(x).matches)));
      }
    },
    notifySuccess() {},
    notifyFailure() {},
    teams: null,
    user: { loginHint: null, tenantId: null, objectId: null },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export async function connectHost(win: Window = window, timeoutMs = TEAMS_INIT_TIMEOUT_MS): Promise<Host> {
  if (!mayBeInTeams(win)) return browserHost(win);
  try {
    const teams = await import('@microsoft/teams-js');
    await withTimeout(teams.app.initialize(), timeoutMs);
    const context = await withTimeout(teams.app.getContext(), timeoutMs);
    // A card's "Öppna i LIS" deep link names the record as the sub-page (bot/cards/links.ts).
    const route = deepLinkRoute(context.page?.subPageId);
    if (route && !win.location.hash.replace(/^#/, '').startsWith('/')) win.location.hash = `#${route}`;
    return {
      inTeams: true,
      locale: resolveLocale(context.app.locale),
      theme: themeFromTeams(context.app.theme),
      onThemeChange(handler) {
        teams.app.registerOnThemeChangeHandler((theme) => handler(themeFromTeams(theme)));
      },
      notifySuccess() {
        void teams.app.notifySuccess().catch(() => undefined);
      },
      notifyFailure(message) {
        teams.app.notifyFailure({ reason: teams.app.FailedReason.AuthFailed, message });
      },
      teams,
      user: { loginHint: context.user?.loginHint ?? null, tenantId: context.user?.tenant?.id ?? null, objectId: context.user?.id ?? null },
    };
  } catch {
    return browserHost(win);
  }
}
