/*
 * The demo portal lives in Moscow time (UTC+03:00, no daylight saving since 2014), like many
 * real Bitrix24 portals: its calendar (days, leaves, office hours) is Moscow's, and by default
 * every date it sends carries that offset. `setDateOffset` changes only the offset dates are
 * written in (same instants), as real portals do between answers.
 */
export const PORTAL_TIME_ZONE = 'Europe/Moscow';
export const PORTAL_OFFSET_MINUTES = 180;
const OFFSET_MS = PORTAL_OFFSET_MINUTES * 60_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function offsetSuffix(offsetMinutes: number): string {
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const minutes = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** PHP's DATE_ATOM: `2026-11-23T12:00:00+03:00` (whole seconds), in the given offset. */
export function atom(epochMs: number, offsetMinutes = PORTAL_OFFSET_MINUTES): string {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMinutes * MINUTE_MS);
  return `${localDate(local)}T${localClock(local)}${offsetSuffix(offsetMinutes)}`;
}

/** user.get's offset-less format: `2026-11-23 12:00:00` (portal time). */
export function plainDateTime(epochMs: number): string {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + OFFSET_MS);
  return `${localDate(local)} ${localClock(local)}`;
}

function localDate(local: Date): string {
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

function localClock(local: Date): string {
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
}

/** The portal-local calendar date (YYYY-MM-DD) of an instant. */
export function portalDate(epochMs: number): string {
  return localDate(new Date(epochMs + OFFSET_MS));
}

/** Epoch ms of portal-local midnight starting the day that contains `epochMs`. */
export function portalMidnight(epochMs: number): number {
  return Math.floor((epochMs + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** Portal-local day of week, 0 = Sunday … 6 = Saturday. */
export function portalWeekday(epochMs: number): number {
  return new Date(epochMs + OFFSET_MS).getUTCDay();
}

/** Epoch ms of portal-local midnight of a `YYYY-MM-DD` date. */
export function portalDateStart(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const [, year, month, day] = match;
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day));
  if (portalDate(utc - OFFSET_MS) !== date) throw new Error(`Not a calendar date: ${date}`);
  return utc - OFFSET_MS;
}

/**
 * The shift that makes `now` read as 10:30 on a working day in portal time: the app's demo
 * team keeps these office hours, so whoever tries it at night or on a Sunday still finds
 * people at work. Only the schedule moves; the dates the portal sends stay real.
 */
export function shiftToWorkingMorning(now: number): number {
  let target = portalMidnight(now) + (10 * 60 + 30) * MINUTE_MS;
  while (portalWeekday(target) === 0 || portalWeekday(target) === 6) target += DAY_MS;
  return target - now;
}
