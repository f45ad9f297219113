/** Date formats made once and kept (core/domain/time.ts, ADR 020): the same text as a new format. */
import { describe, expect, it } from 'vitest';
import { dateTimeFormat, formatStockholm } from '../../../core/domain';

describe('kept date formats', () => {
  it('formatStockholm writes what a new Intl.DateTimeFormat writes, in both languages and both seasons', () => {
    const options: Intl.DateTimeFormatOptions = { timeZone: 'Europe/Stockholm', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
    for (const iso of ['2026-03-13T09:00:00.000Z', '2026-07-01T22:30:00.000Z', '2026-10-25T00:59:59.000Z', '2026-10-25T01:00:00.000Z']) {
      expect(formatStockholm(iso, 'sv')).toBe(new Intl.DateTimeFormat('sv-SE', options).format(new Date(iso)));
      expect(formatStockholm(iso, 'en')).toBe(new Intl.DateTimeFormat('en-GB', options).format(new Date(iso)));
    }
    expect(formatStockholm('2026-03-13T09:00:00.000Z', 'sv')).toBe('fre 13 mars 2026 10:00');
    expect(formatStockholm('2026-07-01T22:30:00.000Z', 'en')).toBe('Thu, 2 Jul 2026, 00:30');
  });

  it('dateTimeFormat keeps one format per locale and options, and options still count', () => {
    const a = dateTimeFormat('sv-SE', { timeZone: 'UTC', month: 'long' });
    expect(dateTimeFormat('sv-SE', { timeZone: 'UTC', month: 'long' })).toBe(a);
    expect(dateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long' })).not.toBe(a);
    expect(dateTimeFormat('sv-SE', { timeZone: 'UTC', month: 'short' })).not.toBe(a);
    const at = new Date('2026-12-10T12:00:00Z');
    expect(a.format(at)).toBe('december');
    expect(dateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long' }).format(at)).toBe('December');
    expect(dateTimeFormat('sv-SE', { timeZone: 'UTC', month: 'short' }).format(at)).toBe('dec.');
  });
});
