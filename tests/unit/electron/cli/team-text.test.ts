import { describe, expect, it } from 'vitest';
import type { Colleague, PortalReports } from '../../../../electron/shared/domain.js';
import { countPresence } from '../../../../electron/shared/presence/counts.js';
import { colleague } from '../../../support/colleague.js';
import { withTwelveHourDefault } from '../../../support/default-locale.js';
import {
  clockTime,
  leaveDay,
  presencePhrase,
  sortByPresence,
  summaryLine,
  teamTable,
  width,
} from '../../../../electron/cli/team-text.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const MIN = 60_000;
const CURRENT: PortalReports = {
  idle: false,
  mobile: false,
  status: false,
  calendar: false,
  timeZones: false,
};
const LEGACY: PortalReports = {
  idle: true,
  mobile: true,
  status: true,
  calendar: false,
  timeZones: false,
};

let nextId = 1;
function person(fields: Partial<Colleague> = {}): Colleague {
  return colleague(fields.id ?? nextId++, { departments: [], lastActivity: NOW, ...fields });
}

describe('summaryLine', () => {
  it('reads "N online, N away, N offline", with mobile and leave only when there are any, each person counted once', () => {
    const team = [
      person(),
      person({ presence: 'mobile' }),
      person({ presence: 'idle', presenceSince: NOW - 8 * MIN }),
      person({ presence: 'offline', absentUntil: '2026-11-27' }),
    ];
    expect(summaryLine(countPresence(team, CURRENT), CURRENT)).toBe(
      '2 online, 1 away, 0 offline, 1 on leave',
    );
    expect(summaryLine(countPresence(team, LEGACY), LEGACY)).toBe(
      '1 online, 1 away, 1 on mobile, 0 offline, 1 on leave',
    );
    expect(summaryLine(countPresence([person()], LEGACY), LEGACY)).toBe(
      '1 online, 0 away, 0 offline',
    );
    expect(summaryLine(countPresence([], CURRENT), CURRENT)).toBe('0 online, 0 away, 0 offline');
  });
});

describe('presencePhrase', () => {
  it.each([
    ['online', 'online', person(), CURRENT],
    ['mobile on a current portal', 'online', person({ presence: 'mobile' }), CURRENT],
    ['mobile where reported', 'on mobile', person({ presence: 'mobile' }), LEGACY],
    ['dnd on a current portal', 'online', person({ status: 'dnd' }), CURRENT],
    ['dnd where reported', 'online · do not disturb', person({ status: 'dnd' }), LEGACY],
    ['an unknown status where reported', 'online', person({ status: 'lunch' }), LEGACY],
    [
      'away for 8 minutes',
      'away 8 min',
      person({ presence: 'idle', presenceSince: NOW - 8.5 * MIN }),
      CURRENT,
    ],
    [
      'away for seconds',
      'away 1 min',
      person({ presence: 'idle', presenceSince: NOW - 10_000 }),
      CURRENT,
    ],
    [
      'away for hours',
      'away 2 h',
      person({ presence: 'idle', presenceSince: NOW - 130 * MIN }),
      CURRENT,
    ],
    [
      'away since an unknown time',
      'away',
      person({ presence: 'idle', presenceSince: null }),
      CURRENT,
    ],
    [
      'offline, seen 40 min ago',
      'last seen 40 min ago',
      person({ presence: 'offline', lastActivity: NOW - 40 * MIN }),
      CURRENT,
    ],
    [
      'offline, seen 3 days ago',
      'last seen 3 days ago',
      person({ presence: 'offline', lastActivity: NOW - 3 * 1440 * MIN }),
      CURRENT,
    ],
    [
      'offline, seen 1 day ago',
      'last seen 1 day ago',
      person({ presence: 'offline', lastActivity: NOW - 1500 * MIN }),
      CURRENT,
    ],
    [
      'offline, never seen',
      'offline',
      person({ presence: 'offline', lastActivity: null }),
      CURRENT,
    ],
    [
      'offline on leave',
      'on leave until 3 Dec',
      person({ presence: 'offline', absentUntil: '2026-12-03' }),
      CURRENT,
    ],
    [
      'online on leave',
      'online · on leave until 3 Dec',
      person({ absentUntil: '2026-12-03' }),
      CURRENT,
    ],
  ] as const)('%s → %s', (_what, phrase, c, reports) => {
    expect(presencePhrase(c, reports, NOW)).toBe(phrase);
  });

  it("keeps a leave's last day as the calendar day, whatever the time zone", () => {
    expect(leaveDay('2027-01-01')).toBe('1 Jan');
    expect(leaveDay('not a day')).toBe('not a day');
  });
});

describe('sortByPresence and teamTable', () => {
  it('sorts online, mobile, busy, away, offline, offline on leave, then by name', () => {
    const team = [
      person({ name: 'Zoe', presence: 'offline', absentUntil: '2026-12-03' }),
      person({ name: 'Yan', presence: 'offline' }),
      person({ name: 'Xia', presence: 'idle', presenceSince: NOW - MIN }),
      person({ name: 'Will', status: 'dnd' }),
      person({ name: 'Vera', presence: 'mobile' }),
      person({ name: 'bob' }),
      person({ name: 'Alice' }),
    ];
    expect(sortByPresence(team, LEGACY).map((c) => c.name)).toEqual([
      'Alice',
      'bob',
      'Vera',
      'Will',
      'Xia',
      'Yan',
      'Zoe',
    ]);
    // Where mobile and statuses are not reported, Vera and Will are simply online.
    expect(sortByPresence(team, CURRENT).map((c) => c.name)).toEqual([
      'Alice',
      'bob',
      'Vera',
      'Will',
      'Xia',
      'Yan',
      'Zoe',
    ]);
    const gated = [
      person({ name: 'Amy', presence: 'mobile' }),
      person({ name: 'Ben', status: 'dnd' }),
      person({ name: 'Cal' }),
    ];
    expect(sortByPresence(gated, LEGACY).map((c) => c.name)).toEqual(['Cal', 'Amy', 'Ben']);
    expect(sortByPresence(gated, CURRENT).map((c) => c.name)).toEqual(['Amy', 'Ben', 'Cal']);
  });

  it('aligns the columns and keeps portal text from steering the terminal', () => {
    const team = [
      person({ name: 'Ada', position: 'Engineer' }),
      person({
        name: 'Evil\u001b]0;pwned\u0007 Name\nNext',
        presence: 'idle',
        presenceSince: NOW - 5 * MIN,
        position: 'QA\r\nlead',
      }),
      person({ name: '', presence: 'offline', lastActivity: NOW - 2 * 60 * MIN, id: 99 }),
    ];
    expect(
      teamTable({ colleagues: team, reports: CURRENT, counts: countPresence(team, CURRENT) }, NOW),
    ).toEqual([
      '1 online, 1 away, 1 offline',
      'Ada                     online             Engineer',
      'Evil]0;pwned Name Next  away 5 min         QA lead',
      '#99                     last seen 2 h ago',
    ]);
  });
});

describe('width', () => {
  it('counts terminal columns: wide characters two, combining marks none', () => {
    expect(width('Ada')).toBe(3);
    expect(width('美咲 李')).toBe(7);
    expect(width('Zoe\u0301')).toBe(3);
    expect(width('Анна')).toBe(4);
  });

  it('aligns a table with wide names and clips long ones to 32 columns', () => {
    const team = [
      person({ name: '美咲 李', position: 'A' }),
      person({ name: 'Bo', position: 'B' }),
      person({ name: 'X'.repeat(40), position: 'C' }),
    ];
    const rows = teamTable(
      { colleagues: team, reports: CURRENT, counts: countPresence(team, CURRENT) },
      NOW,
    ).slice(1);
    expect(rows.map((row) => width(row.slice(0, row.lastIndexOf(' ') + 1)))).toEqual([42, 42, 42]);
    expect(rows).toContain(`${'X'.repeat(31)}…  online  C`);
  });
});

describe('clockTime', () => {
  it('stamps watch lines with a 24-hour time, not the terminal locale (toLocaleTimeString)', () => {
    const afternoon = new Date(2026, 10, 23, 14, 5, 9).getTime();
    withTwelveHourDefault(() => {
      expect(new Date(afternoon).toLocaleTimeString()).toBe('DEFAULT-LOCALE');
      expect(clockTime(afternoon)).toBe('14:05:09');
      expect(clockTime(new Date(2026, 10, 23, 0, 0, 1).getTime())).toBe('00:00:01');
    });
  });
});
