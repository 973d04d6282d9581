import type { PowerMonitor } from 'electron';
import type { AppService } from '../core/ports.js';

type PauseReason = 'suspend' | 'lock';

/**
 * Sleep and screen lock pause polling; wake and unlock resume it (the service then takes a
 * silent baseline and refreshes at once, so nothing that happened meanwhile floods alerts).
 * Reasons are tracked separately: a laptop that wakes to a locked screen stays paused until
 * unlocked, and resume is called once, not once per event.
 */
export function wirePowerEvents(
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>,
  service: Pick<AppService, 'pause' | 'resume'>,
  log: (line: string) => void = () => {},
): () => void {
  const reasons = new Set<PauseReason>();
  const begin = (reason: PauseReason) => (): void => {
    const wasRunning = reasons.size === 0;
    reasons.add(reason);
    if (wasRunning) {
      log(`power: ${reason}, pausing`);
      service.pause();
    }
  };
  const end = (reason: PauseReason) => (): void => {
    if (!reasons.delete(reason)) return;
    if (reasons.size === 0) {
      log(`power: ${reason} ended, resuming`);
      service.resume();
    }
  };
  const handlers = {
    suspend: begin('suspend'),
    'lock-screen': begin('lock'),
    resume: end('suspend'),
    'unlock-screen': end('lock'),
  } as const;
  powerMonitor.on('suspend', handlers.suspend);
  powerMonitor.on('lock-screen', handlers['lock-screen']);
  powerMonitor.on('resume', handlers.resume);
  powerMonitor.on('unlock-screen', handlers['unlock-screen']);
  return () => {
    powerMonitor.removeListener('suspend', handlers.suspend);
    powerMonitor.removeListener('lock-screen', handlers['lock-screen']);
    powerMonitor.removeListener('resume', handlers.resume);
    powerMonitor.removeListener('unlock-screen', handlers['unlock-screen']);
  };
}
