import type { AlertIntent } from '$shared/domain.js';
import {
  notificationPermission,
  playChime,
  requestNotificationPermission,
  showWebNotification,
  unlockChimeOnGesture,
  type NotificationPermissionState,
} from '../lib/web-notifications.js';

/** One alert shown in the page. */
export interface AlertToast {
  readonly key: number;
  readonly alert: AlertIntent;
  /** The one person it is about (a click shows them), or null for a combined alert or the digest. */
  readonly personId: number | null;
}

/** How long an alert toast stays, and how many stay at most (the oldest go first). */
const TOAST_MS = 12_000;
const MAX_TOASTS = 3;

/**
 * Browser mode's alerts: the host (the CLI's server) has no screen of its own, so every alert
 * it pushes is shown here, as a web notification where the user allowed them and always as a
 * toast in the page, with the chime when the settings ask for sound. The core already decided
 * whether to alert at all (rules, quiet hours, pause), as it does for the desktop's notifications.
 */
export class BrowserAlerts {
  permission = $state<NotificationPermissionState>(notificationPermission());
  /** The notification prompt (or the "blocked" note) was closed, for this page's life. */
  promptClosed = $state(false);
  toasts = $state.raw<readonly AlertToast[]>([]);

  private nextKey = 0;
  /** Each toast's timer, by key (plain: nothing on screen depends on it). */
  private readonly timers: Record<number, ReturnType<typeof setTimeout>> = {};
  private readonly stopChimeUnlock = unlockChimeOnGesture();

  constructor(private readonly focus: (id: number) => void) {}

  /** From a click: the browser asks the user. */
  async request(): Promise<void> {
    this.permission = await requestNotificationPermission();
  }

  show(alert: AlertIntent, sound: boolean): void {
    const personId = alert.userIds.length === 1 ? (alert.userIds[0] ?? null) : null;
    showWebNotification({ tag: alert.id, title: alert.title, body: alert.body }, () => {
      if (personId !== null) this.focus(personId);
    });
    if (sound) playChime();
    const toast: AlertToast = { key: ++this.nextKey, alert, personId };
    const kept = [...this.toasts, toast];
    for (const old of kept.splice(0, Math.max(0, kept.length - MAX_TOASTS)))
      this.clearTimer(old.key);
    this.toasts = kept;
    this.timers[toast.key] = setTimeout(() => this.dismiss(toast.key), TOAST_MS);
  }

  dismiss(key: number): void {
    this.clearTimer(key);
    this.toasts = this.toasts.filter((toast) => toast.key !== key);
  }

  stop(): void {
    this.stopChimeUnlock();
    for (const key of Object.keys(this.timers)) this.clearTimer(Number(key));
  }

  private clearTimer(key: number): void {
    clearTimeout(this.timers[key]);
    delete this.timers[key];
  }
}
