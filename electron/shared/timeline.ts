/*
 * A colleague's presence over time, as the history keeps it (electron/core/history) and the
 * panel draws it: online / away / offline, and 'unknown' where the app had no fresh data (not
 * running, asleep, stale), which is never drawn as offline.
 */
import { HOUR_MS } from './time-units.js';

export const TIMELINE_STATES = ['online', 'idle', 'offline', 'unknown'] as const;
export type TimelineState = (typeof TIMELINE_STATES)[number];

export interface TimelineSegment {
  readonly from: number;
  readonly to: number;
  readonly state: TimelineState;
}

export interface TimelineDay {
  /** Local midnight that starts the day. */
  readonly start: number;
  readonly end: number;
  /** Segments cut to the day, as fractions of it (0 = midnight, 1 = the next one). */
  readonly bars: readonly {
    readonly x0: number;
    readonly x1: number;
    readonly state: TimelineState;
  }[];
  /** First moment online that day, or null. */
  readonly firstOnline: number | null;
  /** Milliseconds online that day. */
  readonly onlineMs: number;
}

/** Local midnight of the day containing `at`, in the machine's zone. */
export function localMidnight(at: number): number {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/**
 * Cuts segments into the `days` local days ending with the one containing `now` (oldest
 * first). Time after `now` is left undrawn; time inside a day without a segment is unknown.
 */
/**
 * The local midnights that start the `days` days ending with the one containing `now`, oldest
 * first. Steps back through each previous day's noon, so a 23- or 25-hour day (DST) stays one day.
 */
export function dayStarts(
  now: number,
  days: number,
  midnightOf: (at: number) => number = localMidnight,
): number[] {
  let start = midnightOf(now);
  const starts: number[] = [start];
  for (let k = 1; k < days; k++) {
    start = midnightOf(start - 12 * HOUR_MS);
    starts.unshift(start);
  }
  return starts;
}

export function timelineDays(
  segments: readonly TimelineSegment[],
  now: number,
  days = 7,
  midnightOf: (at: number) => number = localMidnight,
): TimelineDay[] {
  const out: TimelineDay[] = [];
  const starts = dayStarts(now, days, midnightOf);
  for (let index = 0; index < starts.length; index++) {
    const dayStart = starts[index] as number;
    const dayEnd = starts[index + 1] ?? midnightOf(dayStart + 36 * HOUR_MS);
    const length = dayEnd - dayStart;
    const visibleEnd = Math.min(dayEnd, now);
    const bars: { x0: number; x1: number; state: TimelineState }[] = [];
    let cursor = dayStart;
    let firstOnline: number | null = null;
    let onlineMs = 0;
    const add = (from: number, to: number, state: TimelineState): void => {
      if (to <= from) return;
      const last = bars.at(-1);
      const x0 = (from - dayStart) / length;
      const x1 = (to - dayStart) / length;
      if (last && last.state === state && Math.abs(last.x1 - x0) < 1e-9) last.x1 = x1;
      else bars.push({ x0, x1, state });
    };
    for (const segment of segments) {
      const from = Math.max(segment.from, dayStart);
      const to = Math.min(segment.to, visibleEnd);
      if (to <= from) continue;
      add(cursor, from, 'unknown');
      add(from, to, segment.state);
      if (segment.state === 'online') {
        onlineMs += to - from;
        firstOnline ??= from;
      }
      cursor = Math.max(cursor, to);
    }
    add(cursor, visibleEnd, 'unknown');
    out.push({ start: dayStart, end: dayEnd, bars, firstOnline, onlineMs });
  }
  return out;
}
