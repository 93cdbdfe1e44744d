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

/**
 * The length of an ISO 8601 duration as the hub writes them (`PT2M31S`, `P1DT3H`), in seconds;
 * undefined for anything else. The hub's durations have no years or months, whose length varies.
 */
export function durationSeconds(iso: string | undefined): number | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso ?? '');
  if (!match || iso === 'P' || iso?.endsWith('T')) {
    return undefined;
  }
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return Number(days) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

/**
 * A wait in words, in the reader's language ("3 minutes", "3 minutter", "٣ دقائق"): in seconds
 * under a minute, else in whole minutes rounded up, from an hour in hours and from two days in
 * days, rounded. The words and their plural forms are the locale's own unit names (Intl).
 */
export function formatWait(seconds: number, locale: string): string {
  const [amount, unit] =
    seconds < 60
      ? [Math.max(1, Math.ceil(seconds)), 'second']
      : seconds < 3600
        ? [Math.ceil(seconds / 60), 'minute']
        : seconds < 2 * 86400
          ? [Math.round(seconds / 3600), 'hour']
          : [Math.round(seconds / 86400), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
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
