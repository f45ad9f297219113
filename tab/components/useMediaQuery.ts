/** Whether a CSS media query matches, followed as it changes (false where matchMedia is missing). */
import { useSyncExternalStore } from 'react';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const m = globalThis.matchMedia?.(query);
      m?.addEventListener('change', onChange);
      return () => m?.removeEventListener('change', onChange);
    },
    () => globalThis.matchMedia?.(query).matches ?? false,
    () => false,
  );
}

/** Below this width the shell collapses its menu into a drawer and forms use one column (Teams mobile is ~375 px). */
export const NARROW = '(max-width: 47.99em)';
