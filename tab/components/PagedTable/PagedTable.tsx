/** The shared register table (PagedTable.types.ts says what it does). */
import type { PagedTableProps } from './PagedTable.types';
import { renderPagedTable } from './renderPagedTable';
import { usePagedTable } from './usePagedTable';
import { usePagedTableStyles } from './usePagedTableStyles.styles';

export function PagedTable<T>(props: PagedTableProps<T>) {
  const state = usePagedTable(props);
  const styles = usePagedTableStyles();
  return renderPagedTable(state, styles);
}
