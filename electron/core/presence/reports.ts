import type { RawUser } from '../bitrix/types.js';
import type { PortalReports } from '../../shared/domain.js';

/**
 * Learns from a poll's user objects what the portal really reports (see PortalReports). A
 * current portal hard-codes `status: "online"`, `idle: false` and `mobile_last_date: false`
 * for REST callers, so any other value proves the field is real. Returns `known` itself when
 * nothing new was learnt, so callers can compare by identity.
 */
export function learnReports(known: PortalReports, users: readonly RawUser[]): PortalReports {
  let { idle, mobile, status } = known;
  for (const user of users) {
    if (idle && mobile && status) break;
    if (!idle && typeof user.idle === 'string') idle = true;
    if (!mobile && typeof user.mobile_last_date === 'string') mobile = true;
    if (!status && user.status !== undefined && user.status !== '' && user.status !== 'online')
      status = true;
  }
  return idle === known.idle && mobile === known.mobile && status === known.status
    ? known
    : { ...known, idle, mobile, status };
}
