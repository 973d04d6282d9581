/*
 * Relative-time bucketing: turns an elapsed time into the coarse unit people read at a glance
 * ("20 s", "25 min", "2 h", "3 days"). Pure, so the rules are tested without a browser.
 */
export type TimeUnit = 'second' | 'minute' | 'hour' | 'day';
export type Span = { readonly unit: 'now' } | { readonly unit: TimeUnit; readonly value: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Seconds are shown in steps of this many, so "updated 20 s ago" does not flicker every second. */
export const SECOND_STEP = 10;

/**
 * Buckets an elapsed time. `finest` is the smallest unit worth showing: the header's freshness
 * uses seconds, rows use minutes (Bitrix24 only refreshes last activity every few minutes).
 * Negative spans (clock skew between host and portal) count as "now".
 */
export function bucket(elapsedMs: number, finest: 'second' | 'minute' = 'minute'): Span {
  const ms = Number.isFinite(elapsedMs) ? Math.max(0, elapsedMs) : 0;
  if (finest === 'second') {
    if (ms < SECOND_STEP * SECOND) return { unit: 'now' };
    if (ms < MINUTE)
      return { unit: 'second', value: Math.floor(ms / SECOND / SECOND_STEP) * SECOND_STEP };
  } else if (ms < MINUTE) {
    return { unit: 'now' };
  }
  if (ms < HOUR) return { unit: 'minute', value: Math.floor(ms / MINUTE) };
  if (ms < DAY) return { unit: 'hour', value: Math.floor(ms / HOUR) };
  return { unit: 'day', value: Math.floor(ms / DAY) };
}

/** A duration for "Away · 25 min": never "now", at least one minute. */
export function durationSpan(elapsedMs: number): {
  readonly unit: TimeUnit;
  readonly value: number;
} {
  const span = bucket(elapsedMs, 'minute');
  return span.unit === 'now' ? { unit: 'minute', value: 1 } : span;
}

/**
 * Parses a leave's last day (YYYY-MM-DD) to midnight UTC of that day, or null when malformed.
 * A calendar day, not a moment: it is formatted in UTC too, so no time zone moves it by a day.
 */
export function parseIsoDay(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const back = new Date(at);
  // Rejects 2026-02-31 and the like, which Date.UTC would quietly roll over.
  return back.getUTCDate() === Number(match[3]) && back.getUTCMonth() === Number(match[2]) - 1
    ? at
    : null;
}

/** The day after a YYYY-MM-DD day, as YYYY-MM-DD (a leave's last day → the day the person is back). */
export function nextIsoDay(day: string): string | null {
  const at = parseIsoDay(day);
  return at === null ? null : new Date(at + 86_400_000).toISOString().slice(0, 10);
}
