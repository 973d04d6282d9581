import type { Presence } from '../domain.js';

/**
 * Who is "available now": active at a computer or on the phone. Notify-once answers "already"
 * for them (app-service) and fires when someone becomes so (engine), a "back" alert is still
 * true while the person is (alerts), and the panel's browser-test fake answers the same.
 */
export const AVAILABLE_PRESENCES = ['online', 'mobile'] as const satisfies readonly Presence[];

const AVAILABLE: ReadonlySet<Presence> = new Set(AVAILABLE_PRESENCES);

export function isAvailableNow(presence: Presence): boolean {
  return AVAILABLE.has(presence);
}
