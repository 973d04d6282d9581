/** The morning hour "pause alerts until tomorrow" ends at, in the tray and in the panel alike. */
export const PAUSE_UNTIL_MORNING_HOUR = 8;

/** Tomorrow at `hour`:00 local time: "pause alerts until tomorrow morning". */
export function tomorrowMorning(now: number, hour: number = PAUSE_UNTIL_MORNING_HOUR): number {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(hour, 0, 0, 0);
  return date.getTime();
}

/** Alerts are paused at `now`: the one reading of `pausedUntil`, for the policy, tray and panel. */
export function alertsPausedAt(pausedUntil: number | null, now: number): boolean {
  return pausedUntil !== null && now < pausedUntil;
}

/** `pausedUntil` while it is still ahead, else null (a pause that has ended reads as none). */
export function activePauseUntil(pausedUntil: number | null, now: number): number | null {
  return alertsPausedAt(pausedUntil, now) ? pausedUntil : null;
}
