import { ManualClock } from '../../electron/core/clock.js';
import { MAX_BATCH_COMMANDS, type B24Client } from '../../electron/core/bitrix/client.js';
import { parseRawUserDetailed } from '../../electron/core/bitrix/schemas.js';
import { USER_METHOD } from '../../electron/core/bitrix/team.js';
import { PresenceEngine, type RefreshSummary } from '../../electron/core/engine/engine.js';
import {
  createBitrixSource,
  type PresenceSource,
} from '../../electron/core/engine/presence-source.js';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/shared/settings/schema.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import { settleOnEngine } from '../support/settle.js';
import { jsonLedger } from './engine-cpu.js';
import { fmt, ratio, type BenchRow, type BenchSection } from './report.js';
import { max, mean, median, seededRandom } from './stats.js';
import { demoClient } from './support.js';

/**
 * How old the desktop-app information gets. Current portals tell whether someone's desktop app
 * runs only through im.user.get, one person per command, so each refresh checks only the people
 * that fit in the spare commands of its last batch (team.ts) and the engine remembers the
 * answers in between (presence/desktop.ts): starred/watched first, then round-robin.
 *
 * One driven clock is shared by the demo portal (a current portal, evolving, its office hours
 * moved to 10:30 on a working day so most people are at work) and the real PresenceEngine
 * polling it over loopback HTTP through the real B24Client every 30 s with its real jitter.
 * After the first refresh (which has no picture yet, so checks nobody) the engine runs for
 * 60 simulated minutes. Right after each refresh, for every person who is not offline, the
 * age of what is known of their desktop app is now − engine.desktop.checkedAt(id); people
 * never checked are counted apart. Between refreshes every age grows by up to the interval.
 * No starred or watched people: everyone not offline shares the round-robin.
 *
 * Naive comparator, the same engine and portal history (same seeds) in the same run: a source
 * that sends the checks as one more request per refresh (a batch of 50 im.user.get for the
 * engine's first 50 candidates), i.e. 2 requests per refresh instead of 1. The other obvious
 * client, one im.user.get request per person, would send one request per person not offline
 * each refresh: that count is kept in the data (at the client's 2 requests/s it cannot even
 * fit in a 30 s interval beyond 60 people).
 */
const SIZES = [40, 500, 2500] as const;
const MINUTES = 60;
const PORTAL_SEED = 11;
const JITTER_SEED = 5;

interface RunResult {
  readonly refreshes: number;
  /** Ages (ms) of every (refresh, person not offline) whose desktop app was checked before. */
  readonly agesMs: number[];
  /** (refresh, person not offline) pairs never checked. */
  readonly never: number;
  readonly samples: number;
  /** Share never checked at the last refresh (steady state). */
  readonly lastNeverShare: number;
  readonly notOfflinePerRefresh: number[];
  readonly checksPerRefresh: number[];
  readonly requestsPerRefresh: number[];
  /** Requests the portal logged during the measured refreshes (must equal the engine's count). */
  readonly portalRequests: number;
  /** im.user.get commands the portal saw during the measured refreshes. */
  readonly portalChecks: number;
}

/** The naive source: the refresh without desktop checks, then one more request carrying them. */
function extraRequestSource(client: B24Client): PresenceSource {
  const inner = createBitrixSource(client);
  return {
    async fetch({ watchIds, desktopIds = [], signal }) {
      const team = await inner.fetch({ watchIds, desktopIds: [], signal });
      const ids = desktopIds.slice(0, MAX_BATCH_COMMANDS);
      const desktop = new Map<number, string | false>();
      if (ids.length === 0) return { ...team, desktop };
      const before = client.requestsSent;
      const answer = await client.batch(
        Object.fromEntries(
          ids.map((id) => [`d${id}`, { method: USER_METHOD, params: { ID: id } }]),
        ),
        { signal },
      );
      for (const id of ids) {
        const user = parseRawUserDetailed(answer.results.get(`d${id}`)).user;
        if (user?.id === id) desktop.set(id, user.desktop_last_date ?? false);
      }
      return { ...team, desktop, requests: team.requests + client.requestsSent - before };
    },
  };
}

async function run(size: number, naive: boolean): Promise<RunResult> {
  const clock = new ManualClock();
  // Only the desktop checks compete for the spare commands here: calendars and zones share them
  // otherwise (their own rows, in requests.ts, count the requests with everything on).
  const portal = await startDemoPortal({
    clock,
    teamSize: size,
    seed: PORTAL_SEED,
    evolve: true,
    officeHoursNow: true,
    scopes: ['im'],
  });
  const settings: Settings = DEFAULT_SETTINGS;
  const intervalMs = settings.pollIntervalSec * 1000;
  const client = demoClient(portal, { clock });
  const engine = new PresenceEngine({
    source: naive ? extraRequestSource(client) : createBitrixSource(client),
    clock,
    getSettings: () => settings,
    alertLedger: jsonLedger(),
    locale: () => 'en',
    random: seededRandom(JITTER_SEED),
  });
  settleOnEngine(clock, engine);

  let measuring = false;
  const agesMs: number[] = [];
  let never = 0;
  let samples = 0;
  let lastNeverShare = Number.NaN;
  const notOfflinePerRefresh: number[] = [];
  const checksPerRefresh: number[] = [];
  const requestsPerRefresh: number[] = [];
  let warmedUp = false;
  engine.on('refreshed', (report: RefreshSummary) => {
    warmedUp = true;
    if (!measuring) return;
    const snapshot = engine.snapshot;
    if (snapshot === null) throw new Error('a refresh without a snapshot');
    let around = 0;
    let unchecked = 0;
    for (const colleague of snapshot.colleagues) {
      if (colleague.presence === 'offline') continue;
      around += 1;
      const at = engine.desktop.checkedAt(colleague.id);
      if (at === null) unchecked += 1;
      else agesMs.push(report.at - at);
    }
    samples += around;
    never += unchecked;
    lastNeverShare = around > 0 ? unchecked / around : 0;
    notOfflinePerRefresh.push(around);
    checksPerRefresh.push(report.desktopChecked);
    requestsPerRefresh.push(report.requests);
  });

  try {
    engine.start();
    await clock.advance(0);
    if (!warmedUp) throw new Error(`the first refresh of ${size} did not finish`);
    const failed = portal.control.requestLog.find((entry) => entry.status !== 200);
    if (failed) throw new Error(`${failed.method} answered ${failed.status} during the warm-up`);
    portal.control.clearRequestLog();
    measuring = true;
    // Minute by minute, so the driven clock never runs far ahead of a refresh in flight.
    for (let minute = 0; minute < MINUTES; minute++) await clock.advance(60_000);
    measuring = false;
  } finally {
    await engine.stop();
    await portal.close();
  }

  const log = portal.control.requestLog;
  const bad = log.find((entry) => entry.status !== 200);
  if (bad) throw new Error(`${bad.method} answered ${bad.status} during the desktop bench`);
  const refreshes = requestsPerRefresh.length;
  // A stalled engine would make every figure meaningless: about one refresh per interval.
  if (refreshes < (MINUTES * 60_000) / intervalMs)
    throw new Error(`only ${refreshes} refreshes of ${size} in ${MINUTES} min`);
  const portalRequests = log.length;
  const engineRequests = requestsPerRefresh.reduce((sum, value) => sum + value, 0);
  if (portalRequests !== engineRequests)
    throw new Error(
      `the portal saw ${portalRequests} requests, the engine reported ${engineRequests}`,
    );
  const portalChecks = log.reduce(
    (sum, entry) => sum + entry.commands.filter((method) => method === USER_METHOD).length,
    0,
  );
  return {
    refreshes,
    agesMs,
    never,
    samples,
    lastNeverShare,
    notOfflinePerRefresh,
    checksPerRefresh,
    requestsPerRefresh,
    portalRequests,
    portalChecks,
  };
}

const seconds = (valueMs: number): string => `${fmt(valueMs / 1000, 0)} s`;
const percent = (share: number): string =>
  `${fmt(share * 100, share > 0 && share < 0.01 ? 2 : 1)} %`;

function summary(r: RunResult): { medianMs: number; maxMs: number; neverShare: number } {
  return {
    medianMs: r.agesMs.length > 0 ? median(r.agesMs) : Number.NaN,
    maxMs: r.agesMs.length > 0 ? max(r.agesMs) : Number.NaN,
    neverShare: r.samples > 0 ? r.never / r.samples : 0,
  };
}

/**
 * "median 140 s, max 290 s; 4 % never (0 % at end)", or "never checked: 100 %" when nobody was.
 * The share never checked is over every (refresh, person) of the hour, start-up included; the
 * share at the last refresh is the steady state.
 */
function ages(r: RunResult): string {
  const s = summary(r);
  if (r.agesMs.length === 0) return `never checked: ${percent(s.neverShare)}`;
  return `median ${seconds(s.medianMs)}, max ${seconds(s.maxMs)}; ${percent(s.neverShare)} never (${percent(r.lastNeverShare)} at end)`;
}

function data(r: RunResult): Record<string, unknown> {
  const s = summary(r);
  return {
    refreshes: r.refreshes,
    medianAgeSec: Number.isFinite(s.medianMs) ? s.medianMs / 1000 : null,
    maxAgeSec: Number.isFinite(s.maxMs) ? s.maxMs / 1000 : null,
    neverCheckedShare: s.neverShare,
    neverCheckedShareAtLastRefresh: r.lastNeverShare,
    notOfflineMean: mean(r.notOfflinePerRefresh),
    checksPerRefreshMean: mean(r.checksPerRefresh),
    checksPerRefreshMax: max(r.checksPerRefresh),
    requestsPerRefreshMax: max(r.requestsPerRefresh),
    requestsPerRefreshMean: mean(r.requestsPerRefresh),
    portalRequests: r.portalRequests,
    portalChecks: r.portalChecks,
  };
}

export async function benchDesktop(): Promise<BenchSection> {
  const rows: BenchRow[] = [];
  const ageRows: BenchRow[] = [];
  for (const size of SIZES) {
    const measured = await run(size, false);
    const naive = await run(size, true);
    const m = summary(measured);
    const n = summary(naive);
    const label = `${fmt(size)} (≈${fmt(mean(measured.notOfflinePerRefresh), 0)} not offline), ${MINUTES} min`;
    const requestsMax = max(measured.requestsPerRefresh);
    const requestsMin = Math.min(...measured.requestsPerRefresh);
    const perPersonRequests = mean(measured.notOfflinePerRefresh);
    ageRows.push({
      id: `desktop-age-${size}`,
      what: 'desktop-app info age (people not offline)',
      size: label,
      measured: ages(measured),
      naive: `+1 request: ${ages(naive)}`,
      ratio: ratio(m.maxMs, n.maxMs),
      target: 'reported (grows ≤ 30 s between refreshes)',
      pass: null,
      data: {
        size,
        intervalSec: DEFAULT_SETTINGS.pollIntervalSec,
        minutes: MINUTES,
        measured: data(measured),
        naive: data(naive),
      },
    });
    rows.push({
      id: `desktop-checks-${size}`,
      what: 'desktop checks, requests per refresh',
      size: label,
      measured: `${fmt(mean(measured.checksPerRefresh), 1)} checks, ${requestsMin === requestsMax ? requestsMax : `${requestsMin}–${requestsMax}`} request${requestsMax === 1 ? '' : 's'}`,
      naive: `${fmt(mean(naive.checksPerRefresh), 1)} checks, ${fmt(mean(naive.requestsPerRefresh), 2)} requests`,
      ratio: ratio(mean(measured.requestsPerRefresh), mean(naive.requestsPerRefresh)),
      target: '1 request per refresh',
      pass: requestsMax === 1,
      data: {
        size,
        requestsPerRefreshMax: requestsMax,
        checksPerRefresh: mean(measured.checksPerRefresh),
        naiveRequestsPerRefresh: mean(naive.requestsPerRefresh),
        naiveChecksPerRefresh: mean(naive.checksPerRefresh),
        // One im.user.get request per person not offline, on top of the refresh itself.
        perPersonNaiveRequestsPerRefresh: requestsMax + perPersonRequests,
      },
    });
  }
  return { name: 'desktop', rows: [...ageRows, ...rows] };
}
