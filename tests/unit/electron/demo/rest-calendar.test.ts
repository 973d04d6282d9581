import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../electron/core/clock.js';
import { PortalState } from '../../../../electron/demo/control.js';
import { parseQueryString } from '../../../../electron/demo/params.js';
import { startDemoPortal } from '../../../../electron/demo/portal.js';
import { DEMO_CONTROL_TOKEN_HEADER } from '../../../../electron/demo/control-http.js';
import { RestApi } from '../../../../electron/demo/rest-api.js';
import type {
  DemoCalendarRole,
  DemoDateFormat,
  DemoPortal,
  DemoScope,
} from '../../../../electron/demo/types.js';

/*
 * The demo's calendars read back through a tiny test-side parser (never the app's, never the
 * demo's helpers): dates in the site format as wall time in TZ_FROM, converted with Intl.
 * Every instant comes from a clock started at the real time, so no calendar date is written here.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PORTAL_ZONE = 'Europe/Moscow';
const FORMATS: readonly DemoDateFormat[] = ['DD.MM.YYYY HH:MI:SS', 'MM/DD/YYYY H:MI:SS T'];
const CALENDAR_KEYS = [
  'ID',
  'NAME',
  'DATE_FROM',
  'DATE_TO',
  'DATE_FROM_TS_UTC',
  'DATE_TO_TS_UTC',
  '~USER_OFFSET_FROM',
  '~USER_OFFSET_TO',
  'DT_SKIP_TIME',
  'TZ_FROM',
  'TZ_TO',
  'ACCESSIBILITY',
  'IMPORTANCE',
  'EVENT_TYPE',
];
const CHART_KEYS = [
  'FROM_HR',
  'ID',
  'DT_FROM',
  'DT_TO',
  'ACCESSIBILITY',
  'IMPORTANCE',
  'FROM',
  'TO',
];

type Item = Record<string, unknown>;
interface Wall {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

// ---- the test-side parser ----
function parseSite(text: string, format: DemoDateFormat): { wall: Wall; hasTime: boolean } {
  if (format === 'DD.MM.YYYY HH:MI:SS') {
    const match = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
    if (!match) throw new Error(`not DD.MM.YYYY: ${text}`);
    const [, d, m, y, h, mi, s] = match.map(Number) as number[];
    return {
      wall: { y: y!, m: m!, d: d!, h: h || 0, mi: mi || 0, s: s || 0 },
      hasTime: match[4] !== undefined,
    };
  }
  const match = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}):(\d{2}) (am|pm))?$/.exec(text);
  if (!match) throw new Error(`not MM/DD/YYYY 12-hour: ${text}`);
  const [m, d, y, h, mi, s] = match.slice(1, 7).map(Number) as number[];
  if (match[4] !== undefined && (h! < 1 || h! > 12))
    throw new Error(`12-hour clock out of range: ${text}`);
  const hour = match[4] === undefined ? 0 : (h! % 12) + (match[7] === 'pm' ? 12 : 0);
  return {
    wall: { y: y!, m: m!, d: d!, h: hour, mi: mi || 0, s: s || 0 },
    hasTime: match[4] !== undefined,
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();
function offsetMs(instant: number, zone: string): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]),
  );
  return (
    Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) -
    instant
  );
}

function instantIn(zone: string, wall: Wall): number {
  const utc = Date.UTC(wall.y, wall.m - 1, wall.d, wall.h, wall.mi, wall.s);
  const guess = utc - offsetMs(utc, zone);
  return utc - offsetMs(guess, zone);
}

const nextDay = (wall: Wall): Wall => {
  const date = new Date(Date.UTC(wall.y, wall.m - 1, wall.d + 1));
  return {
    y: date.getUTCFullYear(),
    m: date.getUTCMonth() + 1,
    d: date.getUTCDate(),
    h: 0,
    mi: 0,
    s: 0,
  };
};

/** An answer's item → [from, until) instants and kind, read the way a careful client would. */
function readItem(
  item: Item,
  format: DemoDateFormat,
): { id: string; kind: string; from: number; until: number } {
  const kind =
    { busy: 'meeting', quest: 'tentative', absent: 'out-of-office' }[
      item.ACCESSIBILITY as string
    ] ?? 'unknown';
  if (item.FROM_HR === true) {
    const to = parseSite(item.DT_TO as string, format);
    const from = parseSite(item.DT_FROM as string, format);
    return {
      id: item.ID as string,
      kind,
      from: instantIn(PORTAL_ZONE, from.wall),
      until: to.hasTime
        ? instantIn(PORTAL_ZONE, to.wall)
        : instantIn(PORTAL_ZONE, nextDay(to.wall)),
    };
  }
  const zone = (item.TZ_FROM as string) || PORTAL_ZONE;
  const from = parseSite(item.DATE_FROM as string, format);
  const to = parseSite(item.DATE_TO as string, format);
  if (item.DT_SKIP_TIME === 'Y')
    return {
      id: item.ID as string,
      kind,
      from: instantIn(zone, from.wall),
      until: instantIn(zone, nextDay(to.wall)),
    };
  return {
    id: item.ID as string,
    kind,
    from: instantIn(zone, from.wall),
    until: instantIn((item.TZ_TO as string) || PORTAL_ZONE, to.wall),
  };
}

function merge(
  entries: { kind: string; from: number; until: number }[],
): { kind: string; from: number; until: number }[] {
  const rank = ['out-of-office', 'meeting', 'tentative'];
  const blocks: { kind: string; from: number; until: number }[] = [];
  for (const entry of [...entries].sort((a, b) => a.from - b.from)) {
    const last = blocks.at(-1);
    if (last && entry.from <= last.until) {
      last.until = Math.max(last.until, entry.until);
      if (rank.indexOf(entry.kind) < rank.indexOf(last.kind)) last.kind = entry.kind;
    } else blocks.push({ kind: entry.kind, from: entry.from, until: entry.until });
  }
  return blocks;
}

// ---- set-up ----
/** Moscow calendar day of an instant, `YYYY-MM-DD`, for request parameters. */
function moscowDay(instant: number): string {
  return new Date(instant + 3 * HOUR).toISOString().slice(0, 10);
}
const START = Math.floor(Date.now() / MINUTE) * MINUTE;

function setup(
  options: {
    start?: number;
    format?: DemoDateFormat;
    scopes?: readonly DemoScope[];
    teamSize?: number;
  } = {},
) {
  const clock = new ManualClock(options.start ?? START);
  const state = new PortalState(clock, 24, options.teamSize ?? 40, true, 0, {
    ...(options.format ? { dateFormat: options.format } : {}),
    ...(options.scopes ? { scopes: options.scopes } : {}),
  });
  const api = new RestApi(state.team, state.faults, state.budget, state);
  const call = (method: string, query: string) =>
    api.timed(method, parseQueryString(query), clock.now()).outcome;
  const accessibility = (ids: readonly number[], at = clock.now()): Record<string, Item[]> => {
    const users = ids.map((id) => `users[]=${id}`).join('&');
    const outcome = call(
      'calendar.accessibility.get',
      `${users}&from=${moscowDay(at - DAY)}&to=${moscowDay(at + DAY)}`,
    );
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.result as Record<string, Item[]>;
  };
  return { clock, state, api, call, accessibility };
}

describe('calendar.accessibility.get', () => {
  for (const format of FORMATS) {
    it(`${format}: every item has the server's shape, numbers as strings, and its dates read back to the stored instants`, () => {
      const { state, accessibility } = setup({ format });
      const ids = [state.ownerId, ...state.teamIds()];
      const answer = accessibility(ids);
      expect(Object.keys(answer)).toEqual(ids.map(String));
      let timed = 0;
      let charts = 0;
      let allDay = 0;
      for (const id of ids) {
        const stored = state.calendar(id, START - 3 * DAY, START + 3 * DAY) ?? [];
        for (const item of answer[String(id)] ?? []) {
          const read = readItem(item, format);
          const truth = stored.filter(
            (entry) => String(entry.id) === read.id && entry.from === read.from,
          );
          expect(truth, JSON.stringify(item)).toHaveLength(1);
          expect(read.until).toBe(truth[0]!.until);
          expect(['busy', 'quest', 'absent']).toContain(item.ACCESSIBILITY);
          if (item.FROM_HR === true) {
            charts++;
            expect(Object.keys(item)).toEqual(CHART_KEYS);
            expect([
              typeof item.ID,
              typeof item.FROM,
              typeof item.TO,
              item.ACCESSIBILITY,
              item.IMPORTANCE,
            ]).toEqual(['string', 'number', 'number', 'absent', 'normal']);
            expect((item.FROM as number) * 1000).toBe(read.from);
            continue;
          }
          expect(Object.keys(item)).toEqual(CALENDAR_KEYS);
          expect([
            typeof item.ID,
            typeof item.DATE_FROM_TS_UTC,
            typeof item.DATE_TO_TS_UTC,
            typeof item['~USER_OFFSET_FROM'],
          ]).toEqual(['string', 'string', 'string', 'number']);
          expect(item.NAME).toMatch(/^\[.+\]$/);
          expect(item.TZ_TO).toBe(item.TZ_FROM);
          if (item.DT_SKIP_TIME === 'Y') {
            allDay++;
            expect([item['~USER_OFFSET_FROM'], item['~USER_OFFSET_TO']]).toEqual([0, 0]);
          } else {
            timed++;
            const zone = item.TZ_FROM as string;
            expect((item['~USER_OFFSET_FROM'] as number) * 1000).toBe(
              offsetMs(read.from, zone) - offsetMs(read.from, PORTAL_ZONE),
            );
            if (format === 'MM/DD/YYYY H:MI:SS T')
              expect(item.DATE_FROM).toMatch(/ (0[1-9]|1[0-2]):\d{2}:\d{2} (am|pm)$/);
          }
        }
      }
      expect(timed).toBeGreaterThan(20);
      expect(charts).toBeGreaterThan(0);
      expect(allDay).toBeGreaterThan(0);
    });
  }

  it('recurring occurrences repeat the ID and carry the series in *_TS_UTC; a one-off carries its own instants', () => {
    const { state, call } = setup();
    const ids = state.teamIds();
    const outcome = call(
      'calendar.accessibility.get',
      `${ids.map((id) => `users[]=${id}`).join('&')}&from=${moscowDay(START - 7 * DAY)}&to=${moscowDay(START + 7 * DAY)}`,
    );
    if (!outcome.ok) throw new Error(outcome.error);
    const answer = outcome.result as Record<string, Item[]>;
    let series = 0;
    let oneOffs = 0;
    for (const items of Object.values(answer)) {
      const counts = new Map<unknown, number>();
      for (const item of items) counts.set(item.ID, (counts.get(item.ID) ?? 0) + 1);
      for (const item of items) {
        if (item.FROM_HR === true || item.DT_SKIP_TIME === 'Y') continue;
        const read = readItem(item, 'DD.MM.YYYY HH:MI:SS');
        const fromTs = Number(item.DATE_FROM_TS_UTC) * 1000;
        const toTs = Number(item.DATE_TO_TS_UTC) * 1000;
        if ((counts.get(item.ID) ?? 0) > 1) {
          series++;
          expect(fromTs).toBeLessThan(START - 4 * 7 * DAY);
          expect(toTs).toBeGreaterThan(START + 5 * 7 * DAY);
          expect(fromTs).not.toBe(read.from);
        } else {
          oneOffs++;
          expect([fromTs, toTs]).toEqual([read.from, read.until]);
        }
      }
    }
    expect(series).toBeGreaterThan(5);
    expect(oneOffs).toBeGreaterThan(10);
  });

  it('a chart record (business trip) leaves `absent` false; a leave comes as a chart record too; DT_TO and all-day DATE_TO are the last day', () => {
    const { state, accessibility } = setup();
    const roles = state.calendarRoles();
    const traveller = roles['business-trip']!;
    const trip = (accessibility([traveller])[String(traveller)] ?? []).filter(
      (item) => item.FROM_HR === true,
    );
    expect(trip).toHaveLength(1);
    const read = readItem(trip[0]!, 'DD.MM.YYYY HH:MI:SS');
    expect(read.until - read.from).toBe(5 * DAY);
    expect(((trip[0]!.TO as number) - (trip[0]!.FROM as number)) * 1000).toBe(4 * DAY); // TO: the last day's midnight
    expect(state.userObject(traveller)?.absent).toBe(false);

    const holidaymaker = state
      .teamIds()
      .find((id) => id !== traveller && state.truth(id)?.leave === null)!;
    state.updatePerson(holidaymaker, { absentUntil: moscowDay(START + 3 * DAY) });
    const leave = (accessibility([holidaymaker])[String(holidaymaker)] ?? []).filter(
      (item) => item.FROM_HR === true,
    );
    expect(leave.map((item) => item.DT_TO)).toEqual([
      moscowDay(START + 3 * DAY)
        .split('-')
        .reverse()
        .join('.'),
    ]);

    const allDayPerson = roles['all-day']!;
    const allDay = (accessibility([allDayPerson])[String(allDayPerson)] ?? []).filter(
      (item) => item.DT_SKIP_TIME === 'Y',
    );
    expect(allDay).toHaveLength(1);
    const span = readItem(allDay[0]!, 'DD.MM.YYYY HH:MI:SS');
    expect(allDay[0]!.DATE_TO).not.toBe(allDay[0]!.DATE_FROM);
    expect(span.from).toBeLessThanOrEqual(START);
    expect(span.until - span.from).toBeGreaterThanOrEqual(2 * DAY - HOUR); // two whole days (a DST day is an hour short)
  });

  it('declined and free entries never come back; [] for someone with nothing; [] when no id was valid', () => {
    const { state, accessibility, call } = setup();
    const [first, second] = state.teamIds();
    state.setCalendar(first!, [
      { type: 'event', accessibility: 'busy', from: START, until: START + HOUR, declined: true },
      { type: 'event', accessibility: 'free', from: START + 2 * HOUR, until: START + 3 * HOUR },
      {
        type: 'event',
        accessibility: 'quest',
        from: START + 4 * HOUR,
        until: START + 5 * HOUR,
        timeZone: 'Asia/Tokyo',
      },
    ]);
    state.setCalendar(second!, []);
    const answer = accessibility([first!, second!, 999_999]);
    expect(Object.keys(answer)).toEqual([String(first), String(second)]);
    expect(answer[String(first)]!.map((item) => [item.ACCESSIBILITY, item.TZ_FROM])).toEqual([
      ['quest', 'Asia/Tokyo'],
    ]);
    expect(answer[String(second)]).toEqual([]);
    expect(state.expectedCalendar(first!, START)).toEqual({
      now: null,
      next: { kind: 'tentative', from: START + 4 * HOUR, until: START + 5 * HOUR },
    });
    const none = call(
      'calendar.accessibility.get',
      `users[]=999999&users[]=abc&from=${moscowDay(START)}&to=${moscowDay(START)}`,
    );
    expect(none.ok && none.result).toEqual([]);
    const missing = call(
      'calendar.accessibility.get',
      `from=${moscowDay(START)}&to=${moscowDay(START)}`,
    );
    expect(missing.ok).toBe(false);
  });

  it('colleagues in three other zones: TIME_ZONE on the user, TZ_FROM of their entries in it', () => {
    const { call, accessibility } = setup();
    const outcome = call('user.get', 'SELECT[]=TIME_ZONE');
    if (!outcome.ok) throw new Error(outcome.error);
    const zones = new Map(
      (outcome.result as Item[]).map((row) => [Number(row.ID), row.TIME_ZONE as string]),
    );
    const foreign = [...zones].filter(([, zone]) => zone !== '' && zone !== PORTAL_ZONE);
    expect(new Set(foreign.map(([, zone]) => zone)).size).toBe(3);
    expect([...zones.values()]).toContain('');
    const week = foreign.flatMap(([id, zone]) =>
      (accessibility([id], START)[String(id)] ?? [])
        .filter((item) => item.TZ_FROM && item.TZ_FROM !== PORTAL_ZONE)
        .map((item) => [item.TZ_FROM, zone]),
    );
    for (const [entryZone, userZone] of week) expect(entryZone).toBe(userZone);
  });
});

describe('scopes', () => {
  it('without calendar / user_brief: insufficient_scope (403), alone in a batch while the other commands answer', () => {
    const { state, api, call } = setup({ scopes: ['im'] });
    const refused = call(
      'calendar.accessibility.get',
      `users[]=2&from=${moscowDay(START)}&to=${moscowDay(START)}`,
    );
    expect(refused).toMatchObject({ ok: false, status: 403, error: 'insufficient_scope' });
    expect(call('user.get', '')).toMatchObject({
      ok: false,
      status: 403,
      error: 'insufficient_scope',
    });
    const batch = api.batch(
      parseQueryString(
        `cmd[cal]=${encodeURIComponent(`calendar.accessibility.get?users[]=2&from=${moscowDay(START)}&to=${moscowDay(START)}`)}&cmd[tz]=user.get&cmd[team]=${encodeURIComponent('im.department.colleagues.list?LIMIT=5')}`,
      ),
      START,
    ).outcome;
    const body = batch.ok ? (batch.result as Record<string, Record<string, unknown>>) : {};
    expect(Object.keys(body.result ?? {})).toEqual(['team']);
    expect(body.result_error).toEqual({
      cal: { error: 'insufficient_scope', error_description: expect.any(String) },
      tz: { error: 'insufficient_scope', error_description: expect.any(String) },
    });
    state.setScopes(['im', 'calendar', 'user_brief']);
    expect(call('user.get', '').ok).toBe(true);
    expect(
      call(
        'calendar.accessibility.get',
        `users[]=2&from=${moscowDay(START)}&to=${moscowDay(START)}`,
      ).ok,
    ).toBe(true);
  });
});

describe('user.get', () => {
  it('pages 50 by start over everyone by id, filters by ID, drops unknown filter keys, shrinks rows with SELECT', () => {
    const { state, call } = setup({ teamSize: 120 });
    // Everyone on the portal: the owner, the team, and the people outside it (found by search).
    const everyone = [...state.team.all()].map((person) => person.id).sort((a, b) => a - b);
    const seen: number[] = [];
    let start = 0;
    for (let page = 0; page < 5; page++) {
      const outcome = call('user.get', `start=${start}`);
      if (!outcome.ok) throw new Error(outcome.error);
      expect(outcome.total).toBe(everyone.length);
      seen.push(...(outcome.result as Item[]).map((row) => Number(row.ID)));
      if (outcome.next === undefined) break;
      start = outcome.next;
    }
    expect(seen).toEqual(everyone);
    const [a, b] = state.teamIds();
    const filtered = call('user.get', `FILTER[ID][]=${a}&FILTER[ID][]=${b}`);
    expect(filtered.ok && (filtered.result as Item[]).map((row) => row.ID)).toEqual([
      String(Math.min(a!, b!)),
      String(Math.max(a!, b!)),
    ]);
    const unknown = call('user.get', `FILTER[USER_IDS][]=${a}`);
    expect(unknown.ok && [(unknown.result as Item[]).length, unknown.total]).toEqual([
      50,
      everyone.length,
    ]);
    const slim = call('user.get', `FILTER[ID][]=${a}&SELECT[]=ID&SELECT[]=TIME_ZONE`);
    expect(slim.ok && slim.result).toEqual([{ ID: String(a), TIME_ZONE: state.timeZone(a!) }]);
    const full = call('user.get', `FILTER[ID][]=${a}`);
    expect(full.ok && (full.result as Item[])[0]?.LAST_ACTIVITY_DATE).toEqual({});
  });
});

describe('over HTTP, in a batch', () => {
  let portal: DemoPortal | null = null;
  afterEach(async () => {
    await portal?.close();
    portal = null;
  });

  it('users[] in a command query string and a JSON body give the same answer; LAST_ACTIVITY_DATE is {} on the wire', async () => {
    portal = await startDemoPortal({
      clock: new ManualClock(START),
      teamSize: 12,
      dateFormat: 'MM/DD/YYYY H:MI:SS T',
    });
    const ids = portal.control.teamIds().slice(0, 4);
    const from = moscowDay(START - DAY);
    const to = moscowDay(START + DAY);
    const command = `calendar.accessibility.get?${ids.map((id) => `users[]=${id}`).join('&')}&from=${from}&to=${to}`;
    const batch = await fetch(`${portal.webhookUrl}batch.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        halt: 0,
        cmd: { cal: command, tz: `user.get?FILTER[ID][]=${ids[0]}` },
      }),
    });
    const text = await batch.text();
    expect(text).toContain('"LAST_ACTIVITY_DATE":{}');
    const inBatch = (JSON.parse(text) as { result: { result: Record<string, unknown> } }).result
      .result;
    const direct = await fetch(`${portal.webhookUrl}calendar.accessibility.get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ users: ids, from, to }),
    });
    const alone = ((await direct.json()) as { result: unknown }).result;
    expect(inBatch.cal).toEqual(alone);
    expect(Object.keys(alone as object)).toEqual(ids.map(String));
  });

  it('/_demo/ sets and reads a calendar, the oracle and the scopes', async () => {
    portal = await startDemoPortal({
      clock: new ManualClock(START),
      teamSize: 3,
      controlApi: true,
    });
    const id = portal.control.teamIds()[0]!;
    const token = { [DEMO_CONTROL_TOKEN_HEADER]: portal.controlToken ?? '' };
    const get = (path: string) => fetch(`${portal!.origin}/_demo/${path}`, { headers: token });
    const post = (path: string, body: unknown) =>
      fetch(`${portal!.origin}/_demo/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...token },
        body: JSON.stringify(body),
      });
    expect(
      (
        await post(`person/${id}/calendar`, {
          entries: [
            { type: 'event', accessibility: 'busy', from: START - MINUTE, until: START + HOUR },
          ],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post(`person/${id}/calendar`, {
          entries: [{ type: 'event', accessibility: 'busy', from: START, until: START }],
        })
      ).status,
    ).toBe(400);
    const busy = await (await get(`person/${id}/busy`)).json();
    expect(busy).toEqual({
      now: { kind: 'meeting', from: START - MINUTE, until: START + HOUR },
      next: null,
    });
    const stored = (await (
      await get(`person/${id}/calendar?from=${START - DAY}&until=${START + DAY}`)
    ).json()) as unknown[];
    expect(stored).toHaveLength(1);
    expect((await post('scopes', { scopes: ['im'] })).status).toBe(200);
    expect(portal.control.scopes).toEqual(['im']);
    expect((await post('scopes', { scopes: ['admin'] })).status).toBe(400);
  });

  it('a webhook created without the calendar scope answers 403 insufficient_scope', async () => {
    portal = await startDemoPortal({
      clock: new ManualClock(START),
      teamSize: 3,
      scopes: ['im', 'user_brief'],
    });
    const answer = await fetch(
      `${portal.webhookUrl}calendar.accessibility.get?users[]=2&from=${moscowDay(START)}&to=${moscowDay(START)}`,
    );
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { error: string }).error).toBe('insufficient_scope');
  });
});

describe('the calendar oracle over a simulated day', () => {
  it('the anchored roles hold at whatever time of day the portal starts, and move with the clock', async () => {
    for (let hour = 0; hour < 24; hour += 5) {
      const start = START + hour * HOUR;
      const { clock, state } = setup({ start });
      const roles = state.calendarRoles();
      for (const days of [0, 1, 3]) {
        const at = Math.floor(start / (5 * MINUTE)) * 5 * MINUTE + days * DAY;
        await clock.advance(Math.max(0, at - clock.now()));
        const view = (role: DemoCalendarRole) => state.expectedCalendar(roles[role]!, at);
        expect(view('meeting-now')?.now).toEqual({
          kind: 'meeting',
          from: at - 15 * MINUTE,
          until: at + 30 * MINUTE,
        });
        expect(view('back-to-back')?.now).toEqual({
          kind: 'meeting',
          from: at - 20 * MINUTE,
          until: at + 40 * MINUTE,
        });
        expect(view('overlapping')?.now).toEqual({
          kind: 'meeting',
          from: at - 30 * MINUTE,
          until: at + 50 * MINUTE,
        });
        expect(view('tentative-now')?.now).toEqual({
          kind: 'tentative',
          from: at - 5 * MINUTE,
          until: at + 25 * MINUTE,
        });
        expect(view('meeting-soon')).toMatchObject({
          now: null,
          next: { kind: 'meeting', from: at + 20 * MINUTE },
        });
      }
    }
  });

  for (const format of FORMATS) {
    it(`${format}: what the answers say, parsed and merged on the test side, matches the oracle every 10 minutes of a day`, async () => {
      const { clock, state, accessibility } = setup({ format, teamSize: 30 });
      const ids = [state.ownerId, ...state.teamIds()];
      let busy = 0;
      let fetchedAt = START;
      const read = (): Map<number, ReturnType<typeof merge>> => {
        const answer = accessibility(ids, fetchedAt);
        return new Map(
          ids.map((id) => [
            id,
            merge((answer[String(id)] ?? []).map((item) => readItem(item, format))),
          ]),
        );
      };
      let blocksOf = read();
      for (let at = START; at < START + DAY; at += 10 * MINUTE) {
        await clock.advance(at - clock.now());
        if (at - fetchedAt >= HOUR) {
          fetchedAt = at;
          blocksOf = read();
        }
        for (const id of ids) {
          const blocks = blocksOf.get(id) ?? [];
          const now = blocks.find((block) => block.from <= at && at < block.until) ?? null;
          const next = blocks.find((block) => block.from > at) ?? null;
          expect(
            state.expectedCalendar(id, at, { fetchedAt }),
            `${id} at +${(at - START) / MINUTE} min`,
          ).toEqual({ now, next });
          if (now) busy++;
        }
      }
      expect(busy).toBeGreaterThan(144 * 3);
    });
  }
});
