/** Dates and times as staff read them: on Oslo's clock, with the zone named, in their language. */
export const HUB_TIME_ZONE = 'Europe/Oslo';

export function formatDateTime(value: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: HUB_TIME_ZONE,
  })
    .formatToParts(toDate(value))
    .map((part) => part.value)
    .join('')
    .concat(' ', zoneName(value, locale));
}

/** A calendar date (no time), on Oslo's calendar. */
export function formatDate(value: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: HUB_TIME_ZONE }).format(
    toDate(value),
  );
}

function zoneName(value: string | Date, locale: string): string {
  const part = new Intl.DateTimeFormat(locale, {
    timeZone: HUB_TIME_ZONE,
    timeZoneName: 'short',
  })
    .formatToParts(toDate(value))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? HUB_TIME_ZONE;
}

function toDate(value: string | Date): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`not a date and time: ${String(value)}`);
  }
  return date;
}
