import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastDayOffIfNotOver, parseAtom } from '../../../../../electron/core/presence/dates.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Any valid ATOM string with an offset, built independently of the parser. */
const atom = fc
  .record({
    ms: fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) }),
    offset: fc.integer({ min: -14 * 60, max: 14 * 60 }),
    zulu: fc.boolean(),
    fraction: fc.constantFrom('', '.5', '.123', '.123456'),
  })
  .map(({ ms, offset, zulu, fraction }) => {
    const wholeSeconds = Math.floor(ms / 1000) * 1000;
    if (zulu) return `${new Date(wholeSeconds).toISOString().slice(0, 19)}${fraction}Z`;
    const local = new Date(wholeSeconds + offset * 60_000).toISOString().slice(0, 19);
    const sign = offset < 0 ? '-' : '+';
    return `${local}${fraction}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  });

describe('parseAtom', () => {
  it('agrees with Date.parse on every valid ATOM string', () => {
    fc.assert(
      fc.property(atom, (text) => {
        expect(parseAtom(text)).toBe(Date.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts an offset without a colon', () => {
    expect(parseAtom('2018-01-29T17:35:31+0300')).toBe(Date.parse('2018-01-29T17:35:31+03:00'));
  });

  it.each([
    '2024-02-30T10:00:00+03:00', // Date.parse would roll this over to 1 March
    '2023-02-29T10:00:00Z', // not a leap year
    '2024-07-23 08:08:50', // user.get: no offset, zone unknown
    '2024-07-23T08:08:50', // no offset
    '2024-13-01T00:00:00Z',
    '2024-01-01T00:60:00Z',
    '2024-01-01T00:00:00+24:00',
    '2024-01-01T00:00:00.Z',
    '2024-01-01T00:00:00+03:00 ',
    '２０２４-01-01T00:00:00Z',
    'false',
  ])('rejects %j', (text) => {
    expect(parseAtom(text)).toBeNull();
  });

  it('treats false and undefined as no date', () => {
    expect(parseAtom(false)).toBeNull();
    expect(parseAtom(undefined)).toBeNull();
  });

  it('never throws and only returns null or a finite number on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const value = parseAtom(text);
        expect(value === null || Number.isFinite(value)).toBe(true);
      }),
    );
  });
});

describe('lastDayOffIfNotOver', () => {
  const now = Date.UTC(2026, 10, 23, 9, 0);
  it('names the day before the midnight `absent` marks, while that midnight is ahead', () => {
    expect(lastDayOffIfNotOver('2026-11-24T00:00:00+03:00', now)).toBe('2026-11-23');
    expect(lastDayOffIfNotOver('2027-01-02T00:00:00+03:00', now)).toBe('2027-01-01');
    expect(lastDayOffIfNotOver('2026-03-01T00:00:00+03:00', Date.UTC(2026, 1, 20))).toBe(
      '2026-02-28',
    );
    expect(lastDayOffIfNotOver('2026-11-23T00:00:00+03:00', now)).toBeNull();
    expect(lastDayOffIfNotOver('not a date', now)).toBeNull();
    expect(lastDayOffIfNotOver(false, now)).toBeNull();
  });

  it('is the same day whichever offset the portal writes the instant in', () => {
    fc.assert(
      fc.property(fc.integer({ min: -11 * 60, max: 11 * 60 }), (shift) => {
        // Midnight 2026-12-04 in Moscow, written in an offset `shift` minutes from it.
        const instant = Date.UTC(2026, 11, 3, 21, 0);
        const offset = 180 + shift;
        const local = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(lastDayOffIfNotOver(text, now)).toBe('2026-12-03');
      }),
    );
  });
});
