import { HUB_TIME_ZONE } from '../app/format';

/**
 * Calendar days as the browser's date input gives them (YYYY-MM-DD), read on Oslo's calendar: a
 * consent "from 1 December" starts at midnight in Norway, wherever the caseworker's laptop thinks
 * it is.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today on Oslo's calendar, as the date input writes it. */
export function osloToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: HUB_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The instant a day begins in Oslo. */
export function startOfOsloDay(day: string): Date {
  const match = DAY.exec(day);
  if (!match || !isDay(day)) {
    throw new RangeError(`not a day: ${day}`);
  }
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(year, month - 1, date);
  // Oslo changes its clocks at 02:00 and 03:00, never at midnight, so one offset fits the day's start.
  return new Date(midnightUtc - osloOffsetMinutes(new Date(midnightUtc)) * 60_000);
}

/** The last second of a day in Oslo: a consent "until 30 November" holds all that day. */
export function endOfOsloDay(day: string): Date {
  const next = new Date(startOfOsloDay(day).getTime() + 36 * 3_600_000);
  return new Date(startOfOsloDay(osloToday(next)).getTime() - 1_000);
}

/** How far Oslo's clock is ahead of UTC at an instant, in minutes. */
function osloOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: HUB_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const asIfUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((asIfUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}
