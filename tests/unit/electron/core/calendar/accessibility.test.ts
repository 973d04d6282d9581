import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock } from '../../../../../electron/core/clock.js';
import {
  parseAccessibility,
  type AccessibilityContext,
} from '../../../../../electron/core/calendar/accessibility.js';
import {
  SITE_DATE_FORMATS,
  type SiteDateFormat,
} from '../../../../../electron/core/calendar/site-date.js';
import type { CalendarBlock } from '../../../../../electron/shared/calendar.js';
import {
  DAY,
  HOUR,
  MINUTE,
  WEEK,
  allDayEntry,
  chartRecord,
  offsetOf,
  timedEntry,
  writeSite,
} from '../../../../support/calendar-answers.js';

// Every instant derives from the ManualClock's fixed start (a Monday, 09:00 UTC); the parser has
// no clock of its own, so nothing here can be overtaken by the real one. Zones are always named.
const NOW = new ManualClock().now();
const UTC_MIDNIGHT = NOW - (NOW % DAY);
const MOSCOW = 'Europe/Moscow'; // UTC+3 all year
const KOLKATA = 'Asia/Kolkata'; // UTC+5:30 all year
const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const USER = 42;

/** The three ways portals write dates, each a site format plus the separator its languages use. */
const STYLES = [
  { name: 'DD.MM.YYYY HH:MI:SS', format: 'DMY24', separator: '.' },
  { name: 'MM/DD/YYYY H:MI:SS T', format: 'MDY12', separator: '/' },
  { name: 'DD/MM/YYYY HH:MI:SS', format: 'DMY24', separator: '/' },
] as const satisfies readonly { name: string; format: SiteDateFormat; separator: string }[];

function parseFor(
  entries: readonly unknown[],
  context: AccessibilityContext,
): { blocks: CalendarBlock[]; skipped: number; format: SiteDateFormat | null } {
  const parsed = parseAccessibility({ [String(USER)]: entries }, context);
  return { blocks: parsed.blocks.get(USER) ?? [], skipped: parsed.skipped, format: parsed.format };
}

describe('the clock these tests derive from', () => {
  it('starts at 09:00 UTC, so UTC_MIDNIGHT is that day', () => {
    expect(NOW - UTC_MIDNIGHT).toBe(9 * HOUR);
    expect(offsetOf(NOW, MOSCOW)).toBe(3 * HOUR);
    expect(offsetOf(NOW, KOLKATA)).toBe(5.5 * HOUR);
  });
});

describe.each(STYLES)('parseAccessibility, $name', ({ format, separator }) => {
  const known: AccessibilityContext = { format, fallbackZone: MOSCOW };

  it('reads a non-recurring entry at its instants', () => {
    const entry = timedEntry({
      from: NOW + 30 * MINUTE,
      until: NOW + 90 * MINUTE,
      zone: MOSCOW,
      format,
      separator,
    });
    expect(parseFor([entry], known)).toEqual({
      blocks: [{ kind: 'meeting', from: NOW + 30 * MINUTE, until: NOW + 90 * MINUTE }],
      skipped: 0,
      format,
    });
  });

  it('reads recurring occurrences (one now, one later) from their own dates, not the series timestamps weeks away', () => {
    const series = { start: NOW - 3 * WEEK, end: NOW + 5 * WEEK };
    const now = timedEntry({
      id: 7,
      from: NOW - 15 * MINUTE,
      until: NOW + 15 * MINUTE,
      zone: MOSCOW,
      format,
      separator,
      series,
    });
    const tomorrow = timedEntry({
      id: 7,
      from: NOW + DAY - 15 * MINUTE,
      until: NOW + DAY + 15 * MINUTE,
      zone: MOSCOW,
      format,
      separator,
      series,
    });
    const weekly = timedEntry({
      id: 8,
      from: NOW + 6 * HOUR,
      until: NOW + 7 * HOUR,
      zone: MOSCOW,
      format,
      separator,
      series: { start: NOW + 6 * HOUR - 4 * WEEK, end: NOW + 10 * WEEK },
    });
    expect(parseFor([now, tomorrow, weekly], known).blocks).toEqual([
      { kind: 'meeting', from: NOW - 15 * MINUTE, until: NOW + 15 * MINUTE },
      { kind: 'meeting', from: NOW + 6 * HOUR, until: NOW + 7 * HOUR },
      { kind: 'meeting', from: NOW + DAY - 15 * MINUTE, until: NOW + DAY + 15 * MINUTE },
    ]);
  });

  it("reads an all-day entry from the first midnight to the midnight after its last day, in its owner's zone", () => {
    // Today and tomorrow in Kolkata: from 00:00 IST today (18:30 UTC the day before) for two whole days.
    const entry = allDayEntry({
      firstDay: NOW,
      lastDay: NOW + DAY,
      zone: KOLKATA,
      format,
      separator,
    });
    const kolkataMidnight = UTC_MIDNIGHT - 5.5 * HOUR;
    const expected = [
      { kind: 'out-of-office', from: kolkataMidnight, until: kolkataMidnight + 2 * DAY },
    ];
    expect(
      parseFor([entry], { format, userZones: new Map([[USER, KOLKATA]]), fallbackZone: MOSCOW })
        .blocks,
    ).toEqual(expected);
    expect(parseFor([entry], { format, fallbackZone: KOLKATA }).blocks).toEqual(expected);
    // An all-day entry that names its zone keeps it whatever the owner's is.
    expect(
      parseFor([{ ...entry, TZ_FROM: KOLKATA, TZ_TO: KOLKATA }], { format, fallbackZone: NEW_YORK })
        .blocks,
    ).toEqual(expected);
    // No zone known anywhere: UTC days.
    expect(parseFor([entry], { format }).blocks).toEqual([
      { kind: 'out-of-office', from: UTC_MIDNIGHT, until: UTC_MIDNIGHT + 2 * DAY },
    ]);
  });

  it('reads a day-only chart record from FROM to the end of its last day', () => {
    const moscowMidnight = UTC_MIDNIGHT - 3 * HOUR;
    const record = chartRecord({
      from: moscowMidnight - 2 * DAY,
      last: moscowMidnight + 4 * DAY,
      zone: MOSCOW,
      format,
      separator,
      dayOnly: true,
    });
    expect(parseFor([record], { format, fallbackZone: NEW_YORK })).toEqual({
      blocks: [
        { kind: 'out-of-office', from: moscowMidnight - 2 * DAY, until: moscowMidnight + 5 * DAY },
      ],
      skipped: 0,
      format,
    });
  });

  it('reads a chart record with times from FROM to TO', () => {
    const record = chartRecord({
      from: NOW - 2 * HOUR,
      last: NOW + 3 * HOUR,
      zone: MOSCOW,
      format,
      separator,
      dayOnly: false,
    });
    expect(parseFor([record], known).blocks).toEqual([
      { kind: 'out-of-office', from: NOW - 2 * HOUR, until: NOW + 3 * HOUR },
    ]);
  });

  it("reads a chart record without timestamps from its dates in its owner's zone", () => {
    const moscowMidnight = UTC_MIDNIGHT - 3 * HOUR;
    const record = chartRecord({
      from: moscowMidnight,
      last: moscowMidnight + DAY,
      zone: MOSCOW,
      format,
      separator,
      dayOnly: true,
    });
    delete record['FROM'];
    delete record['TO'];
    expect(parseFor([record], { format, userZones: new Map([[USER, MOSCOW]]) }).blocks).toEqual([
      { kind: 'out-of-office', from: moscowMidnight, until: moscowMidnight + 2 * DAY },
    ]);
  });

  it('merges back-to-back and overlapping entries into one block of the strongest kind', () => {
    const entries = [
      timedEntry({
        id: 1,
        from: NOW,
        until: NOW + HOUR,
        zone: MOSCOW,
        format,
        separator,
        accessibility: 'quest',
      }),
      timedEntry({
        id: 2,
        from: NOW + HOUR,
        until: NOW + 2 * HOUR,
        zone: KOLKATA,
        format,
        separator,
      }),
      timedEntry({
        id: 3,
        from: NOW + 90 * MINUTE,
        until: NOW + 3 * HOUR,
        zone: MOSCOW,
        format,
        separator,
        accessibility: 'quest',
      }),
      timedEntry({
        id: 4,
        from: NOW + 4 * HOUR,
        until: NOW + 5 * HOUR,
        zone: MOSCOW,
        format,
        separator,
        accessibility: 'quest',
      }),
    ];
    expect(parseFor(entries, known).blocks).toEqual([
      { kind: 'meeting', from: NOW, until: NOW + 3 * HOUR },
      { kind: 'tentative', from: NOW + 4 * HOUR, until: NOW + 5 * HOUR },
    ]);
  });

  it('reads a tentative invitation as tentative and an absence entry as out of office', () => {
    const quest = timedEntry({
      from: NOW,
      until: NOW + HOUR,
      zone: MOSCOW,
      format,
      separator,
      accessibility: 'quest',
    });
    const absent = timedEntry({
      from: NOW + 2 * HOUR,
      until: NOW + 3 * HOUR,
      zone: MOSCOW,
      format,
      separator,
      accessibility: 'absent',
    });
    expect(parseFor([quest, absent], known).blocks.map((b) => b.kind)).toEqual([
      'tentative',
      'out-of-office',
    ]);
  });

  it("reads an entry in a zone other than the viewer's at its own zone's wall time", () => {
    // 04:00 New York time is 09:00 UTC in November (EST, UTC−5); the viewer is in Kolkata.
    const entry = timedEntry({ from: NOW, until: NOW + HOUR, zone: NEW_YORK, format, separator });
    expect(String(entry['DATE_FROM'])).toMatch(/0?4:00:00/);
    expect(parseFor([entry], { format, fallbackZone: KOLKATA }).blocks).toEqual([
      { kind: 'meeting', from: NOW, until: NOW + HOUR },
    ]);
  });

  it('learns the order from a non-recurring entry whose date is ambiguous', () => {
    // Ten days after the clock's start is the 3rd of the next month: day and month both ≤ 12.
    const ambiguous = NOW + 10 * DAY;
    const entry = timedEntry({
      from: ambiguous,
      until: ambiguous + HOUR,
      zone: NEW_YORK,
      format,
      separator,
    });
    const date = String(entry['DATE_FROM']).split(/[ ]/)[0]!.split(/[./]/).map(Number);
    expect(date[0]! <= 12 && date[1]! <= 12 && date[0] !== date[1]).toBe(true);
    const learnt = parseFor([entry], { format: null });
    expect(learnt).toEqual({
      blocks: [{ kind: 'meeting', from: ambiguous, until: ambiguous + HOUR }],
      skipped: 0,
      format,
    });
  });
});

describe('format learning', () => {
  const ambiguous = NOW + 10 * DAY; // the 3rd of a month ≥ 3: 03/12 vs 12/03
  const series = { start: ambiguous - 6 * WEEK, end: ambiguous + 6 * WEEK };

  it('learns day-first and month-first from a day above 12', () => {
    for (const format of ['DMY24', 'MDY12'] as const) {
      // The clock's start is the 23rd: readable in one order only.
      const recurring = timedEntry({
        from: NOW,
        until: NOW + HOUR,
        zone: MOSCOW,
        format,
        separator: '/',
        series,
      });
      expect(parseFor([recurring], { format: null })).toEqual({
        blocks: [{ kind: 'meeting', from: NOW, until: NOW + HOUR }],
        skipped: 0,
        format,
      });
    }
  });

  it('learns the 12-hour clock from am/pm and the 24-hour clock from its absence', () => {
    const entry = (format: SiteDateFormat): unknown =>
      timedEntry({ from: NOW, until: NOW + HOUR, zone: MOSCOW, format, series });
    expect(parseFor([entry('DMY12')], { format: null }).format).toBe('DMY12');
    expect(parseFor([entry('DMY24')], { format: 'DMY12' }).format).toBe('DMY24');
    expect(parseFor([entry('YMD12')], { format: null }).format).toBe('YMD12');
  });

  it("learns the order from a chart record's timestamps", () => {
    const record = chartRecord({
      from: ambiguous,
      last: ambiguous + DAY,
      zone: 'UTC',
      format: 'MDY24',
      dayOnly: true,
    });
    expect(parseFor([record], { format: null }).format).toBe('MDY24');
    expect(
      parseFor(
        [
          chartRecord({
            from: ambiguous,
            last: ambiguous + DAY,
            zone: 'UTC',
            format: 'DMY24',
            separator: '/',
            dayOnly: true,
          }),
        ],
        { format: null },
      ).format,
    ).toBe('DMY24');
  });

  it('leaves ambiguous slash dates unread, counted, while nothing tells the order, and reads them once it is known', () => {
    const entries = [
      timedEntry({
        id: 9,
        from: ambiguous,
        until: ambiguous + HOUR,
        zone: MOSCOW,
        format: 'MDY12',
        series,
      }),
      timedEntry({
        id: 9,
        from: ambiguous + DAY,
        until: ambiguous + DAY + HOUR,
        zone: MOSCOW,
        format: 'MDY12',
        series,
      }),
    ];
    expect(parseFor(entries, { format: null })).toEqual({ blocks: [], skipped: 2, format: null });
    expect(parseFor(entries, { format: 'MDY12' }).blocks).toEqual([
      { kind: 'meeting', from: ambiguous, until: ambiguous + HOUR },
      { kind: 'meeting', from: ambiguous + DAY, until: ambiguous + DAY + HOUR },
    ]);
    // Read day-first, the same strings are other days: the format passed in decides.
    expect(parseFor(entries, { format: 'DMY12' }).blocks[0]!.from).not.toBe(ambiguous);
  });

  it('reads dotted dates day-first when nothing else tells', () => {
    const entry = timedEntry({
      from: ambiguous,
      until: ambiguous + HOUR,
      zone: MOSCOW,
      format: 'DMY24',
      separator: '.',
      series,
    });
    expect(parseFor([entry], { format: null })).toEqual({
      blocks: [{ kind: 'meeting', from: ambiguous, until: ambiguous + HOUR }],
      skipped: 0,
      format: 'DMY24',
    });
  });

  it("lets this answer's evidence overrule the format learnt before (the administrator changed it)", () => {
    const entry = timedEntry({
      from: ambiguous,
      until: ambiguous + HOUR,
      zone: MOSCOW,
      format: 'DMY24',
      separator: '/',
    });
    expect(parseFor([entry], { format: 'MDY24' })).toEqual({
      blocks: [{ kind: 'meeting', from: ambiguous, until: ambiguous + HOUR }],
      skipped: 0,
      format: 'DMY24',
    });
  });

  it('keeps the known format when the answer has no dates', () => {
    expect(parseAccessibility({ '5': [] }, { format: 'MDY12' }).format).toBe('MDY12');
    expect(parseAccessibility([], { format: null }).format).toBeNull();
  });

  it('does not learn from a recurring occurrence whose series timestamps fall on the swapped date', () => {
    // A daily series that began on the swapped reading of today's date (12 March vs 3 December):
    // only its start agrees with the wrong order, its end does not, so it is no evidence.
    const occurrence = ambiguous;
    const swappedStart = Date.UTC(
      new Date(occurrence).getUTCFullYear(),
      new Date(occurrence).getUTCDate() - 1,
      new Date(occurrence).getUTCMonth() + 1,
      9,
    );
    const entry = timedEntry({
      from: occurrence,
      until: occurrence + HOUR,
      zone: 'UTC',
      format: 'DMY24',
      separator: '/',
      series: { start: swappedStart, end: occurrence + 20 * WEEK },
    });
    expect(parseFor([entry], { format: null }).format).toBeNull();
    expect(parseFor([entry], { format: 'DMY24' }).format).toBe('DMY24');
  });
});

describe('the real example entry from the docs', () => {
  // Cloud portal, recurring (its DATE_FROM_TS_UTC is not its start), caller in Moscow.
  const example = {
    ID: '3280',
    NAME: '[Под вопросом]',
    DATE_FROM: '11.12.2025 14:59:00',
    DATE_TO: '11.12.2025 15:59:00',
    DATE_FROM_TS_UTC: '1765443540',
    DATE_TO_TS_UTC: '1768049940',
    '~USER_OFFSET_FROM': 0,
    '~USER_OFFSET_TO': 0,
    DT_SKIP_TIME: 'N',
    TZ_FROM: 'Europe/Moscow',
    TZ_TO: 'Europe/Moscow',
    ACCESSIBILITY: 'quest',
    IMPORTANCE: 'low',
    EVENT_TYPE: null,
  };
  // 14:59 Moscow (UTC+3) on 11 December 2025.
  const start = Date.UTC(2025, 11, 11, 11, 59);

  it('is a tentative hour at 14:59 Moscow time, whatever the series timestamps say', () => {
    expect(Number(example.DATE_FROM_TS_UTC) * 1000).not.toBe(start);
    expect(parseAccessibility({ '3280': [example] }, { format: null })).toEqual({
      blocks: new Map([[3280, [{ kind: 'tentative', from: start, until: start + HOUR }]]]),
      skipped: 0,
      format: 'DMY24',
    });
    expect(parseAccessibility({ '3280': [example] }, { format: 'DMY24' }).blocks.get(3280)).toEqual(
      [{ kind: 'tentative', from: start, until: start + HOUR }],
    );
  });
});

describe('DST changes in Europe/Berlin', () => {
  // The last Sundays of March and October: the clock moves at 01:00 UTC.
  const year = new Date(NOW).getUTCFullYear();
  const lastSunday = (month: number): number => {
    const end = Date.UTC(year, month + 1, 0);
    return end - new Date(end).getUTCDay() * DAY;
  };
  const spring = lastSunday(2) + HOUR;
  const autumn = lastSunday(9) + HOUR;

  it('has the changes where this test expects them', () => {
    expect(offsetOf(spring - 1000, BERLIN)).toBe(HOUR);
    expect(offsetOf(spring, BERLIN)).toBe(2 * HOUR);
    expect(offsetOf(autumn - 1000, BERLIN)).toBe(2 * HOUR);
    expect(offsetOf(autumn, BERLIN)).toBe(HOUR);
  });

  it.each(STYLES)(
    'reads entries across the change at their real instants ($name)',
    ({ format, separator }) => {
      const across = [
        timedEntry({
          id: 1,
          from: spring - 90 * MINUTE,
          until: spring + 90 * MINUTE,
          zone: BERLIN,
          format,
          separator,
        }),
        timedEntry({
          id: 2,
          from: autumn - 90 * MINUTE,
          until: autumn + 90 * MINUTE,
          zone: BERLIN,
          format,
          separator,
        }),
      ];
      // Wall time 00:30 → 04:30 on the spring night and 01:30 → 03:30 on the autumn one: 3 h each.
      expect(parseFor(across, { format }).blocks).toEqual([
        { kind: 'meeting', from: spring - 90 * MINUTE, until: spring + 90 * MINUTE },
        { kind: 'meeting', from: autumn - 90 * MINUTE, until: autumn + 90 * MINUTE },
      ]);
      // 02:30 comes twice on the autumn night; the portal writes both alike and means the first.
      const repeated = timedEntry({
        from: autumn + 30 * MINUTE,
        until: autumn + 2 * HOUR,
        zone: BERLIN,
        format,
        separator,
      });
      expect(repeated['DATE_FROM']).toBe(
        writeSite(autumn - 30 * MINUTE, BERLIN, format, { separator }),
      );
      expect(parseFor([repeated], { format }).blocks).toEqual([
        { kind: 'meeting', from: autumn - 30 * MINUTE, until: autumn + 2 * HOUR },
      ]);
      // An hour that is the repeated hour, written 02:00–02:00: it ends at the second 02:00
      // (fast-check's counterexample, seed 1057749817, on the autumn night of 2100).
      const theRepeatedHour = timedEntry({
        from: autumn - HOUR,
        until: autumn,
        zone: BERLIN,
        format,
        separator,
      });
      expect(theRepeatedHour['DATE_TO']).toBe(theRepeatedHour['DATE_FROM']);
      expect(parseFor([theRepeatedHour], { format }).blocks).toEqual([
        { kind: 'meeting', from: autumn - HOUR, until: autumn },
      ]);
    },
  );

  it('reads the whole spring-forward day as 23 hours and a wall time it skips as after the gap', () => {
    const day = allDayEntry({
      firstDay: spring,
      lastDay: spring,
      zone: BERLIN,
      format: 'DMY24',
      tz: BERLIN,
    });
    const berlinMidnight = spring - HOUR - HOUR; // 00:00 CET = 23:00 UTC the day before
    expect(parseFor([day], { format: 'DMY24' }).blocks).toEqual([
      { kind: 'out-of-office', from: berlinMidnight, until: berlinMidnight + 23 * HOUR },
    ]);
    const skipped = {
      ...timedEntry({ from: spring, until: spring + HOUR, zone: BERLIN, format: 'DMY24' }),
      DATE_FROM: writeSite(spring, BERLIN, 'DMY24').replace('03:00', '02:30'),
    };
    // 02:30 does not exist that night: it is 03:30 summer time, like the portal's PHP reads it.
    expect(parseFor([skipped], { format: 'DMY24' }).blocks).toEqual([
      { kind: 'meeting', from: spring + 30 * MINUTE, until: spring + HOUR },
    ]);
  });
});

describe('hostile answers', () => {
  const good = timedEntry({ from: NOW, until: NOW + HOUR, zone: MOSCOW, format: 'DMY24' });
  const context: AccessibilityContext = { format: 'DMY24' };

  it('takes [] for the whole result and [] for a user', () => {
    expect(parseAccessibility([], context)).toEqual({
      blocks: new Map(),
      skipped: 0,
      format: 'DMY24',
    });
    expect(parseAccessibility({ '5': [], '6': [good] }, context).blocks).toEqual(
      new Map([
        [5, []],
        [6, [{ kind: 'meeting', from: NOW, until: NOW + HOUR }]],
      ]),
    );
  });

  it('counts a result that is no object as skipped', () => {
    for (const result of [null, undefined, 'x', 7, true])
      expect(parseAccessibility(result, context)).toEqual({
        blocks: new Map(),
        skipped: 1,
        format: 'DMY24',
      });
  });

  it('skips keys that are not positive integers and lists that are no lists', () => {
    const result = JSON.parse(
      `{"0":[],"-1":[],"abc":[],"1.5":[],"01":[],"1e3":[],"99999999999999999":[],"__proto__":[],"7":"nope","8":null,"9":[]}`,
    ) as unknown;
    const parsed = parseAccessibility(result, context);
    expect([...parsed.blocks.keys()]).toEqual([9]);
    expect(parsed.skipped).toBe(10);
  });

  it('reads a list sent as an object keyed by index', () => {
    expect(parseAccessibility({ '5': { '0': good, '2': good } }, context).blocks.get(5)).toEqual([
      { kind: 'meeting', from: NOW, until: NOW + HOUR },
    ]);
  });

  it('skips and counts junk entries, never throwing', () => {
    const junk: unknown[] = [
      null,
      7,
      'busy',
      [],
      {},
      { ...good, ACCESSIBILITY: 'free' },
      { ...good, ACCESSIBILITY: 'toString' },
      { ...good, ACCESSIBILITY: undefined },
      { ...good, TZ_FROM: undefined, TZ_TO: undefined },
      { ...good, TZ_FROM: 'Mars/Olympus' },
      { ...good, TZ_FROM: 'Europe/Moscow; drop table' },
      { ...good, TZ_TO: 'Nowhere/Else' },
      { ...good, DATE_FROM: '31.02.2026 10:00:00' },
      { ...good, DATE_FROM: '12.13.2026 10:00:00' },
      { ...good, DATE_FROM: '01.01.2026 25:00:00' },
      { ...good, DATE_FROM: '01.01.2026 13:00:00 pm' },
      { ...good, DATE_FROM: '2026-01-01T10:00:00+03:00' },
      { ...good, DATE_FROM: 12345 },
      { ...good, DATE_FROM: '1'.repeat(100_000) },
      { ...good, DATE_TO: writeSite(NOW - HOUR, MOSCOW, 'DMY24') },
      {
        ...allDayEntry({ firstDay: NOW, lastDay: NOW, zone: MOSCOW, format: 'DMY24' }),
        TZ_FROM: 'Bad/Zone',
      },
      { FROM_HR: true, FROM: 1, TO: 2 },
      { FROM_HR: true, DT_FROM: 'x', DT_TO: 'y', FROM: 'z', TO: 'w' },
    ];
    const parsed = parseFor([...junk, good], context);
    expect(parsed).toEqual({
      blocks: [{ kind: 'meeting', from: NOW, until: NOW + HOUR }],
      skipped: junk.length,
      format: 'DMY24',
    });
  });

  it('takes numbers as numbers or as strings', () => {
    const asNumbers = {
      ...good,
      ID: 100,
      DATE_FROM_TS_UTC: Math.floor(NOW / 1000),
      DATE_TO_TS_UTC: Math.floor(NOW / 1000) + 3600,
    };
    expect(parseFor([asNumbers], { format: null }).blocks).toEqual([
      { kind: 'meeting', from: NOW, until: NOW + HOUR },
    ]);
    const record = chartRecord({
      from: NOW,
      last: NOW + HOUR,
      zone: MOSCOW,
      format: 'DMY24',
      dayOnly: false,
    });
    expect(
      parseFor(
        [{ ...record, FROM_HR: 'true', FROM: String(record['FROM']), TO: String(record['TO']) }],
        context,
      ).blocks,
    ).toEqual([{ kind: 'out-of-office', from: NOW, until: NOW + HOUR }]);
  });

  it('takes a huge answer without trouble', () => {
    const entries = Array.from({ length: 200_000 }, (_, i) => (i % 2 ? good : null));
    const parsed = parseFor(entries, context);
    expect(parsed.skipped).toBe(100_000);
    expect(parsed.blocks).toEqual([{ kind: 'meeting', from: NOW, until: NOW + HOUR }]);
  });
});

describe('round trip', () => {
  const zones = [
    MOSCOW,
    KOLKATA,
    NEW_YORK,
    BERLIN,
    'Australia/Lord_Howe',
    'America/St_Johns',
    'Pacific/Chatham',
    'UTC',
  ];
  // Whole seconds from 2000 to 2100, derived from the clock's start.
  const instants = fc
    .integer({ min: -26 * 365, max: 74 * 365 })
    .chain((days) =>
      fc.integer({ min: 0, max: DAY / 1000 - 1 }).map((s) => UTC_MIDNIGHT + days * DAY + s * 1000),
    );

  it('parses an entry written in any format and zone back to its instant (the earlier one of a repeated wall time)', () => {
    fc.assert(
      fc.property(
        instants,
        fc.constantFrom(...zones),
        fc.constantFrom(...SITE_DATE_FORMATS),
        (instant, zone, format) => {
          const entry = timedEntry({ from: instant, until: instant + HOUR, zone, format });
          const [block] = parseFor([entry], { format }).blocks;
          expect(block).toBeDefined();
          if (block!.from !== instant) {
            // A wall time the autumn change repeats: the portal means the first one.
            expect(block!.from).toBeLessThan(instant);
            expect(writeSite(block!.from, zone, format)).toBe(entry['DATE_FROM']);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('learns the format from one non-recurring entry unless its day and month are equal', () => {
    fc.assert(
      fc.property(
        instants,
        fc.constantFrom(...zones),
        fc.constantFrom(...SITE_DATE_FORMATS),
        (instant, zone, format) => {
          const entry = timedEntry({
            from: instant,
            until: instant + HOUR,
            zone,
            format,
            separator: '/',
          });
          const learnt = parseFor([entry], { format: null }).format;
          const [a, b] = String(entry['DATE_FROM']).split('/').map(Number);
          if (format.startsWith('YMD') || a !== b) expect(learnt).toBe(format);
          else expect(learnt === format || learnt === null).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
