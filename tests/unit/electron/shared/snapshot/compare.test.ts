import { describe, expect, it } from 'vitest';
import {
  NonCanonicalSnapshotError,
  assertCanonical,
  changedFields,
  diffColleagues,
  sameBlocks,
} from '../../../../../electron/shared/snapshot/compare.js';
import type { CalendarBlock } from '../../../../../electron/shared/calendar.js';
import type { Colleague } from '../../../../../electron/shared/domain.js';
import { colleague } from '../../../../support/colleague.js';

const T = Date.UTC(2026, 10, 23, 9, 0);
const meeting: CalendarBlock = { kind: 'meeting', from: T, until: T + 3_600_000 };

/** A different value for every field but id: changedFields must notice each one alone. */
const OTHER_VALUES: { [K in keyof Omit<Colleague, 'id'>]-?: Colleague[K] } = {
  name: 'Someone Else',
  firstName: 'Someone',
  lastName: 'Else',
  position: 'Manager',
  departments: [2],
  avatar: 'https://cdn.example.com/a.png',
  color: '#123456',
  presence: 'idle',
  presenceSince: T - 60_000,
  lastActivity: T,
  desktop: true,
  status: 'dnd',
  absentUntil: '2026-12-03',
  bot: true,
  extranet: true,
  gender: 'F',
  calendar: [meeting],
  timeZone: 'Europe/Berlin',
};

describe('changedFields', () => {
  it('is null for equal people, even as different objects', () => {
    const a = colleague(1, { departments: [1, 2], calendar: [meeting] });
    const b = colleague(1, { departments: [1, 2], calendar: [{ ...meeting }] });
    expect(changedFields(a, b)).toBeNull();
  });

  it.each(Object.keys(OTHER_VALUES) as (keyof typeof OTHER_VALUES)[])(
    'notices a change of %s alone',
    (field) => {
      const before = colleague(1);
      const after = { ...before, [field]: OTHER_VALUES[field] } as Colleague;
      expect(changedFields(before, after)).toEqual({ [field]: OTHER_VALUES[field] });
    },
  );

  it('lists every changed field with its new value', () => {
    const before = colleague(1);
    const after = colleague(1, { presence: 'offline', lastActivity: T, calendar: [] });
    expect(changedFields(before, after)).toEqual({
      presence: 'offline',
      lastActivity: T,
      calendar: [],
    });
  });
});

describe('sameBlocks', () => {
  it('compares blocks by value, null as unknown', () => {
    expect(sameBlocks(null, null)).toBe(true);
    expect(sameBlocks([], [])).toBe(true);
    expect(sameBlocks(null, [])).toBe(false);
    expect(sameBlocks([meeting], [{ ...meeting }])).toBe(true);
    expect(sameBlocks([meeting], [{ ...meeting, kind: 'tentative' }])).toBe(false);
    expect(sameBlocks([meeting], [{ ...meeting, from: T + 1 }])).toBe(false);
    expect(sameBlocks([meeting], [{ ...meeting, until: T + 1 }])).toBe(false);
    expect(sameBlocks([meeting], [meeting, meeting])).toBe(false);
  });
});

describe('assertCanonical', () => {
  it('accepts ascending ids, each once', () => {
    expect(() => assertCanonical([colleague(1), colleague(3), colleague(9)], 'next')).not.toThrow();
    expect(() => assertCanonical([], 'next')).not.toThrow();
  });

  it('refuses repeats and any other order, naming the list and the ids', () => {
    expect(() => assertCanonical([colleague(1), colleague(1)], 'prev')).toThrow(
      NonCanonicalSnapshotError,
    );
    expect(() => assertCanonical([colleague(2), colleague(1)], 'next')).toThrow(
      'next: colleagues must be sorted by ascending id without repeats (id 1 after 2)',
    );
  });
});

describe('diffColleagues', () => {
  it('walks both lists once: added, removed and changed, each in ascending id order', () => {
    const prev = [colleague(1), colleague(2), colleague(4), colleague(6)];
    const next = [
      colleague(2, { presence: 'offline' }),
      colleague(3),
      colleague(4),
      colleague(5),
      colleague(7),
    ];
    const diff = diffColleagues(prev, next);
    expect(diff.added.map(({ id }) => id)).toEqual([3, 5, 7]);
    expect(diff.removed).toEqual([1, 6]);
    expect(diff.changed).toEqual([{ id: 2, fields: { presence: 'offline' } }]);
    expect(diff.activity).toEqual([]);
  });

  it('a new last activity alone takes the compact form', () => {
    const prev = [colleague(1), colleague(2)];
    const next = [
      colleague(1, { lastActivity: T }),
      colleague(2, { lastActivity: T, presence: 'idle' }),
    ];
    const diff = diffColleagues(prev, next);
    expect(diff.activity).toEqual([[1, T]]);
    expect(diff.changed).toEqual([{ id: 2, fields: { lastActivity: T, presence: 'idle' } }]);
  });

  it('a last activity gone to null is a full change, not the compact form', () => {
    const diff = diffColleagues([colleague(1)], [colleague(1, { lastActivity: null })]);
    expect(diff.activity).toEqual([]);
    expect(diff.changed).toEqual([{ id: 1, fields: { lastActivity: null } }]);
  });

  it('tells onChanged of every changed pair, compact or not, and of nothing else', () => {
    const same = colleague(3);
    const prev = [colleague(1), colleague(2), same, colleague(4)];
    const next = [
      colleague(1, { lastActivity: T }),
      colleague(2, { status: 'dnd' }),
      same,
      colleague(4),
    ];
    const pairs: [number, number][] = [];
    diffColleagues(prev, next, (before, after) => pairs.push([before.id, after.id]));
    expect(pairs).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('handles empty lists either side', () => {
    expect(diffColleagues([], [colleague(1)]).added.map(({ id }) => id)).toEqual([1]);
    expect(diffColleagues([colleague(1)], []).removed).toEqual([1]);
    expect(diffColleagues([], [])).toEqual({ added: [], changed: [], removed: [], activity: [] });
  });
});
