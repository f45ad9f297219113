/**
 * A register's list (`#/<register>`): search and the register's filters (what its API offers, on
 * indexed columns), in use / archived / all, sort, cursor paging, "New" when the server allows it,
 * and "Export to Excel" of the same selection. The filters live in the address, so the browser's
 * back button and a shared link keep them.
 */
import { Button, Field, Input, Link, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Query } from '../../api/client';
import { useI18n } from '../../app/i18n';
import type { ViewProps } from '../../app/navigation';
import { href, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { errorText, ErrorMessage } from '../../components/ErrorMessage';
import { PagedTable, useCursorPaging } from '../../components/PagedTable';
import { PeoplePicker } from '../../components/PeoplePicker';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { useCommonApi } from '../../app/session';
import { registerApi, saveFile } from './api';
import { useRegister } from './registry';
import type { ListPage, RegisterSpec } from './spec';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(13rem, 100%), 1fr))', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, alignItems: 'start' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  select: { minWidth: 0, width: '100%', '& select': { minWidth: 0 } },
  note: { margin: 0, color: tokens.colorNeutralForeground2 },
});

const ARCHIVED = ['active', 'archived', 'all'] as const;

export default function RegisterListView({ query }: ViewProps) {
  const spec = useRegister();
  return spec ? <RegisterList key={spec.path} spec={spec} query={query} /> : null;
}

function RegisterList<Row>({ spec, query }: { spec: RegisterSpec<Row>; query: URLSearchParams }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api, me } = useSession();
  const common = useCommonApi();
  const reg = useMemo(() => registerApi<Row, unknown>(api, spec.path), [api, spec.path]);
  const list = `/${spec.path}`;
  const search = query.get('search') ?? '';
  const archived = (ARCHIVED as readonly string[]).includes(query.get('archived') ?? '') ? query.get('archived')! : 'active';
  const sort = spec.sort && spec.sort.fields.includes(query.get('sort') ?? '') ? query.get('sort')! : spec.sort?.default;
  const direction = query.get('dir') === 'asc' || query.get('dir') === 'desc' ? query.get('dir')! : spec.sort?.direction;
  const filterValues = Object.fromEntries(spec.filters.map((f) => [f.name, query.get(f.name) ?? '']));
  const [personNames, setPersonNames] = useState<Record<string, string>>({});
  const state = { search, archived: archived === 'active' ? '' : archived, ...filterValues, sort: sort === spec.sort?.default ? '' : sort, dir: direction === spec.sort?.direction ? '' : direction };
  const setQuery = (changes: Record<string, string | undefined>) => navigate(list, { ...state, ...changes }, { replace: true });
  const [text, setText] = useState(search);
  useEffect(() => setText(search), [search]);
  useEffect(() => {
    if (text === search) return;
    const timer = setTimeout(() => setQuery({ search: text.trim() || undefined }), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const key = JSON.stringify(state);
  const paging = useCursorPaging();
  const { reset } = paging;
  useEffect(() => reset(), [key, reset]);
  const apiQuery: Query = { ...(spec.searchHint && search ? { search } : {}), archived, ...Object.fromEntries(Object.entries(filterValues).filter(([, v]) => v)), ...(sort ? { sort, direction } : {}) };
  const page = useAsync(() => reg.list({ ...apiQuery, cursor: paging.cursor }) as Promise<ListPage<Row>>, [reg, key, paging.cursor]);
  const units = useAsync(() => (spec.filters.some((f) => f.kind === 'unit') ? common.units() : Promise.resolve([])), [common]);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    setExportError(null);
    try {
      saveFile(await reg.exportXlsx(apiQuery), `${spec.path}.xlsx`);
    } catch (e) {
      setExportError(errorText(e, t));
    } finally {
      setExporting(false);
    }
  };

  const note = page.data && spec.scopeNote ? spec.scopeNote(page.data, t) : null;
  const Extra = spec.listExtra;
  const columns = spec.columns(i18n);
  const years = useMemo(() => {
    const y = new Date().getFullYear();
    return Array.from({ length: 7 }, (_, i) => String(y + 1 - i));
  }, []);

  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{t(spec.title)}</ViewHeading>
        <p className={styles.intro}>{t(spec.intro)}</p>
      </div>
      <div className={styles.actions}>
        {page.data && spec.canCreate(page.data, me) && (
          <Button appearance="primary" as="a" href={href(`${list}/new`)}>
            {t(spec.newLabel)}
          </Button>
        )}
        <Button onClick={() => void exportXlsx()} disabled={exporting}>
          {t('tab.reg.export')}
        </Button>
      </div>
      {exportError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{exportError}</MessageBarBody>
        </MessageBar>
      )}
      {Extra && <Extra query={query} />}
      <div role="search" aria-label={t('tab.reg.filters', { register: t(spec.title) })} className={styles.filters}>
        {spec.searchHint && (
          <Field label={t('tab.reg.search')} hint={t(spec.searchHint)}>
            <Input type="search" value={text} onChange={(_, d) => setText(d.value)} />
          </Field>
        )}
        {spec.filters.map((f) =>
          f.kind === 'person' ? (
            <PeoplePicker
              key={f.name}
              label={t(f.label)}
              value={filterValues[f.name] ? { id: filterValues[f.name]!, name: personNames[f.name] ?? null } : null}
              search={common.searchPeople}
              onChange={(p) => {
                if (p?.name) setPersonNames((n) => ({ ...n, [f.name]: p.name! }));
                setQuery({ [f.name]: p?.id });
              }}
            />
          ) : (
            <Field key={f.name} label={t(f.label)}>
              <Select className={styles.select} value={filterValues[f.name]} onChange={(_, d) => setQuery({ [f.name]: d.value || undefined })}>
                <option value="">{t('tab.reg.all')}</option>
                {(f.kind === 'unit' ? (units.data ?? []) : f.kind === 'year' ? years : (f.options ?? [])).map((o) => (
                  <option key={o} value={o}>
                    {f.optionLabel ? f.optionLabel(o, t) : o}
                  </option>
                ))}
              </Select>
            </Field>
          ),
        )}
        <Field label={t('tab.reg.archivedFilter')}>
          <Select className={styles.select} value={archived} onChange={(_, d) => setQuery({ archived: d.value === 'active' ? undefined : d.value })}>
            {ARCHIVED.map((a) => (
              <option key={a} value={a}>
                {t(`tab.reg.archived.${a}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {note && <p className={styles.note}>{note}</p>}
      {page.error !== undefined && <ErrorMessage error={page.error} onRetry={page.reload} />}
      <PagedTable
        label={t(spec.caption)}
        columns={columns}
        rows={page.data?.items}
        rowKey={spec.rowId}
        loading={page.loading}
        listTitle={(r) => (spec.rowOpens && !spec.rowOpens(r) ? spec.rowTitle(r, t) : <Link href={href(`${list}/${spec.rowId(r)}`)}>{spec.rowTitle(r, t)}</Link>)}
        minTableWidth={760}
        {...(spec.sort && sort && direction
          ? {
              sort: { field: sort, direction: direction as 'asc' | 'desc' },
              onSortChange: (s: { field: string; direction: 'asc' | 'desc' }) => setQuery({ sort: s.field === spec.sort!.default ? undefined : s.field, dir: s.direction === spec.sort!.direction ? undefined : s.direction }),
            }
          : {})}
        paging={paging}
        nextCursor={page.data?.cursor}
        emptyText={t('tab.reg.empty')}
      />
    </div>
  );
}
