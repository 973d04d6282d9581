import { DESKTOP_GRACE_S, MOBILE_WINDOW_S } from './person.js';
import { DAY_MS, portalDate, portalDateStart } from './portal-time.js';
import type {
  DemoAccessibility,
  DemoBusyBlock,
  DemoBusyView,
  DemoCalendarEntry,
  DemoCalendarKind,
  DemoPersonTruth,
  DemoPresence,
  MessengerView,
} from './types.js';

/*
 * The demo's own oracle: what the Bitrix24 messenger shows for a person, computed from the
 * demo's server-side truth (never from the serialised user object, and never with the app's
 * code). Rules from /work/shared/docs/bitrix24-rest.md, "Deriving presence the way the
 * Bitrix24 messenger does":
 * - offline: no last activity, or `now - last activity` beyond the online limit;
 * - legacy portals only: a real idle date (desktop app running, user away) → 'idle';
 *   mobile date within the limit and within 300 s of the last activity → 'mobile';
 * - 'online' while the last activity is under 300 s old, 'idle' ("no activity for N min")
 *   from there until the online limit.
 * A current portal reports neither mobile nor a chosen status, so the oracle never says so.
 */
export const CURRENT_ONLINE_LIMIT_S = 900;
export const LEGACY_ONLINE_LIMIT_S = 1440;
/** The messenger shows "Online" only while the last activity is under this old. */
export const RECENT_ACTIVITY_S = 300;

export interface OracleOptions {
  /** Default 900 s on a current portal, 1440 s on a legacy one. */
  readonly onlineLimitS?: number;
  /** Default: the source's mode (false for a bare truth). */
  readonly legacy?: boolean;
}

export interface TruthSource {
  readonly legacy: boolean;
  truth(id: number, at?: number): DemoPersonTruth | null;
}

/** The presence a messenger shows for this truth at `now`. */
export function presenceFromTruth(
  truth: DemoPersonTruth,
  now: number,
  options: OracleOptions = {},
): DemoPresence {
  const legacy = options.legacy ?? false;
  const limitMs =
    (options.onlineLimitS ?? (legacy ? LEGACY_ONLINE_LIMIT_S : CURRENT_ONLINE_LIMIT_S)) * 1000;
  const last = truth.lastActivity;
  // Strict boundaries, as the messenger's own code: counted online while now - last < limit.
  if (last === null || now - last >= limitMs) return 'offline';
  if (legacy) {
    if (truth.idleSince !== null && desktopRunningFromTruth(truth, now)) return 'idle';
    const mobile = truth.mobileLast;
    if (
      mobile !== null &&
      now - mobile < limitMs &&
      Math.abs(last - mobile) < MOBILE_WINDOW_S * 1000
    )
      return 'mobile';
  }
  return now - last < RECENT_ACTIVITY_S * 1000 ? 'online' : 'idle';
}

export function desktopRunningFromTruth(
  truth: Pick<DemoPersonTruth, 'desktopLast'>,
  now: number,
): boolean {
  return truth.desktopLast !== null && truth.desktopLast + DESKTOP_GRACE_S * 1000 > now;
}

/** The last day off when `now` falls within the leave (from its first day to the midnight after its last). */
export function lastDayOffAt(leave: DemoPersonTruth['leave'], now: number): string | null {
  if (leave === null) return null;
  return now >= portalDateStart(leave.from) && now < portalDateStart(leave.to) + DAY_MS
    ? leave.to
    : null;
}

export function viewFromTruth(
  truth: DemoPersonTruth,
  now: number,
  options: OracleOptions = {},
): MessengerView {
  return {
    presence: presenceFromTruth(truth, now, options),
    desktopRunning: desktopRunningFromTruth(truth, now),
    lastDayOff: lastDayOffAt(truth.leave, now),
  };
}

/**
 * What the messenger shows for person `id` at `now` (the control's truth as of `now`), or null
 * for an unknown id. `now` should not be earlier than the portal's clock.
 */
export function messengerPresence(
  source: TruthSource,
  id: number,
  now: number,
  options: OracleOptions = {},
): MessengerView | null {
  const truth = source.truth(id, now);
  return truth
    ? viewFromTruth(truth, now, { ...options, legacy: options.legacy ?? source.legacy })
    : null;
}

/*
 * Calendars: "busy now / until" from the stored instants of the person's entries, with the
 * demo's own rules (never the app's): declined and free entries do not count; busy is a
 * meeting, quest tentative, absent (calendar or absence chart) out of office; overlapping or
 * back-to-back entries are one block of the strongest kind inside it.
 */
/** Strongest first. */
export const DEMO_CALENDAR_KINDS: readonly DemoCalendarKind[] = [
  'out-of-office',
  'meeting',
  'tentative',
];
const KIND_OF: Readonly<Record<Exclude<DemoAccessibility, 'free'>, DemoCalendarKind>> = {
  absent: 'out-of-office',
  busy: 'meeting',
  quest: 'tentative',
};

export interface CalendarSource {
  calendar(id: number, from: number, until: number): readonly DemoCalendarEntry[] | null;
}

export interface CalendarOracleOptions {
  /**
   * When the client fetched: it sees the entries overlapping the portal's yesterday..tomorrow
   * of that moment (as the app asks), so blocks are cut to what it could know. Default: `at`.
   */
  readonly fetchedAt?: number;
  /**
   * The days the client asked for (`from`/`to` of its request, YYYY-MM-DD, read as the portal's
   * days as the server reads them, `to` whole): what the server answered, whatever the moment.
   */
  readonly asked?: { readonly from: string; readonly to: string };
}

/** The portal days a fetch at `at` covers: yesterday through tomorrow (server zone). */
export function fetchWindow(at: number): { readonly from: number; readonly until: number } {
  const today = portalDateStart(portalDate(at));
  return { from: today - DAY_MS, until: today + 2 * DAY_MS };
}

/** Entries → ascending merged blocks (touching ones merge: nobody is free in between). */
export function busyBlocks(entries: readonly DemoCalendarEntry[]): DemoBusyBlock[] {
  const counted = entries
    .filter(
      (entry) => !entry.declined && entry.accessibility !== 'free' && entry.until > entry.from,
    )
    .map((entry) => ({
      kind: KIND_OF[entry.accessibility as Exclude<DemoAccessibility, 'free'>],
      from: entry.from,
      until: entry.until,
    }))
    .sort((a, b) => a.from - b.from);
  const blocks: DemoBusyBlock[] = [];
  for (const entry of counted) {
    const last = blocks[blocks.length - 1];
    if (last && entry.from <= last.until) {
      const kind =
        DEMO_CALENDAR_KINDS.indexOf(entry.kind) < DEMO_CALENDAR_KINDS.indexOf(last.kind)
          ? entry.kind
          : last.kind;
      blocks[blocks.length - 1] = {
        kind,
        from: last.from,
        until: Math.max(last.until, entry.until),
      };
    } else {
      blocks.push(entry);
    }
  }
  return blocks;
}

/** The block covering `at` and the first one starting after it. */
export function busyViewAt(blocks: readonly DemoBusyBlock[], at: number): DemoBusyView {
  const now = blocks.find((block) => block.from <= at && at < block.until) ?? null;
  const next = blocks.find((block) => block.from > at) ?? null;
  return { now, next };
}

/** What person `id`'s calendar says at `at`, or null for an unknown id. */
export function calendarView(
  source: CalendarSource,
  id: number,
  at: number,
  options: CalendarOracleOptions = {},
): DemoBusyView | null {
  const window = options.asked
    ? {
        from: portalDateStart(options.asked.from),
        until: portalDateStart(options.asked.to) + DAY_MS,
      }
    : fetchWindow(options.fetchedAt ?? at);
  const entries = source.calendar(id, window.from, window.until);
  return entries ? busyViewAt(busyBlocks(entries), at) : null;
}
