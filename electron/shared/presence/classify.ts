import { isBlockedAt } from '../calendar.js';
import { isBusyStatus, type Colleague, type PortalReports, type Presence } from '../domain.js';

/**
 * How a person reads on screen, given what the portal really reports: the panel's badges,
 * header counts, filters and sort, and the tray's counts (through countPresence) all classify
 * people through these, so they always agree.
 *
 * Current portals hard-code most presence fields for REST callers (status "online", no idle,
 * no mobile): what the portal cannot report is never shown. `PortalReports` says which fields
 * this portal really sends.
 */

/**
 * The presence shown for a person: "mobile" only where the portal reports mobile activity
 * (elsewhere the same person simply counts as online), and someone who chose the status "away"
 * on a portal that reports it is away, so the badge, the Away filter and the count agree.
 */
export function shownPresence(
  c: Pick<Colleague, 'presence' | 'status'>,
  reports: PortalReports,
): Presence {
  if (c.presence === 'mobile' && !reports.mobile) return 'online';
  if (c.presence === 'online' && reports.status && c.status.trim() === 'away') return 'idle';
  return c.presence;
}

/** The chosen status shown: "online" unless the portal really reports chosen statuses. */
export function shownStatus(c: Pick<Colleague, 'status'>, reports: PortalReports): string {
  if (!reports.status) return 'online';
  const status = c.status.trim();
  return status === '' ? 'online' : status;
}

/** Online but busy: a chosen do-not-disturb, away or break, on a portal that reports them. */
export function isBusy(c: Pick<Colleague, 'presence' | 'status'>, reports: PortalReports): boolean {
  return shownPresence(c, reports) === 'online' && isBusyStatus(shownStatus(c, reports));
}

/** How many values presenceRank takes (0 … PRESENCE_RANK_COUNT - 1): sort keys stack on it. */
export const PRESENCE_RANK_COUNT = 6;

/**
 * Free now: online, no chosen busy status, and no meeting or out-of-office block covering `now`
 * (a tentative invitation may yet be declined, so it does not block). The panel's "Free now"
 * filter and count, the sort, and the tray read reachability through this one rule.
 */
export function isFreeNow(
  c: Pick<Colleague, 'presence' | 'status' | 'calendar'>,
  reports: PortalReports,
  now: number,
): boolean {
  return (
    shownPresence(c, reports) === 'online' && !isBusy(c, reports) && !isBlockedAt(c.calendar, now)
  );
}

/**
 * Who is reachable first, as the panel and the CLI sort: online and free, on mobile, online but
 * busy (dnd, break, or, given `now`, in a meeting or out of office by the calendar), away,
 * offline, offline on leave. Mobile and busy only where the portal reports them.
 */
export function presenceRank(
  c: Pick<Colleague, 'presence' | 'status' | 'absentUntil' | 'calendar'>,
  reports: PortalReports,
  now?: number,
): number {
  const presence = shownPresence(c, reports);
  if (c.absentUntil !== null && presence === 'offline') return 5;
  switch (presence) {
    case 'online':
      return isBusy(c, reports) || (now !== undefined && isBlockedAt(c.calendar, now)) ? 2 : 0;
    case 'mobile':
      return 1;
    case 'idle':
      return 3;
    case 'offline':
      return 4;
  }
}
