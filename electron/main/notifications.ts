import type { Notification, NotificationConstructorOptions } from 'electron';
import type { AppService } from '../core/ports.js';
import type { AlertIntent } from '../shared/domain.js';
import type { PanelActions } from './panel-actions.js';

/*
 * Native notifications from the engine's alert intents. The engine already decided whether
 * and what to alert (baseline silence, rules, quiet hours, coalescing); this only maps an
 * intent to the platform's notification and routes the click back to the panel.
 */
export function notificationOptions(
  intent: AlertIntent,
  options: { readonly sound: boolean; readonly platform: NodeJS.Platform },
): NotificationConstructorOptions {
  return {
    title: intent.title,
    body: options.platform === 'linux' ? escapeBodyMarkup(intent.body) : intent.body,
    silent: !options.sound,
    // Presence news is ordinary information: never an urgent or persistent toast.
    urgency: 'normal',
    timeoutType: 'default',
  };
}

/**
 * Linux notification daemons read the body as markup (freedesktop's <b>, <a href>, <img src>),
 * so a colleague named `<img src=https://…>` would be fetched or rendered. Names are text:
 * escape the characters that make markup. (The title is plain text in the spec.)
 */
export function escapeBodyMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A click on an alert about one person opens the panel on them; a coalesced alert just opens it. */
export function focusTarget(intent: AlertIntent): number | null {
  return intent.userIds.length === 1 ? (intent.userIds[0] ?? null) : null;
}

type NotificationLike = Pick<Notification, 'on' | 'show' | 'close'>;

export interface NotifierDeps {
  readonly Notification: (new (options: NotificationConstructorOptions) => NotificationLike) & {
    isSupported(): boolean;
  };
  readonly sound: () => boolean;
  readonly platform: NodeJS.Platform;
  readonly onClick: (colleagueId: number | null) => void;
  readonly log?: (line: string) => void;
}

/** How many shown notifications keep their click handler alive (see `live`). */
const MAX_LIVE = 20;

export class Notifier {
  /**
   * Electron drops a notification's click handler once the object is garbage collected, so
   * shown notifications are kept here until closed (bounded, oldest first out).
   */
  private readonly live: NotificationLike[] = [];

  constructor(private readonly deps: NotifierDeps) {}

  showAlert(intent: AlertIntent): boolean {
    return this.show(
      notificationOptions(intent, { sound: this.deps.sound(), platform: this.deps.platform }),
      focusTarget(intent),
    );
  }

  /** For the shell's own messages (e.g. "your settings file was unreadable"). */
  showMessage(title: string, body: string): boolean {
    return this.show(
      { title, body: this.deps.platform === 'linux' ? escapeBodyMarkup(body) : body, silent: true },
      null,
    );
  }

  get liveCount(): number {
    return this.live.length;
  }

  private show(options: NotificationConstructorOptions, target: number | null): boolean {
    if (!this.deps.Notification.isSupported()) {
      this.deps.log?.('notifications: not supported on this system');
      return false;
    }
    const notification = new this.deps.Notification(options);
    const release = (): void => {
      const index = this.live.indexOf(notification);
      if (index >= 0) this.live.splice(index, 1);
    };
    notification.on('click', () => {
      release();
      this.deps.onClick(target);
    });
    notification.on('close', release);
    this.live.push(notification);
    if (this.live.length > MAX_LIVE) this.live.shift();
    notification.show();
    return true;
  }
}

/**
 * Alerts as native notifications (a click shows the panel on the colleague), with the sound
 * the settings ask for; then the storage problems found at start-up, told once.
 */
export function setupNotifications(
  deps: Pick<NotifierDeps, 'Notification' | 'platform' | 'log'>,
  service: Pick<AppService, 'on' | 'settings'>,
  panel: Pick<PanelActions, 'focusColleague'>,
  startup: { readonly productName: string; readonly problems: readonly string[] },
): Notifier {
  const notifier = new Notifier({
    ...deps,
    sound: () => service.settings().alerts.sound,
    onClick: (id) => panel.focusColleague(id),
  });
  service.on('alert', (intent) => notifier.showAlert(intent));
  for (const problem of startup.problems) {
    deps.log?.(`storage: ${problem}`);
    notifier.showMessage(`${startup.productName}: settings problem`, problem);
  }
  return notifier;
}
