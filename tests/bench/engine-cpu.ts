import { ManualClock } from '../../electron/core/clock.js';
import type {
  Colleague,
  ColleagueChange,
  PresenceTransition,
} from '../../electron/shared/domain.js';
import type { RawUser } from '../../electron/core/bitrix/types.js';
import { PresenceModel, toColleagues } from '../../electron/core/presence/model.js';
import { UserChecks } from '../../electron/core/bitrix/schemas.js';
import { transitionBetween } from '../../electron/core/presence/transitions.js';
import { SnapshotTracker } from '../../electron/core/snapshot/tracker.js';
import { AlertPolicy } from '../../electron/core/alerts/policy.js';
import { PresenceEngine } from '../../electron/core/engine/engine.js';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/shared/settings/schema.js';
import type { AlertLedgerPort } from '../../electron/core/ports.js';
import { parseJson, rawUsersFromJson } from './pipeline.js';
import { DemoPayloads, type Poll } from './payloads.js';
import { fmt, ms, ratio, type BenchRow, type BenchSection } from './report.js';
import { median, p95 } from './stats.js';

/**
 * Engine CPU per poll at 5,000 colleagues with 1 % changing presence, from the response bodies
 * the portal sends to the alerts, in four parts:
 *   (a) response text → RawUser[]: (a1) V8's JSON.parse, (a2) envelope and batch schemas (zod),
 *       the user check (the source's UserChecks: an object equal to last poll's keeps its
 *       RawUser, others go through ajv, zod's lenient schema for the objects it rejects), one
 *       entry per id (what client.ts and team.ts do with a batch answer);
 *   (b) model: RawUser → Colleague for everyone (PresenceModel, as the engine runs it: a RawUser
 *       seen last poll only has its time-dependent fields derived again);
 *   (c) diff: SnapshotTracker.update (canonical order, merge walk, patch, transitions);
 *   (d) alerts: AlertPolicy.observe with the tracker's id index, the ledger persisted as JSON.
 * Polls come from the demo portal's own handlers (payloads.ts), forward in time. Each part is
 * timed on its own around the real core code; median and p95 over RUNS polls after WARMUP, in
 * wall time. The total is also taken in process CPU time (less disturbed by other processes on
 * a loaded machine, though it includes V8's GC threads).
 * The naive comparator replaces (c) with what a first version would write: JSON.stringify every
 * person, compare the strings with the previous poll's and diff the changed ones key by key
 * through JSON; (a), (b) and (d) are the same code (no cheaper honest way to read the JSON
 * exists, the model has to run for everyone, the alerts only see changes).
 * The plain comparator (cpu-plain) is the same poll with nothing reused: every object through
 * the check, toColleagues from scratch, a second tracker; its colleagues and patch must equal the
 * adopted path's, poll by poll, or the bench fails.
 * The floor is JSON.parse itself: the whole poll is compared with it, poll by poll in the same
 * run (the median of the per-poll ratios, so a loaded machine slows both sides alike), against
 * the target of 1.6 ×.
 */
const WARMUP = 20;
const RUNS = 60;
const SIZE = 5000;
const TARGET_MS = 5;
/** The whole poll, as a multiple of JSON.parse of its bodies alone. */
const TARGET_JSON_RATIO = 1.6;

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

/** An alert ledger port that at least serialises what it persists, as electron-store does (without the disk write). */
export function jsonLedger(): AlertLedgerPort {
  let stored = '{}';
  return {
    load: () => JSON.parse(stored) as Record<string, string>,
    save: (ledger) => {
      stored = JSON.stringify(ledger);
    },
  };
}

/** The naive diff: whole-person JSON strings, then a generic key-by-key diff of the changed ones. */
class NaiveTracker {
  private previous = new Map<number, { json: string; colleague: Colleague }>();

  update(
    colleagues: readonly Colleague[],
    at: number,
  ): {
    changed: ColleagueChange[];
    added: Colleague[];
    removed: number[];
    transitions: PresenceTransition[];
  } {
    const next = new Map<number, { json: string; colleague: Colleague }>();
    const changed: ColleagueChange[] = [];
    const added: Colleague[] = [];
    const transitions: PresenceTransition[] = [];
    for (const colleague of [...colleagues].sort((a, b) => a.id - b.id)) {
      const json = JSON.stringify(colleague);
      next.set(colleague.id, { json, colleague });
      const before = this.previous.get(colleague.id);
      if (before === undefined) {
        added.push(colleague);
      } else if (before.json !== json) {
        const fields: Record<string, unknown> = {};
        for (const key of Object.keys(colleague) as (keyof Colleague)[]) {
          if (JSON.stringify(before.colleague[key]) !== JSON.stringify(colleague[key]))
            fields[key] = colleague[key];
        }
        changed.push({ id: colleague.id, fields });
        const transition = transitionBetween(before.colleague, colleague, at);
        if (transition) transitions.push(transition);
      }
    }
    const removed = [...this.previous.keys()].filter((id) => !next.has(id));
    this.previous = next;
    return { changed, added, removed, transitions };
  }
}

interface Sample {
  json: number;
  schema: number;
  /** (a2)–(c) with nothing reused: the full check, toColleagues and a tracker of its own. */
  plain: number;
  model: number;
  diff: number;
  naiveDiff: number;
  alerts: number;
  /** Process CPU time of (a)–(d). */
  cpu: number;
  patchPeople: number;
  transitions: number;
}

async function timeParts(): Promise<{
  samples: Sample[];
  alertsDelivered: number;
  responseBytes: number;
  changedPerPoll: number;
}> {
  const payloads = new DemoPayloads({ size: SIZE, changedShare: 0.01 });
  const settings: Settings = DEFAULT_SETTINGS;
  let alertsDelivered = 0;
  const policy = new AlertPolicy({
    clock: payloads.clock,
    getSettings: () => settings,
    ledger: jsonLedger(),
    emit: () => {
      alertsDelivered += 1;
    },
    locale: () => 'en',
  });
  const tracker = new SnapshotTracker();
  const naive = new NaiveTracker();
  const checks = new UserChecks();
  const model = new PresenceModel();
  const plainTracker = new SnapshotTracker();
  const modelOptions = { onlineLimitSec: settings.onlineLimitSec };
  const samples: Sample[] = [];
  let responseBytes = 0;

  for (let run = 0; run <= WARMUP + RUNS; run++) {
    const poll: Poll = await payloads.next();
    responseBytes = poll.bodies.reduce((sum, body) => sum + body.length, 0);
    // A poll comes every 30 s: the garbage of the previous one (and of the portal generating this
    // one, and of the comparators) is collected in between, not billed to whichever part runs
    // into the collector first. Both the floor and the parts start from the same clean heap.
    collectGarbage();
    const cpuStart = process.cpuUsage();
    let t = performance.now();
    const json = parseJson(poll.bodies);
    const tJson = performance.now() - t;

    t = performance.now();
    const raw: RawUser[] = rawUsersFromJson(json, checks);
    const tSchema = performance.now() - t;

    t = performance.now();
    const colleagues = model.update(raw, poll.at, modelOptions);
    const tModel = performance.now() - t;

    t = performance.now();
    const update = tracker.update(colleagues, poll.at);
    const tDiff = performance.now() - t;

    t = performance.now();
    if (run === 0) policy.baseline(update.snapshot.colleagues);
    else if (update.patch) policy.observe(update.transitions, tracker.byId, update.patch.removed);
    const tAlerts = performance.now() - t;
    const cpu = process.cpuUsage(cpuStart);

    if (raw.length !== payloads.size)
      throw new Error(`parsed ${raw.length} people, the portal has ${payloads.size}`);

    // The comparators, outside the measured pipeline.
    t = performance.now();
    const naiveUpdate = naive.update(colleagues, poll.at);
    const tNaive = performance.now() - t;
    collectGarbage();
    t = performance.now();
    const plainColleagues = toColleagues(rawUsersFromJson(json), poll.at, modelOptions);
    const plainUpdate = plainTracker.update(plainColleagues, poll.at);
    const tPlain = performance.now() - t;
    if (
      JSON.stringify(plainColleagues) !== JSON.stringify(colleagues) ||
      JSON.stringify(plainUpdate.patch) !== JSON.stringify(update.patch)
    ) {
      throw new Error(`poll ${run}: the reusing path differs from the plain one`);
    }
    const trackerChanges = update.patch
      ? update.patch.changed.length + (update.patch.activity?.length ?? 0)
      : 0;
    if (run > 0 && naiveUpdate.changed.length !== trackerChanges) {
      throw new Error(
        `the naive diff found ${naiveUpdate.changed.length} changes, the tracker ${trackerChanges}`,
      );
    }

    if (run > WARMUP) {
      samples.push({
        json: tJson,
        schema: tSchema,
        plain: tPlain,
        model: tModel,
        diff: tDiff,
        naiveDiff: tNaive,
        alerts: tAlerts,
        cpu: (cpu.user + cpu.system) / 1000,
        patchPeople: update.patch
          ? trackerChanges + update.patch.added.length + update.patch.removed.length
          : 0,
        transitions: update.transitions.length,
      });
    }
  }
  policy.dispose();
  return { samples, alertsDelivered, responseBytes, changedPerPoll: payloads.changedPerPoll };
}

/** Cross-check: the whole PresenceEngine refresh, its source parsing the bodies. */
async function engineEndToEnd(): Promise<number[]> {
  const payloads = new DemoPayloads({ size: SIZE, changedShare: 0.01, seed: 7 });
  const clock = new ManualClock();
  let poll: Poll = await payloads.next();
  const checks = new UserChecks(); // as createBitrixSource keeps one
  const engine = new PresenceEngine({
    source: {
      fetch: async () => ({
        users: rawUsersFromJson(parseJson(poll.bodies), checks),
        missingWatchIds: [],
        desktop: new Map(),
        degraded: 0,
        requests: poll.bodies.length,
      }),
    },
    clock,
    getSettings: () => DEFAULT_SETTINGS,
    alertLedger: jsonLedger(),
    locale: () => 'en',
    random: () => 0.99,
  });
  const times: number[] = [];
  engine.start();
  await engine.idle();
  for (let run = 1; run <= WARMUP + RUNS; run++) {
    poll = await payloads.next();
    // Alert windows close on the way; the poll itself is run by hand, timed.
    await clock.advance(payloads.intervalMs / 2);
    clock.jump(poll.at - clock.now());
    const start = performance.now();
    await engine.refreshNow();
    if (run > WARMUP) times.push(performance.now() - start);
  }
  await engine.stop();
  return times;
}

export async function benchEngineCpu(): Promise<BenchSection> {
  const { samples, alertsDelivered, responseBytes, changedPerPoll } = await timeParts();
  const endToEnd = await engineEndToEnd();
  const part = (key: keyof Sample): number[] => samples.map((sample) => sample[key]);
  const totals = samples.map((s) => s.json + s.schema + s.model + s.diff + s.alerts);
  const withoutJson = samples.map((s) => s.schema + s.model + s.diff + s.alerts);
  const naiveTotals = samples.map((s) => s.json + s.schema + s.model + s.naiveDiff + s.alerts);
  const naiveWithoutJson = samples.map((s) => s.schema + s.model + s.naiveDiff + s.alerts);
  const plainWithoutJson = samples.map((s) => s.plain + s.alerts);
  const size = `${fmt(SIZE)}, ${fmt(changedPerPoll)} changed`;

  const row = (
    id: string,
    what: string,
    values: number[],
    naiveValues: number[] | null,
    target: string,
    pass: boolean | null,
    naiveLabel = 'same code',
  ): BenchRow => ({
    id,
    what,
    size,
    measured: `${ms(median(values))} (p95 ${ms(p95(values))})`,
    naive: naiveValues ? ms(median(naiveValues)) : naiveLabel,
    ratio: naiveValues ? ratio(median(values), median(naiveValues)) : '—',
    target,
    pass,
    data: {
      median: median(values),
      p95: p95(values),
      ...(naiveValues ? { naiveMedian: median(naiveValues), naiveP95: p95(naiveValues) } : {}),
      runs: values.length,
    },
  });

  const jsonRatios = samples.map((s) => (s.json + s.schema + s.model + s.diff + s.alerts) / s.json);
  const jsonRatio = median(jsonRatios);
  const vsJson: BenchRow = {
    id: 'cpu-vs-json',
    what: 'engine CPU per poll (a–d) vs JSON.parse alone',
    size,
    measured: ms(median(totals)),
    naive: `${ms(median(part('json')))} (JSON.parse)`,
    ratio: `${fmt(jsonRatio, 2)}×`,
    target: `≤ ${TARGET_JSON_RATIO}× JSON.parse`,
    pass: jsonRatio <= TARGET_JSON_RATIO,
    data: {
      medianRatio: jsonRatio,
      p95Ratio: p95(jsonRatios),
      ratioOfMedians: median(totals) / median(part('json')),
      runs: samples.length,
    },
  };
  const rows: BenchRow[] = [
    vsJson,
    row(
      'cpu-total',
      'engine CPU per poll, total (a–d)',
      totals,
      naiveTotals,
      `median < ${TARGET_MS} ms`,
      median(totals) < TARGET_MS,
    ),
    row(
      'cpu-total-cputime',
      '  same, in process CPU time',
      part('cpu'),
      null,
      `median < ${TARGET_MS} ms`,
      median(part('cpu')) < TARGET_MS,
      '—',
    ),
    row(
      'cpu-no-json',
      'engine CPU per poll without JSON.parse',
      withoutJson,
      naiveWithoutJson,
      `median < ${TARGET_MS} ms`,
      median(withoutJson) < TARGET_MS,
    ),
    row('cpu-json', '  (a1) JSON.parse of the bodies', part('json'), null, 'reported', null),
    row(
      'cpu-schema',
      '  (a2) checks → RawUser[] (unchanged kept, ajv, zod fallback)',
      part('schema'),
      null,
      'reported',
      null,
    ),
    row('cpu-model', '  (b) model (PresenceModel)', part('model'), null, 'reported', null),
    row(
      'cpu-diff',
      '  (c) diff + transitions (tracker)',
      part('diff'),
      part('naiveDiff'),
      'reported',
      null,
    ),
    row('cpu-alerts', '  (d) alerts (policy.observe)', part('alerts'), null, 'reported', null),
    row(
      'cpu-plain',
      'without JSON.parse vs nothing reused (plain path)',
      withoutJson,
      plainWithoutJson,
      'same result',
      null,
    ),
    row(
      'cpu-engine',
      'engine.refreshNow() end to end, no HTTP',
      endToEnd,
      null,
      'cross-check of (a–d)',
      null,
    ),
  ];
  return {
    name: 'engine-cpu',
    rows,
    notes: {
      responseBytesPerPoll: responseBytes,
      medianPeopleInPatch: median(part('patchPeople')),
      medianTransitions: median(part('transitions')),
      alertsDelivered,

      naive:
        'diff by JSON.stringify of every person compared with the previous poll; changed people diffed key by key via JSON.stringify',
      plain:
        'cpu-plain: the naive column is the same poll with nothing reused (every object through the check, toColleagues from scratch, a tracker of its own, the same alerts); the bench fails if its colleagues or patch differ from the adopted path',
      plainMedianMs: median(part('plain')),
    },
  };
}
