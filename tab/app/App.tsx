/**
 * The tab from start to signed in: the host's theme and language, how to get a token (local demo
 * sign-in, or Entra ID inside Teams), the signed-in person, then the shell.
 */
import { Button, FluentProvider, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MessageKey } from '../../core/i18n';
import { ApiError, createApiClient } from '../api/client';
import { commonApi } from '../api/common';
import { checkAnswerInDevelopment } from '../api/dev-check';
import type { SessionView, TabAuthConfig } from '../../core/api';
import { DemoSignIn } from './auth/DemoSignIn';
import { LocalAuth } from './auth/local-auth';
import { SignInRequired, type Auth } from './auth/types';
import type { Host } from './host';
import { I18nProvider, useI18n } from './i18n';
import { SessionProvider } from './session';
import { Shell } from './Shell';
import { FLUENT_THEMES, type ThemeName } from './theme';

type Phase =
  | { kind: 'starting' }
  | { kind: 'sign-in'; notice: MessageKey | null }
  | { kind: 'ready'; me: SessionView }
  | { kind: 'failed'; message: MessageKey }
  /** The API does not let this account in (a guest, a disabled account…): its message says why and whom to ask. */
  | { kind: 'refused'; message: string };

const useStyles = makeStyles({
  // On a div inside the provider, not on the provider: Fluent gives its portals (a combobox's list,
  // a popover) the provider's class names, and a 100vh portal covered the page with white.
  provider: { minHeight: '100vh' },
  center: { padding: tokens.spacingHorizontalXXL, maxWidth: '40rem', margin: '0 auto' },
});

/** `GET /api/v1/config`: public, says whether to use the demo sign-in or Entra ID. */
export async function fetchAuthConfig(fetchImpl: typeof fetch = fetch): Promise<TabAuthConfig> {
  const res = await fetchImpl('/api/v1/config', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`config: HTTP ${res.status}`);
  const config = (await res.json()) as TabAuthConfig;
  await checkAnswerInDevelopment('GET', '/config', res.status, config);
  return config;
}

/** Entra ID's refusal of a token to someone not assigned to the tab's enterprise app ("Assignment required"). */
const notAssigned = (error: unknown) => /AADSTS50105/.test(String((error as { message?: string } | null)?.message ?? error));

export interface AppProps {
  host: Host;
  /** The config request, started before React (main.tsx); fetched here when absent. */
  config?: Promise<TabAuthConfig>;
  /** For tests: where the API is and how to reach it. */
  fetch?: typeof fetch;
  storage?: Storage;
}

function SignedInApp({ host, fetch: fetchImpl, storage, config: early }: AppProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const localAuth = useMemo(() => new LocalAuth({ ...(fetchImpl ? { fetch: fetchImpl } : {}), ...(storage ? { storage } : {}) }), [fetchImpl, storage]);
  const auth = useRef<Auth | null>(null);
  /** The early config request is used once; a retry asks again. */
  const firstConfig = useRef<Promise<TabAuthConfig> | null>(early ?? null);

  const api = useMemo(
    () =>
      createApiClient({
        tokens: {
          getToken: () => (auth.current ? auth.current.getToken() : Promise.reject(new SignInRequired('not signed in'))),
          refreshToken: () => (auth.current ? auth.current.refreshToken() : Promise.reject(new SignInRequired('not signed in'))),
        },
        locale: () => host.locale,
        onSignedOut: () => {
          if (auth.current?.kind === 'local') {
            auth.current.signOut();
            setPhase({ kind: 'sign-in', notice: 'tab.signIn.expired' });
          }
        },
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      }),
    [fetchImpl, host.locale],
  );

  const loadMe = useCallback(async () => {
    try {
      setPhase({ kind: 'ready', me: await commonApi(api).me() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 403 && error.body.error === 'not_admitted') {
        setPhase({ kind: 'refused', message: error.body.message });
        return;
      }
      if (notAssigned(error)) {
        setPhase({ kind: 'refused', message: t('entry.notAssigned') });
        return;
      }
      if (auth.current?.kind === 'local' && (error instanceof SignInRequired || (error instanceof ApiError && error.status === 401))) {
        setPhase({ kind: 'sign-in', notice: error instanceof ApiError ? 'tab.signIn.expired' : null });
      } else {
        setPhase({ kind: 'failed', message: error instanceof ApiError && error.status === 401 ? 'tab.signIn.teamsFailed' : 'tab.error.network' });
      }
    }
  }, [api, t]);

  const start = useCallback(async () => {
    setPhase({ kind: 'starting' });
    let config: TabAuthConfig;
    try {
      config = await (firstConfig.current ?? fetchAuthConfig(fetchImpl));
    } catch {
      firstConfig.current = null;
      setPhase({ kind: 'failed', message: 'tab.error.network' });
      return;
    }
    if (config.auth.kind === 'local') {
      auth.current = localAuth;
      if (!localAuth.personId) setPhase({ kind: 'sign-in', notice: null });
      else await loadMe();
      return;
    }
    if (!host.inTeams) {
      setPhase({ kind: 'failed', message: 'tab.signIn.openInTeams' });
      return;
    }
    try {
      const { createTeamsAuth } = await import('./auth/teams-auth');
      auth.current = await createTeamsAuth(config.auth, host);
      await loadMe();
    } catch (error) {
      host.notifyFailure('sign-in failed');
      // Entra ID refuses a token to someone not assigned to the tab's enterprise app (AADSTS50105,
      // "Assignment required"): say so, and whom to ask, instead of a generic sign-in failure.
      if (notAssigned(error)) setPhase({ kind: 'refused', message: t('entry.notAssigned') });
      else setPhase({ kind: 'failed', message: 'tab.signIn.teamsFailed' });
    }
  }, [fetchImpl, host, loadMe, localAuth, t]);

  useEffect(() => {
    void start();
  }, [start]);

  if (phase.kind === 'starting') return <Spinner className={styles.center} label={t('tab.shell.loading')} />;
  if (phase.kind === 'failed') {
    return (
      <main className={styles.center} id="main">
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t(phase.message)}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void start()}>{t('tab.error.retry')}</Button>
          </MessageBarActions>
        </MessageBar>
      </main>
    );
  }
  if (phase.kind === 'refused') {
    return (
      <main className={styles.center} id="main">
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t('entry.title')}</MessageBarTitle> {phase.message}
          </MessageBarBody>
          {auth.current?.kind === 'local' && (
            <MessageBarActions>
              <Button
                onClick={() => {
                  auth.current?.signOut();
                  setPhase({ kind: 'sign-in', notice: null });
                }}
              >
                {t('tab.shell.switchPerson')}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      </main>
    );
  }
  if (phase.kind === 'sign-in') return <DemoSignIn auth={localAuth} notice={phase.notice ? t(phase.notice) : null} onSignedIn={() => void loadMe()} />;
  return (
    <SessionProvider
      value={{
        me: phase.me,
        api,
        host,
        switchPerson:
          auth.current?.kind === 'local'
            ? () => {
                auth.current?.signOut();
                setPhase({ kind: 'sign-in', notice: null });
              }
            : null,
      }}
    >
      <Shell />
    </SessionProvider>
  );
}

export function App(props: AppProps) {
  const styles = useStyles();
  const { host } = props;
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  useEffect(() => {
    host.onThemeChange(setTheme);
    // Teams wants to hear within 30 s that the tab loaded; the sign-in follows in the tab itself.
    host.notifySuccess();
  }, [host]);
  useEffect(() => {
    document.documentElement.lang = host.locale;
    document.title = host.locale === 'en' ? 'LIS for Teams' : 'LIS för Teams';
  }, [host.locale]);
  return (
    <FluentProvider theme={FLUENT_THEMES[theme]} data-theme={theme}>
      <div className={styles.provider}>
        <I18nProvider locale={host.locale}>
          <SignedInApp {...props} />
        </I18nProvider>
      </div>
    </FluentProvider>
  );
}
