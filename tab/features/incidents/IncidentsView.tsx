/**
 * Incidenter: the register of the incidents the signed-in person may see (the server decides).
 * Filter by status and type (indexed columns), sort by time reported, page with the server's
 * cursor. Filters live in the address (`#/incidents?status=investigating`).
 */
import { Badge, Button, Field, Link, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo } from 'react';
import type { IncidentCategory, IncidentStatus } from '../../../core/domain';
import type { IncidentRow } from '../../../core/api';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES } from '../../../core/domain/choices';
import { useI18n } from '../../app/i18n';
import { href, navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PagedTable, useCursorPaging, type Column } from '../../components/PagedTable';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { incidentsApi } from './api';
import { statusColor } from './status';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  head: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(10rem, 1fr))', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, alignItems: 'start', maxWidth: '40rem' },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  title: { fontWeight: tokens.fontWeightSemibold },
  badges: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'start', paddingTop: '1px', paddingBottom: '1px' },
});

export default function IncidentsView({ query }: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);

  const statusParam = query.get('status');
  const status = statusParam && (INCIDENT_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as IncidentStatus) : undefined;
  const categoryParam = query.get('category');
  const category = categoryParam && (INCIDENT_CATEGORIES as readonly string[]).includes(categoryParam) ? (categoryParam as IncidentCategory) : undefined;
  const direction = query.get('dir') === 'asc' ? 'asc' : 'desc';
  const pageSize = [10, 25, 50, 100].includes(Number(query.get('size'))) ? Number(query.get('size')) : 25;
  // A period, from the management review's links (#/incidents?from=…&to=…).
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const from = day(query.get('from'));
  const to = day(query.get('to'));

  const setQuery = (changes: Record<string, string | undefined>) =>
    navigate('/incidents', { status, category, from, to, dir: direction === 'desc' ? undefined : 'asc', size: pageSize === 25 ? undefined : String(pageSize), ...changes }, { replace: true });

  const paging = useCursorPaging();
  const { reset } = paging;
  useEffect(() => reset(), [status, category, from, to, direction, pageSize, reset]);

  const page = useAsync(() => incidents.list({ status, category, from, to, direction, pageSize, cursor: paging.cursor }), [incidents, status, category, from, to, direction, pageSize, paging.cursor]);

  const columns: Column<IncidentRow>[] = [
    { key: 'case', header: t('tab.incidents.col.case'), width: '9.5rem', hideInList: true, cell: (r) => <Link href={href(`/incidents/${r.id}`)}>{r.caseNumber}</Link> },
    {
      key: 'title',
      header: t('tab.incidents.col.title'),
      hideInList: true,
      cell: (r) => (
        <span className={styles.badges}>
          <span className={styles.title}>{r.title}</span>
          {r.personalData && (
            <Badge className={styles.badge} appearance="outline" color="informative">
              {t('tab.incidents.personalData')}
            </Badge>
          )}
        </span>
      ),
    },
    { key: 'category', header: t('tab.incidents.col.category'), width: '12rem', cell: (r) => t(`incident.category.${r.category}`) },
    {
      key: 'status',
      header: t('tab.incidents.col.status'),
      width: '10rem',
      cell: (r) => (
        <Badge className={styles.badge} appearance="tint" color={statusColor[r.status]}>
          {t(`incident.status.${r.status}`)}
        </Badge>
      ),
    },
    { key: 'severity', header: t('tab.incidents.col.severity'), width: '8rem', cell: (r) => (r.severity ? t(`incident.severity.${r.severity}`) : t('tab.incident.notAssessed')) },
    { key: 'reported', header: t('tab.incidents.col.reported'), sortField: 'reportedAt', width: '10rem', cell: (r) => i18n.dateTime(r.reportedAt) },
    { key: 'unit', header: t('tab.incidents.col.unit'), width: '5rem', cell: (r) => r.unit ?? '–' },
    {
      key: 'due',
      header: t('tab.incidents.col.nextDue'),
      width: '13rem',
      cell: (r) =>
        r.nextDue ? (
          <span className={styles.badges}>
            <span>
              {t(`incident.clock.${r.nextDue.kind}`)}: {i18n.dateTime(r.nextDue.dueAt)}
            </span>
            {r.nextDue.provisional && (
              <Badge className={styles.badge} appearance="outline" color="warning">
                {t('tab.incidents.provisional')}
              </Badge>
            )}
            {r.nextDue.overdue && (
              <Badge className={styles.badge} appearance="filled" color="danger">
                {t('tab.incidents.overdue')}
              </Badge>
            )}
            {r.status === 'closed' && r.openObligations > 0 && (
              <Badge className={styles.badge} appearance="tint" color="severe">
                {t('tab.incidents.openObligations', { n: r.openObligations })}
              </Badge>
            )}
          </span>
        ) : (
          '–'
        ),
    },
  ];

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <div>
          <ViewHeading>{t('tab.incidents.title')}</ViewHeading>
          <p className={styles.intro}>{t('tab.incidents.intro')}</p>
        </div>
        <Button appearance="primary" as="a" href={href('/incidents/new')}>
          {t('tab.incidents.report')}
        </Button>
      </div>
      <div role="search" aria-label={t('tab.incidents.filters')} className={styles.filters}>
        <Field label={t('tab.incidents.status')}>
          <Select value={status ?? ''} onChange={(_, d) => setQuery({ status: d.value || undefined })}>
            <option value="">{t('tab.incidents.allStatuses')}</option>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`incident.status.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.incidents.category')}>
          <Select value={category ?? ''} onChange={(_, d) => setQuery({ category: d.value || undefined })}>
            <option value="">{t('tab.incidents.allCategories')}</option>
            {INCIDENT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`incident.category.${c}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {(from || to) && (
        <p className={styles.note}>
          {t('tab.incidents.period', { from: from ? i18n.date(from) : '…', to: to ? i18n.date(to) : '…' })}{' '}
          <Link href={href('/incidents', { status, category })}>{t('tab.incidents.clearPeriod')}</Link>
        </p>
      )}
      {page.data && <p className={styles.note}>{t(page.data.scope === 'all' ? 'tab.incidents.scopeAll' : 'tab.incidents.scopeEntitled')}</p>}
      {page.error !== undefined && <ErrorMessage error={page.error} onRetry={page.reload} />}
      <PagedTable
        label={t('tab.incidents.caption')}
        columns={columns}
        rows={page.data?.items}
        rowKey={(r) => r.id}
        loading={page.loading}
        sort={{ field: 'reportedAt', direction }}
        onSortChange={(s) => setQuery({ dir: s.direction === 'desc' ? undefined : 'asc' })}
        listTitle={(r) => (
          <span className={styles.badges}>
            <Link href={href(`/incidents/${r.id}`)}>{r.title ? `${r.caseNumber} ${r.title}` : r.caseNumber}</Link>
            {r.personalData && (
              <Badge className={styles.badge} appearance="outline" color="informative">
                {t('tab.incidents.personalData')}
              </Badge>
            )}
          </span>
        )}
        minTableWidth={960}
        paging={paging}
        nextCursor={page.data?.cursor}
        pageSize={pageSize}
        onPageSize={(n) => setQuery({ size: n === 25 ? undefined : String(n) })}
      />
    </div>
  );
}
