/**
 * Browser mode's way to reach the user outside the page: the Web Notifications API and a short
 * chime. The desktop shell shows native notifications itself; this is used only in a browser tab.
 */

/** What the browser allows: 'unsupported' where there is no Notification API at all. */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

function api(): typeof Notification | null {
  return typeof window.Notification === 'function' ? window.Notification : null;
}

export function notificationPermission(): NotificationPermissionState {
  return api()?.permission ?? 'unsupported';
}

/** Asks once; must run inside a user gesture (a click), or browsers refuse without asking. */
export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  const Api = api();
  if (Api === null) return 'unsupported';
  try {
    return await Api.requestPermission();
  } catch {
    return Api.permission;
  }
}

export interface WebNotificationContent {
  /** One transition, one notification: the same tag replaces (several tabs, a repeat). */
  readonly tag: string;
  readonly title: string;
  readonly body: string;
}

/**
 * Shows one notification where allowed; false where it cannot (then the in-page toast is all
 * there is). Silent: the chime is the page's own, so sound follows the setting in every browser.
 */
export function showWebNotification(content: WebNotificationContent, onclick: () => void): boolean {
  const Api = api();
  if (Api === null || Api.permission !== 'granted') return false;
  try {
    const notification = new Api(content.title, {
      body: content.body,
      tag: content.tag,
      silent: true,
    });
    notification.onclick = () => {
      window.focus();
      onclick();
      notification.close();
    };
    return true;
  } catch {
    // Some browsers allow notifications only from a service worker: the toast stays.
    return false;
  }
}

let audio: AudioContext | null = null;

/** Browsers keep audio muted until the page has had a gesture: the first click or key unlocks it. */
export function unlockChimeOnGesture(): () => void {
  const unlock = (): void => {
    audio ??= typeof window.AudioContext === 'function' ? new window.AudioContext() : null;
    void audio?.resume().catch(() => undefined);
  };
  window.addEventListener('pointerdown', unlock, { capture: true });
  window.addEventListener('keydown', unlock, { capture: true });
  return () => {
    window.removeEventListener('pointerdown', unlock, { capture: true });
    window.removeEventListener('keydown', unlock, { capture: true });
  };
}

/** Two soft notes (about 0.3 s). Silent until a gesture has unlocked audio. */
export function playChime(): void {
  audio ??= typeof window.AudioContext === 'function' ? new window.AudioContext() : null;
  if (audio === null || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.12, 1320],
  ] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.08, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.2);
  }
}
