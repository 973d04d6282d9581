import { describe, expect, it } from 'vitest';
import type { Colleague } from '../../../electron/core/domain.js';
import { buildList, matchesQuery, missingDepartments, NameOrder, type ListContext, type ViewOptions } from '../../../renderer/src/lib/list.js';
import { countPresence } from '../../../electron/core/presence/counts.js';
import { colleague } from '../../support/colleague.js';

let nextId = 1;
function person(name: string, fields: Partial<Colleague> = {}): Colleague {
  const [firstName = '', lastName = ''] = name.split(' ');
  return colleague(nextId++, { name, firstName, lastName, position: 'Developer', lastActivity: 1000, ...fields });
}

const team = [
  person('Zoe Adams', { presence: 'offline', lastActivity: 500 }),
  person('Семён Орлов', { position: 'QA engineer', departments: [2] }),
  person('Anna Petrova', { presence: 'idle', lastActivity: 900 }),
  person('Boris Ivanov', { presence: 'mobile', departments: [] }),
  person('Chloe Martin', { status: 'dnd', departments: [2] }),
  person('Dmitry Smirnov', { presence: 'offline', absentUntil: '2026-12-03', lastActivity: null }),
];
const context = (rules: ListContext['rules'] = {}): ListContext => ({
  rules,
  names: new NameOrder('en'),
  departmentName: (id) => ({ 1: 'Engineering', 2: 'Support' })[id] ?? null,
  noDepartment: 'No department',
  unknownDepartment: (id) => `Department ${id}`,
  locale: 'en',
});
const view = (options: Partial<ViewOptions> = {}): ViewOptions => ({ query: '', filter: 'all', sort: 'presence', groupByDepartment: false, ...options });
const names = (options: Partial<ViewOptions>, rules?: ListContext['rules']): string[] =>
  buildList(team, view(options), context(rules)).map((item) => (item.kind === 'person' ? item.colleague.name : `# ${item.label} (${item.count})`));

describe('list building', () => {
  it('sorts by presence: online, mobile, busy, idle, offline, on leave', () => {
    expect(names({})).toEqual(['Семён Орлов', 'Boris Ivanov', 'Chloe Martin', 'Anna Petrova', 'Zoe Adams', 'Dmitry Smirnov']);
  });

  it('sorts by name and by last activity (never seen last)', () => {
    expect(names({ sort: 'name' })).toEqual(['Anna Petrova', 'Boris Ivanov', 'Chloe Martin', 'Dmitry Smirnov', 'Zoe Adams', 'Семён Орлов']);
    expect(names({ sort: 'activity' })).toEqual(['Boris Ivanov', 'Chloe Martin', 'Семён Орлов', 'Anna Petrova', 'Zoe Adams', 'Dmitry Smirnov']);
  });

  it('searches names and positions, folding case and ё', () => {
    expect(names({ query: 'СЕМЕН' })).toEqual(['Семён Орлов']);
    expect(names({ query: ' qa ' })).toEqual(['Семён Орлов']);
    expect(names({ query: 'nobody' })).toEqual([]);
  });

  it('filters', () => {
    expect(names({ filter: 'online' })).toEqual(['Семён Орлов', 'Boris Ivanov', 'Chloe Martin']);
    expect(names({ filter: 'idle' })).toEqual(['Anna Petrova']);
    expect(names({ filter: 'mobile' })).toEqual(['Boris Ivanov']);
    expect(names({ filter: 'leave' })).toEqual(['Dmitry Smirnov']);
    expect(names({ filter: 'starred' }, { [String(team[4]?.id)]: 'starred', [String(team[0]?.id)]: 'muted' })).toEqual(['Chloe Martin']);
  });

  it('groups by main department, named ones alphabetically, no department last', () => {
    expect(names({ groupByDepartment: true, sort: 'name' })).toEqual([
      '# Engineering (3)',
      'Anna Petrova',
      'Dmitry Smirnov',
      'Zoe Adams',
      '# Support (2)',
      'Chloe Martin',
      'Семён Орлов',
      '# No department (1)',
      'Boris Ivanov',
    ]);
  });

  it('recollates names only when names change', () => {
    const order = new NameOrder('en');
    const first = order.rankOf(team);
    const patched = team.map((c) => (c.id === team[0]?.id ? { ...c, presence: 'online' as const } : c));
    expect(order.rankOf(patched)).toBe(first);
    const renamed = team.map((c) => (c.id === team[0]?.id ? { ...c, name: 'Aaron Adams' } : c));
    const second = order.rankOf(renamed);
    expect(second).not.toBe(first);
    expect(second.get(team[0]?.id ?? 0)).toBe(0);
  });

  it('counts presence for the header and finds departments to name', () => {
    expect(countPresence(team)).toEqual({ total: 6, online: 2, idle: 1, mobile: 1, offline: 2, onLeave: 1 });
    expect(missingDepartments(team, new Set([1]))).toEqual([2]);
  });
});

describe('search matching', () => {
  it('finds a word in the name or the position, folding case and ё, never across the two', () => {
    const semyon = person('Семён Лебедев', { position: 'Team lead' });
    expect(matchesQuery(semyon, 'семен', 'ru')).toBe(true);
    expect(matchesQuery(semyon, 'team lead', 'ru')).toBe(true);
    expect(matchesQuery(semyon, 'лебедевteam', 'ru')).toBe(false);
    // A changed person is a new object: its text is read afresh.
    expect(matchesQuery({ ...semyon, position: 'Designer' }, 'designer', 'ru')).toBe(true);
  });
});
