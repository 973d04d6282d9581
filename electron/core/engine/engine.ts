import type { Clock } from '../clock.js';
import type {
  AlertIntent,
  Colleague,
  Digest,
  Health,
  Patch,
  PortalReports,
  PresenceTransition,
  Snapshot,
  TeamTruncation,
} from '../../shared/domain.js';
import type { Locale } from '../../shared/locale.js';
import { CURRENT_PORTAL_REPORTS } from '../../shared/domain.js';
import type { Settings } from '../../shared/settings/schema.js';
import type { AlertLedgerPort } from '../ports.js';
import { nextRetryDelay } from '../bitrix/backoff.js';
import { PresenceModel } from '../presence/model.js';
import { DesktopChecks } from '../presence/desktop.js';
import { learnReports } from '../presence/reports.js';
import { SnapshotTracker } from '../snapshot/tracker.js';
import { AlertPolicy } from '../alerts/policy.js';
import { notifyOnceAlert } from '../alerts/extras.js';
import { isReachableNow } from '../../shared/presence/available.js';
import { Emitter } from '../emitter.js';
import { Poller, type RefreshContext, type RefreshReason } from '../poller/poller.js';
import type { PresenceSource } from './presence-source.js';
import { classifyFailure } from './failure.js';
import { CalendarChecks, type AccessibilityParser } from './calendar-checks.js';
import type { RawUser } from '../bitrix/types.js';
import { SECOND_MS } from '../../shared/time-units.js';

export interface RefreshSummary {
  readonly at: number;
  readonly reason: RefreshReason;
  readonly colleagues: number;
  readonly requests: number;
  readonly degraded: number;
  readonly missingWatchIds: readonly number[];
  /** People whose desktop app was checked in this refresh (im.user.get in spare batch commands). */
  readonly desktopChecked: number;
  /** Calendar and time-zone commands sent (in spare commands or one more batch). */
  readonly calendarCommands: number;
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
  /** The team began or stopped being cut at the source's limit, or its numbers changed (emitted before the snapshot or patch). */
  truncation: TeamTruncation | null;
  /** "While you were away": after a wake, a timer gap, an outage, or the user's return. */
  digest: Digest;
  /** Notify-once requests that fired: the host clears them from the settings. */
  'notify-once-done': readonly number[];
  refreshed: RefreshSummary;
}

export interface EngineOptions {
  readonly source: PresenceSource;
  readonly clock: Clock;
  readonly getSettings: () => Settings;
  readonly alertLedger: AlertLedgerPort;
  readonly locale: () => Locale;
  /** Uniform in [0, 1): poll and retry jitter (Math.random unless given). */
  readonly random?: () => number;
  readonly onListenerError?: (error: unknown) => void;
  /** The calendar answer's parser (tests inject one; default: core/calendar). */
  readonly calendarParser?: AccessibilityParser;
}

/** Refreshes after which the previous picture cannot be trusted to alert from. */
const SILENT_REASONS: ReadonlySet<RefreshReason> = new Set(['first', 'resume', 'gap', 'recovery']);
/** Silent refreshes that end a time nobody saw: their news goes into one digest. */
const GAP_REASONS: ReadonlySet<RefreshReason> = new Set(['resume', 'gap', 'recovery']);

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
  private teamTruncation: TeamTruncation | null = null;
  /** Derives colleagues, reusing last poll's work for people whose user object did not change. */
  private readonly model = new PresenceModel();
  /** What is known of each person's desktop app between checks. */
  readonly desktop = new DesktopChecks();
  /** Whose calendar and time zone to ask next, and what is known of them. */
  readonly calendar: CalendarChecks;
  /** When the last refresh succeeded: where a gap's digest starts. */
  private lastRefreshAt: number | null = null;
  /** The picture when the user went away from the computer (idle, locked), until they return. */
  private awayFrom: { readonly at: number; readonly colleagues: readonly Colleague[] } | null =
    null;
  /** Notify-once alerts already sent, so a request the host has not cleared yet never fires twice. */
  private readonly firedOnce = new Set<string>();

  constructor(private readonly options: EngineOptions) {
    this.events = new Emitter<EngineEvents>(options.onListenerError);
    this.calendar = new CalendarChecks(
      options.calendarParser ? { parse: options.calendarParser } : {},
    );
    this.alerts = new AlertPolicy({
      clock: options.clock,
      getSettings: options.getSettings,
      ledger: options.alertLedger,
      emit: (alert) => this.events.emit('alert', alert),
      locale: options.locale,
    });
    this.poller = new Poller({
      clock: options.clock,
      intervalMs: () => options.getSettings().pollIntervalSec * SECOND_MS,
      refresh: (context) => this.refresh(context),
      classifyFailure: (error, attempt, now) =>
        classifyFailure(error, attempt, now, (b24, n, at) =>
          nextRetryDelay(b24, n, at, options.random),
        ),
      onHealth: (health) => this.events.emit('health', health),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  on<K extends keyof EngineEvents>(
    name: K,
    listener: (event: EngineEvents[K]) => void,
  ): () => void {
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

  /** Whether the last refresh read only part of a team larger than the app reads, or null. */
  get truncation(): TeamTruncation | null {
    return this.teamTruncation;
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

  /**
   * The user left the computer (idle for a while, or the screen locked): alerts go quiet and the
   * picture of this moment is kept, so `userBack` can say in one digest what happened meanwhile.
   */
  userAway(): void {
    const current = this.tracker.current;
    if (this.awayFrom !== null || current === null) return;
    this.awayFrom = { at: this.options.clock.now(), colleagues: current.colleagues };
  }

  /** The user is back: one digest of what changed since `userAway`, if anything did. */
  userBack(): void {
    const away = this.awayFrom;
    this.awayFrom = null;
    const current = this.tracker.current;
    if (away === null || current === null) return;
    this.tellDigest(away.colleagues, current.colleagues, away.at, this.options.clock.now());
  }

  /** Whether the user is away from the computer (alerts wait for a digest). */
  get userIsAway(): boolean {
    return this.awayFrom !== null;
  }

  /** Resolves once no refresh is in flight. */
  idle(): Promise<void> {
    return this.poller.idle();
  }

  private async refresh({ reason, signal }: RefreshContext): Promise<void> {
    const settings = this.options.getSettings();
    const priority = new Set(settings.watchIds);
    for (const [id, rule] of Object.entries(settings.rules))
      if (rule === 'starred') priority.add(Number(id));
    const desktopIds = this.desktop.candidates(this.tracker.current?.colleagues ?? [], priority);
    const source = this.options.source;
    const calendarOn = source.fetchExtras !== undefined;
    const known = this.tracker.current?.colleagues ?? [];
    const extras = calendarOn
      ? this.calendar.requests(ascendingIds(known), this.options.clock.now())
      : [];
    const fetched = await source.fetch({ watchIds: settings.watchIds, desktopIds, extras, signal });
    let requests = fetched.requests;
    let calendarCommands = fetched.extras?.length ?? 0;
    this.calendar.record(fetched.extras ?? [], this.options.clock.now());
    if (source.fetchExtras !== undefined) {
      // Overdue with no room in the batch (or the first refresh, which knew nobody to ask): one more.
      const more = this.calendar.followUp(ascendingIds(fetched.users), this.options.clock.now());
      if (more.length > 0) {
        const answer = await source.fetchExtras(more, signal);
        requests += answer.requests;
        calendarCommands += answer.answers.length;
        this.calendar.record(answer.answers, this.options.clock.now());
      }
    }
    const now = this.options.clock.now();
    this.desktop.record(fetched.desktop, now);
    const colleagues = this.model.update(fetched.users, now, {
      onlineLimitSec: settings.onlineLimitSec,
      desktopOf: (id) => this.desktop.runningOf(id),
      calendarOf: (id) => this.calendar.calendarOf(id, now),
      timeZoneOf: (id) => this.calendar.timeZoneOf(id),
    });
    this.desktop.prune(colleagues);
    const reports = this.calendar.reportsInto(learnReports(this.portalReports, fetched.users));
    if (reports !== this.portalReports) {
      this.portalReports = reports;
      this.events.emit('reports', reports);
    }
    const truncation = fetched.truncation ?? null;
    if (!sameTruncation(truncation, this.teamTruncation)) {
      this.teamTruncation = truncation;
      this.events.emit('truncation', truncation);
    }
    const before = this.tracker.current;
    const isFirst = before === null;
    const since = this.lastRefreshAt;
    // A new online limit re-derives everyone: those changes are the setting's, not people's.
    const limitChanged =
      this.derivedWithLimitSec !== null && this.derivedWithLimitSec !== settings.onlineLimitSec;
    this.derivedWithLimitSec = settings.onlineLimitSec;
    const { snapshot, patch, transitions } = this.tracker.update(colleagues, now);

    if (isFirst) this.events.emit('snapshot', snapshot);
    else if (patch) this.events.emit('patch', patch);
    for (const transition of transitions) this.events.emit('transition', transition);

    // While the user is away, alerts wait: their return brings one digest instead.
    const silent = isFirst || limitChanged || SILENT_REASONS.has(reason) || this.awayFrom !== null;
    if (silent) this.alerts.baseline(snapshot.colleagues);
    // The policy keeps each map it is given as "before" for the next poll, so it sees every patch.
    else if (patch) this.alerts.observe(transitions, this.tracker.byId, patch.removed);
    if (
      before !== null &&
      since !== null &&
      !limitChanged &&
      this.awayFrom === null &&
      GAP_REASONS.has(reason)
    ) {
      this.tellDigest(before.colleagues, snapshot.colleagues, since, now);
    }
    this.notifyOnce(now);
    this.lastRefreshAt = now;

    this.events.emit('refreshed', {
      at: now,
      reason,
      colleagues: snapshot.colleagues.length,
      requests,
      degraded: fetched.degraded,
      missingWatchIds: fetched.missingWatchIds,
      desktopChecked: fetched.desktop.size,
      calendarCommands,
      silent,
    });
  }

  /** The digest of a gap: the panel's card always, the notification as the alert policy allows. */
  private tellDigest(
    before: readonly Colleague[],
    after: readonly Colleague[],
    since: number,
    until: number,
  ): void {
    const told = this.alerts.digest(before, after, since, until);
    if (told === null) return;
    this.events.emit('digest', told.digest);
    if (told.alert) this.events.emit('alert', told.alert);
  }

  /**
   * Notify-once: whoever was asked about and is reachable now (online and out of any meeting)
   * gets their one alert, whatever the scope and mutes say (the user asked), then the host
   * clears the request. Checked at each refresh, so a meeting's end is told by the next one.
   */
  private notifyOnce(now: number): void {
    const requests = this.options.getSettings().notifyOnce;
    if (requests.length === 0) return;
    const done: number[] = [];
    for (const request of requests) {
      const person = this.tracker.byId.get(request.id);
      if (person === undefined || !isReachableNow(person, now)) continue;
      done.push(request.id);
      const alert = notifyOnceAlert(person, request.since, this.options.locale(), now);
      if (this.firedOnce.has(alert.id)) continue;
      this.firedOnce.add(alert.id);
      this.events.emit('alert', alert);
    }
    if (done.length > 0) this.events.emit('notify-once-done', done);
  }
}

/** The ids of people in ascending order (a snapshot's order already; the portal's usually). */
function ascendingIds(people: readonly (Colleague | RawUser)[]): number[] {
  const ids = new Array<number>(people.length);
  let sorted = true;
  for (let i = 0; i < people.length; i++) {
    const id = (people[i] as Colleague | RawUser).id;
    ids[i] = id;
    if (i > 0 && id <= (ids[i - 1] as number)) sorted = false;
  }
  return sorted ? ids : [...new Set(ids)].sort((a, b) => a - b);
}

function sameTruncation(a: TeamTruncation | null, b: TeamTruncation | null): boolean {
  return (
    a === b ||
    (a !== null && b !== null && a.shown === b.shown && a.total === b.total && a.limit === b.limit)
  );
}
