/** Records as the API returns them, for component tests. */
import type { AssetPage, AssetRow, AssetView, Dashboard } from '../../core/api';

export function row(n: number, overrides: Partial<AssetRow> = {}): AssetRow {
  const code = `IA-${String(n).padStart(3, '0')}`;
  return {
    id: String(n),
    etag: `"etag-${n},1"`,
    code,
    name: `System ${n}`,
    unit: 'IFO',
    critical: false,
    owner: { id: 'd0000000-0000-4000-8000-000000000030', name: 'Thomas Granlund' },
    levels: { confidentiality: 3, integrity: 2, availability: 2, traceability: 1 },
    summary: { state: 'classified', maxLevel: 3, securityProtectionFlag: false },
    priority: n,
    classifiedAt: '2026-03-12',
    nextReviewAt: '2027-03-12',
    archived: false,
    canEdit: false,
    ...overrides,
  };
}

export function page(items: AssetRow[], cursor: string | null = null): AssetPage {
  return { items, cursor, sort: 'code', direction: 'asc' };
}

export function view(n: number, overrides: Partial<AssetView> = {}): AssetView {
  return {
    ...row(n),
    description: 'Verksamhetssystem för socialtjänsten.',
    information: 'Personakter och journalanteckningar.',
    delegate: null,
    contact: null,
    systemOwner: null,
    classifiedBy: { id: 'd0000000-0000-4000-8000-000000000004', name: 'Maria Lundgren' },
    notes: null,
    supplierIds: [],
    updatedAt: '2026-11-28T08:00:00.000Z',
    canGovern: true,
    canEdit: true,
    motivations: {},
    requirements: [],
    lastReminderAt: null,
    canArchive: true,
    archive: { archived: false, archivedAt: null, years: 5, removableFrom: null, canRemove: false },
    history: { items: [], cursor: null },
    ...overrides,
  };
}

export const DASHBOARD: Dashboard = {
  today: '2026-11-28',
  generatedAt: '2026-11-28T09:00:00.000Z',
  mine: {
    approvals: { items: [{ id: '5', kind: 'new', role: 'Handläggare', subject: { id: 'x', name: 'Johanna Berg' }, asset: { id: '2', code: 'IA-002', name: 'E-tjänst för ansökan' }, requestedAt: '2026-11-27T10:00:00.000Z' }], total: 1 },
    investigations: { items: [{ id: '21', caseNumber: 'INC-2026-0021', title: 'Felskickat brev', category: 'misdirected', status: 'investigating', reportedAt: '2026-11-10T09:00:00.000Z', dueAt: '2026-11-20T09:00:00.000Z', overdue: true }], total: 1 },
    clocks: { items: [{ incidentId: '25', caseNumber: 'INC-2026-0025', incidentTitle: 'Nätfiske mot ekonomi', kind: 'imy_notification', dueAt: '2026-11-30T07:20:00.000Z', overdue: false }], total: 3 },
    assetReviews: { items: [], total: 0 },
  },
  incidentsPerMonth: {
    months: ['2026-10', '2026-11'],
    categories: ['phishing', 'misdirected'],
    counts: [
      [1, 2],
      [0, 3],
    ],
    total: 6,
  },
  reporting: { onTime: 4, late: 1, overdue: 1, running: 2 },
  accessRequests: { pending: 2, approved: 1, inProgress: 0 },
  recertification: null,
  classification: { total: 18, classified: 11, reviewDue: 4, unclassified: 3, level4: 1 },
  training: { units: [{ unit: 'AOM', people: 6, required: 13, completed: 5 }, { unit: 'LEDN', people: 6, required: 13, completed: 13 }], required: 26, completed: 18 },
};
