import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  calendarAt,
  isBlockedAt,
  mergeBlocks,
  type CalendarBlock,
  type CalendarKind,
} from '../../../../electron/shared/calendar.js';

const MIN = 60_000;
// Any instant works: blocks are plain epoch milliseconds, never calendar dates.
const T = 1_000 * MIN;
const block = (kind: CalendarKind, from: number, until: number): CalendarBlock => ({
  kind,
  from: T + from * MIN,
  until: T + until * MIN,
});

describe('mergeBlocks', () => {
  it('joins overlapping and back-to-back entries, keeping the strongest kind', () => {
    expect(
      mergeBlocks([
        block('tentative', 60, 90),
        block('meeting', 0, 30),
        block('meeting', 30, 60),
        block('tentative', 120, 150),
      ]),
    ).toEqual([block('meeting', 0, 90), block('tentative', 120, 150)]);
    expect(mergeBlocks([block('meeting', 0, 60), block('out-of-office', 10, 20)])).toEqual([
      block('out-of-office', 0, 60),
    ]);
  });

  it('drops empty and inverted entries', () => {
    expect(mergeBlocks([block('meeting', 10, 10), block('meeting', 20, 5)])).toEqual([]);
  });

  it('leaves ascending blocks with a gap between each two, covering exactly the entries', () => {
    const kinds = fc.constantFrom<CalendarKind>('meeting', 'tentative', 'out-of-office');
    const entry = fc.record({
      kind: kinds,
      from: fc.integer({ min: 0, max: 500 }),
      length: fc.integer({ min: 1, max: 120 }),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 12 }),
        fc.integer({ min: -10, max: 700 }),
        (raw, probe) => {
          const entries = raw.map((e) => block(e.kind, e.from, e.from + e.length));
          const merged = mergeBlocks(entries);
          for (let i = 1; i < merged.length; i++)
            expect(merged[i]!.from).toBeGreaterThan(merged[i - 1]!.until);
          const at = T + probe * MIN;
          const covered = entries.some((e) => e.from <= at && at < e.until);
          expect(calendarAt(merged, at).now !== null).toBe(covered);
        },
      ),
    );
  });
});

describe('calendarAt', () => {
  const day = [block('meeting', 0, 60), block('tentative', 120, 150)];

  it('says the block covering the moment and the next one', () => {
    expect(calendarAt(day, T + 30 * MIN)).toEqual({ now: day[0], next: day[1] });
    expect(calendarAt(day, T + 90 * MIN)).toEqual({ now: null, next: day[1] });
    expect(calendarAt(day, T - MIN)).toEqual({ now: null, next: day[0] });
  });

  it('ends a block at its end, not a moment later', () => {
    expect(calendarAt(day, T + 60 * MIN - 1).now).toEqual(day[0]);
    expect(calendarAt(day, T + 60 * MIN).now).toBeNull();
    expect(calendarAt(day, T + 150 * MIN)).toEqual({ now: null, next: null });
  });

  it('knows nothing without a calendar', () => {
    expect(calendarAt(null, T)).toEqual({ now: null, next: null });
  });

  it('counts meetings and absences as blocking, a tentative invitation not', () => {
    expect(isBlockedAt(day, T + 10 * MIN)).toBe(true);
    expect(isBlockedAt(day, T + 130 * MIN)).toBe(false);
    expect(isBlockedAt([block('out-of-office', 0, 5_000)], T + 10 * MIN)).toBe(true);
    expect(isBlockedAt(null, T)).toBe(false);
  });
});
