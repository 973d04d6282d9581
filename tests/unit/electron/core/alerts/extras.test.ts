import { describe, expect, it } from 'vitest';
import { digestAlert, notifyOnceAlert } from '../../../../../electron/core/alerts/extras.js';
import type { Digest } from '../../../../../electron/shared/domain.js';
import { colleague } from '../../../../support/colleague.js';

const SINCE = Date.UTC(2026, 10, 23, 9, 0);
const UNTIL = SINCE + 3 * 3_600_000;
const NAMES = new Map([
  [1, 'Anna'],
  [2, 'Boris'],
  [3, 'Vera'],
]);
const nameOf = (id: number): string | null => NAMES.get(id) ?? null;

function digest(fields: Partial<Digest>): Digest {
  return { since: SINCE, until: UNTIL, arrived: [], left: [], backFromLeave: [], ...fields };
}

describe('digestAlert', () => {
  it('sums up the gap in one notification, dated at its end', () => {
    const alert = digestAlert(digest({ arrived: [1, 2], backFromLeave: [3] }), nameOf, 'en');
    expect(alert).toMatchObject({
      kind: 'digest',
      title: 'While you were away',
      body: 'Anna and Boris are online; Vera is back from leave',
      userIds: [1, 2, 3],
      at: UNTIL,
    });
    expect(alert?.id).toMatch(/^digest:[0-9a-z]+$/);
  });

  it('names only the people it knows, and says nothing when it knows none', () => {
    expect(digestAlert(digest({ arrived: [1, 99], left: [2] }), nameOf, 'en')?.body).toBe(
      'Anna is online; Boris went offline',
    );
    expect(digestAlert(digest({ arrived: [98], left: [99] }), nameOf, 'en')).toBeNull();
    expect(digestAlert(digest({}), nameOf, 'en')).toBeNull();
  });

  it('speaks Russian when asked', () => {
    expect(digestAlert(digest({ left: [1] }), nameOf, 'ru')).toMatchObject({
      title: 'Пока вас не было',
      body: 'Anna не в сети',
    });
  });

  it('the same gap has the same id; another gap, another id', () => {
    const id = (fields: Partial<Digest>) => digestAlert(digest(fields), nameOf, 'en')?.id;
    expect(id({ arrived: [1] })).toBe(id({ arrived: [1] }));
    expect(id({ arrived: [1] })).not.toBe(id({ arrived: [2] }));
    expect(id({ arrived: [1] })).not.toBe(id({ arrived: [1], until: UNTIL + 1 }));
  });
});

describe('notifyOnceAlert', () => {
  const anna = colleague(1, { name: 'Anna Petrova', gender: 'F' });

  it('tells the person is online, as the user asked', () => {
    const alert = notifyOnceAlert(anna, SINCE, 'en', UNTIL);
    expect(alert).toMatchObject({
      kind: 'notify-once',
      title: 'Anna Petrova is online',
      body: 'You asked to be told',
      userIds: [1],
      at: UNTIL,
    });
    expect(notifyOnceAlert(anna, SINCE, 'ru', UNTIL).body).toBe('Вы просили сообщить');
  });

  it('says the absence ended when that is what the bell waited for', () => {
    const away = colleague(1, {
      name: 'Anna Petrova',
      gender: 'F',
      calendar: [{ kind: 'out-of-office', from: SINCE - 3_600_000, until: SINCE + 3_600_000 }],
    });
    expect(notifyOnceAlert(away, SINCE, 'en', UNTIL).title).toBe(
      'Anna Petrova is back: out of office ended',
    );
  });

  it('one id per person and request, whenever it rings', () => {
    const id = notifyOnceAlert(anna, SINCE, 'en', UNTIL).id;
    expect(id).toMatch(/^once:[0-9a-z]+$/);
    expect(notifyOnceAlert(anna, SINCE, 'ru', UNTIL + 60_000).id).toBe(id);
    expect(notifyOnceAlert(anna, SINCE + 1, 'en', UNTIL).id).not.toBe(id);
    expect(notifyOnceAlert(colleague(2), SINCE, 'en', UNTIL).id).not.toBe(id);
  });
});
