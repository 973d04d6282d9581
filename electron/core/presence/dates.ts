/**
 * ATOM date parsing for Bitrix24's im.* dates (`2018-01-29T17:35:31+03:00`).
 *
 * Hand-written rather than `Date.parse` for two reasons, both measured/verified in tests:
 * - strictness: V8's Date.parse rolls `2024-02-30` over to March 1 and accepts offset-less
 *   strings as *local* time; here an impossible date is rejected;
 * - speed: a poll parses up to five dates per person, and this is faster than a validating
 *   regex plus Date.parse (tests/bench/engine-cpu.ts, part b).
 *
 * Offset-less dates (`user.get` sends `2024-07-23 08:08:50`) are rejected on purpose: their time
 * zone is the portal's, which we do not know, and guessing UTC could shift a person's last
 * activity by hours and show them online or offline wrongly. An unknown date is safer than a
 * wrong one: the field degrades to null.
 */
import { DAY_MS, daysFromCivil, MINUTE_MS, SECOND_MS } from '../../shared/time-units.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  // A huge negative makes any sum containing a non-digit fail the range checks below.
  return c >= 0 && c <= 9 ? c : -100_000;
}

function twoDigits(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1);
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * Offset of an ATOM string in minutes east of UTC, or NaN when the string is not a valid
 * ATOM date. `Z` is 0. Accepts `±HH:MM` and `±HHMM`.
 */
function offsetMinutesAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 90 /* Z */) return i + 1 === s.length ? 0 : NaN;
  if (c !== 43 /* + */ && c !== 45 /* - */) return NaN;
  const colon = s.charCodeAt(i + 3) === 58;
  if (s.length !== i + (colon ? 6 : 5)) return NaN;
  const hours = twoDigits(s, i + 1);
  const minutes = twoDigits(s, i + (colon ? 4 : 3));
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return NaN;
  return (c === 43 ? 1 : -1) * (hours * 60 + minutes);
}

interface ParsedAtom {
  ms: number;
  offsetMinutes: number;
}

// Reused to keep the hot path allocation-free; callers copy what they need at once.
const scratch: ParsedAtom = { ms: NaN, offsetMinutes: NaN };

function parseInto(s: string, out: ParsedAtom): boolean {
  if (s.length < 20) return false;
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 /* T */ ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return false;
  }
  const year = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return false;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const daysInMonth = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > daysInMonth) return false;

  let i = 19;
  let millis = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    i++;
    let count = 0;
    for (; i < s.length; i++, count++) {
      const d = digit(s, i);
      if (d < 0) break;
      if (count < 3) millis = millis * 10 + d;
    }
    if (count === 0) return false;
    for (let k = count; k < 3; k++) millis *= 10;
  }
  const offset = offsetMinutesAt(s, i);
  if (Number.isNaN(offset)) return false;

  const minutesSinceEpoch = (daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offset;
  out.ms = minutesSinceEpoch * MINUTE_MS + second * SECOND_MS + millis;
  out.offsetMinutes = offset;
  return true;
}

/** Epoch ms of an ATOM date with an offset, or null when absent/invalid/offset-less. */
export function parseAtom(value: string | false | undefined): number | null {
  if (typeof value !== 'string') return null;
  return parseInto(value, scratch) ? scratch.ms : null;
}

/**
 * The last day off (YYYY-MM-DD) of a leave whose `absent` is `value`, or null once the leave is
 * over. Bitrix24's `absent` is the moment the leave ends: midnight after the last day off, in
 * the portal's zone (`2026-12-04T00:00:00+03:00` = off through 3 December). The day is read in
 * the offset the portal wrote, 12 hours before that moment, so a portal that writes the same
 * instant in another offset next time (`2026-12-03T21:00:00+00:00`) still names 3 December.
 */
export function lastDayOffIfNotOver(value: string | false | undefined, now: number): string | null {
  if (typeof value !== 'string' || !parseInto(value, scratch)) return null;
  if (now >= scratch.ms) return null;
  return lastDayOfParsed(scratch);
}

function lastDayOfParsed(parsed: ParsedAtom): string {
  const localNoonBefore = parsed.ms + parsed.offsetMinutes * MINUTE_MS - DAY_MS / 2;
  return new Date(localNoonBefore).toISOString().slice(0, 10);
}

/** A leave as `absent` states it: the moment it ends and its last day off (see lastDayOffIfNotOver). */
export interface Leave {
  readonly endsAt: number;
  readonly lastDay: string;
}

/**
 * The leave of an `absent` value, whatever the time, or null when it is no ATOM date:
 * `lastDayOffIfNotOver(value, now)` is `now < leave.endsAt ? leave.lastDay : null`.
 */
export function leaveOf(value: string | false | undefined): Leave | null {
  if (typeof value !== 'string' || !parseInto(value, scratch)) return null;
  return { endsAt: scratch.ms, lastDay: lastDayOfParsed(scratch) };
}
