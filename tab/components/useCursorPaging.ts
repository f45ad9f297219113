/**
 * Cursor paging as SharePoint pages: forward with the server's cursor; the cursors seen so far are
 * kept so that the person can page back. Page n is fetched with `cursors[n - 1]`.
 */
import { useCallback, useState } from 'react';

export interface CursorPaging {
  page: number;
  cursor: string | undefined;
  next: (cursor: string) => void;
  previous: () => void;
  reset: () => void;
}

export function useCursorPaging(): CursorPaging {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const next = useCallback((cursor: string) => setCursors((c) => [...c, cursor]), []);
  const previous = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []);
  const reset = useCallback(() => setCursors((c) => (c.length === 1 ? c : [undefined])), []);
  return { page: cursors.length, cursor: cursors[cursors.length - 1], next, previous, reset };
}
