import { systemClock, type Clock } from '../core/clock.js';
import type {
  Colleague,
  Digest,
  Health,
  Patch,
  PortalReports,
  Presence,
  PresenceTransition,
  Snapshot,
  TeamTruncation,
} from '../shared/domain.js';
import type { PresenceEngine } from '../core/engine/engine.js';
import { countPresence } from '../shared/presence/counts.js';
import { patchChanges } from '../shared/snapshot/diff.js';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings/schema.js';
import type { DemoPortal } from '../demo/types.js';
import type { WatchArgs } from './args.js';
import { connect, type ConnectIo } from './connect.js';
import { clockTime, summaryLine } from './team-text.js';
import { calendarAt, type CalendarMoment } from '../shared/calendar.js';
import { displayText, LOG_LINE_MAX_GRAPHEMES } from '../shared/display-text.js';
import { sameBlock, scriptColleague } from './script-colleague.js';

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
 * `removed` keep a script's copy equal to the panel's; `reports`, `truncation`, `alert`, `health`
 * and `error` say the rest. Names only ever gain fields.
 */
export async function startWatch(args: WatchArgs, io: WatchIo): Promise<WatchSession> {
  const clock = io.clock ?? systemClock;
  const connected = await connect(args, watchSettings(args), io);
  const { engine, demo, where } = connected;
  const print = args.json ? ndjsonPrinter(io.write, clock) : textPrinter(io.write, clock);

  // A refresh's patch and its transitions are printed together once the refresh is done.
  let pendingPatch: Patch | null = null;
  const pendingTransitions = new Map<number, PresenceTransition>();
  let ready = false;
  engine.on('snapshot', (snapshot) => {
    ready = true;
    print.ready(snapshot, engine.reports, where);
    if (engine.truncation) print.truncation(engine.truncation);
  });
  engine.on('reports', (reports) => {
    if (ready) print.reports(reports);
  });
  engine.on('truncation', (truncation) => {
    if (ready) print.truncation(truncation);
  });
  engine.on('patch', (patch) => (pendingPatch = patch));
  engine.on('transition', (transition) => pendingTransitions.set(transition.userId, transition));
  engine.on('refreshed', () => {
    print.refreshed(
      pendingPatch,
      pendingTransitions,
      engine.snapshot?.colleagues ?? [],
      engine.snapshot?.seq ?? 0,
    );
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
    stop: () => connected.close(),
  };
}

interface Printer {
  ready(snapshot: Snapshot, reports: PortalReports, where: string): void;
  reports(reports: PortalReports): void;
  /** After each refresh: its patch (null when nothing changed) and everyone as they are now. */
  refreshed(
    patch: Patch | null,
    transitions: ReadonlyMap<number, PresenceTransition>,
    colleagues: readonly Colleague[],
    seq: number,
  ): void;
  /** The team is cut at the app's limit (null: no longer). */
  truncation(truncation: TeamTruncation | null): void;
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
  /** What each person's calendar said when last printed: "now" moves on with the time, not only with patches. */
  const moments = new Map<number, CalendarMoment>();
  const remember = (colleagues: readonly Colleague[], now: number): void => {
    for (const colleague of colleagues) {
      names.set(colleague.id, colleague.name);
      moments.set(colleague.id, calendarAt(colleague.calendar, now));
    }
  };
  const change = (
    id: number,
    fields: Record<string, unknown>,
    transition: PresenceTransition | undefined,
  ): Record<string, unknown> => {
    if (typeof fields.name === 'string') names.set(id, fields.name);
    return {
      userId: id,
      name: names.get(id) ?? `#${id}`,
      fields,
      ...(transition && transition.from !== transition.to
        ? { from: transition.from, to: transition.to }
        : {}),
      ...(transition?.leave ? { leave: transition.leave } : {}),
    };
  };
  return {
    ready: (snapshot, reports) => {
      const now = clock.now();
      remember(snapshot.colleagues, now);
      emit('ready', {
        seq: snapshot.seq,
        count: snapshot.colleagues.length,
        reports,
        colleagues: snapshot.colleagues.map((c) => scriptColleague(c, now)),
      });
    },
    reports: (reports) => emit('reports', { reports }),
    truncation: (truncation) => emit('truncation', { truncation }),
    refreshed: (patch, transitions, colleagues, currentSeq) => {
      const now = clock.now();
      // Without a patch, "now" moving on is news about the snapshot the script already has.
      const seq = patch?.seq ?? currentSeq;
      if (patch) {
        remember(patch.added, now);
        for (const colleague of patch.added)
          emit('added', { seq: patch.seq, colleague: scriptColleague(colleague, now) });
      }
      // Changed fields by person: the patch's (`activity` entries too, as the `{ lastActivity }`
      // change they stand for), the calendar's blocks as what they say now, and "now"/"next"
      // moving on with the time for people the patch does not name.
      const changes = new Map<number, Record<string, unknown>>();
      for (const item of patch ? patchChanges(patch) : []) {
        const { calendar: _blocks, ...fields } = item.fields;
        changes.set(item.id, fields);
      }
      const added = new Set(patch?.added.map((c) => c.id) ?? []);
      for (const colleague of colleagues) {
        if (added.has(colleague.id)) continue;
        const moment = calendarAt(colleague.calendar, now);
        const before = moments.get(colleague.id);
        if (
          before !== undefined &&
          sameBlock(before.now, moment.now) &&
          sameBlock(before.next, moment.next)
        )
          continue;
        moments.set(colleague.id, moment);
        if (before === undefined) continue;
        const fields = changes.get(colleague.id) ?? {};
        if (!sameBlock(before.now, moment.now)) fields.calendarNow = moment.now;
        if (!sameBlock(before.next, moment.next)) fields.calendarNext = moment.next;
        changes.set(colleague.id, fields);
      }
      for (const id of [...changes.keys()].sort((a, b) => a - b)) {
        const fields = changes.get(id) as Record<string, unknown>;
        if (Object.keys(fields).length === 0) continue;
        emit('change', { seq, ...change(id, fields, transitions.get(id)) });
      }
      for (const id of patch?.removed ?? []) {
        emit('removed', { seq: patch?.seq, userId: id, name: names.get(id) ?? `#${id}` });
        names.delete(id);
        moments.delete(id);
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
      if (!retried && health.state !== 'ok' && health.code)
        emit('error', { code: health.code, message: health.message ?? health.code });
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
    truncation: (truncation) =>
      line(truncation ? truncationLine(truncation) : 'The whole team is shown again.'),
    refreshed: (_patch, transitions) => {
      for (const { name, from, to, leave } of transitions.values()) {
        const move = from === to ? '' : `${describe(from)} → ${describe(to)}`;
        const note =
          leave === 'started' ? 'leave started' : leave === 'ended' ? 'back from leave' : '';
        line(
          `${displayText(name)}: ${[move, note && (move ? `(${note})` : note)].filter(Boolean).join(' ')}`,
        );
      }
    },
    digest: () => undefined,
    alert: (title, body) =>
      line(
        `🔔 ${displayText(title, LOG_LINE_MAX_GRAPHEMES)}${body ? ` — ${displayText(body, LOG_LINE_MAX_GRAPHEMES)}` : ''}`,
      ),
    health: (health) => {
      if (health.state === 'ok') line('Connected; data is fresh.');
      else if (health.state === 'rate-limited' && health.until !== null)
        line(`Rate limited by the portal; next try at ${clockTime(health.until)}.`);
      else if (health.state !== 'connecting') {
        const retry = health.until !== null ? `; next try at ${clockTime(health.until)}` : '';
        line(
          `${health.state}: ${displayText(health.message ?? health.code ?? '', LOG_LINE_MAX_GRAPHEMES)}${retry}.`,
        );
      }
    },
  };
}

const count = new Intl.NumberFormat('en-US');

/** The panel's banner, in the CLI's English. */
export function truncationLine({ shown, total, limit }: TeamTruncation): string {
  return `Showing the first ${count.format(shown)} of ${count.format(total)} people: the app reads at most ${count.format(limit)}.`;
}
