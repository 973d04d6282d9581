import { systemClock, type Clock } from '../core/clock.js';
import type { Colleague, ColleagueChange, Digest, Health, Patch, PortalReports, Presence, PresenceTransition, Snapshot } from '../shared/domain.js';
import type { PresenceEngine } from '../core/engine/engine.js';
import { countPresence } from '../shared/presence/counts.js';
import { patchChanges } from '../shared/snapshot/diff.js';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings/schema.js';
import type { DemoPortal } from '../demo/types.js';
import type { WatchArgs } from './args.js';
import { connect, type ConnectIo } from './connect.js';
import { clockTime, summaryLine, terminalSafe } from './team-text.js';

export interface WatchIo extends ConnectIo {
  /** One line of output, without the newline. */
  readonly write: (line: string) => void;
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
  const connection = await connect(args, watchSettings(args), io);
  const { engine, demo, where } = connection;
  const print = args.json ? ndjsonPrinter(io.write, clock) : textPrinter(io.write, clock);

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
  engine.on('digest', (digest) => print.digest(digest));
  let lastHealth: Health = engine.health;
  engine.on('health', (health) => {
    // Each retry moves `until`: said too, so a watch that is retrying is not silent.
    const changed = health.state !== lastHealth.state || health.code !== lastHealth.code;
    const retried = !changed && health.state !== 'ok' && health.until !== lastHealth.until;
    lastHealth = health;
    if (changed || retried) print.health(health, retried);
  });
  engine.start();

  return {
    engine,
    demo,
    stop: () => connection.close(),
  };
}

interface Printer {
  ready(snapshot: Snapshot, reports: PortalReports, where: string): void;
  reports(reports: PortalReports): void;
  patch(patch: Patch, transitions: ReadonlyMap<number, PresenceTransition>): void;
  alert(title: string, body: string, userIds: readonly number[]): void;
  /** "While you were away" (text mode says it through the alert that comes with it). */
  digest(digest: Digest): void;
  /** `retried`: the same failure again, a new try planned (no new error to report). */
  health(health: Health, retried: boolean): void;
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
      // `activity` entries too, as the `{ lastActivity }` change they stand for, in id order.
      for (const item of patchChanges(patch)) emit('change', { seq: patch.seq, ...change(item, transitions.get(item.id)) });
      for (const id of patch.removed) {
        emit('removed', { seq: patch.seq, userId: id, name: names.get(id) ?? `#${id}` });
        names.delete(id);
      }
    },
    alert: (title, body, userIds) => emit('alert', { title, body, userIds }),
    digest: (digest) =>
      emit('digest', {
        since: new Date(digest.since).toISOString(),
        until: new Date(digest.until).toISOString(),
        arrived: digest.arrived,
        left: digest.left,
        backFromLeave: digest.backFromLeave,
      }),
    health: (health, retried) => {
      emit('health', {
        state: health.state,
        since: new Date(health.since).toISOString(),
        ...(health.until !== null ? { until: new Date(health.until).toISOString() } : {}),
        ...(health.code ? { code: health.code } : {}),
      });
      if (!retried && health.state !== 'ok' && health.code) emit('error', { code: health.code, message: health.message ?? health.code });
    },
  };
}

function textPrinter(write: (line: string) => void, clock: Clock): Printer {
  const line = (text: string): void => write(`${clockTime(clock.now())}  ${text}`);
  // "away" is the idle state (no activity for a while), as in the panel and the summary.
  const describe = (presence: Presence): string => (presence === 'idle' ? 'away' : presence);
  return {
    ready: (snapshot, reports, where) => {
      line(summaryLine(countPresence(snapshot.colleagues, reports), reports));
      line(`Watching ${snapshot.colleagues.length} colleagues on ${where}. Ctrl+C stops.`);
    },
    reports: () => undefined,
    patch: (_patch, transitions) => {
      for (const { name, from, to, leave } of transitions.values()) {
        const move = from === to ? '' : `${describe(from)} → ${describe(to)}`;
        const note = leave === 'started' ? 'leave started' : leave === 'ended' ? 'back from leave' : '';
        line(`${terminalSafe(name)}: ${[move, note && (move ? `(${note})` : note)].filter(Boolean).join(' ')}`);
      }
    },
    digest: () => undefined,
    alert: (title, body) => line(`🔔 ${terminalSafe(title)}${body ? ` — ${terminalSafe(body)}` : ''}`),
    health: (health) => {
      if (health.state === 'ok') line('Connected; data is fresh.');
      else if (health.state === 'rate-limited' && health.until !== null)
        line(`Rate limited by the portal; next try at ${clockTime(health.until)}.`);
      else if (health.state !== 'connecting') {
        const retry = health.until !== null ? `; next try at ${clockTime(health.until)}` : '';
        line(`${health.state}: ${terminalSafe(health.message ?? health.code ?? '')}${retry}.`);
      }
    },
  };
}
