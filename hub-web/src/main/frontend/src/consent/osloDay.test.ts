import { describe, expect, it } from 'vitest';
import { endOfOsloDay, isDay, osloToday, startOfOsloDay } from './osloDay';

describe("Oslo's calendar days", () => {
  it('starts a winter day at 23:00 UTC the evening before', () => {
    expect(startOfOsloDay('2026-12-01').toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });

  it('starts a summer day at 22:00 UTC the evening before', () => {
    expect(startOfOsloDay('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('ends a day at its last second, also on the day the clocks go back', () => {
    expect(endOfOsloDay('2026-12-01').toISOString()).toBe('2026-12-01T22:59:59.000Z');
    expect(endOfOsloDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.000Z');
    expect(endOfOsloDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.000Z');
  });

  it("takes today from Oslo's calendar, not UTC's", () => {
    expect(osloToday(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(osloToday(new Date('2026-12-01T12:00:00Z'))).toBe('2026-12-01');
  });

  it('knows what is no day', () => {
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('1.12.2026')).toBe(false);
    expect(isDay('')).toBe(false);
    expect(() => startOfOsloDay('2026-13-01')).toThrow(RangeError);
  });
});
