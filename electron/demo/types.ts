import type { Clock } from '../core/clock.js';
import type { DemoDateFormat } from './site-format.js';
import type { CalendarOracleOptions } from './oracle.js';

export type { DemoDateFormat } from './site-format.js';

/*
 * The demo portal: a simulated Bitrix24 portal on loopback that speaks the real REST shapes.
 * It is the app's "Try the demo" and the fixture of the integration, e2e, fault and soak tests.
 */
export interface DemoPortalOptions {
  /** Team size (department colleagues of the webhook's owner). Default 40. */
  readonly teamSize?: number;
  /** Seed for names and behaviour: the same seed gives the same team and the same day. */
  readonly seed?: number;
  /** Drives both the simulation and `last_activity_date`s. Default: the system clock. */
  readonly clock?: Clock;
  /**
   * Keep office hours as if the portal started on a working morning, whatever the real time
   * (the app's "Try the demo"). Default false: tests read the clock as it is.
   */
  readonly officeHoursNow?: boolean;
  /**
   * Answer as an old on-premise portal (im module of about 2021): real `status`, `idle`,
   * `mobile_last_date`, and `desktop_last_date` in the list methods too; `avatar_hr` = `avatar`.
   * Default false: a current portal (status "online", idle/mobile_last_date false…).
   */
  readonly legacy?: boolean;
  /** Let the simulation change people by itself as time passes. Default true. */
  readonly evolve?: boolean;
  /** The portal's leaky bucket. Default: drains 2 requests/s, blocks above 50. */
  readonly rateLimit?: { readonly drainPerSecond: number; readonly capacity: number };
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /**
   * Serve the /_demo/ control API over HTTP, behind a random token (`DemoPortal.controlToken`),
   * for a test steering the portal from another process. Default false: the app's demo never
   * lets a web page or another local program drive it.
   */
  readonly controlApi?: boolean;
  /** The portal's site date format, used by calendar answers. Default 'DD.MM.YYYY HH:MI:SS'. */
  readonly dateFormat?: DemoDateFormat;
  /** The scopes the webhook (and the OAuth app) was created with. Default: im, calendar, user_brief. */
  readonly scopes?: readonly DemoScope[];
}

/** Scopes the demo checks: `calendar` for calendar.accessibility.get, one of the user ones for user.get. */
export const DEMO_SCOPES = ['im', 'calendar', 'user', 'user_brief', 'user_basic'] as const;
export type DemoScope = (typeof DEMO_SCOPES)[number];
export const DEFAULT_SCOPES: readonly DemoScope[] = ['im', 'calendar', 'user_brief'];

/** ACCESSIBILITY of a calendar entry; `free` ones are stored but never sent. */
export type DemoAccessibility = 'busy' | 'quest' | 'absent' | 'free';
export type DemoImportance = 'low' | 'normal' | 'high';

/**
 * One calendar entry as the server stores it (the truth the oracle reads), epoch ms.
 * `source: 'absence-chart'` is an absence-chart record (vacation, business trip…): always absent.
 */
export interface DemoCalendarEntry {
  readonly source: 'calendar' | 'absence-chart';
  readonly id: number;
  readonly accessibility: DemoAccessibility;
  readonly importance: DemoImportance;
  /** The attendee declined it: the server never sends it. */
  readonly declined: boolean;
  /** This occurrence's start and end (end exclusive); whole days run midnight to the midnight after the last day. */
  readonly from: number;
  readonly until: number;
  /** Whole days (all-day entry, whole-day chart record): first and last day, inclusive; null when timed. */
  readonly days: { readonly first: string; readonly last: string } | null;
  /** TZ_FROM/TZ_TO; null for chart records (portal zone) and all-day entries without a zone (portal zone). */
  readonly timeZone: string | null;
  /** A recurring event's occurrence: the series' first start and last end, which `*_TS_UTC` carry. */
  readonly series: { readonly from: number; readonly until: number } | null;
}

/** A calendar entry as a test (or /_demo/) gives it; see README.md. */
export type DemoCalendarEntryInput =
  | {
      readonly type: 'event';
      readonly id?: number;
      readonly accessibility: DemoAccessibility;
      readonly from: number;
      readonly until: number;
      /** Default: the person's zone, else the portal's. */
      readonly timeZone?: string;
      readonly importance?: DemoImportance;
      readonly declined?: boolean;
      /** Makes it an occurrence of a recurring series (repeat the id for each occurrence). */
      readonly series?: { readonly from: number; readonly until: number };
    }
  | {
      readonly type: 'all-day';
      readonly id?: number;
      readonly accessibility: DemoAccessibility;
      readonly firstDay: string;
      readonly lastDay: string;
      /** Default: the person's zone, else the portal's; null: no zone (TZ_FROM ""), days in the portal's. */
      readonly timeZone?: string | null;
      readonly importance?: DemoImportance;
      readonly declined?: boolean;
    }
  | {
      readonly type: 'absence';
      readonly id?: number;
      readonly firstDay: string;
      readonly lastDay: string;
    }
  | {
      readonly type: 'absence';
      readonly id?: number;
      readonly from: number;
      readonly until: number;
    };

/** Calendar roles anchored to the portal's start (see calendar.ts). */
export const DEMO_CALENDAR_ROLES = [
  'meeting-now',
  'back-to-back',
  'overlapping',
  'tentative-now',
  'meeting-soon',
  'all-day',
  'business-trip',
] as const;
export type DemoCalendarRole = (typeof DEMO_CALENDAR_ROLES)[number];

/** What a calendar says of a person at a moment (strongest first: out-of-office > meeting > tentative). */
export type DemoCalendarKind = 'out-of-office' | 'meeting' | 'tentative';
export interface DemoBusyBlock {
  readonly kind: DemoCalendarKind;
  readonly from: number;
  readonly until: number;
}
export interface DemoBusyView {
  /** The merged block covering the moment (from <= at < until), or null. */
  readonly now: DemoBusyBlock | null;
  /** The first merged block starting after the moment, or null. */
  readonly next: DemoBusyBlock | null;
}

export type DemoPresence = 'online' | 'idle' | 'mobile' | 'offline';

/**
 * What a person is doing, as the server knows it: acting at a computer, messenger connected
 * but not acting (push refresh every 240 s), disconnected (dates frozen), mobile app active.
 */
export type DemoActivity = 'acting' | 'connected' | 'disconnected' | 'mobile';

/** The server-side truth about one person at an instant (epoch ms; null = never). */
export interface DemoPersonTruth {
  readonly id: number;
  readonly activity: DemoActivity;
  readonly lastActivity: number | null;
  readonly mobileLast: number | null;
  readonly desktopLast: number | null;
  /** The desktop app is reporting itself (its date ticks). */
  readonly desktopTicking: boolean;
  /** The desktop app's idle date while it runs and its user is away from the keyboard. */
  readonly idleSince: number | null;
  readonly status: string;
  /** First and last day off (portal calendar, YYYY-MM-DD), current or upcoming. */
  readonly leave: { readonly from: string; readonly to: string } | null;
}

/** What the Bitrix24 messenger shows for a person (see oracle.ts). */
export interface MessengerView {
  readonly presence: DemoPresence;
  /** desktop_last_date + 180 s > now. */
  readonly desktopRunning: boolean;
  /** Last day off while the person is on leave now, else null. */
  readonly lastDayOff: string | null;
}

/** A change a test (or the control API) makes to one simulated person. */
export interface DemoPersonUpdate {
  /**
   * 'online': acting now, messenger connected (stays online). 'idle': legacy portal: desktop
   * app running with an idle date (stays idle); current portal: messenger disconnected 6 min
   * ago (away now, offline once the online limit passes). 'mobile': mobile app active (online
   * on a current portal). 'offline': last activity frozen more than 1440 + 60 s ago.
   */
  readonly presence?: DemoPresence;
  /** TIME_ZONE: an IANA zone, or '' (portal default). Moves the person's generated office hours too. */
  readonly timeZone?: string;
  /** Chosen status: online, dnd, away, break, or anything else. Stored; only legacy portals report it. */
  readonly status?: string;
  /** A leave from today (or `absentFrom`) through this last day off (YYYY-MM-DD), or null for none. */
  readonly absentUntil?: string | null;
  /** First day off of the leave (YYYY-MM-DD), for an upcoming leave; needs `absentUntil`. */
  readonly absentFrom?: string;
  readonly name?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** null: no position (sent as `work_position: null`). */
  readonly position?: string | null;
  /** Starts (true) or stops (false) the desktop app. */
  readonly desktop?: boolean;
}

/** Every fault the demo can inject, with what each sends. */
export const DEMO_FAULT_KINDS = [
  'rate-limit', // 503 QUERY_LIMIT_EXCEEDED
  'overload', // 503 OVERLOAD_LIMIT
  'operation-limit', // 429 OPERATION_TIME_LIMIT with operating_reset_at
  'server-error', // 500 INTERNAL_SERVER_ERROR
  'html', // 502 with an HTML page, as a proxy sends
  'malformed-json',
  'empty-body',
  'wrong-shape', // 200 with a result of the wrong type
  'reset', // connection destroyed without an answer
  'hang', // never answers (until the portal closes)
  'redirect', // 302 to another host
  'short-page', // the next colleagues page holds one item fewer (a user deleted meanwhile)
] as const;
export type DemoFaultKind = (typeof DEMO_FAULT_KINDS)[number];

export interface DemoFault {
  readonly kind: DemoFaultKind;
  /** How many requests it affects; default 1. Infinity until cleared. */
  readonly count?: number;
  /** Only requests for this method (inside batch too, where it makes sense). */
  readonly method?: string;
}

export interface DemoRequestLogEntry {
  /** Demo clock time the request arrived. */
  readonly at: number;
  /** Top-level method (`batch` for batches). */
  readonly method: string;
  /** Methods inside a batch, else [method]. */
  readonly commands: readonly string[];
  readonly status: number;
  /** Bytes of the request and response bodies. */
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Auth used: 'webhook' | 'oauth' | 'none'. Never the secret itself. */
  readonly auth: 'webhook' | 'oauth' | 'none';
}

export interface DemoControl {
  /** Ids of the current team, in portal order. */
  teamIds(): number[];
  /** The user object exactly as the list methods (colleagues.list, user.list.get) send it now. */
  userObject(id: number): Record<string, unknown> | null;
  /** The user object as im.user.get sends it now (real desktop_last_date). */
  userGetObject(id: number): Record<string, unknown> | null;
  /** The owner of the webhook (the "me" of the portal, not in the colleagues list). */
  readonly ownerId: number;
  /** Answers as an old on-premise portal. */
  readonly legacy: boolean;
  /** The server-side truth about a person, with dates as of `at` (default: now). */
  truth(id: number, at?: number): DemoPersonTruth | null;
  /** What the Bitrix24 messenger shows for the person at `at` (default now), from the truth. */
  expected(
    id: number,
    at?: number,
    options?: { readonly onlineLimitS?: number },
  ): MessengerView | null;
  /** Writes every date from the next answer on in this UTC offset (same instants). */
  setDateOffset(minutes: number): void;
  updatePerson(id: number, update: DemoPersonUpdate): void;
  /** Adds a colleague; returns the new id. */
  addPerson(update?: DemoPersonUpdate): number;
  removePerson(id: number): void;
  /** Someone outside the team, reachable only through im.user.list.get. */
  addOutsider(update?: DemoPersonUpdate): number;
  injectFault(fault: DemoFault): void;
  clearFaults(): void;
  /** The webhook code stops working (401/403 as Bitrix24 answers a revoked webhook). */
  revokeWebhook(): void;
  restoreWebhook(): void;
  /** The current OAuth access token answers 401 expired_token until refreshed. */
  expireAccessToken(): void;
  /** The site date format calendar answers use. */
  readonly dateFormat: DemoDateFormat;
  /** The scopes the webhook has now. */
  readonly scopes: readonly DemoScope[];
  /** Changes the webhook's scopes (as if it were edited): from the next request on. */
  setScopes(scopes: readonly DemoScope[]): void;
  /**
   * Who plays each calendar role anchored to the portal's start (repeated daily from it):
   * 'meeting-now', 'back-to-back', 'overlapping', 'tentative-now', 'meeting-soon', 'all-day',
   * 'business-trip'. A team smaller than seven leaves some roles out.
   */
  calendarRoles(): Partial<Record<DemoCalendarRole, number>>;
  /** The person's TIME_ZONE ('' = portal default), or null for an unknown id. */
  timeZone(id: number): string | null;
  /** Replaces the person's whole calendar (generated meetings and absences) with these entries; leaves stay. */
  setCalendar(id: number, entries: readonly DemoCalendarEntryInput[]): void;
  /** Back to the generated calendar. */
  resetCalendar(id: number): void;
  /** The person's stored entries overlapping [from, until), declined and free ones too, or null for an unknown id. */
  calendar(id: number, from: number, until: number): DemoCalendarEntry[] | null;
  /** What the calendar says of the person at `at` (default now), from the stored instants (see oracle.ts). */
  expectedCalendar(id: number, at?: number, options?: CalendarOracleOptions): DemoBusyView | null;
  /** Every request served so far (for rate and efficiency assertions). */
  readonly requestLog: readonly DemoRequestLogEntry[];
  clearRequestLog(): void;
}

export interface DemoOAuthCredentials {
  /** `https://PORTAL/rest/` equivalent on loopback. */
  readonly clientEndpoint: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The token endpoint standing in for oauth.bitrix.info (`…/oauth/token/`). */
  readonly tokenUrl: string;
}

export interface DemoPortal {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** `http://127.0.0.1:PORT/rest/<owner>/<code>/` */
  readonly webhookUrl: string;
  readonly oauth: DemoOAuthCredentials;
  readonly control: DemoControl;
  /** The token the /_demo/ control API wants in its header (control-http.ts), or null when it is off. */
  readonly controlToken: string | null;
  close(): Promise<void>;
}
