/**
 * Test-side stand-in for the portal: writes instants the way a Bitrix24 portal does, in a site
 * date format and an IANA zone, with Intl's formatter (the parser goes the other way by its own
 * arithmetic, so the two are independent). Also builds the answer's entry shapes.
 */
import type { SiteDateFormat } from '../../electron/core/calendar/site-date.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallParts(
  instant: number,
  zone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let formatter = formatters.get(zone);
  if (!formatter) {
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
    formatters.set(zone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
  };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** How each format is written (the separator is the one the portal languages use). */
const SEPARATOR: Record<SiteDateFormat, string> = {
  DMY24: '.',
  DMY12: '/',
  MDY24: '/',
  MDY12: '/',
  YMD24: '-',
  YMD12: '-',
};

/** Formats `instant` as a portal with `format` shows it in `zone`; `dayOnly` leaves the time out. */
export function writeSite(
  instant: number,
  zone: string,
  format: SiteDateFormat,
  options: { dayOnly?: boolean; separator?: string | undefined } = {},
): string {
  const p = wallParts(instant, zone);
  const sep = options.separator ?? SEPARATOR[format];
  const order = format.slice(0, 3);
  const date =
    order === 'DMY'
      ? `${pad(p.day)}${sep}${pad(p.month)}${sep}${p.year}`
      : order === 'MDY'
        ? `${pad(p.month)}${sep}${pad(p.day)}${sep}${p.year}`
        : `${p.year}${sep}${pad(p.month)}${sep}${pad(p.day)}`;
  if (options.dayOnly) return date;
  if (format.endsWith('12')) {
    const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
    return `${date} ${pad(hour12)}:${pad(p.minute)}:${pad(p.second)} ${p.hour < 12 ? 'am' : 'pm'}`;
  }
  return `${date} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** UTC offset of `zone` at `instant`, in ms (wall minus UTC). */
export function offsetOf(instant: number, zone: string): number {
  const p = wallParts(instant, zone);
  return (
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) -
    Math.floor(instant / 1000) * 1000
  );
}

const seconds = (ms: number): string => String(Math.floor(ms / 1000));

export type Accessibility = 'busy' | 'quest' | 'absent';

export interface TimedEntryOptions {
  readonly id?: number;
  readonly from: number;
  readonly until: number;
  readonly zone: string;
  readonly format: SiteDateFormat;
  readonly accessibility?: Accessibility;
  /** A recurring occurrence: the series' first start and its end, which is what *_TS_UTC carry. */
  readonly series?: { readonly start: number; readonly end: number };
  readonly separator?: string | undefined;
}

/** A calendar entry as `calendar.accessibility.get` sends it (numbers as strings, as real portals do). */
export function timedEntry(o: TimedEntryOptions): Record<string, unknown> {
  return {
    ID: String(o.id ?? 100),
    NAME: '[Busy]',
    DATE_FROM: writeSite(o.from, o.zone, o.format, { separator: o.separator }),
    DATE_TO: writeSite(o.until, o.zone, o.format, { separator: o.separator }),
    DATE_FROM_TS_UTC: seconds(o.series?.start ?? o.from),
    DATE_TO_TS_UTC: seconds(o.series?.end ?? o.until),
    '~USER_OFFSET_FROM': 0,
    '~USER_OFFSET_TO': 0,
    DT_SKIP_TIME: 'N',
    TZ_FROM: o.zone,
    TZ_TO: o.zone,
    ACCESSIBILITY: o.accessibility ?? 'busy',
    IMPORTANCE: 'normal',
    EVENT_TYPE: null,
  };
}

/** An all-day entry from the day `firstDay` is on to the day `lastDay` is on (inclusive), as seen in `zone`. */
export function allDayEntry(o: {
  firstDay: number;
  lastDay: number;
  zone: string;
  format: SiteDateFormat;
  tz?: string;
  accessibility?: Accessibility;
  separator?: string | undefined;
}): Record<string, unknown> {
  return {
    ID: '200',
    NAME: '[Busy]',
    DATE_FROM: writeSite(o.firstDay, o.zone, o.format, { dayOnly: true, separator: o.separator }),
    DATE_TO: writeSite(o.lastDay, o.zone, o.format, { dayOnly: true, separator: o.separator }),
    DATE_FROM_TS_UTC: seconds(o.firstDay),
    DATE_TO_TS_UTC: seconds(o.lastDay),
    '~USER_OFFSET_FROM': 0,
    '~USER_OFFSET_TO': 0,
    DT_SKIP_TIME: 'Y',
    TZ_FROM: o.tz ?? '',
    TZ_TO: o.tz ?? '',
    ACCESSIBILITY: o.accessibility ?? 'absent',
    IMPORTANCE: 'normal',
    EVENT_TYPE: null,
  };
}

/**
 * An absence-chart record. Day-only: `from` and `last` are the midnights (in `zone`) of its first
 * and last days; with times: its start and end.
 */
export function chartRecord(o: {
  from: number;
  last: number;
  zone: string;
  format: SiteDateFormat;
  dayOnly: boolean;
  separator?: string | undefined;
}): Record<string, unknown> {
  return {
    FROM_HR: true,
    ID: '17',
    DT_FROM: writeSite(o.from, o.zone, o.format, { dayOnly: o.dayOnly, separator: o.separator }),
    DT_TO: writeSite(o.last, o.zone, o.format, { dayOnly: o.dayOnly, separator: o.separator }),
    ACCESSIBILITY: 'absent',
    IMPORTANCE: 'normal',
    FROM: Math.floor(o.from / 1000),
    TO: Math.floor(o.last / 1000),
  };
}
