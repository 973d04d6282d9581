import { describe, expect, it } from 'vitest';
import { ViewState } from '../../../../../renderer/src/state/view.svelte.js';

const KEY = 'b24presence.view';

/** A Storage in memory; `broken` makes every write throw, as a full or disabled one does. */
function memoryStorage(initial: Record<string, string> = {}, broken = false): Storage {
  const items = new Map(Object.entries(initial));
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => {
      if (broken) throw new DOMException('full', 'QuotaExceededError');
      items.set(key, value);
    },
  };
}

describe('ViewState', () => {
  it('starts with everyone, by presence, not grouped, and no search', () => {
    const view = new ViewState(memoryStorage());
    expect([view.query, view.filter, view.sort, view.groupByDepartment]).toEqual([
      '',
      'all',
      'presence',
      false,
    ]);
  });

  it('remembers filter, sort and grouping between runs, but not the search', () => {
    const storage = memoryStorage();
    const view = new ViewState(storage);
    view.query = 'anna';
    view.filter = 'online';
    view.sort = 'name';
    view.groupByDepartment = true;
    view.save();
    expect(JSON.parse(storage.getItem(KEY) ?? 'null')).toEqual({
      filter: 'online',
      sort: 'name',
      group: true,
    });
    const next = new ViewState(storage);
    expect([next.query, next.filter, next.sort, next.groupByDepartment]).toEqual([
      '',
      view.filter,
      'name',
      true,
    ]);
  });

  it('restores each remembered value only when it is still a valid one', () => {
    const storage = memoryStorage({
      [KEY]: JSON.stringify({ filter: 'no-such-filter', sort: 'activity', group: 'yes' }),
    });
    const view = new ViewState(storage);
    expect([view.filter, view.sort, view.groupByDepartment]).toEqual(['all', 'activity', false]);
  });

  it('starts from the defaults when what is stored is unreadable or not an object', () => {
    for (const stored of ['{not json', '42', 'null', '"text"']) {
      const view = new ViewState(memoryStorage({ [KEY]: stored }));
      expect([view.filter, view.sort, view.groupByDepartment]).toEqual(['all', 'presence', false]);
    }
  });

  it('reset clears the search and the filter, and keeps how the list is sorted and grouped', () => {
    const view = new ViewState(memoryStorage());
    view.query = 'anna';
    view.filter = 'online';
    view.sort = 'activity';
    view.groupByDepartment = true;
    view.reset();
    expect([view.query, view.filter, view.sort, view.groupByDepartment]).toEqual([
      '',
      'all',
      'activity',
      true,
    ]);
  });

  it('works without storage, or with one that refuses writes', () => {
    const none = new ViewState(null);
    none.sort = 'name';
    expect(() => none.save()).not.toThrow();
    const full = new ViewState(memoryStorage({}, true));
    full.sort = 'name';
    expect(() => full.save()).not.toThrow();
    expect(full.sort).toBe('name');
  });
});
