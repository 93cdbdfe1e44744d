/**
 * What the register's search box asks the hub. Eleven digits are a national identity number, which
 * finds one person; anything else is part of a name. Spaces inside a number are how people write it
 * (`010180 12345`), so they are dropped there.
 */
export type RegisterQuery =
  | { kind: 'nationalId'; nationalId: string }
  | { kind: 'page'; name?: string; page: number; size: number };

export const PAGE_SIZE = 20;

export function registerQuery(typed: string, page: number): RegisterQuery {
  const text = typed.trim();
  const digits = text.replace(/\s+/g, '');
  if (/^\d{11}$/.test(digits)) {
    return { kind: 'nationalId', nationalId: digits };
  }
  return text
    ? { kind: 'page', name: text, page, size: PAGE_SIZE }
    : { kind: 'page', page, size: PAGE_SIZE };
}

/** The query parameters of GET /api/participants for a query. */
export function queryParameters(query: RegisterQuery): Record<string, string> {
  if (query.kind === 'nationalId') {
    return { nationalId: query.nationalId };
  }
  return {
    ...(query.name ? { name: query.name } : {}),
    page: String(query.page),
    size: String(query.size),
  };
}
