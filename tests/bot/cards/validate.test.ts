/**
 * Issue 17.2: every card template, rendered with representative data in both languages, is a valid
 * Adaptive Card as the official SDK (adaptivecards 3.0.6) reads it — parsed with
 * `AdaptiveCard.parse` and checked with `validateProperties`, failing on any event — fully expanded,
 * and within Teams' size limit. Today the incident wizard's "vet ej" choices had an empty value,
 * which the SDK rejects.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CARD_BYTES, plainHeading, shortCard } from '../../../bot/cards/render';
import { adaptiveCardProblems, CATALOGUE, TEMPLATE_FILES } from './catalogue';

describe('every card', () => {
  for (const locale of ['sv', 'en'] as const) {
    it(`is a valid Adaptive Card, fully expanded and under ${MAX_CARD_BYTES} bytes (${locale})`, () => {
      const problems: string[] = [];
      for (const entry of CATALOGUE) {
        const card = entry.build(locale, (s) => s);
        const json = JSON.stringify(card);
        if (json.includes('${')) problems.push(`${entry.name}: unexpanded template expression`);
        if (Buffer.byteLength(json) > MAX_CARD_BYTES) problems.push(`${entry.name}: ${Buffer.byteLength(json)} bytes`);
        for (const p of adaptiveCardProblems(card)) problems.push(`${entry.name}: ${p}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('including the short version that replaces a card too large for Teams', () => {
    for (const locale of ['sv', 'en'] as const) {
      expect(adaptiveCardProblems(shortCard(locale, 'Incident INC\\-2026\\-0042', { url: 'https://lis.example.org/#/incidents/42', open: { verb: 'incident.open', id: '42' } }))).toEqual([]);
      expect(adaptiveCardProblems(shortCard(locale, ''))).toEqual([]);
    }
  });

  it('the catalogue covers every template file', () => {
    const files = readdirSync(path.resolve(import.meta.dirname, '../../../bot/cards/templates')).map((f) => f.replace(/\.json$/, '')).sort();
    expect(files).toEqual([...TEMPLATE_FILES].sort());
    const rendered = new Set(CATALOGUE.flatMap((e) => [JSON.stringify(e.build('sv', (s) => s))]));
    expect(rendered.size).toBe(CATALOGUE.length);
  });

  it('gives the wizard’s "vet ej" and "ingen" choices a value of their own', () => {
    const where = CATALOGUE.find((e) => e.name === 'incident wizard, where')!.build('sv', (s) => s);
    const choices = JSON.stringify(where).match(/"choices":\[[^\]]*\]/g)!.join();
    expect(choices).not.toContain('"value":""');
    expect(choices).toContain('"title":"Vet ej","value":"unknown"');
  });

  it('has a heading that reads as plain text: the summary of a notification without its own', () => {
    for (const locale of ['sv', 'en'] as const) {
      for (const entry of CATALOGUE) {
        const heading = plainHeading(entry.build(locale, (x) => x));
        expect(heading.length, entry.name).toBeGreaterThan(3);
        expect(heading, entry.name).not.toMatch(/\\|\u200B/);
      }
    }
    expect(plainHeading(CATALOGUE.find((e) => e.name === 'incident notice, ISAM')!.build('en', (x) => x))).toBe('Incident INC-2026-0042');
  });

  it('replaces a card that would not fit with a short one in the recipient’s language, linking to the record', () => {
    const huge = (x: string) => `${x} ${'"'.repeat(30_000)}`;
    for (const [name, locale, text] of [['access review', 'en', 'too large for a card in Teams'], ['incident notice, manager', 'sv', 'för stort för ett kort i Teams']] as const) {
      const card = CATALOGUE.find((e) => e.name === name)!.build(locale, huge);
      const json = JSON.stringify(card);
      expect(json, name).toContain('"lis-card-short"');
      expect(json, name).toContain(text);
      expect(json, name).toMatch(/"type":"Action\.OpenUrl","title":"(Open in LIS|Öppna i LIS)","url":"https:\/\/lis\.example\.org\/#\/(access|incidents\/42)"/);
      expect(Buffer.byteLength(json)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    }
  });
});
