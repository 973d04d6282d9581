import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock, type Clock } from '../../../electron/core/clock.js';
import { PortalState } from '../../../electron/demo/control.js';
import { startDemoPortal } from '../../../electron/demo/portal.js';
import { derivePresence, desktopRunning } from '../../../electron/demo/presence-rules.js';
import type { DemoPresence } from '../../../electron/demo/types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Monday 2026-11-23 12:00 Moscow. */
const MONDAY_NOON = Date.UTC(2026, 10, 23, 9, 0, 0);

function portal(clock: Clock, options: { seed?: number; teamSize?: number; evolve?: boolean } = {}): PortalState {
  return new PortalState(clock, options.seed ?? 7, options.teamSize ?? 40, options.evolve ?? true);
}

function presenceOf(state: PortalState, id: number, now: number): DemoPresence {
  const user = state.userObject(id);
  if (!user) throw new Error(`no user ${id}`);
  return derivePresence(user, now);
}

function snapshot(state: PortalState): Record<string, unknown>[] {
  return state.teamIds().map((id) => state.userObject(id) ?? {});
}

describe('presence set through the control API', () => {
  const presences: DemoPresence[] = ['online', 'idle', 'mobile', 'offline'];

  for (const from of presences) {
    for (const to of presences) {
      it(`${from} → ${to}: the Bitrix24 rules derive exactly what was set, at once and a day later`, async () => {
        const clock = new ManualClock(MONDAY_NOON);
        const state = portal(clock);
        const id = state.teamIds()[3] as number;
        state.updatePerson(id, { presence: from });
        await clock.advance(7 * MINUTE);
        state.updatePerson(id, { presence: to });
        expect(presenceOf(state, id, clock.now())).toBe(to);
        for (const step of [30_000, 4 * MINUTE, 25 * MINUTE, 3 * HOUR, DAY]) {
          await clock.advance(step);
          expect(presenceOf(state, id, clock.now())).toBe(to); // sticky, though evolve is on
        }
      });
    }
  }

  it('refreshes last_activity_date in steps of a few minutes while someone is online', async () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock);
    const id = state.teamIds()[0] as number;
    state.updatePerson(id, { presence: 'online' });
    const seen = new Set<string>();
    for (let minute = 0; minute < 30; minute++) {
      seen.add(String(state.userObject(id)?.last_activity_date));
      await clock.advance(MINUTE);
    }
    // 30 minutes at one refresh per 2–5 minutes: several values, far fewer than 30.
    expect(seen.size).toBeGreaterThanOrEqual(6);
    expect(seen.size).toBeLessThanOrEqual(16);
  });

  it('reports idle only with the desktop app running, and refuses idle without it, changing nothing', () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock);
    const id = state.teamIds()[1] as number;
    state.updatePerson(id, { presence: 'idle' });
    const user = state.userObject(id) ?? {};
    expect(user.idle).toBe(user.desktop_last_date);
    expect(desktopRunning(user, clock.now())).toBe(true);
    const before = state.userObject(id);
    expect(() => state.updatePerson(id, { presence: 'idle', desktop: false, name: 'Changed' })).toThrow(/desktop/);
    expect(() => state.updatePerson(id, { desktop: false })).toThrow(/idle/);
    expect(state.userObject(id)).toEqual(before);
  });

  it('sets names, position, status and leave as given, and validates them', () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock);
    const id = state.teamIds()[2] as number;
    state.updatePerson(id, { firstName: 'Zoë', lastName: 'اختبار', position: 'Tester', status: 'dnd', absentUntil: '2026-11-27' });
    const user = state.userObject(id) ?? {};
    expect(user).toMatchObject({ first_name: 'Zoë', last_name: 'اختبار', name: 'Zoë اختبار', work_position: 'Tester', status: 'dnd', absent: '2026-11-27T00:00:00+03:00' });
    state.updatePerson(id, { name: 'Display <b>Name</b>' });
    expect(state.userObject(id)?.name).toBe('Display <b>Name</b>');
    expect(() => state.updatePerson(id, { absentUntil: '2026-02-31' })).toThrow();
    expect(() => state.updatePerson(id, { absentUntil: '27.11.2026' })).toThrow(/YYYY-MM-DD/);
    expect(() => state.updatePerson(999_999, { presence: 'online' })).toThrow(/999999/);
  });

  it('ends a leave after its last day', async () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock);
    const id = state.teamIds()[2] as number;
    state.updatePerson(id, { absentUntil: '2026-11-24' });
    await clock.advance(DAY);
    expect(state.userObject(id)?.absent).toBe('2026-11-24T00:00:00+03:00');
    await clock.advance(DAY);
    expect(state.userObject(id)?.absent).toBe(false);
  });
});

describe('presence rules over time', () => {
  it('an online person whose last activity stops refreshing is offline once the online limit has passed', () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock);
    const id = state.teamIds()[0] as number;
    state.updatePerson(id, { presence: 'online' });
    const frozen = state.userObject(id) ?? {};
    expect(derivePresence(frozen, clock.now() + 1439_000)).toBe('online');
    expect(derivePresence(frozen, clock.now() + 1441_000)).toBe('offline');
  });

  it('mobile lingers only while the phone date is within 300 s of the last activity', () => {
    const now = MONDAY_NOON;
    const at = (secondsAgo: number): string => new Date(now - secondsAgo * 1000).toISOString();
    expect(derivePresence({ last_activity_date: at(10), mobile_last_date: at(200) }, now)).toBe('mobile');
    expect(derivePresence({ last_activity_date: at(10), mobile_last_date: at(400) }, now)).toBe('online');
    expect(derivePresence({ last_activity_date: at(10), idle: at(60), desktop_last_date: at(170) }, now)).toBe('idle');
    expect(derivePresence({ last_activity_date: at(10), idle: at(60), desktop_last_date: at(190) }, now)).toBe('online');
    expect(derivePresence({ last_activity_date: false }, now)).toBe('offline');
  });
});

describe('the simulation', () => {
  it('evolves a work day: people come online, go idle and mobile, choose statuses, and are offline at night', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 3, 0, 0)); // Monday 06:00 Moscow
    const state = portal(clock, { teamSize: 200 });
    const seen = new Set<DemoPresence>();
    const statuses = new Set<string>();
    const onlineAt = (): number => state.teamIds().filter((id) => presenceOf(state, id, clock.now()) !== 'offline').length;
    const early = onlineAt();
    for (let minute = 0; minute < 14 * 60; minute += 10) {
      await clock.advance(10 * MINUTE);
      for (const user of snapshot(state)) {
        seen.add(derivePresence(user, clock.now()));
        statuses.add(String(user.status));
        // The server reports idle only while the desktop app runs.
        if (user.idle !== false) expect(desktopRunning(user, clock.now())).toBe(true);
      }
    }
    expect([...seen].sort()).toEqual(['idle', 'mobile', 'offline', 'online']);
    expect([...statuses].some((status) => ['dnd', 'away', 'break'].includes(status))).toBe(true);
    clock.jump(0);
    await clock.advance(10 * HOUR); // Tuesday 06:00
    expect(early).toBeLessThan(20);
    expect(onlineAt()).toBeLessThan(10);
    await clock.advance(6 * HOUR); // Tuesday noon
    expect(onlineAt()).toBeGreaterThan(120);
  });

  it('sends some people on leave over a few weeks', async () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock, { teamSize: 300 });
    const onLeave = new Set<number>();
    for (let day = 0; day < 21; day++) {
      await clock.advance(DAY);
      for (const id of state.teamIds()) if (state.userObject(id)?.absent !== false) onLeave.add(id);
    }
    expect(onLeave.size).toBeGreaterThan(5);
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
    expect(snapshot(c)).not.toEqual(snapshot(a));
  });

  it('changes nobody with evolve off, though their dates keep refreshing', async () => {
    const clock = new ManualClock(MONDAY_NOON);
    const state = portal(clock, { evolve: false, teamSize: 100 });
    const before = state.teamIds().map((id) => presenceOf(state, id, clock.now()));
    await clock.advance(9 * HOUR);
    const after = state.teamIds().map((id) => presenceOf(state, id, clock.now()));
    expect(after).toEqual(before);
    expect(before.filter((presence) => presence !== 'offline').length).toBeGreaterThan(20);
  });

  it('advances a simulated week for 5,000 people in one lazy step, everyone living their week', () => {
    const start = MONDAY_NOON;
    let now = start;
    const clock: Clock = { ...systemClock, now: () => now };
    const state = portal(clock, { teamSize: 5000 });
    now = start + 7 * DAY;
    state.now();
    // Several changes a day for each person, on at least five working days.
    expect(state.simulation.eventsFired).toBeGreaterThan(5000 * 5 * 3);
  });
});

describe('office hours for the app demo', () => {
  it('finds the team at work on a Sunday night, while every date it sends stays real', async () => {
    const sundayNight = Date.UTC(2026, 10, 22, 20, 0); // 23:00 in Moscow, a Sunday
    const clock = new ManualClock(sundayNight);
    const atWork = async (officeHoursNow: boolean) => {
      const portal = await startDemoPortal({ clock, teamSize: 60, seed: 3, officeHoursNow });
      const users = portal.control.teamIds().map((id) => portal.control.userObject(id)!);
      await portal.close();
      const latest = Math.max(...users.map((user) => (user.last_activity_date ? Date.parse(String(user.last_activity_date)) : 0)));
      expect(latest).toBeLessThanOrEqual(sundayNight);
      return users.filter((user) => derivePresence(user as never, sundayNight) !== 'offline').length;
    };
    const plain = await atWork(false);
    const demo = await atWork(true);
    expect(demo).toBeGreaterThan(25);
    expect(plain).toBeLessThan(demo / 3);
  });
});
