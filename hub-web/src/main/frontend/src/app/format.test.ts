import { describe, expect, it } from 'vitest';
import { durationSeconds, formatDate, formatDateTime, formatWait } from './format';

describe('formatDateTime', () => {
  it("shows an instant on Oslo's clock, with the zone, in Norwegian", () => {
    const winter = formatDateTime('2026-12-01T13:03:00Z', 'nb');
    expect(winter).toContain('14:03');
    expect(winter).toContain('des');
    expect(winter).toMatch(/CET|GMT\+1/);
  });

  it('knows summer time', () => {
    const summer = formatDateTime('2026-07-01T12:00:00Z', 'nb');
    expect(summer).toContain('14:00');
    expect(summer).toMatch(/CEST|GMT\+2/);
  });

  it("shows it in the reader's language", () => {
    const english = formatDateTime('2026-12-01T13:03:00Z', 'en');
    expect(english).toContain('Dec');
    expect(english).toMatch(/2:03\s?PM/);
  });

  it('puts a date just after midnight in Oslo on the Norwegian day, not the UTC one', () => {
    expect(formatDate('2026-11-30T23:30:00Z', 'nb')).toBe('1. desember 2026');
    expect(formatDate('2026-11-30T23:30:00Z', 'en')).toBe('December 1, 2026');
  });

  it('shows Dari dates on the Gregorian calendar, not the Solar Hijri', () => {
    const dari = formatDate('2026-12-01T12:00:00Z', 'fa-AF');
    expect(dari).toMatch(/۲۰۲۶|2026/);
    expect(dari).not.toMatch(/۱۴۰۵|1405/);
    expect(formatDateTime('2026-12-01T12:00:00Z', 'fa-AF')).not.toMatch(/۱۴۰۵|1405/);
  });

  it('refuses what is no date', () => {
    expect(() => formatDateTime('yesterday', 'nb')).toThrow(RangeError);
  });
});

describe('durationSeconds', () => {
  it('reads the durations the hub writes', () => {
    expect(durationSeconds('PT45S')).toBe(45);
    expect(durationSeconds('PT2M31S')).toBe(151);
    expect(durationSeconds('PT1H')).toBe(3600);
    expect(durationSeconds('P1DT2H')).toBe(93600);
  });

  it('reads nothing into what is not such a duration', () => {
    expect(durationSeconds(undefined)).toBeUndefined();
    expect(durationSeconds('')).toBeUndefined();
    expect(durationSeconds('P')).toBeUndefined();
    expect(durationSeconds('PT')).toBeUndefined();
    expect(durationSeconds('P1M')).toBeUndefined();
    expect(durationSeconds('three minutes')).toBeUndefined();
  });
});

describe('formatWait', () => {
  it('says a wait in seconds under a minute, and in whole minutes rounded up above', () => {
    expect(formatWait(45, 'en')).toBe('45 seconds');
    expect(formatWait(60, 'en')).toBe('1 minute');
    expect(formatWait(151, 'en')).toBe('3 minutes');
    expect(formatWait(151, 'nb')).toBe('3 minutter');
  });

  it('says long waits in hours and days', () => {
    expect(formatWait(2 * 3600 + 60, 'en')).toBe('2 hours');
    expect(formatWait(3 * 86400, 'en')).toBe('3 days');
  });

  it("uses the language's own plural forms", () => {
    expect(formatWait(180, 'uk')).toBe('3 хвилини');
    expect(formatWait(300, 'uk')).toBe('5 хвилин');
    expect(formatWait(180, 'ar')).toContain('دقائق');
    expect(formatWait(660, 'ar')).toContain('دقيقة');
  });
});
