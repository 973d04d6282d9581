import type { Gender } from './names.js';
import { DEFAULT_ONLINE_LIMIT_S, DESKTOP_GRACE_S, MOBILE_WINDOW_S } from './presence-rules.js';
import { freeze, frozenAt, keepTicking, NEVER, stampValue, tickingFrom, type Stamp } from './stamp.js';
import type { DemoPresence } from './types.js';

/** Desktop app heartbeat: well inside the 180 s grace, so a running app never looks closed. */
export const DESKTOP_STEP_MS = 60_000;

export type PersonKind = 'owner' | 'colleague' | 'outsider';

/** One simulated portal user: identity plus the raw fields presence is derived from. */
export interface Person {
  readonly id: number;
  readonly kind: PersonKind;
  firstName: string;
  lastName: string;
  /** Set when the control API gives a display name that is not "first last". */
  nameOverride: string | null;
  position: string;
  readonly gender: Gender;
  readonly color: string;
  readonly hasAvatar: boolean;
  readonly birthday: string;
  readonly email: string;
  readonly phones: { readonly personal_mobile: string; readonly inner_phone: string } | false;
  readonly departments: readonly number[];
  status: string;
  /** Last day of leave (YYYY-MM-DD) or null. */
  absentUntil: string | null;
  /** How often last_activity_date refreshes while this person is active. */
  readonly activityStepMs: number;
  lastActivity: Stamp;
  mobileLast: Stamp;
  desktopLast: Stamp;
  /** When the person went idle at the desktop; only reported while the desktop app runs. */
  idleSince: number | null;
}

export function newPersonState(): Pick<Person, 'lastActivity' | 'mobileLast' | 'desktopLast' | 'idleSince'> {
  return { lastActivity: NEVER, mobileLast: NEVER, desktopLast: NEVER, idleSince: null };
}

/*
 * Natural transitions, used by the simulation: they keep refreshing fields continuous, so the
 * lingering effects Bitrix24 shows (mobile for a few minutes after the app closes) appear too.
 */

export function goOffline(person: Person, at: number): void {
  person.lastActivity = freeze(person.lastActivity, at);
  person.mobileLast = freeze(person.mobileLast, at);
  person.desktopLast = freeze(person.desktopLast, at);
  person.idleSince = null;
}

export function goOnline(person: Person, at: number, withDesktop: boolean): void {
  person.lastActivity = keepTicking(person.lastActivity, at, person.activityStepMs);
  person.mobileLast = freeze(person.mobileLast, at);
  person.desktopLast = withDesktop ? keepTicking(person.desktopLast, at, DESKTOP_STEP_MS) : freeze(person.desktopLast, at);
  person.idleSince = null;
}

export function goMobile(person: Person, at: number): void {
  // Both dates refresh together while the phone is the active device.
  person.lastActivity = tickingFrom(at, person.activityStepMs);
  person.mobileLast = tickingFrom(at, person.activityStepMs);
  person.desktopLast = freeze(person.desktopLast, at);
  person.idleSince = null;
}

export function goIdle(person: Person, at: number): void {
  // The desktop app keeps pinging while its user is away, so the person stays "online" but idle.
  person.lastActivity = keepTicking(person.lastActivity, at, person.activityStepMs);
  person.mobileLast = freeze(person.mobileLast, at);
  person.desktopLast = keepTicking(person.desktopLast, at, DESKTOP_STEP_MS);
  person.idleSince = at;
}

/**
 * Exact transitions for the control API: afterwards the Bitrix24 rules derive exactly
 * `presence` at `at` and keep deriving it while nothing else changes the person.
 */
export function setExactPresence(person: Person, presence: DemoPresence, at: number, desktop: boolean | undefined): void {
  if (presence === 'idle' && desktop === false) {
    throw new Error('An idle person needs the desktop app running (Bitrix24 reports idle only then)');
  }
  const second = Math.floor(at / 1000) * 1000;
  const wantsDesktop = desktop ?? isDesktopRunning(person, at);
  switch (presence) {
    case 'offline': {
      const latestAllowed = second - (DEFAULT_ONLINE_LIMIT_S + 60) * 1000;
      const last = stampValue(person.lastActivity, at);
      const frozenLast = last !== null && last <= latestAllowed ? last : latestAllowed;
      person.lastActivity = frozenAt(frozenLast);
      person.mobileLast = frozenAt(minOrNull(stampValue(person.mobileLast, at), frozenLast));
      person.desktopLast = frozenAt(minOrNull(stampValue(person.desktopLast, at), frozenLast));
      person.idleSince = null;
      return;
    }
    case 'online':
    case 'idle':
      // "Just acted": a fresh anchor keeps last activity at least 301 s away from the phone's date.
      person.lastActivity = tickingFrom(second, person.activityStepMs);
      person.mobileLast = notMobile(stampValue(person.mobileLast, at), second);
      person.desktopLast = wantsDesktop || presence === 'idle' ? keepTicking(person.desktopLast, second, DESKTOP_STEP_MS) : stopDesktop(person, second);
      person.idleSince = presence === 'idle' ? second : null;
      return;
    case 'mobile':
      person.lastActivity = tickingFrom(second, person.activityStepMs);
      person.mobileLast = tickingFrom(second, person.activityStepMs);
      person.desktopLast = wantsDesktop ? keepTicking(person.desktopLast, second, DESKTOP_STEP_MS) : stopDesktop(person, second);
      person.idleSince = null;
      return;
  }
}

/** Starts or stops the desktop app without changing anything else. */
export function setDesktop(person: Person, running: boolean, at: number): void {
  const second = Math.floor(at / 1000) * 1000;
  if (running) {
    person.desktopLast = keepTicking(person.desktopLast, second, DESKTOP_STEP_MS);
    return;
  }
  if (person.idleSince !== null) {
    throw new Error('An idle person needs the desktop app running (Bitrix24 reports idle only then)');
  }
  person.desktopLast = stopDesktop(person, second);
}

export function isDesktopRunning(person: Person, at: number): boolean {
  const desktop = stampValue(person.desktopLast, at);
  return desktop !== null && desktop + DESKTOP_GRACE_S * 1000 > at;
}

function stopDesktop(person: Person, second: number): Stamp {
  const value = stampValue(person.desktopLast, second);
  const closedBefore = second - (DESKTOP_GRACE_S + 1) * 1000;
  return frozenAt(value === null ? null : Math.min(value, closedBefore));
}

/** Keeps a phone date only where it cannot make the person look mobile any more. */
function notMobile(mobile: number | null, second: number): Stamp {
  if (mobile === null) return NEVER;
  return frozenAt(Math.min(mobile, second - (MOBILE_WINDOW_S + 1) * 1000));
}

function minOrNull(value: number | null, cap: number): number | null {
  return value === null ? null : Math.min(value, cap);
}
