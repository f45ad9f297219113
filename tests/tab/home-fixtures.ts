/** Answers of `GET /home` for the tab's tests (checked against core/api's shape by the fake API). */
import type { DecisionItem, HomeView } from '../../core/api';

export const EMPTY = { items: [], total: 0, capped: false };

export function decision(id: string, overrides: Partial<DecisionItem> = {}): DecisionItem {
  return {
    id,
    etag: `"etag-${id},1"`,
    kind: 'new',
    role: 'Läsbehörighet',
    subject: { id: 'd0000000-0000-4000-8000-000000000016', name: 'Johanna Berg', unit: 'EKB' },
    requester: { id: 'd0000000-0000-4000-8000-000000000016', name: 'Johanna Berg', unit: 'EKB' },
    asset: { id: '1', code: 'IA-001', name: 'Socialtjänstens verksamhetssystem' },
    justification: 'Behöver läsa akter i mitt arbete.',
    validUntil: null,
    grant: null,
    requestedAt: '2026-11-27T08:00:00.000Z',
    as: 'owner',
    chat: { url: 'https://teams.microsoft.com/l/entity/11111111-2222-4333-8444-555555555555/conversations?tenantId=t', opens: 'chat' },
    ...overrides,
  };
}

/** A staff member's home: own cases and training only. */
export const STAFF_HOME: HomeView = {
  today: '2026-11-28',
  generatedAt: '2026-11-28T09:00:00.000Z',
  mine: {
    incidents: {
      items: [{ id: '25', caseNumber: 'INC-2026-0025', title: 'Misstänkt felskickad e-post med bilaga', category: 'misdirected', status: 'reported', reportedAt: '2026-11-27T07:35:00.000Z' }],
      total: 1,
      capped: false,
    },
    requests: {
      items: [
        {
          id: '7',
          kind: 'new',
          status: 'denied',
          subject: { id: 'd0000000-0000-4000-8000-000000000016', name: 'Johanna Berg' },
          forSelf: true,
          asset: { id: '4', code: 'IA-004', name: 'HR- och lönesystem' },
          role: 'Chefsbehörighet',
          requestedAt: '2026-11-20T08:00:00.000Z',
          decidedAt: '2026-11-21T08:00:00.000Z',
          comment: 'Behörigheten är bara för chefer.',
        },
      ],
      total: 1,
      capped: false,
    },
    training: {
      courses: [
        { code: 'GDPR-GRUND', name: 'Dataskydd och GDPR – grundkurs', audience: 'all', status: 'done', completedAt: '2026-01-19', validUntil: '2028-01-19' },
        { code: 'ISK-GRUND', name: 'Informationssäkerhet – grundkurs', audience: 'all', status: 'missing', completedAt: null, validUntil: null },
      ],
      complete: false,
    },
  },
  decisions: null,
  reviews: null,
  investigations: null,
  due: null,
  tasks: null,
};

/** An owner and line manager's home: two decisions waiting, one investigation. */
export const OWNER_HOME: HomeView = {
  ...STAFF_HOME,
  mine: { incidents: EMPTY, requests: EMPTY, training: { courses: [], complete: true } },
  decisions: { items: [decision('5'), decision('6', { kind: 'termination', role: 'Handläggare', grant: { role: 'Handläggare', validUntil: null }, chat: null, as: 'delegate' })], total: 2, capped: false },
  reviews: EMPTY,
  investigations: {
    items: [{ id: '21', caseNumber: 'INC-2026-0021', title: 'Brev med biståndsbeslut i fel kuvert', status: 'investigating', dueAt: '2026-11-20T10:40:00.000Z', overdue: true }],
    total: 1,
    capped: false,
  },
};

/** ISAM's home: legal deadlines first. */
export const ISAM_HOME: HomeView = {
  ...STAFF_HOME,
  mine: { incidents: EMPTY, requests: EMPTY, training: { courses: [], complete: true } },
  due: {
    unassessed: {
      items: [{ id: '25', caseNumber: 'INC-2026-0025', title: 'Misstänkt felskickad e-post med bilaga', category: 'misdirected', reportedAt: '2026-11-27T07:35:00.000Z', personalData: true }],
      total: 1,
      capped: false,
    },
    deadlines: {
      items: [
        { incidentId: '25', caseNumber: 'INC-2026-0025', title: 'Misstänkt felskickad e-post med bilaga', kind: 'imy_notification', legal: true, provisional: true, dueAt: '2026-11-30T07:35:00.000Z', overdue: false, personalData: true },
        { incidentId: '16', caseNumber: 'INC-2026-0016', title: 'Dataintrång hos leverantören av HR- och lönesystemet', kind: 'cs_final_report', legal: true, provisional: false, dueAt: '2026-12-09T19:40:00.000Z', overdue: false, personalData: true },
        { incidentId: '21', caseNumber: 'INC-2026-0021', title: 'Brev med biståndsbeslut i fel kuvert', kind: 'internal_investigation', legal: false, provisional: false, dueAt: '2026-11-20T10:40:00.000Z', overdue: true, personalData: true },
      ],
      total: 3,
      capped: false,
    },
  },
};
