import { describe, expect, it } from 'vitest';
import {
  BurstThrottle,
  composeAlerts,
  hash53,
  type PendingBursts,
} from '../../../../../electron/core/alerts/burst.js';
import { ManualClock } from '../../../../../electron/core/clock.js';
import type { AlertKind, Colleague } from '../../../../../electron/shared/domain.js';
import { DEFAULT_SETTINGS } from '../../../../../electron/shared/settings/defaults.js';
import type { Settings } from '../../../../../electron/shared/settings/schema.js';
import { byId, colleague } from '../../../../support/colleague.js';

const START = Date.UTC(2026, 10, 23, 9, 0);
const WINDOW_MS = 10_000;

/** The people each delivery named, by kind: what the tests read. */
function throttle(clock: ManualClock, nextWindowMs = WINDOW_MS) {
  const deliveries: Record<string, number[]>[] = [];
  const burst = new BurstThrottle(
    clock,
    () => nextWindowMs,
    (bursts) =>
      deliveries.push(
        Object.fromEntries([...bursts].map(([kind, alerts]) => [kind, [...alerts.keys()]])),
      ),
  );
  return { burst, deliveries };
}

describe('BurstThrottle', () => {
  it('delivers a poll at once, then holds later arrivals until the window closes', async () => {
    const clock = new ManualClock(START);
    const { burst, deliveries } = throttle(clock);
    burst.add('online', { userId: 1, identity: 'a' });
    burst.add('online', { userId: 2, identity: 'b' });
    burst.release(WINDOW_MS);
    expect(deliveries).toEqual([{ online: [1, 2] }]);
    expect(burst.pendingTimers).toBe(1);

    burst.add('online', { userId: 3, identity: 'c' });
    burst.release(WINDOW_MS);
    burst.add('offline', { userId: 4, identity: 'd' });
    burst.release(WINDOW_MS);
    await clock.advance(WINDOW_MS - 1);
    expect(deliveries).toHaveLength(1);
    await clock.advance(1);
    expect(deliveries).toEqual([{ online: [1, 2] }, { online: [3], offline: [4] }]);
  });

  it('opens the next window after a delayed delivery, and none after a quiet one', async () => {
    const clock = new ManualClock(START);
    const { burst, deliveries } = throttle(clock, 5_000);
    burst.add('online', { userId: 1, identity: 'a' });
    burst.release(WINDOW_MS);
    burst.add('online', { userId: 2, identity: 'b' });
    await clock.advance(WINDOW_MS);
    expect(deliveries).toHaveLength(2);
    // The window that followed is nextWindowMs long: an arrival now waits 5 s, not 10.
    burst.add('online', { userId: 3, identity: 'c' });
    burst.release(WINDOW_MS);
    expect(deliveries).toHaveLength(2);
    await clock.advance(5_000);
    expect(deliveries.at(-1)).toEqual({ online: [3] });
    // That window closed with something to say, so one more is open; it closes empty.
    await clock.advance(5_000);
    expect(burst.pendingTimers).toBe(0);
    burst.add('online', { userId: 4, identity: 'd' });
    burst.release(WINDOW_MS);
    expect(deliveries.at(-1)).toEqual({ online: [4] });
  });

  it('a window of 0 turns the throttle off: every poll goes out at once', () => {
    const clock = new ManualClock(START);
    const { burst, deliveries } = throttle(clock, 0);
    for (const userId of [1, 2, 3]) {
      burst.add('online', { userId, identity: String(userId) });
      burst.release(0);
    }
    expect(deliveries).toEqual([{ online: [1] }, { online: [2] }, { online: [3] }]);
    expect(burst.pendingTimers).toBe(0);
  });

  it('keeps one entry per person and kind, the latest identity last in order', () => {
    const clock = new ManualClock(START);
    const seen: PendingBursts[] = [];
    const burst = new BurstThrottle(
      clock,
      () => WINDOW_MS,
      (bursts) => seen.push(bursts),
    );
    burst.add('online', { userId: 1, identity: 'first' });
    burst.add('online', { userId: 2, identity: 'other' });
    burst.add('online', { userId: 1, identity: 'again' });
    burst.release(WINDOW_MS);
    expect([...(seen[0]?.get('online')?.values() ?? [])]).toEqual([
      { userId: 2, identity: 'other' },
      { userId: 1, identity: 'again' },
    ]);
  });

  it('flush delivers what waits and closes the window; cancel drops both', async () => {
    const clock = new ManualClock(START);
    const { burst, deliveries } = throttle(clock);
    burst.add('online', { userId: 1, identity: 'a' });
    burst.release(WINDOW_MS);
    burst.add('online', { userId: 2, identity: 'b' });
    burst.flush();
    expect(deliveries).toEqual([{ online: [1] }, { online: [2] }]);
    expect(burst.pendingTimers).toBe(0);

    burst.add('online', { userId: 3, identity: 'c' });
    burst.release(WINDOW_MS);
    burst.add('online', { userId: 4, identity: 'd' });
    burst.cancel();
    expect(burst.pendingTimers).toBe(0);
    await clock.advance(WINDOW_MS * 2);
    burst.flush();
    expect(deliveries).toEqual([{ online: [1] }, { online: [2] }, { online: [3] }]);
  });

  it('releases nothing when nothing is pending', () => {
    const clock = new ManualClock(START);
    const { burst, deliveries } = throttle(clock);
    burst.release(WINDOW_MS);
    burst.flush();
    expect(deliveries).toEqual([]);
    expect(burst.pendingTimers).toBe(0);
  });
});

describe('hash53', () => {
  it('is stable, short and tells different texts apart', () => {
    expect(hash53('1=a,2=b')).toBe(hash53('1=a,2=b'));
    expect(hash53('1=a,2=b')).not.toBe(hash53('1=a,2=c'));
    expect(hash53('')).toMatch(/^[0-9a-z]{1,11}$/);
    const many = new Set(Array.from({ length: 1000 }, (_, i) => hash53(`id=${i}`)));
    expect(many.size).toBe(1000);
  });
});

describe('composeAlerts', () => {
  const NOW = START + 60_000;
  const anna = colleague(1, { name: 'Anna' });
  const boris = colleague(2, { name: 'Boris' });
  const vera = colleague(3, { name: 'Vera' });

  function bursts(entries: Record<string, readonly number[]>): PendingBursts {
    return new Map(
      Object.entries(entries).map(([kind, ids]) => [
        kind as AlertKind,
        new Map(ids.map((userId) => [userId, { userId, identity: `t${userId}` }])),
      ]),
    );
  }

  function compose(
    pending: PendingBursts,
    known: readonly Colleague[],
    settings: Partial<Pick<Settings, 'alerts' | 'rules'>> = {},
  ) {
    return composeAlerts(pending, {
      known: byId(known),
      settings: {
        alerts: {
          ...DEFAULT_SETTINGS.alerts,
          kinds: { online: true, backFromIdle: true, offline: true, backFromLeave: true },
        },
        rules: {},
        ...settings,
      },
      locale: 'en',
      now: NOW,
    });
  }

  it('one alert per kind, in a fixed order, naming the people at the moment of delivery', () => {
    const gone = colleague(4, { name: 'Gleb', presence: 'offline' });
    const intents = compose(bursts({ offline: [4], online: [1, 2] }), [anna, boris, gone]);
    expect(intents.map(({ kind, title, userIds, at }) => ({ kind, title, userIds, at }))).toEqual([
      { kind: 'online', title: 'Anna and Boris are online', userIds: [1, 2], at: NOW },
      { kind: 'offline', title: 'Gleb went offline', userIds: [4], at: NOW },
    ]);
  });

  it('names starred people first, otherwise in arrival order', () => {
    const [intent] = compose(bursts({ online: [1, 2, 3] }), [anna, boris, vera], {
      rules: { '3': 'starred' },
    });
    expect(intent?.userIds).toEqual([3, 1, 2]);
    expect(intent?.title).toBe('Vera, Anna and 1 other are online');
  });

  it('leaves out people who moved on, were muted, or are no longer known', () => {
    const backOffline = colleague(1, { name: 'Anna', presence: 'offline' });
    const intents = compose(bursts({ online: [1, 2, 9] }), [backOffline, boris], {
      rules: { '2': 'muted' },
    });
    expect(intents).toEqual([]);
  });

  it('checks that each kind is still true of the person', () => {
    const idleAgain = colleague(1, { name: 'Anna', presence: 'idle' });
    const stillAway = colleague(2, {
      name: 'Boris',
      presence: 'offline',
      absentUntil: '2026-12-01',
    });
    const online = colleague(3, { name: 'Vera' });
    const intents = compose(
      bursts({ 'back-from-idle': [1, 3], 'back-from-leave': [2, 3], offline: [3] }),
      [idleAgain, stillAway, online],
    );
    expect(intents.map(({ kind, userIds }) => [kind, userIds])).toEqual([
      ['back-from-idle', [3]],
      ['back-from-leave', [3]],
    ]);
  });

  it('says nothing of a kind the settings switched off', () => {
    const intents = compose(
      bursts({ online: [1], offline: [2] }),
      [anna, colleague(2, { presence: 'offline' })],
      {
        alerts: { ...DEFAULT_SETTINGS.alerts },
      },
    );
    expect(intents.map(({ kind }) => kind)).toEqual(['online']);
  });

  it('gives the same burst the same id in any order, and another burst another id', () => {
    const one = compose(bursts({ online: [1, 2] }), [anna, boris]);
    const reversed = compose(bursts({ online: [2, 1] }), [anna, boris]);
    const other = compose(bursts({ online: [1] }), [anna, boris]);
    expect(one[0]?.id).toMatch(/^on-[0-9a-z]+$/);
    expect(reversed[0]?.id).toBe(one[0]?.id);
    expect(other[0]?.id).not.toBe(one[0]?.id);
    const offline = compose(bursts({ offline: [1] }), [colleague(1, { presence: 'offline' })]);
    expect(offline[0]?.id).toMatch(/^off-/);
  });
});
