/**
 * What the tab says is about people's work, not about how the app stores it: no footnote or label
 * names SharePoint, list indexes or the list view threshold (issue 16).
 */
import { describe, expect, it } from 'vitest';
import { en, sv } from '../../../core/i18n';

const INTERNALS = /sharepoint|index|indexer|threshold|tröskel|graph\b|5 000/i;

describe('the tab’s words', () => {
  it('never name the store’s internals, in Swedish or English', () => {
    const tabKeys = Object.keys(sv).filter((k) => k.startsWith('tab.'));
    expect(tabKeys.length).toBeGreaterThan(300);
    const found = tabKeys.flatMap((k) => [sv, en].map((c) => [k, (c as Record<string, string>)[k]!] as const)).filter(([, text]) => INTERNALS.test(text));
    expect(found).toEqual([]);
  });
});
