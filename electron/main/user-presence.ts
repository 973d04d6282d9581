import type { PowerMonitor } from 'electron';
import type { AppService } from '../core/ports.js';

/** Idle this long and the user counts as away from the computer (issue: "≥ 10 min"). */
export const AWAY_AFTER_IDLE_SEC = 600;
const CHECK_EVERY_MS = 30_000;

export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * The user's own absence, from the system's idle time: after 10 minutes without input the
 * service holds alerts back, and the first input after that brings one "while you were away"
 * digest. (Sleep and screen lock go through power.ts, whose resume is a silent baseline with a
 * digest of its own.) Returns a function that stops watching.
 */
export function watchUserIdle(
  powerMonitor: Pick<PowerMonitor, 'getSystemIdleTime'>,
  service: Pick<AppService, 'userAway' | 'userBack'>,
  timers: IntervalTimers = globalThis,
  log: (line: string) => void = () => {},
): () => void {
  let away = false;
  const check = (): void => {
    const idleSec = powerMonitor.getSystemIdleTime();
    if (!away && idleSec >= AWAY_AFTER_IDLE_SEC) {
      away = true;
      log('user idle: holding alerts for a digest');
      service.userAway();
    } else if (away && idleSec < AWAY_AFTER_IDLE_SEC) {
      away = false;
      log('user back');
      service.userBack();
    }
  };
  const handle = timers.setInterval(check, CHECK_EVERY_MS);
  // Watching must never be what keeps a quitting process alive.
  (handle as { unref?: () => void } | null)?.unref?.();
  return () => timers.clearInterval(handle);
}
