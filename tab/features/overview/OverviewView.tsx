/**
 * Översikt: what needs the signed-in person now, and the LIS in figures. The figures come filtered
 * from the server (an incident counts only for those who may see it).
 */
import { Badge, Link, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, type ReactNode } from 'react';
import type { Dashboard } from '../../../core/api';
import { useI18n, type I18n } from '../../app/i18n';
import { href } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { BarList, ChartCard, DataTable, StackedColumns } from '../../components/Charts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { markOnce } from '../../app/perf';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  updated: { margin: 0, color: tokens.colorNeutralForeground2 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(20rem, 1fr))', gap: tokens.spacingHorizontalL, marginTop: tokens.spacingVerticalM },
  wide: { gridColumn: '1 / -1' },
  task: {
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  taskHead: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'grid', gap: tokens.spacingVerticalXS },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2 },
});

function TaskCard(props: { title: string; total: number; empty: string; children: ReactNode; shown: number }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <section className={styles.task} aria-label={props.title}>
      <div className={styles.taskHead}>
        <h3 className={styles.h3}>{props.title}</h3>
        <Badge appearance={props.total ? 'filled' : 'tint'} color={props.total ? 'brand' : 'informative'} aria-hidden="true">
          {props.total}
        </Badge>
      </div>
      {props.total === 0 ? <p className={styles.muted}>{props.empty}</p> : <ul className={styles.list}>{props.children}</ul>}
      {props.total > props.shown && <p className={styles.muted}>{t('tab.overview.more', { count: props.total - props.shown })}</p>}
    </section>
  );
}

function Due({ at, overdue, i18n }: { at: string; overdue: boolean; i18n: I18n }) {
  const styles = useStyles();
  return overdue ? (
    <span className={styles.overdue}>{i18n.t('tab.overview.overdue', { date: i18n.dateTime(at) })}</span>
  ) : (
    <span className={styles.meta}>{i18n.t('tab.overview.due', { date: i18n.dateTime(at) })}</span>
  );
}

const pct = (value: number, total: number) => (total > 0 ? Math.round((value / total) * 100) : 0);

export function OverviewContent({ data }: { data: Dashboard }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { mine } = data;
  const monthName = useMemo(() => new Intl.DateTimeFormat(i18n.locale === 'en' ? 'en-GB' : 'sv-SE', { month: 'short', year: 'numeric', timeZone: 'UTC' }), [i18n.locale]);
  const monthShort = useMemo(() => new Intl.DateTimeFormat(i18n.locale === 'en' ? 'en-GB' : 'sv-SE', { month: 'short', timeZone: 'UTC' }), [i18n.locale]);
  const months = data.incidentsPerMonth.months.map((m) => ({ label: monthName.format(new Date(`${m}-01T00:00:00Z`)), short: monthShort.format(new Date(`${m}-01T00:00:00Z`)) }));
  const categories = data.incidentsPerMonth.categories.map((c) => t(`tab.category.${c}`));
  const c = data.classification;
  const current = c.classified;

  return (
    <>
      <section aria-labelledby="overview-for-you">
        <h2 id="overview-for-you" className={styles.h2}>
          {t('tab.overview.forYou')}
        </h2>
        <div className={styles.grid}>
          <TaskCard title={t('tab.overview.approvals')} total={mine.approvals.total} shown={mine.approvals.items.length} empty={t('tab.overview.approvalsEmpty')}>
            {mine.approvals.items.map((a) => (
              <li key={a.id}>
                {t('tab.overview.approvalItem', { role: a.role, person: a.subject.name ?? t('tab.assets.unknownPerson'), asset: a.asset ? `${a.asset.code} ${a.asset.name}` : '–' })}{' '}
                <span className={styles.meta}>({t(`tab.requestKind.${a.kind}`)}, {i18n.date(a.requestedAt)})</span>
              </li>
            ))}
          </TaskCard>
          <TaskCard title={t('tab.overview.investigations')} total={mine.investigations.total} shown={mine.investigations.items.length} empty={t('tab.overview.investigationsEmpty')}>
            {mine.investigations.items.map((inv) => (
              <li key={inv.id}>
                {inv.caseNumber} {inv.title} <span className={styles.meta}>({t(`tab.incidentStatus.${inv.status}`)})</span> <Due at={inv.dueAt} overdue={inv.overdue} i18n={i18n} />
              </li>
            ))}
          </TaskCard>
          <TaskCard title={t('tab.overview.clocks')} total={mine.clocks.total} shown={mine.clocks.items.length} empty={t('tab.overview.clocksEmpty')}>
            {mine.clocks.items.map((k) => (
              <li key={`${k.incidentId}-${k.kind}`}>
                {t(`tab.clock.${k.kind}`)}: {k.caseNumber} {k.incidentTitle} <Due at={k.dueAt} overdue={k.overdue} i18n={i18n} />
              </li>
            ))}
          </TaskCard>
          <TaskCard title={t('tab.overview.assetReviews')} total={mine.assetReviews.total} shown={mine.assetReviews.items.length} empty={t('tab.overview.assetReviewsEmpty')}>
            {mine.assetReviews.items.map((a) => (
              <li key={a.id}>
                <Link href={href(`/assets/${a.id}`)}>
                  {a.code} {a.name}
                </Link>{' '}
                <span className={styles.meta}>
                  ({t(`tab.state.${a.state}`)}
                  {a.nextReviewAt ? `, ${i18n.date(a.nextReviewAt)}` : ''})
                </span>
              </li>
            ))}
          </TaskCard>
        </div>
      </section>

      <section aria-labelledby="overview-state">
        <h2 id="overview-state" className={styles.h2}>
          {t('tab.overview.state')}
        </h2>
        <div className={styles.grid}>
          <ChartCard
            className={styles.wide}
            title={t('tab.overview.incidentsPerMonth')}
            summary={t('tab.overview.incidentsPerMonthSummary', { total: data.incidentsPerMonth.total })}
            table={
              <DataTable
                caption={t('tab.overview.incidentsPerMonth')}
                head={[t('tab.overview.month'), ...categories, t('tab.overview.total')]}
                rows={data.incidentsPerMonth.counts.map((row, m) => [months[m]!.label, ...row, row.reduce((a, b) => a + b, 0)])}
              />
            }
          >
            <StackedColumns
              label={t('tab.overview.incidentsPerMonthSummary', { total: data.incidentsPerMonth.total })}
              series={categories}
              columns={data.incidentsPerMonth.counts.map((values, m) => ({ label: months[m]!.label, short: months[m]!.short, values }))}
            />
          </ChartCard>

          <ChartCard title={t('tab.overview.reporting')}>
            <BarList
              label={t('tab.overview.reporting')}
              items={[
                { label: t('tab.overview.reporting.onTime'), value: data.reporting.onTime, text: String(data.reporting.onTime), series: 6 },
                { label: t('tab.overview.reporting.late'), value: data.reporting.late, text: String(data.reporting.late), series: 5 },
                { label: t('tab.overview.reporting.overdue'), value: data.reporting.overdue, text: String(data.reporting.overdue), series: 1 },
                { label: t('tab.overview.reporting.running'), value: data.reporting.running, text: String(data.reporting.running), series: 0 },
              ]}
            />
          </ChartCard>

          <ChartCard title={t('tab.overview.accessRequests')}>
            <BarList
              label={t('tab.overview.accessRequests')}
              items={[
                { label: t('tab.overview.access.pending'), value: data.accessRequests.pending, text: String(data.accessRequests.pending), series: 4 },
                { label: t('tab.overview.access.approved'), value: data.accessRequests.approved, text: String(data.accessRequests.approved), series: 0 },
                { label: t('tab.overview.access.inProgress'), value: data.accessRequests.inProgress, text: String(data.accessRequests.inProgress), series: 2 },
              ]}
            />
          </ChartCard>

          <ChartCard
            title={t('tab.overview.recertification')}
            summary={data.recertification ? t('tab.overview.recertification.due', { name: data.recertification.campaignName, date: i18n.date(data.recertification.dueAt) }) : t('tab.overview.recertificationNone')}
          >
            {data.recertification && (
              <BarList
                label={t('tab.overview.recertification')}
                items={[
                  {
                    label: t('tab.overview.recertification.reviews'),
                    value: data.recertification.completedReviews,
                    total: data.recertification.reviews,
                    text: t('tab.chart.of', { value: data.recertification.completedReviews, total: data.recertification.reviews }),
                    series: 2,
                  },
                  {
                    label: t('tab.overview.recertification.grants'),
                    value: data.recertification.kept + data.recertification.removed,
                    total: data.recertification.grants,
                    text: t('tab.chart.of', { value: data.recertification.kept + data.recertification.removed, total: data.recertification.grants }),
                    series: 0,
                  },
                ]}
              />
            )}
          </ChartCard>

          <ChartCard title={t('tab.overview.classification')} summary={t('tab.overview.classification.coverage', { classified: current, total: c.total })}>
            <BarList
              label={t('tab.overview.classification')}
              items={[
                { label: t('tab.overview.classification.classified'), value: c.classified, total: c.total, text: t('tab.chart.of', { value: c.classified, total: c.total }), series: 6 },
                { label: t('tab.overview.classification.reviewDue'), value: c.reviewDue, total: c.total, text: t('tab.chart.of', { value: c.reviewDue, total: c.total }), series: 4 },
                { label: t('tab.overview.classification.unclassified'), value: c.unclassified, total: c.total, text: t('tab.chart.of', { value: c.unclassified, total: c.total }), series: 1 },
                { label: t('tab.overview.classification.level4'), value: c.level4, total: c.total, text: t('tab.chart.of', { value: c.level4, total: c.total }), series: 5 },
              ]}
            />
          </ChartCard>

          <ChartCard
            title={t('tab.overview.training')}
            summary={t('tab.overview.training.summary', { percent: pct(data.training.completed, data.training.required), completed: data.training.completed, required: data.training.required })}
            table={
              <DataTable
                caption={t('tab.overview.training')}
                head={[t('tab.overview.training.unit'), t('tab.overview.training.completed'), t('tab.overview.training.required'), t('tab.overview.training.percent')]}
                rows={data.training.units.map((u) => [u.unit, u.completed, u.required, t('tab.chart.percent', { value: pct(u.completed, u.required) })])}
              />
            }
          >
            <BarList
              label={t('tab.overview.training')}
              items={data.training.units.map((u) => ({
                label: u.unit,
                value: u.completed,
                total: u.required,
                text: t('tab.chart.percent', { value: pct(u.completed, u.required) }),
                series: 0,
              }))}
            />
          </ChartCard>
        </div>
      </section>
    </>
  );
}

export default function OverviewView(_props: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { api } = useSession();
  const dashboard = useAsync(() => api.get<Dashboard>('/dashboard'), [api]);
  if (dashboard.data) markOnce('lis:overview-ready');
  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{i18n.t('tab.overview.title')}</ViewHeading>
        {dashboard.data && <p className={styles.updated}>{i18n.t('tab.overview.updated', { date: i18n.dateTime(dashboard.data.generatedAt) })}</p>}
      </div>
      {dashboard.error !== undefined && <ErrorMessage error={dashboard.error} onRetry={dashboard.reload} />}
      {!dashboard.data && dashboard.loading && <Spinner label={i18n.t('tab.shell.loading')} />}
      {dashboard.data && <OverviewContent data={dashboard.data} />}
    </div>
  );
}
