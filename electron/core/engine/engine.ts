import type { Clock } from '../clock.js';
import type {
  AlertIntent,
  Health,
  Patch,
  PortalReports,
  PresenceTransition,
  Snapshot,
} from '../../shared/domain.js';
import type { Locale } from '../../shared/locale.js';
import { CURRENT_PORTAL_REPORTS } from '../../shared/domain.js';
import type { Settings } from '../../shared/settings/schema.js';
import type { AlertMemoryPort } from '../ports.js';
import { nextRetryDelay } from '../bitrix/backoff.js';
import { toColleagues } from '../presence/model.js';
import { DesktopChecks } from '../presence/desktop.js';
import { learnReports } from '../presence/reports.js';
import { SnapshotTracker } from '../snapshot/tracker.js';
import { AlertPolicy } from '../alerts/policy.js';
import { Emitter } from '../emitter.js';
import { Poller, type RefreshContext, type RefreshReason } from '../poller/poller.js';
import type { PresenceSource } from './presence-source.js';
import { classifyFailure } from './failure.js';

export interface RefreshReport {
  readonly at: number;
  readonly reason: RefreshReason;
  readonly colleagues: number;
  readonly requests: number;
  readonly degraded: number;
  readonly missingWatchIds: readonly number[];
  /** People whose desktop app was checked in this refresh (im.user.get in spare batch commands). */
  readonly desktopChecked: number;
  /** Alerts were not considered for this refresh (start, wake, recovery). */
  readonly silent: boolean;
}

export interface EngineEvents {
  /** The first full picture of a run; afterwards only patches. */
  snapshot: Snapshot;
  patch: Patch;
  transition: PresenceTransition;
  alert: AlertIntent;
  health: Health;
  /** What the portal really reports changed (emitted before the snapshot or patch it came with). */
  reports: PortalReports;
  refreshed: RefreshReport;
}

export interface EngineOptions {
  readonly source: PresenceSource;
  readonly clock: Clock;
  readonly getSettings: () => Settings;
  readonly alertMemory: AlertMemoryPort;
  readonly locale: () => Locale;
  /** Uniform in [0, 1): poll and retry jitter (Math.random unless given). */
  readonly random?: () => number;
  readonly onListenerError?: (error: unknown) => void;
}

/** Refreshes after which the previous picture cannot be trusted to alert from. */
const SILENT_REASONS: ReadonlySet<RefreshReason> = new Set(['first', 'resume', 'gap', 'recovery']);

/**
 * The whole presence pipeline: poll the source, derive presence, diff against the last
 * snapshot, and turn transitions into alerts. Hosts (Electron, browser mode, the CLI) only
 * subscribe to its events and forward commands.
 */
export class PresenceEngine {
  private readonly events: Emitter<EngineEvents>;
  private readonly tracker = new SnapshotTracker();
  private readonly alerts: AlertPolicy;
  private readonly poller: Poller;
  /** The online limit the current snapshot was derived with. */
  private derivedWithLimitSec: number | null = null;
  private portalReports: PortalReports = CURRENT_PORTAL_REPORTS;
  /** What is known of each person's desktop app between checks. */
  readonly desktop = new DesktopChecks();

  constructor(private readonly options: EngineOptions) {
    this.events = new Emitter<EngineEvents>(options.onListenerError);
    this.alerts = new AlertPolicy({
      clock: options.clock,
      getSettings: options.getSettings,
      memory: options.alertMemory,
      emit: (alert) => this.events.emit('alert', alert),
      locale: options.locale,
    });
    this.poller = new Poller({
      clock: options.clock,
      intervalMs: () => options.getSettings().pollIntervalSec * 1000,
      refresh: (context) => this.refresh(context),
      classifyFailure: (error, attempt, now) =>
        classifyFailure(error, attempt, now, (b24, n, at) => nextRetryDelay(b24, n, at, options.random)),
      onHealth: (health) => this.events.emit('health', health),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  on<K extends keyof EngineEvents>(name: K, listener: (event: EngineEvents[K]) => void): () => void {
    return this.events.on(name, listener);
  }

  get snapshot(): Snapshot | null {
    return this.tracker.current;
  }

  get health(): Health {
    return this.poller.health;
  }

  /** What this portal has shown it really reports (current portals: none of the optional fields). */
  get reports(): PortalReports {
    return this.portalReports;
  }

  /** Timers and listeners held, for soak tests. */
  get resourceCounts(): { listeners: number; alertTimers: number } {
    return { listeners: this.events.listenerCount, alertTimers: this.alerts.pendingTimers };
  }

  start(): void {
    this.poller.start();
  }

  async stop(): Promise<void> {
    await this.poller.stop();
    this.alerts.flush();
    this.alerts.dispose();
  }

  pause(): void {
    this.poller.pause();
  }

  resume(): void {
    this.poller.resume();
  }

  refreshNow(): Promise<void> {
    return this.poller.refreshNow();
  }

  /** Resolves once no refresh is in flight. */
  idle(): Promise<void> {
    return this.poller.idle();
  }

  private async refresh({ reason, signal }: RefreshContext): Promise<void> {
    const settings = this.options.getSettings();
    const priority = new Set(settings.watchIds);
    for (const [id, rule] of Object.entries(settings.rules)) if (rule === 'starred') priority.add(Number(id));
    const desktopIds = this.desktop.candidates(this.tracker.current?.colleagues ?? [], priority);
    const fetched = await this.options.source.fetch({ watchIds: settings.watchIds, desktopIds, signal });
    const now = this.options.clock.now();
    this.desktop.record(fetched.desktop, now);
    const colleagues = toColleagues(fetched.users, now, {
      onlineLimitSec: settings.onlineLimitSec,
      desktopOf: (id) => this.desktop.runningOf(id),
    });
    this.desktop.prune(colleagues);
    const reports = learnReports(this.portalReports, fetched.users);
    if (reports !== this.portalReports) {
      this.portalReports = reports;
      this.events.emit('reports', reports);
    }
    const isFirst = this.tracker.current === null;
    // A new online limit re-derives everyone: those changes are the setting's, not people's.
    const limitChanged = this.derivedWithLimitSec !== null && this.derivedWithLimitSec !== settings.onlineLimitSec;
    this.derivedWithLimitSec = settings.onlineLimitSec;
    const { snapshot, patch, transitions } = this.tracker.update(colleagues, now);

    if (isFirst) this.events.emit('snapshot', snapshot);
    else if (patch) this.events.emit('patch', patch);
    for (const transition of transitions) this.events.emit('transition', transition);

    const silent = isFirst || limitChanged || SILENT_REASONS.has(reason);
    if (silent) this.alerts.baseline(snapshot.colleagues);
    // The policy keeps each map it is given as "before" for the next poll, so it sees every patch.
    else if (patch) this.alerts.observe(transitions, this.tracker.byId);

    this.events.emit('refreshed', {
      at: now,
      reason,
      colleagues: snapshot.colleagues.length,
      requests: fetched.requests,
      degraded: fetched.degraded,
      missingWatchIds: fetched.missingWatchIds,
      desktopChecked: fetched.desktop.size,
      silent,
    });
  }
}
