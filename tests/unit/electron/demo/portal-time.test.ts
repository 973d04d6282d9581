import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../electron/core/clock.js';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  PORTAL_OFFSET_MINUTES,
  atom,
  plainDateTime,
  portalDate,
  portalDateStart,
  portalMidnight,
  portalWeekday,
  shiftToWorkingMorning,
} from '../../../../electron/demo/portal-time.js';

// The clock's start, a Monday 09:00 UTC, is 12:00 in the portal's Moscow time; every instant
// below is derived from it, and the expected texts from Date's UTC fields, never a local zone.
const MONDAY_NINE_UTC = new ManualClock().now();
const UTC_MIDNIGHT = MONDAY_NINE_UTC - (MONDAY_NINE_UTC % DAY_MS);
const OFFSET_MS = PORTAL_OFFSET_MINUTES * MINUTE_MS;

/** `YYYY-MM-DD` of the UTC date of an instant. */
const utcDate = (at: number): string => new Date(at).toISOString().slice(0, 10);
/** `YYYY-MM-DDTHH:MM:SS` of the UTC fields of an instant. */
const utcFields = (at: number): string => new Date(at).toISOString().slice(0, 19);

describe('the clock these tests derive from', () => {
  it('starts on a Monday at 09:00 UTC', () => {
    expect(new Date(MONDAY_NINE_UTC).getUTCDay()).toBe(1);
    expect(MONDAY_NINE_UTC - UTC_MIDNIGHT).toBe(9 * HOUR_MS);
  });
});

describe('atom', () => {
  it('writes the instant in the portal offset, whole seconds, with the offset', () => {
    expect(atom(MONDAY_NINE_UTC + 999)).toBe(`${utcFields(MONDAY_NINE_UTC + OFFSET_MS)}+03:00`);
    expect(atom(MONDAY_NINE_UTC).slice(11)).toBe('12:00:00+03:00');
  });

  it('writes the same instant in any offset it is given', () => {
    expect(atom(MONDAY_NINE_UTC, -300)).toBe(`${utcFields(MONDAY_NINE_UTC - 5 * HOUR_MS)}-05:00`);
    expect(atom(MONDAY_NINE_UTC, 330).slice(11)).toBe('14:30:00+05:30');
    expect(atom(MONDAY_NINE_UTC, 0).slice(11)).toBe('09:00:00+00:00');
    expect(Date.parse(atom(MONDAY_NINE_UTC, -570))).toBe(MONDAY_NINE_UTC);
  });
});

describe('plainDateTime', () => {
  it("writes user.get's portal time without an offset", () => {
    expect(plainDateTime(MONDAY_NINE_UTC + 1_999)).toBe(
      utcFields(MONDAY_NINE_UTC + 1_000 + OFFSET_MS).replace('T', ' '),
    );
  });
});

describe('portal days', () => {
  it('a day begins at midnight Moscow time, 21:00 UTC the day before', () => {
    const lateEvening = UTC_MIDNIGHT + 21 * HOUR_MS; // 00:00 Tuesday in Moscow
    expect(portalDate(lateEvening - 1)).toBe(utcDate(UTC_MIDNIGHT));
    expect(portalDate(lateEvening)).toBe(utcDate(UTC_MIDNIGHT + DAY_MS));
    expect(portalWeekday(lateEvening - 1)).toBe(1);
    expect(portalWeekday(lateEvening)).toBe(2);
    expect(portalMidnight(MONDAY_NINE_UTC)).toBe(UTC_MIDNIGHT - 3 * HOUR_MS);
    expect(portalMidnight(lateEvening)).toBe(lateEvening);
  });

  it('portalDateStart is the portal midnight that starts the date', () => {
    const monday = portalDate(MONDAY_NINE_UTC);
    expect(portalDateStart(monday)).toBe(portalMidnight(MONDAY_NINE_UTC));
    expect(portalDate(portalDateStart(monday))).toBe(monday);
  });

  it('portalDateStart refuses what is no date', () => {
    expect(() => portalDateStart('2026-02-31')).toThrow('Not a calendar date: 2026-02-31');
    expect(() => portalDateStart('23.11.2026')).toThrow('Expected a date as YYYY-MM-DD');
    expect(() => portalDateStart('2026-1-5')).toThrow('Expected a date as YYYY-MM-DD');
  });
});

describe('shiftToWorkingMorning', () => {
  const workingMorning = (at: number): number => at + shiftToWorkingMorning(at);
  const mondayMorning = portalMidnight(MONDAY_NINE_UTC) + 10.5 * HOUR_MS;

  it('moves a working day to 10:30 that same day in portal time', () => {
    expect(workingMorning(MONDAY_NINE_UTC)).toBe(mondayMorning);
    expect(workingMorning(mondayMorning - 9 * HOUR_MS)).toBe(mondayMorning);
    expect(workingMorning(mondayMorning + 4 * DAY_MS)).toBe(mondayMorning + 4 * DAY_MS); // Friday
  });

  it('moves a weekend to Monday', () => {
    expect(workingMorning(mondayMorning + 5 * DAY_MS)).toBe(mondayMorning + 7 * DAY_MS); // Saturday
    expect(workingMorning(mondayMorning - DAY_MS + 12 * HOUR_MS)).toBe(mondayMorning); // Sunday 22:30
  });
});
