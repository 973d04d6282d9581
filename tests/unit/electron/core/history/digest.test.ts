import { describe, expect, it } from 'vitest';
import { digestBetween } from '../../../../../electron/core/history/digest.js';
import { colleague } from '../../../../support/colleague.js';

describe('digestBetween', () => {
  const before = [
    colleague(1, { presence: 'offline' }),
    colleague(2, { presence: 'online' }),
    colleague(3, { presence: 'offline', absentUntil: '2026-12-01' }),
    colleague(4, { presence: 'idle' }),
    colleague(5, { presence: 'offline' }),
    colleague(6, { presence: 'offline' }),
  ];

  it('names who came online, who left and who is back from leave, each once', () => {
    const after = [
      colleague(1, { presence: 'online' }),
      colleague(2, { presence: 'offline' }),
      colleague(3, { presence: 'online' }), // back from leave and online: the leave is the news
      colleague(4, { presence: 'online' }), // idle → online is no arrival
      colleague(5, { presence: 'offline' }),
      colleague(7, { presence: 'online' }), // joined the team meanwhile: not news
    ];
    expect(digestBetween(before, after, 100, 200)).toEqual({
      since: 100,
      until: 200,
      arrived: [1],
      left: [2],
      backFromLeave: [3],
    });
  });

  it('follows the alert rules it is given, and says nothing when nothing changed', () => {
    const after = before.map((c) =>
      c.id === 1 || c.id === 6 ? { ...c, presence: 'online' as const } : c,
    );
    expect(digestBetween(before, after, 0, 1, (c) => c.id !== 1)?.arrived).toEqual([6]);
    expect(digestBetween(before, after, 0, 1, () => false)).toBeNull();
    expect(digestBetween(before, before, 0, 1)).toBeNull();
  });
});
