import { describe, expect, it } from 'vitest';
import { alertText } from '../../../../../electron/core/alerts/messages.js';
import { digestAlert, notifyOnceAlert } from '../../../../../electron/core/alerts/extras.js';
import type { AlertKind } from '../../../../../electron/shared/domain.js';
import { colleague } from '../../../../support/colleague.js';
import { FEMININE, MASCULINE } from '../../../../support/russian.js';

const people = (n: number) => Array.from({ length: n }, (_, i) => `P${i + 1}`);

describe('alertText', () => {
  it.each([
    [1, 'P1 is online'],
    [2, 'P1 and P2 are online'],
    [3, 'P1, P2 and 1 other are online'],
    [6, 'P1, P2 and 4 others are online'],
  ])('English, %i people', (n, title) => {
    expect(alertText('en', 'online', people(n)).title).toBe(title);
  });

  it.each([
    [3, 'P1, P2 и ещё 1 коллега в сети'],
    [4, 'P1, P2 и ещё 2 коллеги в сети'],
    [7, 'P1, P2 и ещё 5 коллег в сети'],
    [23, 'P1, P2 и ещё 21 коллега в сети'],
    [13, 'P1, P2 и ещё 11 коллег в сети'],
  ])('Russian plurals, %i people', (n, title) => {
    expect(alertText('ru', 'online', people(n)).title).toBe(title);
  });

  it('has a phrase for every kind in both languages', () => {
    expect(alertText('en', 'back-from-idle', ['A']).title).toBe('A is back');
    expect(alertText('en', 'offline', ['A', 'B']).title).toBe('A and B went offline');
    expect(alertText('en', 'back-from-leave', ['A']).title).toBe('A is back from leave');
    expect(alertText('ru', 'online', ['Анна']).title).toBe('Анна в сети');
    expect(alertText('ru', 'back-from-idle', ['Анна', 'Борис']).title).toBe(
      'Анна и Борис снова на месте',
    );
    expect(alertText('ru', 'offline', ['Анна']).title).toBe('Анна не в сети');
    expect(alertText('ru', 'back-from-leave', ['Анна']).title).toBe('Анна снова на работе');
  });

  it('lists everyone in the body when the title could not, capped at ten names', () => {
    expect(alertText('en', 'online', people(2)).body).toBe('');
    expect(alertText('en', 'online', people(3)).body).toBe('P1, P2, P3');
    expect(alertText('en', 'online', people(12)).body).toBe(
      'P1, P2, P3, P4, P5, P6, P7, P8, P9, P10 +2',
    );
  });

  it('needs no gender in Russian: one title may name a man, a woman and a profile without a gender', () => {
    const kinds: AlertKind[] = ['online', 'back-from-idle', 'offline', 'back-from-leave'];
    const names = ['Алёна Волкова', 'Борис Иванов', 'Саша Ким', 'Вера Орлова', 'Глеб Ли'];
    const texts = kinds.flatMap((kind) =>
      [1, 2, 3, 5].flatMap((n) => Object.values(alertText('ru', kind, names.slice(0, n)))),
    );
    const digest = digestAlert(
      { since: 0, until: 1, arrived: [1, 2], left: [3], backFromLeave: [4] },
      (id) => names[id - 1] ?? null,
      'ru',
    );
    const once = notifyOnceAlert(colleague(1, { name: 'Алёна Волкова', gender: 'F' }), 0, 'ru', 1);
    texts.push(digest?.title ?? '', digest?.body ?? '', once.title, once.body);
    expect(digest?.body).toBe(
      'Алёна Волкова и Борис Иванов в сети; Вера Орлова снова на работе; Саша Ким не в сети',
    );
    for (const text of texts) {
      expect(text).not.toMatch(MASCULINE);
      expect(text).not.toMatch(FEMININE);
    }
  });

  it('the bell after a meeting says so, and Russian agrees with the one person named', () => {
    const meeting = [{ kind: 'meeting' as const, from: 1_000, until: 2_000 }];
    const rang = (gender: 'M' | 'F' | null, locale: 'en' | 'ru', name: string) =>
      notifyOnceAlert(colleague(1, { name, gender, calendar: meeting }), 1_500, locale, 2_500)
        .title;
    expect(rang('F', 'en', 'Anna Petrova')).toBe('Anna Petrova is free: her meeting ended');
    expect(rang('M', 'en', 'Boris Ivanov')).toBe('Boris Ivanov is free: his meeting ended');
    expect(rang(null, 'en', 'Sasha Kim')).toBe('Sasha Kim is free: the meeting ended');
    const she = rang('F', 'ru', 'Анна Петрова');
    const he = rang('M', 'ru', 'Борис Иванов');
    const neutral = rang(null, 'ru', 'Саша Ким');
    expect([she, he, neutral]).toEqual([
      'Анна Петрова свободна: встреча закончилась',
      'Борис Иванов свободен: встреча закончилась',
      'Саша Ким: встреча закончилась',
    ]);
    expect(she).not.toMatch(MASCULINE);
    expect(he).not.toMatch(FEMININE);
    expect(neutral).not.toMatch(MASCULINE);
    expect(neutral).not.toMatch(FEMININE);
    // A meeting that ended before the request is not why the bell rang now.
    expect(
      notifyOnceAlert(
        colleague(1, { name: 'Anna Petrova', gender: 'F', calendar: meeting }),
        2_100,
        'en',
        2_500,
      ).title,
    ).toBe('Anna Petrova is online');
  });
});
