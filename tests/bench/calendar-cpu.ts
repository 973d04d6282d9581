import { ManualClock } from '../../electron/core/clock.js';
import {
  parseAccessibility,
  type AccessibilityContext,
} from '../../electron/core/calendar/accessibility.js';
import type { SiteDateFormat } from '../../electron/core/calendar/site-date.js';
import {
  DAY,
  HOUR,
  MINUTE,
  WEEK,
  allDayEntry,
  chartRecord,
  timedEntry,
} from '../support/calendar-answers.js';
import { fmt, ms, type BenchRow, type BenchSection } from './report.js';
import { collectGarbage, median, p95, seededRandom, timeMs } from './stats.js';

/**
 * The calendar's CPU per fetch: one `calendar.accessibility.get` answer for 5,000 people with
 * about 6 entries each (meetings, a daily stand-up's three occurrences with series timestamps,
 * tentative invitations, all-day entries, chart records, four zones), as its JSON text. Each run
 * times V8's JSON.parse of the text and parseAccessibility over the parsed value (the portal's
 * format known, as after the first fetch); the figure is the median of the per-run ratios, so a
 * loaded machine slows both sides alike. Target: no more than JSON.parse itself.
 */
const PEOPLE = 5000;
const WARMUP = 5;
const RUNS = 25;
const TARGET_RATIO = 1;
const ZONES = ['Europe/Moscow', 'Europe/Berlin', 'Asia/Kolkata', 'America/New_York'];

/** Yesterday..tomorrow around the clock's start, for `people` people: the answer's JSON text. */
export function calendarAnswerText(
  people: number,
  format: SiteDateFormat,
  seed = 19,
): { text: string; entries: number } {
  const random = seededRandom(seed);
  const now = new ManualClock().now();
  const dayStart = now - (now % DAY);
  const quarter = (): number => Math.floor(random() * 40) * 15 * MINUTE;
  const result: Record<string, unknown[]> = {};
  let entries = 0;
  let id = 1000;
  for (let person = 1; person <= people; person++) {
    const zone = ZONES[person % ZONES.length]!;
    const list: unknown[] = [];
    const standUp = dayStart + 6 * HOUR + (person % 4) * 15 * MINUTE;
    const series = { start: standUp - 5 * WEEK, end: standUp + 20 * WEEK };
    const standUpId = id++;
    for (let day = -1; day <= 1; day++) {
      list.push(
        timedEntry({
          id: standUpId,
          from: standUp + day * DAY,
          until: standUp + day * DAY + 15 * MINUTE,
          zone,
          format,
          series,
        }),
      );
    }
    for (let meeting = 0; meeting < 2; meeting++) {
      const from = dayStart - DAY + quarter() + Math.floor(random() * 3) * DAY;
      list.push(
        timedEntry({
          id: id++,
          from,
          until: from + (1 + Math.floor(random() * 4)) * 30 * MINUTE,
          zone,
          format,
          accessibility: random() < 0.3 ? 'quest' : 'busy',
        }),
      );
    }
    const extra = random();
    if (extra < 0.15) list.push(allDayEntry({ firstDay: now, lastDay: now + DAY, zone, format }));
    else if (extra < 0.25)
      list.push(
        chartRecord({
          from: dayStart - 3 * DAY,
          last: dayStart + 4 * DAY,
          zone: 'UTC',
          format,
          dayOnly: true,
        }),
      );
    else if (extra < 0.3)
      list.push(
        chartRecord({
          from: now - 2 * HOUR,
          last: now + 5 * HOUR,
          zone: 'UTC',
          format,
          dayOnly: false,
        }),
      );
    else {
      const from = now + quarter();
      list.push(timedEntry({ id: id++, from, until: from + 2 * HOUR, zone, format }));
    }
    entries += list.length;
    result[String(person)] = list;
  }
  return { text: JSON.stringify({ result, time: { start: 0 } }), entries };
}

interface Measured {
  readonly jsonMs: number[];
  readonly parseMs: number[];
  readonly ratios: number[];
  readonly bytes: number;
  readonly entries: number;
  readonly blocks: number;
}

function measure(format: SiteDateFormat): Measured {
  const { text, entries } = calendarAnswerText(PEOPLE, format);
  const context: AccessibilityContext = { format, fallbackZone: 'Europe/Moscow' };
  const jsonMs: number[] = [];
  const parseMs: number[] = [];
  const ratios: number[] = [];
  let blocks = 0;
  for (let run = 1; run <= WARMUP + RUNS; run++) {
    collectGarbage();
    let body: { result: unknown } = { result: null };
    const json = timeMs(() => {
      body = JSON.parse(text) as { result: unknown };
    });
    collectGarbage();
    let parsed = parseAccessibility(null, context);
    const parse = timeMs(() => {
      parsed = parseAccessibility(body.result, context);
    });
    if (parsed.skipped !== 0 || parsed.blocks.size !== PEOPLE)
      throw new Error(
        `calendar bench: ${parsed.skipped} entries skipped, ${parsed.blocks.size} people read`,
      );
    blocks = [...parsed.blocks.values()].reduce((sum, list) => sum + list.length, 0);
    if (run > WARMUP) {
      jsonMs.push(json);
      parseMs.push(parse);
      ratios.push(parse / json);
    }
  }
  return { jsonMs, parseMs, ratios, bytes: text.length, entries, blocks };
}

export function benchCalendarCpu(): BenchSection {
  const dotted = measure('DMY24');
  const twelveHour = measure('MDY12');
  const ratio = median(dotted.ratios);
  const row: BenchRow = {
    id: 'calendar-cpu',
    what: 'calendar CPU per fetch (parseAccessibility) vs JSON.parse of the answer',
    size: `${fmt(PEOPLE)} people, ${fmt(dotted.entries)} entries`,
    measured: `${ms(median(dotted.parseMs))} (p95 ${ms(p95(dotted.parseMs))})`,
    naive: `${ms(median(dotted.jsonMs))} (JSON.parse)`,
    ratio: `${fmt(ratio, 2)}×`,
    target: `≤ ${TARGET_RATIO}× JSON.parse`,
    pass: ratio <= TARGET_RATIO,
    data: {
      medianRatio: ratio,
      p95Ratio: p95(dotted.ratios),
      parseMedianMs: median(dotted.parseMs),
      jsonMedianMs: median(dotted.jsonMs),
      answerBytes: dotted.bytes,
      blocks: dotted.blocks,
      runs: dotted.ratios.length,
      twelveHourMedianRatio: median(twelveHour.ratios),
      twelveHourParseMedianMs: median(twelveHour.parseMs),
    },
  };
  return { name: 'calendar-cpu', rows: [row] };
}
