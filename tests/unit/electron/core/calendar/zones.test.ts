import { describe, expect, it } from 'vitest';
import {
  UTC_ZONE,
  wallToInstant,
  zoneNamed,
  type Zone,
} from '../../../../../electron/core/calendar/zones.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../../../electron/shared/time-units.js';

// Fixed instants in named zones: nothing here reads the machine's zone or the real clock.
const wall = (y: number, m: number, d: number, h = 0, min = 0): number =>
  Date.UTC(y, m - 1, d, h, min);

function zone(name: string): Zone {
  const found = zoneNamed(name);
  if (found === null) throw new Error(`Intl does not know ${name}`);
  return found;
}

describe('zoneNamed', () => {
  it('finds the zones Intl knows, under the name asked', () => {
    expect(zoneNamed('Europe/Moscow')?.name).toBe('Europe/Moscow');
    expect(zoneNamed('UTC')?.name).toBe('UTC');
    expect(zoneNamed('Etc/GMT+3')?.name).toBe('Etc/GMT+3');
  });

  it('answers the same zone for the same name', () => {
    expect(zoneNamed('Asia/Kolkata')).toBe(zoneNamed('Asia/Kolkata'));
    const berlin = zoneNamed('Europe/Berlin');
    zoneNamed('Asia/Tokyo');
    expect(zoneNamed('Europe/Berlin')).toBe(berlin);
  });

  it.each([
    ['no string', 3],
    ['empty', ''],
    ['unknown', 'Mars/Olympus_Mons'],
    ['a path', '../etc/passwd'],
    ['spaces', 'Europe/ Moscow'],
    ['too long', `A${'a'.repeat(64)}`],
    ['a leading digit', '3Europe'],
  ])('refuses %s', (_what, name) => {
    expect(zoneNamed(name)).toBeNull();
  });
});

describe('Zone offsets', () => {
  it('reads the offset at an instant, DST included', () => {
    const berlin = zone('Europe/Berlin');
    expect(berlin.offsetAt(wall(2026, 1, 15, 12))).toBe(HOUR_MS);
    expect(berlin.offsetAt(wall(2026, 7, 15, 12))).toBe(2 * HOUR_MS);
    expect(zone('Asia/Kolkata').offsetAt(wall(2026, 7, 15, 12))).toBe(5.5 * HOUR_MS);
    expect(zone('America/New_York').offsetAt(wall(2026, 1, 15, 12))).toBe(-5 * HOUR_MS);
  });

  it('reads the exact offset within the hour of a change', () => {
    // Berlin springs forward at 01:00 UTC on 29 March 2026.
    const berlin = zone('Europe/Berlin');
    const change = wall(2026, 3, 29, 1);
    expect(berlin.offsetAt(change - 1_000)).toBe(HOUR_MS);
    expect(berlin.offsetAt(change)).toBe(2 * HOUR_MS);
    expect(berlin.offsetAt(change + 30 * MINUTE_MS)).toBe(2 * HOUR_MS);
  });

  it('a day is steady when nothing changes from a day before to a day after it', () => {
    const berlin = zone('Europe/Berlin');
    const day = (y: number, m: number, d: number): number => wall(y, m, d) / DAY_MS;
    expect(berlin.steadyOffsetOn(day(2026, 1, 15))).toBe(HOUR_MS);
    expect(berlin.steadyOffsetOn(day(2026, 3, 29))).toBeNaN();
    expect(berlin.steadyOffsetOn(day(2026, 3, 28))).toBeNaN(); // the change is within a day after
    expect(berlin.steadyOffsetOn(day(2026, 3, 31))).toBe(2 * HOUR_MS);
    expect(zone('Europe/Moscow').steadyOffsetOn(day(2026, 3, 29))).toBe(3 * HOUR_MS);
  });

  it('UTC_ZONE has no offset', () => {
    expect(UTC_ZONE.offsetAt(wall(2026, 7, 1))).toBe(0);
    expect(UTC_ZONE.steadyOffsetOn(20_000)).toBe(0);
  });
});

describe('wallToInstant', () => {
  it('subtracts the offset on an ordinary day', () => {
    expect(wallToInstant(zone('Europe/Moscow'), wall(2026, 11, 23, 12))).toBe(
      wall(2026, 11, 23, 9),
    );
    expect(wallToInstant(zone('Asia/Kolkata'), wall(2026, 11, 23, 12))).toBe(
      wall(2026, 11, 23, 6, 30),
    );
    expect(wallToInstant(UTC_ZONE, wall(2026, 11, 23, 12))).toBe(wall(2026, 11, 23, 12));
  });

  it('reads times near a change with the offset each really has', () => {
    const berlin = zone('Europe/Berlin');
    // 29 March 2026: 02:00 CET becomes 03:00 CEST.
    expect(wallToInstant(berlin, wall(2026, 3, 29, 1, 30))).toBe(wall(2026, 3, 29, 0, 30));
    expect(wallToInstant(berlin, wall(2026, 3, 29, 3, 30))).toBe(wall(2026, 3, 29, 1, 30));
    expect(wallToInstant(berlin, wall(2026, 3, 28, 23))).toBe(wall(2026, 3, 28, 22));
  });

  it('moves a skipped time forward by the gap, as PHP does', () => {
    // 02:30 does not exist in Berlin on 29 March 2026: it is read as 03:30 summer time.
    expect(wallToInstant(zone('Europe/Berlin'), wall(2026, 3, 29, 2, 30))).toBe(
      wall(2026, 3, 29, 1, 30),
    );
    // New York skips 02:00–03:00 on 8 March 2026.
    expect(wallToInstant(zone('America/New_York'), wall(2026, 3, 8, 2, 15))).toBe(
      wall(2026, 3, 8, 7, 15),
    );
  });

  it('takes the earlier of a repeated time, or the later when asked', () => {
    // 25 October 2026: Berlin reads 02:00–03:00 twice, first in CEST (UTC+2), then in CET.
    const berlin = zone('Europe/Berlin');
    const repeated = wall(2026, 10, 25, 2, 30);
    expect(wallToInstant(berlin, repeated)).toBe(wall(2026, 10, 25, 0, 30));
    expect(wallToInstant(berlin, repeated, 'later')).toBe(wall(2026, 10, 25, 1, 30));
    // A time that is not repeated is the same either way.
    expect(wallToInstant(berlin, wall(2026, 10, 25, 4), 'later')).toBe(wall(2026, 10, 25, 3));
  });

  it('gives NaN for NaN', () => {
    expect(wallToInstant(zone('Europe/Berlin'), NaN)).toBeNaN();
  });
});
