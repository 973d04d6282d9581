import { derivePresence as appPresence, DESKTOP_ALIVE_MS, MOBILE_ACTIVITY_WINDOW_MS } from '../core/presence/model.js';
import { parseAtom } from '../core/presence/dates.js';
import type { DemoPresence } from './types.js';

/**
 * The demo shapes its people's dates so that Bitrix24's rules give exactly the presence it
 * intends. Those rules are the app's own (electron/core/presence/model.ts): one derivation,
 * so the simulated portal and the app can never disagree about what a person's dates mean.
 */
export const DEFAULT_ONLINE_LIMIT_S = 1440;
/** mobile_last_date must be closer than this to last_activity_date to count as mobile. */
export const MOBILE_WINDOW_S = MOBILE_ACTIVITY_WINDOW_MS / 1000;
/** The desktop app counts as running while desktop_last_date + 120 s + 60 s > now. */
export const DESKTOP_GRACE_S = DESKTOP_ALIVE_MS / 1000;

export interface PresenceFields {
  readonly last_activity_date?: unknown;
  readonly mobile_last_date?: unknown;
  readonly desktop_last_date?: unknown;
  readonly idle?: unknown;
}

/** A user object's date field as the app reads it: an ATOM string, or false. */
const asDate = (value: unknown): string | false => (typeof value === 'string' ? value : false);

export function desktopRunning(fields: PresenceFields, now: number): boolean {
  const desktop = parseAtom(asDate(fields.desktop_last_date));
  return desktop !== null && desktop + DESKTOP_ALIVE_MS > now;
}

export function derivePresence(fields: PresenceFields, now: number, onlineLimitS = DEFAULT_ONLINE_LIMIT_S): DemoPresence {
  return appPresence(
    {
      last_activity_date: asDate(fields.last_activity_date),
      mobile_last_date: asDate(fields.mobile_last_date),
      desktop_last_date: fields.desktop_last_date === undefined ? undefined : asDate(fields.desktop_last_date),
      idle: asDate(fields.idle),
    },
    now,
    onlineLimitS,
  ).presence;
}
