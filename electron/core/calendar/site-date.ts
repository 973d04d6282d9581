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

export const DAY_MS = 86_400_000;

const NO_MERIDIEM = 0;
const AM = 1;
const PM = 2;

/**
 * A site-format string split into its numbers, before the order is known: `leading`, `middle` and
 * `trailing` as written (the year is `leading` when `yearFirst`, `trailing` otherwise).
 */
export interface WrittenDate {
  readonly leading: number;
  readonly middle: number;
  readonly trailing: number;
  readonly yearFirst: boolean;
  /** Dots are day-first in every Bitrix24 language; slashes are either. */
  readonly dotted: boolean;
  readonly hasTime: boolean;
  /** 0..23 after the am/pm marker is applied; 0 without a time. */
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly meridiem: boolean;
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
 * numbers by hand (no regex: this runs for every entry of 5,000 people). Returns null for
 * anything else; the fields' ranges are checked later, when the order is known.
 */
export function splitSiteDate(text: unknown): WrittenDate | null {
  if (typeof text !== 'string' || text.length > MAX_LENGTH) return null;
  const s = text;
  const end = s.length;
  let i = 0;
  while (i < end && isSpace(s.charCodeAt(i))) i++;

  const fields = [0, 0, 0];
  const widths = [0, 0, 0];
  let separator = -1;
  for (let f = 0; f < 3; f++) {
    if (f > 0) {
      const c = s.charCodeAt(i);
      if (c !== 46 /* . */ && c !== 47 /* / */ && c !== 45 /* - */) return null;
      if (separator === -1) separator = c;
      else if (c !== separator) return null;
      i++;
    }
    let value = 0;
    const start = i;
    while (i < end && isDigit(s.charCodeAt(i)) && i - start < 4) value = value * 10 + s.charCodeAt(i++) - 48;
    widths[f] = i - start;
    fields[f] = value;
  }
  const yearFirst = widths[0] === 4;
  if (yearFirst ? widths[1]! > 2 || widths[2]! > 2 || widths[1] === 0 || widths[2] === 0 : widths[2] !== 4 || widths[0]! > 2 || widths[1]! > 2 || widths[0] === 0 || widths[1] === 0) {
    return null;
  }

  let hasTime = false;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let meridiem = NO_MERIDIEM;
  if (i < end && (isSpace(s.charCodeAt(i)) || s.charCodeAt(i) === 84 /* T */)) {
    while (i < end && (isSpace(s.charCodeAt(i)) || s.charCodeAt(i) === 84)) i++;
    if (i < end) {
      const parts = [0, 0, 0];
      let count = 0;
      for (;;) {
        const start = i;
        let value = 0;
        while (i < end && isDigit(s.charCodeAt(i)) && i - start < 2) value = value * 10 + s.charCodeAt(i++) - 48;
        if (i === start) return null;
        parts[count++] = value;
        if (count < 3 && s.charCodeAt(i) === 58 /* : */) {
          i++;
          continue;
        }
        break;
      }
      if (count < 2) return null;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i + 1 < end) {
        const a = s.charCodeAt(i) | 32;
        const m = s.charCodeAt(i + 1) | 32;
        if (m === 109 /* m */ && (a === 97 /* a */ || a === 112) /* p */) {
          meridiem = a === 97 ? AM : PM;
          i += 2;
        }
      }
      hasTime = true;
      [hour, minute, second] = parts as [number, number, number];
      if (meridiem !== NO_MERIDIEM) {
        if (hour < 1 || hour > 12) return null;
        hour = (hour % 12) + (meridiem === PM ? 12 : 0);
      }
      if (hour > 23 || minute > 59 || second > 59) return null;
    }
  }
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  if (i !== end) return null;
  return {
    leading: fields[0]!,
    middle: fields[1]!,
    trailing: fields[2]!,
    yearFirst,
    dotted: separator === 46,
    hasTime,
    hour,
    minute,
    second,
    meridiem: meridiem !== NO_MERIDIEM,
  };
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
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return withTime ? Date.UTC(year, month - 1, day, date.hour, date.minute, date.second) : Date.UTC(year, month - 1, day);
}

/** Which orders can read the date at all: a first field above 12 is a day, a second one too. */
export function possibleOrders(date: WrittenDate): { dmy: boolean; mdy: boolean } {
  if (date.yearFirst) return { dmy: false, mdy: false };
  return { dmy: !Number.isNaN(wallMs(date, 'DMY', false)), mdy: !Number.isNaN(wallMs(date, 'MDY', false)) };
}
