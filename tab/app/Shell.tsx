/**
 * The frame around every view: a skip link; a header of one line (the menu button on narrow
 * screens, the app's name outside Teams, who is signed in); the main menu — Fluent's NavDrawer,
 * a column beside the view on wide screens and a drawer on phones; and the view of the current
 * route (lazily loaded). Landmarks: banner, navigation, main.
 */
import {
  Avatar,
  Button,
  Link,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Spinner,
  mergeClasses,
} from '@fluentui/react-components';
import { Hamburger, NavDrawer, NavDrawerBody, NavDrawerHeader, NavItem } from '@fluentui/react-nav';
import { Suspense } from 'react';
import { ViewHeading } from '../components/ViewHeading';
import { useI18n } from './i18n';
import { href } from './router';
import { DEFAULT_PATH, NAV } from './navigation';
import { useSession } from './session';
import { useShell } from './useShell';
import { useShellStaticStyles, useShellStyles } from './useShellStyles.styles';

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

function WhoIsSignedIn({ compact }: { compact: boolean }) {
  const styles = useShellStyles();
  const { t } = useI18n();
  const { me, switchPerson } = useSession();
  const roles = me.roles.length ? me.roles.map((r) => t(`tab.role.${r}`)).join(', ') : t('tab.signIn.noRoles');
  return (
    <Popover positioning="below-end" withArrow>
      <PopoverTrigger disableButtonEnhancement>
        <Button appearance="subtle" className={styles.who} icon={<Avatar name={me.name} size={24} aria-hidden="true" />}>
          {/* The name is the visible text; "Inloggad som" is read, not shown. */}
          {compact ? <span className={styles.hidden}>{t('tab.shell.signedInAs', { name: me.name })}</span> : (
            <span className={styles.whoName}>
              <span className={styles.hidden}>{t('tab.shell.signedInAsPrefix')}</span>
              {me.name}
            </span>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverSurface aria-label={t('tab.shell.signedInAs', { name: me.name })}>
        <div className={styles.card}>
          <p className={styles.cardName}>{t('tab.shell.signedInAs', { name: me.name })}</p>
          {me.unit && <p className={styles.cardMeta}>{t('tab.shell.unit', { unit: me.unit })}</p>}
          <p className={styles.cardMeta}>{roles}</p>
          {switchPerson && (
            <Button onClick={switchPerson}>{t('tab.shell.switchPerson')}</Button>
          )}
        </div>
      </PopoverSurface>
    </Popover>
  );
}

export function Shell() {
  useShellStaticStyles();
  const styles = useShellStyles();
  const { t } = useI18n();
  const { host, me } = useSession();
  const { location, narrow, drawerOpen, setDrawerOpen, main, route } = useShell();
  const View = route?.view;

  const menu = (
    <NavDrawer
      aria-label={t('tab.shell.mainNav')}
      className={mergeClasses(styles.nav, !narrow && styles.navInline)}
      type={narrow ? 'overlay' : 'inline'}
      open={narrow ? drawerOpen : true}
      onOpenChange={(_, d) => setDrawerOpen(d.open)}
      selectedValue={route?.section ?? ''}
      onNavItemSelect={() => setDrawerOpen(false)}
      size="small"
    >
      {narrow && (
        <NavDrawerHeader>
          <Hamburger aria-label={t('tab.shell.closeMenu')} aria-expanded onClick={() => setDrawerOpen(false)} />
        </NavDrawerHeader>
      )}
      <NavDrawerBody>
        {NAV.filter((n) => !n.roles || n.roles.some((r) => (me.roles as readonly string[]).includes(r))).map((n) => (
          <NavItem key={n.section} value={n.section} href={href(n.path)}>
            {t(n.label)}
          </NavItem>
        ))}
      </NavDrawerBody>
    </NavDrawer>
  );

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
        {narrow && <Hamburger aria-label={t('tab.shell.openMenu')} aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)} />}
        {(!host.inTeams || narrow) && <span className={styles.brand}>{t(host.inTeams ? 'app.short' : 'app.name')}</span>}
        <span className={styles.spacer} />
        <WhoIsSignedIn compact={narrow} />
      </header>
      <div className={styles.body}>
        {menu}
        <main id="main" ref={main} tabIndex={-1} className={styles.main}>
          <div className={styles.content}>
            <Suspense fallback={<Spinner label={t('tab.shell.loading')} />}>
              {View ? <View key={location.path} params={route.params} query={location.query} /> : location.path !== '/' && <NotFound />}
            </Suspense>
          </div>
        </main>
      </div>
    </div>
  );
}
