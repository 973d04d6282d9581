import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../electron/core/clock.js';
import {
  DESKTOP_GRACE_S,
  DESKTOP_STEP_MS,
  MOBILE_WINDOW_S,
  PUSH_REFRESH_MS,
  desktopRunningAt,
  goActing,
  goConnected,
  goDisconnected,
  goMobile,
  isDesktopTicking,
  newPersonState,
  setDesktop,
  setDesktopIdle,
  setDisconnected,
  setMobile,
  setOnline,
  type Person,
} from '../../../../electron/demo/person.js';
import { frozenAt, stampValue, tickingFrom } from '../../../../electron/demo/stamp.js';

const T = new ManualClock().now();
const MINUTE = 60_000;
const STEP_MS = 90_000;

function person(): Person {
  return {
    id: 7,
    kind: 'colleague',
    firstName: 'Anna',
    lastName: 'Petrova',
    nameOverride: null,
    position: null,
    gender: 'F',
    color: '#df532d',
    hasAvatar: false,
    birthday: '',
    email: 'anna@example.com',
    phones: false,
    departments: [1],
    status: 'online',
    leave: null,
    timeZone: '',
    activityStepMs: STEP_MS,
    ...newPersonState(),
  };
}

/** What the portal would report of each date at `at`. */
const dates = (p: Person, at: number) => ({
  last: stampValue(p.lastActivity, at),
  mobile: stampValue(p.mobileLast, at),
  desktop: stampValue(p.desktopLast, at),
});

describe('a new person', () => {
  it('has never been seen, and no app runs', () => {
    const p = person();
    expect(p.activity).toBe('disconnected');
    expect(dates(p, T)).toEqual({ last: null, mobile: null, desktop: null });
    expect(isDesktopTicking(p)).toBe(false);
    expect(desktopRunningAt(p, T)).toBe(false);
  });
});

describe('natural transitions', () => {
  it('acting refreshes the last activity in the person’s own steps, and keeps going', () => {
    const p = person();
    goActing(p, T, false);
    expect(p.activity).toBe('acting');
    expect(stampValue(p.lastActivity, T + STEP_MS + 1)).toBe(T + STEP_MS);
    // Acting again does not restart the refresh.
    goActing(p, T + 1.5 * STEP_MS, false);
    expect(p.lastActivity).toEqual(tickingFrom(T, STEP_MS));
  });

  it('acting with the desktop app starts its reports; without, stops them', () => {
    const p = person();
    goActing(p, T, true);
    expect(p.desktopLast).toEqual(tickingFrom(T, DESKTOP_STEP_MS));
    goActing(p, T + 2.5 * MINUTE, false);
    expect(p.desktopLast).toEqual(frozenAt(T + 2 * MINUTE));
  });

  it('connected but not acting: only the push server moves the date, idle with the desktop app', () => {
    const p = person();
    goActing(p, T, true);
    goConnected(p, T + 10 * MINUTE, true);
    expect(p.activity).toBe('connected');
    expect(p.lastActivity).toEqual(tickingFrom(T + 10 * MINUTE, PUSH_REFRESH_MS));
    expect(p.idleSince).toBe(T + 10 * MINUTE);
    goConnected(p, T + 11 * MINUTE, false);
    expect(p.idleSince).toBeNull();
  });

  it('disconnecting freezes every date where it stood', () => {
    const p = person();
    goMobile(p, T);
    goDisconnected(p, T + 2 * STEP_MS + 5_000);
    expect(p.activity).toBe('disconnected');
    expect(dates(p, T + 60 * MINUTE)).toEqual({
      last: T + 2 * STEP_MS,
      mobile: T + 2 * STEP_MS,
      desktop: null,
    });
  });

  it('the mobile app refreshes the last activity and its own date together', () => {
    const p = person();
    goActing(p, T, true);
    goMobile(p, T + MINUTE, true);
    expect(p.activity).toBe('mobile');
    expect(dates(p, T + MINUTE + STEP_MS)).toMatchObject({
      last: T + MINUTE + STEP_MS,
      mobile: T + MINUTE + STEP_MS,
    });
    expect(isDesktopTicking(p)).toBe(true);
    goMobile(p, T + 2 * MINUTE);
    expect(isDesktopTicking(p)).toBe(false);
  });
});

describe('exact transitions (control API)', () => {
  it('online: acting now, the phone date old enough not to read as mobile', () => {
    const p = person();
    goMobile(p, T);
    setOnline(p, T + MINUTE, false);
    expect(p.activity).toBe('acting');
    expect(stampValue(p.lastActivity, T + MINUTE)).toBe(T + MINUTE);
    expect(stampValue(p.mobileLast, T + MINUTE)).toBe(T + MINUTE - (MOBILE_WINDOW_S + 1) * 1000);
  });

  it('online with the desktop app keeps a running app running; without, it no longer counts', () => {
    const p = person();
    setOnline(p, T, true);
    expect(desktopRunningAt(p, T)).toBe(true);
    setOnline(p, T + MINUTE, true);
    expect(p.desktopLast).toEqual(tickingFrom(T, DESKTOP_STEP_MS));
    setOnline(p, T + 2 * MINUTE, false);
    expect(desktopRunningAt(p, T + 2 * MINUTE)).toBe(false);
    expect(stampValue(p.desktopLast, T + 2 * MINUTE)).toBe(
      T + 2 * MINUTE - (DESKTOP_GRACE_S + 1) * 1000,
    );
  });

  it('mobile: both dates refresh from now', () => {
    const p = person();
    setMobile(p, T, false);
    expect(p.activity).toBe('mobile');
    expect(dates(p, T)).toEqual({ last: T, mobile: T, desktop: null });
  });

  it('legacy idle: the desktop app runs, its user away since now', () => {
    const p = person();
    setDesktopIdle(p, T);
    expect(p.activity).toBe('connected');
    expect(p.idleSince).toBe(T);
    expect(desktopRunningAt(p, T + MINUTE)).toBe(true);
    expect(p.lastActivity).toEqual(tickingFrom(T, PUSH_REFRESH_MS));
  });

  it('disconnected: the last activity frozen where asked, nothing later than it', () => {
    const p = person();
    setMobile(p, T, true);
    const lastAt = T - 30 * MINUTE;
    setDisconnected(p, T + MINUTE, lastAt);
    expect(p.activity).toBe('disconnected');
    expect(dates(p, T + 60 * MINUTE)).toEqual({ last: lastAt, mobile: lastAt, desktop: lastAt });
    expect(p.idleSince).toBeNull();
  });

  it('disconnected just now: the desktop app already reads as closed', () => {
    const p = person();
    setOnline(p, T, true);
    setDisconnected(p, T, T);
    expect(desktopRunningAt(p, T)).toBe(false);
  });

  it('setDesktop starts or stops the app without changing the activity', () => {
    const p = person();
    setOnline(p, T, false);
    setDesktop(p, true, T + MINUTE);
    expect(p.activity).toBe('acting');
    expect(desktopRunningAt(p, T + MINUTE)).toBe(true);
    setDesktop(p, false, T + 2 * MINUTE);
    expect(desktopRunningAt(p, T + 2 * MINUTE)).toBe(false);
    expect(p.activity).toBe('acting');
  });
});

describe('desktopRunningAt', () => {
  it('counts the app as running until 180 s after its last report', () => {
    const p = { desktopLast: frozenAt(T) };
    expect(desktopRunningAt(p, T + DESKTOP_GRACE_S * 1000 - 1)).toBe(true);
    expect(desktopRunningAt(p, T + DESKTOP_GRACE_S * 1000)).toBe(false);
  });
});
