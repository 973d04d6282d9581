import { describe, expect, it } from 'vitest';
import {
  SITE_DATE_FORMATS,
  WrittenDate,
  clockOf,
  isSiteDateFormat,
  orderOf,
  siteDateFormat,
  splitSiteDate,
  wallMs,
} from '../../../../../electron/core/calendar/site-date.js';

/** The fields splitSiteDate fills, as one object to compare. */
function split(text: unknown): Omit<WrittenDate, never> | null {
  const into = new WrittenDate();
  return splitSiteDate(text, into) ? { ...into } : null;
}

function date(
  leading: number,
  middle: number,
  trailing: number,
  extra: Partial<WrittenDate> = {},
): WrittenDate {
  return Object.assign(new WrittenDate(), { leading, middle, trailing, ...extra });
}

describe('site date formats', () => {
  it('are every order with every clock, and split back into the two', () => {
    expect(SITE_DATE_FORMATS).toEqual(['DMY24', 'DMY12', 'MDY24', 'MDY12', 'YMD24', 'YMD12']);
    for (const format of SITE_DATE_FORMATS)
      expect(siteDateFormat(orderOf(format), clockOf(format))).toBe(format);
    expect(orderOf('MDY12')).toBe('MDY');
    expect(clockOf('MDY12')).toBe('12');
  });

  it('are recognised only as written', () => {
    expect(isSiteDateFormat('DMY24')).toBe(true);
    expect(isSiteDateFormat('dmy24')).toBe(false);
    expect(isSiteDateFormat('DMY')).toBe(false);
    expect(isSiteDateFormat(24)).toBe(false);
    expect(isSiteDateFormat(null)).toBe(false);
  });
});

describe('splitSiteDate, as portals write (fixed width)', () => {
  it('day first with dots and a 24-hour clock', () => {
    expect(split('11.12.2025 14:59:07')).toEqual({
      ...date(11, 12, 2025),
      dotted: true,
      hasTime: true,
      hour: 14,
      minute: 59,
      second: 7,
    });
  });

  it('with slashes and am/pm, the hour turned to 24 hours', () => {
    expect(split('12/11/2025 02:59:00 pm')).toMatchObject({
      leading: 12,
      middle: 11,
      trailing: 2025,
      dotted: false,
      hour: 14,
      meridiem: true,
    });
    expect(split('12/11/2025 12:00:00 am')).toMatchObject({ hour: 0, meridiem: true });
    expect(split('12/11/2025 12:00:00 PM')).toMatchObject({ hour: 12, meridiem: true });
    expect(split('12/11/2025 11:59:59 AM')).toMatchObject({ hour: 11, minute: 59, second: 59 });
  });

  it('year first', () => {
    expect(split('2025-12-11 08:05:00')).toMatchObject({
      leading: 2025,
      middle: 12,
      trailing: 11,
      yearFirst: true,
      dotted: false,
      hour: 8,
      minute: 5,
    });
  });

  it('the date alone', () => {
    expect(split('11.12.2025')).toEqual({ ...date(11, 12, 2025), dotted: true });
  });
});

describe('splitSiteDate, any other width', () => {
  it('reads unpadded fields, no seconds, a T, and spaces around', () => {
    expect(split('1.2.2025 9:05')).toMatchObject({
      leading: 1,
      middle: 2,
      trailing: 2025,
      hasTime: true,
      hour: 9,
      minute: 5,
      second: 0,
    });
    expect(split('2025-12-11T14:59')).toMatchObject({ yearFirst: true, hour: 14, minute: 59 });
    expect(split('  11.12.2025   14:59:00  ')).toMatchObject({ leading: 11, hour: 14 });
    expect(split('3/4/2026 9:05PM')).toMatchObject({ leading: 3, middle: 4, hour: 21 });
    expect(split('3/4/2026 9:05 am')).toMatchObject({ hour: 9, meridiem: true });
    expect(split('2025-1-2')).toMatchObject({
      leading: 2025,
      middle: 1,
      trailing: 2,
      hasTime: false,
    });
  });

  it.each([
    ['no string', 20251211],
    ['too long to be a date', `11.12.2025 14:59:00${' '.repeat(30)}`],
    ['a two-digit year', '11.12.25'],
    ['no day', '2025/12'],
    ['two separators of different kinds', '11.12/2025'],
    ['an hour of 25', '11.12.2025 25:00:00'],
    ['minutes of 60', '11.12.2025 14:60'],
    ['one minute digit', '11.12.2025 14:5'],
    ['a pm hour of 13', '12/11/2025 13:00:00 pm'],
    ['an am hour of 0', '12/11/2025 00:30 am'],
    ['words after the time', '11.12.2025 14:59 tomorrow'],
    ['a time without a date', '14:59:00'],
    ['a three-digit day', '111.12.2025'],
    ['a day-first date with a short year', '11.12.202'],
  ])('refuses %s', (_what, text) => {
    expect(split(text)).toBeNull();
  });
});

describe('wallMs', () => {
  const wall = (y: number, m: number, d: number, h = 0, min = 0, s = 0): number =>
    Date.UTC(y, m - 1, d, h, min, s);

  it('reads the same written date by the order it is given', () => {
    const written = date(3, 4, 2026);
    expect(wallMs(written, 'DMY')).toBe(wall(2026, 4, 3));
    expect(wallMs(written, 'MDY')).toBe(wall(2026, 3, 4));
    expect(wallMs(written, 'YMD')).toBeNaN();
  });

  it('reads a year-first date year first whatever the order says', () => {
    const written = date(2026, 4, 3, { yearFirst: true });
    for (const order of ['DMY', 'MDY', 'YMD'] as const)
      expect(wallMs(written, order)).toBe(wall(2026, 4, 3));
  });

  it('adds the time, unless told to read the day alone', () => {
    const written = date(11, 12, 2025, { hasTime: true, hour: 14, minute: 59, second: 7 });
    expect(wallMs(written, 'DMY')).toBe(wall(2025, 12, 11, 14, 59, 7));
    expect(wallMs(written, 'DMY', false)).toBe(wall(2025, 12, 11));
  });

  it('knows the length of every month, leap days included', () => {
    expect(wallMs(date(29, 2, 2024), 'DMY')).toBe(wall(2024, 2, 29));
    expect(wallMs(date(29, 2, 2000), 'DMY')).toBe(wall(2000, 2, 29));
    expect(wallMs(date(29, 2, 2025), 'DMY')).toBeNaN();
    expect(wallMs(date(29, 2, 2100), 'DMY')).toBeNaN();
    expect(wallMs(date(31, 4, 2026), 'DMY')).toBeNaN();
    expect(wallMs(date(30, 4, 2026), 'DMY')).toBe(wall(2026, 4, 30));
    expect(wallMs(date(31, 12, 2026), 'DMY')).toBe(wall(2026, 12, 31));
  });

  it('refuses what is no date in that order, and years outside 1900..9999', () => {
    expect(wallMs(date(13, 12, 2025), 'MDY')).toBeNaN();
    expect(wallMs(date(0, 12, 2025), 'DMY')).toBeNaN();
    expect(wallMs(date(1, 0, 2025), 'DMY')).toBeNaN();
    expect(wallMs(date(1, 1, 1899), 'DMY')).toBeNaN();
    expect(wallMs(date(1, 1, 1900), 'DMY')).toBe(wall(1900, 1, 1));
    expect(wallMs(date(10000, 1, 1, { yearFirst: true }), 'YMD')).toBeNaN();
  });

  it('reads what splitSiteDate split', () => {
    const into = new WrittenDate();
    expect(splitSiteDate('12/11/2025 02:59:00 pm', into)).toBe(true);
    expect(wallMs(into, 'MDY')).toBe(wall(2025, 12, 11, 14, 59));
  });
});
