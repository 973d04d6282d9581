/** The morning hour "pause alerts until tomorrow" ends at, in the tray and in the panel alike. */
export const PAUSE_UNTIL_MORNING_HOUR = 8;

/** Tomorrow at `hour`:00 local time: "pause alerts until tomorrow morning". */
export function tomorrowMorning(now: number, hour: number = PAUSE_UNTIL_MORNING_HOUR): number {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(hour, 0, 0, 0);
  return date.getTime();
}
