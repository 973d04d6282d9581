import type { Gender } from './names.js';
import {
  freeze,
  frozenAt,
  keepTicking,
  NEVER,
  stampValue,
  tickingFrom,
  type Stamp,
} from './stamp.js';
import type { DemoActivity } from './types.js';

/**
 * One simulated portal user: identity plus the server-side truth the portal keeps about them
 * (what they are doing, which apps run, their chosen status, their leave). The dates the portal
 * sends follow from that truth; nothing here is shaped to make some client rule give a result.
 */

/** The desktop app reports itself every 60 s while it runs. */
export const DESKTOP_STEP_MS = 60_000;
/** The push server refreshes last_activity_date every 240 s for every connected messenger. */
export const PUSH_REFRESH_MS = 240_000;
/** The classic online limit (PHP session lifetime, 1440 s): used for "offline" set by control. */
export const CLASSIC_ONLINE_LIMIT_S = 1440;
/** The messenger counts the desktop app as running while desktop_last_date + 120 s + 60 s > now. */
export const DESKTOP_GRACE_S = 180;
/** Legacy portals show mobile while mobile_last_date is within this of last_activity_date. */
export const MOBILE_WINDOW_S = 300;

export type PersonKind = 'owner' | 'colleague' | 'outsider';

/** A leave: first and last day off, portal calendar (YYYY-MM-DD). */
export interface Leave {
  readonly from: string;
  readonly to: string;
}

export interface Person {
  readonly id: number;
  readonly kind: PersonKind;
  firstName: string;
  lastName: string;
  /** Set when the control API gives a display name that is not "first last". */
  nameOverride: string | null;
  /** null: no position (real portals send `work_position: null`). */
  position: string | null;
  readonly gender: Gender;
  readonly color: string;
  readonly hasAvatar: boolean;
  readonly birthday: string;
  readonly email: string;
  readonly phones: { readonly personal_mobile: string; readonly inner_phone: string } | false;
  readonly departments: readonly number[];
  /** Chosen status (online, dnd, away, break…): stored; only legacy portals report it. */
  status: string;
  leave: Leave | null;
  /** TIME_ZONE as user.get sends it: an IANA zone, or '' (portal default). */
  timeZone: string;
  /** How often last_activity_date refreshes while this person acts (60–240 s). */
  readonly activityStepMs: number;
  activity: DemoActivity;
  lastActivity: Stamp;
  mobileLast: Stamp;
  desktopLast: Stamp;
  /** The desktop app's idle date while its user is away from the keyboard (desktop running). */
  idleSince: number | null;
}

export function newPersonState(): Pick<
  Person,
  'activity' | 'lastActivity' | 'mobileLast' | 'desktopLast' | 'idleSince'
> {
  return {
    activity: 'disconnected',
    lastActivity: NEVER,
    mobileLast: NEVER,
    desktopLast: NEVER,
    idleSince: null,
  };
}

export function isDesktopTicking(person: Person): boolean {
  return person.desktopLast.ticking;
}

/*
 * Natural transitions (the simulation). Refreshing dates continue where they are, so the
 * lingering Bitrix24 shows (desktop "running" 180 s after it stops) appears as on a real portal.
 */

/** Acting at a computer (browser tab or desktop app): last activity refreshes every step. */
export function goActing(person: Person, at: number, withDesktop: boolean): void {
  if (person.activity !== 'acting') person.lastActivity = tickingFrom(at, person.activityStepMs);
  person.activity = 'acting';
  person.mobileLast = freeze(person.mobileLast, at);
  person.desktopLast = withDesktop
    ? keepTicking(person.desktopLast, at, DESKTOP_STEP_MS)
    : freeze(person.desktopLast, at);
  person.idleSince = null;
}

/** Messenger connected, user not acting: only the push server's 240 s refresh moves the date. */
export function goConnected(person: Person, at: number, withDesktop: boolean): void {
  // The last action was just now; from here on only the push server writes the date.
  if (person.activity !== 'connected') person.lastActivity = tickingFrom(at, PUSH_REFRESH_MS);
  person.activity = 'connected';
  person.mobileLast = freeze(person.mobileLast, at);
  person.desktopLast = withDesktop
    ? keepTicking(person.desktopLast, at, DESKTOP_STEP_MS)
    : freeze(person.desktopLast, at);
  person.idleSince = withDesktop ? at : null;
}

/** Laptop closed, lunch, meeting, home: every date freezes. */
export function goDisconnected(person: Person, at: number): void {
  person.activity = 'disconnected';
  person.lastActivity = freeze(person.lastActivity, at);
  person.mobileLast = freeze(person.mobileLast, at);
  person.desktopLast = freeze(person.desktopLast, at);
  person.idleSince = null;
}

/** The mobile app is active: last activity and the phone's date refresh together. */
export function goMobile(person: Person, at: number, keepDesktop = false): void {
  person.activity = 'mobile';
  person.lastActivity = tickingFrom(at, person.activityStepMs);
  person.mobileLast = tickingFrom(at, person.activityStepMs);
  person.desktopLast = keepDesktop ? person.desktopLast : freeze(person.desktopLast, at);
  person.idleSince = null;
}

/*
 * Exact transitions for the control API (see README.md for what each presence means).
 */

export function setOnline(person: Person, second: number, desktop: boolean): void {
  person.activity = 'acting';
  person.lastActivity = tickingFrom(second, person.activityStepMs);
  person.mobileLast = notMobile(stampValue(person.mobileLast, second), second);
  person.desktopLast = desktop
    ? keepTicking(person.desktopLast, second, DESKTOP_STEP_MS)
    : stopDesktop(person, second);
  person.idleSince = null;
}

export function setMobile(person: Person, second: number, desktop: boolean): void {
  person.activity = 'mobile';
  person.lastActivity = tickingFrom(second, person.activityStepMs);
  person.mobileLast = tickingFrom(second, person.activityStepMs);
  person.desktopLast = desktop
    ? keepTicking(person.desktopLast, second, DESKTOP_STEP_MS)
    : stopDesktop(person, second);
  person.idleSince = null;
}

/** Legacy "idle": desktop app running, its user away from the keyboard, messenger connected. */
export function setDesktopIdle(person: Person, second: number): void {
  person.activity = 'connected';
  person.lastActivity = tickingFrom(second, PUSH_REFRESH_MS);
  person.mobileLast = notMobile(stampValue(person.mobileLast, second), second);
  person.desktopLast = keepTicking(person.desktopLast, second, DESKTOP_STEP_MS);
  person.idleSince = second;
}

/** Disconnected with the last activity frozen at `lastAt` (everything else frozen no later). */
export function setDisconnected(person: Person, second: number, lastAt: number): void {
  person.activity = 'disconnected';
  person.lastActivity = frozenAt(lastAt);
  person.mobileLast = frozenAt(minOrNull(stampValue(person.mobileLast, second), lastAt));
  person.desktopLast = frozenAt(
    minOrNull(
      stampValue(person.desktopLast, second),
      Math.min(lastAt, second - (DESKTOP_GRACE_S + 1) * 1000),
    ),
  );
  person.idleSince = null;
}

/** Starts or stops the desktop app without changing what the person does. */
export function setDesktop(person: Person, running: boolean, second: number): void {
  person.desktopLast = running
    ? keepTicking(person.desktopLast, second, DESKTOP_STEP_MS)
    : stopDesktop(person, second);
}

/** The desktop app counts as running while its last report + 180 s is still ahead. */
export function desktopRunningAt(person: Pick<Person, 'desktopLast'>, at: number): boolean {
  const desktop = stampValue(person.desktopLast, at);
  return desktop !== null && desktop + DESKTOP_GRACE_S * 1000 > at;
}

/** A stopped desktop app whose last report is old enough that it no longer counts as running. */
function stopDesktop(person: Person, second: number): Stamp {
  const value = stampValue(person.desktopLast, second);
  const closedBefore = second - (DESKTOP_GRACE_S + 1) * 1000;
  return frozenAt(value === null ? null : Math.min(value, closedBefore));
}

/** Keeps a phone date only where it cannot make the person look mobile on a legacy portal. */
function notMobile(mobile: number | null, second: number): Stamp {
  if (mobile === null) return NEVER;
  return frozenAt(Math.min(mobile, second - (MOBILE_WINDOW_S + 1) * 1000));
}

function minOrNull(value: number | null, cap: number): number | null {
  return value === null ? null : Math.min(value, cap);
}
