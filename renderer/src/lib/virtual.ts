/*
 * Index maths of the windowed list: which rows to put in the DOM for a scroll position.
 * Rows have fixed heights per kind (person rows, group headers), so offsets are a prefix sum
 * computed once per list change and every lookup is a binary search.
 */
export interface WindowRange {
  /** First rendered index (inclusive). */
  readonly start: number;
  /** Last rendered index (exclusive). */
  readonly end: number;
  /** Pixel offset of `start`. */
  readonly offset: number;
  readonly totalHeight: number;
}

/** offsets[i] is the top of row i; offsets[n] the total height. */
export function prefixOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = (offsets[i] as number) + heightOf(i);
  return offsets;
}

/** Index of the row containing pixel y (clamped to the rows that exist). */
export function indexAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((offsets[mid] as number) <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

export function windowRange(
  offsets: Float64Array,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): WindowRange {
  const count = offsets.length - 1;
  const totalHeight = offsets[count] ?? 0;
  if (count <= 0) return { start: 0, end: 0, offset: 0, totalHeight: 0 };
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, totalHeight - viewportHeight)));
  const first = indexAt(offsets, top);
  const last = indexAt(offsets, top + Math.max(0, viewportHeight - 1));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + 1 + overscan);
  return { start, end, offset: offsets[start] ?? 0, totalHeight };
}

/** The scrollTop that brings row `index` fully into view, moving as little as possible. */
export function scrollToReveal(
  offsets: Float64Array,
  index: number,
  scrollTop: number,
  viewportHeight: number,
): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  const i = Math.max(0, Math.min(index, count - 1));
  const top = offsets[i] as number;
  const bottom = offsets[i + 1] as number;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** The scrollTop that centres row `index` (used when a notification points at someone). */
export function scrollToCentre(
  offsets: Float64Array,
  index: number,
  viewportHeight: number,
): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  const i = Math.max(0, Math.min(index, count - 1));
  const middle = ((offsets[i] as number) + (offsets[i + 1] as number)) / 2;
  const max = Math.max(0, (offsets[count] as number) - viewportHeight);
  return Math.max(0, Math.min(max, middle - viewportHeight / 2));
}
