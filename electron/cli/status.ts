import { systemClock, type TimerHandle } from '../core/clock.js';
import { DEFAULT_TIMEOUT_MS } from '../core/bitrix/client.js';
import type { Colleague, Health, PortalReports, Snapshot } from '../shared/domain.js';
import { countPresence, type PresenceCounts } from '../shared/presence/counts.js';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings/schema.js';
import type { StatusArgs } from './args.js';
import { connect, type ConnectIo } from './connect.js';
import { teamTable } from './team-text.js';
import { scriptColleague } from './script-colleague.js';

/** The portal could not be read: exit code 1, with this one-line message (already free of secrets). */
export class PortalUnreadable extends Error {
  override readonly name = 'PortalUnreadable';
}

export interface TeamStatus {
  /** When the refresh was taken (epoch ms). */
  readonly at: number;
  readonly where: string;
  readonly reports: PortalReports;
  readonly counts: PresenceCounts;
  /** The engine's Colleague objects, in the engine's order (as `watch --json`'s ready). */
  readonly colleagues: readonly Colleague[];
}

function statusSettings(args: StatusArgs): Settings {
  return {
    ...DEFAULT_SETTINGS,
    onlineLimitSec: args.onlineLimitSec,
    alerts: { ...DEFAULT_SETTINGS.alerts, scope: 'nobody' },
  };
}

function failure(health: Health, where: string): string {
  const detail = (health.message ?? health.code ?? health.state).split('\n')[0]!.trim();
  return `cannot read ${where} (${health.state}): ${detail}`;
}

/**
 * `status` and `watch --once`: connect, take one refresh, close. The first failed refresh
 * ends the run (no retries), and the whole run, demo start-up included, is bounded by
 * `timeoutSec` on the given clock; a request in flight is aborted on the way out.
 */
export async function takeStatus(args: StatusArgs, io: ConnectIo = {}): Promise<TeamStatus> {
  const clock = io.clock ?? systemClock;
  const limitMs = args.timeoutSec * 1000;
  const startedAt = clock.now();
  const connected = await connect(args, statusSettings(args), io, {
    timeoutMs: Math.min(DEFAULT_TIMEOUT_MS, limitMs),
  });
  const { engine, where } = connected;
  const unsubscribe: Array<() => void> = [];
  let timer: TimerHandle | null = null;
  try {
    const snapshot = await new Promise<Snapshot>((resolve, reject) => {
      unsubscribe.push(engine.on('snapshot', resolve));
      unsubscribe.push(
        engine.on('health', (health) => {
          if (health.state !== 'ok' && health.state !== 'connecting')
            reject(new PortalUnreadable(failure(health, where)));
        }),
      );
      const left = Math.max(0, limitMs - (clock.now() - startedAt));
      timer = clock.setTimeout(
        () => reject(new PortalUnreadable(`no answer from ${where} within ${args.timeoutSec} s`)),
        left,
      );
      engine.start();
    });
    return {
      at: snapshot.at,
      where,
      reports: engine.reports,
      counts: countPresence(snapshot.colleagues, engine.reports),
      colleagues: snapshot.colleagues,
    };
  } finally {
    if (timer !== null) clock.clearTimeout(timer);
    for (const off of unsubscribe) off();
    await connected.close();
  }
}

/**
 * `status --json`: one object. `at` is ISO, as in the NDJSON events; times inside colleagues are
 * epoch ms; each colleague's `calendarNow`/`calendarNext` say what its calendar says at `at`. A
 * portal that reports no chosen status gives everyone "online" (offline people too): that is no
 * answer, so `status` is null there.
 */
export function statusJson(status: TeamStatus): string {
  const colleagues = status.colleagues.map((colleague) => {
    const shown = scriptColleague(colleague, status.at);
    return status.reports.status ? shown : { ...shown, status: null };
  });
  return JSON.stringify({
    at: new Date(status.at).toISOString(),
    reports: status.reports,
    counts: status.counts,
    colleagues,
  });
}

/** `status` as text: the summary line, then the table. */
export function statusText(status: TeamStatus): string[] {
  return teamTable(status, status.at);
}
