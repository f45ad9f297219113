/** The shell's state: the route shown, the menu's section, and whether the menu is a drawer. */
import { useEffect, useRef, useState } from 'react';
import { NARROW, useMediaQuery } from '../components/useMediaQuery';
import { markOnce } from './perf';
import { matchPath, navigate, useRouteLocation } from './router';
import { DEFAULT_PATH } from './navigation';
import { ROUTES, preloadViews } from './routes';

export function useShell() {
  const location = useRouteLocation();
  const narrow = useMediaQuery(NARROW);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    if (location.path === '/') navigate(DEFAULT_PATH, {}, { replace: true });
  }, [location.path]);
  useEffect(() => {
    markOnce('lis:first-render');
    // The other views' code, once the first one is on screen.
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    idle(() => void preloadViews());
  }, []);
  // A new view closes the drawer; leaving the narrow layout does too.
  useEffect(() => setDrawerOpen(false), [location.path, narrow]);

  const match = ROUTES.map((r) => ({ r, params: matchPath(r.pattern, location.path) })).find((m) => m.params !== null);
  return { location, narrow, drawerOpen, setDrawerOpen, main, route: match ? { view: match.r.view, section: match.r.section, params: match.params! } : null };
}
