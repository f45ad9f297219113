export { PagedTable } from './PagedTable';
export type { Column, PagedTableProps, SortState } from './PagedTable.types';
export { DEFAULT_MIN_TABLE_WIDTH } from './usePagedTable';
export { useCursorPaging, type CursorPaging } from '../useCursorPaging';
