/**
 * The frame around every view: a skip link, the header with who is signed in, the main menu, and
 * the view of the current route (lazily loaded). Landmarks: banner, navigation, main.
 */
import { Button, Link, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Suspense, useEffect, useRef } from 'react';
import { ViewHeading } from '../components/ViewHeading';
import { useI18n } from './i18n';
import { markOnce } from './perf';
import { href, matchPath, navigate, useRouteLocation } from './router';
import { DEFAULT_PATH, NAV } from './navigation';
import { ROUTES, preloadViews } from './routes';
import { useSession } from './session';

const useStyles = makeStyles({
  app: { minHeight: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalM,
    top: '-10rem',
    zIndex: 10,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus': { top: tokens.spacingVerticalS },
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  user: { marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  roles: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  nav: { backgroundColor: tokens.colorNeutralBackground1, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: `0 ${tokens.spacingHorizontalL}` },
  navList: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  navLink: {
    display: 'block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    borderBottom: `3px solid transparent`,
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  navCurrent: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold, borderBottomColor: tokens.colorCompoundBrandStroke },
  main: { flex: 1, padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`, width: '100%', maxWidth: '90rem', boxSizing: 'border-box', margin: '0 auto', ':focus': { outline: 'none' } },
});

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <ViewHeading>{t('tab.notFound.title')}</ViewHeading>
      <p>
        <Link href={href(DEFAULT_PATH)}>{t('tab.notFound.back')}</Link>
      </p>
    </>
  );
}

export function Shell() {
  const styles = useStyles();
  const { t } = useI18n();
  const { me, switchPerson, host } = useSession();
  const location = useRouteLocation();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    if (location.path === '/') navigate(DEFAULT_PATH, {}, { replace: true });
  }, [location.path]);
  useEffect(() => {
    markOnce('lis:first-render');
    // The other views' code, once the first one is on screen.
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    idle(preloadViews);
  }, []);

  const route = ROUTES.map((r) => ({ r, params: matchPath(r.pattern, location.path) })).find((m) => m.params !== null);
  const View = route?.r.view;

  return (
    <div className={styles.app}>
      <a
        href="#main"
        className={styles.skip}
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        {t('tab.shell.skipToContent')}
      </a>
      <header className={styles.header}>
        {!host.inTeams && <span className={styles.brand}>{t('app.name')}</span>}
        <div className={styles.user}>
          <span>
            {t('tab.shell.signedInAs', { name: me.name })}
            {me.unit ? `, ${me.unit}` : ''}
          </span>
          <span className={styles.roles}>{me.roles.length ? me.roles.map((r) => t(`tab.role.${r}`)).join(', ') : t('tab.signIn.noRoles')}</span>
          {switchPerson && (
            <Button size="small" onClick={switchPerson}>
              {t('tab.shell.switchPerson')}
            </Button>
          )}
        </div>
      </header>
      <nav className={styles.nav} aria-label={t('tab.shell.mainNav')}>
        <ul className={styles.navList}>
          {NAV.map((n) => {
            const current = route?.r.section === n.section;
            return (
              <li key={n.section}>
                <a href={href(n.path)} className={mergeClasses(styles.navLink, current && styles.navCurrent)} aria-current={current ? 'page' : undefined}>
                  {t(n.label)}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1} className={styles.main}>
        <Suspense fallback={<Spinner label={t('tab.shell.loading')} />}>
          {View ? <View key={location.path} params={route.params!} query={location.query} /> : location.path !== '/' && <NotFound />}
        </Suspense>
      </main>
    </div>
  );
}
