import { describe, expect, it } from 'vitest';
import { TRAY_TEXT, trayClock } from '../../../../electron/main/tray-text.js';
import { ManualClock } from '../../../../electron/core/clock.js';
import { withTwelveHourDefault } from '../../../support/default-locale.js';

const pad = (n: number): string => String(n).padStart(2, '0');
/** The local wall clock as Date reads it: the tray shows the machine's own time, 24-hour. */
const localHhMm = (ms: number): string => {
  const date = new Date(ms);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

describe('trayClock', () => {
  // An afternoon and a morning derived from the test's clock, whatever the machine's zone.
  const start = new ManualClock().now();
  const instants = Array.from({ length: 24 }, (_, hour) => start + hour * 3_600_000 + 5 * 60_000);

  it('writes the local time as 24-hour HH:MM, in either language', () => {
    for (const locale of ['en', 'ru'] as const) {
      const clock = trayClock(locale);
      for (const at of instants) expect(clock(at)).toBe(localHhMm(at));
    }
  });

  it('never follows a default locale that writes 12-hour times', () => {
    const times = withTwelveHourDefault(() => {
      const clock = trayClock('en');
      return instants.map((at) => clock(at));
    });
    expect(times).toEqual(instants.map(localHhMm));
    expect(times.some((time) => /AM|PM/i.test(time))).toBe(false);
  });
});

describe('TRAY_TEXT', () => {
  it('counts people and ages in English', () => {
    const en = TRAY_TEXT.en;
    expect(en.online(3, 40)).toBe('3 of 40 online');
    expect(en.free(2)).toBe('2 free');
    expect(en.updated(en.age.minutes(5))).toBe('updated 5 min ago');
    expect(en.age.days(1)).toBe('1 day ago');
    expect(en.age.days(3)).toBe('3 days ago');
    expect(en.busyUntil('14:05')).toBe('Portal busy: retrying at 14:05');
  });

  it('says Russian days in the right plural form', () => {
    const days = TRAY_TEXT.ru.age.days;
    expect([1, 2, 4, 5, 11, 12, 21, 22, 25, 101].map(days)).toEqual([
      '1\u00a0день назад',
      '2\u00a0дня назад',
      '4\u00a0дня назад',
      '5\u00a0дней назад',
      '11\u00a0дней назад',
      '12\u00a0дней назад',
      '21\u00a0день назад',
      '22\u00a0дня назад',
      '25\u00a0дней назад',
      '101\u00a0день назад',
    ]);
  });

  it('keeps a Russian number and its unit together on one line', () => {
    const age = TRAY_TEXT.ru.age;
    expect([age.seconds(5), age.minutes(5), age.hours(5)]).toEqual([
      '5\u00a0с назад',
      '5\u00a0мин назад',
      '5\u00a0ч назад',
    ]);
    expect(TRAY_TEXT.ru.online(3, 40)).toBe('в сети 3 из 40');
  });
});
