/**
 * The tab's views. Adding a register means: a folder in features/<area>/, its routes here, and its
 * strings in core/i18n/messages/tab/<area>.ts. Each view is its own lazily loaded chunk.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ViewProps } from './navigation';

export interface RouteDef {
  pattern: string;
  /** The main-menu entry this route belongs to. */
  section: string;
  view: LazyExoticComponent<ComponentType<ViewProps>>;
}

const HomeView = lazy(() => import('../features/home/HomeView'));
const RequestAccessView = lazy(() => import('../features/home/RequestAccessView'));
const SearchView = lazy(() => import('../features/search/SearchView'));
const OverviewView = lazy(() => import('../features/overview/OverviewView'));
const AssetsView = lazy(() => import('../features/assets/AssetsView'));
const AssetFormView = lazy(() => import('../features/assets/AssetFormView'));
const IncidentsView = lazy(() => import('../features/incidents/IncidentsView'));
const IncidentView = lazy(() => import('../features/incidents/IncidentView'));
const IncidentReportView = lazy(() => import('../features/incidents/IncidentReportView'));
const ReportDraftView = lazy(() => import('../features/incidents/ReportDraftView'));
const SuppliersView = lazy(() => import('../features/suppliers/SuppliersView'));
const SupplierView = lazy(() => import('../features/suppliers/SupplierView'));
const DataProtectionView = lazy(() => import('../features/gdpr/DataProtectionView'));
const ProcessingView = lazy(() => import('../features/gdpr/ProcessingView'));
const ImprovementsView = lazy(() => import('../features/improvements/ImprovementsView'));
const TrainingView = lazy(() => import('../features/training/TrainingView'));
const AccessView = lazy(() => import('../features/access/AccessView'));
const AmbassadorsView = lazy(() => import('../features/ambassadors/AmbassadorsView'));
const ReviewsView = lazy(() => import('../features/reviews/ReviewsView'));
const ReviewView = lazy(() => import('../features/reviews/ReviewView'));
const ConfigureView = lazy(() => import('../features/configure/ConfigureView'));
const RegisterListView = lazy(() => import('../features/registers/RegisterListView'));
const RegisterDetailView = lazy(() => import('../features/registers/RegisterDetailView'));
const RegisterFormView = lazy(() => import('../features/registers/RegisterFormView'));
const RetentionView = lazy(() => import('../features/registers/RetentionView'));

/** The registers kept with the generic list, page and form (features/registers/specs). */
const REGISTER_ROUTES: RouteDef[] = ['risks', 'audits', 'governing-documents', 'processing', 'impact-assessments', 'procurements', 'roles'].flatMap((r) => [
  { pattern: `/${r}`, section: r, view: RegisterListView },
  // An impact assessment is started from its processing (the screening), not from a blank form.
  ...(r === 'impact-assessments' ? [] : [{ pattern: `/${r}/new`, section: r, view: RegisterFormView }]),
  { pattern: `/${r}/:id/edit`, section: r, view: RegisterFormView },
  { pattern: `/${r}/:id`, section: r, view: RegisterDetailView },
]);

/** First match wins: put fixed paths before parameterised ones. */
export const ROUTES: RouteDef[] = [
  { pattern: '/home', section: 'home', view: HomeView },
  { pattern: '/request-access', section: 'home', view: RequestAccessView },
  { pattern: '/search', section: 'search', view: SearchView },
  { pattern: '/overview', section: 'overview', view: OverviewView },
  { pattern: '/assets', section: 'assets', view: AssetsView },
  { pattern: '/assets/new', section: 'assets', view: AssetFormView },
  { pattern: '/assets/:id', section: 'assets', view: AssetFormView },
  { pattern: '/incidents', section: 'incidents', view: IncidentsView },
  { pattern: '/incidents/new', section: 'incidents', view: IncidentReportView },
  { pattern: '/incidents/:id', section: 'incidents', view: IncidentView },
  { pattern: '/incidents/:id/reports/:key', section: 'incidents', view: ReportDraftView },
  { pattern: '/suppliers', section: 'suppliers', view: SuppliersView },
  { pattern: '/suppliers/new', section: 'suppliers', view: RegisterFormView },
  { pattern: '/suppliers/:id/edit', section: 'suppliers', view: RegisterFormView },
  { pattern: '/suppliers/:id', section: 'suppliers', view: SupplierView },
  { pattern: '/gdpr', section: 'gdpr', view: DataProtectionView },
  { pattern: '/gdpr/:id', section: 'gdpr', view: ProcessingView },
  { pattern: '/improvements', section: 'improvements', view: ImprovementsView },
  { pattern: '/training', section: 'training', view: TrainingView },
  { pattern: '/access', section: 'access', view: AccessView },
  { pattern: '/ambassadors', section: 'ambassadors', view: AmbassadorsView },
  ...REGISTER_ROUTES,
  { pattern: '/retention', section: 'retention', view: RetentionView },
  { pattern: '/reviews', section: 'reviews', view: ReviewsView },
  { pattern: '/reviews/:id', section: 'reviews', view: ReviewView },
  /** The channel tab's configuration page (manifest configurationUrl). */
  { pattern: '/configure', section: 'configure', view: ConfigureView },
];

/**
 * Loads every view chunk (after the first render, so navigation is instant). Resolves when all are
 * loaded; a chunk that fails is loaded again by React.lazy when its view is opened.
 */
export function preloadViews(): Promise<unknown> {
  return Promise.allSettled([
    import('../features/home/HomeView'),
    import('../features/home/RequestAccessView'),
    import('../features/search/SearchView'),
    import('../features/overview/OverviewView'),
    import('../features/assets/AssetsView'),
    import('../features/assets/AssetFormView'),
    import('../features/incidents/IncidentsView'),
    import('../features/incidents/IncidentView'),
    import('../features/incidents/IncidentReportView'),
    import('../features/incidents/ReportDraftView'),
    import('../features/suppliers/SuppliersView'),
    import('../features/suppliers/SupplierView'),
    import('../features/gdpr/DataProtectionView'),
    import('../features/gdpr/ProcessingView'),
    import('../features/improvements/ImprovementsView'),
    import('../features/training/TrainingView'),
    import('../features/access/AccessView'),
    import('../features/ambassadors/AmbassadorsView'),
    import('../features/registers/RegisterListView'),
    import('../features/registers/RegisterDetailView'),
    import('../features/registers/RegisterFormView'),
    import('../features/registers/RetentionView'),
    import('../features/reviews/ReviewsView'),
    import('../features/reviews/ReviewView'),
  ]);
}
