import { wallClockAt, zoneOffsetAt, type WallClock } from '../zone-clock.js';

/** The morning hour "pause alerts until morning" ends at, in the tray and in the panel alike. */
export const PAUSE_UNTIL_MORNING_HOUR = 8;

/** The machine's zone, like the rest of the desktop; tests pass theirs. */
function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The wall clock at `at` in `zone` (the machine's or a test's, so always known to Intl). */
function wallClock(at: number, zone: string): WallClock {
  const wall = wallClockAt(at, zone);
  if (wall === null) throw new RangeError(`Unknown time zone: ${zone}`);
  return wall;
}

/** The instant the wall clock in `zone` reads this (near a DST change, the nearest such instant). */
function instantAt(zone: string, y: number, m: number, d: number, h: number): number {
  const wall = Date.UTC(y, m - 1, d, h);
  const offsetAt = (at: number): number => zoneOffsetAt(at, zone) ?? 0;
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

/**
 * The next `hour`:00 in `zone` after `now`: today's when it is still ahead ("until 8:00" pressed
 * at 04:00 pauses four hours, not 28), else tomorrow's.
 */
export function nextMorning(
  now: number,
  zone: string = systemZone(),
  hour: number = PAUSE_UNTIL_MORNING_HOUR,
): number {
  const w = wallClock(now, zone);
  const today = instantAt(zone, w.year, w.month, w.day, hour);
  if (today > now) return today;
  // Noon UTC of the next calendar day names that day whatever the zone's offset.
  const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1, 12));
  return instantAt(zone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), hour);
}

/** Whether that next morning is still today in `zone`: the button says "Until 8:00", not "Until tomorrow, 8:00". */
export function nextMorningIsToday(now: number, zone: string = systemZone()): boolean {
  const a = wallClock(now, zone);
  const b = wallClock(nextMorning(now, zone), zone);
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** Whether a pause ends at the morning hour sharp in `zone` (a morning pause, for the pressed button). */
export function endsAtMorning(until: number, zone: string = systemZone()): boolean {
  const w = wallClock(until, zone);
  return w.hour === PAUSE_UNTIL_MORNING_HOUR && w.minute === 0 && w.second === 0;
}

/** Alerts are paused at `now`: the one reading of `pausedUntil`, for the policy, tray and panel. */
export function alertsPausedAt(pausedUntil: number | null, now: number): boolean {
  return pausedUntil !== null && now < pausedUntil;
}

/** `pausedUntil` while it is still ahead, else null (a pause that has ended reads as none). */
export function activePauseUntil(pausedUntil: number | null, now: number): number | null {
  return alertsPausedAt(pausedUntil, now) ? pausedUntil : null;
}
