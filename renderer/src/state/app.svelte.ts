// Over 300 lines on purpose: the panel's one state object, where the bridge's events and requests
// meet; views, list logic and formatting live in their own files.
import type {
  ConnectionInfo,
  EventChannel,
  EventOf,
  PresenceBridge,
  RequestError,
  RequestOf,
  Result,
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
import type { Settings, SettingsUpdate } from '$shared/settings/schema.js';
import { applySettingsUpdate } from '../lib/settings-update.js';
import { SettingsSync, type SettingsEdit } from '../lib/settings-sync.js';
import { applyPatch, PatchMismatchError, SequenceGapError } from '$shared/snapshot/diff.js';
import { ruleOf, withRule } from '$shared/settings/rules.js';
import { notifyOnceEdit } from '$shared/settings/edits.js';
import { mergeDigest } from '../lib/digest.js';
import { DepartmentCache } from '../lib/departments.js';
import { missingDepartments } from '../lib/list.js';
import { isWebUrl } from '../lib/safe-url.js';
import { afterNextPaint } from '../lib/schedule.js';
import { systemClock, type PanelClock } from '../lib/clock.js';
import { hostSilentAfter } from '../lib/live.js';

/**
 * Everything the panel knows, fed only by the bridge: the session at start, then pushed
 * events. Colleagues live in `$state.raw` snapshots that are replaced, never deep-proxied, so a
 * patch costs one array walk and unchanged rows keep their identity (and are not re-rendered).
 */
const INITIAL_HEALTH: Health = { state: 'connecting', since: 0, until: null, lastSuccessAt: null, code: null, message: null };
const NO_CONNECTION: ConnectionInfo = { kind: 'none', portalHost: null, portalOrigin: null, identityName: null, weakSecretStorage: false, sessionOnly: false };
/** departments:get accepts at most this many ids per request. */
const DEPARTMENT_BATCH = 2000;

export type Phase = 'loading' | 'ready' | 'failed';

/** What a failed action was, for the notice's words. */
export type FailedActionKind = 'starred' | 'unstarred' | 'muted' | 'unmuted' | 'notifyOnce' | 'notifyOnceOff' | 'refresh' | 'chat';

/**
 * An action the host refused or could not be reached for. It stays on screen until dismissed
 * or retried: a star taken back must never look as if it were saved, or vanish unexplained.
 */
export interface FailedAction {
  readonly kind: FailedActionKind;
  /** Whom it was about, or null (refresh). */
  readonly name: string | null;
  readonly error: RequestError;
  /** Runs the same action again; null when trying again cannot help (e.g. no chat on this portal). */
  readonly retry: (() => Promise<void>) | null;
}

/** Failures that trying again will not mend. */
const FINAL_CODES: ReadonlySet<string> = new Set(['chat-unavailable', 'not-connected', 'invalid-payload']);

export class AppState {
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
  /** The latest alert, for the screen-reader live region. */
  lastAlert = $state.raw<AlertIntent | null>(null);
  /** A notification was clicked: the list scrolls to and highlights this person. */
  focusRequest = $state.raw<{ readonly id: number; readonly nonce: number } | null>(null);
  /** "While you were away": the card's digest (a second one while it shows is merged in), until dismissed. */
  digest = $state.raw<Digest | null>(null);
  /** Bumped when a digest card appears (not when one is merged into it): the live region says it once. */
  digestShown = $state(0);
  /** Asked to be told about someone who is available already: the panel says so (nonce: say it again). */
  availableNow = $state.raw<{ readonly id: number; readonly nonce: number } | null>(null);
  /** The last failed action, shown until dismissed or retried (see FailedAction). */
  notice = $state.raw<FailedAction | null>(null);
  /** Bumped when the host asks to show the settings (the tray's "Settings…"). */
  settingsRequests = $state(0);
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
  private alertListeners: ReadonlyArray<(alert: AlertIntent) => void> = [];
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
    private readonly clock: PanelClock = systemClock,
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
    this.listen('connection', (connection) => this.onConnection(connection));
    this.listen('alert', (alert) => this.onAlert(alert));
    this.listen('focus-colleague', ({ id }) => this.focus(id));
    this.listen('digest', (digest) => this.onDigest(digest));
    this.listen('open-settings', () => this.settingsRequests++);
    this.unsubscribers.push(this.clock.every(1000, () => (this.now = this.clock.now())));
    await this.loadSession();
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
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
    if (session.snapshot && (!this.snapshot || session.snapshot.seq >= this.snapshot.seq)) this.replaceSnapshot(session.snapshot);
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
      if (error instanceof SequenceGapError || error instanceof PatchMismatchError) void this.resync();
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

  private onConnection(connection: ConnectionInfo): void {
    const origin = connection.portalOrigin;
    if (this.host === 'browser' && this.servedForOrigin !== undefined && origin !== null && origin !== this.servedForOrigin) {
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
    const missing = this.departmentCache.claim(missingDepartments(colleagues, this.departmentCache.askedIds));
    for (let i = 0; i < missing.length; i += DEPARTMENT_BATCH) {
      const ids = missing.slice(i, i + DEPARTMENT_BATCH);
      const answer = await this.bridge.invoke('departments:get', { ids });
      if (answer.ok) this.departments = this.departmentCache.learn(answer.value);
      else this.departmentCache.release(ids);
    }
  }

  /** Called with every alert as it arrives: browser mode shows them (state/browser-alerts.svelte.ts). */
  onAlerts(listener: (alert: AlertIntent) => void): () => void {
    this.alertListeners = [...this.alertListeners, listener];
    return () => {
      this.alertListeners = this.alertListeners.filter((other) => other !== listener);
    };
  }

  private onAlert(alert: AlertIntent): void {
    this.lastAlert = alert;
    for (const listener of this.alertListeners) listener(alert);
    // The one alert of a notify-once request: the bell goes at once (the settings event follows).
    if (alert.kind === 'notify-once') {
      this.settingsSync.amend((settings) => {
        const requests = settings.notifyOnce.filter((request) => !alert.userIds.includes(request.id));
        return requests.length === settings.notifyOnce.length ? settings : { ...settings, notifyOnce: requests };
      });
      this.settings = this.settingsSync.settings;
    }
  }

  private onDigest(digest: Digest): void {
    if (this.digest === null) {
      this.digest = digest;
      this.digestShown++;
    } else this.digest = mergeDigest(this.digest, digest);
  }

  dismissDigest(): void {
    this.digest = null;
  }

  /** Scroll to, select and highlight a person: a clicked notification, a name on the digest card. */
  focus(id: number): void {
    this.focusRequest = { id, nonce: ++this.focusNonce };
  }

  isNotifyOnce(id: number): boolean {
    return this.settings.notifyOnce.some((request) => request.id === id);
  }

  /**
   * "Tell me when … is available" (on) or take it back (off). Optimistic: the bell shows at once
   * and goes back if the host refuses, or if the person is available already (then it says so).
   */
  async setNotifyOnce(id: number, on: boolean): Promise<void> {
    const since = this.clock.now();
    const answer = await this.change(
      (settings) => applySettingsUpdate(settings, notifyOnceEdit(settings, id, on, since)),
      () => this.bridge.invoke('notify-once:set', { id, on }),
      (value) => value.settings,
    );
    if (!answer.ok) {
      this.failed(on ? 'notifyOnce' : 'notifyOnceOff', id, answer.error, () => this.setNotifyOnce(id, on));
      return;
    }
    if (answer.value.already) this.availableNow = { id, nonce: ++this.focusNonce };
  }

  /** One person's last `days` local days of presence, for the detail view. */
  timeline(id: number, days: number) {
    return this.bridge.invoke('timeline:get', { id, days });
  }

  async forgetHistory(): Promise<RequestError | null> {
    const answer = await this.bridge.invoke('history:forget', null);
    return answer.ok ? null : answer.error;
  }

  ruleOf(id: number): ColleagueRule {
    return ruleOf(this.settings.rules, id);
  }

  /**
   * Optimistic: the star lights up at once. If the host refuses (or cannot be reached), it goes
   * back and the notice says which star was not saved, until dismissed or retried.
   */
  async setRule(id: number, rule: ColleagueRule): Promise<void> {
    const previous = ruleOf(this.settings.rules, id);
    const answer = await this.change(
      (settings) => ({ ...settings, rules: withRule(settings.rules, id, rule) }),
      () => this.bridge.invoke('colleague:set-rule', { id, rule }),
      (settings) => settings,
    );
    if (answer.ok) return;
    const kind: FailedActionKind = rule === 'starred' ? 'starred' : rule === 'muted' ? 'muted' : previous === 'muted' ? 'unmuted' : 'unstarred';
    this.failed(kind, id, answer.error, () => this.setRule(id, rule));
  }

  /** Shows a failed action; `retry` clears the notice first, so a second failure shows afresh. */
  private failed(kind: FailedActionKind, id: number | null, error: RequestError, again: () => Promise<void>): void {
    const name = id === null ? null : (this.colleagues.find((colleague) => colleague.id === id)?.name ?? `#${id}`);
    const retry = FINAL_CODES.has(error.code)
      ? null
      : async () => {
          this.notice = null;
          await again();
        };
    this.notice = { kind, name, error, retry };
  }

  async openChat(userId: number): Promise<void> {
    const answer = await this.bridge.invoke('chat:open', { userId });
    if (!answer.ok) {
      this.failed('chat', userId, answer.error, () => this.openChat(userId));
      return;
    }
    if (!answer.value.opened && isWebUrl(answer.value.url)) window.open(answer.value.url, '_blank', 'noopener');
  }

  /** Returns the refusal (with its field path) so the form can show it next to the field. */
  /**
   * Optimistic, with the host's own merge: the form shows the change at once, and a second
   * change made before the first is answered builds on it instead of on stale settings
   * (toggling two alert kinds quickly must keep both). The first change's answer and event
   * arrive while the second is on its way: SettingsSync keeps the second shown on top of them,
   * and drops whatever is older than what the panel has, so nothing is shown undone and redone.
   * Goes back if the host refuses (an invalid change is not shown: the host says why, next to the field).
   */
  async updateSettings(update: SettingsUpdate): Promise<RequestError | null> {
    const answer = await this.change(
      (settings) => applySettingsUpdate(settings, update),
      () => this.bridge.invoke('settings:update', update),
      (settings) => settings,
    );
    return answer.ok ? null : answer.error;
  }

  /** Settings from the host, unless older than what the panel has. */
  private receiveSettings(settings: RevisedSettings): void {
    if (this.settingsSync.receive(settings)) this.settings = this.settingsSync.settings;
  }

  /**
   * Shows `edit` at once and runs the request; its answer's settings are taken before the edit
   * is taken back out, in one step, so no render sees the settings without either.
   */
  private async change<T>(edit: SettingsEdit, request: () => Promise<Result<T>>, settingsOf: (value: T) => RevisedSettings): Promise<Result<T>> {
    const token = this.settingsSync.begin(edit);
    this.settings = this.settingsSync.settings;
    try {
      const answer = await request();
      if (answer.ok) this.settingsSync.receive(settingsOf(answer.value));
      return answer;
    } finally {
      this.settingsSync.end(token);
      this.settings = this.settingsSync.settings;
    }
  }

  async setWatchIds(ids: number[]): Promise<RequestError | null> {
    const answer = await this.bridge.invoke('watch:set', { ids });
    if (!answer.ok) return answer.error;
    this.receiveSettings(answer.value);
    return null;
  }

  /** "Also watch": people on the portal by name (3+ letters) or by id; none when no one has that id. */
  searchPeople(query: string) {
    return this.bridge.invoke('people:search', { query });
  }

  /** The About section: version, runtime and where the app keeps its files. */
  about() {
    return this.bridge.invoke('app:about', null);
  }

  async pauseAlerts(until: number | null): Promise<RequestError | null> {
    const answer = await this.bridge.invoke('alerts:pause', { until });
    if (!answer.ok) return answer.error;
    this.receiveSettings(answer.value);
    return null;
  }

  async refresh(): Promise<void> {
    const answer = await this.bridge.invoke('poll:refresh', null);
    if (!answer.ok) this.failed('refresh', null, answer.error, () => this.refresh());
  }

  testConnection(webhookUrl: string) {
    return this.bridge.invoke('connection:test', { webhookUrl });
  }

  async connect(request: RequestOf<'connection:connect'>): Promise<RequestError | null> {
    const answer = await this.bridge.invoke('connection:connect', request);
    if (!answer.ok) return answer.error;
    this.onConnection(answer.value);
    // The host pushes a snapshot once the first poll lands; ask too, in case it already has.
    if (!this.snapshot) await this.resync();
    return null;
  }

  async disconnect(): Promise<RequestError | null> {
    const answer = await this.bridge.invoke('connection:disconnect', null);
    if (!answer.ok) return answer.error;
    this.onConnection(answer.value);
    this.reconnecting = false;
    return null;
  }
}
