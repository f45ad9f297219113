/**
 * Informationstillgångar: the inventory with its KLASSA classification. Search by the start of the
 * name or id, filter by unit or owner, sort on indexed columns, page with the server's cursor —
 * all of which keep working on a list past SharePoint's 5 000-item threshold. Filters live in the
 * address (`#/assets?unit=ADM`), so going back restores them.
 */
import { Badge, Button, Field, Input, Link, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { AssetRow, AssetSortField, PersonRef } from '../../../core/api';
import { ASSET_SORT_FIELDS } from '../../../core/api/choices';
import { useI18n } from '../../app/i18n';
import { markOnce } from '../../app/perf';
import { href, navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useCommonApi, useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PagedTable, useCursorPaging, type Column } from '../../components/PagedTable';
import { PeoplePicker } from '../../components/PeoplePicker';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { assetsApi } from './api';
import { ASPECTS, levelName } from './levels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  head: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 1fr))', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, alignItems: 'start' },
  level: { fontVariantNumeric: 'tabular-nums' },
  state: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  name: { fontWeight: tokens.fontWeightSemibold },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'start', paddingTop: '1px', paddingBottom: '1px' },
});

const stateColor = { classified: 'success', unclassified: 'warning', review_due: 'danger' } as const;

export default function AssetsView({ query }: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api, me } = useSession();
  const common = useCommonApi();
  const assets = useMemo(() => assetsApi(api), [api]);

  const search = query.get('search') ?? '';
  const unit = query.get('unit') ?? '';
  const ownerId = query.get('owner') ?? '';
  const ownerName = query.get('ownerName') ?? '';
  const sortParam = query.get('sort') as AssetSortField | null;
  const sort: AssetSortField = sortParam && ASSET_SORT_FIELDS.includes(sortParam) ? sortParam : 'code';
  const direction = query.get('dir') === 'desc' ? 'desc' : 'asc';
  const pageSize = [10, 25, 50, 100].includes(Number(query.get('size'))) ? Number(query.get('size')) : 25;

  const setQuery = (changes: Record<string, string | undefined>) => {
    const next: Record<string, string | undefined> = { search, unit, owner: ownerId, ownerName, sort: sort === 'code' ? undefined : sort, dir: direction === 'asc' ? undefined : 'desc', size: pageSize === 25 ? undefined : String(pageSize), ...changes };
    navigate('/assets', next, { replace: true });
  };

  // The search box updates the address after a pause in typing.
  const [searchText, setSearchText] = useState(search);
  useEffect(() => setSearchText(search), [search]);
  useEffect(() => {
    if (searchText === search) return;
    const timer = setTimeout(() => setQuery({ search: searchText.trim() || undefined }), 300);
    return () => clearTimeout(timer);
  }, [searchText]);

  const paging = useCursorPaging();
  const { reset } = paging;
  useEffect(() => reset(), [search, unit, ownerId, sort, direction, pageSize, reset]);

  const units = useAsync(() => common.units(), [common]);
  const page = useAsync(
    () => assets.list({ search: search || undefined, unit: unit || undefined, ownerId: ownerId || undefined, sort, direction, pageSize, cursor: paging.cursor }),
    [assets, search, unit, ownerId, sort, direction, pageSize, paging.cursor],
  );
  if (page.data) markOnce('lis:assets-ready');

  const owner: PersonRef | null = ownerId ? { id: ownerId, name: ownerName || null } : null;

  const levelCell = (level: number | null) =>
    level === null ? (
      <span aria-label={t('tab.level.notAssessed')}>–</span>
    ) : (
      <span className={styles.level} title={t(levelName(level))}>
        {level}
      </span>
    );

  const columns: Column<AssetRow>[] = [
    { key: 'code', header: t('tab.assets.col.code'), sortField: 'code', cell: (r) => r.code, width: '5.5rem', hideInList: true },
    {
      key: 'name',
      header: t('tab.assets.col.name'),
      sortField: 'name',
      hideInList: true,
      cell: (r) => (
        <Link href={href(`/assets/${r.id}`)} className={styles.name}>
          {r.name}
        </Link>
      ),
    },
    { key: 'owner', header: t('tab.assets.col.owner'), cell: (r) => r.owner.name ?? t('tab.assets.unknownPerson'), width: '10rem' },
    { key: 'unit', header: t('tab.assets.col.unit'), sortField: 'unit', cell: (r) => r.unit, width: '5rem' },
    ...ASPECTS.map(
      (a): Column<AssetRow> => ({
        key: a,
        header: <abbr title={t(`field.${a}`)}>{t(`tab.aspect.short.${a}`)}</abbr>,
        cell: (r) => levelCell(r.levels[a]),
        align: 'center',
        width: '2.25rem',
        hideInList: true,
      }),
    ),
    {
      key: 'levels',
      header: t('tab.assets.col.levels'),
      hideInTable: true,
      cell: (r) => ASPECTS.map((a) => `${t(`tab.aspect.short.${a}`)}${r.levels[a] ?? '–'}`).join(' '),
    },
    { key: 'max', header: t('tab.assets.col.max'), cell: (r) => (r.summary.maxLevel === null ? '–' : `${r.summary.maxLevel} – ${t(levelName(r.summary.maxLevel))}`), width: '9rem' },
    { key: 'priority', header: t('tab.assets.col.priority'), sortField: 'priority', cell: (r) => r.priority ?? '–', align: 'center', width: '5.25rem' },
    { key: 'nextReview', header: t('tab.assets.col.nextReview'), sortField: 'nextReviewAt', cell: (r) => (r.nextReviewAt ? i18n.date(r.nextReviewAt) : '–'), width: '8rem' },
    {
      key: 'state',
      header: t('tab.assets.col.state'),
      width: '11rem',
      cell: (r) => (
        <span className={styles.state}>
          <Badge className={styles.badge} appearance="tint" color={stateColor[r.summary.state]}>
            {t(`tab.state.${r.summary.state}`)}
          </Badge>
          {r.summary.securityProtectionFlag && (
            <Badge className={styles.badge} appearance="filled" color="danger">
              {t('tab.asset.level4Flag')}
            </Badge>
          )}
          {r.critical && (
            <Badge className={styles.badge} appearance="outline" color="informative">
              {t('tab.assets.critical')}
            </Badge>
          )}
        </span>
      ),
    },
  ];

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <div>
          <ViewHeading>{t('tab.assets.title')}</ViewHeading>
          <p className={styles.intro}>{t('tab.assets.intro')}</p>
        </div>
        {me.permissions.createAsset && (
          <Button appearance="primary" as="a" href={href('/assets/new')}>
            {t('tab.assets.create')}
          </Button>
        )}
      </div>

      <div role="search" className={styles.filters} aria-label={t('tab.assets.search')}>
        <Field label={t('tab.assets.search')} hint={t('tab.assets.searchHint')}>
          <Input type="search" value={searchText} onChange={(_, d) => setSearchText(d.value)} />
        </Field>
        <Field label={t('tab.assets.unitFilter')}>
          <Select value={unit} onChange={(_, d) => setQuery({ unit: d.value || undefined })}>
            <option value="">{t('tab.assets.allUnits')}</option>
            {(units.data ?? (unit ? [unit] : [])).map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </Select>
        </Field>
        <PeoplePicker
          label={t('tab.assets.ownerFilter')}
          value={owner}
          search={common.searchPeople}
          onChange={(p) => setQuery({ owner: p?.id, ownerName: p?.name ?? undefined })}
        />
      </div>

      {page.error !== undefined && <ErrorMessage error={page.error} onRetry={page.reload} />}

      <PagedTable
        label={t('tab.assets.caption')}
        columns={columns}
        rows={page.data?.items}
        rowKey={(r) => r.id}
        loading={page.loading}
        listTitle={(r) => (
          <Link href={href(`/assets/${r.id}`)} className={styles.name}>
            {`${r.code} ${r.name}`}
          </Link>
        )}
        minTableWidth={900}
        sort={{ field: sort, direction }}
        onSortChange={(s) => setQuery({ sort: s.field === 'code' ? undefined : s.field, dir: s.direction === 'asc' ? undefined : 'desc' })}
        paging={paging}
        nextCursor={page.data?.cursor}
        pageSize={pageSize}
        onPageSize={(n) => setQuery({ size: n === 25 ? undefined : String(n) })}
      />
    </div>
  );
}
