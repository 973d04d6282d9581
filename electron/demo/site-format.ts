import type { WallTime } from './zoned-time.js';

/**
 * The portal's site date format (a portal setting, not fixed): calendar answers write their
 * dates in it. Bitrix24's tokens: `HH` 24-hour, `H` 12-hour with a leading zero, `T` am/pm.
 */
export const DEMO_DATE_FORMATS = ['DD.MM.YYYY HH:MI:SS', 'MM/DD/YYYY H:MI:SS T'] as const;
export type DemoDateFormat = (typeof DEMO_DATE_FORMATS)[number];
export const DEFAULT_DATE_FORMAT: DemoDateFormat = 'DD.MM.YYYY HH:MI:SS';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The date alone, as all-day entries and whole-day absences carry it. */
export function siteDay(
  wall: Pick<WallTime, 'year' | 'month' | 'day'>,
  format: DemoDateFormat,
): string {
  const year = pad(wall.year, 4);
  return format === 'DD.MM.YYYY HH:MI:SS'
    ? `${pad(wall.day)}.${pad(wall.month)}.${year}`
    : `${pad(wall.month)}/${pad(wall.day)}/${year}`;
}

/** Date and time: `11.12.2025 14:59:00` or `12/11/2025 02:59:00 pm`. */
export function siteDateTime(wall: WallTime, format: DemoDateFormat): string {
  const seconds = `${pad(wall.minute)}:${pad(wall.second)}`;
  if (format === 'DD.MM.YYYY HH:MI:SS')
    return `${siteDay(wall, format)} ${pad(wall.hour)}:${seconds}`;
  const hour12 = wall.hour % 12 === 0 ? 12 : wall.hour % 12;
  return `${siteDay(wall, format)} ${pad(hour12)}:${seconds} ${wall.hour < 12 ? 'am' : 'pm'}`;
}

/**
 * A request's day in the site format (or ISO `YYYY-MM-DD…`), as `YYYY-MM-DD`; null when it
 * is not one. Only the date part counts: the server drops the time of `from`/`to`.
 */
export function parseRequestDay(text: string, format: DemoDateFormat): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(text.trim());
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const site =
    format === 'DD.MM.YYYY HH:MI:SS'
      ? /^(\d{2})\.(\d{2})\.(\d{4})(?:$| )/.exec(text.trim())
      : /^(\d{2})\/(\d{2})\/(\d{4})(?:$| )/.exec(text.trim());
  if (!site) return null;
  const [first, second, year] = [site[1], site[2], site[3]];
  return format === 'DD.MM.YYYY HH:MI:SS'
    ? `${year}-${second}-${first}`
    : `${year}-${first}-${second}`;
}
