import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

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
