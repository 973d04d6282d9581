import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_PORTAL_REPORTS,
  type Colleague,
  type PortalReports,
} from '../../../../../electron/shared/domain.js';
import {
  availableFilters,
  buildList,
  CHIP_FILTER,
  effectiveFilter,
  FILTERS,
  matchesFilter,
  matchesQuery,
  missingDepartments,
  NameOrder,
  type ListContext,
  type ViewOptions,
} from '../../../../../renderer/src/lib/list.js';
import { presenceView } from '../../../../../renderer/src/lib/presence.js';
import { countFree, countPresence } from '../../../../../electron/shared/presence/counts.js';
import { colleague } from '../../../../support/colleague.js';

let nextId = 1;
function person(name: string, fields: Partial<Colleague> = {}): Colleague {
  const [firstName = '', lastName = ''] = name.split(' ');
  return colleague(nextId++, {
    name,
    firstName,
    lastName,
    position: 'Developer',
    lastActivity: 1000,
    ...fields,
  });
}

const team = [
  person('Zoe Adams', { presence: 'offline', lastActivity: 500 }),
  person('Семён Орлов', { position: 'QA engineer', departments: [2] }),
  person('Anna Petrova', { presence: 'idle', lastActivity: 900 }),
  person('Boris Ivanov', { presence: 'mobile', departments: [] }),
  person('Chloe Martin', { status: 'dnd', departments: [2] }),
  person('Dmitry Smirnov', { presence: 'offline', absentUntil: '2026-12-03', lastActivity: null }),
];
const LEGACY: PortalReports = {
  idle: true,
  mobile: true,
  status: true,
  calendar: false,
  timeZones: false,
};
const CURRENT = CURRENT_PORTAL_REPORTS;
const context = (
  rules: ListContext['rules'] = {},
  reports: PortalReports = LEGACY,
): ListContext => ({
  rules,
  reports,
  names: new NameOrder('en'),
  departmentName: (id) => ({ 1: 'Engineering', 2: 'Support' })[id] ?? null,
  noDepartment: 'No department',
  unknownDepartment: (id) => `Department ${id}`,
  locale: 'en',
  now: 0,
});
const view = (options: Partial<ViewOptions> = {}): ViewOptions => ({
  query: '',
  filter: 'all',
  sort: 'presence',
  groupByDepartment: false,
  ...options,
});
const names = (
  options: Partial<ViewOptions>,
  rules?: ListContext['rules'],
  reports: PortalReports = LEGACY,
): string[] =>
  buildList(team, view(options), context(rules, reports)).map((item) =>
    item.kind === 'person' ? item.colleague.name : `# ${item.label} (${item.count})`,
  );

describe('list building', () => {
  it('sorts by presence: online, mobile, busy, idle, offline, on leave', () => {
    expect(names({})).toEqual([
      'Семён Орлов',
      'Boris Ivanov',
      'Chloe Martin',
      'Anna Petrova',
      'Zoe Adams',
      'Dmitry Smirnov',
    ]);
  });

  it('on a current portal, ranks nobody as mobile or busy: they are simply online', () => {
    // Boris (sent as mobile) and Chloe (sent as dnd) sort among the online people, by name.
    expect(names({}, {}, CURRENT)).toEqual([
      'Boris Ivanov',
      'Chloe Martin',
      'Семён Орлов',
      'Anna Petrova',
      'Zoe Adams',
      'Dmitry Smirnov',
    ]);
  });

  it('pins starred people at the top of the presence sort, in presence order among themselves', () => {
    const id = (name: string) => String(team.find((c) => c.name === name)?.id);
    const rules = {
      [id('Zoe Adams')]: 'starred',
      [id('Anna Petrova')]: 'starred',
      [id('Boris Ivanov')]: 'muted',
    } as const;
    expect(names({}, rules)).toEqual([
      'Anna Petrova',
      'Zoe Adams',
      'Семён Орлов',
      'Boris Ivanov',
      'Chloe Martin',
      'Dmitry Smirnov',
    ]);
    // Only the presence sort pins them: by name is by name.
    expect(names({ sort: 'name' }, rules)).toEqual([
      'Anna Petrova',
      'Boris Ivanov',
      'Chloe Martin',
      'Dmitry Smirnov',
      'Zoe Adams',
      'Семён Орлов',
    ]);
  });

  it('lists offline people by most recently seen within their presence, never seen last, ties by name', () => {
    const offline = [
      person('Aaron Hill', { presence: 'offline', lastActivity: 100 }),
      person('Carl Lee', { presence: 'offline', lastActivity: null, presenceSince: null }),
      person('Dora Kim', { presence: 'offline', lastActivity: 300 }),
      person('Bella Ross', { presence: 'offline', lastActivity: 300 }),
      person('Ezra Moss', { presence: 'online' }),
      person('Fay Dunn', { presence: 'offline', lastActivity: 900, absentUntil: '2026-12-03' }),
      person('Gil Ames', { presence: 'offline', lastActivity: 50, absentUntil: '2026-12-03' }),
    ];
    const listed = (rules: ListContext['rules'] = {}) =>
      buildList(offline, view(), context(rules)).map((item) =>
        item.kind === 'person' ? item.colleague.name : '',
      );
    // On leave stays by name (Fay, Gil), after everyone offline.
    expect(listed()).toEqual([
      'Ezra Moss',
      'Bella Ross',
      'Dora Kim',
      'Aaron Hill',
      'Carl Lee',
      'Fay Dunn',
      'Gil Ames',
    ]);
    const aaron = String(offline[0]?.id);
    expect(listed({ [aaron]: 'starred' })).toEqual([
      'Aaron Hill',
      'Ezra Moss',
      'Bella Ross',
      'Dora Kim',
      'Carl Lee',
      'Fay Dunn',
      'Gil Ames',
    ]);
  });

  it('sorts by name and by last activity (never seen last)', () => {
    expect(names({ sort: 'name' })).toEqual([
      'Anna Petrova',
      'Boris Ivanov',
      'Chloe Martin',
      'Dmitry Smirnov',
      'Zoe Adams',
      'Семён Орлов',
    ]);
    expect(names({ sort: 'activity' })).toEqual([
      'Boris Ivanov',
      'Chloe Martin',
      'Семён Орлов',
      'Anna Petrova',
      'Zoe Adams',
      'Dmitry Smirnov',
    ]);
  });

  it('searches names and positions, folding case and ё', () => {
    expect(names({ query: 'СЕМЕН' })).toEqual(['Семён Орлов']);
    expect(names({ query: ' qa ' })).toEqual(['Семён Орлов']);
    expect(names({ query: 'nobody' })).toEqual([]);
  });

  it('searches the department names it knows, and not ids or unknown departments', () => {
    expect(names({ query: 'support', sort: 'name' })).toEqual(['Chloe Martin', 'Семён Орлов']);
    expect(names({ query: 'SUPP' })).toEqual(['Семён Орлов', 'Chloe Martin']);
    // Zoe's department (7) has no name yet: nothing to match.
    const unnamed = [person('Zoe Unnamed', { departments: [7] })];
    const built = buildList(unnamed, view({ query: 'department' }), context());
    expect(built).toEqual([]);
    // Named in Russian, folded like names.
    const ru = {
      ...context(),
      departmentName: (id: number) => (id === 7 ? 'Отдел продаж Ёлки' : null),
      locale: 'ru',
    };
    expect(
      buildList(unnamed, view({ query: 'елки' }), ru).map((item) =>
        item.kind === 'person' ? item.colleague.name : '',
      ),
    ).toEqual(['Zoe Unnamed']);
  });

  it('filters', () => {
    // Online means online here, as the chip counts it; the mobile people have their own filter.
    expect(names({ filter: 'online' })).toEqual(['Семён Орлов', 'Chloe Martin']);
    // Offline on leave is "on leave", as the chips count it: nobody is in two chips.
    expect(names({ filter: 'offline' })).toEqual(['Zoe Adams']);
    expect(names({ filter: 'idle' })).toEqual(['Anna Petrova']);
    expect(names({ filter: 'mobile' })).toEqual(['Boris Ivanov']);
    expect(names({ filter: 'leave' })).toEqual(['Dmitry Smirnov']);
    expect(
      names(
        { filter: 'starred' },
        { [String(team[4]?.id)]: 'starred', [String(team[0]?.id)]: 'muted' },
      ),
    ).toEqual(['Chloe Martin']);
  });

  it('offers the mobile filter only where the portal reports mobile, and falls back to everyone', () => {
    expect(availableFilters(LEGACY)).toEqual(FILTERS.filter((key) => key !== 'free'));
    expect(availableFilters({ ...LEGACY, calendar: true })).toEqual(FILTERS);
    expect(availableFilters(CURRENT)).toEqual([
      'all',
      'online',
      'idle',
      'offline',
      'leave',
      'starred',
    ]);
    expect(availableFilters({ ...CURRENT, mobile: true })).toContain('mobile');
    expect(effectiveFilter('mobile', CURRENT)).toBe('all');
    expect(effectiveFilter('idle', CURRENT)).toBe('idle');
    expect(names({ filter: 'mobile' }, {}, CURRENT)).toEqual(names({ filter: 'all' }, {}, CURRENT));
    expect(names({ filter: 'online' }, {}, CURRENT)).toEqual([
      'Boris Ivanov',
      'Chloe Martin',
      'Семён Орлов',
    ]);
  });

  it('keeps header counts, filters and badges on one reading of each person, with either report set', () => {
    const extra = [
      person('Ivan Mobile', { presence: 'mobile', status: 'away', absentUntil: '2026-12-03' }),
      person('Eva Idle', { presence: 'idle', presenceSince: 100, status: 'dnd' }),
    ];
    const everyone = [...team, ...extra];
    for (const reports of [
      CURRENT,
      LEGACY,
      { ...CURRENT, mobile: true },
      { ...CURRENT, status: true },
    ]) {
      const counts = countPresence(everyone, reports);
      const badges = everyone.map((c) => presenceView(c, reports).badge);
      const count = (filter: (typeof FILTERS)[number]) =>
        everyone.filter((c) => matchesFilter(c, filter, {}, reports, 0)).length;
      expect(counts.total).toBe(everyone.length);
      // A partition: everybody in exactly one chip (issue 22: the person on leave was also offline).
      expect(counts.online + counts.idle + counts.mobile + counts.offline + counts.onLeave).toBe(
        everyone.length,
      );
      expect(counts.idle, JSON.stringify(reports)).toBe(count('idle'));
      expect(counts.idle).toBe(badges.filter((b) => b === 'idle').length);
      expect(counts.mobile).toBe(badges.filter((b) => b === 'mobile').length);
      // Every chip's number is what its filter lists.
      for (const [chip, filter] of Object.entries(CHIP_FILTER)) {
        const value =
          chip === 'leave'
            ? counts.onLeave
            : chip === 'free'
              ? countFree(everyone, reports, 0)
              : counts[chip as 'online' | 'idle' | 'mobile' | 'offline'];
        if (filter !== 'mobile' || reports.mobile)
          expect(value, `${chip} ${JSON.stringify(reports)}`).toBe(count(filter));
      }
      expect(counts.online).toBe(
        badges.filter((b) => ['online', 'dnd', 'away', 'break'].includes(b)).length,
      );
      expect(counts.onLeave).toBe(count('leave'));
      if (reports.mobile) expect(counts.mobile).toBe(count('mobile'));
      else expect(counts.mobile).toBe(0);
      if (!reports.status)
        expect(badges.filter((b) => ['dnd', 'away', 'break'].includes(b))).toEqual([]);
    }
    // Until the host passes the reports, its count (the tray's) reads a current portal.
    expect(countPresence(everyone)).toEqual(countPresence(everyone, CURRENT));
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
    const patched = team.map((c) =>
      c.id === team[0]?.id ? { ...c, presence: 'online' as const } : c,
    );
    expect(order.rankOf(patched)).toBe(first);
    const renamed = team.map((c) => (c.id === team[0]?.id ? { ...c, name: 'Aaron Adams' } : c));
    const second = order.rankOf(renamed);
    expect(second).not.toBe(first);
    expect(second.get(team[0]?.id ?? 0)).toBe(0);
  });

  it('ranks names in the collator’s order exactly: ё, accents, Latin against Cyrillic, numbers by value', () => {
    // Letters a plain string sort orders unlike the collator.
    const letter = fc.constantFrom(...'aAbeéEzZ åäöñ-йеЕёЁжЯя019'.split(''));
    const name = fc.array(letter, { maxLength: 8 }).map((letters) => letters.join(''));
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 60 }),
        fc.constantFrom('en', 'ru'),
        (names, locale) => {
          const people = names.map((text, i) => colleague(i + 1, { name: text }));
          const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
          const expected = [...people]
            .sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id)
            .map((c) => c.id);
          const ranks = new NameOrder(locale).rankOf(people);
          expect(
            [...people]
              .sort((a, b) => (ranks.get(a.id) ?? 0) - (ranks.get(b.id) ?? 0))
              .map((c) => c.id),
          ).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts presence for the header and finds departments to name', () => {
    expect(countPresence(team, LEGACY)).toEqual({
      total: 6,
      online: 2,
      idle: 1,
      mobile: 1,
      offline: 1,
      onLeave: 1,
    });
    expect(countPresence(team, CURRENT)).toEqual({
      total: 6,
      online: 3,
      idle: 1,
      mobile: 0,
      offline: 1,
      onLeave: 1,
    });
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
