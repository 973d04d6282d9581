import type { CalendarBook } from './calendar.js';
import {
  intval,
  isParamObject,
  listParam,
  positiveIds,
  stringParam,
  upperKeys,
  type ParamObject,
  type ParamValue,
} from './params.js';
import { phpArray } from './php-json.js';
import { atom, DAY_MS, PORTAL_TIME_ZONE } from './portal-time.js';
import type { CallOutcome } from './rest-api.js';
import { parseRequestDay, siteDateTime, siteDay, type DemoDateFormat } from './site-format.js';
import { stampValue } from './stamp.js';
import type { Team } from './team.js';
import type { DemoAccessibility, DemoCalendarEntry } from './types.js';
import { addDays, dateParts, wallTime, zonedMidnight, zoneOffsetSeconds } from './zoned-time.js';

/**
 * `calendar.accessibility.get` and `user.get` as a current server answers them (see
 * /work/shared/docs/bitrix24-rest.md, "Who can be reached, and when"): dates in the site
 * format as wall time in the entry's zone, numbers as strings, recurring occurrences carrying
 * the series' `*_TS_UTC`, absence-chart records in their own shape, `[]` for nobody valid.
 */
export const USER_GET_PAGE = 50;
/** What colleagues see instead of a title (the portal hides titles from them). */
const PLACEHOLDER_NAMES: Readonly<Record<Exclude<DemoAccessibility, 'free'>, string>> = {
  busy: '[Busy]',
  quest: '[Tentative]',
  absent: '[Out of office]',
};
/** Filter keys user.get knows here; any other key is dropped, as the server drops unknown ones. */
const USER_FILTER_KEYS = [
  'ID',
  'ACTIVE',
  'NAME',
  'LAST_NAME',
  'EMAIL',
  'UF_DEPARTMENT',
  'USER_TYPE',
] as const;
/** Top-level keys that are not filters when user.get is called without FILTER. */
const USER_GET_RESERVED = new Set(['FILTER', 'SELECT', 'SORT', 'ORDER', 'START', 'ADMIN_MODE']);
const ONLINE_WINDOW_MS = 900_000;

const bad = (description: string): CallOutcome => ({
  ok: false,
  status: 400,
  error: 'ERROR_CORE',
  description,
});
const seconds = (epochMs: number): number => Math.floor(epochMs / 1000);

export function accessibilityGet(
  params: ParamObject,
  team: Team,
  book: CalendarBook,
  format: DemoDateFormat,
): CallOutcome {
  const users = params.users;
  if (users === undefined || users === '') return bad('Required parameter "users" is empty');
  const fromDay = parseRequestDay(stringParam(params.from), format);
  const toDay = parseRequestDay(stringParam(params.to), format);
  if (fromDay === null) return bad('Required parameter "from" is empty or not a date');
  if (toDay === null) return bad('Required parameter "to" is empty or not a date');
  let from: number;
  let until: number;
  try {
    // Whole days in the server's zone: `to` includes its whole day.
    from = zonedMidnight(fromDay, PORTAL_TIME_ZONE);
    until = zonedMidnight(addDays(toDay, 1), PORTAL_TIME_ZONE);
  } catch {
    return bad('"from" or "to" is not a calendar date');
  }
  const callerZone = team.owner().timeZone || PORTAL_TIME_ZONE;
  const entries: [string, unknown][] = [];
  for (const id of positiveIds(users)) {
    const person = team.get(id);
    if (!person) continue;
    const items = until > from ? book.entries(person, from, until).filter(isSent) : [];
    entries.push([String(id), items.map((entry) => accessibilityItem(entry, format, callerZone))]);
  }
  return { ok: true, result: phpArray(entries) };
}

/** Declined meetings and free entries never come back. */
function isSent(entry: DemoCalendarEntry): boolean {
  return !entry.declined && entry.accessibility !== 'free';
}

export function accessibilityItem(
  entry: DemoCalendarEntry,
  format: DemoDateFormat,
  callerZone: string,
): Record<string, unknown> {
  if (entry.source === 'absence-chart') {
    // Chart dates are the server's; FROM/TO are the timestamps of those dates (a whole last day: its midnight).
    const lastMidnight = entry.days
      ? zonedMidnight(entry.days.last, PORTAL_TIME_ZONE)
      : entry.until;
    return {
      FROM_HR: true,
      ID: String(entry.id),
      DT_FROM: entry.days
        ? siteDay(ymd(entry.days.first), format)
        : siteDateTime(wallTime(entry.from, PORTAL_TIME_ZONE), format),
      DT_TO: entry.days
        ? siteDay(ymd(entry.days.last), format)
        : siteDateTime(wallTime(entry.until, PORTAL_TIME_ZONE), format),
      ACCESSIBILITY: 'absent',
      IMPORTANCE: 'normal',
      FROM: seconds(entry.from),
      TO: seconds(lastMidnight),
    };
  }
  const accessibility = entry.accessibility === 'free' ? 'busy' : entry.accessibility;
  const head = { ID: String(entry.id), NAME: PLACEHOLDER_NAMES[accessibility] };
  const tail = {
    ACCESSIBILITY: entry.accessibility,
    IMPORTANCE: entry.importance,
    EVENT_TYPE: null,
  };
  if (entry.days) {
    // All-day: dates alone, DATE_TO the last day; the *_TS_UTC are server midnights of those days (not confirmed).
    const zone = entry.timeZone ?? '';
    return {
      ...head,
      DATE_FROM: siteDay(ymd(entry.days.first), format),
      DATE_TO: siteDay(ymd(entry.days.last), format),
      DATE_FROM_TS_UTC: String(seconds(zonedMidnight(entry.days.first, PORTAL_TIME_ZONE))),
      DATE_TO_TS_UTC: String(seconds(zonedMidnight(entry.days.last, PORTAL_TIME_ZONE))),
      '~USER_OFFSET_FROM': 0,
      '~USER_OFFSET_TO': 0,
      DT_SKIP_TIME: 'Y',
      TZ_FROM: zone,
      TZ_TO: zone,
      ...tail,
    };
  }
  const zone = entry.timeZone ?? PORTAL_TIME_ZONE;
  const span = entry.series ?? entry;
  return {
    ...head,
    DATE_FROM: siteDateTime(wallTime(entry.from, zone), format),
    DATE_TO: siteDateTime(wallTime(entry.until, zone), format),
    DATE_FROM_TS_UTC: String(seconds(span.from)),
    DATE_TO_TS_UTC: String(seconds(span.until)),
    // The event zone's offset minus the calling user's, not an offset from UTC.
    '~USER_OFFSET_FROM':
      zoneOffsetSeconds(entry.from, zone) - zoneOffsetSeconds(entry.from, callerZone),
    '~USER_OFFSET_TO':
      zoneOffsetSeconds(entry.until, zone) - zoneOffsetSeconds(entry.until, callerZone),
    DT_SKIP_TIME: 'N',
    TZ_FROM: zone,
    TZ_TO: zone,
    ...tail,
  };
}

function ymd(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = dateParts(date);
  return { year, month, day };
}

/** `user.get`: everyone on the portal by ID ascending, 50 a page by `start`; FILTER, SELECT. */
export function restUserGet(
  raw: ParamObject,
  team: Team,
  now: number,
  offsetMinutes: number,
): CallOutcome {
  const params = upperKeys(raw);
  let filter: ParamObject;
  if (isParamObject(params.FILTER)) {
    filter = upperKeys(params.FILTER);
  } else {
    filter = upperKeys(
      Object.fromEntries(
        Object.entries(params).filter(([key]) => !USER_GET_RESERVED.has(key)),
      ) as ParamObject,
    );
  }
  const people = [...team.all()]
    .filter((person) =>
      USER_FILTER_KEYS.every(
        (key) => filter[key] === undefined || matches(key, filter[key], person),
      ),
    )
    .sort((a, b) => a.id - b.id);
  const select = (listParam(params.SELECT) ?? [])
    .map((field) => stringParam(field).toUpperCase())
    .filter((field) => field !== '');
  const start = Math.max(0, intval(params.START));
  const page = people.slice(start, start + USER_GET_PAGE).map((person) => {
    const lastActivity = stampValue(person.lastActivity, now);
    const row: Record<string, unknown> = {
      ID: String(person.id),
      XML_ID: '',
      ACTIVE: true,
      NAME: person.firstName,
      LAST_NAME: person.lastName,
      SECOND_NAME: '',
      EMAIL: person.email,
      LAST_LOGIN: lastActivity === null ? '' : atom(lastActivity, offsetMinutes),
      DATE_REGISTER: atom(now - 400 * DAY_MS - person.id * 3_600_000, offsetMinutes),
      TIME_ZONE: person.timeZone,
      IS_ONLINE: lastActivity !== null && now - lastActivity < ONLINE_WINDOW_MS ? 'Y' : 'N',
      TIMESTAMP_X: atom(now - 30 * DAY_MS, offsetMinutes),
      // A DateTime object the REST serialiser does not convert: it arrives as an empty object.
      LAST_ACTIVITY_DATE: {},
      PERSONAL_GENDER: person.gender,
      PERSONAL_BIRTHDAY: '',
      WORK_POSITION: person.position ?? '',
      UF_DEPARTMENT: [...person.departments],
      USER_TYPE: 'employee',
    };
    if (select.length === 0 || select.includes('*')) return row;
    return Object.fromEntries(
      Object.entries(row).filter(([field]) => field === 'ID' || select.includes(field)),
    );
  });
  const reached = start + page.length;
  return reached < people.length
    ? { ok: true, result: page, total: people.length, next: reached }
    : { ok: true, result: page, total: people.length };
}

function matches(
  key: (typeof USER_FILTER_KEYS)[number],
  value: ParamValue | undefined,
  person: ReturnType<Team['owner']>,
): boolean {
  const values = (listParam(value) ?? [value]).map((item) => stringParam(item ?? ''));
  switch (key) {
    case 'ID':
      return values.some((item) => intval(item) === person.id);
    case 'ACTIVE':
      return values.some((item) => item === 'Y' || item === 'true' || item === '1');
    case 'NAME':
      return values.includes(person.firstName);
    case 'LAST_NAME':
      return values.includes(person.lastName);
    case 'EMAIL':
      return values.includes(person.email);
    case 'UF_DEPARTMENT':
      return values.some((item) => person.departments.includes(intval(item)));
    case 'USER_TYPE':
      return values.includes('employee');
  }
}
