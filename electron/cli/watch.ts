import { systemClock, type Clock } from '../core/clock.js';
import type { Colleague, ColleagueChange, Health, Patch, PortalReports, Presence, PresenceTransition, Snapshot } from '../shared/domain.js';
import { B24Client } from '../core/bitrix/client.js';
import { parseWebhookUrl } from '../core/bitrix/webhook-url.js';
import { PresenceEngine } from '../core/engine/engine.js';
import { createBitrixSource } from '../core/engine/presence-source.js';
import { startAppDemo, type AppDemoOptions } from '../core/demo-start.js';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings/schema.js';
import type { DemoPortal } from '../demo/types.js';
import { UsageError, type WatchArgs } from './args.js';
import { memoryPorts } from './memory-ports.js';

export interface WatchIo {
  /** One line of output, without the newline. */
  readonly write: (line: string) => void;
  /** Starts the demo for --demo; the app's own start-up (core/demo-start.ts) unless a test brings one. */
  readonly startDemo?: (options: AppDemoOptions) => Promise<DemoPortal>;
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
 * as NDJSON (one object per line, each with `type` and an ISO `at`). The NDJSON events are a
 * public interface (documented in the README): `ready` carries the whole snapshot, then
 * `added`, `change` (the changed fields, plus `from`/`to` for a presence transition) and
 * `removed` keep a script's copy equal to the panel's; `reports`, `alert`, `health` and `error`
 * say the rest. Names only ever gain fields.
 */
export async function startWatch(args: WatchArgs, io: WatchIo): Promise<WatchSession> {
  const clock = io.clock ?? systemClock;
  const startDemo = io.startDemo ?? startAppDemo;
  const demo = args.demo ? await startDemo({ teamSize: args.demoTeamSize, legacy: args.demoLegacy }) : null;
  const url = demo ? demo.webhookUrl : args.webhookUrl;
  const parsed = parseWebhookUrl(url ?? '');
  if (!parsed.ok) {
    await demo?.close();
    throw new UsageError(parsed.error);
  }
  // The settings and the alert memory live in memory for the run, as in browser mode.
  const ports = memoryPorts(watchSettings(args));
  const print = args.json ? ndjsonPrinter(io.write, clock) : textPrinter(io.write, clock);
  const engine = new PresenceEngine({
    source: createBitrixSource(new B24Client({ credential: parsed.value, clock })),
    clock,
    getSettings: () => ports.settings.load(),
    alertMemory: ports.alertMemory,
    locale: () => 'en',
    ...(io.random ? { random: io.random } : {}),
  });

  const where = demo ? (args.demoLegacy ? 'demo portal (old on-premise)' : 'demo portal') : parsed.value.portalHost;
  // A refresh's patch and its transitions are printed together once the refresh is done.
  let pendingPatch: Patch | null = null;
  const pendingTransitions = new Map<number, PresenceTransition>();
  let ready = false;
  engine.on('snapshot', (snapshot) => {
    ready = true;
    print.ready(snapshot, engine.reports, where);
  });
  engine.on('reports', (reports) => {
    if (ready) print.reports(reports);
  });
  engine.on('patch', (patch) => (pendingPatch = patch));
  engine.on('transition', (transition) => pendingTransitions.set(transition.userId, transition));
  engine.on('refreshed', () => {
    if (pendingPatch) print.patch(pendingPatch, pendingTransitions);
    pendingPatch = null;
    pendingTransitions.clear();
  });
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
  ready(snapshot: Snapshot, reports: PortalReports, where: string): void;
  reports(reports: PortalReports): void;
  patch(patch: Patch, transitions: ReadonlyMap<number, PresenceTransition>): void;
  alert(title: string, body: string, userIds: readonly number[]): void;
  health(health: Health): void;
}

function ndjsonPrinter(write: (line: string) => void, clock: Clock): Printer {
  const emit = (type: string, fields: Record<string, unknown>): void =>
    write(JSON.stringify({ type, at: new Date(clock.now()).toISOString(), ...fields }));
  const names = new Map<number, string>();
  const remember = (colleagues: readonly Colleague[]): void => {
    for (const colleague of colleagues) names.set(colleague.id, colleague.name);
  };
  const change = (item: ColleagueChange, transition: PresenceTransition | undefined): Record<string, unknown> => {
    if (item.fields.name !== undefined) names.set(item.id, item.fields.name);
    return {
      userId: item.id,
      name: names.get(item.id) ?? `#${item.id}`,
      fields: item.fields,
      ...(transition && transition.from !== transition.to ? { from: transition.from, to: transition.to } : {}),
      ...(transition?.leave ? { leave: transition.leave } : {}),
    };
  };
  return {
    ready: (snapshot, reports) => {
      remember(snapshot.colleagues);
      emit('ready', { seq: snapshot.seq, count: snapshot.colleagues.length, reports, colleagues: snapshot.colleagues });
    },
    reports: (reports) => emit('reports', { reports }),
    patch: (patch, transitions) => {
      remember(patch.added);
      for (const colleague of patch.added) emit('added', { seq: patch.seq, colleague });
      for (const item of patch.changed) emit('change', { seq: patch.seq, ...change(item, transitions.get(item.id)) });
      for (const id of patch.removed) {
        emit('removed', { seq: patch.seq, userId: id, name: names.get(id) ?? `#${id}` });
        names.delete(id);
      }
    },
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
  const describe = (presence: Presence): string => (presence === 'idle' ? 'no activity' : presence);
  return {
    ready: (snapshot, _reports, where) => line(`Watching ${snapshot.colleagues.length} colleagues on ${where}. Ctrl+C stops.`),
    reports: () => undefined,
    patch: (_patch, transitions) => {
      for (const { name, from, to, leave } of transitions.values()) {
        const move = from === to ? '' : `${describe(from)} → ${describe(to)}`;
        const note = leave === 'started' ? 'leave started' : leave === 'ended' ? 'back from leave' : '';
        line(`${name}: ${[move, note && (move ? `(${note})` : note)].filter(Boolean).join(' ')}`);
      }
    },
    alert: (title, body) => line(`🔔 ${title}${body ? ` — ${body}` : ''}`),
    health: (health) => {
      if (health.state === 'ok') line('Connected; data is fresh.');
      else if (health.state === 'rate-limited' && health.until !== null)
        line(`Rate limited by the portal; next try at ${new Date(health.until).toLocaleTimeString()}.`);
      else if (health.state !== 'connecting') line(`${health.state}: ${health.message ?? health.code ?? ''}`);
    },
  };
}
