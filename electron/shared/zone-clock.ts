/*
 * The wall clock of an IANA zone at an instant, read from Intl (the zone data the panel formats
 * with): one home for it, used by the calendar's parser (core/calendar/zones.ts, which caches
 * offsets on top for speed), the pause's "until 8:00" and the panel's "3 h 30 min ahead".
 * The demo portal keeps its own (electron/demo/zoned-time.ts) on purpose: it is the oracle.
 */

/** A wall-clock reading: month 1–12, hour 0–23. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** IANA names and the aliases Intl takes (`UTC`, `Etc/GMT+3`, `EST5EDT`); anything else is junk. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;
/** Distinct zone names kept, valid or not: hostile input cannot grow the cache forever. */
const MAX_ZONES = 512;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/**
 * The zone's wall-clock formatter (built once per zone: building costs tens of µs, a format
 * about one), or null when the name is malformed or unknown to Intl.
 */
export function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
  const known = formatters.get(zone);
  if (known !== undefined) return known;
  let formatter: Intl.DateTimeFormat | null = null;
  if (ZONE_NAME.test(zone)) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
  }
  if (formatters.size < MAX_ZONES) formatters.set(zone, formatter);
  return formatter;
}

/** What `formatter` (from `zoneFormatter`) shows at `instant`, to the second. */
export function readWallClock(formatter: Intl.DateTimeFormat, instant: number): WallClock {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  // A switch over the parts, not a find per field: the calendar's parser calls this per hour.
  for (const part of formatter.formatToParts(instant)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
    }
  }
  return { year, month, day, hour, minute, second };
}

/** The wall clock in `zone` at `instant`, or null for a zone Intl does not know. */
export function wallClockAt(instant: number, zone: string): WallClock | null {
  const formatter = zoneFormatter(zone);
  return formatter === null ? null : readWallClock(formatter, instant);
}

/** Milliseconds to add to `instant` to get its wall time in the formatter's zone. */
export function offsetFrom(formatter: Intl.DateTimeFormat, instant: number): number {
  const second = Math.floor(instant / 1000) * 1000;
  const wall = readWallClock(formatter, second);
  return (
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - second
  );
}

/** The zone's offset from UTC at `instant` in ms, or null for a zone Intl does not know. */
export function zoneOffsetAt(instant: number, zone: string): number | null {
  const formatter = zoneFormatter(zone);
  return formatter === null ? null : offsetFrom(formatter, instant);
}
