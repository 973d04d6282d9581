import {
  localMidnight,
  timelineDays,
  type TimelineSegment,
  type TimelineState,
} from '$shared/timeline.js';
import type { Translator } from './i18n.js';

/*
 * A person's last days as the detail view draws them: one bar per local day, newest first, with
 * the words that go with it ("in at 09:05, 7 h 12 min online"). Unknown time (the app was not
 * running, the machine slept, the data was stale) stays unknown: never counted as offline.
 */
export interface TimelineBar {
  readonly x0: number;
  readonly x1: number;
  readonly state: TimelineState;
  /** Its exact times, "Online, 09:05–11:00", for hover and focus. */
  readonly text: string;
}

export interface TimelineDayView {
  readonly start: number;
  /** "Today", "Yesterday", "Sat 21": short, for beside the bar. */
  readonly label: string;
  /** "Today", "Yesterday", "Sat 21 Nov": for screen readers and the tooltip. */
  readonly fullLabel: string;
  readonly bars: readonly TimelineBar[];
  readonly firstOnline: number | null;
  readonly onlineMs: number;
  /** Some of the day's visible part was seen (not all unknown). */
  readonly watched: boolean;
  /**
   * "in at 09:05, 7 h 12 min online", "not online", "not watched"; "watching since 03:38, …"
   * when they were online already when the app began to watch (when they came in is unknown).
   */
  readonly summary: string;
  /** "09:05", "watching since 03:38", or "—" when not online. */
  readonly firstText: string;
  /** "7 h 12 min", or "—". */
  readonly onlineText: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** "7 h 12 min", "45 min", "3 h": an amount of time in hours and minutes. */
export function hoursMinutes(ms: number, i18n: Translator): string {
  const total = Math.max(0, Math.round(ms / MINUTE));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return i18n.t('timeline.minutes', { m });
  if (m === 0) return i18n.t('timeline.hours', { h });
  return i18n.t('timeline.hoursMinutes', { h, m });
}

function isoDay(at: number): string {
  const date = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The day's name: today, yesterday, or its weekday and date ("Sat 21 Nov", or "Sat 21" when `short`). */
export function dayLabel(
  start: number,
  today: number,
  yesterday: number,
  i18n: Translator,
  short = false,
): string {
  if (start === today) return i18n.t('timeline.today');
  if (start === yesterday) return i18n.t('timeline.yesterday');
  const date = new Date(start);
  return `${i18n.weekday(date.getDay())} ${short ? i18n.number(date.getDate()) : i18n.day(isoDay(start))}`;
}

/**
 * What the day's first online moment means: 'seen' when the app saw them come in (known time
 * just before, or online since midnight); 'watching' when they were online already when the app
 * began to watch that day (only unknown time before); 'gap' when they came in while the app saw
 * nothing (they were in by then).
 */
function arrivalOf(
  bars: readonly { readonly state: TimelineState }[],
): 'seen' | 'watching' | 'gap' {
  const first = bars.findIndex((bar) => bar.state === 'online');
  if (first <= 0 || bars[first - 1]?.state !== 'unknown') return 'seen';
  return bars.slice(0, first).every((bar) => bar.state === 'unknown') ? 'watching' : 'gap';
}

/** `now` is the host's moment of the answer (`timeline:get`'s `at`): nothing after it is drawn. */
export function timelineView(
  segments: readonly TimelineSegment[],
  now: number,
  i18n: Translator,
  days = 7,
  midnightOf: (at: number) => number = localMidnight,
): TimelineDayView[] {
  const cut = timelineDays(segments, now, days, midnightOf);
  const today = cut.at(-1)?.start ?? midnightOf(now);
  const yesterday = cut.at(-2)?.start ?? Number.NaN;
  const clock = (at: number): string => i18n.time(at, at);
  return cut
    .map((day) => {
      const watched = day.bars.some((bar) => bar.state !== 'unknown');
      const arrival = arrivalOf(day.bars);
      const time = day.firstOnline === null ? '—' : clock(day.firstOnline);
      const firstText =
        day.firstOnline === null || arrival === 'seen'
          ? time
          : i18n.t(arrival === 'watching' ? 'timeline.watchingSince' : 'timeline.inBy', { time });
      const onlineText = day.onlineMs > 0 ? hoursMinutes(day.onlineMs, i18n) : '—';
      const duration = hoursMinutes(day.onlineMs, i18n);
      const summary = !watched
        ? i18n.t('timeline.notWatched')
        : day.firstOnline === null
          ? i18n.t('timeline.notOnline')
          : i18n.t(
              arrival === 'seen'
                ? 'timeline.inAt'
                : arrival === 'watching'
                  ? 'timeline.watchingSinceOnline'
                  : 'timeline.inByOnline',
              { time, duration },
            );
      const length = day.end - day.start;
      const at = (x: number): number => Math.round(day.start + x * length);
      return {
        start: day.start,
        label: dayLabel(day.start, today, yesterday, i18n, true),
        fullLabel: dayLabel(day.start, today, yesterday, i18n),
        bars: day.bars.map((bar) => ({
          ...bar,
          text: i18n.t('timeline.segment', {
            state: i18n.t(`timeline.legend.${bar.state}`),
            from: clock(at(bar.x0)),
            to: clock(at(bar.x1)),
          }),
        })),
        firstOnline: day.firstOnline,
        onlineMs: day.onlineMs,
        watched,
        summary,
        firstText,
        onlineText,
      };
    })
    .reverse();
}

/** The picture's words for screen readers: "Anna Petrova, last 7 days. Today: in at 09:05, 3 h online. Yesterday: …". */
export function timelineSummary(
  name: string,
  days: readonly TimelineDayView[],
  i18n: Translator,
): string {
  const head = i18n.t('timeline.summary', { name, days: days.length });
  return [head, ...days.map((day) => `${day.fullLabel}: ${day.summary}`)].join('. ');
}

/** Hour marks for the scale under the bars (0, 6, 12, 18, 24), as fractions of a day. */
export const HOUR_MARKS: readonly { readonly hour: number; readonly x: number }[] = [
  0, 6, 12, 18, 24,
].map((hour) => ({ hour, x: (hour * HOUR) / (24 * HOUR) }));
