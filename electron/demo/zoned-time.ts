/**
 * Wall-clock time in an IANA zone, DST-correct, through Intl (the demo's own helpers: it never
 * borrows the app's). Calendar entries are written as wall time in their zone, and colleagues
 * abroad keep office hours in theirs.
 */
export interface WallTime {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** True for a zone name Intl accepts (so the demo never stores one a client could not read). */
export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Intl is slow next to the thousands of entries a big team's answer holds, and a team's
 * entries share a few zones and a grid of times: both conversions are memoised (bounded).
 */
const CACHE_LIMIT = 100_000;
const wallCache = new Map<string, WallTime>();
const instantCache = new Map<string, number>();

function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const value = compute();
  cache.set(key, value);
  return value;
}

export function wallTime(epochMs: number, zone: string): WallTime {
  return remember(wallCache, `${zone}|${Math.floor(epochMs / 1000)}`, () =>
    computeWallTime(epochMs, zone),
  );
}

function computeWallTime(epochMs: number, zone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(new Date(Math.floor(epochMs / 1000) * 1000)))
    parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** The zone's offset from UTC at an instant, in seconds. */
export function zoneOffsetSeconds(epochMs: number, zone: string): number {
  const wall = wallTime(epochMs, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 1000);
}

/**
 * The instant a wall time denotes in `zone`. In a spring-forward gap it lands after the gap; in a
 * fall-back hour it takes the earlier of the two.
 */
export function zonedInstant(
  zone: string,
  year: number,
  month: number,
  day: number,
  minuteOfDay = 0,
): number {
  return remember(instantCache, `${zone}|${year}|${month}|${day}|${minuteOfDay}`, () =>
    computeZonedInstant(zone, year, month, day, minuteOfDay),
  );
}

function computeZonedInstant(
  zone: string,
  year: number,
  month: number,
  day: number,
  minuteOfDay: number,
): number {
  const asUtc = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  const first = asUtc - zoneOffsetSeconds(asUtc, zone) * 1000;
  const instant = asUtc - zoneOffsetSeconds(first, zone) * 1000;
  // A fall-back hour reads the same wall time twice: the earlier one is meant.
  const earlier = instant - 3_600_000;
  return earlier + zoneOffsetSeconds(earlier, zone) * 1000 === asUtc ? earlier : instant;
}

/** A calendar date `YYYY-MM-DD` (as written in the zone) of an instant. */
export function zonedDate(epochMs: number, zone: string): string {
  const wall = wallTime(epochMs, zone);
  return isoDate(wall.year, wall.month, wall.day);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` → [year, month, day]; throws on anything that is not a real date. */
export function dateParts(date: string): [number, number, number] {
  return remember(datePartsCache, date, () => computeDateParts(date));
}
const datePartsCache = new Map<string, [number, number, number]>();

function computeDateParts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const parts: [number, number, number] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
  if (check.getUTCMonth() !== parts[1] - 1 || check.getUTCDate() !== parts[2])
    throw new Error(`Not a calendar date: ${date}`);
  return parts;
}

/** Midnight starting `date` in `zone`. */
export function zonedMidnight(date: string, zone: string): number {
  const [year, month, day] = dateParts(date);
  return zonedInstant(zone, year, month, day);
}

/** A `YYYY-MM-DD` date moved by whole days (zone-free calendar arithmetic). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = dateParts(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return isoDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Whole days from 1970-01-01 to `date` (a stable day number for seeding). */
export function dayNumber(date: string): number {
  const [year, month, day] = dateParts(date);
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}
