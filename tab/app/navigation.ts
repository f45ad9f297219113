/**
 * What a view gets from the router, and the main menu. Kept apart from routes.ts, which loads the
 * views: a view imports this, never the module that imports it.
 */
import type { RoleKey } from '../../core/domain/roles';
import type { MessageKey } from '../../core/i18n';
import type { SessionView } from '../../core/api';

export interface ViewProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface NavEntry {
  section: string;
  label: MessageKey;
  path: string;
  /** The heading of the menu's group it stands under (the registers). */
  group?: MessageKey;
  /** Shown only to these roles (a list only they may read; the server refuses others anyway); absent: everyone. */
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
  // The registers the ISAM and the DSO keep (issue 14): everyone may read them, each as the server allows.
  { section: 'risks', label: 'tab.nav.risks', path: '/risks', group: 'tab.nav.registers' },
  { section: 'audits', label: 'tab.nav.audits', path: '/audits', group: 'tab.nav.registers' },
  { section: 'governing-documents', label: 'tab.nav.documents', path: '/governing-documents', group: 'tab.nav.registers' },
  { section: 'processing', label: 'tab.nav.processing', path: '/processing', group: 'tab.nav.registers' },
  { section: 'impact-assessments', label: 'tab.nav.dpias', path: '/impact-assessments', group: 'tab.nav.registers' },
  { section: 'procurements', label: 'tab.nav.procurements', path: '/procurements', group: 'tab.nav.registers' },
  { section: 'roles', label: 'tab.nav.roles', path: '/roles', group: 'tab.nav.registers' },
  { section: 'retention', label: 'tab.nav.retention', path: '/retention', group: 'tab.nav.registers', roles: ['isam'] },
];

/** The menu's entries this person sees. */
export const navFor = (me: Pick<SessionView, 'roles'>): NavEntry[] => NAV.filter((n) => !n.roles || n.roles.some((r) => (me.roles as readonly string[]).includes(r)));

export const DEFAULT_PATH = '/home';
