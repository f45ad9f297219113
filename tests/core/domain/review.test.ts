/** The management review's rules: whole-month periods, the lock, retention (core/domain/review.ts). */
import { describe, expect, it } from 'vitest';
import { isReviewEditable, isReviewLocked, reviewKeptUntil, reviewMonths, reviewPeriodProblem, reviewRemovalVerdict } from '../../../core/domain';

describe('the review period', () => {
  it('is whole Stockholm months, at most 24', () => {
    expect(reviewPeriodProblem('2025-01-01', '2025-12-31')).toBeNull();
    expect(reviewPeriodProblem('2024-02-01', '2024-02-29')).toBeNull();
    expect(reviewPeriodProblem('2025-01-02', '2025-12-31')).toBe('review.periodStart');
    expect(reviewPeriodProblem('2025-01-01', '2025-02-28')).toBeNull();
    expect(reviewPeriodProblem('2024-01-01', '2024-02-28')).toBe('review.periodEnd');
    expect(reviewPeriodProblem('2025-06-01', '2025-05-31')).toBe('review.periodOrder');
    expect(reviewPeriodProblem('2023-01-01', '2025-01-31')).toBe('review.periodLength');
    expect(reviewMonths('2025-11-01', '2026-02-28')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('the lock and retention', () => {
  it('edits only drafts, locks decided reviews and keeps them for the retention years from the decision', () => {
    expect(isReviewEditable('draft')).toBe(true);
    expect(isReviewEditable('presented')).toBe(false);
    expect(isReviewLocked('presented')).toBe(false);
    expect(isReviewLocked('decided')).toBe(true);
    expect(reviewKeptUntil('2026-11-28', 5)).toBe('2031-11-28');
    expect(reviewKeptUntil('2028-02-29', 5)).toBe('2033-02-28');
    expect(reviewRemovalVerdict({ status: 'draft', keptUntil: null }, '2026-12-01')).toEqual({ ok: true });
    expect(reviewRemovalVerdict({ status: 'decided', keptUntil: '2031-11-28' }, '2031-11-28')).toEqual({ ok: false, reason: 'locked_until', until: '2031-11-28' });
    expect(reviewRemovalVerdict({ status: 'decided', keptUntil: '2031-11-28' }, '2031-11-29')).toEqual({ ok: true });
    expect(reviewRemovalVerdict({ status: 'registered', keptUntil: null }, '2099-01-01').ok).toBe(false);
  });
});
