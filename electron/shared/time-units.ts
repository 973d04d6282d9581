/* Durations in milliseconds, the unit of every time the app keeps (epoch ms, timers, windows). */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
/** A day of 24 hours: a duration, not a calendar day (those can be 23 or 25 hours long). */
export const DAY_MS = 24 * HOUR_MS;
