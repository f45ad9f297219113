/**
 * Dataskydd: the record of processing (GDPR art. 30) page by page — search by the start of the
 * name or id, filter by unit, sort on indexed columns — with each processing's impact assessments
 * (art. 35). Everyone reads the record; the content of an impact assessment only the DSO, ISAM and
 * the processing's owner (the server leaves it out for others).
 */
import { Badge, Field, Input, Link, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { ProcessingRow, ProcessingSortField } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { href, navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useCommonApi, useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PagedTable, useCursorPaging, type Column } from '../../components/PagedTable';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { gdprApi } from './api';
import { DpiaBadge } from './DpiaBadge';

const SORTS: ProcessingSortField[] = ['code', 'name', 'unit'];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 1fr))', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, alignItems: 'start' },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', paddingTop: '1px', paddingBottom: '1px' },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

export default function DataProtectionView({ query }: ViewProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const common = useCommonApi();
  const gdpr = useMemo(() => gdprApi(api), [api]);
  const search = query.get('search') ?? '';
  const unit = query.get('unit') ?? '';
  const sortParam = query.get('sort') as ProcessingSortField | null;
  const sort: ProcessingSortField = sortParam && SORTS.includes(sortParam) ? sortParam : 'code';
  const direction = query.get('dir') === 'desc' ? 'desc' : 'asc';
  const setQuery = (changes: Record<string, string | undefined>) =>
    navigate('/gdpr', { search, unit, sort: sort === 'code' ? undefined : sort, dir: direction === 'asc' ? undefined : 'desc', ...changes }, { replace: true });
  const [text, setText] = useState(search);
  useEffect(() => setText(search), [search]);
  useEffect(() => {
    if (text === search) return;
    const timer = setTimeout(() => setQuery({ search: text.trim() || undefined }), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const paging = useCursorPaging();
  const { reset } = paging;
  useEffect(() => reset(), [search, unit, sort, direction, reset]);
  const units = useAsync(() => common.units(), [common]);
  const page = useAsync(() => gdpr.list({ search: search || undefined, unit: unit || undefined, sort, direction, cursor: paging.cursor }), [gdpr, search, unit, sort, direction, paging.cursor]);

  const columns: Column<ProcessingRow>[] = [
    { key: 'code', header: t('tab.gdpr.col.code'), sortField: 'code', width: '7rem', hideInList: true, cell: (r) => r.code },
    { key: 'name', header: t('tab.gdpr.col.name'), sortField: 'name', hideInList: true, cell: (r) => <Link href={href(`/gdpr/${r.id}`)}>{r.name}</Link> },
    { key: 'unit', header: t('tab.gdpr.col.unit'), sortField: 'unit', width: '5rem', cell: (r) => r.unit },
    { key: 'owner', header: t('tab.gdpr.col.owner'), width: '10rem', cell: (r) => r.owner.name ?? '–' },
    { key: 'basis', header: t('tab.gdpr.col.legalBasis'), cell: (r) => r.legalBasis },
    {
      key: 'flags',
      header: t('tab.gdpr.col.flags'),
      width: '11rem',
      cell: (r) => (
        <span className={styles.badges}>
          {r.specialCategories && (
            <Badge className={styles.badge} appearance="outline" color="danger">
              {t('tab.gdpr.special')}
            </Badge>
          )}
          {r.thirdCountry && (
            <Badge className={styles.badge} appearance="outline" color="warning">
              {t('tab.gdpr.thirdCountry')}
            </Badge>
          )}
        </span>
      ),
    },
    {
      key: 'dpia',
      header: t('tab.gdpr.col.dpia'),
      width: '14rem',
      cell: (r) => (
        <span className={styles.badges}>
          {r.dpias.map((d) => (
            <DpiaBadge key={d.id} dpia={d} />
          ))}
          {r.dpias.length === 0 &&
            (r.dpiaRequired ? (
              <Badge className={styles.badge} appearance="filled" color="danger">
                {t('tab.gdpr.dpiaMissing')}
              </Badge>
            ) : (
              t('tab.gdpr.dpiaNotRequired')
            ))}
        </span>
      ),
    },
  ];

  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{t('tab.gdpr.title')}</ViewHeading>
        <p className={styles.intro}>{t('tab.gdpr.intro')}</p>
      </div>
      <div role="search" aria-label={t('tab.gdpr.search')} className={styles.filters}>
        <Field label={t('tab.gdpr.search')} hint={t('tab.gdpr.searchHint')}>
          <Input type="search" value={text} onChange={(_, d) => setText(d.value)} />
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
      </div>
      {page.error !== undefined && <ErrorMessage error={page.error} onRetry={page.reload} />}
      <PagedTable
        label={t('tab.gdpr.caption')}
        columns={columns}
        rows={page.data?.items}
        rowKey={(r) => r.id}
        loading={page.loading}
        listTitle={(r) => <Link href={href(`/gdpr/${r.id}`)}>{`${r.code} ${r.name}`}</Link>}
        minTableWidth={860}
        sort={{ field: sort, direction }}
        onSortChange={(s) => setQuery({ sort: s.field === 'code' ? undefined : s.field, dir: s.direction === 'asc' ? undefined : 'desc' })}
        paging={paging}
        nextCursor={page.data?.cursor}
      />
      <p className={styles.note}>{t('tab.gdpr.policy')}</p>
    </div>
  );
}
