import { HUB_TIME_ZONE } from '../app/format';

/**
 * The auditor's search as the page's address holds it (so that it can be bookmarked, reloaded and
 * paged back), and as the hub's GET /api/audit/entries reads it. The hub checks every parameter;
 * the page only turns the form's calendar days into the instants the hub takes.
 */
export interface AuditSearch {
  person: string;
  agency: string;
  user: string;
  action: string;
  outcome: string;
  /** The first day, YYYY-MM-DD on Oslo's calendar, or empty. */
  from: string;
  /** The last day, YYYY-MM-DD on Oslo's calendar, included; or empty. */
  until: string;
  /** From 0. */
  page: number;
}

export const FILTERS = ['person', 'agency', 'user', 'action', 'outcome', 'from', 'until'] as const;

/** The outcomes an entry can have, as the hub names them. */
export const OUTCOMES = ['allowed', 'refused', 'held', 'success', 'failure'] as const;

/** How many entries a page of results shows. */
export const PAGE_SIZE = 25;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function emptySearch(): AuditSearch {
  return { person: '', agency: '', user: '', action: '', outcome: '', from: '', until: '', page: 0 };
}

/** The search an address's query holds; anything else in it is passed over. */
export function searchFromAddress(query: URLSearchParams): AuditSearch {
  const search = emptySearch();
  for (const filter of FILTERS) {
    search[filter] = (query.get(filter) ?? '').trim();
  }
  const page = Number(query.get('page') ?? '0');
  search.page = Number.isSafeInteger(page) && page > 0 ? page : 0;
  return search;
}

/** The address's query for a search: the filters given, and the page unless it is the first. */
export function addressOf(search: AuditSearch): URLSearchParams {
  const query = new URLSearchParams();
  for (const filter of FILTERS) {
    const value = search[filter].trim();
    if (value) {
      query.set(filter, value);
    }
  }
  if (search.page > 0) {
    query.set('page', String(search.page));
  }
  return query;
}

/** Which filters the form should point out before asking the hub; empty when none. */
export function searchProblems(search: AuditSearch): { field: 'from' | 'until'; message: string }[] {
  const problems: { field: 'from' | 'until'; message: string }[] = [];
  if (search.from && !DAY.test(search.from)) {
    problems.push({ field: 'from', message: 'audit.search.error.day' });
  }
  if (search.until && !DAY.test(search.until)) {
    problems.push({ field: 'until', message: 'audit.search.error.day' });
  }
  if (problems.length === 0 && search.from && search.until && search.from > search.until) {
    problems.push({ field: 'until', message: 'audit.search.error.range' });
  }
  return problems;
}

/**
 * The query of GET /api/audit/entries (and, without page and size, of its CSV): blank filters left
 * out, `from` as the start of its day in Oslo and `until` as the start of the day after it, since
 * the hub's `until` is exclusive and the auditor's last day is meant whole.
 */
export function hubQuery(search: AuditSearch, size = PAGE_SIZE): Record<string, string> {
  const query: Record<string, string> = {};
  for (const filter of ['person', 'agency', 'user', 'action', 'outcome'] as const) {
    const value = search[filter].trim();
    if (value) {
      query[filter] = value;
    }
  }
  if (search.from) {
    query.from = startOfOsloDay(search.from);
  }
  if (search.until) {
    query.until = startOfOsloDay(nextDay(search.until));
  }
  query.page = String(search.page);
  query.size = String(size);
  return query;
}

/** The address of the CSV download of the same search: every matching entry, not one page. */
export function csvAddress(search: AuditSearch): string {
  const { page: _page, size: _size, ...filters } = hubQuery(search);
  const query = new URLSearchParams(filters).toString();
  return `/api/audit/entries/csv${query ? `?${query}` : ''}`;
}

/** The instant Oslo's day `day` (YYYY-MM-DD) begins, as the hub reads instants. */
export function startOfOsloDay(day: string): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const midnightUtc = Date.UTC(year, month - 1, date);
  // Oslo is one or two hours ahead; the offset is that of the instant itself, found twice so that a
  // day on which the clocks change gets its own.
  let instant = midnightUtc - osloOffset(midnightUtc);
  instant = midnightUtc - osloOffset(instant);
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

function nextDay(day: string): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().substring(0, 10);
}

const OSLO_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: HUB_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Oslo's clock is ahead of UTC at `instant`, in milliseconds. */
function osloOffset(instant: number): number {
  const parts = Object.fromEntries(
    OSLO_CLOCK.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  const asIfUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asIfUtc - Math.floor(instant / 1000) * 1000;
}
