import { describe, expect, it } from 'vitest';
import { DepartmentCache } from '../../../../../renderer/src/lib/departments.js';

describe('DepartmentCache', () => {
  it('hands out each id once, so no department is asked for twice', () => {
    const cache = new DepartmentCache();
    expect(cache.claim([1, 2, 3])).toEqual([1, 2, 3]);
    expect(cache.claim([2, 3, 4])).toEqual([4]);
    expect([...cache.askedIds]).toEqual([1, 2, 3, 4]);
  });

  it('lets a failed request be asked again', () => {
    const cache = new DepartmentCache();
    cache.claim([1, 2]);
    cache.release([2]);
    expect(cache.claim([1, 2])).toEqual([2]);
  });

  it('learns names into a new map each time, keeping what it knew', () => {
    const cache = new DepartmentCache();
    const first = cache.learn([{ id: 1, name: 'Sales' }]);
    const second = cache.learn([
      { id: 2, name: 'Support' },
      { id: 1, name: 'Sales EU' },
    ]);
    expect(second).not.toBe(first);
    expect([...first]).toEqual([[1, 'Sales']]);
    expect([...second]).toEqual([
      [1, 'Sales EU'],
      [2, 'Support'],
    ]);
    expect(cache.current).toBe(second);
  });
});
