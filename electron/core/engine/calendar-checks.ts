import type { CalendarBlock } from '../../shared/calendar.js';
import type { PortalReports } from '../../shared/domain.js';
import { sameBlocks } from '../../shared/snapshot/compare.js';
import { MAX_BATCH_COMMANDS } from '../bitrix/client.js';
import { nextRetryDelay } from '../bitrix/backoff.js';
import type { B24Error } from '../bitrix/errors.js';
import {
  CALENDAR_CHUNK,
  calendarRequest,
  parseTimeZones,
  TIME_ZONE_CHUNK,
  timeZoneRequest,
  type ExtraAnswer,
  type ExtraKind,
  type ExtraRequest,
} from '../bitrix/calendar.js';
import {
  parseAccessibility as realParser,
  type SiteDateFormat,
} from '../calendar/accessibility.js';

/**
 * Whose calendar and time zone to ask, and what is known of them (issue 19). Both ride in the
 * refresh's spare batch commands (team.ts), so they go round-robin at a steady rate: each
 * refresh earns a share of "everyone once per period" (elapsed / period of the team), and the
 * people asked longest ago are asked once the share fills a command (200 ids for calendars, 50
 * for zones). A team whose pages leave no room (2,500 people and more) gets one more batch when
 * someone is overdue, carrying everyone due: about one extra request per overdue period.
 *
 * Failures touch the calendar alone: `insufficient_scope` (or a portal without the method) turns
 * the report off, forgets what was known and asks again only hourly; `OPERATION_TIME_LIMIT`
 * pauses until the portal's reset time; any other error keeps the last blocks until they are too
 * old to show, and the people are asked again at their next turn.
 */
export const CALENDAR_PERIOD_MS = 5 * 60_000;
export const TIME_ZONE_PERIOD_MS = 60 * 60_000;
/** With no room in the refresh's batch, one more request once someone is this overdue. */
export const CALENDAR_OVERDUE_MS = 6 * 60_000;
export const TIME_ZONE_OVERDUE_MS = 70 * 60_000;
/** Blocks older than this are no longer shown (null), after failures. */
export const CALENDAR_KEPT_MS = 30 * 60_000;
/** After insufficient_scope (or no such method): ask again this rarely (and on reconnect). */
export const UNAVAILABLE_RETRY_MS = 60 * 60_000;

export type AccessibilityParser = (
  result: unknown,
  context: {
    readonly format: SiteDateFormat | null;
    readonly userZones?: ReadonlyMap<number, string | null>;
  },
) => {
  readonly blocks: Map<number, CalendarBlock[]>;
  readonly skipped: number;
  readonly format?: SiteDateFormat | null;
};

/** A round-robin over the team at a steady rate: one per kind (calendars, time zones). */
class Rotation {
  /** When each person was last asked (success or not). */
  private readonly asked = new Map<number, number>();
  /** When someone never asked was first seen: their wait counts from there. */
  private readonly seen = new Map<number, number>();
  /** Round-robin position: the last id asked in id order. */
  private cursor = 0;
  /** People earned but not asked yet (at most the team). */
  private credit = 0;
  private lastEarnedAt: number | null = null;
  /** Not asked before this (a paused or unavailable method). */
  blockedUntil = 0;
  /** OPERATION_TIME_LIMIT answers in a row: without a reset time (inside a batch) the pause grows with them. */
  limitedInRow = 0;
  everAsked = false;

  constructor(
    readonly periodMs: number,
    readonly chunk: number,
    readonly overdueMs: number,
  ) {}

  blocked(now: number): boolean {
    return now < this.blockedUntil;
  }

  /** Whom this refresh's share asks for, never-asked people first, then on from the cursor. `ids` ascending. */
  pick(ids: readonly number[], now: number): number[] {
    const n = ids.length;
    if (n === 0 || this.blocked(now)) return [];
    const elapsed =
      this.lastEarnedAt === null ? this.periodMs : Math.max(0, now - this.lastEarnedAt);
    this.lastEarnedAt = now;
    this.credit = Math.min(n, this.credit + (n * elapsed) / this.periodMs);
    const never = this.neverAsked(ids, now);
    const full = Math.min(this.chunk, n);
    const earned = Math.min(n, Math.floor(this.credit / full) * full);
    return this.take(ids, Math.max(earned, never.length), never);
  }

  /** Whether someone waits longer than `overdueMs` (or, before anything was asked, anyone at all). */
  overdue(ids: readonly number[], now: number): boolean {
    if (ids.length === 0 || this.blocked(now)) return false;
    if (!this.everAsked) return true;
    for (const id of ids) {
      // Time spent blocked is no wait: a retry after an hour rides in spare room when it can.
      const since = Math.max(this.asked.get(id) ?? this.seen.get(id) ?? now, this.blockedUntil);
      if (now - since >= this.overdueMs) return true;
    }
    return false;
  }

  /** Everyone due (asked over half a period ago, or never), for an extra batch. */
  due(ids: readonly number[], now: number): number[] {
    if (this.blocked(now)) return [];
    const due: number[] = [];
    for (const id of ids) {
      const at = this.asked.get(id);
      if (at === undefined || now - at >= this.periodMs / 2) due.push(id);
    }
    return due;
  }

  /** `ids` were asked, in the order picked: the rotation goes on after the last one asked before. */
  sent(ids: readonly number[], now: number): void {
    for (const id of ids) {
      if (this.asked.has(id)) this.cursor = id;
      this.asked.set(id, now);
      this.seen.delete(id);
    }
    if (ids.length > 0) {
      this.everAsked = true;
      this.lastEarnedAt ??= now;
      this.credit = Math.max(0, this.credit - ids.length);
    }
  }

  /** Forgets people gone from the team (when what it remembers has grown well past it). */
  prune(ids: readonly number[]): void {
    if (this.asked.size + this.seen.size <= ids.length * 2 + 100) return;
    const present = new Set(ids);
    for (const id of this.asked.keys()) if (!present.has(id)) this.asked.delete(id);
    for (const id of this.seen.keys()) if (!present.has(id)) this.seen.delete(id);
  }

  private neverAsked(ids: readonly number[], now: number): number[] {
    const never: number[] = [];
    for (const id of ids) {
      if (this.asked.has(id)) continue;
      never.push(id);
      if (!this.seen.has(id)) this.seen.set(id, now);
    }
    return never;
  }

  /** `count` people: `first`, then ids after the cursor in id order, wrapping around. */
  private take(ids: readonly number[], count: number, first: readonly number[]): number[] {
    const chosen = first.slice(0, count);
    if (chosen.length >= count) return chosen;
    const skip = new Set(chosen);
    let start = ids.findIndex((id) => id > this.cursor);
    if (start < 0) start = 0;
    for (let k = 0; k < ids.length && chosen.length < count; k++) {
      const id = ids[(start + k) % ids.length] as number;
      if (!skip.has(id)) chosen.push(id);
    }
    return chosen;
  }
}

function chunk(ids: readonly number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** Errors that say this webhook or portal cannot answer at all: stop asking, say nothing. */
function unavailable(error: B24Error): boolean {
  return (
    error.kind === 'scope-missing' ||
    error.kind === 'method-missing' ||
    error.kind === 'access-denied'
  );
}

export class CalendarChecks {
  private readonly calendars = new Rotation(
    CALENDAR_PERIOD_MS,
    CALENDAR_CHUNK,
    CALENDAR_OVERDUE_MS,
  );
  private readonly zones = new Rotation(TIME_ZONE_PERIOD_MS, TIME_ZONE_CHUNK, TIME_ZONE_OVERDUE_MS);
  private readonly blocks = new Map<
    number,
    { readonly blocks: readonly CalendarBlock[]; readonly at: number }
  >();
  private readonly zoneOf = new Map<number, string | null>();
  private readonly parse: AccessibilityParser;
  /** The portal's site date format, learnt from its answers (kept for the connection). */
  private format: SiteDateFormat | null = null;
  private answered: { calendar: boolean; timeZones: boolean } = {
    calendar: false,
    timeZones: false,
  };
  /** Entries the parser could not read, over the connection (for diagnostics). */
  skipped = 0;

  constructor(options: { readonly parse?: AccessibilityParser } = {}) {
    this.parse = options.parse ?? realParser;
  }

  /** What rides in this refresh's spare commands, most wanted first. `ids` ascending (a snapshot's order). */
  requests(ids: readonly number[], now: number): ExtraRequest[] {
    this.calendars.prune(ids);
    this.zones.prune(ids);
    return [
      ...chunk(this.calendars.pick(ids, now), CALENDAR_CHUNK).map((part) =>
        calendarRequest(part, now),
      ),
      ...chunk(this.zones.pick(ids, now), TIME_ZONE_CHUNK).map((part) => timeZoneRequest(part)),
    ];
  }

  /**
   * One more batch when someone is overdue after this refresh (or nothing was ever asked: the
   * first refresh knows nobody beforehand): everyone due, calendars first, at most 50 commands.
   * Empty when nothing is overdue.
   */
  followUp(ids: readonly number[], now: number): ExtraRequest[] {
    if (!this.calendars.overdue(ids, now) && !this.zones.overdue(ids, now)) return [];
    const calendar = chunk(this.calendars.due(ids, now), CALENDAR_CHUNK).slice(
      0,
      MAX_BATCH_COMMANDS,
    );
    const zones = chunk(this.zones.due(ids, now), TIME_ZONE_CHUNK).slice(
      0,
      MAX_BATCH_COMMANDS - calendar.length,
    );
    return [
      ...calendar.map((part) => calendarRequest(part, now)),
      ...zones.map((part) => timeZoneRequest(part)),
    ];
  }

  /** The answers of one refresh (the spare commands' and a follow-up's), read at `now`. */
  record(answers: readonly ExtraAnswer[], now: number): void {
    for (const answer of answers) {
      const { kind, ids } = answer.request;
      this.rotation(kind).sent(ids, now);
      if (answer.error) {
        this.failed(kind, answer.error, now);
        continue;
      }
      this.rotation(kind).limitedInRow = 0;
      if (kind === 'calendar') this.calendarAnswer(answer.result, now);
      else this.zoneAnswer(answer.result, ids);
    }
  }

  /** The person's blocks, the same array while they are the same; null when not known or too old. */
  calendarOf(id: number, now: number): readonly CalendarBlock[] | null {
    const known = this.blocks.get(id);
    return known !== undefined && now - known.at < CALENDAR_KEPT_MS ? known.blocks : null;
  }

  timeZoneOf(id: number): string | null {
    return this.zoneOf.get(id) ?? null;
  }

  /** `known` with this portal's calendar and time-zone reports, or `known` itself when they agree. */
  reportsInto(known: PortalReports): PortalReports {
    const { calendar, timeZones } = this.answered;
    return known.calendar === calendar && known.timeZones === timeZones
      ? known
      : { ...known, calendar, timeZones };
  }

  private rotation(kind: ExtraKind): Rotation {
    return kind === 'calendar' ? this.calendars : this.zones;
  }

  private failed(kind: ExtraKind, error: B24Error, now: number): void {
    const rotation = this.rotation(kind);
    if (unavailable(error)) {
      rotation.blockedUntil = now + UNAVAILABLE_RETRY_MS;
      this.answered = { ...this.answered, [kind]: false };
      if (kind === 'calendar') this.blocks.clear();
      else this.zoneOf.clear();
    } else if (error.kind === 'operation-time-limited') {
      rotation.limitedInRow += 1;
      rotation.blockedUntil = Math.max(
        rotation.blockedUntil,
        now + (nextRetryDelay(error, rotation.limitedInRow, now) ?? CALENDAR_PERIOD_MS),
      );
    }
    // Anything else: the people wait for their next turn, their last blocks kept meanwhile.
  }

  private calendarAnswer(result: unknown, now: number): void {
    const parsed = this.parse(result, { format: this.format, userZones: this.zoneOf });
    this.format = parsed.format ?? this.format;
    this.skipped += parsed.skipped;
    this.answered = this.answered.calendar ? this.answered : { ...this.answered, calendar: true };
    for (const [id, blocks] of parsed.blocks) {
      const before = this.blocks.get(id);
      // The same array while the blocks are the same: the model and the diff compare by identity.
      this.blocks.set(id, {
        blocks: before !== undefined && sameBlocks(before.blocks, blocks) ? before.blocks : blocks,
        at: now,
      });
    }
  }

  private zoneAnswer(result: unknown, ids: readonly number[]): void {
    this.answered = this.answered.timeZones ? this.answered : { ...this.answered, timeZones: true };
    for (const [id, zone] of parseTimeZones(result, ids)) this.zoneOf.set(id, zone);
  }
}
