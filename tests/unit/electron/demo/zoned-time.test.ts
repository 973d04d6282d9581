import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateParts,
  dayNumber,
  isKnownZone,
  isoDate,
  wallTime,
  zoneOffsetSeconds,
  zonedDate,
  zonedInstant,
  zonedMidnight,
} from '../../../../electron/demo/zoned-time.js';

// Fixed instants in named zones: nothing here reads the machine's zone or the real clock.
const HOUR = 3_600_000;
const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0): number =>
  Date.UTC(y, m - 1, d, h, min, s);

describe('isKnownZone', () => {
  it('accepts the zones Intl knows, and nothing else', () => {
    expect(isKnownZone('Europe/Moscow')).toBe(true);
    expect(isKnownZone('UTC')).toBe(true);
    expect(isKnownZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownZone('')).toBe(false);
  });
});

describe('wallTime', () => {
  it('reads the wall clock of an instant in a zone, weekday included', () => {
    expect(wallTime(utc(2026, 11, 23, 21, 30, 15), 'Europe/Moscow')).toEqual({
      year: 2026,
      month: 11,
      day: 24,
      hour: 0,
      minute: 30,
      second: 15,
      weekday: 2,
    });
    expect(wallTime(utc(2026, 1, 1, 3), 'America/New_York')).toMatchObject({
      year: 2025,
      month: 12,
      day: 31,
      hour: 22,
      weekday: 3,
    });
  });

  it('drops the milliseconds', () => {
    expect(wallTime(utc(2026, 6, 1, 12) + 999, 'UTC').second).toBe(0);
  });
});

describe('zoneOffsetSeconds', () => {
  it('reads the offset at an instant, DST included', () => {
    expect(zoneOffsetSeconds(utc(2026, 1, 15), 'Europe/Berlin')).toBe(3_600);
    expect(zoneOffsetSeconds(utc(2026, 7, 15), 'Europe/Berlin')).toBe(7_200);
    expect(zoneOffsetSeconds(utc(2026, 7, 15), 'Asia/Kolkata')).toBe(19_800);
    expect(zoneOffsetSeconds(utc(2026, 7, 15), 'America/New_York')).toBe(-14_400);
  });
});

describe('zonedInstant', () => {
  it('turns a wall time in a zone into the instant', () => {
    expect(zonedInstant('Europe/Moscow', 2026, 11, 23, 12 * 60)).toBe(utc(2026, 11, 23, 9));
    expect(zonedInstant('Asia/Kolkata', 2026, 11, 23)).toBe(utc(2026, 11, 22, 18, 30));
  });

  it('lands after a spring-forward gap', () => {
    // Berlin skips 02:00–03:00 on 29 March 2026; 02:30 is read as 03:30 summer time.
    expect(zonedInstant('Europe/Berlin', 2026, 3, 29, 2 * 60 + 30)).toBe(utc(2026, 3, 29, 1, 30));
    expect(zonedInstant('Europe/Berlin', 2026, 3, 29, 3 * 60)).toBe(utc(2026, 3, 29, 1));
  });

  it('takes the earlier of a fall-back hour', () => {
    // Berlin reads 02:00–03:00 twice on 25 October 2026: first in summer time (UTC+2).
    expect(zonedInstant('Europe/Berlin', 2026, 10, 25, 2 * 60 + 30)).toBe(utc(2026, 10, 25, 0, 30));
    expect(zonedInstant('Europe/Berlin', 2026, 10, 25, 3 * 60)).toBe(utc(2026, 10, 25, 2));
  });

  it('minutes past the day run into the next', () => {
    expect(zonedInstant('UTC', 2026, 11, 23, 25 * 60)).toBe(utc(2026, 11, 24, 1));
  });
});

describe('dates in a zone', () => {
  it('zonedDate is the date the zone is on', () => {
    const instant = utc(2026, 11, 23, 22);
    expect(zonedDate(instant, 'Europe/Moscow')).toBe('2026-11-24');
    expect(zonedDate(instant, 'America/Los_Angeles')).toBe('2026-11-23');
  });

  it('zonedMidnight starts the date in the zone, 23 hours long on a spring-forward day', () => {
    expect(zonedMidnight('2026-11-23', 'Europe/Moscow')).toBe(utc(2026, 11, 22, 21));
    expect(
      zonedMidnight('2026-03-30', 'Europe/Berlin') - zonedMidnight('2026-03-29', 'Europe/Berlin'),
    ).toBe(23 * HOUR);
  });
});

describe('calendar dates', () => {
  it('isoDate pads every field', () => {
    expect(isoDate(2026, 3, 5)).toBe('2026-03-05');
    expect(isoDate(999, 12, 31)).toBe('0999-12-31');
  });

  it('dateParts splits a real date, and refuses anything else', () => {
    expect(dateParts('2024-02-29')).toEqual([2024, 2, 29]);
    expect(() => dateParts('2025-02-29')).toThrow('Not a calendar date: 2025-02-29');
    expect(() => dateParts('2025-13-01')).toThrow('Not a calendar date');
    expect(() => dateParts('2025-2-1')).toThrow('Expected a date as YYYY-MM-DD');
  });

  it('addDays moves across months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('dayNumber counts whole days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber(addDays('2026-11-23', 10)) - dayNumber('2026-11-23')).toBe(10);
  });
});
