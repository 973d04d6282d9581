import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../../../renderer/src/lib/i18n.js';
import { en } from '../../../../../renderer/src/i18n/en.js';
import { ru } from '../../../../../renderer/src/i18n/ru.js';
import { withTwelveHourDefault } from '../../../../support/default-locale.js';

describe('message catalogs', () => {
  it('has every English key in Russian, with the same parameters', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    const params = (text: unknown): string[] =>
      [...JSON.stringify(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect([...new Set(params(ru[key]))], key).toEqual([...new Set(params(en[key]))]);
    }
  });

  it('uses Russian plural forms', () => {
    const t = createTranslator('ru');
    expect([1, 2, 5, 21, 1000].map((n) => t.plural('people', n))).toEqual([
      '1 человек',
      '2 человека',
      '5 человек',
      '21 человек',
      '1 000 человек'.replace(' ', '\u00a0'),
    ]);
    expect(createTranslator('en').plural('people', 1)).toBe('1 person');
  });

  it('fills parameters as plain text and leaves unknown ones visible', () => {
    const t = createTranslator('en');
    expect(t.t('row.chat', { name: '<b>x</b>' })).toBe('Open chat with <b>x</b>');
    expect(t.t('row.chat')).toBe('Open chat with {name}');
  });

  it('formats times in the UI language, 24-hour, whatever the browser or process default is', () => {
    const afternoon = new Date(2026, 10, 23, 14, 5).getTime();
    const night = new Date(2026, 10, 22, 2, 7).getTime();
    withTwelveHourDefault(() => {
      // The stub really is a 12-hour default: a formatter without a locale says "PM".
      expect(
        new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(
          afternoon,
        ),
      ).toMatch(/PM/);
      for (const lang of ['en', 'ru'] as const) {
        const t = createTranslator(lang);
        expect(t.time(afternoon, afternoon), lang).toBe('14:05');
        expect(t.time(night, afternoon), lang).toMatch(/^22 (Nov|нояб\.?), 02:07$/);
      }
    });
  });
});
