import { describe, expect, it } from 'vitest';
import {
  DEMO_DATE_FORMATS,
  parseRequestDay,
  siteDateTime,
  siteDay,
} from '../../../../electron/demo/site-format.js';
import type { WallTime } from '../../../../electron/demo/zoned-time.js';

const DMY = 'DD.MM.YYYY HH:MI:SS';
const MDY = 'MM/DD/YYYY H:MI:SS T';
const wall = (fields: Partial<WallTime>): WallTime => ({
  year: 2025,
  month: 12,
  day: 11,
  hour: 14,
  minute: 59,
  second: 0,
  weekday: 4,
  ...fields,
});

describe('siteDay', () => {
  it('writes the date alone in either format, zero-padded', () => {
    expect(siteDay(wall({}), DMY)).toBe('11.12.2025');
    expect(siteDay(wall({}), MDY)).toBe('12/11/2025');
    expect(siteDay(wall({ day: 3, month: 4 }), DMY)).toBe('03.04.2025');
    expect(siteDay(wall({ year: 999 }), DMY)).toBe('11.12.0999');
  });
});

describe('siteDateTime', () => {
  it('writes a 24-hour clock for DD.MM.YYYY', () => {
    expect(siteDateTime(wall({}), DMY)).toBe('11.12.2025 14:59:00');
    expect(siteDateTime(wall({ hour: 0, minute: 5, second: 9 }), DMY)).toBe('11.12.2025 00:05:09');
  });

  it('writes a 12-hour clock with am/pm for MM/DD/YYYY', () => {
    expect(siteDateTime(wall({}), MDY)).toBe('12/11/2025 02:59:00 pm');
    expect(siteDateTime(wall({ hour: 0 }), MDY)).toBe('12/11/2025 12:59:00 am');
    expect(siteDateTime(wall({ hour: 12 }), MDY)).toBe('12/11/2025 12:59:00 pm');
    expect(siteDateTime(wall({ hour: 11 }), MDY)).toBe('12/11/2025 11:59:00 am');
    expect(siteDateTime(wall({ hour: 23 }), MDY)).toBe('12/11/2025 11:59:00 pm');
  });
});

describe('parseRequestDay', () => {
  it('reads ISO dates in either format, with or without a time', () => {
    for (const format of DEMO_DATE_FORMATS) {
      expect(parseRequestDay('2025-12-11', format)).toBe('2025-12-11');
      expect(parseRequestDay(' 2025-12-11T14:59:00+03:00', format)).toBe('2025-12-11');
      expect(parseRequestDay('2025-12-11 14:59', format)).toBe('2025-12-11');
    }
  });

  it('reads the site format it is given, dropping the time', () => {
    expect(parseRequestDay('11.12.2025', DMY)).toBe('2025-12-11');
    expect(parseRequestDay('11.12.2025 14:59:00', DMY)).toBe('2025-12-11');
    expect(parseRequestDay('12/11/2025', MDY)).toBe('2025-12-11');
    expect(parseRequestDay('12/11/2025 02:59:00 pm', MDY)).toBe('2025-12-11');
  });

  it("refuses the other format's dates and anything else", () => {
    expect(parseRequestDay('12/11/2025', DMY)).toBeNull();
    expect(parseRequestDay('11.12.2025', MDY)).toBeNull();
    expect(parseRequestDay('1.12.2025', DMY)).toBeNull();
    expect(parseRequestDay('2025-12-11x', DMY)).toBeNull();
    expect(parseRequestDay('11.12.2025x', DMY)).toBeNull();
    expect(parseRequestDay('', DMY)).toBeNull();
  });

  it('reads back what siteDay writes', () => {
    for (const format of DEMO_DATE_FORMATS)
      expect(parseRequestDay(siteDateTime(wall({ day: 3, month: 4 }), format), format)).toBe(
        '2025-04-03',
      );
  });
});
