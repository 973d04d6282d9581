/* Durations in milliseconds, the unit of every time the app keeps (epoch ms, timers, windows). */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
/** A day of 24 hours: a duration, not a calendar day (those can be 23 or 25 hours long). */
export const DAY_MS = 24 * HOUR_MS;

/**
 * Days since 1970-01-01 of a valid proleptic Gregorian date, by arithmetic (what `Date.UTC` gives
 * divided by a day, without the call: the parsers that need it run per entry). Howard Hinnant's
 * days_from_civil: years counted from March, so the leap day ends a year.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
