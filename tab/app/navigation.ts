/**
 * What a view gets from the router, and the main menu. Kept apart from routes.ts, which loads the
 * views: a view imports this, never the module that imports it.
 */
import type { RoleKey } from '../../core/domain/roles';
import type { MessageKey } from '../../core/i18n';

export interface ViewProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface NavEntry {
  section: string;
  label: MessageKey;
  path: string;
  /** Shown only to these roles (the API refuses everyone else anyway); absent: everyone. */
  roles?: readonly RoleKey[];
}

export const NAV: NavEntry[] = [
  { section: 'home', label: 'tab.nav.home', path: '/home' },
  { section: 'overview', label: 'tab.nav.overview', path: '/overview' },
  { section: 'incidents', label: 'tab.nav.incidents', path: '/incidents' },
  { section: 'assets', label: 'tab.nav.assets', path: '/assets' },
  { section: 'access', label: 'tab.nav.access', path: '/access' },
  { section: 'suppliers', label: 'tab.nav.suppliers', path: '/suppliers' },
  { section: 'gdpr', label: 'tab.nav.gdpr', path: '/gdpr' },
  { section: 'improvements', label: 'tab.nav.improvements', path: '/improvements' },
  { section: 'training', label: 'tab.nav.training', path: '/training' },
  { section: 'ambassadors', label: 'tab.nav.ambassadors', path: '/ambassadors' },
  { section: 'reviews', label: 'tab.nav.reviews', path: '/reviews', roles: ['isam', 'itsec', 'dso', 'director'] },
  { section: 'search', label: 'tab.nav.search', path: '/search' },
];

export const DEFAULT_PATH = '/home';
