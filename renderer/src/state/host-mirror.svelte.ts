import type {
  ConnectionInfo,
  EventChannel,
  EventOf,
  PresenceBridge,
  RevisedSettings,
  SessionState,
} from '$shared/contract.js';
import {
  CURRENT_PORTAL_REPORTS,
  type AlertIntent,
  type Colleague,
  type ColleagueRule,
  type Digest,
  type Health,
  type PortalReports,
  type Snapshot,
  type TeamTruncation,
} from '$shared/domain.js';
// Not settings/schema.ts: the panel starts without zod (lib/validating-bridge.ts).
import { DEFAULT_SETTINGS } from '$shared/settings/defaults.js';
import type { Settings } from '$shared/settings/schema.js';
import { applyPatch, PatchMismatchError, SequenceGapError } from '$shared/snapshot/diff.js';
import { ruleOf } from '$shared/settings/rules.js';
import { SettingsSync, type SettingsEdit } from '../lib/settings-sync.js';
import { mergeDigest } from '../lib/digest.js';
import { DepartmentCache } from '../lib/departments.js';
import { missingDepartments } from '../lib/list.js';
import { afterNextPaint } from '../lib/schedule.js';
import { systemClock, type PanelClock } from '../lib/clock.js';
import { hostSilentAfter } from '../lib/live.js';
import type { Settle } from './optimistic.js';

const INITIAL_HEALTH: Health = {
  state: 'connecting',
  since: 0,
  until: null,
  lastSuccessAt: null,
  code: null,
  message: null,
};
const NO_CONNECTION: ConnectionInfo = {
  kind: 'none',
  portalHost: null,
  portalOrigin: null,
  identityName: null,
  weakSecretStorage: false,
  sessionOnly: false,
};
/** departments:get accepts at most this many ids per request. */
const DEPARTMENT_BATCH = 2000;

export type Phase = 'loading' | 'ready' | 'failed';

/** The host's one-off events, passed on as they come (not kept as state). */
export interface HostEvents {
  /** Every alert: the live region says it; browser mode shows it (state/browser-alerts.svelte.ts). */
  alert(alert: AlertIntent): void;
  /** A "while you were away" card appeared (not when a second digest is merged into it). */
  digestShown(digest: Digest): void;
  /** The tray's "Settings…". */
  openSettings(): void;
}

/**
 * What the host told the panel, and nothing else: the session at start, then every pushed
 * event. Colleagues live in `$state.raw` snapshots that are replaced, never deep-proxied, so a
 * patch costs one array walk and unchanged rows keep their identity (and are not re-rendered).
 * The actions that change it on the user's behalf are in ./actions.svelte.ts.
 */
export class HostMirror {
  phase = $state<Phase>('loading');
  failure = $state<string | null>(null);
  host = $state<'desktop' | 'browser'>('desktop');
  appVersion = $state('');
  connection = $state.raw<ConnectionInfo>(NO_CONNECTION);
  settings = $state.raw<Settings>(DEFAULT_SETTINGS);
  health = $state.raw<Health>(INITIAL_HEALTH);
  snapshot = $state.raw<Snapshot | null>(null);
  /**
   * What the connected portal really reports (status, idle, mobile): the panel shows no state
   * the portal cannot report. A current portal until the host says otherwise.
   */
  reports = $state.raw<PortalReports>(CURRENT_PORTAL_REPORTS);
  /** The team is larger than the app reads (only its first part is shown), or null. */
  truncation = $state.raw<TeamTruncation | null>(null);
  private departmentCache = new DepartmentCache();
  departments = $state.raw<ReadonlyMap<number, string>>(this.departmentCache.current);
  /** Wall clock, ticking every second so relative times stay live without asking the host. */
  now = $state(0);
  /** When the host last sent news of the team (session, snapshot, patch, health). */
  private lastNewsAt = $state(0);
  /**
   * The host is connected but has sent no news for about two poll intervals: it hangs (a frozen
   * server keeps its socket open). What is shown is only the last known, as when the socket closes.
   */
  readonly hostSilent: boolean = $derived(
    this.phase === 'ready' &&
      this.connection.kind !== 'none' &&
      this.now > hostSilentAfter(this.lastNewsAt, this.health.until, this.settings.pollIntervalSec),
  );
  /** A notification was clicked: the list scrolls to and highlights this person. */
  focusRequest = $state.raw<{ readonly id: number; readonly nonce: number } | null>(null);
  /** "While you were away": the card's digest (a second one while it shows is merged in), until dismissed. */
  digest = $state.raw<Digest | null>(null);
  /** False while browser mode's socket to its server is down (reconnecting). */
  hostReachable = $state(true);
  /** Browser mode's server was restarted and no longer knows this tab: only its printed address lets it in again. */
  hostSessionEnded = $state(false);
  /** Show the connect form over a connected panel (after "Reconnect"). */
  reconnecting = $state(false);

  readonly colleagues: readonly Colleague[] = $derived(this.snapshot?.colleagues ?? []);

  private unsubscribers: Array<() => void> = [];
  /** Orders the host's settings and the panel's changes still on their way (lib/settings-sync.ts). */
  private readonly settingsSync = new SettingsSync(DEFAULT_SETTINGS);
  private resyncing = false;
  /** A `reports` event arrived while session:get was on its way: it is at least as new. */
  private reportsEventSeen = false;
  /** Likewise for a `truncation` event. */
  private truncationEventSeen = false;
  private focusNonce = 0;
  private listeners: ReadonlyArray<Partial<HostEvents>> = [];
  /** The portal origin the page's CSP was served for (avatars may load only from it). */
  private servedForOrigin: string | null | undefined = undefined;

  /**
   * `reload` is how the page reloads itself: in browser mode the server's CSP is fixed when
   * the page loads, so a newly connected portal's avatars need a fresh load. (The desktop
   * shell reloads the window itself when the origin changes.)
   */
  constructor(
    private readonly bridge: PresenceBridge,
    private readonly reload: () => void = () => location.reload(),
    readonly clock: PanelClock = systemClock,
  ) {
    this.now = clock.now();
    this.lastNewsAt = this.now;
  }

  /** Subscribes first, then reads the session, so no event between the two is missed. */
  async start(): Promise<void> {
    this.stop();
    this.listen('snapshot', (snapshot) => this.replaceSnapshot(snapshot));
    this.listen('patch', (patch) => this.onPatch(patch));
    this.listen('health', (health) => {
      this.heardFromHost();
      this.health = health;
    });
    this.listen('reports', (reports) => {
      this.reportsEventSeen = true;
      this.reports = reports;
    });
    this.listen('truncation', (truncation) => {
      this.truncationEventSeen = true;
      this.truncation = truncation;
    });
    this.listen('settings', (settings) => this.receiveSettings(settings));
    this.listen('connection', (connection) => this.applyConnection(connection));
    this.listen('alert', (alert) => this.onAlert(alert));
    this.listen('focus-colleague', ({ id }) => this.focus(id));
    this.listen('digest', (digest) => this.onDigest(digest));
    this.listen('open-settings', () => this.tell('openSettings'));
    this.unsubscribers.push(this.clock.every(1000, () => (this.now = this.clock.now())));
    await this.loadSession();
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  /** Calls `listener`'s members with the host's one-off events until the returned function is called. */
  subscribe(listener: Partial<HostEvents>): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((other) => other !== listener);
    };
  }

  private tell<E extends keyof HostEvents>(event: E, ...args: Parameters<HostEvents[E]>): void {
    for (const listener of this.listeners)
      (listener[event] as ((...values: Parameters<HostEvents[E]>) => void) | undefined)?.(...args);
  }

  async loadSession(): Promise<void> {
    this.reportsEventSeen = false;
    this.truncationEventSeen = false;
    const answer = await this.bridge.invoke('session:get', null);
    if (!answer.ok) {
      this.phase = 'failed';
      this.failure = answer.error.message;
      return;
    }
    this.applySession(answer.value);
    this.phase = 'ready';
    this.failure = null;
  }

  private applySession(session: SessionState): void {
    this.heardFromHost();
    this.host = session.host;
    this.appVersion = session.appVersion;
    this.connection = session.connection;
    this.servedForOrigin ??= session.connection.portalOrigin;
    this.settingsSync.reset(session.settings);
    this.settings = this.settingsSync.settings;
    this.health = session.health;
    if (!this.reportsEventSeen) this.reports = session.reports;
    if (!this.truncationEventSeen) this.truncation = session.truncation ?? null;
    // An event may have brought a newer snapshot while session:get was on its way.
    if (session.snapshot && (!this.snapshot || session.snapshot.seq >= this.snapshot.seq))
      this.replaceSnapshot(session.snapshot);
    if (!session.snapshot && session.connection.kind === 'none') this.snapshot = null;
  }

  private listen<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): void {
    this.unsubscribers.push(this.bridge.on(channel, listener));
  }

  private heardFromHost(): void {
    this.now = this.clock.now();
    this.lastNewsAt = this.now;
  }

  private replaceSnapshot(snapshot: Snapshot): void {
    this.heardFromHost();
    this.snapshot = snapshot;
    // The rows first: department names only complete their subtitles (and name the groups), and
    // finding the missing ids, asking and re-rendering would delay the first paint.
    afterNextPaint(() => void this.loadDepartments(snapshot.colleagues));
  }

  private onPatch(patch: EventOf<'patch'>): void {
    this.heardFromHost();
    const current = this.snapshot;
    if (!current) {
      void this.resync();
      return;
    }
    if (patch.seq <= current.seq) return; // already contained in what we have
    try {
      const next = applyPatch(current, patch);
      this.snapshot = next;
      if (patch.added.length > 0) void this.loadDepartments(patch.added);
    } catch (error) {
      if (error instanceof SequenceGapError || error instanceof PatchMismatchError)
        void this.resync();
      else throw error;
    }
  }

  /** After a gap in sequence numbers (or a patch that does not fit), fetch the whole picture. */
  async resync(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    try {
      const answer = await this.bridge.invoke('snapshot:get', null);
      if (answer.ok && answer.value) this.replaceSnapshot(answer.value);
    } finally {
      this.resyncing = false;
    }
  }

  /** The connection the host reports (an event, or the answer to connect/disconnect). */
  applyConnection(connection: ConnectionInfo): void {
    const origin = connection.portalOrigin;
    if (
      this.host === 'browser' &&
      this.servedForOrigin !== undefined &&
      origin !== null &&
      origin !== this.servedForOrigin
    ) {
      this.reload();
      return;
    }
    this.connection = connection;
    if (connection.kind === 'none') {
      this.snapshot = null;
      this.digest = null;
      this.reports = CURRENT_PORTAL_REPORTS;
    } else this.reconnecting = false;
  }

  /** Department names for grouping, fetched once per id and kept for the session. */
  private async loadDepartments(colleagues: readonly Colleague[]): Promise<void> {
    const missing = this.departmentCache.claim(
      missingDepartments(colleagues, this.departmentCache.askedIds),
    );
    for (let i = 0; i < missing.length; i += DEPARTMENT_BATCH) {
      const ids = missing.slice(i, i + DEPARTMENT_BATCH);
      const answer = await this.bridge.invoke('departments:get', { ids });
      if (answer.ok) this.departments = this.departmentCache.learn(answer.value);
      else this.departmentCache.release(ids);
    }
  }

  private onAlert(alert: AlertIntent): void {
    this.tell('alert', alert);
    // The one alert of a notify-once request: the bell goes at once (the settings event follows).
    if (alert.kind === 'notify-once') {
      this.settingsSync.amend((settings) => {
        const requests = settings.notifyOnce.filter(
          (request) => !alert.userIds.includes(request.id),
        );
        return requests.length === settings.notifyOnce.length
          ? settings
          : { ...settings, notifyOnce: requests };
      });
      this.settings = this.settingsSync.settings;
    }
  }

  private onDigest(digest: Digest): void {
    if (this.digest === null) {
      this.digest = digest;
      this.tell('digestShown', digest);
    } else this.digest = mergeDigest(this.digest, digest);
  }

  dismissDigest(): void {
    this.digest = null;
  }

  /** Scroll to, select and highlight a person: a clicked notification, a name on the digest card. */
  focus(id: number): void {
    this.focusRequest = { id, nonce: ++this.focusNonce };
  }

  /** A person's name for a message, or their id when they are not (or no longer) in the team. */
  nameOf(id: number): string {
    return this.colleagues.find((colleague) => colleague.id === id)?.name ?? `#${id}`;
  }

  isNotifyOnce(id: number): boolean {
    return this.settings.notifyOnce.some((request) => request.id === id);
  }

  ruleOf(id: number): ColleagueRule {
    return ruleOf(this.settings.rules, id);
  }

  /** Settings from the host, unless older than what the panel has. */
  receiveSettings(settings: RevisedSettings): void {
    if (this.settingsSync.receive(settings)) this.settings = this.settingsSync.settings;
  }

  /**
   * Shows `edit` at once, kept on top of whatever the host sends meanwhile (lib/settings-sync.ts),
   * and returns how it ends: the answer's settings are taken before the edit is taken back out,
   * in one step, so no render sees the settings without either.
   */
  showSettingsEdit<T>(edit: SettingsEdit, settingsOf: (value: T) => RevisedSettings): Settle<T> {
    const token = this.settingsSync.begin(edit);
    this.settings = this.settingsSync.settings;
    return (answer) => {
      if (answer?.ok) this.settingsSync.receive(settingsOf(answer.value));
      this.settingsSync.end(token);
      this.settings = this.settingsSync.settings;
    };
  }
}
