/**
 * The domain vocabulary shared by the engine, the transports and the panel.
 * Everything here is plain JSON (no `undefined`, no Date objects) so it crosses IPC,
 * WebSocket and NDJSON unchanged and `apply(prev, diff(prev, next))` can be compared exactly.
 * Times are epoch milliseconds.
 */
import type { CalendarBlock } from './calendar.js';

/**
 * What Bitrix24's messenger would show as the connection state:
 * - online: a sign of activity in the last 5 minutes;
 * - idle: no sign of activity for a while (since `presenceSince`), still within the online
 *   limit; on old portals also the desktop app's own idle report;
 * - mobile: active in the mobile app (old portals only: current ones never say so);
 * - offline: no activity within the online limit.
 */
export const PRESENCES = ['online', 'idle', 'mobile', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];

/**
 * The status a person chose in the messenger. Bitrix24 knows these four; anything else a
 * portal sends is kept verbatim and shown as it is.
 */
export type KnownChosenStatus = 'online' | 'dnd' | 'away' | 'break';
export type BusyStatus = Exclude<KnownChosenStatus, 'online'>;
/** The chosen statuses that mean "online, but do not count on me". */
export const BUSY_STATUSES: ReadonlySet<string> = new Set<BusyStatus>(['dnd', 'away', 'break']);

export function isBusyStatus(status: string): status is BusyStatus {
  return BUSY_STATUSES.has(status);
}

export interface Colleague {
  readonly id: number;
  readonly name: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly position: string;
  readonly departments: readonly number[];
  /** Avatar URL as the portal gave it, or null. Only https/loopback URLs survive the model. */
  readonly avatar: string | null;
  /** `#rrggbb` or null. */
  readonly color: string | null;
  readonly presence: Presence;
  /**
   * When the current presence began, as far as the data tells: online/mobile → null (Bitrix24
   * does not report a session start), idle → the last activity (or, on old portals, the desktop
   * app's idle date), offline → last activity.
   */
  readonly presenceSince: number | null;
  readonly lastActivity: number | null;
  /**
   * The desktop messenger was running when last checked (im.user.get, one person per batch
   * command, round-robin) and the person has not gone offline since. False when not known.
   */
  readonly desktop: boolean;
  /**
   * Chosen status (see KnownChosenStatus); unknown values kept as sent. Current portals always
   * send "online" (see PortalReports.status).
   */
  readonly status: string;
  /** Last day off (ISO date, YYYY-MM-DD: back the day after) while on leave, else null. */
  readonly absentUntil: string | null;
  readonly bot: boolean;
  readonly extranet: boolean;
  /**
   * 'M' or 'F' as the profile says (`gender`), null when not given: Russian texts agree with
   * it ("была", "отошла"), and fall back to neutral phrasing without it.
   */
  readonly gender: Gender | null;
  /**
   * Merged busy blocks (shared/calendar.ts) from yesterday through tomorrow as last fetched, a
   * chart absence with its whole range; ascending. `[]`: known to be free. null: not known (no
   * `calendar` scope, not fetched yet, or the fetch failed and nothing recent is known). "Now"
   * is never stored: derive it with `calendarAt(calendar, now)` at your own tick.
   */
  readonly calendar: readonly CalendarBlock[] | null;
  /** IANA zone from `user.get`'s TIME_ZONE; null when empty, unknown or not a zone Intl accepts. */
  readonly timeZone: string | null;
}

export const GENDERS = ['M', 'F'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * What this portal really reports, learnt from its answers. Current Bitrix24 portals hard-code
 * `status` ("online"), `idle` and `mobile_last_date` (false) for REST callers; portals with an
 * old `im` module still send them. Each flag turns true, for the rest of the connection, once
 * an answer proves the portal sends that field for real; until then the app shows no state
 * that depends on it (no "mobile" chip, no "do not disturb" badge).
 */
export interface PortalReports {
  /** The desktop app's idle date (`idle`). */
  readonly idle: boolean;
  /** Mobile app activity (`mobile_last_date`). */
  readonly mobile: boolean;
  /** The chosen status (dnd, away, break). */
  readonly status: boolean;
  /** Calendar busy times (`calendar.accessibility.get` answered; false after insufficient_scope). */
  readonly calendar: boolean;
  /** Time zones (`user.get` answered with TIME_ZONE; false after insufficient_scope). */
  readonly timeZones: boolean;
}

export const CURRENT_PORTAL_REPORTS: PortalReports = {
  idle: false,
  mobile: false,
  status: false,
  calendar: false,
  timeZones: false,
};

/**
 * The team is larger than the app reads: only the first `shown` colleagues of the portal's
 * `total` are in the picture, because one refresh reads at most `limit` (the core's bound).
 */
export interface TeamTruncation {
  readonly shown: number;
  readonly total: number;
  readonly limit: number;
}

export interface Snapshot {
  /** Strictly increasing per engine run; a patch with seq N applies to the snapshot with seq N-1. */
  readonly seq: number;
  readonly at: number;
  readonly colleagues: readonly Colleague[];
}

export interface ColleagueChange {
  readonly id: number;
  /** Only the fields whose value differs, with their new values. */
  readonly fields: Partial<Omit<Colleague, 'id'>>;
}

/** One person whose only change is a refreshed last activity: [id, lastActivity (epoch ms)]. */
export type ActivityChange = readonly [id: number, lastActivity: number];

/**
 * How to get from snapshot seq - 1 to seq. `added`, `changed`, `removed` and `activity` list
 * people in ascending id order, each person at most once across all four. `activity` is the
 * compact form of the most common change, a `changed` entry whose only field is a non-null
 * `lastActivity` (messengers refresh it every few minutes for everyone at work); it is absent
 * when there is none. `patchChanges` (snapshot/diff.ts) gives both as one `changed` list.
 */
export interface Patch {
  readonly seq: number;
  readonly at: number;
  readonly added: readonly Colleague[];
  readonly changed: readonly ColleagueChange[];
  readonly removed: readonly number[];
  readonly activity?: readonly ActivityChange[];
}

/** A presence transition of one person between two polls. */
export interface PresenceTransition {
  readonly userId: number;
  readonly name: string;
  readonly from: Presence;
  readonly to: Presence;
  readonly at: number;
  /** Leave started or ended in this poll (absentUntil went from/to null). */
  readonly leave?: 'started' | 'ended';
}

export const HEALTH_STATES = [
  'connecting',
  'ok',
  'stale',
  'rate-limited',
  'auth-failed',
  'offline',
] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export interface Health {
  readonly state: HealthState;
  /** When this state began. */
  readonly since: number;
  /** When the next try is due: rate-limited (the portal's wait) or retrying after a failure; null when none is planned. */
  readonly until: number | null;
  /** Last successful refresh, or null before the first one. */
  readonly lastSuccessAt: number | null;
  /** Error code behind a non-ok state (never contains a secret). */
  readonly code: string | null;
  readonly message: string | null;
}

export const ALERT_KINDS = ['online', 'back-from-idle', 'offline', 'back-from-leave'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** What a notification announces: a transition kind, a "while you were away" digest, or a notify-once the user asked for. */
export const ALERT_INTENT_KINDS = [...ALERT_KINDS, 'digest', 'notify-once'] as const;
export type AlertIntentKind = (typeof ALERT_INTENT_KINDS)[number];

/**
 * "While you were away": who came online, who left and who is back from leave across a gap (a
 * sleep, an outage, the user's own absence). The alerts of the gap stay silent; this replaces them.
 */
export interface Digest {
  readonly since: number;
  readonly until: number;
  readonly arrived: readonly number[];
  readonly left: readonly number[];
  readonly backFromLeave: readonly number[];
}

export interface AlertIntent {
  /** Stable for one transition, so a repeat can be recognised. */
  readonly id: string;
  readonly kind: AlertIntentKind;
  readonly title: string;
  readonly body: string;
  readonly userIds: readonly number[];
  readonly at: number;
}

/** Where the engine runs: the Electron app, or browser mode (`b24-presence web`). */
export const HOST_KINDS = ['desktop', 'browser'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

export const COLLEAGUE_RULES = ['default', 'starred', 'muted'] as const;
export type ColleagueRule = (typeof COLLEAGUE_RULES)[number];
