import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  SECOND_MS,
  daysFromCivil,
} from '../../../../electron/shared/time-units.js';

describe('durations', () => {
  it('build on each other in milliseconds', () => {
    expect([SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS]).toEqual([1_000, 60_000, 3_600_000, 86_400_000]);
  });
});

describe('daysFromCivil', () => {
  it('counts days from 1970-01-01, before it too', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1970, 1, 2)).toBe(1);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
  });

  it('ends a year with its leap day: February 29 is followed by March 1', () => {
    expect(daysFromCivil(2024, 3, 1) - daysFromCivil(2024, 2, 29)).toBe(1);
    expect(daysFromCivil(2024, 3, 1) - daysFromCivil(2024, 2, 28)).toBe(2);
    expect(daysFromCivil(2100, 3, 1) - daysFromCivil(2100, 2, 28)).toBe(1);
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2);
  });

  it('agrees with Date.UTC for every valid date from 1900 to 9999', () => {
    const validDate = fc
      .record({
        year: fc.integer({ min: 1900, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
      })
      .filter(
        ({ year, month, day }) => new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day,
      );
    fc.assert(
      fc.property(validDate, ({ year, month, day }) => {
        expect(daysFromCivil(year, month, day) * DAY_MS).toBe(Date.UTC(year, month - 1, day));
      }),
      { numRuns: 2_000 },
    );
  });
});
