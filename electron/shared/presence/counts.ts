import { CURRENT_PORTAL_REPORTS, type Colleague, type PortalReports } from '../domain.js';
import { isFreeNow, shownPresence } from './classify.js';

export interface PresenceCounts {
  readonly total: number;
  readonly online: number;
  readonly idle: number;
  readonly mobile: number;
  readonly offline: number;
  readonly onLeave: number;
}

/** The count that holds a person: one of these for everybody, so the counts add up to the team. */
export type CountKey = Exclude<keyof PresenceCounts, 'total'>;

/**
 * Where a person is counted, read as the badges and the filters read them (shownPresence): on a
 * portal that does not report mobile activity nobody counts as mobile (they count as online).
 * Someone on leave and offline counts as on leave, not also as offline (the sort's "offline on
 * leave"); someone on leave who is online or away anyway counts by that presence.
 */
export function countedAs(
  c: Pick<Colleague, 'presence' | 'status' | 'absentUntil'>,
  reports: PortalReports,
): CountKey {
  const presence = shownPresence(c, reports);
  if (presence === 'offline') return c.absentUntil !== null ? 'onLeave' : 'offline';
  return presence;
}

/**
 * How many people are in each count: a partition of the team (online + idle + mobile + offline
 * + onLeave = total). The panel's header, the tray's tooltip and the CLI's summary say the same.
 *
 * `reports` defaults to a current portal's, which reports no mobile activity.
 */
export function countPresence(
  colleagues: readonly Colleague[],
  reports: PortalReports = CURRENT_PORTAL_REPORTS,
): PresenceCounts {
  const counts: Record<CountKey, number> = {
    online: 0,
    idle: 0,
    mobile: 0,
    offline: 0,
    onLeave: 0,
  };
  for (const c of colleagues) counts[countedAs(c, reports)]++;
  return { total: colleagues.length, ...counts };
}

/**
 * How many are free now (isFreeNow): the "Free now" chip and filter agree on it. Apart from
 * countPresence because it depends on the moment, not only on the last refresh.
 */
export function countFree(
  colleagues: readonly Colleague[],
  reports: PortalReports,
  now: number,
): number {
  let free = 0;
  for (const c of colleagues) if (isFreeNow(c, reports, now)) free++;
  return free;
}
