/**
 * The JSON shapes of `/api/v1`, as the tab sees them. The server builds them in core/app (which
 * the tab may not import); tests/tab/api-contract.test.ts checks at compile time that both sides
 * agree, so a change on one side without the other fails `npm run typecheck`.
 */
import type {
  AccessRequestKind,
  ClassificationState,
  ClassificationSummary,
  ClockKind,
  IncidentCategory,
  IncidentStatus,
  KlassaLevel,
  RoleKey,
} from '../../core/domain';

// ── session ──────────────────────────────────────────────────────────────

export type TabAuthConfig =
  | { mode: 'local'; tenantId: string; auth: { kind: 'local' } }
  | { mode: 'm365'; tenantId: string; auth: { kind: 'entra'; clientId: string; authority: string; scopes: string[] } };

export interface PersonSummary {
  id: string;
  name: string;
  email: string | null;
  unit: string | null;
}

export interface SessionView extends PersonSummary {
  roles: RoleKey[];
  permissions: { createAsset: boolean; governAssets: boolean };
}

export interface DemoPerson {
  id: string;
  name: string;
  unit: string | null;
  roles: RoleKey[];
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

/** Error answers: `message` is in the user's language; `issues` for 400 validation, `current` for 409. */
export interface ErrorBody {
  error: string;
  message: string;
  issues?: { path: (string | number)[]; field: string; message: string }[];
  current?: unknown;
}

// ── information assets ───────────────────────────────────────────────────

export type AssetSortField = 'code' | 'name' | 'unit' | 'priority' | 'nextReviewAt';
export const ASSET_SORT_FIELDS: readonly AssetSortField[] = ['code', 'name', 'unit', 'priority', 'nextReviewAt'];

export interface PersonRef {
  id: string;
  name: string | null;
}

export type AssetLevels = Record<'confidentiality' | 'integrity' | 'availability' | 'traceability', KlassaLevel | null>;

export interface AssetRow {
  id: string;
  etag: string;
  code: string;
  name: string;
  unit: string;
  critical: boolean;
  owner: PersonRef;
  levels: AssetLevels;
  summary: ClassificationSummary;
  priority: number | null;
  classifiedAt: string | null;
  nextReviewAt: string | null;
  canEdit: boolean;
}

export interface AssetView extends AssetRow {
  description: string;
  information: string;
  delegate: PersonRef | null;
  contact: PersonRef | null;
  systemOwner: PersonRef | null;
  classifiedBy: PersonRef | null;
  notes: string | null;
  supplierIds: string[];
  updatedAt: string;
  canGovern: boolean;
}

export interface AssetPage {
  items: AssetRow[];
  cursor: string | null;
  sort: AssetSortField;
  direction: 'asc' | 'desc';
}

export interface AssetListParams {
  search?: string;
  unit?: string;
  ownerId?: string;
  sort?: AssetSortField;
  direction?: 'asc' | 'desc';
  pageSize?: number;
  cursor?: string;
}

/** What the form sends. The server sets who classified and when things changed. */
export interface AssetInput {
  code: string;
  name: string;
  description: string;
  information: string;
  critical: boolean;
  ownerId: string;
  delegateId: string | null;
  contactId: string | null;
  unit: string;
  systemOwnerId: string | null;
  confidentiality: KlassaLevel | null;
  integrity: KlassaLevel | null;
  availability: KlassaLevel | null;
  traceability: KlassaLevel | null;
  classifiedAt: string | null;
  priority: number | null;
  nextReviewAt: string | null;
  notes: string | null;
}

// ── overview ─────────────────────────────────────────────────────────────

export interface Listed<T> {
  items: T[];
  total: number;
}

export interface RecordRef {
  id: string;
  code: string;
  name: string;
}

export interface AssetReviewItem extends RecordRef {
  state: ClassificationState;
  nextReviewAt: string | null;
}

export interface Dashboard {
  today: string;
  generatedAt: string;
  mine: {
    approvals: Listed<{ id: string; kind: AccessRequestKind; role: string; subject: { id: string; name: string | null }; asset: RecordRef | null; requestedAt: string }>;
    investigations: Listed<{ id: string; caseNumber: string; title: string; category: IncidentCategory; status: IncidentStatus; reportedAt: string; dueAt: string; overdue: boolean }>;
    clocks: Listed<{ incidentId: string; caseNumber: string; incidentTitle: string; kind: ClockKind; dueAt: string; overdue: boolean }>;
    assetReviews: Listed<AssetReviewItem>;
  };
  incidentsPerMonth: { months: string[]; categories: IncidentCategory[]; counts: number[][]; total: number };
  reporting: { onTime: number; late: number; overdue: number; running: number };
  accessRequests: { pending: number; approved: number; inProgress: number };
  recertification: { campaignId: string; campaignName: string; dueAt: string; reviews: number; completedReviews: number; grants: number; kept: number; removed: number } | null;
  classification: { total: number; classified: number; reviewDue: number; unclassified: number; level4: number };
  training: { units: { unit: string; people: number; required: number; completed: number }[]; required: number; completed: number };
}
