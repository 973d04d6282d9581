import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../../../renderer/src/lib/i18n.js';
import { TRAY_TEXT } from '../../../../../electron/main/tray-text.js';
import { presenceView } from '../../../../../renderer/src/lib/presence.js';
import { phraseText } from '../../../../../renderer/src/lib/phrase.js';
import { colleague } from '../../../../support/colleague.js';

/** Issue 22, item 15: one spelling of each unit per language, one name per state. */
const MIN = 60_000;
const NOW = 1_000 * 24 * 60 * MIN;
const en = createTranslator('en');
const ru = createTranslator('ru');

describe('words', () => {
  it('spells minutes, hours and days one way per language: never "min." beside "min"', () => {
    for (const minutes of [1, 8, 59, 120, 300, 1440 * 3, 1440 * 5]) {
      for (const t of [en, ru]) {
        const texts = [
          t.ago(NOW - minutes * MIN, NOW),
          t.duration(minutes * MIN),
          t.ago(NOW - 20_000, NOW, 'second'),
        ];
        for (const text of texts) expect(text).not.toMatch(/\b(min|hr|sec)\.|мин\.|сек\.|дн\./u);
      }
    }
    expect(en.ago(NOW - 8 * MIN, NOW)).toBe('8 min ago');
    expect(en.ago(NOW - 120 * MIN, NOW)).toBe('2 h ago');
    expect(en.duration(8 * MIN)).toBe('8 min');
    expect(ru.ago(NOW - 8 * MIN, NOW)).toBe('8\u00a0мин назад');
    expect(ru.ago(NOW - 3 * 1440 * MIN, NOW)).toBe('3\u00a0дня назад');
    expect(ru.ago(NOW - 5 * 1440 * MIN, NOW)).toBe('5\u00a0дней назад');
  });

  it('says an age as the tray does', () => {
    for (const [t, tray] of [
      [en, TRAY_TEXT.en],
      [ru, TRAY_TEXT.ru],
    ] as const) {
      expect(t.ago(NOW - 8 * MIN, NOW)).toBe(tray.age.minutes(8));
      expect(t.ago(NOW - 180 * MIN, NOW)).toBe(tray.age.hours(3));
      for (const days of [1, 3, 5, 21])
        expect(t.ago(NOW - days * 1440 * MIN, NOW)).toBe(tray.age.days(days));
    }
  });

  it('names the away state one way in Russian: the filter, the chip and the timeline legend', () => {
    expect(ru.t('timeline.legend.idle')).toBe(ru.t('filter.idle'));
    expect(en.t('timeline.legend.idle')).toBe(en.t('filter.idle'));
  });

  it('tells a chosen "Away" from being away for a while (old portals report both)', () => {
    const legacy = { idle: true, mobile: true, status: true, calendar: false, timeZones: false };
    const chosen = presenceView(colleague(1, { presence: 'online', status: 'away' }), legacy);
    const idle = presenceView(
      colleague(2, { presence: 'idle', presenceSince: null, lastActivity: null }),
      legacy,
    );
    for (const t of [en, ru]) {
      for (const gender of ['M', 'F', null] as const) {
        expect(phraseText({ ...chosen, gender }, t, NOW)).not.toBe(
          phraseText({ ...idle, gender }, t, NOW),
        );
      }
    }
    expect(phraseText(chosen, en, NOW)).toBe('Away (status)');
  });
});
