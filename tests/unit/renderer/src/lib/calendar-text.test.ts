import { describe, expect, it } from 'vitest';
import type { CalendarBlock } from '../../../../../electron/shared/calendar.js';
import {
  CURRENT_PORTAL_REPORTS,
  type Colleague,
  type PortalReports,
} from '../../../../../electron/shared/domain.js';
import { isFreeNow, presenceRank } from '../../../../../electron/shared/presence/classify.js';
import { countFree } from '../../../../../electron/shared/presence/counts.js';
import {
  calendarLine,
  dayBlocks,
  dayStart,
  localTime,
  nextDayStart,
  offsetMinutes,
} from '../../../../../renderer/src/lib/calendar-text.js';
import { createTranslator } from '../../../../../renderer/src/lib/i18n.js';
import { buildList, NameOrder, type ListContext } from '../../../../../renderer/src/lib/list.js';
import { colleague } from '../../../../support/colleague.js';

/**
 * The calendar's words (issue 19): every moment is derived from today's date in the machine's
 * zone (the viewer's, as in the panel), so the tests hold in any zone, on any day, and the
 * expected clock times come from Intl in that same zone.
 */
const en = createTranslator('en');
const ru = createTranslator('ru');
/** Today (or `days` on) at h:m on the viewer's wall clock. */
function at(h: number, m = 0, days = 0): number {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(h, m, 0, 0);
  return d.getTime();
}
const clock = (t: number): string =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    t,
  );
const block = (kind: CalendarBlock['kind'], from: number, until: number): CalendarBlock => ({
  kind,
  from,
  until,
});
const person = (calendar: CalendarBlock[] | null, fields: Partial<Colleague> = {}): Colleague =>
  colleague(1, { calendar, ...fields });

describe('the row says what the calendar means now', () => {
  const now = at(11, 17);

  it('in a meeting: until when it really ends, the words shorter in a narrow row, the time whole', () => {
    const line = calendarLine(person([block('meeting', at(11), at(12, 30))]), now, en);
    expect(line).toMatchObject({
      kind: 'meeting',
      moment: 'now',
      words: 'In a meeting',
      when: `until ${clock(at(12, 30))}`,
    });
    expect(line?.text).toBe(`In a meeting · until ${clock(at(12, 30))}`);
    expect(calendarLine(person([block('meeting', at(11), at(12, 30))]), now, en, true)?.words).toBe(
      'Meeting',
    );
    // Ru: «На встрече · до 12:30».
    expect(calendarLine(person([block('meeting', at(11), at(12, 30))]), now, ru)?.text).toBe(
      `На встрече · до ${clock(at(12, 30))}`,
    );
  });

  it('is computed at the moment asked: at the end of the block it is over', () => {
    const blocks = [block('meeting', at(11), at(12, 30))];
    expect(calendarLine(person(blocks), at(12, 30) - 1, en)?.moment).toBe('now');
    expect(calendarLine(person(blocks), at(12, 30), en)).toBeNull();
  });

  it('tentative: agrees with the person in Russian, neutral without a gender', () => {
    const blocks = [block('tentative', at(11), at(11, 45))];
    expect(calendarLine(person(blocks), now, en)?.text).toBe(
      `Tentative · until ${clock(at(11, 45))}`,
    );
    expect(calendarLine(person(blocks, { gender: 'F' }), now, ru)?.words).toBe('Возможно, занята');
    expect(calendarLine(person(blocks, { gender: 'M' }), now, ru)?.words).toBe('Возможно, занят');
    expect(calendarLine(person(blocks), now, ru)?.words).toBe('Возможно, на встрече');
  });

  it('out of office: the last day with its weekday; on leave, the leave says it instead', () => {
    const end = dayStart(at(12, 0, 5)); // midnight starting the fifth day on: the fourth is the last
    const blocks = [block('out-of-office', at(9, 0, -1), end)];
    const lastDay = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    }).format(end - 1);
    expect(calendarLine(person(blocks), now, en)?.text).toBe(`Out of office · until ${lastDay}`);
    expect(lastDay).toMatch(/^\p{L}+ \d+ \p{L}+$/u);
    expect(calendarLine(person(blocks, { absentUntil: '2000-01-01' }), now, en)).toBeNull();
  });

  it('when free: the next busy block today, nothing for tomorrow or for an unknown calendar', () => {
    expect(calendarLine(person([block('meeting', at(16), at(17))]), now, en)?.text).toBe(
      `Meeting at ${clock(at(16))}`,
    );
    expect(calendarLine(person([block('tentative', at(16), at(17))]), now, ru)?.text).toBe(
      `Возможна встреча в ${clock(at(16))}`,
    );
    expect(
      calendarLine(person([block('meeting', at(10, 0, 1), at(11, 0, 1))]), now, en),
    ).toBeNull();
    expect(calendarLine(person(null), now, en)).toBeNull();
    expect(calendarLine(person([]), now, en)).toBeNull();
  });
});

describe('details: the busy blocks of a day', () => {
  it('clips blocks to the day and says so, kinds only', () => {
    const blocks = [
      block('out-of-office', at(18, 0, -1), at(9, 30)),
      block('meeting', at(10), at(11, 30)),
      block('tentative', at(17), at(10, 0, 1)),
    ];
    const today = dayBlocks(blocks, dayStart(at(12)), en);
    expect(today.map((b) => [b.kind, b.span, b.label])).toEqual([
      ['out-of-office', `until ${clock(at(9, 30))}`, 'Out of office'],
      ['meeting', `${clock(at(10))}–${clock(at(11, 30))}`, 'Busy'],
      ['tentative', `from ${clock(at(17))}`, 'Tentative'],
    ]);
    const tomorrow = dayBlocks(blocks, nextDayStart(at(12)), en);
    expect(tomorrow.map((b) => b.span)).toEqual([`until ${clock(at(10, 0, 1))}`]);
    expect(
      dayBlocks([block('out-of-office', at(9, 0, -2), at(9, 0, 3))], dayStart(at(12)), ru)[0]?.span,
    ).toBe('весь день');
    expect(dayBlocks(null, dayStart(at(12)), en)).toEqual([]);
  });
});

describe('local time', () => {
  /** The zone's offset as Intl spells it ("GMT+05:30"), read independently of offsetMinutes. */
  const spelled = (zone: string, t: number): number => {
    const name =
      new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
        .formatToParts(t)
        .find((p) => p.type === 'timeZoneName')?.value ?? '';
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  };
  const now = at(14, 42);

  it('reads a zone’s offset as Intl spells it', () => {
    for (const zone of [
      'Asia/Kolkata',
      'America/St_Johns',
      'Europe/Berlin',
      'Pacific/Kiritimati',
      'UTC',
    ])
      expect(offsetMinutes(zone, now), zone).toBe(spelled(zone, now));
  });

  it('says the time there and how far ahead or behind, half hours too', () => {
    const india = localTime('Asia/Kolkata', 'UTC', now, en);
    const there = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Asia/Kolkata',
    }).format(now);
    expect(india?.text).toBe(`${there} local · 5 h 30 min ahead`);
    const stJohns = spelled('America/St_Johns', now); // -3:30, or -2:30 in summer
    const hours = Math.floor(-stJohns / 60);
    const minutes = -stJohns % 60;
    expect(localTime('America/St_Johns', 'UTC', now, en)?.offset).toBe(
      `${hours} h${minutes ? ` ${minutes} min` : ''} behind`,
    );
    expect(localTime('Asia/Kolkata', 'UTC', now, ru)?.text).toBe(
      `${there} местное · на 5\u00a0ч 30\u00a0мин впереди`,
    );
  });

  it('says nothing for an unknown, invalid or same-offset zone: never a guess', () => {
    expect(localTime(null, 'UTC', now, en)).toBeNull();
    expect(localTime('Mars/Olympus_Mons', 'UTC', now, en)).toBeNull();
    expect(localTime('Asia/Kolkata', 'Asia/Calcutta', now, en)).toBeNull();
  });
});

describe('free now: the filter, the count and the sort read one rule', () => {
  const now = at(11, 17);
  const reports: PortalReports = { ...CURRENT_PORTAL_REPORTS, calendar: true, timeZones: true };
  const team = [
    colleague(1, { name: 'Anna Meeting', calendar: [block('meeting', at(11), at(12))] }),
    colleague(2, { name: 'Boris Free', calendar: [] }),
    colleague(3, { name: 'Chloe Tentative', calendar: [block('tentative', at(11), at(12))] }),
    colleague(4, {
      name: 'Dmitry Away',
      calendar: [block('out-of-office', at(9, 0, -1), at(9, 0, 2))],
    }),
    colleague(5, { name: 'Elena Offline', presence: 'offline', calendar: [] }),
    colleague(6, { name: 'Farid Unknown', calendar: null }),
    colleague(7, { name: 'Galina Later', calendar: [block('meeting', at(16), at(17))] }),
  ];
  const context: ListContext = {
    rules: {},
    reports,
    names: new NameOrder('en'),
    departmentName: () => null,
    noDepartment: '',
    unknownDepartment: String,
    locale: 'en',
    now,
  };
  const names = (filter: 'free' | 'all', at: number = now) =>
    buildList(
      team,
      { query: '', filter, sort: 'presence', groupByDepartment: false },
      { ...context, now: at },
    ).map((item) => (item.kind === 'person' ? item.colleague.name : ''));

  it('online and not in a meeting or out of office; tentative does not block', () => {
    expect(team.filter((c) => isFreeNow(c, reports, now)).map((c) => c.id)).toEqual([2, 3, 6, 7]);
    expect(names('free')).toEqual([
      'Boris Free',
      'Chloe Tentative',
      'Farid Unknown',
      'Galina Later',
    ]);
    expect(countFree(team, reports, now)).toBe(names('free').length);
  });

  it('puts the free before the busy, and moves people when the moment passes', () => {
    expect(names('all')).toEqual([
      'Boris Free',
      'Chloe Tentative',
      'Farid Unknown',
      'Galina Later',
      'Anna Meeting',
      'Dmitry Away',
      'Elena Offline',
    ]);
    expect(names('all', at(16, 30)).slice(0, 4)).toEqual([
      'Anna Meeting',
      'Boris Free',
      'Chloe Tentative',
      'Farid Unknown',
    ]);
    // Without a moment (the CLI's older callers), the calendar does not rank.
    expect(presenceRank(team[0]!, reports)).toBe(presenceRank(team[1]!, reports));
  });
});
