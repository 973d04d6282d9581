import type { Colleague, ColleagueRule, PortalReports } from '$shared/domain.js';
import {
  isFreeNow,
  PRESENCE_RANK_COUNT,
  presenceRank,
  shownPresence,
} from '$shared/presence/classify.js';
import { countedAs } from '$shared/presence/counts.js';
import { ruleOf } from '$shared/settings/rules.js';
import { compileQuery, searchKey, wordIn, type CompiledQuery } from './search.js';

/*
 * Search, filter, sort and grouping of the colleague list: one pass per change of the data or
 * of the view options, independent of the relative-time clock; only the calendar's moment
 * (`ListContext.now`, a coarse clock) can move someone between "free" and "busy".
 * Built for thousands of rows: string collation happens only when names change (NameOrder),
 * every other comparison is numeric.
 */
export type FilterKey =
  'all' | 'free' | 'online' | 'idle' | 'mobile' | 'offline' | 'leave' | 'starred';
export const FILTERS: readonly FilterKey[] = [
  'all',
  'free',
  'online',
  'idle',
  'mobile',
  'offline',
  'leave',
  'starred',
];
/**
 * The filter each header chip applies: a chip's number is always how many people its filter
 * lists (online, away, mobile, offline and offline on leave split the team: countedAs).
 */
export const CHIP_FILTER = {
  free: 'free',
  online: 'online',
  idle: 'idle',
  mobile: 'mobile',
  offline: 'offline',
  leave: 'leave',
} as const satisfies Record<string, FilterKey>;
/**
 * The filters worth offering: "Mobile" only where the portal reports mobile activity, "Free now"
 * only where it reports calendars (without them it would only repeat "Online now").
 */
export function availableFilters(reports: PortalReports): readonly FilterKey[] {
  return FILTERS.filter(
    (key) => (key !== 'mobile' || reports.mobile) && (key !== 'free' || reports.calendar),
  );
}

/** A filter that is no longer offered (a saved "Mobile" on a current portal) shows everyone. */
export function effectiveFilter(filter: FilterKey, reports: PortalReports): FilterKey {
  return availableFilters(reports).includes(filter) ? filter : 'all';
}
export type SortKey = 'presence' | 'name' | 'activity';
export const SORTS: readonly SortKey[] = ['presence', 'name', 'activity'];

export interface ViewOptions {
  readonly query: string;
  readonly filter: FilterKey;
  readonly sort: SortKey;
  readonly groupByDepartment: boolean;
}

export type ListItem =
  | {
      readonly kind: 'group';
      readonly key: string;
      readonly departmentId: number | null;
      readonly label: string;
      readonly count: number;
    }
  | { readonly kind: 'person'; readonly key: string; readonly colleague: Colleague };

export interface ListContext {
  readonly rules: Readonly<Record<string, Exclude<ColleagueRule, 'default'>>>;
  /** What the portal really reports: decides what counts as mobile or busy. */
  readonly reports: PortalReports;
  readonly names: NameOrder;
  /** Department name, or null while unknown. Search matches the names it knows. */
  readonly departmentName: (id: number) => string | null;
  /** Label for people without a department, and for ids whose name is unknown. */
  readonly noDepartment: string;
  readonly unknownDepartment: (id: number) => string;
  readonly locale: string;
  /** The moment the calendar is read at ("Free now", and free before busy in the presence sort). */
  readonly now: number;
}

/**
 * A person's search key (name, then position), built once per Colleague object: a patch replaces
 * only the people who changed, so with a search active the others are not folded again per patch.
 */
const searchKeys = new WeakMap<Colleague, { readonly locale: string; readonly key: string }>();

function personKey(c: Colleague, locale: string): string {
  const cached = searchKeys.get(c);
  if (cached !== undefined && cached.locale === locale) return cached.key;
  // A separator no query contains, so a word never matches across the name and the position.
  const key = `${searchKey(c.name, locale)}\u0000${searchKey(c.position, locale)}`;
  searchKeys.set(c, { locale, key });
  return key;
}

/**
 * Whether a person matches the search: every word of it (in any order, see ./search.ts) is in
 * their name, their position, or (given `departmentKey`, the key of a department id, null while
 * the name is unknown) one of their departments' names.
 */
export function matchesQuery(
  c: Colleague,
  query: CompiledQuery | string,
  locale: string,
  departmentKey?: (id: number) => string | null,
): boolean {
  const words = typeof query === 'string' ? compileQuery(query, locale) : query;
  if (words.length === 0) return true;
  const key = personKey(c, locale);
  for (const word of words)
    if (!wordIn(word, key) && !inDepartment(word, c.departments, departmentKey)) return false;
  return true;
}

function inDepartment(
  word: readonly string[],
  departments: readonly number[],
  departmentKey?: (id: number) => string | null,
): boolean {
  if (departmentKey === undefined) return false;
  for (const id of departments) {
    const key = departmentKey(id);
    if (key !== null && wordIn(word, key)) return true;
  }
  return false;
}

/** Department search keys, each built once per list build (a team has few departments). */
function departmentSearchKey(context: ListContext): (id: number) => string | null {
  const known = new Map<number, string | null>();
  return (id) => {
    let key = known.get(id);
    if (key === undefined) {
      const name = context.departmentName(id);
      key = name === null ? null : searchKey(name, context.locale);
      known.set(id, key);
    }
    return key;
  };
}

/** Filters read people as the badges, the header counts and the tray do (countedAs). */
export function matchesFilter(
  c: Colleague,
  filter: FilterKey,
  rules: ListContext['rules'],
  reports: PortalReports,
  now: number,
): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'free':
      return isFreeNow(c, reports, now);
    // One person, one of online, idle, mobile, offline or on leave: the same split as the header's chips.
    case 'online':
    case 'idle':
    case 'mobile':
    case 'offline':
      return countedAs(c, reports) === filter;
    case 'leave':
      return countedAs(c, reports) === 'onLeave';
    case 'starred':
      return ruleOf(rules, c.id) === 'starred';
  }
}

/**
 * Alphabetical rank of every colleague, recomputed only when someone's name changes or people
 * come and go; presence patches reuse it, keeping re-sorts numeric.
 */
export class NameOrder {
  private ranks = new Map<number, number>();
  private names = new Map<number, string>();
  private collator: Intl.Collator;
  private last: readonly Colleague[] = [];

  constructor(locale: string) {
    this.collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  }

  /** The same collation, for other labels (department names). */
  compare(a: string, b: string): number {
    return this.collator.compare(a, b);
  }

  rankOf(colleagues: readonly Colleague[]): ReadonlyMap<number, number> {
    if (!this.isCurrent(colleagues)) this.rebuild(colleagues);
    return this.ranks;
  }

  private isCurrent(colleagues: readonly Colleague[]): boolean {
    const last = this.last;
    if (colleagues.length !== last.length) return false;
    for (let i = 0; i < colleagues.length; i++) {
      const c = colleagues[i] as Colleague;
      const before = last[i] as Colleague;
      // Patches keep unchanged people as the same objects, in the same (id) order: cheap to skip.
      if (c !== before && (c.id !== before.id || c.name !== before.name))
        return this.sameNames(colleagues);
    }
    this.last = colleagues;
    return true;
  }

  private sameNames(colleagues: readonly Colleague[]): boolean {
    if (colleagues.length !== this.names.size) return false;
    for (const c of colleagues) if (this.names.get(c.id) !== c.name) return false;
    this.last = colleagues;
    return true;
  }

  private rebuild(colleagues: readonly Colleague[]): void {
    const sorted = [...colleagues].sort(
      (a, b) => this.collator.compare(a.name, b.name) || a.id - b.id,
    );
    this.ranks = new Map(sorted.map((c, index) => [c.id, index]));
    this.names = new Map(colleagues.map((c) => [c.id, c.name]));
    this.last = colleagues;
  }
}

/**
 * Sorts by precomputed numeric keys held in typed arrays: with thousands of rows, a comparator
 * that calls functions and looks up maps on every comparison costs several times more.
 */
function sortColleagues(
  visible: Colleague[],
  sort: SortKey,
  ranks: ReadonlyMap<number, number>,
  context: Pick<ListContext, 'reports' | 'rules' | 'now'>,
): Colleague[] {
  const { reports, rules, now } = context;
  const count = visible.length;
  const sorted = new Array<Colleague>(count);
  if (sort === 'activity') {
    const activity = new Float64Array(count);
    const nameRank = new Int32Array(count);
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      const c = visible[i] as Colleague;
      // Most recent activity first; people never seen go last.
      activity[i] = -(c.lastActivity ?? -1);
      nameRank[i] = ranks.get(c.id) ?? 0;
      order[i] = i;
    }
    order.sort(
      (a, b) =>
        (activity[a] as number) - (activity[b] as number) ||
        (nameRank[a] as number) - (nameRank[b] as number),
    );
    for (let i = 0; i < count; i++) sorted[i] = visible[order[i] as number] as Colleague;
    return sorted;
  }
  // Presence and name: the whole key (rank, second rank, position) fits one exact double, so the
  // engine's native numeric sort does the work without calling back into JavaScript.
  const names = Math.max(ranks.size, 1);
  const seenOrder = sort === 'presence' ? offlineBySeen(visible, ranks, reports) : null;
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const c = visible[i] as Colleague;
    // Starred people first, as Slack's and Bitrix24's favourites are; then by presence.
    const primary =
      sort === 'presence'
        ? (ruleOf(rules, c.id) === 'starred' ? 0 : PRESENCE_RANK_COUNT) +
          presenceRank(c, reports, now)
        : 0;
    const second = seenOrder?.get(c.id) ?? ranks.get(c.id) ?? 0;
    keys[i] = (primary * names + second) * count + i;
  }
  keys.sort();
  for (let i = 0; i < count; i++) sorted[i] = visible[(keys[i] as number) % count] as Colleague;
  return sorted;
}

/**
 * Offline people (not on leave) in the order the presence sort lists them: the most recently
 * seen first (the time their row shows), never seen last, then by name. A map from id to
 * position, which stays below the team's size as the name ranks do. Typed arrays, as above.
 */
function offlineBySeen(
  visible: readonly Colleague[],
  ranks: ReadonlyMap<number, number>,
  reports: PortalReports,
): Map<number, number> {
  const offline = visible.filter(
    (c) => c.absentUntil === null && shownPresence(c, reports) === 'offline',
  );
  const count = offline.length;
  const seen = new Float64Array(count);
  const nameRank = new Int32Array(count);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const c = offline[i] as Colleague;
    seen[i] = -(c.lastActivity ?? c.presenceSince ?? -1);
    nameRank[i] = ranks.get(c.id) ?? 0;
    order[i] = i;
  }
  order.sort(
    (a, b) =>
      (seen[a] as number) - (seen[b] as number) ||
      (nameRank[a] as number) - (nameRank[b] as number),
  );
  const positions = new Map<number, number>();
  for (let i = 0; i < count; i++) positions.set((offline[order[i] as number] as Colleague).id, i);
  return positions;
}

function filterColleagues(
  colleagues: readonly Colleague[],
  filter: FilterKey,
  query: CompiledQuery,
  context: ListContext,
): Colleague[] {
  const departments = departmentSearchKey(context);
  return colleagues.filter(
    (c) =>
      matchesFilter(c, filter, context.rules, context.reports, context.now) &&
      matchesQuery(c, query, context.locale, departments),
  );
}

export function buildList(
  colleagues: readonly Colleague[],
  options: ViewOptions,
  context: ListContext,
): ListItem[] {
  const query = compileQuery(options.query, context.locale);
  const filter = effectiveFilter(options.filter, context.reports);
  const filtered =
    filter === 'all' && query.length === 0
      ? colleagues.slice()
      : filterColleagues(colleagues, filter, query, context);
  const visible = sortColleagues(filtered, options.sort, context.names.rankOf(colleagues), context);
  if (!options.groupByDepartment) return visible.map(personItem);

  const groups = new Map<number | null, Colleague[]>();
  for (const c of visible) {
    // A person in several departments is listed once, under their first (main) one.
    const id = c.departments[0] ?? null;
    const members = groups.get(id);
    if (members) members.push(c);
    else groups.set(id, [c]);
  }
  const labelled = [...groups.entries()].map(([id, members]) => ({
    id,
    members,
    label:
      id === null
        ? context.noDepartment
        : (context.departmentName(id) ?? context.unknownDepartment(id)),
  }));
  // Named departments alphabetically, "no department" last.
  labelled.sort(
    (a, b) =>
      (a.id === null ? 1 : 0) - (b.id === null ? 1 : 0) || context.names.compare(a.label, b.label),
  );
  const items: ListItem[] = [];
  for (const group of labelled) {
    items.push({
      kind: 'group',
      key: `g:${group.id ?? 'none'}`,
      departmentId: group.id,
      label: group.label,
      count: group.members.length,
    });
    for (const c of group.members) items.push(personItem(c));
  }
  return items;
}

/**
 * One item object per colleague object: when a patch leaves someone unchanged, their row gets
 * the very same item, so the keyed list has nothing to update for it.
 */
const personItems = new WeakMap<Colleague, ListItem>();

function personItem(colleague: Colleague): ListItem {
  let item = personItems.get(colleague);
  if (!item) {
    item = { kind: 'person', key: `p:${colleague.id}`, colleague };
    personItems.set(colleague, item);
  }
  return item;
}

/**
 * Department ids that appear in the team and have no name yet. Indexed loops: this runs once
 * over 5,000 people at start-up, before the JIT has warmed up, where for…of's iterators cost
 * several times more.
 */
export function missingDepartments(
  colleagues: readonly Colleague[],
  known: ReadonlySet<number>,
): number[] {
  const missing = new Set<number>();
  for (let i = 0; i < colleagues.length; i++) {
    const departments = (colleagues[i] as Colleague).departments;
    for (let j = 0; j < departments.length; j++) {
      const id = departments[j] as number;
      if (!known.has(id)) missing.add(id);
    }
  }
  return [...missing].sort((a, b) => a - b);
}
