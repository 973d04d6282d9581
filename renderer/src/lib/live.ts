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
