/**
 * A list remembers its place: the page (the cursors that led to it) and how far down it was
 * scrolled, per address — the register and its filters (`#/incidents?status=investigating`). Open
 * an item and come back (the browser's back button, a link, the menu) and the list is where it was;
 * change a filter and it is a different address, so it starts from its first page. Kept in
 * sessionStorage: for the tab's session, never across people on a shared computer's next login.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRouteLocation } from '../app/router';

const PREFIX = 'lis:list-place:';
/** Places kept at most (the oldest are forgotten). */
const MAX_PLACES = 30;

interface Place {
  /** Cursor of each page seen; the first page has none. */
  cursors: (string | null)[];
  scrollY: number;
  at: number;
}

export interface ListPlace {
  page: number;
  cursor: string | undefined;
  next: (cursor: string) => void;
  previous: () => void;
  /** Kept for the views that call it when a filter changes: the address already did it. */
  reset: () => void;
  /** The table calls this once its rows are on screen: the scroll position is restored then, once. */
  shown: () => void;
}

/** The address of a list: its path and its query in a stable order. */
export function placeKey(path: string, query: URLSearchParams): string {
  const q = [...query.entries()].sort(([a], [b]) => a.localeCompare(b));
  return `${path}?${new URLSearchParams(q).toString()}`;
}

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function readPlace(key: string): Place | null {
  try {
    const raw = storage()?.getItem(PREFIX + key);
    if (!raw) return null;
    const p = JSON.parse(raw) as Place;
    const ok = Array.isArray(p.cursors) && p.cursors.length >= 1 && p.cursors.length <= 1_000 && p.cursors.every((c) => c === null || (typeof c === 'string' && c.length <= 4_000)) && typeof p.scrollY === 'number';
    return ok ? { cursors: p.cursors, scrollY: Math.max(0, p.scrollY), at: Number(p.at) || 0 } : null;
  } catch {
    return null;
  }
}

function writePlace(key: string, place: Omit<Place, 'at'>): void {
  const s = storage();
  if (!s) return;
  try {
    s.setItem(PREFIX + key, JSON.stringify({ ...place, at: Date.now() }));
    const keys: { k: string; at: number }[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k?.startsWith(PREFIX)) keys.push({ k, at: readPlace(k.slice(PREFIX.length))?.at ?? 0 });
    }
    for (const old of keys.sort((a, b) => b.at - a.at).slice(MAX_PLACES)) s.removeItem(old.k);
  } catch {
    // A full or blocked storage only means the list starts from its first page next time.
  }
}

const scrollTop = () => (typeof window === 'undefined' ? 0 : window.scrollY || document.documentElement.scrollTop || 0);

export function useListPlace(): ListPlace {
  const location = useRouteLocation();
  const key = placeKey(location.path, location.query);
  const [state, setState] = useState(() => ({ key, cursors: readPlace(key)?.cursors ?? [null] }));
  // Another address (a filter changed): that address's place, or its first page.
  let current = state;
  if (state.key !== key) {
    current = { key, cursors: readPlace(key)?.cursors ?? [null] };
    setState(current);
  }
  const cursors = current.cursors;

  // Where the reader is, kept up to date while the list is shown (on leaving, the page may already
  // have shrunk and the browser clamped the position).
  const scrolled = useRef(readPlace(key)?.scrollY ?? 0);
  const restore = useRef<number | null>(readPlace(key)?.scrollY ?? null);
  const keyRef = useRef(key);
  keyRef.current = key;
  const cursorsRef = useRef(cursors);
  cursorsRef.current = cursors;

  useEffect(() => {
    writePlace(key, { cursors, scrollY: scrolled.current });
  }, [key, cursors]);

  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        scrolled.current = scrollTop();
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      writePlace(keyRef.current, { cursors: cursorsRef.current, scrollY: scrolled.current });
    };
  }, []);

  const next = useCallback((cursor: string) => {
    scrolled.current = 0;
    setState((s) => ({ ...s, cursors: [...s.cursors, cursor] }));
  }, []);
  const previous = useCallback(() => {
    scrolled.current = 0;
    setState((s) => ({ ...s, cursors: s.cursors.length > 1 ? s.cursors.slice(0, -1) : s.cursors }));
  }, []);
  const reset = useCallback(() => undefined, []);
  const shown = useCallback(() => {
    const y = restore.current;
    restore.current = null;
    if (y && y > 0) requestAnimationFrame(() => window.scrollTo({ top: y }));
  }, []);

  return { page: cursors.length, cursor: cursors[cursors.length - 1] ?? undefined, next, previous, reset, shown };
}
