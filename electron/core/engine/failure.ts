import { errorMessage } from '../error-message.js';
import type { HealthState } from '../../shared/domain.js';
import { B24Error, isB24Error } from '../bitrix/errors.js';
import { nextRetryDelay } from '../bitrix/backoff.js';
import type { FailureVerdict } from '../poller/poller.js';

/**
 * What a failed refresh means, in one place: the health the user sees (this table) and when
 * to try again (bitrix/backoff.ts). The engine injects it into the poller, which only schedules.
 *
 * - An error that is not a B24Error (a bug, a source that threw something odd) counts as a
 *   malformed answer: retried, shown as stale.
 * - No retry means auth-failed whatever the kind: only the user can fix it (a new webhook, a
 *   new connection); the poller then waits for "refresh now".
 * - auth-expired here is never retried: the client already refreshed the OAuth token once, so
 *   a token still expired means the refresh token is dead too.
 * - While rate-limited, `until` says when polling resumes.
 */

/** How long to wait before retry `attempt` after `error`, or null: do not retry. */
export type RetryAdvice = (error: B24Error, attempt: number, now: number) => number | null;

/** The health while a refresh keeps failing with this kind (and is retried). */
export const HEALTH_FOR_KIND: Readonly<Record<B24Error['kind'], HealthState>> = {
  'rate-limited': 'rate-limited',
  overloaded: 'rate-limited',
  'operation-time-limited': 'rate-limited',
  'auth-expired': 'auth-failed',
  'auth-invalid': 'auth-failed',
  'scope-missing': 'auth-failed',
  'access-denied': 'auth-failed',
  'method-missing': 'auth-failed',
  'bad-request': 'stale',
  'portal-moved': 'auth-failed',
  'server-error': 'stale',
  'malformed-response': 'stale',
  network: 'offline',
  timeout: 'offline',
};

/**
 * @param attempt 1 for the first failure in a row, 2 for the next, …
 * @param advice the back-off; nextRetryDelay (with Math.random for jitter) unless given
 */
export function classifyFailure(
  error: unknown,
  attempt: number,
  now: number,
  advice: RetryAdvice = nextRetryDelay,
): FailureVerdict {
  const b24 = isB24Error(error)
    ? error
    : new B24Error({ kind: 'malformed-response', code: 'INTERNAL', message: errorMessage(error) });
  const retryInMs = b24.kind === 'auth-expired' ? null : advice(b24, attempt, now);
  const health = retryInMs === null ? 'auth-failed' : HEALTH_FOR_KIND[b24.kind];
  return {
    health,
    retryInMs,
    until: health === 'rate-limited' && retryInMs !== null ? now + retryInMs : null,
    code: b24.code,
    message: b24.message,
  };
}
