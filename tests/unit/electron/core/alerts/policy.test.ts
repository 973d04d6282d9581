import { describe, expect, it } from 'vitest';
import { AlertPolicy } from '../../../../../electron/core/alerts/policy.js';
import type { LocalTime } from '../../../../../electron/core/alerts/quiet-hours.js';
import { ManualClock } from '../../../../../electron/core/clock.js';
import type { AlertIntent, Colleague } from '../../../../../electron/shared/domain.js';
import type { AlertLedgerPort } from '../../../../../electron/core/ports.js';
import {
  DEFAULT_SETTINGS,
  type AlertSettings,
  type Settings,
} from '../../../../../electron/shared/settings/schema.js';
import { SnapshotTracker } from '../../../../../electron/core/snapshot/tracker.js';
import { colleague } from '../../../../support/colleague.js';

const NAMES = [
  'Anna Petrova',
  'Boris Smirnov',
  'Vera Ivanova',
  'Gleb Orlov',
  'Dina Kim',
  'Egor Li',
  'Zoya Fox',
];
const OFFLINE_SINCE = Date.UTC(2026, 10, 23, 7, 0);

const offline = (id: number, since = OFFLINE_SINCE): Colleague =>
  colleague(id, {
    name: NAMES[id - 1] ?? `Person ${id}`,
    presence: 'offline',
    presenceSince: since,
    lastActivity: since,
  });
const online = (id: number, fields: Partial<Colleague> = {}): Colleague =>
  colleague(id, {
    name: NAMES[id - 1] ?? `Person ${id}`,
    presence: 'online',
    presenceSince: null,
    ...fields,
  });

/** UTC wall clock, so quiet-hour tests do not depend on the machine's time zone. */
const utcTime = (ms: number): LocalTime => {
  const date = new Date(ms);
  return { day: date.getUTCDay(), minutes: date.getUTCHours() * 60 + date.getUTCMinutes() };
};

class InMemoryLedger implements AlertLedgerPort {
  data: Record<string, string> = {};
  saves = 0;
  load(): Record<string, string> {
    return { ...this.data };
  }
  save(ledger: Record<string, string>): void {
    this.data = { ...ledger };
    this.saves++;
  }
}

interface SetupOptions {
  alerts?: Partial<AlertSettings>;
  rules?: Settings['rules'];
  locale?: 'en' | 'ru';
  ledger?: InMemoryLedger;
  clock?: ManualClock;
  /** Observe without the patch's removed ids: the policy checks everyone it remembers. */
  fullPrune?: boolean;
}

function setup(options: SetupOptions = {}) {
  const clock = options.clock ?? new ManualClock(); // Monday 2026-11-23 09:00 UTC
  const settings: Pick<Settings, 'alerts' | 'rules'> = {
    alerts: { ...DEFAULT_SETTINGS.alerts, ...options.alerts },
    rules: options.rules ?? {},
  };
  const ledger = options.ledger ?? new InMemoryLedger();
  const alerts: AlertIntent[] = [];
  const policy = new AlertPolicy({
    clock,
    getSettings: () => settings,
    ledger,
    emit: (alert) => alerts.push(alert),
    locale: () => options.locale ?? 'en',
    localTime: utcTime,
  });
  const tracker = new SnapshotTracker();
  /** One poll through the real tracker: the first is the silent baseline. */
  const poll = (colleagues: Colleague[]): void => {
    const first = tracker.current === null;
    const { snapshot, patch, transitions } = tracker.update(colleagues, clock.now());
    if (first) policy.baseline(snapshot.colleagues);
    else if (patch)
      policy.observe(transitions, tracker.byId, options.fullPrune ? undefined : patch.removed);
  };
  return { clock, settings, ledger, alerts, policy, poll, tracker };
}

const titles = (alerts: AlertIntent[]) => alerts.map((alert) => alert.title);

describe('baseline', () => {
  it('stays silent on the first snapshot, whoever is online', async () => {
    const { poll, alerts, policy, clock } = setup();
    poll([online(1), online(2), offline(3)]);
    await clock.advance(60_000);
    expect(alerts).toEqual([]);
    expect(policy.pendingTimers).toBe(0);
  });

  it('stays silent on a re-baseline (resume, outage recovery) and drops a burst pending from before', async () => {
    const { poll, alerts, policy, clock } = setup();
    poll([offline(1), offline(2), offline(3)]);
    poll([offline(1), offline(2), online(3)]); // alerted at once; its window is open
    poll([online(1), offline(2), online(3)]); // waits for the window
    expect(policy.pendingTimers).toBe(1);
    policy.baseline([online(1), online(2), online(3)]);
    expect(policy.pendingTimers).toBe(0);
    await clock.advance(60_000);
    expect(titles(alerts)).toEqual(['Vera Ivanova is online']);
  });
});

describe('ledger pruning', () => {
  it("pruning only a patch's removed ids stores what checking everyone stores", () => {
    const byPatch = setup();
    const full = setup({ fullPrune: true });
    const polls: Colleague[][] = [
      [offline(1), offline(2), offline(3)],
      [online(1), online(2), offline(3)],
      [online(1), online(3)],
      [offline(1), online(3), online(4)],
      [online(4)],
      [online(1), online(2), offline(4)],
    ];
    for (const colleagues of polls) {
      byPatch.poll(colleagues);
      full.poll(colleagues);
      expect(byPatch.ledger.data).toEqual(full.ledger.data);
    }
    expect(Object.keys(byPatch.ledger.data)).not.toContain('3');
  });
});

describe('burst coalescing', () => {
  it('one person: one alert at once, with the poll that saw it', () => {
    const { poll, alerts, clock } = setup();
    poll([offline(1), offline(2)]);
    poll([online(1), offline(2)]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'online',
      title: 'Anna Petrova is online',
      body: '',
      userIds: [1],
    });
    expect(alerts[0]?.at).toBe(clock.now());
  });

  it('someone seen later in the window waits for it to close', async () => {
    const { poll, alerts, clock } = setup();
    poll([offline(1), offline(2)]);
    poll([online(1), offline(2)]);
    await clock.advance(6_000);
    poll([online(1), online(2)]);
    await clock.advance(3_999);
    expect(titles(alerts)).toEqual(['Anna Petrova is online']);
    await clock.advance(1);
    expect(titles(alerts)).toEqual(['Anna Petrova is online', 'Boris Smirnov is online']);
  });

  it('several arrivals within one window become one alert', async () => {
    const { poll, alerts, clock } = setup();
    poll([offline(1), offline(2), offline(3)]);
    poll([online(1), offline(2), offline(3)]);
    await clock.advance(3_000);
    poll([online(1), online(2), offline(3)]);
    await clock.advance(3_000);
    poll([online(1), online(2), online(3)]);
    await clock.advance(4_000);
    expect(titles(alerts)).toEqual([
      'Anna Petrova is online',
      'Boris Smirnov and Vera Ivanova are online',
    ]);
    expect(alerts[1]?.userIds).toEqual([2, 3]);
  });

  it('six people: two names and a count, everyone in the body', async () => {
    const { poll, alerts, clock } = setup();
    const ids = [1, 2, 3, 4, 5, 6];
    poll(ids.map((id) => offline(id)));
    poll(ids.map((id) => online(id)));
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Anna Petrova, Boris Smirnov and 4 others are online']);
    expect(alerts[0]?.body).toBe(
      'Anna Petrova, Boris Smirnov, Vera Ivanova, Gleb Orlov, Dina Kim, Egor Li',
    );
  });

  it('speaks Russian with the right plural', async () => {
    const ru = [
      'Анна Петрова',
      'Борис Смирнов',
      'Вера Иванова',
      'Глеб Орлов',
      'Дина Ким',
      'Егор Ли',
      'Зоя Лис',
    ];
    const off = (id: number) => ({ ...offline(id), name: ru[id - 1] ?? '' });
    const on = (id: number) => ({ ...online(id), name: ru[id - 1] ?? '' });
    const { poll, alerts, clock } = setup({ locale: 'ru' });
    const rest = [2, 3, 4, 5, 6, 7];
    poll([off(1), ...rest.map(off)]);
    poll([on(1), ...rest.map(off)]);
    await clock.advance(10_000);
    poll([on(1), ...rest.map(on)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual([
      'Анна Петрова в сети',
      'Борис Смирнов, Вера Иванова и ещё 4 коллеги в сети',
    ]);
  });

  it('the next burst starts a new window', async () => {
    const { poll, alerts, clock, policy } = setup();
    poll([offline(1), offline(2)]);
    poll([online(1), offline(2)]);
    await clock.advance(10_000);
    expect(policy.pendingTimers).toBe(0);
    poll([online(1), online(2)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Anna Petrova is online', 'Boris Smirnov is online']);
  });

  it('burstWindowSec 0 alerts at once, one alert per kind per poll, without a timer', () => {
    const { poll, alerts, policy } = setup({
      alerts: {
        burstWindowSec: 0,
        kinds: { online: true, backFromIdle: false, offline: true, backFromLeave: false },
      },
    });
    poll([offline(1), offline(2), online(3)]);
    poll([online(1), online(2), offline(3)]);
    expect(policy.pendingTimers).toBe(0);
    expect(titles(alerts)).toEqual([
      'Anna Petrova and Boris Smirnov are online',
      'Vera Ivanova went offline',
    ]);
  });

  it('leaves out someone who went back before the window closed', async () => {
    const { poll, alerts, clock } = setup();
    poll([offline(1), offline(2), offline(3)]);
    poll([offline(1), offline(2), online(3)]);
    poll([online(1), online(2), online(3)]);
    await clock.advance(5_000);
    poll([offline(1, Date.UTC(2026, 10, 23, 9, 0)), online(2), online(3)]);
    await clock.advance(5_000);
    expect(titles(alerts)).toEqual(['Vera Ivanova is online', 'Boris Smirnov is online']);
  });

  it('flush delivers a pending burst now; dispose clears the timer', async () => {
    const { poll, alerts, clock, policy } = setup();
    poll([offline(1), offline(2)]);
    poll([offline(1), online(2)]);
    poll([online(1), online(2)]);
    expect(titles(alerts)).toEqual(['Boris Smirnov is online']);
    policy.flush();
    expect(titles(alerts)).toEqual(['Boris Smirnov is online', 'Anna Petrova is online']);
    expect(policy.pendingTimers).toBe(0);

    poll([offline(1, Date.UTC(2026, 10, 23, 9, 0)), online(2)]);
    poll([online(1), online(2)]);
    expect(alerts).toHaveLength(3);
    expect(policy.pendingTimers).toBe(1);
    expect(clock.pendingTimers).toBe(1);
    policy.dispose();
    expect(policy.pendingTimers).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(60_000);
    expect(alerts).toHaveLength(3);
  });
});

describe('who', () => {
  it('never alerts for bots or muted people', async () => {
    const { poll, alerts, clock } = setup({ rules: { '2': 'muted' } });
    poll([colleague(1, { ...offline(1), bot: true }), offline(2), offline(3)]);
    poll([colleague(1, { ...online(1), bot: true }), online(2), online(3)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Vera Ivanova is online']);
  });

  it('scope starred: only starred people', async () => {
    const { poll, alerts, clock } = setup({
      alerts: { scope: 'starred' },
      rules: { '3': 'starred' },
    });
    poll([offline(1), offline(2), offline(3)]);
    poll([online(1), online(2), online(3)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Vera Ivanova is online']);
  });

  it('scope everyone: starred people are named first', async () => {
    const { poll, alerts, clock } = setup({ rules: { '3': 'starred' } });
    poll([offline(1), offline(2), offline(3)]);
    poll([online(1), online(2), online(3)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Vera Ivanova, Anna Petrova and 1 other are online']);
    expect(alerts[0]?.userIds).toEqual([3, 1, 2]);
  });

  it('scope nobody silences everyone, stars included', async () => {
    const { poll, alerts, clock, policy } = setup({
      alerts: { scope: 'nobody' },
      rules: { '1': 'starred' },
    });
    poll([offline(1), offline(2)]);
    poll([online(1), online(2)]);
    await clock.advance(10_000);
    expect(alerts).toEqual([]);
    expect(policy.pendingTimers).toBe(0);
  });

  it('someone muted while a burst is pending is left out', async () => {
    const { poll, alerts, clock, settings } = setup();
    poll([offline(1), offline(2), offline(3)]);
    poll([offline(1), offline(2), online(3)]);
    poll([online(1), online(2), online(3)]);
    settings.rules = { '1': 'muted' };
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Vera Ivanova is online', 'Boris Smirnov is online']);
  });
});

describe('kinds', () => {
  const allOff = { online: false, backFromIdle: false, offline: false, backFromLeave: false };

  it('online covers offline → online, mobile and idle; not online ↔ mobile or going idle', async () => {
    const { poll, alerts, clock } = setup();
    poll([offline(1), offline(2), offline(3), online(4), online(5)]);
    poll([
      online(1),
      online(2, { presence: 'mobile' }),
      online(3, { presence: 'idle', presenceSince: 1 }),
      online(4, { presence: 'mobile' }),
      online(5, { presence: 'idle', presenceSince: 1 }),
    ]);
    await clock.advance(10_000);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.userIds).toEqual([1, 2, 3]);
  });

  it('each kind only when switched on', async () => {
    const idle = (id: number) =>
      online(id, { presence: 'idle', presenceSince: Date.UTC(2026, 10, 23, 8, 30) });
    const scenario = async (kinds: typeof allOff) => {
      const { poll, alerts, clock } = setup({ alerts: { kinds } });
      poll([offline(1), idle(2), online(3), online(4, { absentUntil: '2026-11-22' })]);
      poll([online(1), online(2), offline(3, clock.now()), online(4)]);
      await clock.advance(10_000);
      return alerts.map((alert) => `${alert.kind}:${alert.userIds.join()}`);
    };
    expect(await scenario(allOff)).toEqual([]);
    expect(await scenario({ ...allOff, online: true })).toEqual(['online:1']);
    expect(await scenario({ ...allOff, backFromIdle: true })).toEqual(['back-from-idle:2']);
    expect(await scenario({ ...allOff, offline: true })).toEqual(['offline:3']);
    expect(await scenario({ ...allOff, backFromLeave: true })).toEqual(['back-from-leave:4']);
    expect(
      await scenario({ online: true, backFromIdle: true, offline: true, backFromLeave: true }),
    ).toEqual(['online:1', 'back-from-idle:2', 'back-from-leave:4', 'offline:3']);
  });

  it('a leave ending together with coming online is one alert: back from leave', async () => {
    const { poll, alerts, clock } = setup({
      alerts: { kinds: { online: true, backFromIdle: false, offline: false, backFromLeave: true } },
    });
    poll([colleague(1, { ...offline(1), absentUntil: '2026-11-22' })]);
    poll([online(1)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Anna Petrova is back from leave']);
  });

  it('a leave that ends while the person is away waits for their return, then says back from leave', async () => {
    const kinds = { online: true, backFromIdle: false, offline: false, backFromLeave: true };
    const ledger = new InMemoryLedger();
    const first = setup({ alerts: { kinds }, ledger });
    first.poll([colleague(1, { ...offline(1), absentUntil: '2026-11-22' })]);
    first.poll([offline(1)]); // midnight: the leave is over, Anna is not back yet
    await first.clock.advance(10_000);
    expect(first.alerts).toEqual([]);
    // The app restarts before she is back; the ledger remembers what to say.
    first.policy.dispose();
    const second = setup({ alerts: { kinds }, ledger });
    second.poll([offline(1)]);
    second.poll([online(1)]);
    await second.clock.advance(10_000);
    expect(titles(second.alerts)).toEqual(['Anna Petrova is back from leave']);
    // Once said, her next arrival is an ordinary one.
    second.poll([offline(1, Date.UTC(2026, 10, 23, 9, 5))]);
    second.poll([online(1)]);
    await second.clock.advance(10_000);
    expect(titles(second.alerts)).toEqual([
      'Anna Petrova is back from leave',
      'Anna Petrova is online',
    ]);
  });

  it('with back-from-leave off, a return after a leave that ended overnight is an online alert', async () => {
    const { poll, alerts, clock } = setup({
      alerts: {
        kinds: { online: true, backFromIdle: false, offline: false, backFromLeave: false },
      },
    });
    poll([colleague(1, { ...offline(1), absentUntil: '2026-11-22' })]);
    poll([offline(1)]);
    poll([online(1)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Anna Petrova is online']);
  });

  it('with back-from-leave off, the same change is an online alert', async () => {
    const { poll, alerts, clock } = setup();
    poll([colleague(1, { ...offline(1), absentUntil: '2026-11-22' })]);
    poll([online(1)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Anna Petrova is online']);
  });
});

describe('quiet hours and pause', () => {
  it('drops alerts inside a window that wraps past midnight, and nothing surfaces afterwards', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 21, 0)); // Monday 21:00
    const { poll, alerts } = setup({
      clock,
      alerts: {
        quietHours: {
          enabled: true,
          windows: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '20:00', end: '08:00' }],
        },
      },
    });
    poll([offline(1), offline(2)]);
    poll([online(1), offline(2)]);
    await clock.advance(10 * 3_600_000); // Tuesday 07:00, still quiet
    poll([online(1), online(2)]);
    await clock.advance(3_600_000); // 08:00: quiet hours over
    poll([online(1, { lastActivity: clock.now() }), online(2, { lastActivity: clock.now() })]);
    await clock.advance(60_000);
    expect(alerts).toEqual([]);
    poll([online(1), online(2), offline(3)]);
    poll([online(1), online(2), online(3)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Vera Ivanova is online']);
  });

  it('a burst that would be delivered after quiet hours began is dropped', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 19, 59, 50));
    const { poll, alerts } = setup({
      clock,
      alerts: {
        quietHours: { enabled: true, windows: [{ days: [1], start: '20:00', end: '08:00' }] },
      },
    });
    poll([offline(1), offline(2)]);
    poll([offline(1), online(2)]);
    await clock.advance(5_000);
    poll([online(1), online(2)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Boris Smirnov is online']);
  });

  it('quiet hours that are switched off do nothing', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 21, 0));
    const { poll, alerts } = setup({
      clock,
      alerts: {
        quietHours: { enabled: false, windows: [{ days: [1], start: '20:00', end: '08:00' }] },
      },
    });
    poll([offline(1)]);
    poll([online(1)]);
    await clock.advance(10_000);
    expect(alerts).toHaveLength(1);
  });

  it('a weekday window only holds back on its days', async () => {
    const windows = [{ days: [2], start: '09:00', end: '17:00' }]; // Tuesdays
    const monday = new ManualClock(Date.UTC(2026, 10, 23, 10, 0));
    const tuesday = new ManualClock(Date.UTC(2026, 10, 24, 10, 0));
    for (const [clock, expected] of [
      [monday, 1],
      [tuesday, 0],
    ] as const) {
      const { poll, alerts } = setup({ clock, alerts: { quietHours: { enabled: true, windows } } });
      poll([offline(1)]);
      poll([online(1)]);
      await clock.advance(10_000);
      expect(alerts).toHaveLength(expected);
    }
  });

  it('pause drops alerts until pausedUntil, then alerts new transitions again', async () => {
    const clock = new ManualClock();
    const { poll, alerts } = setup({ clock, alerts: { pausedUntil: clock.now() + 60_000 } });
    poll([offline(1), offline(2)]);
    poll([online(1), offline(2)]);
    await clock.advance(60_000);
    expect(alerts).toEqual([]);
    poll([online(1, { lastActivity: 9 }), online(2)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Boris Smirnov is online']);
  });
});

describe('never twice', () => {
  it('data flapping back to the same offline period does not repeat the alert', async () => {
    const { poll, alerts, clock } = setup({
      alerts: { kinds: { online: true, backFromIdle: false, offline: true, backFromLeave: false } },
    });
    poll([offline(1)]);
    poll([online(1)]);
    await clock.advance(10_000);
    poll([offline(1)]); // a lagging replica answers with the old offline state
    await clock.advance(10_000);
    poll([online(1)]);
    await clock.advance(10_000);
    expect(titles(alerts)).toEqual(['Anna Petrova is online', 'Anna Petrova went offline']);
  });

  it('a restart with the same ledger does not repeat an alert; a new session still alerts', async () => {
    const ledger = new InMemoryLedger();
    const first = setup({ ledger });
    first.poll([offline(1), offline(2)]);
    first.poll([online(1), offline(2)]);
    await first.clock.advance(10_000);
    expect(titles(first.alerts)).toEqual(['Anna Petrova is online']);
    first.policy.dispose();

    const second = setup({ ledger });
    second.poll([offline(1), offline(2)]); // baseline after restart shows the stale state
    second.poll([online(1), online(2)]);
    await second.clock.advance(10_000);
    expect(titles(second.alerts)).toEqual(['Boris Smirnov is online']);

    second.poll([offline(1, Date.UTC(2026, 10, 23, 8, 0)), online(2)]);
    second.poll([online(1), online(2)]);
    await second.clock.advance(10_000);
    expect(titles(second.alerts)).toEqual(['Boris Smirnov is online', 'Anna Petrova is online']);
  });

  it('gives the same transition the same id in any run, and another transition another id', async () => {
    const run = async (since: number) => {
      const { poll, alerts, clock } = setup();
      poll([offline(1, since), offline(2)]);
      poll([online(1), online(2)]);
      await clock.advance(10_000);
      return alerts[0]?.id;
    };
    const a = await run(OFFLINE_SINCE);
    expect(a).toMatch(/^on-[0-9a-z]+$/);
    expect(await run(OFFLINE_SINCE)).toBe(a);
    expect(await run(OFFLINE_SINCE - 1)).not.toBe(a);
  });

  it('keeps the ledger to people still known, so it stays bounded', async () => {
    const ledger = new InMemoryLedger();
    const { poll, clock } = setup({ ledger });
    poll([offline(1), offline(2)]);
    poll([online(1), online(2)]);
    await clock.advance(10_000);
    expect(Object.keys(ledger.data).sort()).toEqual(['1', '2']);
    poll([online(2)]);
    expect(Object.keys(ledger.data)).toEqual(['2']);
  });

  it('starts with an empty ledger when the stored one is unreadable or malformed', async () => {
    const broken: AlertLedgerPort = {
      load: () => {
        throw new Error('disk says no');
      },
      save: () => undefined,
    };
    const odd = new InMemoryLedger();
    odd.data = { nope: 'x', '1': 42 as unknown as string };
    for (const ledger of [broken, odd]) {
      const alerts: AlertIntent[] = [];
      const clock = new ManualClock();
      const policy = new AlertPolicy({
        clock,
        getSettings: () => ({
          alerts: { ...DEFAULT_SETTINGS.alerts, burstWindowSec: 0 },
          rules: {},
        }),
        ledger,
        emit: (alert) => alerts.push(alert),
      });
      policy.baseline([offline(1)]);
      policy.observe(
        [{ userId: 1, name: 'Anna Petrova', from: 'offline', to: 'online', at: clock.now() }],
        new Map([[1, online(1)]]),
      );
      expect(titles(alerts)).toEqual(['Anna Petrova is online']);
    }
  });

  it('reports a failed ledger save and keeps alerting', () => {
    const errors: unknown[] = [];
    const alerts: AlertIntent[] = [];
    const policy = new AlertPolicy({
      clock: new ManualClock(),
      getSettings: () => ({ alerts: { ...DEFAULT_SETTINGS.alerts, burstWindowSec: 0 }, rules: {} }),
      ledger: {
        load: () => ({}),
        save: () => {
          throw new Error('read-only disk');
        },
      },
      emit: (alert) => alerts.push(alert),
      onLedgerError: (error) => errors.push(error),
    });
    policy.baseline([offline(1)]);
    policy.observe(
      [{ userId: 1, name: 'Anna Petrova', from: 'offline', to: 'online', at: 0 }],
      new Map([[1, online(1)]]),
    );
    expect(alerts).toHaveLength(1);
    expect(errors).toEqual([new Error('read-only disk')]);
  });
});
