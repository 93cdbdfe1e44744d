import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../format';
import { ensureLocaleData } from './localeData';

// Node has every language's data, so this test makes the page act as Debian's Chromium does for
// Tigrinya, Somali and Kurmanji, and checks that the bundled polyfills and data do the work.
describe('the bundled locale data', () => {
  it('installs nothing where the engine knows the language', async () => {
    expect(await ensureLocaleData('nb')).toEqual([]);
  });

  it("formats Tigrinya, Somali and Kurmanji dates in their own words, on Oslo's clock", async () => {
    const parts = await ensureLocaleData('ti', ['dateTimeFormat', 'numberFormat', 'displayNames']);
    expect(parts).toEqual(expect.arrayContaining(['dateTimeFormat', 'numberFormat', 'displayNames']));

    const tigrinya = formatDateTime('2026-12-01T13:03:00Z', 'ti');
    expect(tigrinya).toContain('ታሕ');
    expect(tigrinya).toContain('14:03');
    expect(tigrinya).toMatch(/CET|GMT\+1|\+1/);
    expect(formatDateTime('2026-07-01T12:00:00Z', 'ti')).toContain('14:00');

    await ensureLocaleData('so');
    expect(formatDate('2026-12-01T12:00:00Z', 'so')).toBe('Diseembar 1, 2026');
    await ensureLocaleData('ku');
    expect(formatDate('2026-12-01T12:00:00Z', 'ku')).toContain('berfanbar');

    // Norwegian and English, shown beside, still read right with the polyfill in place.
    expect(formatDate('2026-11-30T23:30:00Z', 'nb')).toBe('1. desember 2026');
    expect(new Intl.DisplayNames(['ti'], { type: 'language' }).of('ti')).toBe('ትግርኛ');
    expect(new Intl.NumberFormat('so').format(1234.5)).toMatch(/1,234\.5|1\.234,5/);
  });
});
