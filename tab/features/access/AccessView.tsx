/**
 * Behörigheter, read-only: requests, the access register and the recertification campaigns with
 * their reviews — what the signed-in person may see (the server decides). Decisions are made on
 * the cards in Teams; this view shows where things stand. The part shown lives in the address
 * (`#/access?tab=grants`).
 */
import { Badge, Field, Select, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo } from 'react';
import type { DeciderCapacity } from '../../../core/domain';
import { stockholmDate } from '../../../core/domain/time';
import type { ApiClient } from '../../api/client';
import type { AccessCampaignRow, AccessGrantPage, AccessGrantRow, AccessRequestPage, AccessRequestRow } from '../../../core/api';
import { ACCESS_GRANT_STATUSES, ACCESS_REQUEST_STATUSES } from '../../../core/domain/choices';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PagedTable, useCursorPaging, type Column } from '../../components/PagedTable';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { StartCampaign } from './StartCampaign';

export const accessApi = (api: ApiClient) => ({
  requests: (status?: string, cursor?: string) => api.get<AccessRequestPage>('/access/requests', { status, cursor }),
  grants: (status?: string, cursor?: string) => api.get<AccessGrantPage>('/access/grants', { status, cursor }),
  campaigns: async () => (await api.get<{ campaigns: AccessCampaignRow[] }>('/access/campaigns')).campaigns,
});

/** " (informationsägarens chef)" after a decider's name, unless they decided as the owner. */
const capacityLabel = (t: ReturnType<typeof useI18n>['t']) => (as: DeciderCapacity | null | undefined) => (as && as !== 'owner' ? ` (${t(`access.as.${as}`)})` : '');

const TABS = ['requests', 'grants', 'campaigns'] as const;
type TabKey = (typeof TABS)[number];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  filter: { maxWidth: '20rem' },
  // Three tabs do not fit beside each other on a phone: they wrap instead of widening the page.
  tabs: { flexWrap: 'wrap' },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal' },
  section: { backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const requestColor = { pending: 'warning', approved: 'informative', denied: 'danger', in_progress: 'brand', done: 'success', cancelled: 'subtle' } as const;
const grantColor = { active: 'success', removed: 'subtle', expired: 'warning', overdue: 'danger' } as const;

/** The one status a grant shows: active, removed, expired — or active past its validity, to be removed. */
export function grantDisplayStatus(grant: Pick<AccessGrantRow, 'status' | 'validUntil'>, today: string): keyof typeof grantColor {
  return grant.status === 'active' && grant.validUntil !== null && grant.validUntil < today ? 'overdue' : grant.status;
}

export default function AccessView({ query }: ViewProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const tabParam = query.get('tab') as TabKey | null;
  const tab: TabKey = tabParam && TABS.includes(tabParam) ? tabParam : 'requests';
  const status = query.get('status') ?? '';
  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{t('tab.access.title')}</ViewHeading>
        <p className={styles.intro}>{t('tab.access.intro')}</p>
      </div>
      <TabList className={styles.tabs} aria-label={t('tab.access.sections')} selectedValue={tab} onTabSelect={(_, d) => navigate('/access', { tab: d.value === 'requests' ? undefined : String(d.value) }, { replace: true })}>
        {TABS.map((k) => (
          <Tab key={k} value={k} id={`access-tab-${k}`} aria-controls="access-panel">
            {t(`tab.access.${k}`)}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id="access-panel" aria-labelledby={`access-tab-${tab}`} className={styles.panel}>
        {tab === 'requests' && <Requests status={status} />}
        {tab === 'grants' && <Grants status={status} />}
        {tab === 'campaigns' && <Campaigns />}
      </div>
    </div>
  );
}

function StatusFilter({ value, options, label, tab }: { value: string; options: readonly string[]; label: (s: string) => string; tab: TabKey }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <Field label={t('tab.access.status')} className={styles.filter}>
      <Select value={value} onChange={(_, d) => navigate('/access', { tab: tab === 'requests' ? undefined : tab, status: d.value || undefined }, { replace: true })}>
        <option value="">{t('tab.access.allStatuses')}</option>
        {options.map((s) => (
          <option key={s} value={s}>
            {label(s)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function Requests({ status }: { status: string }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const capacity = capacityLabel(t);
  const { api } = useSession();
  const access = useMemo(() => accessApi(api), [api]);
  const paging = useCursorPaging();
  const { reset } = paging;
  const valid = (ACCESS_REQUEST_STATUSES as readonly string[]).includes(status) ? status : '';
  useEffect(() => reset(), [valid, reset]);
  const page = useAsync(() => access.requests(valid || undefined, paging.cursor), [access, valid, paging.cursor]);
  const columns: Column<AccessRequestRow>[] = [
    { key: 'requested', header: t('tab.access.col.requested'), width: '10rem', cell: (r) => i18n.dateTime(r.requestedAt) },
    { key: 'kind', header: t('tab.access.col.kind'), width: '6rem', cell: (r) => t(`tab.access.kind.${r.kind}`) },
    { key: 'subject', header: t('tab.access.col.subject'), cell: (r) => r.subject.name ?? r.subject.id },
    { key: 'asset', header: t('tab.access.col.asset'), cell: (r) => (r.asset ? `${r.asset.code} ${r.asset.name}` : '–') },
    { key: 'role', header: t('tab.access.col.role'), cell: (r) => r.role },
    {
      key: 'status',
      header: t('tab.access.col.status'),
      width: '9rem',
      cell: (r) => (
        <Badge className={styles.badge} appearance="tint" color={requestColor[r.status]}>
          {t(`tab.access.requestStatus.${r.status}`)}
        </Badge>
      ),
    },
    { key: 'decided', header: t('tab.access.col.decided'), width: '14rem', cell: (r) => (r.decidedAt ? `${i18n.date(r.decidedAt)}${r.decidedBy?.name ? `, ${r.decidedBy.name}${capacity(r.decidedAs)}` : ''}` : '–') },
  ];
  return (
    <>
      <StatusFilter value={valid} options={ACCESS_REQUEST_STATUSES} label={(s) => t(`tab.access.requestStatus.${s as AccessRequestRow['status']}`)} tab="requests" />
      {page.data && <p className={styles.note}>{t(page.data.scope === 'all' ? 'tab.access.scopeAll' : 'tab.access.scopeEntitled')}</p>}
      {page.error !== undefined && <ErrorMessage error={page.error} onRetry={page.reload} />}
      <PagedTable
        label={t('tab.access.requests')}
        columns={columns}
        rows={page.data?.items}
        rowKey={(r) => r.id}
        listTitle={(r) => `${r.subject.name ?? r.subject.id} – ${r.role}`}
        loading={page.loading}
        paging={paging}
        nextCursor={page.data?.cursor}
      />
    </>
  );
}

function Grants({ status }: { status: string }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const capacity = capacityLabel(t);
  const { api } = useSession();
  const access = useMemo(() => accessApi(api), [api]);
  const paging = useCursorPaging();
  const { reset } = paging;
  const valid = (ACCESS_GRANT_STATUSES as readonly string[]).includes(status) ? status : '';
  useEffect(() => reset(), [valid, reset]);
  const page = useAsync(() => access.grants(valid || undefined, paging.cursor), [access, valid, paging.cursor]);
  const today = stockholmDate(new Date());
  const columns: Column<AccessGrantRow>[] = [
    { key: 'asset', header: t('tab.access.col.asset'), cell: (r) => (r.asset ? `${r.asset.code} ${r.asset.name}` : '–') },
    { key: 'subject', header: t('tab.access.col.subject'), cell: (r) => r.subject.name ?? r.subject.id },
    { key: 'role', header: t('tab.access.col.role'), cell: (r) => r.role },
    {
      key: 'status',
      header: t('tab.access.col.status'),
      width: '10rem',
      // One status per grant: an active grant whose validity has passed says so, and only that.
      cell: (r) => {
        const status = grantDisplayStatus(r, today);
        return (
          <Badge className={styles.badge} appearance={status === 'overdue' ? 'filled' : 'tint'} color={grantColor[status]}>
            {t(`tab.access.grantStatus.${status}`)}
          </Badge>
        );
      },
    },
    { key: 'granted', header: t('tab.access.col.granted'), width: '9rem', cell: (r) => i18n.date(r.grantedAt) },
    { key: 'valid', header: t('tab.access.col.validUntil'), width: '9rem', cell: (r) => (r.validUntil ? i18n.date(r.validUntil) : '–') },
    // Who approved what (issue 17.3): the decision behind the grant, and in what capacity.
    { key: 'approved', header: t('tab.access.col.approvedBy'), width: '14rem', cell: (r) => (r.approval?.by ? `${r.approval.by.name ?? r.approval.by.id}${capacity(r.approval.as)}${r.approval.at ? `, ${i18n.date(r.approval.at)}` : ''}` : '–') },
    {
      key: 'review',
      header: t('tab.access.col.review'),
      width: '13rem',
      cell: (r) => (r.lastReview ? `${t(`tab.access.review.${r.lastReview.decision}`, { date: i18n.date(r.lastReview.decidedAt) })}, ${r.lastReview.decidedBy.name ?? r.lastReview.decidedBy.id}${capacity(r.lastReview.decidedAs)}` : '–'),
    },
  ];
  return (
    <>
      <StatusFilter value={valid} options={ACCESS_GRANT_STATUSES} label={(s) => t(`tab.access.grantStatus.${s as AccessGrantRow['status']}`)} tab="grants" />
      {page.data && <p className={styles.note}>{t(page.data.scope === 'all' ? 'tab.access.scopeAll' : 'tab.access.scopeEntitled')}</p>}
      {page.error !== undefined && <ErrorMessage error={page.error} onRetry={page.reload} />}
      <PagedTable
        label={t('tab.access.grants')}
        columns={columns}
        rows={page.data?.items}
        rowKey={(r) => r.id}
        listTitle={(r) => `${r.subject.name ?? r.subject.id} – ${r.role}`}
        loading={page.loading}
        paging={paging}
        nextCursor={page.data?.cursor}
      />
    </>
  );
}

function Campaigns() {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const access = useMemo(() => accessApi(api), [api]);
  const campaigns = useAsync(() => access.campaigns(), [access]);
  if (campaigns.error !== undefined) return <ErrorMessage error={campaigns.error} onRetry={campaigns.reload} />;
  if (!campaigns.data) return null;
  return (
    <>
      <StartCampaign onStarted={campaigns.reload} />
      {campaigns.data.length === 0 && <p>{t('tab.access.noCampaigns')}</p>}
      {campaigns.data.map((c) => (
        <section key={c.id} className={styles.section} aria-labelledby={`campaign-${c.id}`}>
          <h2 id={`campaign-${c.id}`} className={styles.h2}>
            {c.name}
            <Badge className={styles.badge} appearance="tint" color={c.status === 'running' ? 'warning' : 'success'}>
              {t(`tab.access.campaignStatus.${c.status}`)}
            </Badge>
          </h2>
          <p className={styles.note}>{t('tab.access.campaignDue', { period: c.period, due: i18n.date(c.dueAt) })}</p>
          {c.reviews.length > 0 && (
            <PagedTable
              label={t('tab.access.reviewsCaption', { name: c.name })}
              rows={c.reviews}
              rowKey={(r) => r.id}
              columns={[
                { key: 'asset', header: t('tab.access.col.asset'), cell: (r) => (r.asset ? `${r.asset.code} ${r.asset.name}` : '–') },
                { key: 'owner', header: t('tab.access.col.owner'), cell: (r) => r.owner.name ?? r.owner.id },
                { key: 'status', header: t('tab.access.col.status'), cell: (r) => t(`tab.access.reviewStatus.${r.status}`) },
                { key: 'progress', header: t('tab.access.col.progress'), cell: (r) => t('tab.access.reviewProgress', { kept: r.kept, removed: r.removed, total: r.total }) },
                { key: 'due', header: t('tab.access.col.due'), cell: (r) => i18n.date(r.dueAt) },
              ]}
            />
          )}
          {c.hiddenReviews > 0 && <p className={styles.note}>{t('tab.access.hiddenReviews', { n: c.hiddenReviews })}</p>}
        </section>
      ))}
    </>
  );
}
