/**
 * The width of an element, followed as it changes (ResizeObserver). `null` until measured, and
 * where nothing is laid out (a test DOM reports 0): callers then keep their wide layout.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export function useContainerWidth<T extends HTMLElement = HTMLDivElement>(): { ref: (el: T | null) => void; width: number | null } {
  const [el, setEl] = useState<T | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  const ref = useCallback((node: T | null) => setEl(node), []);
  const last = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (!el) return;
    const measure = (w: number) => {
      const next = w > 0 ? Math.round(w) : null;
      if (next !== last.current) {
        last.current = next;
        setWidth(next);
      }
    };
    measure(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      for (const e of entries) measure(e.contentRect.width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return { ref, width };
}
