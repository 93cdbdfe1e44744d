/**
 * Dates and times as everyone reads them: on Oslo's clock, with the zone named, in the reader's
 * language, and on the Gregorian calendar whatever the language's own (Dari's is the Solar Hijri
 * in browsers: `fa-AF-u-ca-gregory`), because the dates are those of Norwegian letters and
 * consents.
 */
export const HUB_TIME_ZONE = 'Europe/Oslo';

const CALENDAR = 'gregory';

export function formatDateTime(value: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: HUB_TIME_ZONE,
    calendar: CALENDAR,
  })
    .formatToParts(toDate(value))
    .map((part) => part.value)
    .join('')
    .concat(' ', zoneName(value, locale));
}

/** A calendar date (no time), on Oslo's calendar. */
export function formatDate(value: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: HUB_TIME_ZONE, calendar: CALENDAR }).format(
    toDate(value),
  );
}

function zoneName(value: string | Date, locale: string): string {
  const part = new Intl.DateTimeFormat(locale, {
    timeZone: HUB_TIME_ZONE,
    timeZoneName: 'short',
    calendar: CALENDAR,
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
