// Over 300 lines on purpose: the paging algorithm (rounds, pages `next` and `total` promise, the
// consistency re-fetch, the watch list and desktop checks in spare commands) is one unit.
import type { B24Client, BatchCommand } from './client.js';
import { MAX_BATCH_COMMANDS } from './client.js';
import { B24Error } from './errors.js';
import {
  ImUserSchema,
  parseDepartments,
  parseRawUserDetailed,
  ProfileSchema,
  type UserChecks,
} from './schemas.js';
import type { Department, PortalIdentity, RawUser } from './types.js';
import type { ExtraAnswer, ExtraRequest } from './calendar.js';

/*
 * Fetching the team in as few requests as the portal allows. A refresh is one request in the
 * steady state (all pages and the watch list in one batch), plus one per further 2,500 people.
 * The first refresh starts with page 0 to learn the size: one request for up to 50 people
 * (a batch when there is a watch list), then one batch for the remaining pages.
 *
 * Desktop-app checks ride in the first round's spare commands: `im.user.get` is the only method
 * whose `desktop_last_date` is real on current portals, one person per command, so the caller
 * hands an ordered list of whom to check and as many as fit without another request are asked.
 */
export interface TeamFetch {
  readonly colleagues: RawUser[];
  /** Every watched id that is not a colleague → its user object, or null when the portal has none for us. */
  readonly watched: Map<number, RawUser | null>;
  /** `desktop_last_date` of each person checked with im.user.get this time (false: never ran it). */
  readonly desktop: Map<number, string | false>;
  /** The answers (or errors) of the calendar commands that fitted; an error there never fails the fetch. */
  readonly extras: ExtraAnswer[];
  /** The portal's `total` for the colleagues list: pass it back as `knownTotal` next time. */
  readonly total: number;
  /** The portal has more colleagues than MAX_TEAM_SIZE: only the first that many were read. */
  readonly truncated: boolean;
  /** User objects with unusable fields, or rejected for lack of an id. */
  readonly degraded: number;
  /** HTTP requests this fetch made. */
  readonly requests: number;
}

export interface FetchTeamOptions {
  readonly watchIds?: readonly number[];
  readonly knownTotal?: number | null;
  /** Whom to check for a running desktop app, most wanted first; only what fits is asked. */
  readonly desktopIds?: readonly number[];
  /**
   * Calendar and time-zone commands, most wanted first: as many as fit in the last batch's spare
   * commands ride along (before the desktop checks), never another request.
   */
  readonly extras?: readonly ExtraRequest[];
  /**
   * The user checks of the previous fetches (the source keeps one per connection): an object
   * that is the same as last time skips the check and comes back as the same RawUser.
   */
  readonly userChecks?: UserChecks;
  readonly signal?: AbortSignal;
}

export const COLLEAGUES_METHOD = 'im.department.colleagues.list';
export const USERS_METHOD = 'im.user.list.get';
export const USER_METHOD = 'im.user.get';
/** im.department.colleagues.list's maximum LIMIT. */
export const PAGE_SIZE = 50;
/** Ids per im.user.list.get command: short command strings, and the usual Bitrix24 page size. */
export const WATCH_CHUNK = 50;
/** Bounds against a portal whose `next` never ends: 20,000 people, a few follow-up rounds. */
const MAX_PAGES = 400;
const MAX_ROUNDS = 6;
/** The most colleagues one fetch reads: a larger team is cut here, and `truncated` says so. */
export const MAX_TEAM_SIZE = MAX_PAGES * PAGE_SIZE;

interface PageInfo {
  readonly users: readonly RawUser[];
  /** Objects on this page that were rejected or had unusable fields. */
  readonly degraded: number;
  readonly next: number | null;
  readonly total: number;
}

interface CommandAnswer {
  readonly result: unknown;
  readonly total: number | null;
  readonly next: number | null;
}

type PlannedCommand = { readonly key: string; readonly command: BatchCommand } & (
  | { readonly kind: 'page'; readonly offset: number }
  | { readonly kind: 'watch'; readonly ids: readonly number[] }
  | { readonly kind: 'desktop'; readonly id: number }
  | { readonly kind: 'extra'; readonly request: ExtraRequest }
);

export async function fetchTeam(
  client: B24Client,
  opts: FetchTeamOptions = {},
): Promise<TeamFetch> {
  const startRequests = client.requestsSent;
  const signal = opts.signal;
  const userChecks = opts.userChecks;
  const parseUser = userChecks ? (value: unknown) => userChecks.parse(value) : parseRawUserDetailed;
  const watchIds = [
    ...new Set((opts.watchIds ?? []).filter((id) => Number.isSafeInteger(id) && id > 0)),
  ];
  /** Pages by offset; a page fetched again replaces the earlier answer. */
  const pages = new Map<number, PageInfo>();
  const watchAnswers = new Map<
    number,
    { readonly user: RawUser | null; readonly degraded: boolean }
  >();
  const desktop = new Map<number, string | false>();
  let desktopIds = [
    ...new Set((opts.desktopIds ?? []).filter((id) => Number.isSafeInteger(id) && id > 0)),
  ];
  let extras = opts.extras ?? [];
  const extraAnswers: ExtraAnswer[] = [];
  let watchRequested = watchIds.length === 0;
  let rounds = 0;
  const roundTotals: number[] = [];

  /** Colleagues in portal order, each id once (someone moving between pages while we page shows up twice). */
  const colleagues = (): RawUser[] =>
    uniqueById(
      [...pages.keys()]
        .sort((a, b) => a - b)
        .map((offset) => (pages.get(offset) as PageInfo).users),
    );

  const watchCommands = (ids: readonly number[]): PlannedCommand[] =>
    chunk(ids, WATCH_CHUNK).map((part, index) => ({
      key: `w${index}`,
      kind: 'watch',
      ids: part,
      command: { method: USERS_METHOD, params: { ID: part } },
    }));

  /** Runs one round: page offsets first, the watch list when there is room. */
  const runRound = async (offsets: readonly number[]): Promise<void> => {
    const planned: PlannedCommand[] = offsets.map((offset) => ({
      key: `p${offset}`,
      kind: 'page',
      offset,
      // `start` wins over OFFSET on current servers and is all some old ones read: send both.
      command: {
        method: COLLEAGUES_METHOD,
        params: { USER_DATA: 'Y', OFFSET: offset, start: offset, LIMIT: PAGE_SIZE },
      },
    }));
    if (!watchRequested) {
      const known = idsAmong(colleagues(), watchIds);
      const watch = watchCommands(watchIds.filter((id) => !known.has(id)));
      const lastBatchRoom =
        MAX_BATCH_COMMANDS - (planned.length % MAX_BATCH_COMMANDS || MAX_BATCH_COMMANDS);
      // Ride along only where it costs no extra request.
      if (planned.length === 0 || watch.length <= lastBatchRoom) {
        planned.push(...watch);
        watchRequested = true;
      }
    }
    // Calendar commands, then desktop checks, fill what is left of the last batch, once per
    // fetch, never another request: a calendar command asks for up to 200 people, a check for one.
    let room =
      planned.length === 0
        ? 0
        : MAX_BATCH_COMMANDS - (planned.length % MAX_BATCH_COMMANDS || MAX_BATCH_COMMANDS);
    for (const [index, request] of extras.slice(0, room).entries()) {
      planned.push({ key: `x${index}`, kind: 'extra', request, command: request.command });
    }
    room -= Math.min(room, extras.length);
    extras = [];
    for (const id of desktopIds.slice(0, room)) {
      planned.push({
        key: `d${id}`,
        kind: 'desktop',
        id,
        command: { method: USER_METHOD, params: { ID: id } },
      });
    }
    desktopIds = [];
    let roundTotal: number | null = null;
    for (const part of chunk(planned, MAX_BATCH_COMMANDS)) {
      const { answers, errors } = await execute(client, part, signal);
      for (const item of part) {
        if (item.kind === 'extra') {
          const error = errors.get(item.key);
          extraAnswers.push(
            error
              ? { request: item.request, error }
              : { request: item.request, result: answers.get(item.key)?.result },
          );
          continue;
        }
        const answer = answers.get(item.key);
        if (answer === undefined) continue; // a desktop check that failed: no news, not a failure
        if (item.kind === 'desktop') {
          const user = parseRawUserDetailed(answer.result).user;
          if (user?.id === item.id) desktop.set(item.id, user.desktop_last_date ?? false);
        } else if (item.kind === 'page') {
          const items = pageItems(answer.result, item.command.method);
          const users: RawUser[] = [];
          let degraded = 0;
          for (const value of items) {
            const parsed = parseUser(value);
            if (parsed.degraded) degraded += 1;
            if (parsed.user) users.push(parsed.user);
          }
          const next = answer.next !== null && answer.next > item.offset ? answer.next : null;
          const total = answer.total ?? Math.max(item.offset + items.length, next ?? 0);
          pages.set(item.offset, { users, degraded, next, total });
          roundTotal = Math.max(roundTotal ?? 0, total);
        } else {
          for (const [id, value] of watchItems(answer.result, item.ids)) {
            watchAnswers.set(
              id,
              value === null ? { user: null, degraded: false } : parseUser(value),
            );
          }
        }
      }
    }
    if (roundTotal !== null) roundTotals.push(roundTotal);
    rounds += 1;
  };

  const latestTotal = (): number => roundTotals.at(-1) ?? 0;

  /** Pages the answers say exist but were not fetched: by `next` (short pages), and by `total` (growth). */
  const missingOffsets = (): number[] => {
    const missing = new Set<number>();
    for (const info of pages.values()) {
      if (info.next !== null && !pages.has(info.next)) missing.add(info.next);
    }
    for (let offset = 0; offset < latestTotal(); offset += PAGE_SIZE) {
      if (!pages.has(offset)) missing.add(offset);
    }
    return [...missing].sort((a, b) => a - b);
  };

  // Round 0: a plain page 0 tells the team size; with a known size every page goes at once.
  const known = opts.knownTotal;
  const firstOffsets =
    known === null || known === undefined
      ? [0]
      : range(0, Math.max(known, 1), PAGE_SIZE).slice(0, MAX_PAGES);
  await runRound(firstOffsets);

  let consistencyChecked = false;
  while (rounds < MAX_ROUNDS) {
    let offsets = missingOffsets().slice(0, Math.max(0, MAX_PAGES - pages.size));
    if (offsets.length === 0 && !consistencyChecked) {
      consistencyChecked = true;
      // The team changed between our requests: people may have shifted across the boundary
      // of a page fetched earlier (and vanished, or someone who left still shows). Fetch those
      // pages once more, so every page reflects the latest state.
      const current = latestTotal();
      if (new Set(roundTotals).size > 1) {
        offsets = [...pages.entries()]
          .filter(([, info]) => info.total !== current)
          .map(([offset]) => offset);
      }
    }
    if (offsets.length === 0) break;
    await runRound(offsets);
  }

  const team = colleagues();
  const watchedInTeam = idsAmong(team, watchIds);
  if (!watchRequested && watchIds.some((id) => !watchedInTeam.has(id))) await runRound([]);

  const watched = new Map<number, RawUser | null>();
  let degraded = 0;
  for (const id of watchIds) {
    if (watchedInTeam.has(id)) continue;
    const answer = watchAnswers.get(id);
    watched.set(id, answer?.user ?? null);
    if (answer?.degraded) degraded += 1;
  }
  for (const info of pages.values()) degraded += info.degraded;
  userChecks?.sweep();
  return {
    colleagues: team,
    watched,
    desktop,
    extras: extraAnswers,
    total: latestTotal(),
    // Pages the portal says exist, left unread only because the page bound was reached.
    truncated: pages.size >= MAX_PAGES && missingOffsets().length > 0,
    degraded,
    requests: client.requestsSent - startRequests,
  };
}

/**
 * One command → a plain call; more → batches of at most 50. A failed command fails the fetch,
 * except a desktop check or a calendar command: they only decorate, and a person deleted
 * meanwhile or a webhook without the calendar scope must not stop a poll (their errors come back
 * in `errors`). A calendar command never goes alone: it only fills a batch's spare room.
 */
async function execute(
  client: B24Client,
  commands: readonly PlannedCommand[],
  signal?: AbortSignal,
): Promise<{ answers: Map<string, CommandAnswer>; errors: Map<string, B24Error> }> {
  const answers = new Map<string, CommandAnswer>();
  const errors = new Map<string, B24Error>();
  if (commands.length === 1) {
    const only = commands[0] as PlannedCommand;
    const answer = await client.call(
      only.command.method,
      only.command.params,
      signal ? { signal } : {},
    );
    answers.set(only.key, answer);
    return { answers, errors };
  }
  const batch = await client.batch(
    Object.fromEntries(commands.map((item) => [item.key, item.command])),
    signal ? { signal } : {},
  );
  for (const item of commands) {
    const error = batch.errors.get(item.key);
    if (error && (item.kind === 'desktop' || item.kind === 'extra')) {
      errors.set(item.key, error);
      continue;
    }
    if (error) throw error;
    answers.set(item.key, {
      result: batch.results.get(item.key),
      total: batch.totals.get(item.key) ?? null,
      next: batch.nexts.get(item.key) ?? null,
    });
  }
  return { answers, errors };
}

/**
 * The calendar commands that found no room, as one more batch (at most 50): a failure of that
 * request is every command's error, never the refresh's (an abort still ends the refresh).
 */
export async function fetchExtras(
  client: B24Client,
  requests: readonly ExtraRequest[],
  signal?: AbortSignal,
): Promise<ExtraAnswer[]> {
  const sent = requests.slice(0, MAX_BATCH_COMMANDS);
  if (sent.length === 0) return [];
  try {
    const batch = await client.batch(
      Object.fromEntries(sent.map((request, index) => [`x${index}`, request.command])),
      signal ? { signal } : {},
    );
    return sent.map((request, index) => {
      const error = batch.errors.get(`x${index}`);
      return error ? { request, error } : { request, result: batch.results.get(`x${index}`) };
    });
  } catch (error) {
    if (signal?.aborted || !(error instanceof B24Error)) throw error;
    return sent.map((request) => ({ request, error }));
  }
}

/**
 * The users of lists in order, each id once (the first wins). Pages come in ascending ids on the
 * portals seen so far: then one pass over the ids proves there is no repeat and no map is built
 * (the map was a large part of the checks' time: tests/bench/engine-cpu.ts, part a).
 */
export function uniqueById(lists: readonly (readonly RawUser[])[]): RawUser[] {
  const all: RawUser[] = [];
  let ascending = true;
  let last = -Infinity;
  for (const list of lists) {
    for (const user of list) {
      if (user.id <= last) ascending = false;
      last = user.id;
      all.push(user);
    }
  }
  if (ascending) return all;
  const byId = new Map<number, RawUser>();
  for (const user of all) if (!byId.has(user.id)) byId.set(user.id, user);
  return [...byId.values()];
}

/** Which of `ids` are among `users` (a scan with a set of the few ids, not a map of everyone). */
function idsAmong(users: readonly RawUser[], ids: readonly number[]): Set<number> {
  const found = new Set<number>();
  if (ids.length === 0) return found;
  const wanted = new Set(ids);
  for (const user of users) if (wanted.has(user.id)) found.add(user.id);
  return found;
}

/** A colleagues page: an array of user objects (PHP may send a list as an object keyed 0..n). */
function pageItems(result: unknown, method: string): unknown[] {
  if (result === false) {
    // Older portals answer `false` instead of 403 ACCESS_ERROR for users without a department list.
    throw new B24Error({
      kind: 'access-denied',
      code: 'ACCESS_ERROR',
      message: `${method}: the portal does not show this user a colleagues list`,
      method,
    });
  }
  if (Array.isArray(result)) return result;
  // PHP sends a list with gaps in its keys as an object: {"0": …, "2": …}. Any other object is wrong.
  if (
    result !== null &&
    typeof result === 'object' &&
    Object.keys(result).every((key) => /^\d+$/.test(key))
  )
    return Object.values(result);
  throw new B24Error({
    kind: 'malformed-response',
    code: 'WRONG_SHAPE',
    message: `${method}: the portal sent a page of an unexpected shape`,
    method,
  });
}

/** im.user.list.get: `{ "4": {...}, "5": null }` by default, or a plain array. Missing ids → null. */
function watchItems(result: unknown, ids: readonly number[]): Map<number, unknown> {
  const byId = new Map<number, unknown>();
  for (const id of ids) byId.set(id, null);
  if (Array.isArray(result)) {
    let recognised = 0;
    for (const value of result) {
      const id = parseRawUserDetailed(value).user?.id;
      if (id === undefined) continue;
      recognised += 1;
      if (byId.has(id)) byId.set(id, value);
    }
    if (recognised > 0 || result.length === 0) return byId;
  } else if (
    result !== null &&
    typeof result === 'object' &&
    Object.keys(result).every((key) => /^\d+$/.test(key))
  ) {
    for (const id of ids) {
      if (Object.hasOwn(result, String(id)))
        byId.set(id, (result as Record<string, unknown>)[String(id)] ?? null);
    }
    return byId;
  }
  throw new B24Error({
    kind: 'malformed-response',
    code: 'WRONG_SHAPE',
    message: `${USERS_METHOD}: the portal sent an answer of an unexpected shape`,
    method: USERS_METHOD,
  });
}

/** Who the credential belongs to: `profile` and `im.user.get` in one batch, profile preferred. */
export async function fetchIdentity(
  client: B24Client,
  opts: { signal?: AbortSignal } = {},
): Promise<PortalIdentity> {
  const answer = await client.batch(
    { profile: { method: 'profile' }, me: { method: 'im.user.get' } },
    opts.signal ? { signal: opts.signal } : {},
  );
  const profile = ProfileSchema.safeParse(answer.results.get('profile'));
  if (profile.success) {
    const name = [profile.data.NAME, profile.data.LAST_NAME].filter(Boolean).join(' ').trim();
    return {
      userId: profile.data.ID,
      name: name || `User ${profile.data.ID}`,
      portalHost: client.portalHost,
    };
  }
  const me = ImUserSchema.safeParse(answer.results.get('me'));
  if (me.success) {
    const name =
      me.data.name?.trim() ||
      [me.data.first_name, me.data.last_name].filter(Boolean).join(' ').trim();
    return {
      userId: me.data.id,
      name: name || `User ${me.data.id}`,
      portalHost: client.portalHost,
    };
  }
  // im scope is what this app needs: its error explains best what is missing.
  throw (
    answer.errors.get('me') ??
    answer.errors.get('profile') ??
    new B24Error({
      kind: 'malformed-response',
      code: 'WRONG_SHAPE',
      message: 'profile: the portal did not say who the credential belongs to',
      method: 'profile',
    })
  );
}

/** Department names for ids (im.department.get); unknown ids are left out. */
export async function fetchDepartments(
  client: B24Client,
  ids: readonly number[],
  opts: { signal?: AbortSignal } = {},
): Promise<Department[]> {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
  if (wanted.length === 0) return [];
  const chunks = chunk(wanted, WATCH_CHUNK);
  const signalOpt = opts.signal ? { signal: opts.signal } : {};
  const results: unknown[] = [];
  if (chunks.length === 1) {
    results.push((await client.call('im.department.get', { ID: chunks[0] }, signalOpt)).result);
  } else {
    for (const group of chunk(chunks, MAX_BATCH_COMMANDS)) {
      const answer = await client.batch(
        Object.fromEntries(
          group.map((part, index) => [
            `d${index}`,
            { method: 'im.department.get', params: { ID: part } },
          ]),
        ),
        signalOpt,
      );
      const error = answer.errors.values().next();
      if (!error.done) throw error.value;
      results.push(...answer.results.values());
    }
  }
  const wantedSet = new Set(wanted);
  const byId = new Map<number, Department>();
  for (const result of results)
    for (const department of parseDepartments(result))
      if (wantedSet.has(department.id)) byId.set(department.id, department);
  return [...byId.values()];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size)
    out.push(items.slice(index, index + size));
  return out;
}

function range(start: number, end: number, step: number): number[] {
  const out: number[] = [];
  for (let value = start; value < end; value += step) out.push(value);
  return out;
}
