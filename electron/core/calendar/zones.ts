/**
 * Wall-clock time in an IANA zone → instant, with Intl's zone data (the same data the panel
 * formats with), DST-correct, without a library.
 *
 * Speed: Intl is slow per call (a formatter costs tens of µs to build, a format about a µs), and
 * a fetch converts some 60,000 times at 5,000 people. So each zone gets one formatter, kept for
 * the process, and remembers per wall day whether its offset holds steady around that day (then
 * every wall time of the day is one subtraction away), else its offset per UTC hour: an hour
 * whose start and end agree has that offset throughout (no zone changes twice within an hour); an
 * hour with a change in it is asked of Intl at each instant.
 *
 * A wall time that a DST change skips or repeats is resolved as PHP (the portal) and Temporal's
 * "compatible" do: a skipped time moves forward by the gap (02:30 on a spring-forward night is
 * 03:30 summer time), a repeated one is the earlier instant.
 */
import { DAY_MS } from '../../shared/time-units.js';
import { offsetFrom, zoneFormatter } from '../../shared/zone-clock.js';

const HOUR_MS = 3_600_000;
/** Beyond this many remembered hours per zone (about 2 years of fetches), start over. */
const MAX_HOURS_PER_ZONE = 20_000;
/** Beyond this many remembered wall days per zone, start over. */
const MAX_DAYS_PER_ZONE = 2_000;
/** Further than any zone's offset has ever been from UTC (LMT included): bounds a wall day's instants. */
const MAX_OFFSET_MS = 16 * HOUR_MS;
/** Distinct zone names remembered, valid or not: a hostile answer cannot grow the cache forever. */
const MAX_ZONES = 512;

export interface Zone {
  readonly name: string;
  /** Milliseconds to add to an instant to get its wall time in this zone. */
  offsetAt(instant: number): number;
  /**
   * The offset the zone keeps, unchanged, from a day before wall day `day` (days since 1970-01-01
   * as written) begins until a day after it ends; NaN when it changes in that time.
   */
  steadyOffsetOn(day: number): number;
}

class IntlZone implements Zone {
  private readonly hours = new Map<number, number>();
  private readonly days = new Map<number, number>();
  // Entries come in runs on one day: the last day asked is checked first.
  private lastDay = NaN;
  private lastDayOffset = NaN;

  constructor(
    readonly name: string,
    private readonly formatter: Intl.DateTimeFormat,
  ) {}

  offsetAt(instant: number): number {
    const hour = Math.floor(instant / HOUR_MS);
    let offset = this.hours.get(hour);
    if (offset === undefined) {
      const start = this.exactOffset(hour * HOUR_MS);
      offset = start === this.exactOffset(hour * HOUR_MS + HOUR_MS - 1000) ? start : NaN;
      if (this.hours.size >= MAX_HOURS_PER_ZONE) this.hours.clear();
      this.hours.set(hour, offset);
    }
    return Number.isNaN(offset) ? this.exactOffset(instant) : offset;
  }

  steadyOffsetOn(day: number): number {
    if (day === this.lastDay) return this.lastDayOffset;
    let offset = this.days.get(day);
    if (offset === undefined) {
      offset = this.steadyOffsetBetween(
        (day - 1) * DAY_MS - MAX_OFFSET_MS,
        (day + 2) * DAY_MS + MAX_OFFSET_MS,
      );
      if (this.days.size >= MAX_DAYS_PER_ZONE) this.days.clear();
      this.days.set(day, offset);
    }
    this.lastDay = day;
    this.lastDayOffset = offset;
    return offset;
  }

  /** The offset from `first` to `last` (instants) when it is the same at every UTC hour between them, else NaN. */
  private steadyOffsetBetween(first: number, last: number): number {
    const offset = this.exactOffset(first);
    if (this.exactOffset(last) !== offset) return NaN;
    for (let hour = Math.floor(first / HOUR_MS) + 1; hour * HOUR_MS < last; hour++) {
      if (this.exactOffset(hour * HOUR_MS) !== offset) return NaN;
    }
    return offset;
  }

  private exactOffset(instant: number): number {
    return offsetFrom(this.formatter, instant);
  }
}

export const UTC_ZONE: Zone = { name: 'UTC', offsetAt: () => 0, steadyOffsetOn: () => 0 };

const zones = new Map<string, Zone | null>();
// Entries come in runs of one zone (a person's, a team's): the last answer is checked first.
let lastName = '';
let lastZone: Zone | null = null;

/** The zone of that name, or null when it is empty, malformed or unknown to Intl. */
export function zoneNamed(name: unknown): Zone | null {
  if (typeof name !== 'string') return null;
  if (name === lastName) return lastZone;
  const zone = lookUpZone(name);
  lastName = name;
  lastZone = zone;
  return zone;
}

function lookUpZone(name: string): Zone | null {
  const known = zones.get(name);
  if (known !== undefined) return known;
  const formatter = zoneFormatter(name);
  const zone = formatter === null ? null : new IntlZone(name, formatter);
  if (zones.size < MAX_ZONES) zones.set(name, zone);
  return zone;
}

/**
 * The instant at which the wall clock in `zone` shows `wall` (wall-clock ms as if UTC). Offsets a
 * day before and after bracket any DST change near the time; each candidate is kept only if the
 * zone really has that offset at the instant it gives. A repeated wall time is the earlier
 * instant, unless the caller knows it means the later one (an end that would precede its start).
 */
export function wallToInstant(
  zone: Zone,
  wall: number,
  repeated: 'earlier' | 'later' = 'earlier',
): number {
  if (Number.isNaN(wall)) return NaN;
  // Nothing changes within a day of this day: neither a gap nor a repeat, one offset.
  const steady = zone.steadyOffsetOn(Math.floor(wall / DAY_MS));
  if (!Number.isNaN(steady)) return wall - steady;
  const before = zone.offsetAt(wall - DAY_MS);
  const after = zone.offsetAt(wall + DAY_MS);
  const early = wall - before;
  const earlyValid = zone.offsetAt(early) === before;
  if (before === after && earlyValid) return early;
  const late = wall - after;
  const lateValid = zone.offsetAt(late) === after;
  if (earlyValid && lateValid)
    return repeated === 'earlier' ? Math.min(early, late) : Math.max(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  // Skipped by a spring-forward change: the pre-change offset lands after the change, by the gap.
  return early;
}
