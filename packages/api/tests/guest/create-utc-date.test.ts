import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUtcDate } from '../../src/guest/create-utc-date.js';

// A host zone with an offset and daylight saving time, so reading local time as UTC is visible.
const savedTz = process.env['TZ'];
beforeAll(() => {
  process.env['TZ'] = 'America/New_York';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = savedTz;
});

/** A Date from a fresh realm (as the guest's own), so patching it leaves this test's Date alone. */
function freshDates(): { Native: DateConstructor; Utc: DateConstructor } {
  const Native = runInNewContext('Date') as DateConstructor;
  return { Native, Utc: createUtcDate(Native) };
}

describe('createUtcDate', () => {
  it('runs in a host zone that is not UTC (else the other tests prove nothing)', () => {
    const Native = runInNewContext('Date') as DateConstructor;
    expect(new Native(2026, 0, 1).getTimezoneOffset()).toBe(300);
  });

  it('reads and writes local fields as UTC, with an offset of 0 in winter and summer', () => {
    const { Utc } = freshDates();
    const jan = new Utc(2026, 0, 1, 9, 30, 15, 250);
    expect(jan.getTime()).toBe(Date.UTC(2026, 0, 1, 9, 30, 15, 250));
    expect([jan.getFullYear(), jan.getMonth(), jan.getDate(), jan.getDay(), jan.getHours()]).toEqual([
      2026, 0, 1, 4, 9,
    ]);
    expect([jan.getMinutes(), jan.getSeconds(), jan.getMilliseconds()]).toEqual([30, 15, 250]);
    expect(jan.getTimezoneOffset()).toBe(0);
    expect(new Utc(2026, 6, 1).getTimezoneOffset()).toBe(0);
    const end = new Utc(2026, 0, 31);
    end.setMonth(1); // 31 February overflows to 3 March
    end.setHours(25, 61, 61, 1001);
    expect(end.toISOString()).toBe('2026-03-04T02:02:02.001Z');
    expect(new Utc(99, 0).getFullYear()).toBe(1999);
  });

  it('formats as Node does with TZ=UTC and the en-US locale', () => {
    const { Utc } = freshDates();
    const d = new Utc(2026, 0, 1, 9, 30, 15);
    expect(d.toString()).toBe('Thu Jan 01 2026 09:30:15 GMT+0000 (Coordinated Universal Time)');
    expect(String(d)).toBe(d.toString());
    expect(d.toDateString()).toBe('Thu Jan 01 2026');
    expect(d.toTimeString()).toBe('09:30:15 GMT+0000 (Coordinated Universal Time)');
    expect(d.toLocaleString('de-DE')).toBe('1/1/2026, 9:30:15 AM');
    expect(new Utc(2026, 11, 31, 0, 5).toLocaleTimeString()).toBe('12:05:00 AM');
    expect(new Utc(2026, 11, 31, 12, 5).toLocaleString()).toBe('12/31/2026, 12:05:00 PM');
    expect(new Utc(2026, 11, 31).toLocaleDateString()).toBe('12/31/2026');
    expect(new Utc(-62198755200000).toString()).toBe(
      'Fri Jan 01 -0001 00:00:00 GMT+0000 (Coordinated Universal Time)',
    );
    const invalid = new Utc(Number.NaN);
    expect([invalid.toString(), invalid.toLocaleString(), invalid.getTimezoneOffset()]).toEqual([
      'Invalid Date',
      'Invalid Date',
      Number.NaN,
    ]);
  });

  it.each([
    ['2026-01-01T10:00:00', Date.UTC(2026, 0, 1, 10)],
    ['2026-07-01T10:00', Date.UTC(2026, 6, 1, 10)],
    ['2026-01-01T10:00:00.123', Date.UTC(2026, 0, 1, 10, 0, 0, 123)],
    ['2026-01-01', Date.UTC(2026, 0, 1)],
    ['2026-01-01T10:00:00Z', Date.UTC(2026, 0, 1, 10)],
    ['2026-01-01T10:00:00+02:00', Date.UTC(2026, 0, 1, 8)],
    ['Jan 1 2026 10:00', Date.UTC(2026, 0, 1, 10)],
    ['Thu Jan 01 2026 10:00:00 GMT-0500', Date.UTC(2026, 0, 1, 15)],
    ['not a date', Number.NaN],
  ])('parses %j as %d (no zone = UTC)', (text, expected) => {
    const { Utc } = freshDates();
    expect(Utc.parse(text)).toBe(expected);
    expect(new Utc(text).getTime()).toBe(expected);
  });

  it('keeps instanceof, subclasses, Date() as a string and the static functions', () => {
    const { Native, Utc } = freshDates();
    expect(new Utc(0)).toBeInstanceOf(Native);
    expect(new Native(0)).toBeInstanceOf(Utc);
    expect(new Utc(0).constructor).toBe(Utc);
    expect(new Utc(new Utc(5)).getTime()).toBe(5);
    class Stamp extends Utc {}
    expect(new Stamp(2026, 0).getTime()).toBe(Date.UTC(2026, 0));
    expect((Utc as unknown as () => string)()).toMatch(/GMT\+0000 \(Coordinated Universal Time\)$/);
    expect(Utc.UTC(2026, 0)).toBe(Date.UTC(2026, 0));
    expect(typeof Utc.now()).toBe('number');
    expect([Utc.name, Utc.length]).toEqual(['Date', 7]);
    expect(createUtcDate(Utc)).toBe(Utc);
  });

  it('patches dates made before the install too (they share the prototype)', () => {
    const Native = runInNewContext('Date') as DateConstructor;
    const early = new Native(Date.UTC(2026, 0, 1, 23));
    createUtcDate(Native);
    expect([early.getDate(), early.getHours(), early.getTimezoneOffset()]).toEqual([1, 23, 0]);
  });
});
