import type { DemoPresence } from './types.js';

/**
 * Bitrix24's own derivation of what its messenger shows (CIMStatus), applied to the fields of
 * an im.* user object. The demo shapes its fields so that these rules give exactly the
 * presence it intends; tests use this file to check that promise.
 */
export const DEFAULT_ONLINE_LIMIT_S = 1440;
/** mobile_last_date must be this close to last_activity_date to count as mobile. */
export const MOBILE_WINDOW_S = 300;
/** The desktop app counts as running while desktop_last_date + 120 s + 60 s > now. */
export const DESKTOP_GRACE_S = 180;

export interface PresenceFields {
  readonly last_activity_date?: unknown;
  readonly mobile_last_date?: unknown;
  readonly desktop_last_date?: unknown;
  readonly idle?: unknown;
}

function dateMs(value: unknown): number | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function desktopRunning(fields: PresenceFields, now: number): boolean {
  const desktop = dateMs(fields.desktop_last_date);
  return desktop !== null && desktop + DESKTOP_GRACE_S * 1000 > now;
}

export function derivePresence(fields: PresenceFields, now: number, onlineLimitS = DEFAULT_ONLINE_LIMIT_S): DemoPresence {
  const limitMs = onlineLimitS * 1000;
  const last = dateMs(fields.last_activity_date);
  if (last === null || now - last >= limitMs) return 'offline';
  const mobile = dateMs(fields.mobile_last_date);
  if (mobile !== null && now - mobile < limitMs && Math.abs(last - mobile) <= MOBILE_WINDOW_S * 1000) return 'mobile';
  if (dateMs(fields.idle) !== null && desktopRunning(fields, now)) return 'idle';
  return 'online';
}
