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
import { BarChart, ChartCard, DataTable, StackedColumnChart, type BarDatum } from '../../components/charts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { markOnce } from '../../app/perf';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  updated: { margin: 0, color: tokens.colorNeutralForeground2 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(20rem, 100%), 1fr))', gap: tokens.spacingHorizontalL, marginTop: tokens.spacingVerticalM, alignItems: 'start' },
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
  const reporting: BarDatum[] = [
    { label: t('tab.overview.reporting.onTime'), value: data.reporting.onTime, tone: 'good' },
    { label: t('tab.overview.reporting.late'), value: data.reporting.late, tone: 'warning' },
    { label: t('tab.overview.reporting.overdue'), value: data.reporting.overdue, tone: 'bad' },
    { label: t('tab.overview.reporting.running'), value: data.reporting.running, tone: 'info' },
  ];
  const access: (BarDatum & { href: string })[] = [
    { label: t('tab.overview.access.pending'), value: data.accessRequests.pending, tone: 'warning', href: href('/access', { status: 'pending' }) },
    { label: t('tab.overview.access.approved'), value: data.accessRequests.approved, tone: 'info', href: href('/access', { status: 'approved' }) },
    { label: t('tab.overview.access.inProgress'), value: data.accessRequests.inProgress, tone: 2, href: href('/access', { status: 'in_progress' }) },
  ];
  const of = (value: number) => t('tab.chart.of', { value, total: c.total });
  const classification: (BarDatum & { href: string })[] = [
    { label: t('tab.overview.classification.classified'), value: c.classified, text: of(c.classified), tone: 'good', href: href('/assets') },
    { label: t('tab.overview.classification.reviewDue'), value: c.reviewDue, text: of(c.reviewDue), tone: 'warning', href: href('/assets') },
    { label: t('tab.overview.classification.unclassified'), value: c.unclassified, text: of(c.unclassified), tone: 'bad', href: href('/assets') },
    { label: t('tab.overview.classification.level4Short'), value: c.level4, text: of(c.level4), tone: 3, href: href('/assets') },
  ];

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
                <Link href={href(`/incidents/${inv.id}`)}>{`${inv.caseNumber} ${inv.title}`}</Link> <span className={styles.meta}>({t(`tab.incidentStatus.${inv.status}`)})</span> <Due at={inv.dueAt} overdue={inv.overdue} i18n={i18n} />
              </li>
            ))}
          </TaskCard>
          <TaskCard title={t('tab.overview.clocks')} total={mine.clocks.total} shown={mine.clocks.items.length} empty={t('tab.overview.clocksEmpty')}>
            {mine.clocks.items.map((k) => (
              <li key={`${k.incidentId}-${k.kind}`}>
                {t(`tab.clock.${k.kind}`)}: <Link href={href(`/incidents/${k.incidentId}`)}>{`${k.caseNumber} ${k.incidentTitle}`}</Link> <Due at={k.dueAt} overdue={k.overdue} i18n={i18n} />
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
                rows={data.incidentsPerMonth.counts.map((row, m) => [months[m]!.label, ...row.map((n) => i18n.number(n)), i18n.number(row.reduce((a, b) => a + b, 0))])}
              />
            }
          >
            <StackedColumnChart
              title={t('tab.overview.incidentsPerMonthSummary', { total: data.incidentsPerMonth.total })}
              valueTitle={t('tab.overview.incidentsAxis')}
              series={categories}
              columns={data.incidentsPerMonth.counts.map((values, m) => ({
                label: months[m]!.label,
                short: months[m]!.short,
                values,
                hrefs: data.incidentsPerMonth.categories.map((c) => href('/incidents', { category: c })),
              }))}
            />
          </ChartCard>

          <ChartCard
            title={t('tab.overview.reporting')}
            table={<DataTable caption={t('tab.overview.reporting')} head={[t('tab.overview.reporting.state'), t('tab.overview.count')]} rows={reporting.map((b) => [b.label, i18n.number(b.value)])} />}
          >
            <BarChart title={t('tab.overview.reporting')} valueTitle={t('tab.overview.reportsAxis')} data={reporting} />
          </ChartCard>

          <ChartCard
            title={t('tab.overview.accessRequests')}
            table={
              <DataTable
                caption={t('tab.overview.accessRequests')}
                head={[t('tab.overview.access.state'), t('tab.overview.count')]}
                rows={access.map((b) => [<Link href={b.href}>{b.label}</Link>, i18n.number(b.value)])}
              />
            }
          >
            <BarChart title={t('tab.overview.accessRequests')} valueTitle={t('tab.overview.requestsAxis')} data={access} />
          </ChartCard>

          <ChartCard
            title={t('tab.overview.recertification')}
            summary={data.recertification ? t('tab.overview.recertification.due', { name: data.recertification.campaignName, date: i18n.date(data.recertification.dueAt) }) : t('tab.overview.recertificationNone')}
          >
            {data.recertification && (
              <BarChart
                title={t('tab.overview.recertification')}
                total={Math.max(data.recertification.reviews, data.recertification.grants)}
                data={[
                  {
                    label: t('tab.overview.recertification.reviews'),
                    value: data.recertification.completedReviews,
                    text: t('tab.chart.of', { value: data.recertification.completedReviews, total: data.recertification.reviews }),
                    tone: 2,
                    href: href('/access', { tab: 'campaigns' }),
                  },
                  {
                    label: t('tab.overview.recertification.grants'),
                    value: data.recertification.kept + data.recertification.removed,
                    text: t('tab.chart.of', { value: data.recertification.kept + data.recertification.removed, total: data.recertification.grants }),
                    tone: 0,
                    href: href('/access', { tab: 'campaigns' }),
                  },
                ]}
              />
            )}
          </ChartCard>

          <ChartCard
            title={t('tab.overview.classification')}
            summary={t('tab.overview.classification.coverage', { classified: current, total: c.total })}
            table={<DataTable caption={t('tab.overview.classification')} head={[t('tab.overview.classification.state'), t('tab.overview.count')]} rows={classification.map((b) => [<Link href={b.href}>{b.label}</Link>, b.text ?? ''])} />}
          >
            <BarChart title={t('tab.overview.classification')} valueTitle={t('tab.overview.assetsAxis')} total={c.total} data={classification} />
          </ChartCard>

          <ChartCard
            className={styles.wide}
            title={t('tab.overview.training')}
            summary={t('tab.overview.training.summary', { percent: pct(data.training.completed, data.training.required), completed: data.training.completed, required: data.training.required })}
            table={
              <DataTable
                caption={t('tab.overview.training')}
                head={[t('tab.overview.training.unit'), t('tab.overview.training.completed'), t('tab.overview.training.required'), t('tab.overview.training.percent')]}
                rows={data.training.units.map((u) => [<Link href={href('/training', { unit: u.unit })}>{u.unit}</Link>, i18n.number(u.completed), i18n.number(u.required), t('tab.chart.percent', { value: pct(u.completed, u.required) })])}
              />
            }
          >
            <BarChart
              title={t('tab.overview.training')}
              valueTitle={t('tab.overview.percentAxis')}
              total={100}
              data={data.training.units.map((u) => {
                const share = pct(u.completed, u.required);
                return { label: u.unit, value: share, text: t('tab.chart.percent', { value: share }), tone: share >= 90 ? 'good' : share >= 60 ? 'warning' : 'bad', href: href('/training', { unit: u.unit }) };
              })}
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
