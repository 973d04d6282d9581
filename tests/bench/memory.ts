import { ManualClock } from '../../electron/core/clock.js';
import type { RawUser } from '../../electron/core/bitrix/types.js';
import type { Snapshot } from '../../electron/shared/domain.js';
import { PresenceEngine } from '../../electron/core/engine/engine.js';
import { DEFAULT_SETTINGS } from '../../electron/shared/settings/schema.js';
import { DemoPayloads } from './payloads.js';
import { seededRandom } from './stats.js';
import { jsonLedger } from './engine-cpu.js';
import { bytes, fmt, type BenchRow, type BenchSection } from './report.js';
import { collectGarbage, linearFit } from './stats.js';

/**
 * Engine memory over a long run: 5,000 colleagues, 1,000 polls, through the real
 * PresenceEngine on a driven clock with an in-memory source (no HTTP, so it runs in seconds).
 * The people are the demo portal's, read once; after that the source changes them itself, so
 * nothing but the engine grows or shrinks in this process: each poll 1 % of the people move
 * to another presence (dates set as Bitrix24 would report them), and a rotating tenth of the
 * team at work gets a refreshed last-activity date, so the engine sees new objects every poll.
 * After every SAMPLE_EVERY polls: global.gc(), then heapUsed. The first sample is taken after
 * WARMUP polls (caches and the alert ledger fill up first). Flat = the fitted growth over
 * 1,000 polls and the last-minus-first difference both stay under FLAT_BYTES.
 * Naive comparator, same run length: the same engine with a consumer that keeps every
 * snapshot (a history), to show the measurement sees a leak of that size.
 */
const POLLS = 1000;
const NAIVE_POLLS = 300;
const SAMPLE_EVERY = 50;
const WARMUP = 100;
const FLAT_BYTES = 1024 * 1024;

interface MemoryRun {
  readonly polls: number[];
  readonly heap: number[];
  readonly slopePerPoll: number;
  readonly residualSd: number;
  /** People the alert ledger holds at the end: bounded by the team, it fills up as people get alerted. */
  readonly alertLedgerEntries: number[];
}

/** ATOM in the demo portal's offset (+03:00), as the im.* methods send dates. */
function atom(ms: number): string {
  return `${new Date(ms + 3 * 3_600_000).toISOString().slice(0, 19)}+03:00`;
}

type Kind = 'online' | 'idle' | 'mobile' | 'offline';
const KINDS: readonly Kind[] = ['online', 'idle', 'mobile', 'offline'];

function withPresence(user: RawUser, kind: Kind, now: number): RawUser {
  switch (kind) {
    case 'online':
      return {
        ...user,
        idle: false,
        last_activity_date: atom(now),
        desktop_last_date: atom(now),
        mobile_last_date: false,
      };
    case 'idle':
      return {
        ...user,
        idle: atom(now - 300_000),
        last_activity_date: atom(now - 300_000),
        desktop_last_date: atom(now),
        mobile_last_date: false,
      };
    case 'mobile':
      return {
        ...user,
        idle: false,
        last_activity_date: atom(now),
        desktop_last_date: false,
        mobile_last_date: atom(now),
      };
    case 'offline':
      return {
        ...user,
        idle: false,
        last_activity_date: atom(now - 2 * 3_600_000),
        desktop_last_date: false,
        mobile_last_date: false,
      };
  }
}

async function run(polls: number, keepHistory: boolean): Promise<MemoryRun> {
  const payloads = new DemoPayloads({ size: 5000, changedShare: 0.01, seed: 13 });
  const ids = payloads.teamIds;
  const clock = new ManualClock(payloads.clock.now());
  const random = seededRandom(17);
  const kind = new Map<number, Kind>();
  const current = new Map<number, RawUser>();
  for (const id of ids) {
    const start = KINDS[Math.floor(random() * KINDS.length)] as Kind;
    kind.set(id, start);
    current.set(id, withPresence(payloads.rawUser(id) as RawUser, start, clock.now()));
  }
  const changedPerPoll = payloads.changedPerPoll;
  let poll = 0;
  const churn = (): void => {
    const now = clock.now();
    for (let n = 0; n < changedPerPoll; n++) {
      const id = ids[Math.floor(random() * ids.length)] as number;
      const others = KINDS.filter((k) => k !== kind.get(id));
      const next = others[Math.floor(random() * others.length)] as Kind;
      kind.set(id, next);
      current.set(id, withPresence(current.get(id) as RawUser, next, now));
    }
    // Bitrix24 refreshes the dates of people at work every few minutes.
    for (let i = poll % 10; i < ids.length; i += 10) {
      const id = ids[i] as number;
      const k = kind.get(id) as Kind;
      if (k !== 'offline') current.set(id, withPresence(current.get(id) as RawUser, k, now));
    }
  };
  const alertLedger = jsonLedger();
  const engine = new PresenceEngine({
    source: {
      fetch: async () => ({
        users: [...current.values()],
        missingWatchIds: [],
        desktop: new Map(),
        degraded: 0,
        requests: 1,
      }),
    },
    clock,
    getSettings: () => DEFAULT_SETTINGS,
    alertLedger,
    locale: () => 'en',
    random: () => 0,
  });
  const history: Snapshot[] = [];
  if (keepHistory) engine.on('patch', () => history.push(engine.snapshot as Snapshot));
  const xs: number[] = [];
  const heap: number[] = [];
  const entries: number[] = [];
  engine.start();
  await clock.advance(0);
  for (poll = 1; poll <= polls; poll++) {
    await clock.advance(payloads.intervalMs - 1000);
    churn();
    await clock.advance(1000); // the poll
    if (poll >= WARMUP && poll % SAMPLE_EVERY === 0) {
      collectGarbage();
      collectGarbage();
      xs.push(poll);
      heap.push(process.memoryUsage().heapUsed);
      entries.push(Object.keys(alertLedger.load()).length);
    }
  }
  const counts = engine.resourceCounts;
  await engine.stop();
  if (counts.alertTimers > 1 || clock.pendingTimers > 2)
    throw new Error(`timers pile up: ${JSON.stringify(counts)}, ${clock.pendingTimers} pending`);
  const fit = linearFit(xs, heap);
  history.length = 0;
  return {
    polls: xs,
    heap,
    slopePerPoll: fit.slope,
    residualSd: fit.residualSd,
    alertLedgerEntries: entries,
  };
}

export async function benchMemory(): Promise<BenchSection> {
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
    throw new Error('the memory bench needs node --expose-gc');
  const measured = await run(POLLS, false);
  collectGarbage();
  const naive = await run(NAIVE_POLLS, true);
  const first = measured.heap[0] as number;
  const last = measured.heap.at(-1) as number;
  const growth1000 = measured.slopePerPoll * 1000;
  const flat = Math.abs(growth1000) < FLAT_BYTES && last - first < FLAT_BYTES;
  const row: BenchRow = {
    id: 'memory',
    what: 'engine heap over 1,000 polls (after gc)',
    size: '5,000, 1 % changed/poll',
    measured: `${bytes(first)} → ${bytes(last)}, slope ${bytes(Math.round(measured.slopePerPoll))}/poll`,
    naive: `slope ${bytes(Math.round(naive.slopePerPoll))}/poll (keeps history)`,
    ratio:
      naive.slopePerPoll > 0
        ? `${fmt((measured.slopePerPoll / naive.slopePerPoll) * 100, 2)} %`
        : '—',
    target: `flat: growth/1,000 polls < ${bytes(FLAT_BYTES)}`,
    pass: flat,
    data: {
      firstBytes: first,
      lastBytes: last,
      slopeBytesPerPoll: measured.slopePerPoll,
      growthPer1000PollsBytes: growth1000,
      residualSdBytes: measured.residualSd,
      samples: measured.heap.map((value, i) => [measured.polls[i], value]),
      // The alert ledger (one entry per person ever alerted, pruned when they leave) fills up
      // over the run: bounded by the team, it is the expected part of any growth.
      alertLedgerEntriesAtSamples: measured.alertLedgerEntries,
      naiveSlopeBytesPerPoll: naive.slopePerPoll,
      naivePolls: NAIVE_POLLS,
      flatThresholdBytes: FLAT_BYTES,
    },
  };
  return { name: 'memory', rows: [row] };
}
