import { describe, expect, it } from 'vitest';
import { timelineDays } from '../../../../electron/shared/timeline.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = Date.UTC(2026, 10, 30);
const utcMidnight = (at: number) => Math.floor(at / DAY) * DAY;

describe('timelineDays', () => {
  it('cuts segments into days, with what was not seen as unknown and the future left undrawn', () => {
    const now = MONDAY + DAY + 12 * HOUR; // Tuesday noon
    const segments = [
      { from: MONDAY + 9 * HOUR, to: MONDAY + 18 * HOUR, state: 'online' as const },
      { from: MONDAY + 18 * HOUR, to: MONDAY + DAY + 9 * HOUR, state: 'offline' as const },
      { from: MONDAY + DAY + 9 * HOUR, to: MONDAY + DAY + 10 * HOUR, state: 'online' as const },
      // 10:00–11:00 Tuesday: the app was not running.
      { from: MONDAY + DAY + 11 * HOUR, to: now, state: 'idle' as const },
    ];
    const [monday, tuesday] = timelineDays(segments, now, 2, utcMidnight);
    expect(monday).toMatchObject({
      start: MONDAY,
      end: MONDAY + DAY,
      firstOnline: MONDAY + 9 * HOUR,
      onlineMs: 9 * HOUR,
    });
    expect(monday!.bars).toEqual([
      { x0: 0, x1: 9 / 24, state: 'unknown' },
      { x0: 9 / 24, x1: 18 / 24, state: 'online' },
      { x0: 18 / 24, x1: 1, state: 'offline' },
    ]);
    expect(tuesday!.bars).toEqual([
      { x0: 0, x1: 9 / 24, state: 'offline' },
      { x0: 9 / 24, x1: 10 / 24, state: 'online' },
      { x0: 10 / 24, x1: 11 / 24, state: 'unknown' },
      { x0: 11 / 24, x1: 12 / 24, state: 'idle' },
    ]);
    expect(tuesday!.firstOnline).toBe(MONDAY + DAY + 9 * HOUR);
  });

  it('gives a week of days oldest first, all unknown without history', () => {
    const now = MONDAY + 6 * DAY + HOUR;
    const days = timelineDays([], now, 7, utcMidnight);
    expect(days.map((day) => day.start)).toEqual(
      Array.from({ length: 7 }, (_, k) => MONDAY + k * DAY),
    );
    expect(days[0]!.bars).toEqual([{ x0: 0, x1: 1, state: 'unknown' }]);
    expect(days[6]!.bars).toEqual([{ x0: 0, x1: 1 / 24, state: 'unknown' }]);
    expect(days.every((day) => day.firstOnline === null)).toBe(true);
  });
});
