/**
 * Bitrix24's "site date format": how a portal writes dates and times, a setting of the portal
 * (its language's default unless an administrator changed it). We read the order of the date's
 * fields and the clock; the separator (`.`, `/`, `-`) is not part of the format here because the
 * reader accepts any of them.
 *
 * | value   | as written                                   | e.g. (portal languages)   |
 * |---------|----------------------------------------------|---------------------------|
 * | `DMY24` | `DD.MM.YYYY HH:MI:SS`, `DD/MM/YYYY HH:MI:SS` | ru, de, pl, ua; br, la, fr |
 * | `MDY12` | `MM/DD/YYYY H:MI:SS T` (`02:59:00 pm`)       | en                        |
 * | `DMY12` | `DD/MM/YYYY H:MI:SS T`                       | custom                    |
 * | `MDY24` | `MM/DD/YYYY HH:MI:SS`                        | custom                    |
 * | `YMD24` | `YYYY-MM-DD HH:MI:SS`                        | sc, tc, ja                |
 * | `YMD12` | `YYYY-MM-DD H:MI:SS T`                       | custom                    |
 *
 * Only the order is ever ambiguous (`03/04/2026`); the clock shows itself (an am/pm marker), so a
 * time is read by its marker whatever the format says, and the clock half of the format only
 * records what the portal was seen to write.
 */
import { DAY_MS, daysFromCivil } from '../../shared/time-units.js';

export const SITE_DATE_ORDERS = ['DMY', 'MDY', 'YMD'] as const;
export type SiteDateOrder = (typeof SITE_DATE_ORDERS)[number];
export const SITE_CLOCKS = ['24', '12'] as const;
export type SiteClock = (typeof SITE_CLOCKS)[number];
export type SiteDateFormat = `${SiteDateOrder}${SiteClock}`;

export const SITE_DATE_FORMATS: readonly SiteDateFormat[] = SITE_DATE_ORDERS.flatMap((order) =>
  SITE_CLOCKS.map((clock): SiteDateFormat => `${order}${clock}`),
);

export function siteDateFormat(order: SiteDateOrder, clock: SiteClock): SiteDateFormat {
  return `${order}${clock}`;
}

export function orderOf(format: SiteDateFormat): SiteDateOrder {
  return format.slice(0, 3) as SiteDateOrder;
}

export function clockOf(format: SiteDateFormat): SiteClock {
  return format.slice(3) as SiteClock;
}

export function isSiteDateFormat(value: unknown): value is SiteDateFormat {
  return typeof value === 'string' && (SITE_DATE_FORMATS as readonly string[]).includes(value);
}

const NO_MERIDIEM = 0;
const AM = 1;
const PM = 2;

/**
 * A site-format string split into its numbers, before the order is known: `leading`, `middle` and
 * `trailing` as written (the year is `leading` when `yearFirst`, `trailing` otherwise). Mutable:
 * the parser splits every entry's dates into the same two, so 60,000 dates allocate nothing.
 */
export class WrittenDate {
  leading = 0;
  middle = 0;
  trailing = 0;
  yearFirst = false;
  /** Dots are day-first in every Bitrix24 language; slashes are either. */
  dotted = false;
  hasTime = false;
  /** 0..23 after the am/pm marker is applied; 0 without a time. */
  hour = 0;
  minute = 0;
  second = 0;
  meridiem = false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 160;
}

/** Strings longer than any date the portal writes are junk; reading them would only cost time. */
const MAX_LENGTH = 40;

/**
 * Splits `11.12.2025 14:59:00`, `12/11/2025 02:59:00 pm`, `2025-12-11 14:59`, `11.12.2025` into
 * `into`, by hand (no regex: this runs for every entry of 5,000 people). False for anything
 * else; the date's ranges are checked later, when the order is known.
 */
export function splitSiteDate(text: unknown, into: WrittenDate): boolean {
  if (typeof text !== 'string' || text.length > MAX_LENGTH) return false;
  return splitFixedWidth(text, into) || splitAnyWidth(text, into);
}

function isSeparator(c: number): boolean {
  return c === 46 /* . */ || c === 47 /* / */ || c === 45; /* - */
}

/** The two digits at `at` as a number; -1 when either is no digit. */
function twoDigits(s: string, at: number): number {
  const tens = s.charCodeAt(at) - 48;
  const ones = s.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * What portals write, zero-padded to fixed widths (`11.12.2025`, `11.12.2025 14:59:00`,
 * `12/11/2025 02:59:00 pm`, `2025-12-11 14:59:00`), read at fixed places with no loop. False
 * for anything else, valid or not: `splitAnyWidth` then decides.
 */
function splitFixedWidth(s: string, into: WrittenDate): boolean {
  const end = s.length;
  if (end !== 10 && end !== 19 && end !== 22) return false;
  const yearFirst = !isSeparator(s.charCodeAt(2));
  const separator = s.charCodeAt(yearFirst ? 4 : 2);
  if (!isSeparator(separator) || s.charCodeAt(yearFirst ? 7 : 5) !== separator) return false;
  const a = twoDigits(s, 0);
  const b = twoDigits(s, yearFirst ? 2 : 3);
  const c = twoDigits(s, yearFirst ? 5 : 6);
  const d = twoDigits(s, 8);
  if (a < 0 || b < 0 || c < 0 || d < 0) return false;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let meridiem = NO_MERIDIEM;
  if (end !== 10) {
    if (s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 /* : */ || s.charCodeAt(16) !== 58)
      return false;
    hour = twoDigits(s, 11);
    minute = twoDigits(s, 14);
    second = twoDigits(s, 17);
    if (hour < 0 || minute < 0 || second < 0) return false;
    if (end === 22) {
      const letter = s.charCodeAt(20) | 32;
      meridiem = letter === 97 /* a */ ? AM : letter === 112 /* p */ ? PM : NO_MERIDIEM;
      if (
        s.charCodeAt(19) !== 32 ||
        meridiem === NO_MERIDIEM ||
        (s.charCodeAt(21) | 32) !== 109 /* m */
      )
        return false;
      if (hour < 1 || hour > 12) return false;
      hour = (hour % 12) + (meridiem === PM ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) return false;
  }
  into.leading = yearFirst ? a * 100 + b : a;
  into.middle = yearFirst ? c : b;
  into.trailing = yearFirst ? d : c * 100 + d;
  into.yearFirst = yearFirst;
  into.dotted = separator === 46;
  into.hasTime = end !== 10;
  into.hour = hour;
  into.minute = minute;
  into.second = second;
  into.meridiem = meridiem !== NO_MERIDIEM;
  return true;
}

/** Any width the portal might write (unpadded, with spaces, `T`, no seconds), by a loop over char codes. */
function splitAnyWidth(s: string, into: WrittenDate): boolean {
  const end = s.length;
  let i = 0;
  while (i < end && isSpace(s.charCodeAt(i))) i++;

  // The date: three runs of digits, one separator between them.
  let start = i;
  let leading = 0;
  while (i < end && i - start < 4 && isDigit(s.charCodeAt(i)))
    leading = leading * 10 + s.charCodeAt(i++) - 48;
  const leadingWidth = i - start;
  const separator = s.charCodeAt(i);
  if (separator !== 46 /* . */ && separator !== 47 /* / */ && separator !== 45 /* - */)
    return false;
  start = ++i;
  let middle = 0;
  while (i < end && i - start < 2 && isDigit(s.charCodeAt(i)))
    middle = middle * 10 + s.charCodeAt(i++) - 48;
  if (i === start || s.charCodeAt(i) !== separator) return false;
  start = ++i;
  let trailing = 0;
  while (i < end && i - start < 4 && isDigit(s.charCodeAt(i)))
    trailing = trailing * 10 + s.charCodeAt(i++) - 48;
  const trailingWidth = i - start;
  const yearFirst = leadingWidth === 4;
  if (
    yearFirst
      ? trailingWidth === 0 || trailingWidth > 2
      : leadingWidth === 0 || leadingWidth > 2 || trailingWidth !== 4
  )
    return false;

  // The time, if any: H:MI or H:MI:SS, then maybe am/pm.
  let hasTime = false;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let meridiem = NO_MERIDIEM;
  while (i < end && (isSpace(s.charCodeAt(i)) || s.charCodeAt(i) === 84) /* T */) i++;
  if (i < end) {
    start = i;
    while (i < end && i - start < 2 && isDigit(s.charCodeAt(i)))
      hour = hour * 10 + s.charCodeAt(i++) - 48;
    if (i === start || s.charCodeAt(i) !== 58 /* : */) return false;
    start = ++i;
    while (i < end && i - start < 2 && isDigit(s.charCodeAt(i)))
      minute = minute * 10 + s.charCodeAt(i++) - 48;
    if (i - start !== 2) return false;
    if (s.charCodeAt(i) === 58) {
      start = ++i;
      while (i < end && i - start < 2 && isDigit(s.charCodeAt(i)))
        second = second * 10 + s.charCodeAt(i++) - 48;
      if (i - start !== 2) return false;
    }
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    if (i + 1 < end && (s.charCodeAt(i + 1) | 32) === 109 /* m */) {
      const letter = s.charCodeAt(i) | 32;
      if (letter === 97 /* a */) meridiem = AM;
      else if (letter === 112 /* p */) meridiem = PM;
      if (meridiem !== NO_MERIDIEM) i += 2;
    }
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    if (i !== end) return false;
    if (meridiem !== NO_MERIDIEM) {
      if (hour < 1 || hour > 12) return false;
      hour = (hour % 12) + (meridiem === PM ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) return false;
    hasTime = true;
  }
  into.leading = leading;
  into.middle = middle;
  into.trailing = trailing;
  into.yearFirst = yearFirst;
  into.dotted = separator === 46;
  into.hasTime = hasTime;
  into.hour = hour;
  into.minute = minute;
  into.second = second;
  into.meridiem = meridiem !== NO_MERIDIEM;
  return true;
}

/** The earliest and latest years read: keeps every instant far inside what Date and Intl take. */
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The written date read in `order` as wall-clock milliseconds (the wall time taken as if it were
 * UTC; the entry's zone turns it into an instant), or NaN when it is no date in that order.
 * A year-first date is read year-first whatever `order` says.
 */
export function wallMs(date: WrittenDate, order: SiteDateOrder, withTime = true): number {
  let year: number;
  let month: number;
  let day: number;
  if (date.yearFirst) {
    year = date.leading;
    month = date.middle;
    day = date.trailing;
  } else {
    if (order === 'YMD') return NaN;
    year = date.trailing;
    month = order === 'DMY' ? date.middle : date.leading;
    day = order === 'DMY' ? date.leading : date.middle;
  }
  if (
    year < MIN_YEAR ||
    year > MAX_YEAR ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  )
    return NaN;
  const midnight = daysFromCivil(year, month, day) * DAY_MS;
  return withTime
    ? midnight + ((date.hour * 60 + date.minute) * 60 + date.second) * 1000
    : midnight;
}
