import type { B24Error } from './errors.js';
import { OPERATION_LIMIT_MIN_WAIT_MS } from './errors.js';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../shared/time-units.js';

/**
 * How long to wait before retrying after an error, following the official SDKs' back-off:
 * the client makes one attempt per call; engine/failure.ts (classifyFailure) combines this with
 * the health each error shows, and the poller schedules the retry it says.
 */
export interface BackoffOptions {
  /** The portal's drain rate: a 503 waits one drain interval + 1 s. Default 2/s. */
  readonly drainPerSecond?: number;
  /** Upper bound for growing delays. Default 5 minutes. */
  readonly maxDelayMs?: number;
}

export const MAX_RETRY_DELAY_MS = 5 * MINUTE_MS;
/** First delay for server, network, timeout and malformed-answer errors. */
export const TRANSIENT_BASE_DELAY_MS = 2_000;
/** An `operating_reset_at` further away than this is not believed. */
const MAX_OPERATION_WAIT_MS = HOUR_MS;
/** Bitrix24 counts a method's processing time over ten one-minute buckets. */
const OPERATION_BUDGET_WINDOW_MS = 10 * MINUTE_MS;

/**
 * @param attempt 1 for the first retry after a failure, 2 for the next, …
 * @param now epoch ms from the caller's clock (for 429 reset times)
 * @returns the delay in ms, 0 for "refresh the token and retry now", null for "do not retry"
 */
export function nextRetryDelay(
  error: B24Error,
  attempt: number,
  now: number,
  random: () => number = Math.random,
  options: BackoffOptions = {},
): number | null {
  const n = Math.max(1, Math.floor(attempt));
  const cap = options.maxDelayMs ?? MAX_RETRY_DELAY_MS;
  switch (error.kind) {
    case 'rate-limited':
    case 'overloaded': {
      // Let the portal's bucket drain one slot, plus a second of margin, growing ×1.5.
      const drainIntervalMs = SECOND_MS / (options.drainPerSecond ?? 2);
      return Math.min(cap, Math.round((drainIntervalMs + SECOND_MS) * 1.5 ** (n - 1)));
    }
    case 'operation-time-limited': {
      // Wait until the method's budget resets. Without a reset time (a 429 inside a batch
      // carries none) the wait grows instead, so a spent budget is not asked every 10 s, up to
      // the 10 minutes over which Bitrix24 counts the budget.
      const fallback = Math.min(
        OPERATION_BUDGET_WINDOW_MS,
        OPERATION_LIMIT_MIN_WAIT_MS * 2 ** Math.min(n - 1, 30),
      );
      const untilReset = error.resetAt === null ? fallback : error.resetAt - now;
      return Math.min(MAX_OPERATION_WAIT_MS, Math.max(OPERATION_LIMIT_MIN_WAIT_MS, untilReset));
    }
    case 'server-error':
    case 'network':
    case 'timeout':
    case 'malformed-response': {
      const base = Math.min(cap, TRANSIENT_BASE_DELAY_MS * 2 ** Math.min(n - 1, 30));
      // ±10 % jitter so that many clients behind one IP do not retry in lockstep.
      const jittered = base * (0.9 + 0.2 * clamp01(random()));
      return Math.min(cap, Math.round(jittered));
    }
    case 'auth-expired':
      return 0;
    case 'auth-invalid':
    case 'scope-missing':
    case 'access-denied':
    case 'method-missing':
    case 'bad-request':
    case 'portal-moved':
      return null;
  }
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}
