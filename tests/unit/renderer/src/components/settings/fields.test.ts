import { describe, expect, it } from 'vitest';
import {
  BURST_CHOICES,
  minutesText,
  ONLINE_LIMIT_MINUTES,
  parseClock,
  parseMinutes,
  pauseChoice,
  watchAdditions,
  quietProblem,
  watchQuery,
  withWatched,
} from '../../../../../../renderer/src/components/settings/fields.js';
import { settingsEn } from '../../../../../../renderer/src/i18n/settings.en.js';
import { settingsRu } from '../../../../../../renderer/src/i18n/settings.ru.js';
import { ru } from '../../../../../../renderer/src/i18n/ru.js';
import {
  AlertSettingsSchema,
  SettingsSchema,
} from '../../../../../../electron/shared/settings/schema.js';
import { nextMorning } from '../../../../../../electron/shared/settings/pause.js';

/** The settings dialog's pure rules (renderer/src/components/settings/fields.ts), issue 11. */
describe('minutes for settings stored in seconds', () => {
  it('shows whole minutes, and two decimals at most, with the decimal comma in Russian', () => {
    expect(minutesText(900, 'en')).toBe('15');
    expect(minutesText(1440, 'ru')).toBe('24');
    expect(minutesText(150, 'en')).toBe('2.5');
    expect(minutesText(150, 'ru')).toBe('2,5');
    expect(minutesText(1000, 'en')).toBe('16.67');
  });

  it('reads typed minutes as whole seconds (×60), with a point or a comma', () => {
    expect(parseMinutes('15')).toBe(900);
    expect(parseMinutes(' 24 ')).toBe(1440);
    expect(parseMinutes('2.5')).toBe(150);
    expect(parseMinutes('2,5')).toBe(150);
    expect(parseMinutes('0')).toBe(0);
    for (const bad of ['', 'abc', '-3', '1e3', '15 min', '1.2.3'])
      expect(parseMinutes(bad)).toBeNull();
  });

  it('uses the schema’s own range: the online limit 2 … 1440 minutes, bursts within 0 … 300 s', () => {
    const limit = SettingsSchema.shape.onlineLimitSec;
    expect(limit.safeParse(ONLINE_LIMIT_MINUTES.min * 60).success).toBe(true);
    expect(limit.safeParse(ONLINE_LIMIT_MINUTES.min * 60 - 1).success).toBe(false);
    expect(limit.safeParse(ONLINE_LIMIT_MINUTES.max * 60).success).toBe(true);
    expect(limit.safeParse(ONLINE_LIMIT_MINUTES.max * 60 + 1).success).toBe(false);
    for (const seconds of BURST_CHOICES)
      expect(AlertSettingsSchema.shape.burstWindowSec.safeParse(seconds).success).toBe(true);
    expect(BURST_CHOICES).toContain(10); // the default
  });
});

describe('24-hour clock times typed as text', () => {
  it('reads hours, hours and minutes, with or without a separator', () => {
    expect(parseClock('8')).toBe('08:00');
    expect(parseClock('8:30')).toBe('08:30');
    expect(parseClock('08.30')).toBe('08:30');
    expect(parseClock('0830')).toBe('08:30');
    expect(parseClock('20:00')).toBe('20:00');
    expect(parseClock(' 23:59 ')).toBe('23:59');
    expect(parseClock('0')).toBe('00:00');
  });

  it('refuses what is not a 24-hour time', () => {
    for (const bad of ['', '24:00', '8:60', '7pm', '8:00 PM', '12345', 'ab:cd', '8:5'])
      expect(parseClock(bad)).toBeNull();
  });
});

describe('quiet hours that cannot work', () => {
  it('refuses From = To and no days, in that order', () => {
    expect(quietProblem({ days: [1], start: '20:00', end: '08:00' })).toBeNull();
    expect(quietProblem({ days: [1], start: '08:00', end: '08:00' })).toBe('same-times');
    expect(quietProblem({ days: [], start: '20:00', end: '08:00' })).toBe('no-days');
    expect(quietProblem({ days: [], start: '08:00', end: '08:00' })).toBe('same-times');
  });
});

describe('the pause button in effect', () => {
  const now = new Date(2026, 10, 23, 12, 0, 0).getTime();
  it('is Off without a pause, or when it has ended', () => {
    expect(pauseChoice(null, now)).toBe('off');
    expect(pauseChoice(now - 1, now)).toBe('off');
  });
  it('is "Until tomorrow" for a pause that ends at 8:00, "1 hour" for one within the hour', () => {
    expect(pauseChoice(nextMorning(now), now)).toBe('morning');
    expect(pauseChoice(now + 60 * 60_000, now)).toBe('hour');
    expect(pauseChoice(now + 20 * 60_000, now)).toBe('hour');
  });
  it('is none of them for another pause (4 hours from an older setting)', () => {
    expect(pauseChoice(now + 4 * 60 * 60_000, now)).toBe('other');
  });
});

describe('what was typed into "Also watch"', () => {
  it('tells an id, a list of ids, a name and a too-short text apart', () => {
    expect(watchQuery('')).toEqual({ kind: 'empty' });
    expect(watchQuery('  ')).toEqual({ kind: 'empty' });
    expect(watchQuery('123')).toEqual({ kind: 'id', id: 123 });
    expect(watchQuery('#123')).toEqual({ kind: 'id', id: 123 });
    expect(watchQuery('ID 123')).toEqual({ kind: 'id', id: 123 });
    expect(watchQuery('12, 77')).toEqual({ kind: 'ids', ids: [12, 77] });
    expect(watchQuery('12; #77, 12')).toEqual({ kind: 'ids', ids: [12, 77] });
    expect(watchQuery('12, x7')).toEqual({ kind: 'bad-id', token: 'x7' });
    expect(watchQuery('0')).toEqual({ kind: 'bad-id', token: '0' });
    expect(watchQuery('Ve')).toEqual({ kind: 'short' });
    expect(watchQuery('Ver')).toEqual({ kind: 'name', query: 'Ver' });
    expect(watchQuery('Анна Петрова')).toEqual({ kind: 'name', query: 'Анна Петрова' });
  });

  it('adds ids without repeating one', () => {
    expect(withWatched([12], [77, 12])).toEqual([12, 77]);
  });
});

describe('the settings dialog’s words', () => {
  it('says "muted" in Russian as the rest of the panel does, and "ID пользователей" as Bitrix24 does', () => {
    const russian = Object.values(settingsRu).join('\n');
    expect(ru['row.muted']).toBe('без уведомлений');
    expect(settingsRu['settings.scope.everyone']).toContain(ru['row.muted']);
    expect(russian).not.toMatch(/придерж|отключённ|номер пользовател/iu);
    expect(settingsRu['settings.watchIds']).toBe('ID пользователей');
  });

  it('gives every new string in both languages, with the same parameters', () => {
    for (const [key, english] of Object.entries(settingsEn)) {
      const russian = settingsRu[key as keyof typeof settingsEn];
      expect(russian, key).toBeTruthy();
      const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(params(russian), key).toEqual(params(english));
    }
  });
});

describe('adding watched IDs', () => {
  it('skips people already in the panel, from a list as from one ID, and says nothing of those already watched', () => {
    const inPanel = (id: number) => id === 5 || id === 6;
    expect(watchAdditions([997, 5], [3], inPanel)).toEqual({ add: [997], inPanel: [5] });
    expect(watchAdditions([5], [3], inPanel)).toEqual({ add: [], inPanel: [5] });
    expect(watchAdditions([3, 998], [3], inPanel)).toEqual({ add: [998], inPanel: [] });
  });
});
