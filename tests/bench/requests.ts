import { ManualClock } from '../../electron/core/clock.js';
import type { B24Client } from '../../electron/core/bitrix/client.js';
import {
  COLLEAGUES_METHOD,
  fetchTeam,
  PAGE_SIZE,
  USERS_METHOD,
} from '../../electron/core/bitrix/team.js';
import { MAX_BATCH_COMMANDS } from '../../electron/core/bitrix/client.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import type { DemoPortal, DemoRequestLogEntry } from '../../electron/demo/types.js';
import { bytes, fmt, ms, ratio, type BenchRow, type BenchSection } from './report.js';
import { demoClient, drive } from './support.js';
import { calendarRequestRows } from './calendar-requests.js';

/**
 * HTTP requests and bytes per steady-state refresh, over real loopback HTTP through the real
 * B24Client and fetchTeam against the demo portal.
 *
 * - Measured: the app's refresh in the steady state (the second refresh, with the team size
 *   known from the first): every page of im.department.colleagues.list (USER_DATA=Y, LIMIT 50)
 *   in batches of 50 commands; then the same refresh with a watch list of 10 outsiders.
 * - Naive: the obvious client: page by page with one request per page of the same method,
 *   then one im.user.list.get for the watch list.
 * Both run on a driven clock shared with the portal, behind the client's own leaky bucket
 * (2 requests/s, burst 10), so "how long a refresh occupies the portal's budget" is measured too.
 */

const SIZES = [50, 500, 2500, 5000] as const;
const WATCHED = 10;
const INTERVALS_SEC = [30, 10] as const;

interface Traffic {
  readonly requests: number;
  readonly commands: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Driven-clock time from the first to the last request (waits in the client's rate limiter). */
  readonly portalSpanMs: number;
  /** Real time the refresh took (loopback HTTP + parsing). */
  readonly wallMs: number;
  readonly people: number;
}

function traffic(log: readonly DemoRequestLogEntry[], wallMs: number, people: number): Traffic {
  const times = log.map((entry) => entry.at);
  return {
    requests: log.length,
    commands: log.reduce((sum, entry) => sum + entry.commands.length, 0),
    requestBytes: log.reduce((sum, entry) => sum + entry.requestBytes, 0),
    responseBytes: log.reduce((sum, entry) => sum + entry.responseBytes, 0),
    portalSpanMs: times.length > 0 ? Math.max(...times) - Math.min(...times) : 0,
    wallMs,
    people,
  };
}

/** Runs one refresh (which resolves to the number of people it saw) and returns its traffic. */
async function measured(
  portal: DemoPortal,
  clock: ManualClock,
  run: () => Promise<number>,
): Promise<Traffic> {
  const bad = portal.control.requestLog.filter((entry) => entry.status !== 200);
  if (bad.length > 0)
    throw new Error(`the demo portal answered ${bad[0]?.status}: the bench setup is wrong`);
  portal.control.clearRequestLog();
  const start = performance.now();
  const value = await drive(clock, run());
  const wallMs = performance.now() - start;
  const log = [...portal.control.requestLog];
  const failed = log.find((entry) => entry.status !== 200);
  if (failed) throw new Error(`${failed.method} answered ${failed.status} during the bench`);
  return traffic(log, wallMs, value);
}

/** The naive refresh: every page as its own request, then the watch list. */
async function naiveRefresh(client: B24Client, watchIds: readonly number[]): Promise<number> {
  let people = 0;
  for (let offset: number | null = 0; offset !== null;) {
    const page = await client.call(COLLEAGUES_METHOD, {
      USER_DATA: 'Y',
      OFFSET: offset,
      LIMIT: PAGE_SIZE,
    });
    people += Array.isArray(page.result) ? page.result.length : 0;
    offset = page.next !== null && page.next > offset ? page.next : null;
  }
  if (watchIds.length > 0) {
    const answer = await client.call(USERS_METHOD, { ID: watchIds });
    people += Object.values(answer.result as object).filter((user) => user !== null).length;
  }
  return people;
}

export interface SizeResult {
  readonly size: number;
  readonly steady: Traffic;
  readonly steadyWithWatch: Traffic;
  readonly naive: Traffic;
  readonly naiveWithWatch: Traffic;
  readonly first: Traffic;
}

async function measureSize(size: number): Promise<SizeResult> {
  const clock = new ManualClock();
  const portal = await startDemoPortal({ clock, teamSize: size, evolve: false, seed: 6 });
  try {
    const client = demoClient(portal, { clock });
    const watchIds = Array.from({ length: WATCHED }, () =>
      portal.control.addOutsider({ presence: 'online' }),
    );

    let total: number | null = null;
    const refresh = async (ids: readonly number[]): Promise<number> => {
      const team = await fetchTeam(client, { knownTotal: total, watchIds: ids });
      total = team.total;
      return team.colleagues.length + [...team.watched.values()].filter(Boolean).length;
    };
    const first = await measured(portal, clock, () => refresh([]));
    await clock.advance(30_000);
    const steady = await measured(portal, clock, () => refresh([]));
    await clock.advance(30_000);
    const steadyWithWatch = await measured(portal, clock, () => refresh(watchIds));
    await clock.advance(30_000);
    const naive = await measured(portal, clock, () => naiveRefresh(client, []));
    await clock.advance(60_000);
    const naiveWithWatch = await measured(portal, clock, () => naiveRefresh(client, watchIds));

    // A refresh that missed people would make its request count meaningless.
    for (const [name, result] of [
      ['steady', steady],
      ['naive', naive],
    ] as const) {
      if (result.people !== size)
        throw new Error(`${name} refresh of ${size} saw ${result.people} people`);
    }
    if (steadyWithWatch.people !== size + WATCHED || naiveWithWatch.people !== size + WATCHED) {
      throw new Error(`the watch list was not fully fetched at ${size}`);
    }
    return { size, first, steady, steadyWithWatch, naive, naiveWithWatch };
  } finally {
    await portal.close();
  }
}

/** ⌈pages/50⌉: the number of batches the pages of one refresh need. */
export function targetRequests(size: number): number {
  return Math.max(1, Math.ceil(Math.ceil(size / PAGE_SIZE) / MAX_BATCH_COMMANDS));
}

export async function benchRequests(): Promise<BenchSection & { results: SizeResult[] }> {
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await measureSize(size));

  const rows: BenchRow[] = [];
  for (const r of results) {
    const target = targetRequests(r.size);
    rows.push({
      id: `requests-${r.size}`,
      what: 'HTTP requests per steady-state refresh',
      size: `${fmt(r.size)} colleagues`,
      measured: `${r.steady.requests} (${r.steady.commands} cmds)`,
      naive: `${r.naive.requests}`,
      ratio: ratio(r.steady.requests, r.naive.requests),
      target: `≤ ${target}`,
      pass: r.steady.requests <= target,
      data: { size: r.size, measured: r.steady, naive: r.naive, firstRefresh: r.first, target },
    });
  }
  for (const r of results) {
    const fits = Math.ceil(r.size / PAGE_SIZE) % MAX_BATCH_COMMANDS !== 0;
    const added = r.steadyWithWatch.requests - r.steady.requests;
    rows.push({
      id: `watch-${r.size}`,
      what: `+ watch list of ${WATCHED} outsiders: requests`,
      size: `${fmt(r.size)} colleagues`,
      measured: `${r.steadyWithWatch.requests} (+${added})`,
      naive: `${r.naiveWithWatch.requests}`,
      ratio: ratio(r.steadyWithWatch.requests, r.naiveWithWatch.requests),
      target: fits ? '+0 (fits in the batch)' : '+1 (last batch full)',
      pass: fits ? added === 0 : added <= 1,
      data: {
        size: r.size,
        measured: r.steadyWithWatch,
        naive: r.naiveWithWatch,
        fitsInBatch: fits,
      },
    });
  }
  for (const r of results) {
    const wire = r.steady.requestBytes + r.steady.responseBytes;
    const naiveWire = r.naive.requestBytes + r.naive.responseBytes;
    rows.push({
      id: `bytes-${r.size}`,
      what: 'bytes on the wire per refresh (bodies)',
      size: `${fmt(r.size)} colleagues`,
      measured: `${bytes(wire)} (↑${bytes(r.steady.requestBytes)})`,
      naive: bytes(naiveWire),
      ratio: ratio(wire, naiveWire),
      target: 'reported',
      pass: null,
      data: {
        size: r.size,
        measuredBytes: wire,
        naiveBytes: naiveWire,
        perPersonBytes: Math.round(wire / r.size),
      },
    });
  }
  for (const r of results) {
    rows.push({
      id: `portal-time-${r.size}`,
      what: 'refresh time at 2 req/s client pacing',
      size: `${fmt(r.size)} colleagues`,
      measured: `${ms(r.steady.portalSpanMs)} driven, ${ms(r.steady.wallMs)} real`,
      naive: `${fmt(r.naive.portalSpanMs / 1000, 1)} s driven, ${ms(r.naive.wallMs)} real`,
      ratio: '—',
      target: 'reported; must fit the interval',
      pass: null,
      data: {
        size: r.size,
        measuredDrivenMs: r.steady.portalSpanMs,
        measuredWallMs: r.steady.wallMs,
        naiveDrivenMs: r.naive.portalSpanMs,
        naiveWallMs: r.naive.wallMs,
      },
    });
  }

  /** What an administrator needs: requests per minute for one desk, by team size and interval. */
  const perMinute = results.map((r) => ({
    colleagues: r.size,
    requestsPerRefresh: r.steady.requests,
    requestsPerRefreshWithWatchList: r.steadyWithWatch.requests,
    bytesPerRefresh: r.steady.requestBytes + r.steady.responseBytes,
    ...Object.fromEntries(
      INTERVALS_SEC.flatMap((interval) => [
        [`requestsPerMinuteAt${interval}s`, (r.steady.requests * 60) / interval],
        [`naiveRequestsPerMinuteAt${interval}s`, (r.naive.requests * 60) / interval],
      ]),
    ),
  }));
  rows.push(...(await calendarRequestRows()));
  return { name: 'requests', rows, notes: { perMinute }, results };
}
