/** Renders a PagedTable: a Fluent table, or a list of cards, and the pager. */
import { Button, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, mergeClasses } from '@fluentui/react-components';
import type { Column, PagedTableState } from './PagedTable.types';
import type { PagedTableClasses } from './usePagedTableStyles.styles';

export function renderPagedTable<T>(state: PagedTableState<T>, styles: PagedTableClasses) {
  const { t } = state;
  const { rows, sort, paging, loading = false } = state;
  const columns = state.columns.filter((c) => !c.hideInTable);
  const alignClass = (a: Column<T>['align']) => (a === 'center' ? styles.center : a === 'end' ? styles.end : undefined);
  const empty = rows && rows.length === 0 && !loading ? <p className={styles.empty}>{state.emptyText ?? t('tab.table.empty')}</p> : null;
  const busy = loading ? (
    <div className={styles.busy}>
      <Spinner size="small" label={t('tab.table.loading')} />
    </div>
  ) : null;

  const table = (
    <div className={styles.wrap}>
      <Table aria-label={state.label} aria-busy={loading} className={styles.table} size="small">
        <TableHeader>
          <TableRow>
            {columns.map((c) => {
              const sorted = c.sortField && sort?.field === c.sortField ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
              return (
                <TableHeaderCell
                  key={c.key}
                  className={alignClass(c.align)}
                  style={c.width ? { width: c.width } : undefined}
                  {...(c.sortField && state.onSortChange ? { sortable: true, sortDirection: sorted, onClick: () => state.headerSort(c.sortField!) } : {})}
                >
                  {c.header}
                </TableHeaderCell>
              );
            })}
          </TableRow>
        </TableHeader>
        <TableBody>
          {(rows ?? []).map((row) => (
            <TableRow key={state.rowKey(row)} className={styles.row}>
              {columns.map((c) => (
                <TableCell key={c.key} className={alignClass(c.align)}>
                  {c.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {empty}
      {busy}
    </div>
  );

  const others = state.columns.filter((c) => (state.listTitle || c !== state.primary) && !c.hideInList);
  const list = (
    <div className={styles.wrap}>
      {state.onSortChange && state.sortChoices.length > 1 && (
        <div className={styles.sortBar}>
          <label htmlFor={state.sortId}>{t('tab.table.sortBy')}</label>
          <Select
            id={state.sortId}
            value={sort ? `${sort.field}:${sort.direction}` : ''}
            onChange={(_, d) => {
              const [field, direction] = d.value.split(':') as [string, 'asc' | 'desc'];
              state.onSortChange!({ field, direction });
            }}
          >
            {state.sortChoices.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </Select>
        </div>
      )}
      <ul className={styles.list} aria-label={state.label} aria-busy={loading}>
        {(rows ?? []).map((row) => (
          <li key={state.rowKey(row)} className={styles.item}>
            <div className={styles.title}>{state.listTitle ? state.listTitle(row) : state.primary.cell(row)}</div>
            {others.length > 0 && (
              <dl className={styles.fields}>
                {others.map((c) => (
                  <div key={c.key} className={styles.field}>
                    <dt className={styles.dt}>{c.label ?? c.header}</dt>
                    <dd className={styles.dd}>{c.cell(row)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
      {empty}
      {busy}
    </div>
  );

  return (
    <div ref={state.containerRef} className={mergeClasses(styles.root, state.className)} data-layout={state.layout}>
      {state.layout === 'list' ? list : table}
      {paging && (
        <div className={styles.pager}>
          <Button onClick={paging.previous} disabled={paging.page <= 1 || loading}>
            {t('tab.table.previous')}
          </Button>
          <span className={styles.pageText} aria-live="polite">
            {t('tab.table.page', { page: paging.page })}
          </span>
          <Button onClick={() => state.nextCursor && paging.next(state.nextCursor)} disabled={!state.nextCursor || loading}>
            {t('tab.table.next')}
          </Button>
          {state.onPageSize && (
            <div className={styles.size}>
              <label htmlFor={state.sizeId}>{t('tab.table.pageSize')}</label>
              <Select id={state.sizeId} value={String(state.pageSize ?? 25)} onChange={(_, d) => state.onPageSize!(Number(d.value))}>
                {(state.pageSizes ?? [10, 25, 50, 100]).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </Select>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
