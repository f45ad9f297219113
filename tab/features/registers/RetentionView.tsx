/**
 * Gallring (ISAM): per register, the archived records whose retention has ended, oldest first
 * (`GET /retention/due`). Nothing is removed by listing: each record's page offers the removal.
 */
import { Field, Link, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { RetentionDueItem, RetentionDuePage } from '../../../core/api';
import { REGISTER_PATHS } from '../../../core/api/choices';
import { useI18n } from '../../app/i18n';
import type { ViewProps } from '../../app/navigation';
import { href, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PagedTable, useCursorPaging, type Column } from '../../components/PagedTable';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  filter: { maxWidth: '20rem' },
});

/** Where a register's record is opened in the tab. */
const recordPath = (register: string, id: string) => `/${register}/${id}`;

export default function RetentionView({ query }: ViewProps) {
  const styles = useStyles();
  const { t, date, dateTime } = useI18n();
  const { api, me } = useSession();
  // The list is ISAM's (docs/security.md 4a); others are told so without a request the server would refuse.
  const mayRead = me.roles.includes('isam');
  const register = (REGISTER_PATHS as readonly string[]).includes(query.get('register') ?? '') ? query.get('register')! : 'risks';
  const paging = useCursorPaging();
  const page = useAsync(() => (mayRead ? api.get<RetentionDuePage>('/retention/due', { register, cursor: paging.cursor }) : Promise.resolve(null)), [api, register, paging.cursor, mayRead]);
  const columns: Column<RetentionDueItem>[] = useMemo(
    () => [
      { key: 'label', header: t('tab.retention.record'), cell: (r) => <Link href={href(recordPath(r.register, r.id))}>{r.label}</Link> },
      { key: 'archivedAt', header: t('tab.retention.archivedAt'), cell: (r) => dateTime(r.archivedAt) },
      { key: 'removableFrom', header: t('tab.retention.removableFrom'), cell: (r) => date(r.removableFrom) },
    ],
    [t, date, dateTime],
  );
  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{t('tab.retention.title')}</ViewHeading>
        <p className={styles.intro}>{t('tab.retention.intro')}</p>
      </div>
      {!mayRead && <p className={styles.intro}>{t('tab.retention.isamOnly')}</p>}
      {mayRead && (
      <Field className={styles.filter} label={t('tab.retention.register')}>
        <Select
          value={register}
          onChange={(_, d) => {
            paging.reset();
            navigate('/retention', { register: d.value }, { replace: true });
          }}
        >
          {REGISTER_PATHS.map((r) => (
            <option key={r} value={r}>
              {t(`tab.retention.reg.${r}`)}
            </option>
          ))}
        </Select>
      </Field>
      )}
      {page.data && <p className={styles.intro}>{page.data.years === null ? t('tab.retention.forGood') : t('tab.retention.years', { years: page.data.years })}</p>}
      {page.error !== undefined && <ErrorMessage error={page.error} onRetry={page.reload} />}
      {mayRead && <PagedTable label={t('tab.retention.caption')} columns={columns} rows={page.data?.items} rowKey={(r) => `${r.register}/${r.id}`} loading={page.loading} paging={paging} nextCursor={page.data?.cursor} emptyText={t('tab.retention.empty')} />}
    </div>
  );
}
