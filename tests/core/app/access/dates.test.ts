/** Stockholm calendar dates for valid-until, last days and campaign deadlines, across summer time. */
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, endOfStockholmDay, stockholmInstant, stockholmMonth, stockholmOffsetMinutes, today } from '../../../../core/app/access';

describe('access dates', () => {
  it('knows the Stockholm offset on both sides of a change', () => {
    expect(stockholmOffsetMinutes(new Date('2027-03-28T00:59:59Z'))).toBe(60);
    expect(stockholmOffsetMinutes(new Date('2027-03-28T01:00:00Z'))).toBe(120);
    expect(stockholmOffsetMinutes(new Date('2026-10-25T00:59:59Z'))).toBe(120);
    expect(stockholmOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('ends a day at 23:59:59 Stockholm time, in winter and in summer', () => {
    expect(endOfStockholmDay('2026-12-20').toISOString()).toBe('2026-12-20T22:59:59.000Z');
    expect(endOfStockholmDay('2027-03-28').toISOString()).toBe('2027-03-28T21:59:59.000Z'); // the day summer time starts
    expect(endOfStockholmDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.000Z'); // the day it ends
    expect(stockholmInstant('2027-06-01', '09:00:00.000').toISOString()).toBe('2027-06-01T07:00:00.000Z');
  });

  it('counts calendar days, and reads today and the month in Stockholm', () => {
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-11-28', -30)).toBe('2026-10-29');
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(today(new Date('2027-03-28T22:30:00Z'))).toBe('2027-03-29'); // 00:30 local
    expect(today(new Date('2027-03-28T21:30:00Z'))).toBe('2027-03-28');
    expect(stockholmMonth(new Date('2027-02-28T23:30:00Z'))).toBe('2027-03');
  });
});
