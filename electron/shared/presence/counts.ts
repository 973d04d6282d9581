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

/**
 * How many people are in each presence, read as the badges and the filters read them
 * (shownPresence): on a portal that does not report mobile activity nobody counts as mobile
 * (they count as online). The panel's header and the tray's tooltip say the same thing.
 * People on leave are counted by presence too (someone on leave may be online).
 *
 * `reports` defaults to a current portal's, which reports no mobile activity.
 */
export function countPresence(colleagues: readonly Colleague[], reports: PortalReports = CURRENT_PORTAL_REPORTS): PresenceCounts {
  let online = 0;
  let idle = 0;
  let mobile = 0;
  let offline = 0;
  let onLeave = 0;
  for (const c of colleagues) {
    const presence = shownPresence(c, reports);
    if (presence === 'online') online++;
    else if (presence === 'idle') idle++;
    else if (presence === 'mobile') mobile++;
    else offline++;
    if (c.absentUntil !== null) onLeave++;
  }
  return { total: colleagues.length, online, idle, mobile, offline, onLeave };
}

/**
 * How many are free now (isFreeNow): the "Free now" chip and filter agree on it. Apart from
 * countPresence because it depends on the moment, not only on the last refresh.
 */
export function countFree(colleagues: readonly Colleague[], reports: PortalReports, now: number): number {
  let free = 0;
  for (const c of colleagues) if (isFreeNow(c, reports, now)) free++;
  return free;
}
