/**
 * The shared register table: columns, server-side sorting on the columns that allow it (indexed
 * columns only), and cursor paging (SharePoint pages forward with a cursor; the tab keeps the
 * cursors it has seen to page back). Every register view uses it with its own columns.
 */
import {
  Button,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, type ReactNode } from 'react';
import { useI18n } from '../app/i18n';
import { useListPlace } from './list-place';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The API's sort field for this column; only indexed columns have one. */
  sortField?: string;
  /** CSS width, e.g. '6rem'. */
  width?: string;
  /** Numbers and levels read better centred. */
  align?: 'start' | 'center' | 'end';
}

export interface SortState {
  field: string;
  direction: 'asc' | 'desc';
}

export interface PagedTableProps<T> {
  /** The table's accessible name. */
  label: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  loading: boolean;
  sort?: SortState;
  onSort?: (field: string) => void;
  paging: CursorPaging;
  /** The API's cursor for the page after the one shown; null on the last page. */
  nextCursor: string | null | undefined;
  pageSize?: number;
  pageSizes?: number[];
  onPageSize?: (size: number) => void;
  emptyText?: string;
}

/** Cursors of the pages seen so far: page n is fetched with `cursors[n - 1]`. */
export interface CursorPaging {
  page: number;
  cursor: string | undefined;
  next: (cursor: string) => void;
  previous: () => void;
  reset: () => void;
  /** Called once the rows are on screen (the list's place restores its scroll position then). */
  shown?: () => void;
}

/** Cursor paging that remembers its place per address (list-place.ts): back from an item, the list is where it was. */
export function useCursorPaging(): CursorPaging {
  return useListPlace();
}

const useStyles = makeStyles({
  wrap: { position: 'relative', overflowX: 'auto' },
  table: { minWidth: '48rem', tableLayout: 'auto' },
  busy: {
    position: 'absolute',
    inset: 0,
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'center',
    paddingTop: tokens.spacingVerticalXXL,
    pointerEvents: 'none',
  },
  empty: { padding: tokens.spacingVerticalL, color: tokens.colorNeutralForeground2 },
  pager: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalM,
  },
  pageText: { minWidth: '5rem', textAlign: 'center' },
  size: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginLeft: 'auto' },
  center: { textAlign: 'center' },
  end: { textAlign: 'end' },
});

export function PagedTable<T>(props: PagedTableProps<T>) {
  const { t } = useI18n();
  const styles = useStyles();
  const sizeId = useId();
  const { columns, rows, sort, paging } = props;
  const alignClass = (a: Column<T>['align']) => (a === 'center' ? styles.center : a === 'end' ? styles.end : undefined);
  const { shown } = paging;
  useEffect(() => {
    if (rows && !props.loading) shown?.();
  }, [rows, props.loading, shown]);
  return (
    <div>
      <div className={styles.wrap}>
        <Table aria-label={props.label} aria-busy={props.loading} className={styles.table} size="small">
          <TableHeader>
            <TableRow>
              {columns.map((c) => {
                const sorted = c.sortField && sort?.field === c.sortField ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
                return (
                  <TableHeaderCell
                    key={c.key}
                    className={alignClass(c.align)}
                    style={c.width ? { width: c.width } : undefined}
                    {...(c.sortField && props.onSort
                      ? { sortable: true, sortDirection: sorted, onClick: () => props.onSort!(c.sortField!) }
                      : {})}
                  >
                    {c.header}
                  </TableHeaderCell>
                );
              })}
            </TableRow>
          </TableHeader>
          <TableBody>
            {(rows ?? []).map((row) => (
              <TableRow key={props.rowKey(row)}>
                {columns.map((c) => (
                  <TableCell key={c.key} className={alignClass(c.align)}>
                    {c.cell(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {rows && rows.length === 0 && !props.loading && <p className={styles.empty}>{props.emptyText ?? t('tab.table.empty')}</p>}
        {props.loading && (
          <div className={styles.busy}>
            <Spinner size="small" label={t('tab.table.loading')} />
          </div>
        )}
      </div>
      <div className={styles.pager}>
        <Button onClick={paging.previous} disabled={paging.page <= 1 || props.loading}>
          {t('tab.table.previous')}
        </Button>
        <span className={styles.pageText} aria-live="polite">
          {t('tab.table.page', { page: paging.page })}
        </span>
        <Button onClick={() => props.nextCursor && paging.next(props.nextCursor)} disabled={!props.nextCursor || props.loading}>
          {t('tab.table.next')}
        </Button>
        {props.onPageSize && (
          <div className={styles.size}>
            <label htmlFor={sizeId}>{t('tab.table.pageSize')}</label>
            <Select id={sizeId} value={String(props.pageSize ?? 25)} onChange={(_, d) => props.onPageSize!(Number(d.value))}>
              {(props.pageSizes ?? [10, 25, 50, 100]).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </div>
        )}
      </div>
    </div>
  );
}
