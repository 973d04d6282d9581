import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CREDENTIAL } from '../../../../support/credential.js';
import {
  chartRecord,
  timedEntry,
  type Accessibility,
} from '../../../../support/calendar-answers.js';
import { ManualClock } from '../../../../../electron/core/clock.js';
import { B24Client } from '../../../../../electron/core/bitrix/client.js';
import { PresenceEngine, type RefreshSummary } from '../../../../../electron/core/engine/engine.js';
import { createBitrixSource } from '../../../../../electron/core/engine/presence-source.js';
import {
  CALENDAR_KEPT_MS,
  CALENDAR_PERIOD_MS,
  UNAVAILABLE_RETRY_MS,
} from '../../../../../electron/core/engine/calendar-checks.js';
import {
  ACCESSIBILITY_METHOD,
  CALENDAR_CHUNK,
  USER_GET_METHOD,
} from '../../../../../electron/core/bitrix/calendar.js';
import type { Colleague, Patch, PortalReports } from '../../../../../electron/shared/domain.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../../electron/shared/settings/schema.js';
import {
  colleaguesHandler,
  fakePortal,
  type HandlerAnswer,
  type Params,
} from '../../../../support/fake-portal.js';

/**
 * The engine asking calendars and time zones through the real client and batch (team.ts) from a
 * fake portal: what each colleague gets, how often each is asked, and that failures of those
 * commands touch the calendar alone. Entries are non-recurring and chart records only (read from
 * their timestamps), which any parser reads the same way.
 */
const credential = TEST_CREDENTIAL;
const INTERVAL_MS = DEFAULT_SETTINGS.pollIntervalSec * 1000;
const MINUTE = 60_000;

type Failure = { error: string; status: number; time?: Record<string, unknown> } | null;

function portalWith(size: number, clock: ManualClock) {
  // Offline for days: presence stays put, so only the calendar can change a colleague.
  const people = Array.from({ length: size }, (_, index) => ({
    id: 100 + index,
    name: `P${index}`,
    last_activity_date: new Date(clock.now() - 2 * 86_400_000).toISOString(),
  }));
  /** Calendar entries per user id, as the portal would send them. */
  const entries = new Map<number, Record<string, unknown>[]>();
  const zones = new Map<number, string>();
  const asked = {
    calendar: [] as number[][],
    zones: [] as number[][],
    ranges: [] as [unknown, unknown][],
  };
  const failures: { calendar: Failure; zones: Failure } = { calendar: null, zones: null };
  const idsOf = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : []);
  const fail = (failure: NonNullable<Failure>): HandlerAnswer => ({
    error: failure.error,
    status: failure.status,
    ...(failure.time ? { time: failure.time } : {}),
  });
  const portal = fakePortal({
    'im.department.colleagues.list': colleaguesHandler(() => people),
    [ACCESSIBILITY_METHOD]: (params: Params) => {
      const ids = idsOf(params.users);
      asked.calendar.push(ids);
      asked.ranges.push([params.from, params.to]);
      if (failures.calendar) return fail(failures.calendar);
      return { result: Object.fromEntries(ids.map((id) => [String(id), entries.get(id) ?? []])) };
    },
    [USER_GET_METHOD]: (params: Params) => {
      const ids = idsOf((params.FILTER as Params | undefined)?.ID);
      asked.zones.push(ids);
      if (failures.zones) return fail(failures.zones);
      return { result: ids.map((id) => ({ ID: String(id), TIME_ZONE: zones.get(id) ?? '' })) };
    },
  });
  return { portal, people, entries, zones, asked, failures };
}

// Entries as a Moscow portal writes them (DD.MM.YYYY HH:MI:SS), so the real parser reads them.
function meeting(
  id: number,
  from: number,
  until: number,
  accessibility: Accessibility = 'busy',
): Record<string, unknown> {
  return timedEntry({ id, from, until, zone: 'Europe/Moscow', format: 'DMY24', accessibility });
}
function chartAbsence(id: number, from: number, until: number): Record<string, unknown> {
  return {
    ...chartRecord({ from, last: until, zone: 'Europe/Moscow', format: 'DMY24', dayOnly: false }),
    ID: String(id),
  };
}

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

function setup(size: number) {
  const clock = new ManualClock();
  const fake = portalWith(size, clock);
  const client = new B24Client({
    credential,
    fetch: fake.portal.fetch,
    clock,
    rateLimit: { drainPerSecond: 1000, capacity: 10_000 },
  });
  const settings: Settings = DEFAULT_SETTINGS;
  const engine = new PresenceEngine({
    source: createBitrixSource(client),
    clock,
    getSettings: () => settings,
    alertLedger: { load: () => ({}), save: () => undefined },
    locale: () => 'en',
    random: () => 0.5,
  });
  const refreshes: RefreshSummary[] = [];
  const patches: Patch[] = [];
  const reports: PortalReports[] = [];
  engine.on('refreshed', (report) => refreshes.push(report));
  engine.on('patch', (patch) => patches.push(patch));
  engine.on('reports', (next) => reports.push(next));
  stop = () => engine.stop();
  const person = (id: number): Colleague => engine.snapshot!.colleagues.find((c) => c.id === id)!;
  return { clock, engine, refreshes, patches, reports, person, ...fake };
}

describe('calendars and time zones in the refresh', () => {
  it('gives each colleague merged blocks and a checked zone after the first refresh, then one request per refresh', async () => {
    const h = setup(40);
    const t = h.clock.now();
    h.entries.set(100, [
      meeting(1, t + 10 * MINUTE, t + 40 * MINUTE),
      meeting(2, t + 40 * MINUTE, t + 70 * MINUTE, 'quest'),
    ]);
    h.entries.set(101, [chartAbsence(3, t - 86_400_000, t + 5 * 86_400_000)]);
    h.zones.set(100, 'Asia/Tokyo');
    h.zones.set(101, 'Mars/Olympus');
    h.zones.set(102, 'europe/moscow');
    h.engine.start();
    await h.clock.advance(0);

    expect(h.person(100).calendar).toEqual([
      { kind: 'meeting', from: t + 10 * MINUTE, until: t + 70 * MINUTE },
    ]);
    expect(h.person(101).calendar).toEqual([
      { kind: 'out-of-office', from: t - 86_400_000, until: t + 5 * 86_400_000 },
    ]);
    expect(h.person(102).calendar).toEqual([]);
    expect(h.person(100).presence).toBe('offline');
    expect([
      h.person(100).timeZone,
      h.person(101).timeZone,
      h.person(102).timeZone,
      h.person(103).timeZone,
    ]).toEqual(['Asia/Tokyo', null, 'Europe/Moscow', null]);
    expect(h.engine.reports).toMatchObject({ calendar: true, timeZones: true });
    expect(h.reports.at(-1)).toMatchObject({ calendar: true, timeZones: true });
    // Yesterday..tomorrow as whole days.
    // The UTC dates of the server's yesterday in the far west (UTC-12) and its tomorrow in the far east (UTC+14).
    const utcDate = (at: number) => new Date(at).toISOString().slice(0, 10);
    expect(h.asked.ranges[0]).toEqual([utcDate(t - 36 * 3_600_000), utcDate(t + 38 * 3_600_000)]);
    // The first refresh knew nobody to ask beforehand: one more batch, once.
    expect(h.refreshes[0]!.requests).toBe(2);

    for (let i = 0; i < 30; i++) await h.clock.advance(INTERVAL_MS);
    expect(h.refreshes.slice(1).every((r) => r.requests === 1)).toBe(true);
    expect(h.engine.health.state).toBe('ok');
  });

  it('asks everyone again within one period, so a new meeting shows up in time', async () => {
    const h = setup(40);
    h.engine.start();
    await h.clock.advance(0);
    const booked = h.clock.now();
    h.entries.set(120, [meeting(9, booked + 30 * MINUTE, booked + 60 * MINUTE)]);
    while (h.person(120).calendar?.length !== 1 && h.clock.now() - booked < 2 * CALENDAR_PERIOD_MS)
      await h.clock.advance(INTERVAL_MS);
    expect(h.person(120).calendar).toEqual([
      { kind: 'meeting', from: booked + 30 * MINUTE, until: booked + 60 * MINUTE },
    ]);
    expect(h.clock.now() - booked).toBeLessThanOrEqual(CALENDAR_PERIOD_MS + INTERVAL_MS);
  });

  it('hands back the same colleague when the calendar answer did not change, so nothing is patched', async () => {
    const h = setup(10);
    const t = h.clock.now();
    h.entries.set(100, [meeting(1, t + 3 * 3_600_000, t + 4 * 3_600_000)]);
    h.engine.start();
    await h.clock.advance(0);
    const before = h.person(100);
    for (let i = 0; i < 12; i++) await h.clock.advance(INTERVAL_MS);
    expect(h.asked.calendar.length).toBeGreaterThan(1);
    expect(h.person(100)).toBe(before);
    expect(h.patches.filter((p) => p.changed.some((c) => 'calendar' in c.fields))).toEqual([]);
  });

  it('stays within one request per refresh up to 2,400 people, and about 1.1 at 2,500', async () => {
    for (const [size, most] of [
      [2400, 1],
      [2500, 1.1],
    ] as const) {
      const h = setup(size);
      h.engine.start();
      await h.clock.advance(0);
      const lastAsked = new Map<number, number>();
      let worstWait = 0;
      const record = (from: number) => {
        for (const ids of h.asked.calendar.slice(from))
          for (const id of ids) lastAsked.set(id, h.clock.now());
      };
      record(0);
      for (let i = 0; i < 120; i++) {
        const seen = h.asked.calendar.length;
        await h.clock.advance(INTERVAL_MS);
        record(seen);
        for (const at of lastAsked.values()) worstWait = Math.max(worstWait, h.clock.now() - at);
      }
      const steady = h.refreshes.slice(1);
      const mean = steady.reduce((sum, r) => sum + r.requests, 0) / steady.length;
      expect(mean, `${size} people`).toBeLessThanOrEqual(most);
      expect(Math.max(...h.asked.calendar.map((ids) => ids.length))).toBeLessThanOrEqual(
        CALENDAR_CHUNK,
      );
      expect(worstWait, `${size} people`).toBeLessThanOrEqual(7 * MINUTE);
      expect(lastAsked.size).toBe(size);
      await h.engine.stop();
    }
  }, 120_000);

  it('without the calendar scope: presence as usual, no calendar, and asked again only an hour later', async () => {
    const h = setup(10);
    h.failures.calendar = { error: 'insufficient_scope', status: 403 };
    h.engine.start();
    await h.clock.advance(0);
    expect(h.engine.health.state).toBe('ok');
    expect(h.person(100).calendar).toBeNull();
    expect(h.engine.reports).toMatchObject({ calendar: false, timeZones: true });
    const asked = h.asked.calendar.length;
    for (let i = 0; i < 100; i++) await h.clock.advance(INTERVAL_MS);
    expect(h.asked.calendar.length).toBe(asked);
    expect(h.refreshes.every((r) => r.requests <= 2)).toBe(true);
    await h.clock.advance(UNAVAILABLE_RETRY_MS - 100 * INTERVAL_MS + INTERVAL_MS);
    expect(h.asked.calendar.length).toBeGreaterThan(asked);
  });

  it('a scope taken away forgets what was known and says so', async () => {
    const h = setup(10);
    const t = h.clock.now();
    h.entries.set(100, [meeting(1, t + MINUTE, t + 2 * MINUTE)]);
    h.zones.set(100, 'Asia/Tokyo');
    h.engine.start();
    await h.clock.advance(0);
    expect(h.person(100).calendar).toHaveLength(1);
    expect(h.person(100).timeZone).toBe('Asia/Tokyo');
    h.failures.calendar = { error: 'insufficient_scope', status: 403 };
    h.failures.zones = { error: 'insufficient_scope', status: 403 };
    for (let i = 0; i < 12; i++) await h.clock.advance(INTERVAL_MS);
    expect(h.person(100).calendar).toBeNull();
    expect(h.engine.reports).toMatchObject({ calendar: false, timeZones: true });
    // Zones are asked hourly: the next time tells.
    for (let i = 0; i < 130; i++) await h.clock.advance(INTERVAL_MS);
    expect(h.engine.reports).toMatchObject({ calendar: false, timeZones: false });
    expect(h.person(100).timeZone).toBeNull();
    expect(h.engine.health.state).toBe('ok');
  });

  it('OPERATION_TIME_LIMIT on the calendar pauses it until the reset, keeping the blocks, presence untouched', async () => {
    const h = setup(10);
    const t = h.clock.now();
    h.entries.set(100, [meeting(1, t + 3 * 3_600_000, t + 4 * 3_600_000)]);
    h.engine.start();
    await h.clock.advance(0);
    const resetAt = h.clock.now() + 20 * MINUTE;
    h.failures.calendar = {
      error: 'OPERATION_TIME_LIMIT',
      status: 429,
      time: { operating_reset_at: Math.floor(resetAt / 1000) },
    };
    const before = h.asked.calendar.length;
    while (h.asked.calendar.length === before) await h.clock.advance(INTERVAL_MS);
    const limitedAt = h.clock.now();
    h.failures.calendar = null;
    const afterLimit = h.asked.calendar.length;
    while (h.asked.calendar.length === afterLimit) await h.clock.advance(INTERVAL_MS);
    expect(h.clock.now()).toBeGreaterThanOrEqual(resetAt - 1000);
    expect(h.clock.now() - limitedAt).toBeGreaterThan(10 * MINUTE);
    expect(h.person(100).calendar).toHaveLength(1);
    expect(h.engine.health.state).toBe('ok');
  });

  it('any other calendar error keeps the last blocks until they are too old, and retries at the next turn', async () => {
    const h = setup(10);
    const t = h.clock.now();
    h.entries.set(100, [meeting(1, t + 3 * 3_600_000, t + 4 * 3_600_000)]);
    h.engine.start();
    await h.clock.advance(0);
    h.failures.calendar = { error: 'INTERNAL_SERVER_ERROR', status: 500 };
    const failingFrom = h.clock.now();
    const asked = h.asked.calendar.length;
    for (let i = 0; i < 12; i++) await h.clock.advance(INTERVAL_MS);
    expect(h.asked.calendar.length).toBeGreaterThan(asked); // retried at its next turn
    expect(h.person(100).calendar).toHaveLength(1);
    expect(h.engine.health.state).toBe('ok');
    while (h.clock.now() - failingFrom < CALENDAR_KEPT_MS + INTERVAL_MS)
      await h.clock.advance(INTERVAL_MS);
    expect(h.person(100).calendar).toBeNull();
    expect(h.engine.health.state).toBe('ok');
  });
});
