import { afterAll, describe, expect, it } from 'vitest';
import type { AlertKind, Colleague, Patch, Snapshot } from '../../electron/shared/domain.js';
import { applyPatch } from '../../electron/shared/snapshot/diff.js';
import { toColleague } from '../../electron/core/presence/model.js';
import type { DemoFault } from '../../electron/demo/types.js';
import type { RawUser } from '../../electron/core/bitrix/types.js';
import { parseRawUser } from '../../electron/core/bitrix/schemas.js';
import { ManualClock } from '../../electron/core/clock.js';
import { B24Error, type B24ErrorKind } from '../../electron/core/bitrix/errors.js';
import { PresenceEngine } from '../../electron/core/engine/engine.js';
import type { PresenceSource } from '../../electron/core/engine/presence-source.js';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/shared/settings/schema.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import type { DemoControl } from '../../electron/demo/types.js';
import { startHarness } from './support/harness.js';
import { seededRandom } from '../support/random.js';

/**
 * A long run on a driven clock: 30 s polls against the demo portal's own simulation (people
 * come and go by themselves), with reported sleeps (pause/resume), unreported ones (the clock
 * jumps), outages (faults) and a revoked-then-restored credential. Twice:
 * - half a simulated day (B24_SOAK_HTTP_DAYS) over real loopback HTTP through the real client
 *   (3-7 ms of real time per poll on 2 cores, so a week would take minutes);
 * - a simulated week (B24_SOAK_DAYS) with the engine reading the same simulation in memory (a PresenceSource
 *   that asks the demo's control for user objects, and throws the client's B24Errors for
 *   outages), which keeps poller, model, snapshot, alerts and sleeps exactly as in the app.
 *
 * Checked at every refresh:
 * - the patches applied to a mirror (applyPatch, as the panel does) equal the engine's snapshot,
 *   and that snapshot equals what the portal says right then (modelled independently);
 * - the alerts of that refresh are exactly the qualifying transitions between the mirror's
 *   previous and current state (computed here from the two snapshots, not from the engine's
 *   transitions), and none at all on a silent refresh (start, wake, gap, recovery);
 * - pending timers and listeners stay bounded; the portal's and the client's buckets hold.
 * Heap: sampled per simulated day without forced GC (vitest runs without --expose-gc), so the
 * bound is generous; the benchmark measures heap precisely.
 */

/** Silent refreshes that end a time nobody saw: the engine tells them in one digest. */
const GAP_REASONS = new Set(['resume', 'gap', 'recovery']);
const HTTP_DAYS = Number(process.env.B24_SOAK_HTTP_DAYS ?? 0.5);
const MEMORY_DAYS = Number(process.env.B24_SOAK_DAYS ?? 7);
const POLL_MS = 30_000;
const DAY_MS = 86_400_000;

/**
 * What the alert policy must announce between two states of one person (all kinds enabled). A
 * leave that ends while the person is offline (at midnight, usually) is news at their return:
 * `awaiting` holds those people, and their next arrival is a back-from-leave, not an online.
 */
function qualifyingKind(
  before: Colleague,
  after: Colleague,
  awaiting: Set<number>,
): AlertKind | null {
  if (after.bot) return null;
  if (before.absentUntil !== null && after.absentUntil === null) {
    if (after.presence !== 'offline') return 'back-from-leave';
    awaiting.add(after.id);
    return null;
  }
  if (before.presence === 'offline' && after.presence !== 'offline')
    return awaiting.delete(after.id) ? 'back-from-leave' : 'online';
  if (before.presence !== 'offline' && after.presence === 'offline') return 'offline';
  if (before.presence === 'idle' && (after.presence === 'online' || after.presence === 'mobile'))
    return 'back-from-idle';
  return null;
}

class LeakyCheck {
  private level = 0;
  private last: number | null = null;
  peak = 0;
  constructor(private readonly drainPerSecond: number) {}
  add(at: number): void {
    if (this.last !== null)
      this.level = Math.max(0, this.level - ((at - this.last) / 1000) * this.drainPerSecond);
    this.last = at;
    this.level += 1;
    this.peak = Math.max(this.peak, this.level);
  }
}

const FAULTS: DemoFault['kind'][] = [
  'rate-limit',
  'overload',
  'server-error',
  'html',
  'malformed-json',
  'empty-body',
  'wrong-shape',
  'reset',
  'operation-limit',
];

const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  connection: { kind: 'demo' },
  alerts: {
    scope: 'everyone',
    kinds: { online: true, backFromIdle: true, offline: true, backFromLeave: true },
    // Throttle off: every refresh's alerts go out at once, so they can be matched per refresh.
    burstWindowSec: 0,
    sound: false,
    quietHours: { enabled: false, windows: [] },
    pausedUntil: null,
  },
};

/** What a soak drives: the same engine, fed over HTTP or in memory. */
interface Rig {
  readonly clock: ManualClock;
  readonly engine: PresenceEngine;
  readonly control: DemoControl;
  fault(kind: DemoFault['kind'], count: number): void;
  clearFaults(): void;
  revoke(): void;
  restore(): void;
  /** Request times since the last call: [reaching the portal, leaving the client]. */
  drainRequests(): [number[], number[]];
  stop(): Promise<void>;
}

async function httpRig(random: () => number): Promise<Rig> {
  const h = await startHarness({
    portal: { teamSize: 25, evolve: true, seed: 5 },
    settings: SETTINGS,
    random,
    start: false,
  });
  const control = h.portal.control;
  return {
    clock: h.clock,
    engine: h.engine,
    control,
    fault: (kind, count) => control.injectFault({ kind, count }),
    clearFaults: () => control.clearFaults(),
    revoke: () => control.revokeWebhook(),
    restore: () => control.restoreWebhook(),
    drainRequests() {
      const atPortal = control.requestLog
        .filter((entry) => entry.method !== 'oauth.token')
        .map((entry) => entry.at);
      control.clearRequestLog();
      const fromClient = h.requests.splice(0).map((request) => request.at);
      // Keep the harness's own transcripts from growing for the whole run.
      for (const list of [
        h.alerts,
        h.healths,
        h.transitions,
        h.patches,
        h.snapshots,
        h.refreshes,
        h.transcript,
      ])
        list.length = 0;
      return [atPortal, fromClient];
    },
    stop: () => h.stop(),
  };
}

/** The client's error for each fault, as the fault suite shows it maps them. */
const FAULT_ERRORS: Record<string, [B24ErrorKind, string]> = {
  'rate-limit': ['rate-limited', 'QUERY_LIMIT_EXCEEDED'],
  overload: ['overloaded', 'OVERLOAD_LIMIT'],
  'server-error': ['server-error', 'INTERNAL_SERVER_ERROR'],
  html: ['server-error', 'HTTP_502'],
  'malformed-json': ['malformed-response', 'NOT_JSON'],
  'empty-body': ['malformed-response', 'EMPTY_BODY'],
  'wrong-shape': ['malformed-response', 'WRONG_SHAPE'],
  reset: ['network', 'ECONNRESET'],
  'operation-limit': ['operation-time-limited', 'OPERATION_TIME_LIMIT'],
};

/** A throwing check inside an engine listener must fail the soak, not vanish. */
const listenerErrors: unknown[] = [];

async function memoryRig(random: () => number): Promise<Rig> {
  const clock = new ManualClock();
  // The portal only as a simulation here: nothing is requested over its socket.
  const portal = await startDemoPortal({ clock, teamSize: 25, evolve: true, seed: 5 });
  const control = portal.control;
  const faults: Array<[B24ErrorKind, string]> = [];
  let revoked = false;
  const requests: number[] = [];
  const source: PresenceSource = {
    async fetch({ desktopIds = [] }) {
      requests.push(clock.now());
      if (revoked)
        throw new B24Error({
          kind: 'auth-invalid',
          code: 'INVALID_CREDENTIALS',
          message: 'revoked',
        });
      const fault = faults.shift();
      if (fault) {
        const [kind, code] = fault;
        throw new B24Error({
          kind,
          code,
          message: code,
          ...(kind === 'operation-time-limited' ? { resetAt: clock.now() + 120_000 } : {}),
        });
      }
      const users = control.teamIds().map((id) => parseRawUser(control.userObject(id)) as RawUser);
      // As the batch would: one page of 25 leaves room for everyone's im.user.get.
      const desktop = new Map(
        desktopIds
          .slice(0, 49)
          .map(
            (id) =>
              [id, parseRawUser(control.userGetObject(id))?.desktop_last_date ?? false] as const,
          ),
      );
      return { users, missingWatchIds: [], desktop, degraded: 0, requests: 1 };
    },
  };
  const ledger: Record<string, string> = {};
  const engine = new PresenceEngine({
    source,
    clock,
    getSettings: () => SETTINGS,
    alertLedger: { load: () => ({ ...ledger }), save: (next) => void Object.assign(ledger, next) },
    locale: () => 'en',
    random,
    onListenerError: (error) => listenerErrors.push(error instanceof Error ? error.stack : error),
  });
  clock.settle = async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await engine.idle();
  };
  return {
    clock,
    engine,
    control,
    fault: (kind, count) => {
      for (let i = 0; i < count; i++) faults.push(FAULT_ERRORS[kind]!);
    },
    clearFaults: () => void faults.splice(0),
    revoke: () => void (revoked = true),
    restore: () => void (revoked = false),
    drainRequests: () => [[], requests.splice(0)],
    async stop() {
      await engine.stop();
      await portal.close();
    },
  };
}

export const soakFigures: Record<string, Record<string, number>> = {};

async function soak(rig: Rig, days: number, random: () => number): Promise<Record<string, number>> {
  const started = Date.now();
  const { clock, engine, control } = rig;
  let mirror: Snapshot | null = null;
  let previous: Snapshot | null = null;
  let pendingPatch: Patch | null = null;
  let alertedThisRefresh: string[] = [];
  const counts = {
    refreshes: 0,
    silent: 0,
    digests: 0,
    patches: 0,
    alerts: 0,
    alertedPeople: 0,
    qualifying: 0,
    suppressed: 0,
    maxTimers: 0,
  };
  const problems: string[] = [];
  const portalBucket = new LeakyCheck(2);
  const clientBucket = new LeakyCheck(2);
  const alertIds = new Set<string>();
  const awaitingReturn = new Set<number>();

  engine.on('snapshot', (snapshot) => {
    mirror = snapshot;
  });
  engine.on('patch', (patch) => {
    pendingPatch = patch;
  });
  engine.on('alert', (alert) => {
    if (alertIds.has(alert.id)) problems.push(`alert ${alert.id} repeated`);
    alertIds.add(alert.id);
    counts.alerts += 1;
    for (const id of alert.userIds) alertedThisRefresh.push(`${alert.kind}:${id}`);
  });
  engine.on('refreshed', (report) => {
    counts.refreshes += 1;
    if (report.silent) counts.silent += 1;
    previous = mirror;
    if (pendingPatch) {
      counts.patches += 1;
      mirror = applyPatch(mirror!, pendingPatch);
      pendingPatch = null;
    }
    // The mirror is the panel's picture: it must be the engine's, value for value.
    if (JSON.stringify(mirror) !== JSON.stringify(engine.snapshot))
      problems.push(`mirror differs at seq ${engine.snapshot?.seq}`);
    // ... and the engine's picture must be the portal's at this instant: every field as the
    // list answer gives it (desktop as the engine last checked it), ...
    const now = clock.now();
    const desktopOf = (id: number) => engine.desktop.runningOf(id);
    const modelled = control
      .teamIds()
      .map((id) =>
        toColleague(parseRawUser(control.userObject(id)) as RawUser, now, {
          onlineLimitSec: SETTINGS.onlineLimitSec,
          desktopOf,
        }),
      )
      .sort((a, b) => a.id - b.id);
    // Calendars and zones are held to the demo's calendar oracle in tests/integration/calendar-truth.test.ts.
    const presenceOnly = (people: readonly Colleague[] | undefined) =>
      people?.map(({ calendar: _calendar, timeZone: _zone, ...rest }) => rest);
    if (
      JSON.stringify(presenceOnly(modelled)) !==
      JSON.stringify(presenceOnly(engine.snapshot?.colleagues))
    )
      problems.push(`snapshot differs from the portal at ${new Date(now).toISOString()}`);
    // ... and presence and the desktop app as the demo's own oracle says a messenger shows them,
    // from the portal's server-side truth (desktop: for people already around at the last poll,
    // whom that poll could check).
    const wasAround = new Set(
      counts.refreshes > 1
        ? (previous?.colleagues ?? []).filter((c) => c.presence !== 'offline').map((c) => c.id)
        : [],
    );
    for (const colleague of engine.snapshot?.colleagues ?? []) {
      const expected = control.expected(colleague.id, now, {
        onlineLimitS: SETTINGS.onlineLimitSec,
      });
      if (expected?.presence !== colleague.presence)
        problems.push(
          `${colleague.id} is ${colleague.presence}, the oracle says ${expected?.presence} at ${new Date(now).toISOString()}`,
        );
      const desktopExpected = colleague.presence !== 'offline' && expected?.desktopRunning === true;
      if (
        wasAround.has(colleague.id) &&
        colleague.presence !== 'offline' &&
        colleague.desktop !== desktopExpected
      ) {
        problems.push(
          `${colleague.id} desktop ${colleague.desktop}, the oracle says ${desktopExpected} at ${new Date(now).toISOString()}`,
        );
      }
    }
    const expected: string[] = [];
    if (previous && mirror && previous !== mirror) {
      const before = new Map(previous.colleagues.map((c) => [c.id, c]));
      // A silent refresh is not observed by the policy: what it would have noted is not kept.
      const awaiting = report.silent ? new Set(awaitingReturn) : awaitingReturn;
      for (const after of mirror.colleagues) {
        const was = before.get(after.id);
        const kind = was ? qualifyingKind(was, after, awaiting) : null;
        if (kind) expected.push(`${kind}:${after.id}`);
      }
    }
    if (report.silent) {
      counts.suppressed += expected.length;
      // A gap (wake, timer gap, outage) is told in one digest: who came online, who left, who
      // is back from leave, computed here from the mirror's two states; never a per-person alert.
      const told: string[] = [];
      if (previous && mirror && previous !== mirror && GAP_REASONS.has(report.reason)) {
        const before = new Map(previous.colleagues.map((c) => [c.id, c]));
        for (const after of mirror.colleagues) {
          const was = before.get(after.id);
          if (!was || after.bot) continue;
          const leaveEnded = was.absentUntil !== null && after.absentUntil === null;
          if (leaveEnded || (was.presence === 'offline') !== (after.presence === 'offline'))
            told.push(`digest:${after.id}`);
        }
      }
      if (told.length > 0) counts.digests += 1;
      if (told.sort().join() !== alertedThisRefresh.sort().join()) {
        problems.push(
          `silent ${report.reason} refresh at ${new Date(now).toISOString()}: digest [${told.join()}], alerted [${alertedThisRefresh.join()}]`,
        );
      }
    } else {
      counts.qualifying += expected.length;
      counts.alertedPeople += alertedThisRefresh.length;
      if (expected.sort().join() !== alertedThisRefresh.sort().join()) {
        problems.push(
          `refresh at ${new Date(now).toISOString()}: expected [${expected.join()}], alerted [${alertedThisRefresh.join()}]`,
        );
      }
    }
    alertedThisRefresh = [];
    const [atPortal, fromClient] = rig.drainRequests();
    for (const at of atPortal) portalBucket.add(at);
    for (const at of fromClient) clientBucket.add(at);
  });

  engine.start();
  await clock.advance(0);
  expect(mirror).not.toBeNull();
  const listeners = engine.resourceCounts.listeners;
  const heap: number[] = [];
  const events = { sleeps: 0, unreportedSleeps: 0, faults: 0, revocations: 0 };

  const end = clock.now() + days * DAY_MS;
  let nextHeapSample = clock.now() + DAY_MS;
  {
    while (clock.now() < end) {
      // Per 30 s poll: ~2 reported and ~1 unreported sleep, ~10 outages, ~0.6 revocations a day.
      const roll = random();
      if (roll < 0.0008) {
        // Lid closed: the shell reports suspend and resume.
        events.sleeps += 1;
        engine.pause();
        await clock.advance(Math.round((0.5 + random() * 3) * 3600_000));
        engine.resume();
        await clock.advance(0);
      } else if (roll < 0.0012) {
        // Sleep the shell did not report: the wall clock jumps past the timers.
        events.unreportedSleeps += 1;
        clock.jump(Math.round((10 + random() * 120) * 60_000));
        await clock.advance(0);
      } else if (roll < 0.0045) {
        events.faults += 1;
        rig.fault(FAULTS[Math.floor(random() * FAULTS.length)]!, 1 + Math.floor(random() * 4));
      } else if (roll < 0.0047) {
        events.revocations += 1;
        rig.revoke();
        await clock.advance(POLL_MS * 4);
        rig.restore();
        await engine.refreshNow();
      }
      await clock.advance(POLL_MS);
      counts.maxTimers = Math.max(counts.maxTimers, clock.pendingTimers);
      if (clock.now() >= nextHeapSample) {
        heap.push(process.memoryUsage().heapUsed);
        nextHeapSample += DAY_MS;
      }
    }
  }

  rig.clearFaults();
  await clock.advance(POLL_MS * 10);
  if (process.env.B24_SOAK_DEBUG) console.log(JSON.stringify({ counts, events }));
  expect(listenerErrors).toEqual([]);
  expect(problems.slice(0, 10)).toEqual([]);
  expect(engine.health.state).toBe('ok');
  expect(counts.alertedPeople).toBe(counts.qualifying);
  expect(counts.qualifying).toBeGreaterThan(days * 20); // the run really had churn to alert on
  expect(counts.silent).toBeGreaterThan(days);
  expect(events.sleeps + events.unreportedSleeps).toBeGreaterThan(0);
  expect(events.faults).toBeGreaterThan(0);
  // The poller's timer, the client limiter's wait and one alert window at most.
  expect(counts.maxTimers).toBeLessThanOrEqual(3);
  expect(engine.resourceCounts.listeners).toBe(listeners);
  expect(engine.resourceCounts.alertTimers).toBeLessThanOrEqual(1);
  expect(portalBucket.peak).toBeLessThanOrEqual(50);
  expect(clientBucket.peak).toBeLessThanOrEqual(10 + 1e-9);
  // Generous without forced GC: a snapshot kept per poll would grow far beyond this in a week.
  if (heap.length >= 3)
    expect(heap.at(-1)! - Math.min(...heap.slice(1))).toBeLessThan(64 * 1024 * 1024);

  return {
    days,
    ...counts,
    ...events,
    lost: counts.qualifying - Math.min(counts.qualifying, counts.alertedPeople),
    portalPeak: Math.round(portalBucket.peak * 100) / 100,
    clientPeak: Math.round(clientBucket.peak * 100) / 100,
    heapGrowthMb: heap.length > 1 ? Math.round(((heap.at(-1)! - heap[0]!) / 1048576) * 10) / 10 : 0,
    realSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

describe('soak', () => {
  const rigs: Rig[] = [];
  afterAll(async () => {
    for (const rig of rigs) await rig.stop();
    if (process.env.B24_RELIABILITY_FIGURES) console.log(JSON.stringify(soakFigures));
  });

  it(`${HTTP_DAYS * 24} simulated hours of 30 s polls over loopback HTTP stay exact, bounded and quiet when they should`, async () => {
    const random = seededRandom(2026);
    const rig = await httpRig(random);
    rigs.push(rig);
    soakFigures.http = await soak(rig, HTTP_DAYS, random);
  }, 120_000);

  it(`${MEMORY_DAYS} simulated days of 30 s polls in memory stay exact, bounded and quiet when they should`, async () => {
    const random = seededRandom(7);
    const rig = await memoryRig(random);
    rigs.push(rig);
    soakFigures.memory = await soak(rig, MEMORY_DAYS, random);
  }, 120_000);
});
