import { describe, expect, it } from 'vitest';
import {
  ACCESSIBILITY_METHOD,
  USER_GET_METHOD,
  calendarRequest,
  checkedTimeZone,
  parseTimeZones,
  timeZoneRequest,
} from '../../../../../electron/core/bitrix/calendar.js';
import { ManualClock } from '../../../../../electron/core/clock.js';
import { DAY_MS, HOUR_MS } from '../../../../../electron/shared/time-units.js';

/** Y-m-d of an instant in UTC, as the request writes it. */
const ymd = (at: number): string => new Date(at).toISOString().slice(0, 10);

describe('calendarRequest', () => {
  // The clock's day at 00:00 UTC: every instant below is derived from it.
  const start = new ManualClock().now();
  const midnight = start - (start % DAY_MS);

  it('asks calendar.accessibility.get for the ids, from yesterday to tomorrow anywhere', () => {
    const noon = midnight + 12 * HOUR_MS;
    const request = calendarRequest([3, 5], noon);
    expect(request).toEqual({
      kind: 'calendar',
      ids: [3, 5],
      command: {
        method: ACCESSIBILITY_METHOD,
        params: {
          users: [3, 5],
          // Noon UTC: yesterday at UTC-12 is still yesterday; tomorrow at UTC+14 is the day after.
          from: ymd(midnight - DAY_MS),
          to: ymd(midnight + 2 * DAY_MS),
        },
      },
    });
  });

  it('moves the dates with the far west and the far east, not with UTC', () => {
    // 02:00 UTC: UTC-12 is still two UTC dates back, UTC+14 already on the next date.
    expect(calendarRequest([1], midnight + 2 * HOUR_MS).command.params).toMatchObject({
      from: ymd(midnight - 2 * DAY_MS),
      to: ymd(midnight + DAY_MS),
    });
    // 22:00 UTC: a Moscow server is on the next date already, so its tomorrow is two dates on.
    expect(calendarRequest([1], midnight + 22 * HOUR_MS).command.params).toMatchObject({
      from: ymd(midnight - DAY_MS),
      to: ymd(midnight + 2 * DAY_MS),
    });
  });
});

describe('timeZoneRequest', () => {
  it('asks user.get for the ids and their TIME_ZONE only', () => {
    expect(timeZoneRequest([7, 9])).toEqual({
      kind: 'timeZones',
      ids: [7, 9],
      command: {
        method: USER_GET_METHOD,
        params: { FILTER: { ID: [7, 9] }, SELECT: ['ID', 'TIME_ZONE'] },
      },
    });
  });
});

describe('checkedTimeZone', () => {
  it('keeps a zone Intl knows, in its canonical spelling', () => {
    expect(checkedTimeZone('Europe/Moscow')).toBe('Europe/Moscow');
    expect(checkedTimeZone('europe/moscow')).toBe('Europe/Moscow');
    expect(checkedTimeZone('Etc/UTC')).toBe('UTC');
  });

  it.each([
    ['empty (the portal default)', ''],
    ['unknown', 'Mars/Olympus_Mons'],
    ['no string', 3],
    ['null', null],
    ['too long', `Europe/${'x'.repeat(60)}`],
  ])('is null for %s', (_what, value) => {
    expect(checkedTimeZone(value)).toBeNull();
  });
});

describe('parseTimeZones', () => {
  it('reads TIME_ZONE per asked id, from a list or a PHP object, ids as numbers or text', () => {
    const list = [
      { ID: '3', TIME_ZONE: 'Europe/Berlin' },
      { ID: 5, TIME_ZONE: '' },
    ];
    expect(parseTimeZones(list, [3, 5])).toEqual(
      new Map([
        [3, 'Europe/Berlin'],
        [5, null],
      ]),
    );
    expect(parseTimeZones({ a: { ID: '3', TIME_ZONE: 'Asia/Tokyo' } }, [3])).toEqual(
      new Map([[3, 'Asia/Tokyo']]),
    );
  });

  it('ignores ids not asked (a portal that dropped the filter sends everyone)', () => {
    const everyone = [
      { ID: '1', TIME_ZONE: 'Europe/Paris' },
      { ID: '2', TIME_ZONE: 'Europe/Rome' },
    ];
    expect([...parseTimeZones(everyone, [2]).keys()]).toEqual([2]);
  });

  it('leaves out ids the answer does not mention, rather than setting them to null', () => {
    expect(parseTimeZones([{ ID: '3', TIME_ZONE: 'UTC' }], [3, 4]).has(4)).toBe(false);
  });

  it('an unknown zone is null; rows that are no user are skipped', () => {
    const rows = [
      { ID: '3', TIME_ZONE: 'Not/AZone' },
      null,
      'junk',
      { ID: '4abc', TIME_ZONE: 'UTC' },
      { ID: '4e0', TIME_ZONE: 'UTC' },
      { ID: ' 4', TIME_ZONE: 'UTC' },
      { ID: 1.5, TIME_ZONE: 'UTC' },
      { TIME_ZONE: 'UTC' },
    ];
    expect(parseTimeZones(rows, [3, 4])).toEqual(new Map([[3, null]]));
    expect(parseTimeZones(null, [3]).size).toBe(0);
    expect(parseTimeZones('junk', [3]).size).toBe(0);
  });
});
