import type { HealthState } from '$shared/domain.js';

/**
 * Whether what the panel shows is live presence or only the last it knew: while the data is
 * stale, the portal is out of reach, the credential was rejected, or (browser mode) the panel
 * lost its host, nobody should read a bright green "Online" as now. A rate limit only delays
 * the next poll by seconds, and a first connection has nothing old to show: both read as live.
 */
export function isLastKnown(state: HealthState, hostReachable: boolean): boolean {
  if (!hostReachable) return true;
  switch (state) {
    case 'stale':
    case 'offline':
    case 'auth-failed':
      return true;
    case 'ok':
    case 'connecting':
    case 'rate-limited':
      return false;
  }
}

/**
 * Headroom past two poll intervals: a poll in flight may wait up to one request's timeout (30 s,
 * `DEFAULT_TIMEOUT_MS` in electron/core/bitrix/client.ts) before it reports anything.
 */
export const HOST_SILENCE_SLACK_MS = 30_000;

/**
 * When the host counts as silent: a working host sends news after every poll (each poll changes
 * health's `lastSuccessAt`, or its `until` while it retries), so about two intervals without any
 * means it hangs, even if its socket is still open. A host that said when it tries next
 * (`until`, a backoff) is given until then.
 */
export function hostSilentAfter(
  lastNewsAt: number,
  nextTryAt: number | null,
  pollIntervalSec: number,
): number {
  return (
    Math.max(lastNewsAt, nextTryAt ?? lastNewsAt) +
    2 * pollIntervalSec * 1000 +
    HOST_SILENCE_SLACK_MS
  );
}
