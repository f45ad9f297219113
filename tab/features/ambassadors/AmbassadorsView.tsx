/**
 * Ambassadörsnätverket: the year's meetings (årshjul) in order, each with its state and how many
 * attended from how many units, and attendance per unit across the year's held meetings.
 */
import { Badge, Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { ApiClient } from '../../api/client';
import type { AmbassadorYear } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PagedTable } from '../../components/PagedTable';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';

export const ambassadorsApi = (api: ApiClient) => ({ year: (year?: number) => api.get<AmbassadorYear>('/ambassadors', { year }) });

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  years: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  section: { backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  wheel: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(16rem, 100%), 1fr))', gap: tokens.spacingHorizontalM },
  meeting: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  when: { color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', alignSelf: 'flex-start' },
  help: { margin: 0, color: tokens.colorNeutralForeground2 },
});

const stateColor = { upcoming: 'informative', held: 'success', cancelled: 'subtle' } as const;

export default function AmbassadorsView({ query }: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const ambassadors = useMemo(() => ambassadorsApi(api), [api]);
  const yearParam = Number(query.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : undefined;
  const data = useAsync(() => ambassadors.year(year), [ambassadors, year]);
  const d = data.data;
  // Held meetings whose attendance was recorded (a held meeting with nobody recorded was not registered).
  const recorded = d ? d.meetings.filter((m) => m.state === 'held' && m.attendees > 0).length : 0;
  const go = (y: number) => navigate('/ambassadors', { year: String(y) }, { replace: true });
  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{t('tab.ambassadors.title')}</ViewHeading>
        <p className={styles.intro}>{t('tab.ambassadors.intro')}</p>
      </div>
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {d && (
        <>
          <div className={styles.years}>
            <Button onClick={() => go(d.year - 1)}>{t('tab.ambassadors.previous')}</Button>
            <span aria-live="polite">
              {t('tab.ambassadors.year')} {d.year}
            </span>
            <Button onClick={() => go(d.year + 1)}>{t('tab.ambassadors.next')}</Button>
          </div>
          <section className={styles.section} aria-labelledby="meetings">
            <h2 id="meetings" className={styles.h2}>
              {t('tab.ambassadors.meetings', { year: d.year })}
            </h2>
            {d.meetings.length === 0 ? (
              <p className={styles.help}>{t('tab.ambassadors.none')}</p>
            ) : (
              <ol className={styles.wheel}>
                {d.meetings.map((m) => (
                  <li key={m.id} className={styles.meeting}>
                    <time className={styles.when} dateTime={m.startsAt}>
                      {i18n.dateTime(m.startsAt)}
                    </time>
                    <h3 className={styles.title}>{m.title}</h3>
                    {m.theme !== m.title && <span>{m.theme}</span>}
                    <Badge className={styles.badge} appearance="tint" color={stateColor[m.state]}>
                      {t(`tab.ambassadors.state.${m.state}`)}
                    </Badge>
                    {m.state === 'held' && <span className={styles.help}>{m.attendees > 0 ? t('tab.ambassadors.attendees', { n: m.attendees, units: m.units.length }) : t('tab.ambassadors.notRecorded')}</span>}
                    {m.materialUrl && (
                      <Link href={m.materialUrl} target="_blank" rel="noreferrer">
                        {t('tab.ambassadors.material')}
                      </Link>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className={styles.section} aria-labelledby="attendance">
            <h2 id="attendance" className={styles.h2}>
              {t('tab.ambassadors.units')}
            </h2>
            <PagedTable
              label={t('tab.ambassadors.unitsCaption', { year: d.year })}
              rows={d.units}
              rowKey={(u) => u.unit}
              columns={[
                { key: 'unit', header: t('tab.ambassadors.col.unit'), cell: (u) => u.unit },
                { key: 'ambassadors', header: t('tab.ambassadors.col.ambassadors'), cell: (u) => u.ambassadors || t('tab.ambassadors.noAmbassador') },
                {
                  key: 'attended',
                  header: t('tab.ambassadors.col.attended'),
                  // Counted over the held meetings whose attendance was recorded: "0 of 5" would blame units for a missing record.
                  cell: (u) =>
                    recorded === 0 ? (
                      <span className={styles.help}>{t('tab.ambassadors.noneRecorded')}</span>
                    ) : (
                      <Badge className={styles.badge} appearance="tint" color={u.attended >= recorded ? 'success' : u.attended === 0 ? 'danger' : 'warning'}>
                        {t('tab.ambassadors.attendedOf', { n: Math.min(u.attended, recorded), held: recorded })}
                      </Badge>
                    ),
                },
              ]}
            />
          </section>
        </>
      )}
    </div>
  );
}
