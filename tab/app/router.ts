/**
 * A small hash router: `#/assets/12?search=IA` → path `/assets/12`, query `search=IA`. Hash routes
 * work inside the Teams iframe and on any static host without server rewrites.
 */
import { useSyncExternalStore } from 'react';

export interface RouteLocation {
  path: string;
  query: URLSearchParams;
}

export function parseHash(hash: string): RouteLocation {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?', 2) as [string, string?];
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(search) };
}

export function href(path: string, query: Record<string, string | undefined | null> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  return `#${path}${params.size ? `?${params}` : ''}`;
}

export function navigate(path: string, query: Record<string, string | undefined | null> = {}, options: { replace?: boolean } = {}): void {
  const target = href(path, query);
  if (options.replace) {
    history.replaceState(history.state, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target;
  }
}

/** `/assets/:id` against `/assets/12` → `{ id: '12' }`; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(s[i]!);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRouteLocation(): RouteLocation {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  // Parsed per render: cheap, and URLSearchParams is not shared between renders.
  return parseHash(hash);
}
