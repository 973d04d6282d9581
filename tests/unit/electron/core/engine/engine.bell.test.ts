import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CREDENTIAL } from '../../../../support/credential.js';
import { timedEntry } from '../../../../support/calendar-answers.js';
import { ManualClock } from '../../../../../electron/core/clock.js';
import { B24Client } from '../../../../../electron/core/bitrix/client.js';
import { PresenceEngine } from '../../../../../electron/core/engine/engine.js';
import { createBitrixSource } from '../../../../../electron/core/engine/presence-source.js';
import {
  ACCESSIBILITY_METHOD,
  USER_GET_METHOD,
} from '../../../../../electron/core/bitrix/calendar.js';
import type { AlertIntent } from '../../../../../electron/shared/domain.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../../electron/shared/settings/schema.js';
import { colleaguesHandler, fakePortal, type Params } from '../../../../support/fake-portal.js';

/**
 * The bell ("tell me once") waits for a reachable person (issue 19): online is not enough while
 * a meeting covers now. The engine checks at each refresh, so the meeting's end is told by the
 * first refresh after it, with a text that says why now.
 */
const credential = TEST_CREDENTIAL;
const INTERVAL_MS = DEFAULT_SETTINGS.pollIntervalSec * 1000;
const MINUTE = 60_000;

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

function setup(locale: 'en' | 'ru') {
  const clock = new ManualClock();
  // Everyone active half a minute ago at every refresh: online throughout, so only the calendar decides.
  const people = () => [
    {
      id: 100,
      name: 'Anna Petrova',
      gender: 'F',
      last_activity_date: new Date(clock.now() - 30_000).toISOString(),
    },
    {
      id: 101,
      name: 'Boris Ivanov',
      gender: 'M',
      last_activity_date: new Date(clock.now() - 30_000).toISOString(),
    },
  ];
  const entries = new Map<number, Record<string, unknown>[]>();
  const portal = fakePortal({
    'im.department.colleagues.list': colleaguesHandler(people),
    [ACCESSIBILITY_METHOD]: (params: Params) => {
      const ids = (Array.isArray(params.users) ? params.users : []).map(Number);
      return { result: Object.fromEntries(ids.map((id) => [String(id), entries.get(id) ?? []])) };
    },
    [USER_GET_METHOD]: (params: Params) => {
      const ids = (((params.FILTER as Params | undefined)?.ID as unknown[] | undefined) ?? []).map(
        Number,
      );
      return { result: ids.map((id) => ({ ID: String(id), TIME_ZONE: '' })) };
    },
  });
  const client = new B24Client({
    credential,
    fetch: portal.fetch,
    clock,
    rateLimit: { drainPerSecond: 1000, capacity: 10_000 },
  });
  const settings: { current: Settings } = { current: DEFAULT_SETTINGS };
  const engine = new PresenceEngine({
    source: createBitrixSource(client),
    clock,
    getSettings: () => settings.current,
    alertLedger: { load: () => ({}), save: () => undefined },
    locale: () => locale,
    random: () => 0.5,
  });
  const alerts: AlertIntent[] = [];
  const done: (readonly number[])[] = [];
  engine.on('alert', (alert) => alerts.push(alert));
  engine.on('notify-once-done', (ids) => {
    done.push(ids);
    // As the host does: the request is cleared once it fired.
    settings.current = {
      ...settings.current,
      notifyOnce: settings.current.notifyOnce.filter((r) => !ids.includes(r.id)),
    };
  });
  stop = () => engine.stop();
  return { clock, engine, entries, settings, alerts, done };
}

// A Moscow portal's entry (DD.MM.YYYY HH:MI:SS), read by the real parser.
const meeting = (
  id: number,
  from: number,
  until: number,
  accessibility: 'busy' | 'quest' = 'busy',
) => timedEntry({ id, from, until, zone: 'Europe/Moscow', format: 'DMY24', accessibility });

describe('the bell waits out a meeting', () => {
  it('set while the person is online in a meeting, it rings at the first refresh after the meeting, saying so', async () => {
    const h = setup('en');
    const t = h.clock.now();
    // Whole minutes, as calendars hold them.
    const meetingEnd = Math.ceil((t + 20 * MINUTE) / MINUTE) * MINUTE;
    h.entries.set(100, [meeting(1, Math.floor((t - 10 * MINUTE) / MINUTE) * MINUTE, meetingEnd)]);
    h.engine.start();
    await h.clock.advance(0);
    expect(h.engine.snapshot!.colleagues.find((c) => c.id === 100)).toMatchObject({
      presence: 'online',
    });
    h.settings.current = { ...h.settings.current, notifyOnce: [{ id: 100, since: h.clock.now() }] };

    // Online all along, but in the meeting: every refresh before its end stays quiet.
    const refreshes: { at: number; rung: number }[] = [];
    h.engine.on('refreshed', (r) =>
      refreshes.push({ at: r.at, rung: h.alerts.filter((a) => a.kind === 'notify-once').length }),
    );
    while (!refreshes.some((r) => r.at >= meetingEnd)) await h.clock.advance(INTERVAL_MS);
    const quiet = refreshes.filter((r) => r.at < meetingEnd);
    expect(quiet.length).toBeGreaterThan(30);
    expect(quiet.every((r) => r.rung === 0)).toBe(true);

    // The first refresh after the end rings, with the reason.
    const first = refreshes.find((r) => r.at >= meetingEnd)!;
    expect(first.rung).toBe(1);
    const rung = h.alerts.filter((a) => a.kind === 'notify-once');
    expect(rung.map((a) => [a.userIds, a.title, a.at])).toEqual([
      [[100], 'Anna Petrova is free: her meeting ended', first.at],
    ]);
    expect(h.done).toEqual([[100]]);
  });

  it('a tentative invitation does not hold the bell; Russian agrees with gender', async () => {
    const h = setup('ru');
    const t = h.clock.now();
    const minuteAt = (at: number) => Math.floor(at / MINUTE) * MINUTE;
    h.entries.set(100, [meeting(1, minuteAt(t - 10 * MINUTE), minuteAt(t + 3 * MINUTE))]);
    h.entries.set(101, [
      meeting(2, minuteAt(t - 10 * MINUTE), minuteAt(t + 3 * MINUTE)),
      meeting(3, minuteAt(t + 3 * MINUTE), minuteAt(t + 30 * MINUTE), 'quest'),
    ]);
    h.engine.start();
    await h.clock.advance(0);
    h.settings.current = {
      ...h.settings.current,
      notifyOnce: [
        { id: 100, since: h.clock.now() },
        { id: 101, since: h.clock.now() },
      ],
    };
    await h.clock.advance(INTERVAL_MS);
    expect(h.alerts).toEqual([]);
    await h.clock.advance(4 * MINUTE);
    // Boris's meeting ran straight into a tentative one: merged, the block's kind is the meeting's,
    // and he is held until the tentative's end. Anna is free at once.
    const titles = h.alerts.filter((a) => a.kind === 'notify-once').map((a) => a.title);
    expect(titles).toEqual(['Anna Petrova свободна: встреча закончилась']);
  });
});
