import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, queryParameters, registerQuery } from './search';

describe("the register's search", () => {
  it('asks for a page of the whole register when nothing is typed', () => {
    expect(queryParameters(registerQuery('  ', 2))).toEqual({ page: '2', size: String(PAGE_SIZE) });
  });

  it('looks up one person by an eleven-digit national identity number, spaces and all', () => {
    expect(registerQuery(' 010180 12345 ', 3)).toEqual({
      kind: 'nationalId',
      nationalId: '01018012345',
    });
    expect(queryParameters(registerQuery('01018012345', 0))).toEqual({ nationalId: '01018012345' });
  });

  it('searches by name for anything else, digits that are not a whole number included', () => {
    expect(queryParameters(registerQuery(' Amal ', 0))).toEqual({
      name: 'Amal',
      page: '0',
      size: String(PAGE_SIZE),
    });
    expect(registerQuery('0101801234', 0)).toMatchObject({ kind: 'page', name: '0101801234' });
    expect(registerQuery('<script>', 1)).toMatchObject({ kind: 'page', name: '<script>', page: 1 });
  });
});
