/**
 * The channel tab's configuration page (manifest `configurableTabs.configurationUrl` → `#/configure`).
 * Whoever adds LIS to a channel chooses which register the tab shows; on Save, Teams stores the
 * content URL through `pages.config.setConfig`. Outside Teams the page only explains itself.
 */
import { Field, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { NAV, type ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ViewHeading } from '../../components/ViewHeading';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '40rem' },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export default function ConfigureView(_props: ViewProps) {
  const { t } = useI18n();
  const { host } = useSession();
  const styles = useStyles();
  const [path, setPath] = useState(NAV[0]!.path);
  const teams = host.teams;

  useEffect(() => {
    if (!teams) return;
    const entry = NAV.find((n) => n.path === path) ?? NAV[0]!;
    const url = `${window.location.origin}/#${entry.path}`;
    teams.pages.config.registerOnSaveHandler((save) => {
      teams.pages.config
        .setConfig({ entityId: `lis-${entry.section}`, contentUrl: url, websiteUrl: url, suggestedDisplayName: `LIS – ${t(entry.label)}` })
        .then(() => save.notifySuccess())
        .catch((error: unknown) => save.notifyFailure(error instanceof Error ? error.message : String(error)));
    });
    void teams.pages.config.setValidityState(true);
  }, [teams, path, t]);

  return (
    <div className={styles.root}>
      <ViewHeading>{t('tab.configure.title')}</ViewHeading>
      <p className={styles.intro}>{t('tab.configure.intro')}</p>
      <Field label={t('tab.configure.view')}>
        <Select value={path} onChange={(_e, d) => setPath(d.value)}>
          {NAV.map((n) => (
            <option key={n.path} value={n.path}>
              {t(n.label)}
            </option>
          ))}
        </Select>
      </Field>
      {!teams && (
        <MessageBar intent="info">
          <MessageBarBody>{t('tab.configure.outside')}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
