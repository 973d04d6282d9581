import { setTimeout as realDelay } from 'node:timers/promises';
import type { ManualClock } from '../../electron/core/clock.js';
import { B24Client, type B24ClientOptions } from '../../electron/core/bitrix/client.js';
import { parseWebhookUrl } from '../../electron/core/bitrix/webhook-url.js';
import type { DemoPortal } from '../../electron/demo/types.js';

/**
 * Helpers shared by the measurements that talk to the demo portal over loopback HTTP.
 */

/** A B24Client for the demo portal's webhook. */
export function demoClient(
  portal: DemoPortal,
  options: Omit<B24ClientOptions, 'credential'> = {},
): B24Client {
  const parsed = parseWebhookUrl(portal.webhookUrl);
  if (!parsed.ok) throw new Error(`demo webhook did not parse: ${parsed.error}`);
  return new B24Client({ ...options, credential: parsed.value });
}

/**
 * Awaits `work` while driving `clock`: when something waits on a driven timer (the client's
 * rate limiter) time moves to it; while real loopback I/O is in flight the loop yields for a
 * millisecond of real time instead. Nothing here depends on real intervals passing.
 */
export async function drive<T>(clock: ManualClock, work: Promise<T>, stepMs = 50): Promise<T> {
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  while (!done) {
    if (clock.pendingTimers > 0) await clock.advance(stepMs);
    else await realDelay(1);
  }
  return settled;
}
