import { describe, expect, it } from 'vitest';
import { digestGroups, mergeDigest } from '../../../../../renderer/src/lib/digest.js';

const digest = (
  since: number,
  until: number,
  arrived: number[],
  left: number[] = [],
  backFromLeave: number[] = [],
) => ({ since, until, arrived, left, backFromLeave });

describe('the "while you were away" card', () => {
  it('merges a second digest: earliest since, latest until, the lists united', () => {
    const merged = mergeDigest(
      digest(2000, 3000, [1, 2], [3]),
      digest(1000, 5000, [2, 4], [], [5]),
    );
    expect(merged).toEqual({
      since: 1000,
      until: 5000,
      arrived: [1, 2, 4],
      left: [3],
      backFromLeave: [5],
    });
  });

  it('lets the newer digest say where a person is now', () => {
    const merged = mergeDigest(digest(1000, 2000, [1, 2]), digest(2000, 3000, [], [1]));
    expect(merged.arrived).toEqual([2]);
    expect(merged.left).toEqual([1]);
  });

  it('names the lines in reading order and leaves out people and lines it cannot name', () => {
    const names = new Map([
      [1, 'Anna'],
      [3, 'Chloe'],
      [5, 'Elena'],
    ]);
    const groups = digestGroups(digest(0, 1, [1, 2], [3], [5]), (id) => names.get(id) ?? null);
    expect(groups).toEqual([
      { kind: 'arrived', people: [{ id: 1, name: 'Anna' }] },
      { kind: 'backFromLeave', people: [{ id: 5, name: 'Elena' }] },
      { kind: 'left', people: [{ id: 3, name: 'Chloe' }] },
    ]);
    expect(digestGroups(digest(0, 1, [2]), () => null)).toEqual([]);
  });
});
