/**
 * The shared register table. Wide enough, it is a table with server-side sorting on the columns
 * that allow it; narrower than `minTableWidth` (a phone, a narrow Teams pane) the same rows become
 * a list of cards — the primary column as the card's title, the others as label/value pairs — with
 * sorting offered as a choice. Cursor paging (optional) is the same in both.
 */
import type { ReactNode } from 'react';
import type { I18n } from '../../app/i18n';
import type { CursorPaging } from '../useCursorPaging';

export type { CursorPaging };

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The API's sort field for this column; only indexed columns have one. */
  sortField?: string;
  /** CSS width in table layout, e.g. '6rem'. */
  width?: string;
  /** Numbers and levels read better centred. */
  align?: 'start' | 'center' | 'end';
  /** The card's title in list layout (default: the first column). */
  primary?: boolean;
  /** The label in list layout and in the sort choice, when `header` is not plain text (an abbreviation…). */
  label?: string;
  /** Left out of the card in list layout (e.g. a figure the title already says). */
  hideInList?: boolean;
  /** Shown only in the card (e.g. several narrow columns said in one line). */
  hideInTable?: boolean;
}

export interface SortState {
  field: string;
  direction: 'asc' | 'desc';
}

export interface PagedTableProps<T> {
  /** The table's (or list's) accessible name. */
  label: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  loading?: boolean;
  sort?: SortState;
  /** A new sort: from a column header (which toggles) or from the list layout's choice. */
  onSortChange?: (sort: SortState) => void;
  /** Paging; without it the component shows the rows it is given (a short, complete list). */
  paging?: CursorPaging;
  /** The API's cursor for the page after the one shown; null on the last page. */
  nextCursor?: string | null | undefined;
  pageSize?: number;
  pageSizes?: number[];
  onPageSize?: (size: number) => void;
  emptyText?: string;
  /** The card's title in list layout (default: the primary column's cell), e.g. a case number and title in one link. */
  listTitle?: (row: T) => ReactNode;
  /** Below this container width (px) the rows are shown as a list of cards. Default 640. */
  minTableWidth?: number;
  /** Force a layout (tests, or a view that knows better). */
  layout?: 'table' | 'list';
  className?: string;
}

export interface PagedTableState<T> extends PagedTableProps<T> {
  layout: 'table' | 'list';
  containerRef: (el: HTMLDivElement | null) => void;
  primary: Column<T>;
  /** Sort choices for the list layout: each sortable column both ways. */
  sortChoices: { value: string; text: string }[];
  headerSort: (field: string) => void;
  sizeId: string;
  sortId: string;
  t: I18n['t'];
}
