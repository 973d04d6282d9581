import { describe, expect, it } from 'vitest';
import {
  wallClockAt,
  zoneFormatter,
  zoneOffsetAt,
} from '../../../../electron/shared/zone-clock.js';

const HOUR = 3_600_000;
// Fixed historical instants: the point is the zone rules of those days, not today.
const BERLIN_WINTER = Date.UTC(2021, 0, 15, 12);
const BERLIN_SUMMER = Date.UTC(2021, 6, 15, 12);
/** 2021-03-28 01:00 UTC: Berlin's clocks went from 02:00 to 03:00 at this instant. */
const BERLIN_SPRING_CHANGE = Date.UTC(2021, 2, 28, 1);

describe('zone clock', () => {
  it('reads the offset of a zone, DST included, and of zones off the hour', () => {
    expect(zoneOffsetAt(BERLIN_WINTER, 'Europe/Berlin')).toBe(HOUR);
    expect(zoneOffsetAt(BERLIN_SUMMER, 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zoneOffsetAt(BERLIN_SPRING_CHANGE - 1000, 'Europe/Berlin')).toBe(HOUR);
    expect(zoneOffsetAt(BERLIN_SPRING_CHANGE, 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zoneOffsetAt(BERLIN_WINTER, 'America/St_Johns')).toBe(-3.5 * HOUR);
    expect(zoneOffsetAt(BERLIN_WINTER, 'Asia/Kathmandu')).toBe(5.75 * HOUR);
    expect(zoneOffsetAt(BERLIN_WINTER, 'UTC')).toBe(0);
  });

  it('reads the wall clock to the second, on a 24-hour clock', () => {
    expect(wallClockAt(Date.UTC(2021, 11, 31, 23, 30, 15), 'Europe/Berlin')).toEqual({
      year: 2022,
      month: 1,
      day: 1,
      hour: 0,
      minute: 30,
      second: 15,
    });
    expect(wallClockAt(Date.UTC(2021, 0, 1, 0, 0, 0), 'UTC')?.hour).toBe(0);
  });

  it('knows no zone for junk, and says so with null rather than throwing', () => {
    for (const junk of [
      '',
      'Mars/Olympus',
      '../../etc/passwd',
      'Europe/Berlin\u001b[2J',
      'x'.repeat(80),
    ]) {
      expect(zoneFormatter(junk)).toBeNull();
      expect(zoneOffsetAt(BERLIN_WINTER, junk)).toBeNull();
      expect(wallClockAt(BERLIN_WINTER, junk)).toBeNull();
    }
  });

  it('builds one formatter per zone', () => {
    expect(zoneFormatter('Asia/Tokyo')).toBe(zoneFormatter('Asia/Tokyo'));
  });
});
