import { calendarAt, type CalendarBlock } from '../shared/calendar.js';
import type { Colleague } from '../shared/domain.js';

/**
 * A colleague as `status --json` and `watch --json` print it: the engine's Colleague with its
 * calendar blocks replaced by what they say at the moment of output, `calendarNow` (the merged
 * block covering it) and `calendarNext` (the next block starting later), each null when there is
 * none or the calendar is not known. Scripts need no calendar rules of their own.
 */
export type ScriptColleague = Omit<Colleague, 'calendar'> & {
  readonly calendarNow: CalendarBlock | null;
  readonly calendarNext: CalendarBlock | null;
};

export function scriptColleague(colleague: Colleague, now: number): ScriptColleague {
  const { calendar, ...rest } = colleague;
  const moment = calendarAt(calendar, now);
  return { ...rest, calendarNow: moment.now, calendarNext: moment.next };
}

export function sameBlock(a: CalendarBlock | null, b: CalendarBlock | null): boolean {
  return (
    a === b ||
    (a !== null && b !== null && a.kind === b.kind && a.from === b.from && a.until === b.until)
  );
}
