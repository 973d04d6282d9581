import { systemClock, type Clock } from '../core/clock.js';
import type { Health, Presence } from '../core/domain.js';
import { B24Client } from '../core/bitrix/client.js';
import { parseWebhookUrl } from '../core/bitrix/webhook-url.js';
import { PresenceEngine } from '../core/engine/engine.js';
import { createBitrixSource } from '../core/engine/presence-source.js';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings/schema.js';
import type { DemoPortal } from '../demo/types.js';
import { UsageError, type WatchArgs } from './args.js';

export interface WatchIo {
  /** One line of output, without the newline. */
  readonly write: (line: string) => void;
  readonly startDemo: (teamSize: number) => Promise<DemoPortal>;
  readonly clock?: Clock;
  readonly random?: () => number;
}

export interface WatchSession {
  readonly engine: PresenceEngine;
  readonly demo: DemoPortal | null;
  stop(): Promise<void>;
}

const SCOPE = { all: 'everyone', starred: 'starred', none: 'nobody' } as const;

export function watchSettings(args: WatchArgs): Settings {
  return {
    ...DEFAULT_SETTINGS,
    pollIntervalSec: args.intervalSec,
    onlineLimitSec: args.onlineLimitSec,
    alerts: { ...DEFAULT_SETTINGS.alerts, scope: SCOPE[args.alerts] },
    rules: Object.fromEntries(args.star.map((id) => [String(id), 'starred' as const])),
  };
}

/**
 * The headless watcher: the desktop app's engine, printing what it sees as a readable log or
 * as NDJSON (one object per line, each with `type` and an ISO `at`).
 */
export async function startWatch(args: WatchArgs, io: WatchIo): Promise<WatchSession> {
  const clock = io.clock ?? systemClock;
  const demo = args.demo ? await io.startDemo(args.demoTeamSize) : null;
  const url = demo ? demo.webhookUrl : args.webhookUrl;
  const parsed = parseWebhookUrl(url ?? '');
  if (!parsed.ok) {
    await demo?.close();
    throw new UsageError(parsed.error);
  }
  const settings = watchSettings(args);
  let alertMemory: Record<string, string> = {};
  const print = args.json ? ndjsonPrinter(io.write, clock) : textPrinter(io.write, clock);
  const engine = new PresenceEngine({
    source: createBitrixSource(new B24Client({ credential: parsed.value, clock })),
    clock,
    getSettings: () => settings,
    // In memory for the run: the policy prunes people who left, so a save replaces, never merges.
    alertMemory: { load: () => ({ ...alertMemory }), save: (memory) => (alertMemory = { ...memory }) },
    locale: () => 'en',
    ...(io.random ? { random: io.random } : {}),
  });

  engine.on('snapshot', (snapshot) => print.ready(snapshot.colleagues.length, demo ? 'demo portal' : parsed.value.portalHost));
  engine.on('transition', (transition) => print.change(transition.userId, transition.name, transition.from, transition.to, transition.leave));
  engine.on('alert', (alert) => print.alert(alert.title, alert.body, alert.userIds));
  let lastHealth: Health = engine.health;
  engine.on('health', (health) => {
    const changed = health.state !== lastHealth.state || health.code !== lastHealth.code;
    lastHealth = health;
    if (changed) print.health(health);
  });
  engine.start();

  return {
    engine,
    demo,
    async stop() {
      await engine.stop();
      await demo?.close();
    },
  };
}

interface Printer {
  ready(colleagues: number, where: string): void;
  change(userId: number, name: string, from: Presence, to: Presence, leave: 'started' | 'ended' | undefined): void;
  alert(title: string, body: string, userIds: readonly number[]): void;
  health(health: Health): void;
}

function ndjsonPrinter(write: (line: string) => void, clock: Clock): Printer {
  const emit = (type: string, fields: Record<string, unknown>): void =>
    write(JSON.stringify({ type, at: new Date(clock.now()).toISOString(), ...fields }));
  return {
    ready: (colleagues) => emit('ready', { colleagues }),
    change: (userId, name, from, to, leave) => emit('change', { userId, name, from, to, ...(leave ? { leave } : {}) }),
    alert: (title, body, userIds) => emit('alert', { title, body, userIds }),
    health: (health) => {
      emit('health', {
        state: health.state,
        since: new Date(health.since).toISOString(),
        ...(health.until !== null ? { until: new Date(health.until).toISOString() } : {}),
        ...(health.code ? { code: health.code } : {}),
      });
      if (health.state !== 'ok' && health.code) emit('error', { code: health.code, message: health.message ?? health.code });
    },
  };
}

function textPrinter(write: (line: string) => void, clock: Clock): Printer {
  const line = (text: string): void => write(`${new Date(clock.now()).toLocaleTimeString()}  ${text}`);
  return {
    ready: (colleagues, where) => line(`Watching ${colleagues} colleagues on ${where}. Ctrl+C stops.`),
    change: (_userId, name, from, to, leave) =>
      line(`${name}: ${from} → ${to}${leave === 'started' ? ' (leave started)' : leave === 'ended' ? ' (back from leave)' : ''}`),
    alert: (title, body) => line(`🔔 ${title}${body ? ` — ${body}` : ''}`),
    health: (health) => {
      if (health.state === 'ok') line('Connected; data is fresh.');
      else if (health.state === 'rate-limited' && health.until !== null)
        line(`Rate limited by the portal; next try at ${new Date(health.until).toLocaleTimeString()}.`);
      else if (health.state !== 'connecting') line(`${health.state}: ${health.message ?? health.code ?? ''}`);
    },
  };
}
