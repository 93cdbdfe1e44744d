import { describe, expect, it } from 'vitest';
import {
  addressOf,
  csvAddress,
  emptySearch,
  hubQuery,
  searchFromAddress,
  searchProblems,
  startOfOsloDay,
} from './search';

describe('the audit search', () => {
  it('asks the hub only for the filters given, with the page and its size', () => {
    const search = { ...emptySearch(), person: ' 6f0c3c1e-aaaa ', outcome: 'refused', page: 2 };
    expect(hubQuery(search)).toEqual({
      person: '6f0c3c1e-aaaa',
      outcome: 'refused',
      page: '2',
      size: '25',
    });
  });

  it('takes the days whole, on Oslo\u2019s calendar, in winter and in summer', () => {
    const winter = hubQuery({ ...emptySearch(), from: '2026-11-25', until: '2026-11-25' });
    expect(winter.from).toBe('2026-11-24T23:00:00Z');
    expect(winter.until).toBe('2026-11-25T23:00:00Z');
    const summer = hubQuery({ ...emptySearch(), from: '2026-07-01', until: '2026-07-31' });
    expect(summer.from).toBe('2026-06-30T22:00:00Z');
    expect(summer.until).toBe('2026-07-31T22:00:00Z');
  });

  it('finds the start of the days the clocks change on', () => {
    expect(startOfOsloDay('2026-03-29')).toBe('2026-03-28T23:00:00Z');
    expect(startOfOsloDay('2026-03-30')).toBe('2026-03-29T22:00:00Z');
    expect(startOfOsloDay('2026-10-25')).toBe('2026-10-24T22:00:00Z');
    expect(startOfOsloDay('2026-10-26')).toBe('2026-10-25T23:00:00Z');
    // The last day of a year runs into the next.
    expect(hubQuery({ ...emptySearch(), until: '2026-12-31' }).until).toBe('2026-12-31T23:00:00Z');
  });

  it('downloads the same search as CSV, every page of it', () => {
    const search = { ...emptySearch(), agency: '311000047', from: '2026-11-25', page: 3 };
    expect(csvAddress(search)).toBe(
      '/api/audit/entries/csv?agency=311000047&from=2026-11-24T23%3A00%3A00Z',
    );
    expect(csvAddress(emptySearch())).toBe('/api/audit/entries/csv');
  });

  it('keeps the search in the address and reads it back', () => {
    const search = { ...emptySearch(), user: 'kari.caseworker', action: 'consent.decision', page: 1 };
    const address = addressOf(search);
    expect(address.toString()).toBe('user=kari.caseworker&action=consent.decision&page=1');
    expect(searchFromAddress(address)).toEqual(search);
    expect(addressOf(emptySearch()).toString()).toBe('');
    expect(searchFromAddress(new URLSearchParams('page=-4&other=x')).page).toBe(0);
  });

  it('points out a range that ends before it begins, before asking the hub', () => {
    expect(searchProblems({ ...emptySearch(), from: '2026-11-25', until: '2026-11-24' })).toEqual([
      { field: 'until', message: 'audit.search.error.range' },
    ]);
    expect(searchProblems({ ...emptySearch(), from: '2026-11-25', until: '2026-11-25' })).toEqual([]);
    expect(searchProblems({ ...emptySearch(), from: '25.11.2026' })).toEqual([
      { field: 'from', message: 'audit.search.error.day' },
    ]);
  });
});
