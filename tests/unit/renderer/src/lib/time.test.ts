import { describe, expect, it } from 'vitest';
import {
  bucket,
  durationSpan,
  nextIsoDay,
  parseIsoDay,
} from '../../../../../renderer/src/lib/time.js';

describe('relative-time bucketing', () => {
  it('uses seconds in steps of ten for freshness, minutes for rows', () => {
    expect(bucket(9_999, 'second')).toEqual({ unit: 'now' });
    expect(bucket(24_000, 'second')).toEqual({ unit: 'second', value: 20 });
    expect(bucket(59_000, 'minute')).toEqual({ unit: 'now' });
    expect(bucket(25 * 60_000 + 59_000)).toEqual({ unit: 'minute', value: 25 });
    expect(bucket(2 * 3_600_000 + 60_000)).toEqual({ unit: 'hour', value: 2 });
    expect(bucket(3 * 86_400_000)).toEqual({ unit: 'day', value: 3 });
  });

  it('treats clock skew and garbage as "now"', () => {
    expect(bucket(-5_000, 'second')).toEqual({ unit: 'now' });
    expect(bucket(Number.NaN)).toEqual({ unit: 'now' });
  });

  it('never says "0 min" for a duration', () => {
    expect(durationSpan(5_000)).toEqual({ unit: 'minute', value: 1 });
    expect(durationSpan(90 * 60_000)).toEqual({ unit: 'hour', value: 1 });
  });

  it('parses leave days strictly', () => {
    expect(parseIsoDay('2026-12-03')).toBe(Date.UTC(2026, 11, 3));
    expect(parseIsoDay('2026-02-31')).toBeNull();
    expect(parseIsoDay('03.12.2026')).toBeNull();
  });
});

describe('leave days', () => {
  it('finds the day after, across months, years and leap days, with no time zone involved', () => {
    expect(nextIsoDay('2026-12-03')).toBe('2026-12-04');
    expect(nextIsoDay('2026-12-31')).toBe('2027-01-01');
    expect(nextIsoDay('2028-02-28')).toBe('2028-02-29');
    expect(nextIsoDay('2026-03-28')).toBe('2026-03-29'); // a DST weekend in Europe
    expect(nextIsoDay('2026-13-01')).toBeNull();
  });
});
