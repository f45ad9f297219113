/** Valid records used across tests; each test changes what it is about. */
import { EMPTY_FACTS, type InformationAsset, type Incident, type AccessRequest, type Supplier } from '../../../core/domain';

export const PERSON_A = 'd0000000-0000-4000-8000-000000000011';
export const PERSON_B = 'd0000000-0000-4000-8000-000000000012';

export function incident(over: Partial<Incident> = {}): Incident {
  return {
    title: 'E-post till fel mottagare',
    category: 'misdirected',
    description: 'Ett beslut skickades till fel adress.',
    occurredAt: '2026-03-10T08:00:00.000Z',
    discoveredAt: '2026-03-10T09:30:00.000Z',
    awareAt: over.discoveredAt ?? '2026-03-10T09:30:00.000Z',
    reportedAt: '2026-03-10T10:00:00.000Z',
    reporterId: PERSON_A,
    reporterUnit: 'EKB',
    managerId: PERSON_B,
    assetId: '3',
    supplierId: null,
    personalData: { involved: 'yes', approxSubjects: 1, categories: ['Ekonomi'], protectedIdentity: false },
    status: 'reported',
    severity: null,
    personalDataBreach: null,
    significant: 'undecided',
    significanceRationale: null,
    triagedBy: null,
    triagedAt: null,
    clocks: [],
    assessments: [],
    facts: EMPTY_FACTS,
    investigation: null,
    closedBy: null,
    closedAt: null,
    nextDueAt: null,
    lastOperation: null,
    ...over,
  };
}

export function asset(over: Partial<InformationAsset> = {}): InformationAsset {
  return {
    code: 'IA-001',
    name: 'Verksamhetssystem socialtjänst',
    description: 'Dokumentation av ärenden inom IFO.',
    information: 'Personakter, utredningar, beslut.',
    critical: true,
    ownerId: PERSON_B,
    delegateId: null,
    contactId: null,
    unit: 'IFO',
    systemOwnerId: null,
    confidentiality: 3,
    integrity: 3,
    availability: 2,
    traceability: 3,
    classifiedAt: '2026-02-01',
    classifiedBy: PERSON_A,
    priority: 1,
    nextReviewAt: '2027-02-01',
    supplierIds: [],
    notes: null,
    updatedAt: '2026-02-01T10:00:00.000Z',
    ...over,
  };
}

export function accessRequest(over: Partial<AccessRequest> = {}): AccessRequest {
  return {
    kind: 'new',
    subjectId: PERSON_A,
    requesterId: PERSON_A,
    assetId: '1',
    role: 'Handläggare',
    justification: 'Ny tjänst som handläggare.',
    validUntil: null,
    grantId: null,
    ownerId: PERSON_B,
    delegateId: null,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    takenBy: null,
    takenAt: null,
    completedBy: null,
    completedAt: null,
    requestedAt: '2026-05-01T10:00:00.000Z',
    ...over,
  };
}

export function supplier(over: Partial<Supplier> = {}): Supplier {
  return {
    code: 'SUP-001',
    name: 'Exempel Drift AB',
    orgNumber: '556000-0001',
    parentId: null,
    services: 'Drift av verksamhetssystem',
    processesPersonalData: true,
    dpaStatus: 'signed',
    dpaSignedAt: '2025-01-15',
    dpaExpiresAt: null,
    dpaInstructionAttached: true,
    dpaSubprocessorListAttached: true,
    contractOwnerId: PERSON_B,
    contractEndsAt: '2028-12-31',
    thirdCountry: null,
    thirdCountrySafeguard: null,
    lastFollowUpAt: null,
    nextFollowUpAt: null,
    securityChecklist: [],
    ...over,
  };
}
