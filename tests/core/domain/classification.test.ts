import { describe, expect, it } from 'vitest';
import { nextYearlyReview, stockholmDate, summariseClassification, toUtcIso } from '../../../core/domain';
import { asset } from './fixtures';

describe('KLASSA classification', () => {
  it('summarises the highest level', () => {
    expect(summariseClassification(asset(), '2026-11-28')).toEqual({ state: 'classified', maxLevel: 3, securityProtectionFlag: false });
  });

  it('flags level 4 for separate analysis (säkerhetsskydd)', () => {
    expect(summariseClassification(asset({ availability: 4 }), '2026-11-28').securityProtectionFlag).toBe(true);
  });

  it('is due for review on the review date', () => {
    expect(summariseClassification(asset({ nextReviewAt: '2026-11-28' }), '2026-11-28').state).toBe('review_due');
    expect(summariseClassification(asset({ nextReviewAt: '2026-11-29' }), '2026-11-28').state).toBe('classified');
  });

  it('is unclassified without levels', () => {
    expect(summariseClassification(asset({ confidentiality: null, integrity: null, availability: null, traceability: null }), '2026-11-28')).toEqual({ state: 'unclassified', maxLevel: null, securityProtectionFlag: false });
  });

  it('reviews yearly, 29 February to 28 February', () => {
    expect(nextYearlyReview('2026-02-01')).toBe('2027-02-01');
    expect(nextYearlyReview('2028-02-29')).toBe('2029-02-28');
  });
});

describe('time', () => {
  it('gives the Stockholm calendar date of an instant', () => {
    expect(stockholmDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29'); // CET, +1
    expect(stockholmDate(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02'); // CEST, +2
    expect(stockholmDate(new Date('2026-07-01T21:30:00Z'))).toBe('2026-07-01');
  });

  it('normalises instants to UTC', () => {
    expect(toUtcIso('2026-05-12T18:00:00+02:00')).toBe('2026-05-12T16:00:00.000Z');
    expect(() => toUtcIso('igår')).toThrow(RangeError);
  });
});
