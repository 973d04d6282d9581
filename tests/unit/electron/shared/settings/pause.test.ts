import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../electron/core/clock.js';
import {
  endsAtMorning,
  nextMorning,
  nextMorningIsToday,
} from '../../../../../electron/shared/settings/pause.js';
import { pauseChoice } from '../../../../../renderer/src/components/settings/fields.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The wall clock in a zone, read by Intl on its own (not by the code under test). */
const formats = new Map<string, Intl.DateTimeFormat>();
function wall(at: number, zone: string): { day: string; time: string } {
  const format =
    formats.get(zone) ??
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
  formats.set(zone, format);
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
  };
}

const minutesOf = (time: string): number =>
  Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The clock moved forward to the next moment (at least a minute ahead) the zone's wall clock reads `time`. */
function advanceTo(clock: ManualClock, zone: string, time: string): number {
  clock.jump(MINUTE);
  for (let i = 0; i < 10 && wall(clock.now(), zone).time !== time; i++) {
    const gap = (minutesOf(time) - minutesOf(wall(clock.now(), zone).time) + 1440) % 1440;
    clock.jump(gap * MINUTE);
  }
  expect(wall(clock.now(), zone).time).toBe(time);
  return clock.now();
}

const ZONES = ['Europe/Moscow', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Auckland'];

describe('pause until morning (issue 22, item 21)', () => {
  for (const zone of ZONES) {
    it(`pressed at 04:00 in ${zone}, pauses until 8:00 the same day (four hours, not 28)`, () => {
      const clock = new ManualClock();
      const now = advanceTo(clock, zone, '04:00');
      const until = nextMorning(now, zone);
      expect(until - now).toBe(4 * HOUR);
      expect(wall(until, zone)).toEqual({ day: wall(now, zone).day, time: '08:00' });
      expect(nextMorningIsToday(now, zone)).toBe(true);
      expect(endsAtMorning(until, zone)).toBe(true);
      expect(pauseChoice(until, now, zone)).toBe('morning');
    });

    it(`from 8:00 on in ${zone}, pauses until 8:00 tomorrow`, () => {
      const clock = new ManualClock();
      const eight = advanceTo(clock, zone, '08:00');
      expect(nextMorningIsToday(eight, zone)).toBe(false);
      expect(wall(nextMorning(eight, zone), zone).time).toBe('08:00');
      expect(wall(nextMorning(eight, zone), zone).day).not.toBe(wall(eight, zone).day);
      const evening = advanceTo(clock, zone, '22:15');
      expect(nextMorning(evening, zone) - evening).toBe(9 * HOUR + 45 * MINUTE);
      expect(nextMorningIsToday(evening, zone)).toBe(false);
      // A minute before eight, today's eight is still ahead.
      const early = advanceTo(clock, zone, '07:59');
      expect(nextMorning(early, zone) - early).toBe(MINUTE);
    });
  }

  it('counts wall-clock hours across a DST change (St. John’s, the night the clocks move)', () => {
    const zone = 'America/St_Johns';
    const clock = new ManualClock();
    // The next day whose midnight-to-noon is not 12 hours long: a DST change.
    let midnight = advanceTo(clock, zone, '00:00');
    for (let day = 0; day < 400; day++) {
      clock.jump(12 * HOUR);
      const noonSpan = clock.now() - midnight;
      const noon = wall(clock.now(), zone).time;
      if (noon !== '12:00' || noonSpan !== 12 * HOUR) break;
      midnight = advanceTo(clock, zone, '00:00');
    }
    const changed = wall(midnight, zone).day;
    const until = nextMorning(midnight, zone);
    expect(wall(until, zone)).toEqual({ day: changed, time: '08:00' });
    expect([7 * HOUR, 9 * HOUR]).toContain(until - midnight);
  });

  it('is not a morning pause when it ends at another time', () => {
    const clock = new ManualClock();
    const now = advanceTo(clock, 'Europe/Moscow', '04:00');
    expect(endsAtMorning(now + 3 * HOUR, 'Europe/Moscow')).toBe(false);
    expect(pauseChoice(now + 3 * HOUR, now, 'Europe/Moscow')).toBe('other');
  });
});
