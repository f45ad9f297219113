/**
 * The tab's views. Adding a register means: a folder in features/<area>/, its routes here, and its
 * strings in core/i18n/messages/tab.ts. Each view is its own lazily loaded chunk.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../../core/i18n';

export interface ViewProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface RouteDef {
  pattern: string;
  /** The main-menu entry this route belongs to. */
  section: string;
  view: LazyExoticComponent<ComponentType<ViewProps>>;
}

export interface NavEntry {
  section: string;
  label: MessageKey;
  path: string;
}

const OverviewView = lazy(() => import('../features/overview/OverviewView'));
const AssetsView = lazy(() => import('../features/assets/AssetsView'));
const AssetFormView = lazy(() => import('../features/assets/AssetFormView'));

/** First match wins: put fixed paths before parameterised ones. */
export const ROUTES: RouteDef[] = [
  { pattern: '/overview', section: 'overview', view: OverviewView },
  { pattern: '/assets', section: 'assets', view: AssetsView },
  { pattern: '/assets/new', section: 'assets', view: AssetFormView },
  { pattern: '/assets/:id', section: 'assets', view: AssetFormView },
];

export const NAV: NavEntry[] = [
  { section: 'overview', label: 'tab.nav.overview', path: '/overview' },
  { section: 'assets', label: 'tab.nav.assets', path: '/assets' },
];

export const DEFAULT_PATH = '/overview';

/** Loads every view chunk (after the first render, so navigation is instant). */
export function preloadViews(): void {
  void import('../features/overview/OverviewView');
  void import('../features/assets/AssetsView');
  void import('../features/assets/AssetFormView');
}
