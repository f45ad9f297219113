/**
 * Every access card, in both languages, as the Adaptive Cards SDK reads it: no parse or validation
 * errors, Action.Execute only, under 40 kB at the largest sizes we send, and whatever a person wrote
 * escaped so Teams shows it literally.
 */
import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import type { CampaignView, LeaverView, RequestView, ReviewView } from '../../core/app/access';
import { accessCampaignCard } from '../../bot/cards/access-campaign';
import { accessDecisionCard } from '../../bot/cards/access-decision';
import { accessLeaverCard, accessLeaverFormCard } from '../../bot/cards/access-leaver';
import { accessNoticeCard } from '../../bot/cards/access-notice';
import { accessRequestCard } from '../../bot/cards/access-request';
import { accessReminderCard, accessReviewCard } from '../../bot/cards/access-review';
import { accessTaskCard } from '../../bot/cards/access-task';
import type { AdaptiveCard } from '../../bot/cards/render';
import { buttons, visible } from './access-helpers';

const EVIL = '**fet** [klicka här](https://evil.example) # rubrik';
const person = (n: number, name = `Person ${n}`) => ({ id: `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name, unit: 'IFO' });
const asset = { id: '7', code: 'IA-007', name: 'Teams, SharePoint och OneDrive (samarbetsytor)' };

const request = (over: Partial<RequestView> = {}): RequestView => ({
  id: '42', kind: 'change', status: 'pending', origin: 'request', subject: person(16, 'Johanna Berg'), requester: person(17, 'Ali Hussein'), asset,
  role: EVIL, grant: { id: '9', role: 'Läsbehörighet', validUntil: null, status: 'active' }, justification: EVIL, validUntil: '2027-06-30',
  deciders: [{ ...person(7, 'Per Holmberg'), as: 'owner' }, { ...person(41, 'Camilla Norén'), as: 'delegate' }], decidedBy: null, decidedAs: null, decidedAt: null, comment: null, takenBy: null, takenAt: null,
  completedBy: null, completedAt: null, requestedAt: '2026-11-28T09:00:00.000Z', ...over,
});
const decided = request({ status: 'approved', decidedBy: person(7, 'Per Holmberg'), decidedAs: 'owner', decidedAt: '2026-11-28T10:00:00.000Z', comment: EVIL });
const review = (rows: number): ReviewView => ({
  id: '3', campaignId: '1', campaignName: 'Behörighetsrevision mars 2027', dueAt: '2027-03-31T21:59:59.000Z', status: 'open', completedAt: null, asset,
  owner: person(7, 'Per Holmberg'), delegate: null, concerns: null, reviewerAs: 'owner', total: 400, kept: 10, removed: 2, pending: 388, page: 1, pages: 39,
  rows: Array.from({ length: rows }, (_, k) => ({ grantId: String(100 + k), subject: person(k + 1, `Förnamn Efternamnsson-Långnamn ${k}`), role: `${EVIL} ${'x'.repeat(150)}`, grantedAt: '2021-09-01T07:00:00.000Z', validUntil: k % 2 ? '2027-12-31' : null })),
});
const campaign: CampaignView = {
  id: '1', name: 'Behörighetsrevision mars 2027', period: '2027-03', status: 'running', startedBy: person(2, 'Henrik Sandberg'), startedAt: '2027-03-01T08:00:00.000Z',
  dueAt: '2027-03-31T21:59:59.000Z', completedAt: null, reviews: 18, completedReviews: 3, grants: 65, kept: 20, removed: 3,
  waitingFor: Array.from({ length: 20 }, (_, k) => ({ owner: person(k + 1), asset: { ...asset, name: `${EVIL} ${k}` }, pending: 4 })),
};
const leaver = (tasks: number): LeaverView => ({
  id: '5', person: person(32, 'Jonas Lindqvist'), lastDay: '2026-12-31', recordedBy: person(30, 'Thomas Granlund'), recordedAt: '2026-11-28T09:00:00.000Z', processedAt: '2026-12-31T06:00:00.000Z',
  activeGrants: tasks, tasks: Array.from({ length: tasks }, (_, k) => ({ requestId: String(200 + k), asset: { ...asset, name: `System med ett långt namn nummer ${k}` }, role: `${EVIL} ${k}`, status: k % 3 ? 'approved' : 'done', completedBy: k % 3 ? null : person(8, 'Sara Johansson'), completedAt: k % 3 ? null : '2026-12-31T09:00:00.000Z' })),
});
const startView = { running: null, period: '2027-03', name: 'Behörighetsrevision mars 2027', grants: 65, assets: 18, owners: 7, suggestedDue: '2027-03-31', minDue: '2027-03-02', maxDue: '2027-06-29' };

function cards(locale: 'sv' | 'en'): [string, AdaptiveCard][] {
  return [
    ['request form', accessRequestCard(locale, {
      formId: 'f1', today: '2026-11-28',
      options: { self: person(16, 'Johanna Berg'), people: Array.from({ length: 40 }, (_, k) => person(k + 1)), assets: Array.from({ length: 150 }, (_, k) => ({ id: String(k + 1), code: `IA-${k + 1}`, name: `Informationstillgång med ett ganska långt namn ${k}` })), grants: [{ id: '1', role: 'A', validUntil: null }, { id: '2', role: 'B', validUntil: '2027-01-01' }] },
      values: { kind: 'change', subjectId: null, assetId: '3', role: EVIL, justification: EVIL, validUntil: null, grantId: null },
      issues: [{ path: ['grantId'], code: 'rule', messageKey: 'access.grantRequired', params: {} }, { path: ['justification'], code: 'rule', messageKey: 'access.justificationRequired', params: {} }],
    })],
    ['decision, pending', accessDecisionCard(locale, request(), { comment: EVIL, error: 'x' })],
    ['decision, decided', accessDecisionCard(locale, decided, { note: { text: 'Klart', tone: 'good' } })],
    ['task, approved', accessTaskCard(locale, decided)],
    ['task, expiry', accessTaskCard(locale, request({ kind: 'termination', origin: 'expiry', status: 'in_progress', takenBy: person(8), takenAt: '2026-11-29T08:00:00.000Z', decidedAt: '2026-11-29T08:00:00.000Z' }))],
    ['notice, approved', accessNoticeCard(locale, { event: 'approved', request: decided })],
    ['notice, done', accessNoticeCard(locale, { event: 'done', audience: 'subject', request: { ...decided, status: 'done', completedBy: person(8), completedAt: '2026-11-29T08:00:00.000Z' } })],
    ['notice, campaign', accessNoticeCard(locale, { event: 'campaignCompleted', campaign: { ...campaign, status: 'completed' } })],
    ['review, 10 rows', accessReviewCard(locale, review(10))],
    ['review, complete', accessReviewCard(locale, { ...review(0), status: 'completed', pending: 0, completedAt: '2027-03-10T10:00:00.000Z' })],
    ['reminder', accessReminderCard(locale, { campaignName: campaign.name, dueAt: campaign.dueAt, overdue: true, items: Array.from({ length: 8 }, (_, k) => ({ reviewId: String(k), asset: { ...asset, code: `IA-00${k}` }, pending: k })) })],
    ['campaign, start', accessCampaignCard(locale, { mode: 'start', start: startView, error: 'fel' })],
    ['campaign, proposal', accessCampaignCard(locale, { mode: 'proposal', proposal: startView, campaign: null })],
    ['campaign, status', accessCampaignCard(locale, { mode: 'status', campaign })],
    ['leaver form', accessLeaverFormCard(locale, { anyone: false, people: Array.from({ length: 30 }, (_, k) => person(k + 1)) }, { personId: null, lastDay: null })],
    ['leaver, 40 tasks', accessLeaverCard(locale, 'tasks', leaver(60))],
    ['leaver, registered', accessLeaverCard(locale, 'registered', { ...leaver(0), processedAt: null, activeGrants: 12 })],
  ];
}

describe('access cards', () => {
  for (const locale of ['sv', 'en'] as const) {
    it(`parse and validate as Adaptive Cards 1.5 (${locale})`, () => {
      for (const [name, card] of cards(locale)) {
        const json = JSON.stringify(card);
        expect(json.length, name).toBeLessThan(40_000);
        expect(json, name).not.toContain('${'); // every template expression was filled
        const parsed = new AC.AdaptiveCard();
        const context = new AC.SerializationContext();
        parsed.parse(card, context);
        const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
        expect(events, name).toEqual([]);
        expect(parsed.validateProperties().validationEvents.map((e) => e.message), name).toEqual([]);
        expect(json, name).not.toMatch(/"Action\.(Submit|OpenUrl|ShowCard)"/);
      }
    });
  }

  it('shows what people wrote literally, never as markdown or a link', () => {
    // Text Teams renders as markdown: TextBlocks and FactSets.
    const markdown = (card: unknown): string[] => {
      const out: string[] = [];
      const walk = (n: unknown) => {
        if (Array.isArray(n)) return n.forEach(walk);
        if (!n || typeof n !== 'object') return;
        const o = n as Record<string, unknown>;
        if (o.type === 'TextBlock') out.push(String(o.text));
        if (o.type === 'FactSet') for (const f of o.facts as { title: string; value: string }[]) out.push(f.title, f.value);
        Object.values(o).forEach(walk);
      };
      walk(card);
      return out;
    };
    let checked = 0;
    for (const [name, card] of cards('sv')) {
      for (const text of markdown(card).filter((x) => x.includes('fet'))) {
        expect(text, name).toContain('\\*\\*fet\\*\\* \\[klicka här\\]\\(https:\u200B//evil\\.example\\) \\# rubrik');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    // Typed values go back into inputs as typed (inputs are plain text).
    const [, form] = cards('sv')[0]!;
    expect(JSON.stringify(form)).toContain(`"value":${JSON.stringify(EVIL)}`);
  });

  it('offers buttons only while there is something to do', () => {
    expect(buttons(accessDecisionCard('sv', request())).map((b) => b.verb)).toEqual(['access.request.approve', 'access.request.deny']);
    expect(buttons(accessDecisionCard('sv', decided))).toEqual([]);
    expect(buttons(accessTaskCard('sv', { ...decided, status: 'done' }))).toEqual([]);
    expect(buttons(accessLeaverCard('sv', 'tasks', leaver(3))).map((b) => b.verb)).toEqual(['access.task.done', 'access.task.done', 'access.leaver.doneAll']);
    expect(visible(accessLeaverCard('en', 'tasks', leaver(60)))).toContain('and 20 more');
  });
});
