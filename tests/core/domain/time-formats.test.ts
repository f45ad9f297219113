/** Date formats made once and kept (core/domain/time.ts, ADR 023): the same text as a new format. */
import { describe, expect, it } from 'vitest';
import { dateTimeFormat, formatStockholm, stockholmWallTime } from '../../../core/domain';

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

describe('Stockholm wall time from the kept offsets', () => {
  const intl = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const fromIntl = (at: Date) => {
    const p = Object.fromEntries(intl.formatToParts(at).map((x) => [x.type, Number(x.value)]));
    return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
  };

  it('is what the time-zone database says, every 7 minutes 13 seconds across two years and their DST changes', () => {
    const start = Date.parse('2025-12-31T00:00:00Z');
    const end = Date.parse('2028-01-01T00:00:00Z');
    for (let t = start; t < end; t += 433_000) expect(stockholmWallTime(new Date(t)), new Date(t).toISOString()).toEqual(fromIntl(new Date(t)));
  });

  it('is right at the seconds around the changes and before 1970', () => {
    for (const iso of ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-10-25T00:59:59.999Z', '2026-10-25T01:00:00.000Z', '1969-07-20T20:17:40.000Z', '2026-12-31T23:00:00.000Z']) {
      expect(stockholmWallTime(new Date(iso)), iso).toEqual(fromIntl(new Date(iso)));
    }
    expect(stockholmWallTime(new Date('2026-03-29T01:00:00.000Z'))).toMatchObject({ hour: 3, minute: 0 });
    expect(stockholmWallTime(new Date('2026-10-25T00:59:59.000Z'))).toMatchObject({ hour: 2, minute: 59 });
    expect(stockholmWallTime(new Date('2026-10-25T01:00:00.000Z'))).toMatchObject({ hour: 2, minute: 0 });
  });
});
