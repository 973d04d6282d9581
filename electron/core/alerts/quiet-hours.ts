import type { QuietWindow } from '../../shared/settings/schema.js';

/** Wall-clock position of an instant: day of week (0 = Sunday, as Date#getDay) and minutes since midnight. */
export interface LocalTime {
  readonly day: number;
  readonly minutes: number;
}

export type LocalTimeFn = (ms: number) => LocalTime;

/** The machine's local time zone, like the rest of the desktop. */
export const systemLocalTime: LocalTimeFn = (ms) => {
  const date = new Date(ms);
  return { day: date.getDay(), minutes: date.getHours() * 60 + date.getMinutes() };
};

function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Whether `at` falls in the window. A window whose end is not after its start wraps past
 * midnight and belongs to the day it starts on: "Fri 22:00–07:00" covers Friday night and
 * Saturday until 07:00, not Friday morning. start === end means a full 24 hours from start.
 */
export function inQuietWindow(window: QuietWindow, at: LocalTime): boolean {
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  if (start < end) return window.days.includes(at.day) && at.minutes >= start && at.minutes < end;
  const previousDay = (at.day + 6) % 7;
  return (
    (window.days.includes(at.day) && at.minutes >= start) ||
    (window.days.includes(previousDay) && at.minutes < end)
  );
}

export function inQuietHours(windows: readonly QuietWindow[], at: LocalTime): boolean {
  return windows.some((window) => inQuietWindow(window, at));
}
