/**
 * The words of the bot's cards, which share the tab's strings: the deadline said as a date (not
 * "Tidsfrist: klar sön 6 dec."), plural forms chosen by number ("3 uppgifter", not
 * "3 uppgift(er)"), "bedömd" rather than "triagerad", typographic quotes.
 */
import { describe, expect, it } from 'vitest';
import type { IncidentView } from '../../../core/api';
import { t } from '../../../core/i18n';
import { investigationCard, noticeCard } from '../../../bot/cards/incidents';
import { CATALOGUE } from './catalogue';

const texts = (node: unknown, out: string[] = []): string[] => {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) typeof v === 'string' && ['text', 'title', 'label', 'value', 'placeholder'].includes(k) ? out.push(v) : texts(v, out);
  return out;
};

const NOW = new Date('2026-12-06T10:00:00.000Z');
const incident: IncidentView = {
  id: '21', caseNumber: 'INC-2026-0021', detailed: true, status: 'investigating', category: 'misdirected', title: 'Brev i fel kuvert', description: 'Ett beslut skickades till fel adress.',
  severity: 'medium', significant: 'no', personalDataBreach: true, personalData: { involved: 'yes', approxSubjects: 1, categories: ['social'], protectedIdentity: false },
  reportedAt: '2026-11-06T08:40:00.000Z', discoveredAt: '2026-11-06T08:30:00.000Z', awareAt: '2026-11-06T08:40:00.000Z', occurredAt: null, reporterName: 'Johanna Berg', unit: 'AOM', managerName: 'Birgitta Nyström',
  managerId: 'd0000000-0000-4000-8000-000000000019', assetName: null, supplierName: null, significanceRationale: 'Få berörda.', investigation: null, closedAt: null,
  clocks: [{ kind: 'internal_investigation', startedAt: '2026-11-06T10:40:00.000Z', dueAt: '2026-12-06T10:40:00.000Z', completedAt: '2026-11-20T09:00:00.000Z', completedBy: null, reference: null, outcome: 'sent', rationale: null, key: 'internal_investigation', basis: 'confirmed', recordedAt: '2026-11-20T09:00:00.000Z', stoppedBy: null, lateReason: null, evidenceId: null, requestReference: null }],
  facts: null,
  undecided: false,
};

describe('the cards’ words', () => {
  it('gives the investigation’s deadline as a date, even when the investigation is already recorded', () => {
    // Cards escape markdown ("6 dec\\."): read as a person sees it.
    const intro = texts(investigationCard('sv', incident, { findings: '', actions: '' }, [], NOW)).find((s) => s.includes('Tidsfrist'))!.replace(/\\/g, '');
    expect(intro).toMatch(/Tidsfrist: sön 6 dec\. 2026 11:40\.$/);
    expect(intro).not.toContain('klar');
  });

  it('says “1 person”, not “1 personer”, and “Bedömd”, not “Triagerad”', () => {
    const card = texts(noticeCard('sv', { ...incident, status: 'triaged' }, 'isam', NOW));
    expect(card.join('\n')).toContain('ca 1 person');
    expect(card.join('\n')).not.toMatch(/ca 1 personer|[Tt]riager/);
    expect(t('sv', 'incident.status.triaged')).toBe('Bedömd');
    expect(t('sv', 'access.form.fix', { count: 1 })).toBe('Kontrollera 1 uppgift nedan.');
    expect(t('sv', 'access.form.fix', { count: 3 })).toBe('Kontrollera 3 uppgifter nedan.');
  });

  it('has no “(er)” plural, no straight quote and no “triage” on any card, in either language', () => {
    for (const entry of CATALOGUE) {
      for (const locale of ['sv', 'en'] as const) {
        // What the app writes — user text in the catalogue is Swedish on purpose and is left out.
        const words = texts(entry.build(locale, () => 'X')).join('\n');
        expect(words, `${entry.name} (${locale})`).not.toMatch(/\((er|s)\)|[Tt]riag/);
        expect(words.replace(/"X"/g, ''), `${entry.name} (${locale})`).not.toMatch(/"[^"\n]+"/);
      }
    }
  });
});
