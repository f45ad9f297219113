/**
 * Cursor paging as SharePoint pages: forward with the server's cursor; the cursors seen so far are
 * kept so that the person can page back. Page n is fetched with `cursors[n - 1]`. The place is
 * remembered per address (list-place.ts): back from an item, the list is where it was.
 */
import { useListPlace } from './list-place';

export interface CursorPaging {
  page: number;
  cursor: string | undefined;
  next: (cursor: string) => void;
  previous: () => void;
  reset: () => void;
  /** Called once the rows are on screen (the list's place restores its scroll position then). */
  shown?: () => void;
}

export function useCursorPaging(): CursorPaging {
  return useListPlace();
}
