import { describe, expect, it } from 'vitest';
import { nextRetryDelay } from '../../../../../electron/core/bitrix/backoff.js';
import { B24Error, type B24ErrorKind } from '../../../../../electron/core/bitrix/errors.js';
import { classifyFailure, HEALTH_FOR_KIND } from '../../../../../electron/core/engine/failure.js';
import type { FailureVerdict } from '../../../../../electron/core/poller/poller.js';

const NOW = Date.UTC(2026, 10, 23, 9);
const mid = () => 0.5;
const failure = (kind: B24ErrorKind, resetAt: number | null = null): B24Error =>
  new B24Error({ kind, code: kind.toUpperCase(), message: `${kind} happened`, resetAt });
/** The real back-off, with its jitter at the middle. */
const classify = (error: unknown, attempt = 1): FailureVerdict =>
  classifyFailure(error, attempt, NOW, (b24, n, now) => nextRetryDelay(b24, n, now, mid));

describe('classifyFailure', () => {
  // kind → [health, retry after the first failure, until]
  const table: Array<[B24ErrorKind, FailureVerdict['health'], number | null, number | null]> = [
    ['rate-limited', 'rate-limited', 1_500, NOW + 1_500],
    ['overloaded', 'rate-limited', 1_500, NOW + 1_500],
    ['operation-time-limited', 'rate-limited', 10_000, NOW + 10_000],
    ['server-error', 'stale', 2_000, null],
    ['malformed-response', 'stale', 2_000, null],
    ['network', 'offline', 2_000, null],
    ['timeout', 'offline', 2_000, null],
    // The client already refreshed an expired token once: still expired is a dead credential.
    ['auth-expired', 'auth-failed', null, null],
    ['auth-invalid', 'auth-failed', null, null],
    ['scope-missing', 'auth-failed', null, null],
    ['access-denied', 'auth-failed', null, null],
    ['method-missing', 'auth-failed', null, null],
    ['bad-request', 'auth-failed', null, null],
    ['portal-moved', 'auth-failed', null, null],
  ];

  it.each(table)('%s → %s, retry in %s ms', (kind, health, retryInMs, until) => {
    expect(classify(failure(kind))).toEqual({
      health,
      retryInMs,
      until,
      code: kind.toUpperCase(),
      message: `${kind} happened`,
    });
  });

  it('covers every error kind', () => {
    expect(table.map(([kind]) => kind).sort()).toEqual(Object.keys(HEALTH_FOR_KIND).sort());
  });

  it('follows the back-off as failures repeat, and a reset time the portal sent', () => {
    expect([1, 2, 3].map((attempt) => classify(failure('network'), attempt).retryInMs)).toEqual([
      2_000, 4_000, 8_000,
    ]);
    const limited = classify(failure('operation-time-limited', NOW + 240_000));
    expect(limited).toMatchObject({
      health: 'rate-limited',
      retryInMs: 240_000,
      until: NOW + 240_000,
    });
  });

  it('takes whatever else was thrown as a malformed answer: retried, shown as stale', () => {
    expect(classify(new Error('undefined is not a function'))).toEqual({
      health: 'stale',
      retryInMs: 2_000,
      until: null,
      code: 'INTERNAL',
      message: 'undefined is not a function',
    });
  });

  it('shows any kind the back-off gives up on as auth-failed, and a retried kind by the table', () => {
    expect(classifyFailure(failure('network'), 1, NOW, () => null)).toMatchObject({
      health: 'auth-failed',
      retryInMs: null,
      until: null,
    });
    expect(classifyFailure(failure('bad-request'), 1, NOW, () => 5_000)).toMatchObject({
      health: 'stale',
      retryInMs: 5_000,
    });
    expect(classifyFailure(failure('auth-expired'), 1, NOW, () => 0)).toMatchObject({
      health: 'auth-failed',
      retryInMs: null,
    });
  });
});
