import type { BatchCommand } from './client.js';
import type { B24Error } from './errors.js';

/**
 * The calendar's commands (docs/bitrix24-rest.md, "Who can be reached, and when"): busy times
 * from `calendar.accessibility.get` and time zones from `user.get`. They ride in the refresh's
 * spare batch commands (team.ts) or, when overdue and there is no room, in one more batch; what
 * to ask when is engine/calendar-checks.ts's choice.
 */
export const ACCESSIBILITY_METHOD = 'calendar.accessibility.get';
export const USER_GET_METHOD = 'user.get';
/** Ids per calendar command: a few hundred at most keeps each command's processing time small. */
export const CALENDAR_CHUNK = 200;
/** Ids per user.get command: its page size, so one page answers the whole chunk. */
export const TIME_ZONE_CHUNK = 50;

export type ExtraKind = 'calendar' | 'timeZones';

/** One spare command: whose calendar or time zone it asks. */
export interface ExtraRequest {
  readonly kind: ExtraKind;
  readonly ids: readonly number[];
  readonly command: BatchCommand;
}

export type ExtraAnswer =
  | { readonly request: ExtraRequest; readonly result: unknown; readonly error?: undefined }
  | { readonly request: ExtraRequest; readonly error: B24Error };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The farthest a server's zone can be from UTC, west and east (UTC-12, UTC+14). */
const WEST_MS = 12 * HOUR_MS;
const EAST_MS = 14 * HOUR_MS;

function ymd(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * The server's yesterday..tomorrow as Y-m-d (which every site format accepts for `from`/`to`). It
 * reads them as whole days in its own zone, which no REST method tells, so the UTC dates asked for
 * are those of its yesterday in the far west and its tomorrow in the far east: at 22:00 UTC a
 * Moscow server is already on the next date, and plain UTC days would end its tomorrow 3 h early.
 */
export function calendarRequest(ids: readonly number[], now: number): ExtraRequest {
  return {
    kind: 'calendar',
    ids,
    command: {
      method: ACCESSIBILITY_METHOD,
      params: { users: ids, from: ymd(now - DAY_MS - WEST_MS), to: ymd(now + DAY_MS + EAST_MS) },
    },
  };
}

export function timeZoneRequest(ids: readonly number[]): ExtraRequest {
  return {
    kind: 'timeZones',
    ids,
    command: {
      method: USER_GET_METHOD,
      params: { FILTER: { ID: ids }, SELECT: ['ID', 'TIME_ZONE'] },
    },
  };
}

const zoneChecks = new Map<string, string | null>();
const ZONE_CHECKS_KEPT = 1_000;

/** An IANA zone Intl knows, in its canonical spelling; null for "", unknown names and anything else. */
export function checkedTimeZone(value: unknown): string | null {
  if (typeof value !== 'string' || value === '' || value.length > 64) return null;
  let zone = zoneChecks.get(value);
  if (zone === undefined) {
    try {
      zone = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      zone = null;
    }
    if (zoneChecks.size >= ZONE_CHECKS_KEPT) zoneChecks.clear();
    zoneChecks.set(value, zone);
  }
  return zone;
}

/**
 * A user.get answer → TIME_ZONE per asked id. Only asked ids count: a portal that drops an
 * unknown filter key answers with the unfiltered list. Ids missing from the answer are left out
 * (no news), not set to null.
 */
export function parseTimeZones(
  result: unknown,
  askedIds: readonly number[],
): Map<number, string | null> {
  const zones = new Map<number, string | null>();
  const rows = Array.isArray(result)
    ? result
    : result !== null && typeof result === 'object'
      ? Object.values(result)
      : [];
  const asked = new Set(askedIds);
  for (const row of rows) {
    if (row === null || typeof row !== 'object') continue;
    const record = row as Record<string, unknown>;
    const id =
      typeof record.ID === 'number'
        ? record.ID
        : typeof record.ID === 'string' && /^\d{1,15}$/.test(record.ID)
          ? Number(record.ID)
          : NaN;
    if (!asked.has(id)) continue;
    zones.set(id, checkedTimeZone(record.TIME_ZONE));
  }
  return zones;
}
