import { setTimeout as realDelay } from 'node:timers/promises';
import type { ManualClock } from '../../electron/core/clock.js';

/**
 * Makes a ManualClock wait, after each timer it fires, until the engine's refresh (real HTTP
 * to a loopback demo portal) has finished, so retries and next polls are scheduled from the
 * right moment. A refresh that is itself waiting on the driven clock (the client's rate
 * limiter) cannot finish until time moves, so the wait is capped; that cap is a deadlock
 * guard, not a sleep the tests rely on.
 */
export function settleOnEngine(
  clock: ManualClock,
  engine: { idle(): Promise<void> },
  capMs = 1000,
): void {
  clock.settle = async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await Promise.race([engine.idle(), realDelay(capMs)]);
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
}
