import type {
  ConnectionInfo,
  PresenceBridge,
  RequestError,
  RequestOf,
  Result,
  RevisedSettings,
} from '$shared/contract.js';
import type { ColleagueRule } from '$shared/domain.js';
import type { SettingsUpdate } from '$shared/settings/schema.js';
import { ruleOf, withRule } from '$shared/settings/rules.js';
import { notifyOnceEdit } from '$shared/settings/edits.js';
import { applySettingsUpdate } from '../lib/settings-update.js';
import { isWebUrl } from '../lib/safe-url.js';
import type { HostMirror } from './host-mirror.svelte.js';
import { nothingShown, optimistic, type Settle } from './optimistic.js';

/** What a failed action was, for the notice's words. */
export type FailedActionKind =
  | 'starred'
  | 'unstarred'
  | 'muted'
  | 'unmuted'
  | 'notifyOnce'
  | 'notifyOnceOff'
  | 'refresh'
  | 'chat';

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
  readonly retry: (() => Promise<unknown>) | null;
}

/** What the actions tell the page, as it happens (not kept as state). */
export interface ActionEvents {
  /** Asked to be told about someone who is available already: the page says so. */
  availableNow(id: number): void;
}

/** Failures that trying again will not mend. */
const FINAL_CODES: ReadonlySet<string> = new Set([
  'chat-unavailable',
  'not-connected',
  'invalid-payload',
]);

/** The answer's error, or null: what every action resolves to. */
const errorOf = (answer: Result<unknown>): RequestError | null => (answer.ok ? null : answer.error);

/** A form shows the error next to its field (the action's result); nothing else reports it. */
const formShowsIt = (): void => undefined;

/**
 * What the user asks the host to do. Each action is one request through `optimistic` (./optimistic.ts):
 * the user's own change (a star, a setting) shows at once and goes back if the host refuses; a
 * refusal resolves the action to the error and, for actions outside a form, shows `notice`
 * (the form shows it next to its field instead).
 */
export class PanelActions {
  /** The last failed action, shown until dismissed or retried (see FailedAction). */
  notice = $state.raw<FailedAction | null>(null);

  private listeners: ReadonlyArray<Partial<ActionEvents>> = [];

  /** `openUrl` opens a chat the host cannot open itself (an address checked to be `http(s):`). */
  constructor(
    private readonly bridge: PresenceBridge,
    private readonly mirror: HostMirror,
    private readonly openUrl: (url: string) => void = (url) =>
      void window.open(url, '_blank', 'noopener'),
  ) {}

  /** Calls `listener`'s members as the actions' events happen, until the returned function is called. */
  subscribe(listener: Partial<ActionEvents>): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((other) => other !== listener);
    };
  }

  /**
   * Optimistic: the star lights up at once. If the host refuses (or cannot be reached), it goes
   * back and the notice says which star was not saved, until dismissed or retried.
   */
  async setRule(id: number, rule: ColleagueRule): Promise<RequestError | null> {
    const previous = ruleOf(this.mirror.settings.rules, id);
    const kind: FailedActionKind =
      rule === 'starred'
        ? 'starred'
        : rule === 'muted'
          ? 'muted'
          : previous === 'muted'
            ? 'unmuted'
            : 'unstarred';
    const answer = await optimistic(
      () =>
        this.mirror.showSettingsEdit(
          (settings) => ({ ...settings, rules: withRule(settings.rules, id, rule) }),
          (settings: RevisedSettings) => settings,
        ),
      () => this.bridge.invoke('colleague:set-rule', { id, rule }),
      this.report(kind, id, () => this.setRule(id, rule)),
    );
    return errorOf(answer);
  }

  /**
   * "Tell me when … is available" (on) or take it back (off). Optimistic: the bell shows at once
   * and goes back if the host refuses, or if the person is available already (then it says so).
   */
  async setNotifyOnce(id: number, on: boolean): Promise<RequestError | null> {
    const since = this.mirror.clock.now();
    const answer = await optimistic(
      () =>
        this.mirror.showSettingsEdit(
          (settings) => applySettingsUpdate(settings, notifyOnceEdit(settings, id, on, since)),
          (value: { settings: RevisedSettings }) => value.settings,
        ),
      () => this.bridge.invoke('notify-once:set', { id, on }),
      this.report(on ? 'notifyOnce' : 'notifyOnceOff', id, () => this.setNotifyOnce(id, on)),
    );
    if (answer.ok && answer.value.already)
      for (const listener of this.listeners) listener.availableNow?.(id);
    return errorOf(answer);
  }

  /**
   * Optimistic, with the host's own merge: the form shows the change at once, and a second
   * change made before the first is answered builds on it instead of on stale settings
   * (toggling two alert kinds quickly must keep both). The first change's answer and event
   * arrive while the second is on its way: the mirror keeps the second shown on top of them,
   * and drops whatever is older than what the panel has, so nothing is shown undone and redone.
   * Goes back if the host refuses (an invalid change is not shown: the host says why, next to the field).
   */
  async updateSettings(update: SettingsUpdate): Promise<RequestError | null> {
    const answer = await optimistic(
      () =>
        this.mirror.showSettingsEdit(
          (settings) => applySettingsUpdate(settings, update),
          (settings: RevisedSettings) => settings,
        ),
      () => this.bridge.invoke('settings:update', update),
      formShowsIt,
    );
    return errorOf(answer);
  }

  async setWatchIds(ids: number[]): Promise<RequestError | null> {
    return errorOf(
      await optimistic(
        this.takeSettings,
        () => this.bridge.invoke('watch:set', { ids }),
        formShowsIt,
      ),
    );
  }

  async pauseAlerts(until: number | null): Promise<RequestError | null> {
    return errorOf(
      await optimistic(
        this.takeSettings,
        () => this.bridge.invoke('alerts:pause', { until }),
        formShowsIt,
      ),
    );
  }

  async refresh(): Promise<RequestError | null> {
    return errorOf(
      await optimistic(
        nothingShown,
        () => this.bridge.invoke('poll:refresh', null),
        this.report('refresh', null, () => this.refresh()),
      ),
    );
  }

  async openChat(userId: number): Promise<RequestError | null> {
    const answer = await optimistic(
      nothingShown,
      () => this.bridge.invoke('chat:open', { userId }),
      this.report('chat', userId, () => this.openChat(userId)),
    );
    if (answer.ok && !answer.value.opened && isWebUrl(answer.value.url))
      this.openUrl(answer.value.url);
    return errorOf(answer);
  }

  async forgetHistory(): Promise<RequestError | null> {
    return errorOf(
      await optimistic(nothingShown, () => this.bridge.invoke('history:forget', null), formShowsIt),
    );
  }

  async connect(request: RequestOf<'connection:connect'>): Promise<RequestError | null> {
    const answer = await optimistic(
      this.takeConnection,
      () => this.bridge.invoke('connection:connect', request),
      formShowsIt,
    );
    // The host pushes a snapshot once the first poll lands; ask too, in case it already has.
    if (answer.ok && !this.mirror.snapshot) await this.mirror.resync();
    return errorOf(answer);
  }

  async disconnect(): Promise<RequestError | null> {
    const answer = await optimistic(
      this.takeConnection,
      () => this.bridge.invoke('connection:disconnect', null),
      formShowsIt,
    );
    if (answer.ok) this.mirror.reconnecting = false;
    return errorOf(answer);
  }

  /** Shows nothing before the answer; takes the settings the host answers with. */
  private readonly takeSettings = (): Settle<RevisedSettings> => (answer) => {
    if (answer?.ok) this.mirror.receiveSettings(answer.value);
  };

  /** Shows nothing before the answer; takes the connection the host answers with. */
  private readonly takeConnection = (): Settle<ConnectionInfo> => (answer) => {
    if (answer?.ok) this.mirror.applyConnection(answer.value);
  };

  /** Reports a failed action as the notice; its retry clears the notice first, so a second failure shows afresh. */
  private report(
    kind: FailedActionKind,
    id: number | null,
    again: () => Promise<unknown>,
  ): (error: RequestError) => void {
    return (error) => {
      const retry = FINAL_CODES.has(error.code)
        ? null
        : async () => {
            this.notice = null;
            await again();
          };
      this.notice = { kind, name: id === null ? null : this.mirror.nameOf(id), error, retry };
    };
  }

  // Questions, not actions: their answers are shown as they come.

  /** One person's last `days` local days of presence, for the detail view. */
  timeline(id: number, days: number) {
    return this.bridge.invoke('timeline:get', { id, days });
  }

  /** "Also watch": people on the portal by name (3+ letters) or by id; none when no one has that id. */
  searchPeople(query: string) {
    return this.bridge.invoke('people:search', { query });
  }

  /** The About section: version, runtime and where the app keeps its files. */
  about() {
    return this.bridge.invoke('app:about', null);
  }

  testConnection(webhookUrl: string) {
    return this.bridge.invoke('connection:test', { webhookUrl });
  }
}
