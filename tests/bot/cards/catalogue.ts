/**
 * Every card the bot builds, from representative data: one entry per card (and per notable state).
 * Each entry takes `u`, applied to every string a person can have written (descriptions, titles,
 * names, comments, roles, themes…): the validation test passes the identity, the fuzz test hostile
 * text. Values a person cannot choose freely (statuses, kinds, dates the app writes) stay as they are.
 */
import * as AC from 'adaptivecards';
import type { ClockView, IncidentView, ReportDraftView } from '../../../core/api';
import type { CampaignView, LeaverView, RequestView, ReviewView } from '../../../core/app/access';
import type { MeetingView } from '../../../core/app/ambassadors';
import type { GoverningDocumentView } from '../../../core/app/governance';
import { clockState } from '../../../core/app/incidents';
import { EMPTY_FACTS, normalizeIncident } from '../../../core/domain';
import type { Locale } from '../../../core/i18n';
import { accessCampaignCard } from '../../../bot/cards/access-campaign';
import { accessDecisionCard } from '../../../bot/cards/access-decision';
import { accessLeaverCard, accessLeaverFormCard } from '../../../bot/cards/access-leaver';
import { accessNoticeCard } from '../../../bot/cards/access-notice';
import { accessRequestCard } from '../../../bot/cards/access-request';
import { accessReminderCard, accessReviewCard } from '../../../bot/cards/access-review';
import { accessTaskCard } from '../../../bot/cards/access-task';
import { meetingFormCard } from '../../../bot/cards/ambassador-form';
import { meetingFollowUpCard, meetingInvitationCard } from '../../../bot/cards/ambassador-meeting';
import { ambassadorPlanCard } from '../../../bot/cards/ambassador-plan';
import { governanceListCard } from '../../../bot/cards/governance-list';
import { reviewReminderCard } from '../../../bot/cards/governance-reminder';
import { draftCard, formCard, reportsCard } from '../../../bot/cards/incident-reports';
import { investigationCard, myCasesCard, noticeCard, receiptCard, reminderCard, reopenCard, triageCard, wizardCard, WIZARD_STEPS, type Draft } from '../../../bot/cards/incidents';
import { recordLinks } from '../../../bot/cards/links';
import { registerReminderCard } from '../../../bot/cards/register-reminder';
import { menuCard } from '../../../bot/cards/menu';
import { messageCard } from '../../../bot/cards/message';
import type { AdaptiveCard } from '../../../bot/cards/render';
import { trainingFormCard } from '../../../bot/cards/training-form';
import { myTrainingCard, trainingReminderCard } from '../../../bot/cards/training-reminder';

export type UserText = (s: string) => string;
export interface CatalogueEntry {
  name: string;
  build: (locale: Locale, u: UserText) => AdaptiveCard;
}

const NOW = new Date('2026-11-28T09:00:00.000Z');
const links = recordLinks({ publicUrl: 'https://lis.example.org' });
const person = (u: UserText, n: number, name = `Person ${n}`) => ({ id: `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: u(name), unit: u('IFO') });

// ── incidents ────────────────────────────────────────────────────────────────
const clocks: IncidentView['clocks'] = normalizeIncident({ discoveredAt: '2026-11-28T07:40:00.000Z', clocks: [
  { kind: 'cs_early_warning', startedAt: '2026-11-28T08:00:00.000Z', dueAt: '2026-11-29T08:00:00.000Z', completedAt: null, completedBy: null, reference: null, outcome: null, rationale: null },
  { kind: 'imy_notification', startedAt: '2026-11-28T08:00:00.000Z', dueAt: '2026-12-01T08:00:00.000Z', completedAt: '2026-11-28T10:00:00.000Z', completedBy: null, reference: 'IMY-2026-1', outcome: 'sent', rationale: null },
  { kind: 'cs_final_report', startedAt: '2026-11-28T08:00:00.000Z', dueAt: '2026-12-28T08:00:00.000Z', completedAt: null, completedBy: null, reference: null, outcome: null, rationale: null },
  { kind: 'internal_investigation', startedAt: '2026-11-28T08:00:00.000Z', dueAt: '2026-12-28T08:00:00.000Z', completedAt: null, completedBy: null, reference: null, outcome: null, rationale: null },
  { kind: 'data_subjects', startedAt: '2026-11-28T08:00:00.000Z', dueAt: '2026-12-01T08:00:00.000Z', completedAt: '2026-11-29T08:00:00.000Z', completedBy: null, reference: null, outcome: 'not_required', stoppedBy: 'decision', rationale: 'Ingen hög risk.' },
] as IncidentView['clocks'] }).clocks;
const clockViews = (u: UserText): ClockView[] =>
  clocks.map((c) => ({ ...c, rationale: c.rationale ? u(c.rationale) : null, state: clockState(c, NOW.toISOString()), overdue: c.completedAt === null && Date.parse(c.dueAt) < NOW.getTime(), completedByName: u('Henrik Sandberg'), legal: c.kind !== 'internal_investigation', missingLateReason: false, can: { record: c.completedAt === null, waive: c.completedAt === null, correct: c.outcome === 'sent', draft: true } }));
const reportDraft = (u: UserText): ReportDraftView => ({
  incidentId: '42', caseNumber: 'INC-2026-0042', key: 'imy_notification', kind: 'imy_notification', state: 'draft', id: '7', etag: '"2"', language: 'sv',
  title: 'Anmälan av personuppgiftsincident', recipient: u('Stadens säkerhetsfunktion, för vidare rapportering till IMY'),
  sections: [{ key: 'summary', heading: 'Sammanfattning', text: u('Stadsdelsförvaltning Söderbyn anmäler en personuppgiftsincident.') }, { key: 'whatHappened', heading: 'Vad har hänt', text: u('Rubrik: Beslut till fel mottagare\n\nEtt beslut om bistånd mejlades till fel person.') }],
  generatedAt: '2026-11-28T09:00:00.000Z', updatedAt: '2026-11-28T09:10:00.000Z', updatedByName: u('Leila Haddad'), sentAt: null, reference: null, missing: ['Organisationsnummer'],
  routedVia: u('Stadens säkerhetsfunktion'), text: u('Anmälan av personuppgiftsincident'), editable: true, clock: { dueAt: '2026-12-01T08:00:00.000Z', basis: 'confirmed', completedAt: null, outcome: null },
});
const incident = (u: UserText, over: Partial<IncidentView> = {}): IncidentView => ({
  id: '42', caseNumber: 'INC-2026-0042', detailed: true, status: 'investigating', category: 'misdirected', title: u('Beslut till fel mottagare'),
  description: u('Ett beslut om bistånd mejlades till fel person.\nMottagaren har raderat det.'), severity: 'high', significant: 'no', personalDataBreach: true,
  personalData: { involved: 'yes', approxSubjects: 3, categories: ['social', 'health'], protectedIdentity: true }, reportedAt: '2026-11-28T08:00:00.000Z',
  discoveredAt: '2026-11-28T07:40:00.000Z', occurredAt: '2026-11-28T07:15:00.000Z', reporterName: u('Amira Hassan'), unit: u('IFO'), managerName: u('Thomas Granlund'),
  managerId: 'd0000000-0000-4000-8000-000000000030', assetName: u('IA-006 E-post'), supplierName: u('Leverantören AB'), clocks,
  investigation: { findings: u('Autokomplettering i e-postklienten valde fel mottagare.'), actions: u('Autokomplettering avstängd.'), recordedBy: 'd0000000-0000-4000-8000-000000000030', recordedAt: '2026-11-29T08:00:00.000Z' } as IncidentView['investigation'],
  closedAt: null, significanceRationale: u('Få berörda, ingen spridning.'), awareAt: '2026-11-28T06:00:00.000Z',
  facts: { ...EMPTY_FACTS, cause: 'human_error', causeDescription: u('Autokomplettering.'), mitigation: u('Avstängd.') }, undecided: false, ...over,
});
const draft = (u: UserText): Draft => ({
  id: '3f1c1c1e-1111-4111-8111-111111111111', category: 'misdirected', title: u('Beslut till fel mottagare'), description: u('Ett beslut mejlades till fel person.'),
  discoveredDate: '2026-11-28', discoveredTime: '08:40', occurredDate: '2026-11-28', occurredTime: '08:15', occurredUnknown: 'false', assetId: '6', supplierId: '',
  involved: 'yes', approxSubjects: '3', dataCategories: 'social,health', protectedIdentity: 'false',
});

// ── access (as in tests/bot/access-cards.test.ts) ──────────────────────────────
const asset = (u: UserText) => ({ id: '7', code: 'IA-007', name: u('Teams, SharePoint och OneDrive (samarbetsytor)') });
const request = (u: UserText, over: Partial<RequestView> = {}): RequestView => ({
  id: '42', kind: 'change', status: 'pending', origin: 'request', subject: person(u, 16, 'Johanna Berg'), requester: person(u, 17, 'Ali Hussein'), asset: asset(u),
  role: u('Handläggare'), grant: { id: '9', role: u('Läsbehörighet'), validUntil: null, status: 'active' }, justification: u('Ny tjänst från december.'), validUntil: '2027-06-30',
  deciders: [{ ...person(u, 7, 'Per Holmberg'), as: 'owner' }, { ...person(u, 41, 'Camilla Norén'), as: 'delegate' }], decidedBy: null, decidedAs: null, decidedAt: null, comment: null, takenBy: null, takenAt: null,
  completedBy: null, completedAt: null, requestedAt: '2026-11-28T09:00:00.000Z', ...over,
});
const decided = (u: UserText, over: Partial<RequestView> = {}) => request(u, { status: 'approved', decidedBy: person(u, 7, 'Per Holmberg'), decidedAs: 'owner', decidedAt: '2026-11-28T10:00:00.000Z', comment: u('Godkänt till och med juni.'), ...over });
const review = (u: UserText, rows: number): ReviewView => ({
  id: '3', campaignId: '1', campaignName: u('Behörighetsrevision mars 2027'), dueAt: '2027-03-31T21:59:59.000Z', status: 'open', completedAt: null, asset: asset(u),
  owner: person(u, 7, 'Per Holmberg'), delegate: null, concerns: null, reviewerAs: 'owner', total: 400, kept: 10, removed: 2, pending: 388, page: 1, pages: 39,
  rows: Array.from({ length: rows }, (_, k) => ({ grantId: String(100 + k), subject: person(u, k + 1, `Förnamn Efternamnsson ${k}`), role: u(`Handläggare ${k}`), grantedAt: '2021-09-01T07:00:00.000Z', validUntil: k % 2 ? '2027-12-31' : null })),
});
const campaign = (u: UserText): CampaignView => ({
  id: '1', name: u('Behörighetsrevision mars 2027'), period: '2027-03', status: 'running', startedBy: person(u, 2, 'Henrik Sandberg'), startedAt: '2027-03-01T08:00:00.000Z',
  dueAt: '2027-03-31T21:59:59.000Z', completedAt: null, reviews: 18, completedReviews: 3, grants: 65, kept: 20, removed: 3,
  waitingFor: Array.from({ length: 8 }, (_, k) => ({ owner: person(u, k + 1), asset: { ...asset(u), name: u(`System ${k}`) }, pending: 4 })),
});
const leaver = (u: UserText, tasks: number): LeaverView => ({
  id: '5', person: person(u, 32, 'Jonas Lindqvist'), lastDay: '2026-12-31', recordedBy: person(u, 30, 'Thomas Granlund'), recordedAt: '2026-11-28T09:00:00.000Z', processedAt: '2026-12-31T06:00:00.000Z',
  activeGrants: tasks, tasks: Array.from({ length: tasks }, (_, k) => ({ requestId: String(200 + k), asset: { ...asset(u), name: u(`System ${k}`) }, role: u(`Roll ${k}`), status: k % 3 ? 'approved' : 'done', completedBy: k % 3 ? null : person(u, 8, 'Sara Johansson'), completedAt: k % 3 ? null : '2026-12-31T09:00:00.000Z' })),
});
const startView = (u: UserText) => ({ running: null, period: '2027-03', name: u('Behörighetsrevision mars 2027'), grants: 65, assets: 18, owners: 7, suggestedDue: '2027-03-31', minDue: '2027-03-02', maxDue: '2027-06-29' });

// ── ambassadors, governance, training ────────────────────────────────────────
const meetingPayload = (u: UserText, state: 'open' | 'held' | 'closed' | 'cancelled') => ({
  meetingId: '4', state, title: u('Ambassadörsträff'), theme: u('Lösenord och MFA'), description: u('Vi går igenom nya rutiner.'), startsAt: '2026-12-10T13:00:00.000Z',
  materialUrl: 'https://lis.example.org/material.pdf', checklist: [u('Berätta om MFA på APT'), u('Sätt upp affischen')], closesAt: '2026-12-17T22:59:59.000Z',
  attendance: { total: 3, units: [{ unit: u('IFO'), names: [u('Amira Hassan'), u('Ali Hussein')] }, { unit: u('EKB'), names: [u('Johanna Berg')] }], missingUnits: [u('Kultur')] },
});
const meetingView = (u: UserText, phase: MeetingView['phase'], k: number): MeetingView => ({
  id: String(k), etag: '"1"', title: u(`Träff ${k}`), theme: u(`Tema ${k}`), description: u('Beskrivning'), startsAt: '2026-12-10T13:00:00.000Z', date: '2026-12-10', time: '14:00',
  materialUrl: null, checklist: [u('Punkt')], phase, invitationDate: '2026-12-03', invitationSentAt: null, followUpSentAt: null,
  attendance: { total: 2, units: [{ unit: u('IFO'), names: [u('Amira')] }], missingUnits: [u('EKB')] }, canEdit: true, canAttend: true, attended: false,
});
const doc = (u: UserText, k: number): GoverningDocumentView => ({
  id: String(k), etag: '"1"', code: `SD-${k}`, title: u(`Informationssäkerhetspolicy ${k}`), kind: 'policy', version: u('2.1'), description: u('Gäller hela förvaltningen.'), url: 'https://lis.example.org/policy.pdf',
  owner: { id: 'd0000000-0000-4000-8000-000000000002', name: u('Henrik Sandberg') }, decidedAt: '2025-01-15', decidedBy: u('Stadsdelsnämnden'), decisionRef: u('SDN 2025/12 § 4'), reviewAt: '2026-12-15', status: 'active' as GoverningDocumentView['status'],
  reviewState: k % 2 ? 'due_soon' : 'ok', archived: false, canRecordReview: true, canEdit: true,
});
const courses = (u: UserText) => [{ code: 'IS-BAS', name: u('Grundkurs informationssäkerhet') }, { code: 'CSL-LED', name: u('Cybersäkerhetslagen för ledningen') }];
const teamReport = (u: UserText) => ({
  managerId: 'd0000000-0000-4000-8000-000000000030', month: '2026-11', today: '2026-11-28', staffCount: 12,
  staff: Array.from({ length: 6 }, (_, k) => ({ personId: `p${k}`, name: u(`Medarbetare ${k}`), unit: u('IFO'), missing: courses(u).slice(0, 1) })), staffMissing: 9,
  management: [{ personId: 'm1', name: u('Chef Chefsson'), unit: u('IFO'), missing: courses(u).slice(1) }], own: { all: courses(u).slice(0, 1), management: [] },
});

export const CATALOGUE: CatalogueEntry[] = [
  { name: 'menu', build: (l, u) => menuCard(l, u('Amira Hassan')) },
  { name: 'message', build: (l, u) => messageCard(l, 'warning', u('Du skrev: något')) },
  ...WIZARD_STEPS.map((step) => ({
    name: `incident wizard, ${step}`,
    build: (l: Locale, u: UserText) => wizardCard(l, { step, draft: draft(u), errors: step === 'what' ? [u('Beskrivning måste fyllas i.')] : [], assets: [{ title: u('IA-006 E-post'), value: '6' }], suppliers: [{ title: u('Leverantören AB'), value: '3' }], review: [{ title: 'Typ', value: u('Felskickat') }] }),
  })),
  { name: 'incident wizard in a dialog', build: (l, u) => wizardCard(l, { step: 'kind', draft: draft(u), errors: [], assets: [], suppliers: [], mode: 'submit' }) },
  { name: 'incident receipt', build: (l, u) => receiptCard(l, incident(u), false, links) },
  { name: 'incident notice, ISAM', build: (l, u) => noticeCard(l, incident(u), 'isam', NOW, links) },
  { name: 'incident notice, restricted channel copy', build: (l, u) => noticeCard(l, incident(u, { detailed: false, title: null, description: null, reporterName: null }), 'isam', NOW, links) },
  { name: 'incident notice, closed', build: (l, u) => noticeCard(l, incident(u, { status: 'closed', closedAt: '2026-12-01T08:00:00.000Z' }), 'isam', NOW, links) },
  { name: 'incident notice, manager', build: (l, u) => noticeCard(l, incident(u), 'person', NOW, links) },
  { name: 'incident notice, undecided', build: (l, u) => noticeCard(l, incident(u, { status: 'reported', undecided: true, severity: null }), 'isam', NOW, links) },
  { name: 'incident notice, closed with a report unsent', build: (l, u) => noticeCard(l, incident(u, { status: 'closed', closedAt: '2026-12-01T08:00:00.000Z' }), 'dso', NOW, links) },
  {
    name: 'incident triage',
    build: (l, u) =>
      triageCard(l, incident(u), { severity: 'high', personalDataBreach: 'true', significant: 'no', rationale: u('Få berörda'), imyNotRequiredRationale: '', restrictedHours: '2', manualHours: '', reason: '', cause: 'unknown', suspectedMalicious: 'unknown', crossBorder: 'no' }, [u('Liknande incident i oktober')], [u('Motivering krävs')], links),
  },
  {
    name: 'incident reassessment',
    build: (l, u) =>
      triageCard(l, incident(u), { severity: 'high', personalDataBreach: 'true', significant: 'yes', rationale: '', imyNotRequiredRationale: '', restrictedHours: '', manualHours: '', reason: u('Ny information'), cause: 'human_error', suspectedMalicious: 'no', crossBorder: 'no' }, [], [], links, { history: [u('fre 28 nov. 2026 10:00, Henrik Sandberg: Hög, betydande: nej')], reassess: true }),
  },
  {
    name: 'incident reports',
    build: (l, u) =>
      reportsCard(l, { view: incident(u), clocks: clockViews(u), reportable: ['cs_early_warning', 'cs_situation_report:1'], openObligations: ['cs_early_warning'], permissions: { triage: false, reassess: true, markSent: true, correctAwareness: true, editFacts: true, requestIntermediate: true, investigate: true, close: true, reopen: false } }, NOW, links),
  },
  {
    name: 'incident report form',
    build: (l, u) =>
      formCard(l, {
        id: '42', key: 'imy_notification', title: u('Anmälan till IMY (72 h) – INC-2026-0042'), intro: 'Ange när rapporten faktiskt skickades.', facts: [{ title: 'Anmälan till IMY (72 h)', value: 'senast mån 1 dec. 2026 09:00' }], errors: [u('Ange skälen till förseningen.')],
        inputs: [{ type: 'when', id: 'sent', label: 'Skickad – datum', timeLabel: 'Klockslag', date: '2026-12-02', time: '10:15' }, { type: 'line', id: 'reference', label: 'Myndighetens referens', value: u('IMY-2026-1') }, { type: 'long', id: 'lateReason', label: 'Skäl till förseningen', value: u('Omfattningen klarlades sent.') }],
        verb: 'incident.report.record', submit: 'Spara',
      }, links),
  },
  { name: 'incident report draft', build: (l, u) => draftCard(l, reportDraft(u), true, links) },
  { name: 'incident report draft, sent', build: (l, u) => draftCard(l, { ...reportDraft(u), state: 'sent', sentAt: '2026-11-29T10:00:00.000Z', reference: u('IMY-2026-1'), editable: false }, false, links) },
  { name: 'incident investigation', build: (l, u) => investigationCard(l, incident(u), { findings: u('Orsaken var autokomplettering.'), actions: u('Avstängd.') }, [], NOW, links) },
  { name: 'incident reminder', build: (l, u) => reminderCard(l, { id: '42', caseNumber: 'INC-2026-0042', kind: 'cs_early_warning', stage: 'overdue', dueAt: '2026-11-29T08:00:00.000Z', detailed: true, title: u('Beslut till fel mottagare') }, links) },
  { name: 'incident reminder, escalation', build: (l, u) => reminderCard(l, { id: '42', caseNumber: 'INC-2026-0042', kind: 'escalation', stage: 'escalation', dueAt: '2026-11-29T08:00:00.000Z', detailed: true, title: u('Beslut till fel mottagare'), provisional: true, assessed: false, passed: true }, links) },
  { name: 'incident reminder, still overdue after closing', build: (l, u) => reminderCard(l, { id: '42', caseNumber: 'INC-2026-0042', kind: 'cs_final_report', stage: 'still_overdue', dueAt: '2026-11-29T08:00:00.000Z', detailed: true, title: u('Beslut till fel mottagare'), closed: true }, links) },
  { name: 'incident reminder, untriaged', build: (l, u) => reminderCard(l, { id: '42', caseNumber: 'INC-2026-0042', kind: 'untriaged', stage: 'due_soon', dueAt: '2026-11-29T08:00:00.000Z', detailed: false, title: u('x') }, links) },
  { name: 'incident reopen', build: (l, u) => reopenCard(l, incident(u)) },
  { name: 'my cases', build: (l, u) => myCasesCard(l, [{ heading: u('Incidenter jag rapporterat'), rows: Array.from({ length: 6 }, (_, k) => ({ id: String(k + 1), title: `INC-2026-000${k + 1}`, value: u(`Rubrik ${k} – Rapporterad`), open: true })) }, { heading: u('Behörigheter'), rows: [] }]) },
  {
    name: 'access request form',
    build: (l, u) => accessRequestCard(l, {
      formId: 'f1', today: '2026-11-28',
      options: { self: person(u, 16, 'Johanna Berg'), people: Array.from({ length: 10 }, (_, k) => person(u, k + 1)), assets: Array.from({ length: 20 }, (_, k) => ({ id: String(k + 1), code: `IA-${k + 1}`, name: u(`Informationstillgång ${k}`) })), grants: [{ id: '1', role: u('A'), validUntil: null }] },
      values: { kind: 'change', subjectId: null, assetId: '3', role: u('Handläggare'), justification: u('Ny tjänst'), validUntil: null, grantId: null },
      issues: [{ path: ['grantId'], code: 'rule', messageKey: 'access.grantRequired', params: {} }],
    }),
  },
  { name: 'access decision, pending', build: (l, u) => accessDecisionCard(l, request(u), { comment: u('Kommentar'), error: u('fel') }, links) },
  { name: 'access decision, decided', build: (l, u) => accessDecisionCard(l, decided(u), { note: { text: u('Klart'), tone: 'good' } }) },
  { name: 'access task', build: (l, u) => accessTaskCard(l, decided(u), null, links) },
  // Separation of duties (issue 17.3): the owner's own access, decided by the owner's line manager.
  {
    name: 'access decision, the owner\'s own access',
    build: (l, u) => accessDecisionCard(l, request(u, { subject: person(u, 7, 'Per Holmberg'), deciders: [{ ...person(u, 1, 'Karin Ekström'), as: 'line_manager' }] }), {}, links),
  },
  { name: 'access task, approved by the owner\'s manager', build: (l, u) => accessTaskCard(l, decided(u, { decidedBy: person(u, 1, 'Karin Ekström'), decidedAs: 'line_manager' }), null, links) },
  { name: 'access notice, approved', build: (l, u) => accessNoticeCard(l, { event: 'approved', request: decided(u) }, links) },
  { name: 'access notice, campaign completed', build: (l, u) => accessNoticeCard(l, { event: 'campaignCompleted', campaign: { ...campaign(u), status: 'completed' } }) },
  { name: 'access review', build: (l, u) => accessReviewCard(l, review(u, 10), null, links) },
  {
    name: 'access review of the owner\'s own grants',
    build: (l, u) => accessReviewCard(l, { ...review(u, 1), owner: person(u, 1, 'Karin Ekström'), concerns: person(u, 7, 'Per Holmberg'), reviewerAs: 'line_manager' }, { text: u('1 behörighet är din egen'), tone: 'warning' }, links),
  },
  { name: 'access reminder', build: (l, u) => accessReminderCard(l, { campaignName: u('Behörighetsrevision mars 2027'), dueAt: '2027-03-31T21:59:59.000Z', overdue: true, items: Array.from({ length: 4 }, (_, k) => ({ reviewId: String(k), asset: { ...asset(u), code: `IA-00${k}` }, pending: k })) }) },
  { name: 'access campaign, start', build: (l, u) => accessCampaignCard(l, { mode: 'start', start: startView(u), error: u('fel') }) },
  { name: 'access campaign, status', build: (l, u) => accessCampaignCard(l, { mode: 'status', campaign: campaign(u) }, links) },
  { name: 'access leaver form', build: (l, u) => accessLeaverFormCard(l, { anyone: false, people: Array.from({ length: 5 }, (_, k) => person(u, k + 1)) }, { personId: null, lastDay: null }) },
  { name: 'access leaver, tasks', build: (l, u) => accessLeaverCard(l, 'tasks', leaver(u, 6), links) },
  { name: 'ambassador meeting form', build: (l, u) => meetingFormCard(l, { meeting: { id: '4', etag: '"1"' }, formId: 'f2', today: '2026-11-28', inviteDays: 7, values: { date: '2026-12-10', time: '14:00', theme: u('MFA'), description: u('Beskrivning'), materialUrl: 'https://lis.example.org/m.pdf', checklist: u('Punkt ett\nPunkt två') }, error: u('Fel') }) },
  { name: 'ambassador invitation, open', build: (l, u) => meetingInvitationCard(meetingPayload(u, 'open'), l) },
  { name: 'ambassador invitation, cancelled', build: (l, u) => meetingInvitationCard(meetingPayload(u, 'cancelled'), l) },
  { name: 'ambassador follow-up', build: (l, u) => meetingFollowUpCard(meetingPayload(u, 'held'), l, { note: u('Du är markerad som närvarande.') }) },
  { name: 'ambassador plan', build: (l, u) => ambassadorPlanCard(l, (['planned', 'invited', 'held', 'closed', 'cancelled'] as const).map((p, k) => meetingView(u, p, k + 1)), { year: 2026, inviteDays: 7, canPlan: true, notice: u('Sparat') }) },
  { name: 'governing documents', build: (l, u) => governanceListCard(l, Array.from({ length: 5 }, (_, k) => doc(u, k + 1))) },
  { name: 'governing documents, linking to the register', build: (l, u) => governanceListCard(l, Array.from({ length: 45 }, (_, k) => doc(u, k + 1)), links) },
  { name: 'governance review reminder', build: (l, u) => reviewReminderCard({ documentId: '1', title: u('Informationssäkerhetspolicy'), url: 'https://lis.example.org/p.pdf', decidedAt: '2025-01-15', reviewAt: '2026-12-15', overdue: false, reviewed: null, suggestedNextReviewAt: '2027-12-15' }, l) },
  { name: 'governance review reminder, reviewed', build: (l, u) => reviewReminderCard({ documentId: '1', title: u('Policy'), url: 'https://lis.example.org/p.pdf', decidedAt: '2025-01-15', reviewAt: '2026-12-15', overdue: true, reviewed: { on: '2026-12-01', nextReviewAt: '2027-12-01', byName: u('Henrik Sandberg') }, suggestedNextReviewAt: '2027-12-15' }, l) },
  { name: 'training form', build: (l, u) => trainingFormCard(l, { courses: courses(u).map((c, k) => ({ ...c, mandatory: k === 0, audience: k === 0 ? 'all' : 'management', validityMonths: null })), today: '2026-11-28', values: { email: u('anna@example.org'), courseCode: 'IS-BAS', completedAt: '2026-11-01' }, error: u('Fel') }) },
  { name: 'training reminder', build: (l, u) => trainingReminderCard(teamReport(u), l) },
  ...(['classification_review', 'risk_review', 'supplier_follow_up', 'dpa_expiry', 'contract_end', 'audit_planned', 'dpia_review', 'dpia_opinion'] as const).map((kind, k) => ({
    name: `register reminder: ${kind}`,
    build: (l: Locale, u: UserText) => registerReminderCard({ kind, register: 'risks', id: String(k + 1), code: `RISK-00${k + 1}`, title: u('Felskickad e-post med personuppgifter'), dueAt: '2026-12-15', overdue: k % 2 === 0, detail: k % 3 ? u('Loggning och åtkomst') : null }, l, links),
  })),
  { name: 'register reminder: retention digest', build: (l) => registerReminderCard({ kind: 'retention_due', register: null, id: null, code: null, title: '3', dueAt: '2026-12-01', overdue: false, detail: 'risks: 1, roles: 2' }, l, links) },
  { name: 'my training', build: (l, u) => myTrainingCard(l, { today: '2026-11-28', management: false, own: { all: courses(u).slice(0, 1), management: [] }, team: null }) },
];

/** Card template files, for checking that the catalogue covers each one. */
export const TEMPLATE_FILES = [
  'access-campaign', 'access-decision', 'access-leaver-form', 'access-leaver', 'access-notice', 'access-reminder', 'access-request', 'access-review', 'access-task',
  'ambassador-follow-up', 'ambassador-meeting-form', 'ambassador-meeting', 'ambassador-plan', 'card-short', 'governance-list', 'governance-review-reminder',
  'incident-draft', 'incident-form', 'incident-investigation', 'incident-notice', 'incident-receipt', 'incident-reminder', 'incident-reopen', 'incident-reports', 'incident-triage', 'incident-wizard',
  'menu', 'message', 'my-cases', 'register-reminder', 'training-record-form', 'training-reminder',
];

/** The SDK's parse and validation events for a card (empty when it is valid). */
export function adaptiveCardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => `parse: ${context.getEventAt(i).message}`);
  return [...events, ...parsed.validateProperties().validationEvents.map((e) => `validate: ${e.message}`)];
}

