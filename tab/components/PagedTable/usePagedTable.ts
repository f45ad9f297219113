/** The state of a PagedTable: its layout from the container's width, and what sorting offers. */
import { useEffect, useId } from 'react';
import { markOnce } from '../../app/perf';
import { useI18n } from '../../app/i18n';
import { useContainerWidth } from '../useContainerWidth';
import type { PagedTableProps, PagedTableState } from './PagedTable.types';

export const DEFAULT_MIN_TABLE_WIDTH = 640;

export function usePagedTable<T>(props: PagedTableProps<T>): PagedTableState<T> {
  const { t } = useI18n();
  const { ref, width } = useContainerWidth();
  const sizeId = useId();
  const sortId = useId();
  // The benchmark's "a register with its rows on screen" (tests/bench/tab.bench.ts).
  const hasRows = (props.rows?.length ?? 0) > 0;
  useEffect(() => {
    if (hasRows) markOnce('lis:register-ready');
  }, [hasRows]);
  // The list's place (list-place.ts) restores its scroll position once the rows are on screen.
  const shown = props.paging?.shown;
  useEffect(() => {
    if (props.rows && !props.loading) shown?.();
  }, [props.rows, props.loading, shown]);
  const layout = props.layout ?? (width !== null && width < (props.minTableWidth ?? DEFAULT_MIN_TABLE_WIDTH) ? 'list' : 'table');
  const primary = props.columns.find((c) => c.primary) ?? props.columns[0]!;
  const text = (c: (typeof props.columns)[number]) => c.label ?? (typeof c.header === 'string' ? c.header : c.key);
  const sortChoices = props.columns
    .filter((c) => c.sortField)
    .flatMap((c) => [
      { value: `${c.sortField}:asc`, text: t('tab.table.sortOption', { column: text(c), direction: t('tab.table.ascending') }) },
      { value: `${c.sortField}:desc`, text: t('tab.table.sortOption', { column: text(c), direction: t('tab.table.descending') }) },
    ]);
  const headerSort = (field: string) => {
    const sort = props.sort;
    // The sorted column turns around; another column starts ascending.
    props.onSortChange?.({ field, direction: sort?.field === field && sort.direction === 'asc' ? 'desc' : 'asc' });
  };
  return { ...props, layout, containerRef: ref, primary, sortChoices, headerSort, sizeId, sortId, t };
}
