/**
 * Local mode's sign-in: choose a person of the demo organisation (name, unit and roles shown). The
 * server issues a short-lived token for that person; what the tab then shows follows their roles.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { DemoPeople, DemoPerson, DemoRefusedAccount } from '../../../core/api';
import { useI18n } from '../i18n';
import { markOnce } from '../perf';
import type { LocalAuth } from './local-auth';

const useStyles = makeStyles({
  root: { maxWidth: '56rem', margin: '0 auto', padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXL}`, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  h1: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  app: { margin: 0, color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))', gap: tokens.spacingHorizontalM },
  person: {
    width: '100%',
    height: '100%',
    justifyContent: 'flex-start',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
  },
  name: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  meta: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase200 },
  refused: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalL },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
});

export function DemoSignIn({ auth, onSignedIn, notice }: { auth: LocalAuth; onSignedIn: () => void; notice?: string | null }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [directory, setDirectory] = useState<DemoPeople | null>(null);
  const people = directory?.people ?? null;
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    auth.people().then(setDirectory, () => setError(t('tab.error.network')));
  }, [auth, t]);
  useEffect(() => {
    if (people) markOnce('lis:first-render');
  }, [people]);

  const describe = (p: DemoPerson) => [p.unit, p.roles.length ? p.roles.map((r) => t(`tab.role.${r}`)).join(', ') : t('tab.signIn.noRoles')].filter(Boolean).join(' · ');

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    // People with a LIS role first: they are the ones a demo usually starts with.
    const sorted = [...(people ?? [])].sort((a, b) => Number(b.roles.length > 0) - Number(a.roles.length > 0) || a.name.localeCompare(b.name, 'sv'));
    return q ? sorted.filter((p) => `${p.name} ${describe(p)}`.toLowerCase().includes(q)) : sorted;
  }, [people, filter]);

  const refused = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const list = directory?.refused ?? [];
    return q ? list.filter((p) => `${p.name} ${p.unit ?? ''}`.toLowerCase().includes(q)) : list;
  }, [directory, filter]);

  const choose = async (p: DemoPerson | DemoRefusedAccount) => {
    setBusy(p.id);
    setError(null);
    try {
      await auth.signIn(p.id);
      onSignedIn();
    } catch {
      setError(t('tab.signIn.failed'));
      setBusy(null);
    }
  };

  return (
    <main className={styles.root} id="main">
      <p className={styles.app}>{t('app.name')}</p>
      <h1 className={styles.h1}>{t('tab.signIn.title')}</h1>
      <p className={styles.intro}>{t('tab.signIn.intro')}</p>
      {notice && (
        <MessageBar intent="warning">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={t('tab.signIn.filter')}>
        <Input type="search" value={filter} onChange={(_, d) => setFilter(d.value)} />
      </Field>
      {!people && !error && <Spinner label={t('tab.shell.loading')} />}
      {people && (
        <ul className={styles.list} aria-label={t('tab.signIn.people')}>
          {shown.map((p) => (
            <li key={p.id}>
              <Button className={styles.person} disabled={busy !== null} onClick={() => void choose(p)} aria-label={`${t('tab.signIn.as', { name: p.name })}, ${describe(p)}`}>
                <span className={styles.name}>{p.name}</span>
                <span className={styles.meta}>{describe(p)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {people && shown.length === 0 && refused.length === 0 && <p className={styles.intro}>{t('tab.signIn.none')}</p>}
      {refused.length > 0 && (
        <section aria-labelledby="demo-refused" className={styles.refused}>
          <h2 id="demo-refused" className={styles.h2}>
            {t('tab.signIn.refused')}
          </h2>
          <p className={styles.intro}>{t('tab.signIn.refusedIntro')}</p>
          <ul className={styles.list} aria-label={t('tab.signIn.refused')}>
            {refused.map((p) => (
              <li key={p.id}>
                <Button className={styles.person} disabled={busy !== null} onClick={() => void choose(p)} aria-label={`${t('tab.signIn.as', { name: p.name })}, ${t(`tab.signIn.reason.${p.reason}`)}`}>
                  <span className={styles.name}>{p.name}</span>
                  <span className={styles.meta}>{[p.unit, t(`tab.signIn.reason.${p.reason}`)].filter(Boolean).join(' · ')}</span>
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
