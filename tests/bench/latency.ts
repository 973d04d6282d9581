import { ManualClock } from '../../electron/core/clock.js';
import { PresenceEngine } from '../../electron/core/engine/engine.js';
import { createBitrixSource } from '../../electron/core/engine/presence-source.js';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/shared/settings/schema.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import { settleOnEngine } from '../support/settle.js';
import { fmt, ms, ratio, type BenchRow, type BenchSection } from './report.js';
import { jsonLedger } from './engine-cpu.js';
import { max, median, seededRandom } from './stats.js';
import { demoClient } from './support.js';

/**
 * Alert latency after a change at the portal. One driven clock is shared by the demo portal
 * (evolve false) and a PresenceEngine polling it over loopback HTTP every 30 s with its real
 * jitter. For each sample a different person goes offline, a poll sees that, and at a random
 * offset within the next interval they come back online; latency is driven-clock time from
 * that change to the "online" alert, plus the real time the engine spent on that poll (HTTP,
 * parsing, diff, alerts), which the driven clock does not see.
 * Naive comparator, fed by the same engine's transitions in the same run: a trailing burst
 * window (debounce) that alerts burstWindowSec after the last transition, the usual way to
 * coalesce alerts, so every alert waits for the window.
 */
const SAMPLES = 50;
const TEAM = 500;
const STEP_MS = 1000;

export async function benchLatency(): Promise<BenchSection> {
  const clock = new ManualClock();
  const portal = await startDemoPortal({ clock, teamSize: TEAM, evolve: false, seed: 9 });
  const random = seededRandom(3);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    alerts: { ...DEFAULT_SETTINGS.alerts, burstWindowSec: 10 },
  };
  const intervalMs = settings.pollIntervalSec * 1000;
  const source = createBitrixSource(demoClient(portal, { clock }));
  let pollStartedAt = 0;
  const engine = new PresenceEngine({
    source: {
      fetch: (options) => {
        pollStartedAt = performance.now();
        return source.fetch(options);
      },
    },
    clock,
    getSettings: () => settings,
    alertLedger: jsonLedger(),
    locale: () => 'en',
    random: seededRandom(5),
  });
  settleOnEngine(clock, engine);

  let refreshes = 0;
  const alerts = new Map<number, { at: number; realMs: number }>();
  const naiveAlerts = new Map<number, number>();
  let naivePending: number[] = [];
  let naiveTimer: ReturnType<ManualClock['setTimeout']> | null = null;
  engine.on('refreshed', () => (refreshes += 1));
  engine.on('alert', (alert) => {
    for (const id of alert.userIds)
      alerts.set(id, { at: alert.at, realMs: performance.now() - pollStartedAt });
  });
  engine.on('transition', (transition) => {
    if (transition.from !== 'offline' || transition.to === 'offline') return;
    naivePending.push(transition.userId);
    if (naiveTimer !== null) clock.clearTimeout(naiveTimer);
    naiveTimer = clock.setTimeout(() => {
      for (const id of naivePending) naiveAlerts.set(id, clock.now());
      naivePending = [];
      naiveTimer = null;
    }, settings.alerts.burstWindowSec * 1000);
  });

  const waitForRefresh = async (): Promise<void> => {
    const seen = refreshes;
    for (let waited = 0; refreshes === seen; waited += STEP_MS) {
      if (waited > 3 * intervalMs) throw new Error('the engine stopped polling');
      await clock.advance(STEP_MS);
    }
  };

  const latencies: number[] = [];
  const realMs: number[] = [];
  const naiveLatencies: number[] = [];
  try {
    engine.start();
    await clock.advance(0);
    const ids = portal.control.teamIds();
    for (let sample = 0; sample < SAMPLES; sample++) {
      const id = ids[(sample * 7) % ids.length] as number;
      portal.control.updatePerson(id, { presence: 'offline' });
      await waitForRefresh();
      await clock.advance(Math.floor(random() * intervalMs));
      portal.control.updatePerson(id, { presence: 'online' });
      const changedAt = clock.now();
      for (let waited = 0; !(alerts.has(id) && naiveAlerts.has(id)); waited += STEP_MS) {
        if (waited > 3 * intervalMs)
          throw new Error(`no alert for ${id} within ${3 * intervalMs} ms`);
        await clock.advance(STEP_MS);
      }
      const alert = alerts.get(id) as { at: number; realMs: number };
      latencies.push(alert.at - changedAt + alert.realMs);
      realMs.push(alert.realMs);
      naiveLatencies.push((naiveAlerts.get(id) as number) - changedAt + alert.realMs);
    }
  } finally {
    await engine.stop();
    await portal.close();
  }

  const target = intervalMs + 1000;
  const row: BenchRow = {
    id: 'alert-latency',
    what: 'alert latency after a change at the portal',
    size: `${fmt(TEAM)}, 30 s interval, ${SAMPLES} samples`,
    measured: `max ${fmt(max(latencies) / 1000, 1)} s, median ${fmt(median(latencies) / 1000, 1)} s`,
    naive: `max ${fmt(max(naiveLatencies) / 1000, 1)} s, median ${fmt(median(naiveLatencies) / 1000, 1)} s`,
    ratio: ratio(max(latencies), max(naiveLatencies)),
    target: `≤ ${fmt(target / 1000)} s (interval + 1 s)`,
    pass: max(latencies) <= target,
    data: {
      maxMs: max(latencies),
      medianMs: median(latencies),
      naiveMaxMs: max(naiveLatencies),
      naiveMedianMs: median(naiveLatencies),
      realProcessingMedianMs: median(realMs),
      realProcessingMaxMs: max(realMs),
      samples: SAMPLES,
    },
  };
  return {
    name: 'latency',
    rows: [row],
    notes: {
      realProcessing: `${ms(median(realMs))} median, ${ms(max(realMs))} max of real time per poll (included)`,
    },
  };
}
