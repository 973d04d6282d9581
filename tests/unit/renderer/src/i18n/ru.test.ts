import { describe, expect, it } from 'vitest';
import type { Gender } from '../../../../../electron/shared/domain.js';
import { TRAY_TEXT } from '../../../../../electron/main/tray-text.js';
import { en } from '../../../../../renderer/src/i18n/en.js';
import { ru } from '../../../../../renderer/src/i18n/ru.js';
import { createTranslator, type GenderKey } from '../../../../../renderer/src/lib/i18n.js';
import { phraseDetail, phraseText, rowLabel } from '../../../../../renderer/src/lib/phrase.js';
import type { Phrase, PresenceView } from '../../../../../renderer/src/lib/presence.js';
import { FEMININE, MASCULINE } from '../../../../support/russian.js';

/**
 * The panel's Russian as a native speaker checks it (issue 11): texts about one person agree
 * with their gender or read neutrally, names never sit in a case slot, "muted" is one term.
 */
const t = createTranslator('ru');
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const MIN = 60_000;
/** Intl may put a no-break space between a number and its unit; compare words, not spaces. */
const flat = (text: string): string => text.replace(/\s/g, ' ');

/** Every string of the catalog, with its key ("people.few" for a plural form, "presence.idle.f" for a gendered one). */
const strings = (catalog: Readonly<Record<string, unknown>>): Array<[string, string]> =>
  Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[key, value] as [string, string]]
      : Object.entries(value as Record<string, string>).map(
          ([form, text]) => [`${key}.${form}`, text] as [string, string],
        ),
  );
const trayStrings = (): Array<[string, string]> => {
  const out: Array<[string, string]> = [];
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === 'string') out.push([prefix, value]);
    else if (typeof value === 'function')
      out.push([prefix, String((value as (arg: string) => string)('{x}'))]);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) walk(`${prefix}.${key}`, inner);
  };
  walk('tray', TRAY_TEXT.ru);
  return out;
};

const GENDER_KEYS = Object.keys(en).filter((key) => {
  const value = (en as Record<string, unknown>)[key];
  return typeof value === 'object' && value !== null && 'neutral' in value;
}) as GenderKey[];

describe('Russian agrees with the person it is about', () => {
  it('gives every gendered message a masculine, a feminine and a neutral form that say so', () => {
    expect(GENDER_KEYS.length).toBeGreaterThanOrEqual(5);
    for (const key of GENDER_KEYS) {
      const forms = ru[key] as { m: string; f: string; neutral: string };
      expect(Object.keys(forms).sort(), key).toEqual(['f', 'm', 'neutral']);
      expect(forms.m, key).not.toMatch(FEMININE);
      expect(forms.f, key).not.toMatch(MASCULINE);
      expect(forms.neutral, key).not.toMatch(MASCULINE);
      expect(forms.neutral, key).not.toMatch(FEMININE);
      // The same parameters in every form and in English.
      const params = (text: string): string[] =>
        [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
      const english = params((en[key] as { neutral: string }).neutral);
      for (const form of [forms.m, forms.f, forms.neutral])
        expect(params(form), key).toEqual(english);
    }
  });

  it('says nothing gendered in a message that is not gendered (it would reach everyone)', () => {
    const plain = strings(ru).filter(
      ([key]) => !GENDER_KEYS.some((gendered) => key.startsWith(`${gendered}.`)),
    );
    const offending = [...plain, ...trayStrings()].filter(
      ([, text]) => MASCULINE.test(text) || FEMININE.test(text),
    );
    expect(offending).toEqual([]);
  });

  it.each([
    [
      'M',
      'Отошёл · 8 мин',
      'Отошёл · 8 мин',
      'Не в сети · был 2 ч назад',
      'Был 2 ч назад',
      'Отошёл (статус)',
    ],
    [
      'F',
      'Отошла · 8 мин',
      'Отошла · 8 мин',
      'Не в сети · была 2 ч назад',
      'Была 2 ч назад',
      'Отошла (статус)',
    ],
    [
      null,
      'Нет активности · 8 мин',
      '8 мин',
      'Не в сети · 2 ч назад',
      '2 ч назад',
      'Нет на месте (статус)',
    ],
  ] as const)(
    'gender %j: the pill reads %j (narrow: %j), %j (narrow: %j), %j',
    (gender, idle, idleCompact, offline, compact, away) => {
      const said = (phrase: Phrase) => ({ phrase, gender });
      expect(flat(phraseText(said({ kind: 'idle', since: NOW - 8 * MIN }), t, NOW))).toBe(idle);
      expect(flat(phraseText(said({ kind: 'idle', since: NOW - 8 * MIN }), t, NOW, true))).toBe(
        idleCompact,
      );
      expect(flat(phraseText(said({ kind: 'offline', lastSeen: NOW - 120 * MIN }), t, NOW))).toBe(
        offline,
      );
      expect(
        flat(phraseText(said({ kind: 'offline', lastSeen: NOW - 120 * MIN }), t, NOW, true)),
      ).toBe(compact);
      expect(flat(phraseText(said({ kind: 'chosen', status: 'away' }), t, NOW))).toBe(away);
    },
  );

  it('spells out, for a profile without a gender, what the short neutral pill means', () => {
    expect(
      flat(
        phraseDetail(
          { phrase: { kind: 'offline', lastSeen: NOW - 120 * MIN }, gender: null },
          t,
          NOW,
        ),
      ),
    ).toBe('Не в сети · последняя активность 2 ч назад');
    expect(
      flat(
        phraseDetail(
          { phrase: { kind: 'offline', lastSeen: NOW - 120 * MIN }, gender: 'F' },
          t,
          NOW,
        ),
      ),
    ).toBe('Не в сети · была 2 ч назад');
    expect(
      flat(phraseDetail({ phrase: { kind: 'idle', since: NOW - 8 * MIN }, gender: 'F' }, t, NOW)),
    ).toBe('Нет активности уже 8 мин');
  });

  /** Every phrase the panel can say about a person: pill (wide and narrow), tooltip, screen-reader line. */
  const PHRASES: Phrase[] = [
    { kind: 'online' },
    { kind: 'online-status', status: 'vacation-mode' },
    { kind: 'chosen', status: 'dnd' },
    { kind: 'chosen', status: 'away' },
    { kind: 'chosen', status: 'break' },
    { kind: 'idle', since: NOW - 8 * MIN },
    { kind: 'idle', since: null },
    { kind: 'mobile' },
    { kind: 'offline', lastSeen: NOW - 3 * 86_400_000 },
    { kind: 'offline', lastSeen: NOW - 30_000 },
    { kind: 'offline', lastSeen: null },
    { kind: 'leave', until: '2026-12-03' },
  ];
  it.each([
    ['F', MASCULINE],
    ['M', FEMININE],
    [null, MASCULINE],
    [null, FEMININE],
  ] as const)(
    'gender %j: no phrase, tooltip or row label reaches a form of the other gender (%s)',
    (gender: Gender | null, wrong) => {
      for (const phrase of PHRASES) {
        const view: PresenceView = {
          badge: 'online',
          phrase,
          leaveUntil: phrase.kind === 'leave' ? null : '2026-12-03',
          desktop: true,
          mobile: false,
          gender,
        };
        const texts = [
          phraseText(view, t, NOW),
          phraseText(view, t, NOW, true),
          phraseDetail(view, t, NOW),
          ...(['default', 'starred', 'muted'] as const).map((rule) =>
            rowLabel(
              { name: 'Алёна Волкова', position: 'Дизайнер', department: 'Продажи', view, rule },
              t,
              NOW,
            ),
          ),
        ];
        for (const text of texts) expect(text, JSON.stringify(phrase)).not.toMatch(wrong);
      }
    },
  );
});

describe('names read right without declension', () => {
  it('puts every {name} first (the subject) or after a colon, never in a case slot', () => {
    const withName = strings(ru).filter(([, text]) => text.includes('{name}'));
    expect(withName.length).toBeGreaterThan(10);
    for (const [key, text] of withName) {
      expect(text, key).toMatch(/(^|: )\{name\}/);
      // "Открыть чат с {name}", "о {name}", "пользователя {name}": a word right before the name wants a case.
      expect(text, key).not.toMatch(/[а-яё,] \{name\}/i);
    }
  });

  it.each([
    ['row.star', 'В избранное, уведомлять всегда: Алёна Волкова'],
    ['row.unstar', 'Убрать из избранного: Алёна Волкова'],
    ['row.mute', 'Без уведомлений: Алёна Волкова'],
    ['row.unmute', 'Вернуть уведомления: Алёна Волкова'],
    ['row.chat', 'Написать: Алёна Волкова'],
    ['row.details', 'Подробности и история: Алёна Волкова (Enter)'],
    ['notifyOnce.set', 'Сообщим один раз, когда будет на связи: Алёна Волкова'],
    ['digest.showName', 'Показать в списке: Алёна Волкова'],
    ['onboarding.testOk', 'Владелец вебхука: Алёна Волкова, портал team.bitrix24.ru.'],
  ] as const)('%s: %j', (key, text) => {
    expect(t.t(key, { name: 'Алёна Волкова', host: 'team.bitrix24.ru' })).toBe(text);
  });
});

describe('one word for one thing', () => {
  const all = (): Array<[string, string]> => [...strings(ru), ...trayStrings()];

  it('calls a muted colleague "без уведомлений", with no synonym anywhere', () => {
    const synonyms =
      /заглуш|без звука|игнор|не уведомлять|отключённ|отключ\S* уведомлени|уведомлени\S* (не )?отключ/iu;
    expect(all().filter(([, text]) => synonyms.test(text))).toEqual([]);
    for (const key of ['row.mute', 'row.muted', 'list.help'] as const)
      expect(ru[key], key).toMatch(/без уведомлений/i);
    expect(
      rowLabel(
        {
          name: 'Алёна',
          position: '',
          department: null,
          view: {
            badge: 'online',
            phrase: { kind: 'online' },
            leaveUntil: null,
            desktop: false,
            mobile: false,
            gender: 'F',
          },
          rule: 'muted',
        },
        t,
        NOW,
      ),
    ).toBe('Алёна. В сети. без уведомлений');
  });

  it('pauses alerts ("на паузе", "приостановить", "возобновить"), which is not muting anyone', () => {
    const pause = [
      ru['header.paused'],
      ru['header.resume'],
      TRAY_TEXT.ru.pausedUntil('{x}'),
      TRAY_TEXT.ru.alertsPausedUntil('{x}'),
      TRAY_TEXT.ru.menu.pause,
      TRAY_TEXT.ru.menu.resume,
    ];
    for (const text of pause) {
      expect(text).toMatch(/пауз|приостанов|возобнов/iu);
      expect(text).not.toMatch(/отключ|включ|без уведомлений/iu);
    }
  });

  it('holds alerts back in quiet hours with natural verbs, and writes "ID пользователей" as Bitrix24 does', () => {
    expect(all().filter(([, text]) => /придерж|номер\S* пользовател/iu.test(text))).toEqual([]);
    expect(ru['error.field.watchIds']).toContain('ID пользователей');
    expect(ru['webhook.user-id']).toContain('ID пользователя');
  });

  it('types like a Russian text: «ёлочки», ё where it belongs, a no-break space between a number and its unit', () => {
    // The panel's and the tray's own strings (the settings and failed-action catalogs have theirs).
    const own = all().filter(([key]) => !/^(settings|action)\./.test(key));
    for (const [key, text] of own) {
      expect(text, key).not.toMatch(/["“”„]/);
      expect(text, key).not.toMatch(/(?<![а-яё])(еще|вернется|отошел|ее|зеленый)(?![а-яё])/iu);
      expect(text, key).not.toMatch(/(\{\w+\}|\$\{n\}|\d) (мин|ч|с|сек|дн|секунд|дней)(?![а-яё])/u);
    }
  });
});
