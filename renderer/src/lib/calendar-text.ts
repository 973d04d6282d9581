import { calendarAt, type CalendarBlock, type CalendarKind } from '$shared/calendar.js';
import type { Colleague } from '$shared/domain.js';
import { zoneOffsetAt } from '$shared/zone-clock.js';
import type { Translator } from './i18n.js';

/**
 * What a person's calendar says at the panel's tick, in words: "In a meeting · until 15:30",
 * "Out of office · until Fri 11 Dec", or, when free, the next busy block today ("Meeting at
 * 16:00"). Derived at every tick from the merged blocks, never stored, so "until 15:30" ends at
 * 15:30. Times are the viewer's, in the panel's 24-hour clock.
 *
 * Split in two: `words` may be shortened or cut by the row, `when` (the time or date) never is.
 */
export interface CalendarLine {
  /** The block's kind: the row's colour and icon. */
  readonly kind: CalendarKind;
  /** Now in it, or next today. */
  readonly moment: 'now' | 'next';
  readonly words: string;
  readonly when: string;
  /** The whole line, for the tooltip and screen readers ("In a meeting · until 15:30"). */
  readonly text: string;
}

type Person = Pick<Colleague, 'calendar' | 'absentUntil' | 'gender'>;

const DAY = 86_400_000;

/** Local midnight starting the viewer's day that holds `at` (DST-safe: Date does the wall clock). */
export function dayStart(at: number): number {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The viewer's next midnight after the day holding `at`. */
export function nextDayStart(at: number): number {
  return dayStart(dayStart(at) + DAY + 3 * 3_600_000);
}

/** Until when: a time today, else the last day ("Fri 11 Dec"; an end at midnight means the day before). */
function untilText(until: number, now: number, i18n: Translator): string {
  if (until < nextDayStart(now)) return i18n.t('calendar.until', { time: i18n.clock(until) });
  const lastDay = until === dayStart(until) ? until - 1 : until;
  return i18n.t('calendar.untilDay', { date: i18n.weekdayDate(lastDay) });
}

/**
 * The row's calendar line, or null when there is nothing to say: calendar unknown or free for
 * the rest of today, or on leave (the presence already says "On leave until …", which wins over
 * an out-of-office block). `compact` (a narrow row) picks the shorter words; the time stays whole.
 */
export function calendarLine(
  c: Person,
  now: number,
  i18n: Translator,
  compact = false,
): CalendarLine | null {
  const moment = calendarAt(c.calendar, now);
  const current = moment.now;
  if (current !== null) {
    if (current.kind === 'out-of-office' && c.absentUntil !== null) return null;
    const words = nowWords(current.kind, c, i18n, compact);
    const when = untilText(current.until, now, i18n);
    return {
      kind: current.kind,
      moment: 'now',
      words,
      when,
      text: `${nowWords(current.kind, c, i18n, false)} · ${when}`,
    };
  }
  const next = moment.next;
  if (next === null || next.from >= nextDayStart(now)) return null;
  if (next.kind === 'out-of-office' && c.absentUntil !== null) return null;
  const time = i18n.clock(next.from);
  const words = i18n.t(
    next.kind === 'meeting'
      ? 'calendar.nextMeeting'
      : next.kind === 'tentative'
        ? 'calendar.nextTentative'
        : 'calendar.nextOutOfOffice',
  );
  const when = i18n.t(next.kind === 'out-of-office' ? 'calendar.from' : 'calendar.at', { time });
  return { kind: next.kind, moment: 'next', words, when, text: `${words} ${when}` };
}

function nowWords(kind: CalendarKind, c: Person, i18n: Translator, compact: boolean): string {
  switch (kind) {
    case 'meeting':
      return i18n.t(compact ? 'calendar.meetingShort' : 'calendar.meeting');
    case 'tentative':
      return compact
        ? i18n.t('calendar.tentativeShort')
        : i18n.gendered('calendar.tentative', c.gender);
    case 'out-of-office':
      return i18n.t(compact ? 'calendar.outOfOfficeShort' : 'calendar.outOfOffice');
  }
}

/** One busy stretch of a day in the details view: "10:00–11:30", "all day", "until 09:30". */
export interface DayBlockView {
  readonly kind: CalendarKind;
  readonly from: number;
  readonly until: number;
  readonly span: string;
  readonly label: string;
}

/**
 * The blocks touching the viewer's day that starts at `start` (from `dayStart`), clipped to it:
 * a block running in from the day before says "until 09:30", one running on "from 17:00", one
 * covering the whole day "all day". Kinds only: the portal hides titles from colleagues.
 */
export function dayBlocks(
  blocks: readonly CalendarBlock[] | null,
  start: number,
  i18n: Translator,
): DayBlockView[] {
  if (!blocks) return [];
  const end = nextDayStart(start);
  const views: DayBlockView[] = [];
  for (const block of blocks) {
    if (block.until <= start || block.from >= end) continue;
    const startsBefore = block.from <= start;
    const endsAfter = block.until >= end;
    const span =
      startsBefore && endsAfter
        ? i18n.t('calendar.allDay')
        : startsBefore
          ? i18n.t('calendar.until', { time: i18n.clock(block.until) })
          : endsAfter
            ? i18n.t('calendar.from', { time: i18n.clock(block.from) })
            : `${i18n.clock(block.from)}–${i18n.clock(block.until)}`;
    views.push({
      kind: block.kind,
      from: block.from,
      until: block.until,
      span,
      label: i18n.t(KIND_LABEL[block.kind]),
    });
  }
  return views;
}

const KIND_LABEL = {
  meeting: 'calendar.kindMeeting',
  tentative: 'calendar.kindTentative',
  'out-of-office': 'calendar.kindOutOfOffice',
} as const;

/** Each kind has its own icon besides its colour. */
export const CALENDAR_ICON = {
  meeting: 'calendar',
  tentative: 'calendarQuestion',
  'out-of-office': 'plane',
} as const satisfies Record<CalendarKind, string>;

/**
 * A colleague's local time where their zone is known and its offset differs from the viewer's:
 * "18:42 local · 3 h ahead" (half-hour zones: "2 h 30 min ahead"). Null for an unknown or
 * invalid zone, or one that reads the same as the viewer's now: never a guess.
 */
export interface LocalTime {
  readonly time: string;
  readonly offset: string;
  readonly text: string;
}

export function localTime(
  zone: string | null,
  viewerZone: string,
  now: number,
  i18n: Translator,
): LocalTime | null {
  if (zone === null) return null;
  const theirs = offsetMinutes(zone, now);
  const ours = offsetMinutes(viewerZone, now);
  if (theirs === null || ours === null || theirs === ours) return null;
  const difference = theirs - ours;
  const hours = Math.floor(Math.abs(difference) / 60);
  const minutes = Math.abs(difference) % 60;
  const span =
    minutes === 0
      ? i18n.t('tz.hours', { h: hours })
      : hours === 0
        ? i18n.t('tz.minutes', { m: minutes })
        : i18n.t('tz.hoursMinutes', { h: hours, m: minutes });
  const time = i18n.t('tz.local', { time: i18n.clock(now, zone) });
  const offset = i18n.t(difference > 0 ? 'tz.ahead' : 'tz.behind', { span });
  return { time, offset, text: `${time} · ${offset}` };
}

/** The zone's offset from UTC at `at`, in minutes; null when Intl does not know the zone. */
export function offsetMinutes(zone: string, at: number): number | null {
  const offset = zoneOffsetAt(at, zone);
  return offset === null ? null : Math.round(offset / 60_000);
}
