import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  indexAt,
  prefixOffsets,
  scrollToCentre,
  scrollToReveal,
  windowRange,
} from '../../../../../renderer/src/lib/virtual.js';

const heights = (kinds: boolean[]) => prefixOffsets(kinds.length, (i) => (kinds[i] ? 30 : 52));

describe('windowed list maths', () => {
  it('renders only what covers the viewport, plus overscan', () => {
    const offsets = prefixOffsets(5000, () => 52);
    const range = windowRange(offsets, 52 * 1000 + 10, 520, 6);
    expect(range).toEqual({ start: 994, end: 1017, offset: 994 * 52, totalHeight: 5000 * 52 });
  });

  it('always covers the visible pixels with a bounded number of rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 3000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 100, max: 2000 }),
        (kinds, fraction, viewport) => {
          const offsets = heights(kinds);
          const total = offsets[kinds.length] as number;
          const scrollTop = fraction * Math.max(0, total - viewport);
          const range = windowRange(offsets, scrollTop, viewport, 6);
          expect(range.offset).toBe(offsets[range.start]);
          expect(range.offset).toBeLessThanOrEqual(scrollTop);
          expect(offsets[range.end]).toBeGreaterThanOrEqual(Math.min(total, scrollTop + viewport));
          expect(range.end - range.start).toBeLessThanOrEqual(Math.ceil(viewport / 30) + 1 + 12);
        },
      ),
    );
  });

  it('finds rows by pixel and scrolls as little as needed to reveal one', () => {
    const offsets = heights([true, false, false, true, false]);
    expect(indexAt(offsets, 0)).toBe(0);
    expect(indexAt(offsets, 30)).toBe(1);
    expect(indexAt(offsets, 10_000)).toBe(4);
    expect(scrollToReveal(offsets, 4, 0, 100)).toBe(216 - 100);
    expect(scrollToReveal(offsets, 1, 100, 100)).toBe(30);
    expect(scrollToReveal(offsets, 2, 50, 100)).toBe(50);
    expect(scrollToCentre(offsets, 2, 100)).toBe(Math.max(0, (82 + 134) / 2 - 50));
    expect(
      windowRange(
        prefixOffsets(0, () => 52),
        0,
        500,
        6,
      ),
    ).toEqual({ start: 0, end: 0, offset: 0, totalHeight: 0 });
  });
});
