import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock, type Clock } from '../../../../electron/core/clock.js';
import { PortalState } from '../../../../electron/demo/control.js';
import { startDemoPortal } from '../../../../electron/demo/portal.js';
import type { DemoPresence } from '../../../../electron/demo/types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Monday 2026-11-23 12:00 Moscow. */
const MONDAY_NOON = Date.UTC(2026, 10, 23, 9, 0, 0);
/** Monday 2026-11-23 06:00 Moscow. */
const MONDAY_SIX = Date.UTC(2026, 10, 23, 3, 0, 0);

function portal(
  clock: Clock,
  options: { seed?: number; teamSize?: number; evolve?: boolean; legacy?: boolean } = {},
): PortalState {
  return new PortalState(
    clock,
    options.seed ?? 7,
    options.teamSize ?? 40,
    options.evolve ?? true,
    0,
    { legacy: options.legacy ?? false },
  );
}

const presenceOf = (state: PortalState, id: number): DemoPresence =>
  state.expected(id)?.presence ?? 'offline';

function snapshot(state: PortalState): Record<string, unknown>[] {
  return state.teamIds().map((id) => state.userObject(id) ?? {});
}

const ageS = (user: Record<string, unknown> | null, now: number): number =>
  typeof user?.last_activity_date === 'string'
    ? (now - Date.parse(user.last_activity_date)) / 1000
    : Number.POSITIVE_INFINITY;

describe('presence set through the control API', () => {
  for (const legacy of [false, true]) {
    const mode = legacy ? 'legacy' : 'current';
    for (const from of ['online', 'idle', 'mobile', 'offline'] as const) {
      it(`${mode}: online, mobile and offline stay as set (from ${from}), through hours of reads`, async () => {
        for (const to of ['online', 'mobile', 'offline'] as const) {
          const clock = new ManualClock(MONDAY_NOON);
          const state = portal(clock, { legacy });
          const id = state.teamIds()[3] as number;
          state.updatePerson(id, { presence: from });
          await clock.advance(7 * MINUTE);
          state.updatePerson(id, { presence: to });
          const shown = to === 'mobile' && !legacy ? 'online' : to; // a current portal cannot show mobile
          for (const step of [0, 30 * SECOND, 4 * MINUTE, 25 * MINUTE, 3 * HOUR, DAY]) {
            await clock.advance(step);
            expect(presenceOf(state, id)).toBe(shown);
          }
        }
      });
    }
  }

  it('legacy idle: the desktop app runs with an idle date, and stays idle', async () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock, { legacy: true });
    const id = state.teamIds()[1] as number;
    state.updatePerson(id, { presence: 'idle' });
    const idleAt = state.userObject(id)?.idle;
    expect(idleAt).toBe(state.userObject(id)?.desktop_last_date);
    for (const step of [0, 10 * MINUTE, 2 * HOUR, DAY]) {
      await clock.advance(step);
      expect(state.expected(id)).toEqual({
        presence: 'idle',
        desktopRunning: true,
        lastDayOff: null,
      });
      expect(state.userObject(id)?.idle).toBe(idleAt);
    }
  });

  it('current idle: disconnected 6 min ago, away now, offline once the 900 s limit passes', async () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock);
    const id = state.teamIds()[1] as number;
    state.updatePerson(id, { presence: 'online', desktop: true });
    state.updatePerson(id, { presence: 'idle' });
    const user = state.userObject(id);
    expect(ageS(user, clock.now())).toBe(360);
    expect(user?.idle).toBe(false);
    expect(state.expected(id)).toEqual({
      presence: 'idle',
      desktopRunning: false,
      lastDayOff: null,
    });
    await clock.advance(539 * SECOND);
    expect(presenceOf(state, id)).toBe('idle');
    await clock.advance(2 * SECOND);
    expect(presenceOf(state, id)).toBe('offline');
    expect(state.expected(id, clock.now(), { onlineLimitS: 1440 })?.presence).toBe('idle');
  });

  it('refuses impossible combinations with clear errors, changing nothing', () => {
    const legacy = portal(new ManualClock(MONDAY_NOON), { legacy: true });
    const current = portal(new ManualClock(MONDAY_NOON));
    const [a, b] = legacy.teamIds() as [number, number];
    legacy.updatePerson(a, { presence: 'idle' });
    const before = legacy.userObject(a);
    expect(() =>
      legacy.updatePerson(a, { presence: 'idle', desktop: false, name: 'Changed' }),
    ).toThrow(/desktop app running/);
    expect(() => legacy.updatePerson(a, { desktop: false })).toThrow(/idle/);
    expect(legacy.userObject(a)).toEqual(before);
    expect(() => current.updatePerson(a, { presence: 'idle', desktop: true })).toThrow(
      /disconnected/,
    );
    expect(() => current.updatePerson(a, { presence: 'offline', desktop: true })).toThrow(
      /offline/,
    );
    current.updatePerson(b, { presence: 'offline' });
    expect(() => current.updatePerson(b, { desktop: true })).toThrow(/disconnected/);
    expect(() => current.updatePerson(b, { absentFrom: '2026-11-30' })).toThrow(/absentUntil/);
    expect(() =>
      current.updatePerson(b, { absentFrom: '2026-12-05', absentUntil: '2026-12-01' }),
    ).toThrow(/after/);
    const count = current.teamIds().length;
    expect(() => current.addPerson({ desktop: true, presence: 'offline' })).toThrow();
    expect(current.teamIds()).toHaveLength(count);
  });

  it('starts and stops the desktop app: running in im.user.get, and for the oracle', async () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock);
    const id = state.teamIds()[0] as number;
    state.updatePerson(id, { presence: 'online', desktop: false });
    expect(state.expected(id)?.desktopRunning).toBe(false);
    state.updatePerson(id, { desktop: true });
    await clock.advance(10 * MINUTE);
    expect(state.expected(id)?.desktopRunning).toBe(true);
    expect(
      ageS({ last_activity_date: state.userGetObject(id)?.desktop_last_date }, clock.now()),
    ).toBeLessThan(60);
    state.updatePerson(id, { desktop: false });
    expect(state.expected(id)).toMatchObject({ presence: 'online', desktopRunning: false });
  });

  it('sets names, position, status and leave as given, and validates them', () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock, { legacy: true });
    const id = state.teamIds()[2] as number;
    state.updatePerson(id, {
      firstName: 'Zoë',
      lastName: 'اختبار',
      position: 'Tester',
      status: 'dnd',
      absentUntil: '2026-11-27',
    });
    expect(state.userObject(id)).toMatchObject({
      first_name: 'Zoë',
      last_name: 'اختبار',
      name: 'Zoë اختبار',
      work_position: 'Tester',
      status: 'dnd',
      absent: '2026-11-28T00:00:00+03:00',
    });
    expect(state.truth(id)).toMatchObject({
      status: 'dnd',
      leave: { from: '2026-11-23', to: '2026-11-27' },
    });
    state.updatePerson(id, { name: 'Display <b>Name</b>', position: null });
    expect(state.userObject(id)).toMatchObject({
      name: 'Display <b>Name</b>',
      work_position: null,
    });
    expect(() => state.updatePerson(id, { absentUntil: '2026-02-31' })).toThrow();
    expect(() => state.updatePerson(id, { absentUntil: '27.11.2026' })).toThrow(/YYYY-MM-DD/);
    expect(() => state.updatePerson(999_999, { presence: 'online' })).toThrow(/999999/);
  });

  it('absent is the midnight after the last day off, sent only within the leave', async () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock);
    const [now, later] = state.teamIds() as [number, number];
    state.updatePerson(now, { absentUntil: '2026-11-24' });
    state.updatePerson(later, { absentFrom: '2026-11-25', absentUntil: '2026-12-03' });
    expect(state.userObject(now)?.absent).toBe('2026-11-25T00:00:00+03:00');
    expect(state.expected(now)?.lastDayOff).toBe('2026-11-24');
    expect(state.userObject(later)?.absent).toBe(false); // not yet started
    clock.jump(Date.UTC(2026, 10, 24, 20, 59, 59) - clock.now()); // 23:59:59 on the 24th, Moscow
    expect(state.userObject(now)?.absent).toBe('2026-11-25T00:00:00+03:00');
    expect(state.userObject(later)?.absent).toBe(false);
    clock.jump(1000); // midnight: back from leave, the other one starts
    expect(state.userObject(now)?.absent).toBe(false);
    expect(state.expected(now)?.lastDayOff).toBeNull();
    expect(state.userObject(later)?.absent).toBe('2026-12-04T00:00:00+03:00');
    state.updatePerson(later, { absentUntil: null });
    expect(state.userObject(later)?.absent).toBe(false);
  });
});

describe('the simulation', () => {
  it('never flaps people whose messenger is connected: three hours of 30 s reads', async () => {
    for (const legacy of [false, true]) {
      const clock = new ManualClock(MONDAY_NOON);
      const state = portal(clock, { teamSize: 30, legacy });
      const pinned = state.teamIds()[0] as number;
      state.updatePerson(pinned, { presence: 'online' });
      let connectedReads = 0;
      for (let read = 0; read < 3 * 120; read++) {
        await clock.advance(30 * SECOND);
        expect(presenceOf(state, pinned)).toBe('online');
        expect(ageS(state.userObject(pinned), clock.now())).toBeLessThan(300);
        for (const id of state.teamIds()) {
          const truth = state.truth(id);
          if (!truth || truth.activity === 'disconnected') continue;
          connectedReads++;
          // Connected or acting: the date is always under 300 s old, so never "N min ago".
          expect(ageS(state.userObject(id), clock.now())).toBeLessThan(300);
          expect(['online', 'idle', 'mobile']).toContain(presenceOf(state, id));
          if (!legacy) expect(presenceOf(state, id)).toBe('online');
        }
      }
      expect(connectedReads).toBeGreaterThan(3000);
    }
  });

  for (const legacy of [false, true]) {
    it(`${legacy ? 'legacy' : 'current'}: a team of 40 shows online, away, offline and on-leave people over a working day`, async () => {
      const clock = new ManualClock(MONDAY_SIX);
      const state = portal(clock, { teamSize: 40, seed: 24, legacy });
      const seen = new Set<string>();
      const statuses = new Set<string>();
      const counts: number[] = [];
      let awayToOnline = 0;
      let offlineToOnline = 0;
      let previous = new Map<number, DemoPresence>();
      for (let minute = 0; minute < 15 * 60; minute += 5) {
        await clock.advance(5 * MINUTE);
        const now = new Map<number, DemoPresence>();
        for (const id of state.teamIds()) {
          const view = state.expected(id);
          if (!view) continue;
          now.set(id, view.presence);
          seen.add(view.presence);
          if (view.lastDayOff !== null) seen.add('leave');
          const user = state.userObject(id) ?? {};
          statuses.add(String(user.status));
          if (!legacy)
            expect([user.status, user.idle, user.mobile_last_date, user.desktop_last_date]).toEqual(
              ['online', false, false, false],
            );
          const before = previous.get(id);
          if (before === 'idle' && view.presence === 'online') awayToOnline++;
          if (
            before === 'offline' &&
            view.presence === 'online' &&
            minute > 4 * 60 &&
            minute < 10 * 60
          )
            offlineToOnline++;
        }
        counts.push([...now.values()].filter((presence) => presence !== 'offline').length);
        previous = now;
      }
      expect([...seen].sort()).toEqual(
        legacy
          ? ['idle', 'leave', 'mobile', 'offline', 'online']
          : ['idle', 'leave', 'offline', 'online'],
      );
      expect(awayToOnline).toBeGreaterThan(3); // back within the limit
      expect(offlineToOnline).toBeGreaterThan(3); // back after going offline, during the day
      expect(counts[0]).toBeLessThan(5); // 06:05
      expect(Math.max(...counts)).toBeGreaterThan(25);
      expect(counts.at(-1)).toBeLessThan(8); // 21:00
      if (legacy)
        expect([...statuses].some((status) => ['dnd', 'away', 'break'].includes(status))).toBe(
          true,
        );
      else expect([...statuses]).toEqual(['online']);
    });
  }

  it('books leaves ahead: current and upcoming ranges over a few weeks', async () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock, { teamSize: 300 });
    const upcoming = state.teamIds().filter((id) => {
      const truth = state.truth(id);
      return truth?.leave && truth.leave.from > '2026-11-23';
    });
    expect(upcoming.length).toBeGreaterThan(3);
    const onLeave = new Set<number>();
    for (let day = 0; day < 21; day++) {
      await clock.advance(DAY);
      for (const id of state.teamIds()) if (state.userObject(id)?.absent !== false) onLeave.add(id);
    }
    expect(onLeave.size).toBeGreaterThan(20);
  });

  it('is deterministic for a seed, whatever the request pattern, and differs between seeds', async () => {
    const quiet = new ManualClock(MONDAY_NOON);
    const busy = new ManualClock(MONDAY_NOON);
    const other = new ManualClock(MONDAY_NOON);
    const a = portal(quiet, { seed: 42 });
    const b = portal(busy, { seed: 42 });
    const c = portal(other, { seed: 43 });
    for (let step = 0; step < 7 * 24; step++) {
      await busy.advance(HOUR);
      snapshot(b); // b is read every hour, a only at the end
    }
    await quiet.advance(7 * DAY);
    await other.advance(7 * DAY);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(a.teamIds().map((id) => a.truth(id))).toEqual(b.teamIds().map((id) => b.truth(id)));
    expect(snapshot(c)).not.toEqual(snapshot(a));
  });

  it('changes nobody with evolve off: connected people stay online, disconnected ones only age', async () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock, { evolve: false, teamSize: 100 });
    const activities = (): string[] => state.teamIds().map((id) => state.truth(id)?.activity ?? '');
    const before = activities();
    const dates = snapshot(state).map((user) => user.last_activity_date);
    await clock.advance(9 * HOUR);
    expect(activities()).toEqual(before);
    expect(snapshot(state).map((user) => user.last_activity_date)).not.toEqual(dates);
    const connected = state.teamIds().filter((id) => state.truth(id)?.activity !== 'disconnected');
    expect(connected.length).toBeGreaterThan(20);
    for (const id of connected) expect(presenceOf(state, id)).toBe('online');
  });

  it('advances a simulated week for 5,000 people in one lazy step, everyone living their week', () => {
    const start = MONDAY_NOON;
    let now = start;
    const clock: Clock = { ...systemClock, now: () => now };
    const state = portal(clock, { teamSize: 5000 });
    now = start + 7 * DAY;
    const began = performance.now();
    state.now();
    const elapsed = performance.now() - began;
    // Several changes a day for each person, on at least five working days.
    expect(state.simulation.eventsFired).toBeGreaterThan(5000 * 5 * 8);
    expect(elapsed).toBeLessThan(3000);
  });
});

describe('office hours for the app demo', () => {
  it('finds the team at work on a Sunday night, while every date it sends stays real', async () => {
    const sundayNight = Date.UTC(2026, 10, 22, 20, 0); // 23:00 in Moscow, a Sunday
    const clock = new ManualClock(sundayNight);
    const atWork = async (officeHoursNow: boolean) => {
      const portal = await startDemoPortal({ clock, teamSize: 60, seed: 3, officeHoursNow });
      const ids = portal.control.teamIds();
      const users = ids.map((id) => portal.control.userObject(id)!);
      const present = ids.filter(
        (id) => portal.control.expected(id)?.presence !== 'offline',
      ).length;
      await portal.close();
      const latest = Math.max(
        ...users.map((user) =>
          user.last_activity_date ? Date.parse(String(user.last_activity_date)) : 0,
        ),
      );
      expect(latest).toBeLessThanOrEqual(sundayNight);
      return present;
    };
    const plain = await atWork(false);
    const demo = await atWork(true);
    expect(demo).toBeGreaterThan(25);
    expect(plain).toBeLessThan(demo / 3);
  });
});
