import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from '../reliability/support/harness.js';
import type { ManualClock } from '../../electron/core/clock.js';
import { ACCESSIBILITY_METHOD } from '../../electron/core/bitrix/calendar.js';
import {
  calendarAt,
  type CalendarBlock,
  type CalendarMoment,
} from '../../electron/shared/calendar.js';
import type { Colleague } from '../../electron/shared/domain.js';
import type {
  DemoBusyBlock,
  DemoBusyView,
  DemoCalendarRole,
  DemoDateFormat,
  DemoScope,
} from '../../electron/demo/types.js';
import { fetchWindow } from '../../electron/demo/oracle.js';
import { portalDateStart } from '../../electron/demo/portal-time.js';

/**
 * The app's calendars against the demo portal as an independent oracle (issue 19): the demo keeps
 * each person's entries as stored instants and says, with its own code, what they mean at a
 * moment; the app only sees `calendar.accessibility.get` and `user.get` answers in the portal's
 * site date format. The real pipeline over loopback HTTP, one ManualClock for both.
 */
const POLL_MS = 30_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const DATE_FORMATS: readonly DemoDateFormat[] = ['DD.MM.YYYY HH:MI:SS', 'MM/DD/YYYY H:MI:SS T'];
/** The demo anchors its roles to its start rounded down to this (README, "Calendars and time zones"). */
const ROLE_GRID_MS = 5 * MINUTE_MS;
/** The demo portal's own zone, Europe/Moscow, has no daylight saving. */

/**
 * When the app last received each person's calendar: the moment its `calendar.accessibility.get`
 * command was sent and answered without an error (the clock does not move during loopback I/O).
 * The oracle needs it because a fetch sees only the portal's yesterday..tomorrow of that moment.
 */
function recordCalendarFetches(h: Harness): Map<number, Fetched> {
  const fetchedAt = new Map<number, Fetched>();
  const batch = h.client.batch.bind(h.client);
  h.client.batch = async (commands, opts) => {
    const at = h.clock.now();
    const answer = await batch(commands, opts);
    for (const [key, command] of Object.entries(commands)) {
      if (command.method !== ACCESSIBILITY_METHOD || !answer.results.has(key)) continue;
      const asked = { from: String(command.params?.['from']), to: String(command.params?.['to']) };
      for (const id of command.params?.['users'] as readonly number[])
        fetchedAt.set(id, { at, asked });
    }
    return answer;
  };
  return fetchedAt;
}

/** When a person's calendar was last answered, and the days that request asked for. */
interface Fetched {
  readonly at: number;
  readonly asked: { readonly from: string; readonly to: string };
}

/**
 * A harness whose engine starts only once the fetch recorder is in place, after the clock moved
 * on by `skipMs(clock)` (the demo's anchored roles stay at its own start).
 */
async function startRecorded(
  options: HarnessOptions,
  skipMs: (clock: ManualClock) => number = () => 0,
): Promise<{ h: Harness; fetchedAt: Map<number, Fetched> }> {
  const h = await startHarness({ ...options, start: false });
  const fetchedAt = recordCalendarFetches(h);
  await h.clock.advance(skipMs(h.clock));
  h.engine.start();
  return { h, fetchedAt };
}

type Block = CalendarBlock | DemoBusyBlock;

function describeBlock(block: Block | null, origin: number): string {
  if (!block) return 'none';
  return `${block.kind} ${(block.from - origin) / MINUTE_MS}..${(block.until - origin) / MINUTE_MS} min`;
}

function sameBlock(app: CalendarBlock | null, oracle: DemoBusyBlock | null): boolean {
  if (!app || !oracle) return app === oracle;
  return app.kind === oracle.kind && app.from === oracle.from && app.until === oracle.until;
}

function sameView(app: CalendarMoment, oracle: DemoBusyView): boolean {
  return sameBlock(app.now, oracle.now) && sameBlock(app.next, oracle.next);
}

interface Tally {
  refreshes: number;
  /** people × moments compared */
  comparisons: number;
  /** of which the app showed a block covering the moment */
  busy: number;
  /** people whose calendar the app did not know (or never fetched) at a refresh */
  unknown: number;
  /** moments whose `next` blocks disagreed beyond what the app's fetch is sure to cover (not compared) */
  beyondHorizon: number;
  readonly kindsSeen: Set<string>;
  readonly mismatches: string[];
}

function summary(t: Tally): string {
  return (
    `${t.refreshes} refreshes compared, ${t.comparisons} people×moments (${t.busy} busy), ` +
    `${t.unknown} unknown, ${t.beyondHorizon} next blocks differing beyond the horizon, ${t.mismatches.length} mismatches`
  );
}

/**
 * At every refresh, for every colleague: `calendarAt(colleague.calendar, at)` (what the panel and
 * the CLI show) against the oracle's view of a fetch at the moment the app last fetched that
 * person. With `nextHorizonMs`, a `next` block starting later than that after the moment is not
 * compared (counted instead): see the night test.
 */
function compareAtEveryRefresh(
  h: Harness,
  fetchedAt: ReadonlyMap<number, Fetched>,
  options: { readonly nextHorizonMs?: number } = {},
): Tally {
  const tally: Tally = {
    refreshes: 0,
    comparisons: 0,
    busy: 0,
    unknown: 0,
    beyondHorizon: 0,
    kindsSeen: new Set(),
    mismatches: [],
  };
  const dayStart = h.clock.now();
  h.engine.on('refreshed', (report) => {
    tally.refreshes += 1;
    const at = report.at;
    for (const colleague of h.engine.snapshot!.colleagues) {
      const fetched = fetchedAt.get(colleague.id);
      if (colleague.calendar === null || fetched === undefined) {
        tally.unknown += 1;
        continue;
      }
      // The request covered the portal's own yesterday..tomorrow of its moment (the server reads the
      // dates asked for as its days, and no REST method tells its zone).
      const needed = fetchWindow(fetched.at);
      if (
        portalDateStart(fetched.asked.from) > needed.from ||
        portalDateStart(fetched.asked.to) + DAY_MS < needed.until
      ) {
        tally.mismatches.push(
          `${colleague.id}: asked ${fetched.asked.from}..${fetched.asked.to}, short of the portal's yesterday..tomorrow`,
        );
      }
      const app = calendarAt(colleague.calendar, at);
      const oracle = h.portal.control.expectedCalendar(colleague.id, at, { asked: fetched.asked });
      tally.comparisons += 1;
      if (app.now) {
        tally.busy += 1;
        tally.kindsSeen.add(app.now.kind);
      }
      const horizon = options.nextHorizonMs === undefined ? Infinity : at + options.nextHorizonMs;
      const beyond = (block: Block | null): boolean => block !== null && block.from >= horizon;
      const skipNext = beyond(app.next) || beyond(oracle?.next ?? null);
      if (skipNext && !sameBlock(app.next, oracle?.next ?? null)) tally.beyondHorizon += 1;
      const agree =
        oracle !== null &&
        sameBlock(app.now, oracle.now) &&
        (skipNext || sameBlock(app.next, oracle.next));
      if (!agree) {
        tally.mismatches.push(
          `${colleague.id} at +${(at - dayStart) / MINUTE_MS} min (fetched ${(fetched.at - at) / MINUTE_MS} min, ${fetched.asked.from}..${fetched.asked.to}): ` +
            `app now ${describeBlock(app.now, at)} next ${describeBlock(app.next, at)}; ` +
            `oracle now ${describeBlock(oracle?.now ?? null, at)} next ${describeBlock(oracle?.next ?? null, at)}`,
        );
      }
    }
  });
  return tally;
}

function colleagueOf(h: Harness, id: number): Colleague {
  const colleague = h.engine.snapshot?.colleagues.find((c) => c.id === id);
  if (!colleague) throw new Error(`colleague ${id} not in the snapshot`);
  return colleague;
}

/** The demo's zone for a person as the app should show it: '' (the portal's default) is "not known". */
function demoZone(h: Harness, id: number): string | null {
  const zone = h.portal.control.timeZone(id);
  return zone === '' ? null : zone;
}

describe('calendars: the app shows what the portal stores, in both site date formats', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.stop();
    h = null;
  });

  it.each(DATE_FORMATS)(
    '%s: every person at every refresh over a simulated working day',
    async (dateFormat) => {
      const started = await startRecorded({
        portal: { teamSize: 30, evolve: true, seed: 19, officeHoursNow: true, dateFormat },
      });
      h = started.h;
      const { clock, engine, portal } = h;
      const tally = compareAtEveryRefresh(h, started.fetchedAt);
      await clock.advance(0);
      for (let poll = 0; poll < (10 * HOUR_MS) / POLL_MS; poll++) await clock.advance(POLL_MS);

      console.info(`calendar truth, working day (${dateFormat}): ${summary(tally)}`);
      expect(tally.mismatches.slice(0, 5)).toEqual([]);
      expect(tally.mismatches).toHaveLength(0);
      // Everyone known from the first refresh on (it fetches everybody once), all day long.
      expect(tally.unknown).toBe(0);
      expect(tally.refreshes).toBeGreaterThanOrEqual((10 * HOUR_MS) / POLL_MS);
      expect(tally.comparisons).toBe(tally.refreshes * portal.control.teamIds().length);
      // A day that exercised every kind, and that people were busy a fair share of it.
      expect([...tally.kindsSeen].sort()).toEqual(['meeting', 'out-of-office', 'tentative']);
      expect(tally.busy).toBeGreaterThan(tally.comparisons / 20);
      // Calendars rode in the refresh's batch all day: still one request per refresh.
      expect(h.refreshes.slice(1).every((refresh) => refresh.requests === 1)).toBe(true);
      expect(engine.health.state).toBe('ok');
      expect(engine.reports).toMatchObject({ calendar: true, timeZones: true });

      // Time zones: each colleague's IANA zone as the demo stores it, null for the portal default.
      const zones = new Set<string>();
      for (const colleague of engine.snapshot!.colleagues) {
        expect(colleague.timeZone, `time zone of ${colleague.id}`).toBe(demoZone(h, colleague.id));
        if (colleague.timeZone) zones.add(colleague.timeZone);
      }
      expect([...zones].sort()).toEqual([
        'America/New_York',
        'Asia/Tokyo',
        'Europe/Berlin',
        'Europe/Moscow',
      ]);
    },
    60_000,
  );

  /*
   * The app cannot know the server's zone, and the server reads the dates it is asked for as its
   * own (Moscow, UTC+3 all year) days. From 21:00 to 24:00 UTC, Moscow's date is already the next
   * one: with plain UTC days the app's window ended 3 h short of Moscow's tomorrow, and on a
   * Saturday night (UTC) Monday's meetings, Moscow's tomorrow, were missing from "next". The app
   * now asks for dates that cover any server's yesterday..tomorrow: "now" and "next" both agree.
   */
  it.each(DATE_FORMATS)(
    "%s: across the portal's midnight, Saturday night",
    async (dateFormat) => {
      const started = await startRecorded(
        { portal: { teamSize: 30, evolve: true, seed: 19, officeHoursNow: true, dateFormat } },
        (clock) => {
          const start = clock.now();
          const utcDayStart = start - (start % DAY_MS);
          const saturday = 6;
          let evening =
            utcDayStart +
            ((saturday - new Date(start).getUTCDay() + 7) % 7) * DAY_MS +
            20 * HOUR_MS;
          if (evening <= start) evening += 7 * DAY_MS;
          return evening - start;
        },
      );
      h = started.h;
      const tally = compareAtEveryRefresh(h, started.fetchedAt);
      await h.clock.advance(0);
      for (let poll = 0; poll < (3 * HOUR_MS) / POLL_MS; poll++) await h.clock.advance(POLL_MS);
      console.info(
        `calendar truth, Saturday night 20:00–23:00 UTC (${dateFormat}): ${summary(tally)}`,
      );
      expect(tally.mismatches.slice(0, 5)).toEqual([]);
      expect(tally.unknown).toBe(0);
      expect(tally.comparisons).toBe(tally.refreshes * h.portal.control.teamIds().length);
      expect(h.engine.health.state).toBe('ok');
    },
    30_000,
  );

  it.each(DATE_FORMATS)(
    '%s: each anchored role as the app shows it at the start',
    async (dateFormat) => {
      ({ h } = await startRecorded({
        portal: { teamSize: 20, evolve: false, seed: 7, dateFormat },
      }));
      const { clock, portal } = h;
      // The demo repeats its roles daily from its start S, on a 5-minute grid.
      const s = Math.floor(clock.now() / ROLE_GRID_MS) * ROLE_GRID_MS;
      await clock.advance(0);
      expect(h.refreshes.length).toBeGreaterThan(0);
      const at = clock.now();
      const roles = portal.control.calendarRoles();
      const shown = (role: DemoCalendarRole): CalendarMoment => {
        const id = roles[role];
        if (id === undefined) throw new Error(`no one plays ${role}`);
        return calendarAt(colleagueOf(h!, id).calendar, at);
      };
      const block = (
        kind: CalendarBlock['kind'],
        fromMin: number,
        untilMin: number,
      ): CalendarBlock => ({
        kind,
        from: s + fromMin * MINUTE_MS,
        until: s + untilMin * MINUTE_MS,
      });
      // The timed roles, straight from the demo's README (not from its oracle).
      // Each repeats daily, so the next block is tomorrow's (the fetch covers tomorrow).
      const daily = (
        kind: CalendarBlock['kind'],
        fromMin: number,
        untilMin: number,
      ): CalendarMoment => ({
        now: block(kind, fromMin, untilMin),
        next: block(kind, fromMin + DAY_MS / MINUTE_MS, untilMin + DAY_MS / MINUTE_MS),
      });
      expect(shown('meeting-now')).toEqual(daily('meeting', -15, 30));
      expect(shown('back-to-back')).toEqual(daily('meeting', -20, 40));
      expect(shown('overlapping')).toEqual(daily('meeting', -30, 50));
      expect(shown('tentative-now')).toEqual(daily('tentative', -5, 25));
      expect(shown('meeting-soon')).toEqual({ now: null, next: block('meeting', 20, 50) });
      // All day over S's day and the next: busy now, free again within two days.
      const allDay = shown('all-day');
      expect(allDay.now?.kind).toBe('meeting');
      expect(allDay.now!.until - allDay.now!.from).toBeGreaterThanOrEqual(2 * DAY_MS - HOUR_MS);
      expect(allDay.now!.until - allDay.now!.from).toBeLessThanOrEqual(2 * DAY_MS + HOUR_MS);
      expect(allDay.now!.until - s).toBeGreaterThan(DAY_MS);
      expect(allDay.now!.until - s).toBeLessThanOrEqual(2 * DAY_MS);
      // A business trip in the absence chart, from the day before through 3 days after: out of office.
      const trip = shown('business-trip');
      expect(trip.now?.kind).toBe('out-of-office');
      expect(s - trip.now!.from).toBeGreaterThan(DAY_MS);
      expect(s - trip.now!.from).toBeLessThanOrEqual(2 * DAY_MS);
      expect(trip.now!.until - s).toBeGreaterThan(3 * DAY_MS);
      expect(trip.now!.until - s).toBeLessThanOrEqual(4 * DAY_MS);
      // A business trip is not a leave.
      expect(colleagueOf(h, roles['business-trip']!).absentUntil).toBeNull();
      // And the oracle agrees with the app on every role, to the millisecond.
      for (const [role, id] of Object.entries(roles)) {
        const oracle = portal.control.expectedCalendar(id, at)!;
        expect(sameView(shown(role as DemoCalendarRole), oracle), role).toBe(true);
      }
    },
  );
});

describe('a webhook without the calendar or user_brief scope', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.stop();
    h = null;
  });

  it.each([
    ['calendar', ['im', 'user_brief']],
    ['user_brief', ['im', 'calendar']],
    ['both', ['im']],
  ] as const)(
    'without %s: presence as before, no calendar or zone, no error',
    async (_missing, scopes: readonly DemoScope[]) => {
      h = await startHarness({
        portal: { teamSize: 30, evolve: true, seed: 5, officeHoursNow: true, scopes },
      });
      const { clock, engine, portal, settings } = h;
      const mismatches: string[] = [];
      engine.on('refreshed', (report) => {
        for (const colleague of engine.snapshot!.colleagues) {
          const expected = portal.control.expected(colleague.id, report.at, {
            onlineLimitS: settings.onlineLimitSec,
          });
          if (expected?.presence !== colleague.presence)
            mismatches.push(`${colleague.id} ${colleague.presence} ≠ ${expected?.presence}`);
        }
      });
      await clock.advance(0);
      for (let poll = 0; poll < 80; poll++) await clock.advance(POLL_MS);
      const hasCalendar = scopes.includes('calendar');
      const hasZones = scopes.includes('user_brief');

      // Presence as ever: the same colleagues, the messenger's view, one request per refresh.
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(engine.snapshot!.colleagues.map((c) => c.id).sort((a, b) => a - b)).toEqual(
        portal.control.teamIds().sort((a, b) => a - b),
      );
      expect(h.healths.map((health) => health.state).filter((state) => state !== 'ok')).toEqual([]);
      expect(engine.health.state).toBe('ok');
      expect(h.refreshes.slice(1).every((refresh) => refresh.requests === 1)).toBe(true);
      // What the webhook cannot read is off, and nothing stands in for it.
      expect(engine.reports).toMatchObject({ calendar: hasCalendar, timeZones: hasZones });
      for (const colleague of engine.snapshot!.colleagues) {
        if (!hasCalendar) expect(colleague.calendar).toBeNull();
        else expect(colleague.calendar).not.toBeNull();
        expect(colleague.timeZone).toBe(hasZones ? demoZone(h, colleague.id) : null);
      }
    },
    30_000,
  );
});

describe('the calendar command failing alone', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.stop();
    h = null;
  });

  it('keeps presence fresh and health ok; calendars are kept a while, then unknown, then back', async () => {
    const started = await startRecorded({
      portal: { teamSize: 30, evolve: true, seed: 8, officeHoursNow: true },
    });
    h = started.h;
    const { clock, engine, portal, settings } = h;
    await clock.advance(0);
    await clock.advance(POLL_MS);
    const mover = portal.control.teamIds()[0]!;
    expect(colleagueOf(h, mover).calendar).not.toBeNull();

    portal.control.injectFault({
      kind: 'server-error',
      method: ACCESSIBILITY_METHOD,
      count: Infinity,
    });
    const faultAt = clock.now();
    const mismatches: string[] = [];
    engine.on('refreshed', (report) => {
      for (const colleague of engine.snapshot!.colleagues) {
        const expected = portal.control.expected(colleague.id, report.at, {
          onlineLimitS: settings.onlineLimitSec,
        });
        if (expected?.presence !== colleague.presence)
          mismatches.push(`${colleague.id} ${colleague.presence} ≠ ${expected?.presence}`);
      }
    });
    const patchesBefore = h.patches.length;
    // Mid-fault, someone goes offline: the app must see it at its next refresh.
    for (let poll = 0; poll < 10; poll++) await clock.advance(POLL_MS);
    portal.control.updatePerson(mover, { presence: 'offline' });
    await clock.advance(POLL_MS);
    expect(colleagueOf(h, mover).presence).toBe('offline');
    // The portal did get calendar commands during the fault (and failed each of them).
    const failedCalendar = portal.control.requestLog.filter(
      (entry) => entry.at > faultAt && entry.commands.includes(ACCESSIBILITY_METHOD),
    );
    expect(failedCalendar.length).toBeGreaterThan(0);
    // The last blocks are still shown for a while.
    expect(colleagueOf(h, mover).calendar).not.toBeNull();
    for (let poll = 0; poll < 60; poll++) await clock.advance(POLL_MS);

    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(h.patches.length).toBeGreaterThan(patchesBefore);
    expect(h.healths.map((health) => health.state).filter((state) => state !== 'ok')).toEqual([]);
    expect(engine.health.state).toBe('ok');
    expect(engine.health.lastSuccessAt).toBeGreaterThanOrEqual(clock.now() - 2 * POLL_MS);
    // Over half an hour without an answer: not known any more (never a stale "in a meeting").
    expect(engine.snapshot!.colleagues.every((c) => c.calendar === null)).toBe(true);
    // Time zones came from their own command all along.
    expect(engine.reports.timeZones).toBe(true);

    portal.control.clearFaults();
    for (let poll = 0; poll < 12; poll++) await clock.advance(POLL_MS);
    expect(engine.snapshot!.colleagues.every((c) => c.calendar !== null)).toBe(true);
    for (const colleague of engine.snapshot!.colleagues) {
      const oracle = portal.control.expectedCalendar(colleague.id, clock.now(), {
        asked: started.fetchedAt.get(colleague.id)!.asked,
      })!;
      expect(
        sameView(calendarAt(colleague.calendar, clock.now()), oracle),
        `calendar of ${colleague.id}`,
      ).toBe(true);
    }
  }, 30_000);

  it('OPERATION_TIME_LIMIT on it, again and again: calendar asks grow apart, presence unaffected', async () => {
    // A team large enough that its calendars ride in every refresh's batch (a 200-id command per
    // 30 s poll), so that a pause shows as missing commands and not as the rotation's own rhythm.
    h = await startHarness({ portal: { teamSize: 2_000, evolve: false, seed: 9 } });
    const { clock, engine, portal } = h;
    const calendarRequests = (): number[] =>
      portal.control.requestLog
        .filter((entry) => entry.commands.includes(ACCESSIBILITY_METHOD))
        .map((entry) => entry.at);
    await clock.advance(0);
    for (let poll = 0; poll < 4; poll++) await clock.advance(POLL_MS);
    expect(
      calendarRequests().filter((at) => at > clock.now() - 3 * POLL_MS).length,
    ).toBeGreaterThanOrEqual(3);

    // A 429 inside a batch carries no reset time: the wait must grow instead (backoff.ts).
    const faultAt = clock.now();
    portal.control.injectFault({
      kind: 'operation-limit',
      method: ACCESSIBILITY_METHOD,
      count: Infinity,
    });
    for (let poll = 0; poll < 20; poll++) await clock.advance(POLL_MS);
    const limited = calendarRequests().filter((at) => at > faultAt);
    console.info(
      `calendar asks during 10 min of OPERATION_TIME_LIMIT: ${limited.length} (${h.refreshes.filter((r) => r.at > faultAt).length} refreshes)`,
    );
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.length).toBeLessThanOrEqual(6);
    // Presence refreshes went on meanwhile, healthy.
    expect(h.healths.map((health) => health.state).filter((state) => state !== 'ok')).toEqual([]);
    expect(engine.health.state).toBe('ok');
    expect(engine.reports.calendar).toBe(true);

    // Once the budget is back, the first answer ends the pauses: every refresh carries calendars again.
    portal.control.clearFaults();
    for (let poll = 0; poll < 12; poll++) await clock.advance(POLL_MS);
    const recovered = clock.now();
    for (let poll = 0; poll < 4; poll++) await clock.advance(POLL_MS);
    expect(calendarRequests().filter((at) => at > recovered).length).toBeGreaterThanOrEqual(3);
  }, 30_000);
});
