import { describe, expect, it } from 'vitest';
import { MAX_RETRY_DELAY_MS, nextRetryDelay } from '../../../../../electron/core/bitrix/backoff.js';
import { B24Error, type B24ErrorKind } from '../../../../../electron/core/bitrix/errors.js';

const NOW = Date.UTC(2026, 10, 23, 9);
const err = (kind: B24ErrorKind, resetAt: number | null = null) =>
  new B24Error({ kind, code: 'X', message: 'x', resetAt });
const mid = () => 0.5;

describe('nextRetryDelay', () => {
  it('503: one drain interval + 1 s, growing ×1.5, capped at 5 minutes', () => {
    const delays = [1, 2, 3, 4].map((attempt) =>
      nextRetryDelay(err('rate-limited'), attempt, NOW, mid),
    );
    expect(delays).toEqual([1500, 2250, 3375, 5063]);
    expect(nextRetryDelay(err('overloaded'), 1, NOW, mid)).toBe(1500);
    expect(nextRetryDelay(err('rate-limited'), 1, NOW, mid, { drainPerSecond: 5 })).toBe(1200);
    expect(nextRetryDelay(err('rate-limited'), 40, NOW, mid)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('429: at least 10 s, or until operating_reset_at', () => {
    expect(nextRetryDelay(err('operation-time-limited'), 1, NOW, mid)).toBe(10_000);
    // No reset time (a 429 inside a batch): grow, up to the budget's 10-minute window.
    expect(
      [2, 3, 7, 20].map((n) => nextRetryDelay(err('operation-time-limited'), n, NOW, mid)),
    ).toEqual([20_000, 40_000, 600_000, 600_000]);
    expect(nextRetryDelay(err('operation-time-limited', NOW + 3_000), 1, NOW, mid)).toBe(10_000);
    expect(nextRetryDelay(err('operation-time-limited', NOW + 240_000), 2, NOW, mid)).toBe(240_000);
    // A reset time far in the future is not believed beyond an hour.
    expect(nextRetryDelay(err('operation-time-limited', NOW + 10 * 86_400_000), 1, NOW, mid)).toBe(
      3_600_000,
    );
  });

  it.each<B24ErrorKind>(['server-error', 'network', 'timeout', 'malformed-response'])(
    '%s: exponential from 2 s with ±10 %% jitter, capped',
    (kind) => {
      expect([1, 2, 3, 4].map((n) => nextRetryDelay(err(kind), n, NOW, mid))).toEqual([
        2000, 4000, 8000, 16000,
      ]);
      expect(nextRetryDelay(err(kind), 1, NOW, () => 0)).toBe(1800);
      expect(nextRetryDelay(err(kind), 1, NOW, () => 1)).toBe(2200);
      expect(nextRetryDelay(err(kind), 3, NOW, () => 0.999999)).toBeLessThanOrEqual(8800);
      expect(nextRetryDelay(err(kind), 100, NOW, () => 1)).toBe(MAX_RETRY_DELAY_MS);
      expect(nextRetryDelay(err(kind), 100, NOW, () => 0)).toBe(MAX_RETRY_DELAY_MS * 0.9);
    },
  );

  it('auth-expired: retry at once (after the refresh)', () => {
    expect(nextRetryDelay(err('auth-expired'), 1, NOW)).toBe(0);
  });

  it.each<B24ErrorKind>([
    'auth-invalid',
    'scope-missing',
    'access-denied',
    'method-missing',
    'bad-request',
    'portal-moved',
  ])('%s: never retried', (kind) => {
    expect(nextRetryDelay(err(kind), 1, NOW)).toBeNull();
  });

  it('treats attempt numbers below 1 as the first attempt and survives a broken random source', () => {
    expect(nextRetryDelay(err('network'), 0, NOW, mid)).toBe(2000);
    expect(nextRetryDelay(err('network'), 1, NOW, () => Number.NaN)).toBe(2000);
  });
});
