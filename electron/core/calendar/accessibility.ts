/**
 * `calendar.accessibility.get` answer → merged busy blocks per user id. The facts it relies on
 * are in /work/shared/docs/bitrix24-rest.md, "Who can be reached, and when"; the choices made
 * where they leave room are in this folder's README.
 *
 * One pass reads every entry in the order known so far while gathering evidence of the portal's
 * date order; only when this answer decides another order (the first answer of a session, or a
 * portal whose format was changed) is it read again in that order. Each date is split once, by
 * char codes, into a scratch `WrittenDate`; the zone turns its wall time into an instant with one
 * subtraction on a day with no DST change near (see zones.ts). Nothing here throws on what the
 * portal sends: a bad entry is skipped and counted.
 */
import { mergeBlocks, type CalendarBlock, type CalendarKind } from '../../shared/calendar.js';
import { DAY_MS } from '../../shared/time-units.js';
import {
  WrittenDate,
  clockOf,
  orderOf,
  siteDateFormat,
  splitSiteDate,
  wallMs,
  type SiteClock,
  type SiteDateFormat,
  type SiteDateOrder,
} from './site-date.js';
import { UTC_ZONE, wallToInstant, zoneNamed, type Zone } from './zones.js';

export type { SiteDateFormat } from './site-date.js';

export interface AccessibilityContext {
  /** The portal's site date format as learnt so far (`ParsedAccessibility.format` of the last answer), or null. */
  readonly format: SiteDateFormat | null;
  /**
   * The zone whose days an entry without a zone of its own is read in (all-day entries without
   * `TZ_FROM`, chart records without `FROM`/`TO`) when `userZones` has none for its owner: pass
   * the viewer's zone, the best stand-in for the portal's (which no REST method tells). Null,
   * empty or unknown to Intl: UTC.
   */
  readonly fallbackZone?: string | null;
  /** Each person's own zone (`user.get`'s TIME_ZONE), preferred over `fallbackZone` for their entries. */
  readonly userZones?: ReadonlyMap<number, string | null>;
}

export interface ParsedAccessibility {
  /** Per user id of the answer (ascending merged blocks; `[]` = nothing busy). A user whose list was no list is left out. */
  readonly blocks: Map<number, CalendarBlock[]>;
  /** Entries dropped as unreadable, plus user lists dropped whole (a key that is no user id, a value that is no list). */
  readonly skipped: number;
  /** The site date format known after this answer: pass it back as `context.format` next time. */
  readonly format: SiteDateFormat | null;
}

/** An entry's ACCESSIBILITY → its kind; `free` never comes back from the server, anything else is skipped. */
function kindOf(accessibility: unknown): CalendarKind | null {
  switch (accessibility) {
    case 'busy':
      return 'meeting';
    case 'quest':
      return 'tentative';
    case 'absent':
      return 'out-of-office';
    default:
      return null;
  }
}
const CHART_KIND: CalendarKind = 'out-of-office';

/** Longer keys are beyond safe integers, so no user id. */
const MAX_USER_ID_DIGITS = 16;

/** A key of the answer → its user id (a positive safe integer without leading zeros), or 0. */
function userIdOf(key: string): number {
  if (key.length === 0 || key.length > MAX_USER_ID_DIGITS || key.charCodeAt(0) === 48 /* 0 */)
    return 0;
  let id = 0;
  for (let i = 0; i < key.length; i++) {
    const digit = key.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return 0;
    id = id * 10 + digit;
  }
  return Number.isSafeInteger(id) ? id : 0;
}
/** Twelve digits reach the year 33,000; longer strings are junk. */
const MAX_UNIX_DIGITS = 13;
/**
 * How far a written date may be from the timestamp sent with it and still agree with it: the
 * timestamp is the real instant (or a chart date's midnight in the server's zone, or an all-day
 * entry's end of day), the written date wall time in some zone. Reading the date in the wrong
 * order moves it by at least 27 days, so two days tell the orders apart without knowing the zone.
 */
const AGREEMENT_MS = 2 * DAY_MS;
/** Once one order leads by this many entries, more evidence would not change the decision. */
const DECISIVE_LEAD = 32;

/** Flags come as booleans, `Y`/`N`, or 1/0 and their strings. */
function isSet(flag: unknown): boolean {
  return flag === true || flag === 'Y' || flag === 'true' || flag === 1 || flag === '1';
}

/** Unix seconds, as a number or a string of digits (portals send both), → ms; NaN for anything else. */
function unixMs(value: unknown): number {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value * 1000 : NaN;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_UNIX_DIGITS) return NaN;
  let seconds = 0;
  for (let i = value.charCodeAt(0) === 45 /* - */ ? 1 : 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    seconds = seconds * 10 + digit;
  }
  return value.length === 1 && value.charCodeAt(0) === 45
    ? NaN
    : (value.charCodeAt(0) === 45 ? -seconds : seconds) * 1000;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Evidence of the portal's date order and clock, gathered over one answer. */
class FormatEvidence {
  dayFirst = 0;
  monthFirst = 0;
  yearFirstSeen = false;
  dayMonthSeen = false;
  /** Every date seen with day and month (either order) used dots: day-first in every Bitrix24 language. */
  allDotted = true;
  twelveHour = false;
  twentyFourHour = false;

  reset(): this {
    this.dayFirst = 0;
    this.monthFirst = 0;
    this.yearFirstSeen = false;
    this.dayMonthSeen = false;
    this.allDotted = true;
    this.twelveHour = false;
    this.twentyFourHour = false;
    return this;
  }

  see(date: WrittenDate): void {
    if (date.hasTime) {
      if (date.meridiem) this.twelveHour = true;
      else this.twentyFourHour = true;
    }
    if (date.yearFirst) {
      this.yearFirstSeen = true;
      return;
    }
    this.dayMonthSeen = true;
    if (!date.dotted) this.allDotted = false;
  }

  /**
   * One entry's dates, each with the timestamp sent with it (NaN when none): a date that one
   * order cannot read votes for the other; otherwise the entry votes when every date with a
   * timestamp agrees with it in one order only. A recurring occurrence's series timestamps agree
   * with neither and so do not vote.
   */
  vote(from: WrittenDate, fromMs: number, to: WrittenDate, toMs: number): void {
    if (from.yearFirst || to.yearFirst) return;
    const fromDmy = wallMs(from, 'DMY');
    const fromMdy = wallMs(from, 'MDY');
    const toDmy = wallMs(to, 'DMY');
    const toMdy = wallMs(to, 'MDY');
    const dmyReads = !Number.isNaN(fromDmy) && !Number.isNaN(toDmy);
    const mdyReads = !Number.isNaN(fromMdy) && !Number.isNaN(toMdy);
    if (dmyReads !== mdyReads) {
      if (dmyReads) this.dayFirst++;
      else this.monthFirst++;
      return;
    }
    if (!dmyReads || Number.isNaN(fromMs) || Number.isNaN(toMs)) return;
    const dmyAgrees =
      Math.abs(fromDmy - fromMs) <= AGREEMENT_MS && Math.abs(toDmy - toMs) <= AGREEMENT_MS;
    const mdyAgrees =
      Math.abs(fromMdy - fromMs) <= AGREEMENT_MS && Math.abs(toMdy - toMs) <= AGREEMENT_MS;
    if (dmyAgrees && !mdyAgrees) this.dayFirst++;
    else if (mdyAgrees && !dmyAgrees) this.monthFirst++;
  }

  /** Enough seen: more entries would change neither the order nor the clock, so they need not be looked at. */
  get settled(): boolean {
    return (
      Math.abs(this.dayFirst - this.monthFirst) >= DECISIVE_LEAD &&
      (this.twelveHour || this.twentyFourHour)
    );
  }

  /** This answer's evidence first, then what was learnt before, then the dots; null when nothing tells. */
  order(known: SiteDateOrder | null): SiteDateOrder | null {
    if (this.dayFirst !== this.monthFirst) return this.dayFirst > this.monthFirst ? 'DMY' : 'MDY';
    if (!this.dayMonthSeen) return this.yearFirstSeen ? 'YMD' : known;
    if (known === 'DMY' || known === 'MDY') return known;
    return this.allDotted ? 'DMY' : null;
  }

  clock(known: SiteClock | null): SiteClock {
    if (this.twelveHour) return '12';
    if (this.twentyFourHour) return '24';
    return known ?? '24';
  }
}

/**
 * Wall-clock ms of a date in `order`; with the order unknown, only a date that reads the same
 * (or reads at all) in one order only.
 */
function resolveWall(date: WrittenDate, order: SiteDateOrder | null, withTime: boolean): number {
  if (order !== null || date.yearFirst) return wallMs(date, order ?? 'YMD', withTime);
  const dmy = wallMs(date, 'DMY', withTime);
  const mdy = wallMs(date, 'MDY', withTime);
  if (Number.isNaN(dmy)) return mdy;
  if (Number.isNaN(mdy) || dmy === mdy) return dmy;
  return NaN;
}

/** The instant `date` stands for in `zone`: its midnight, or the next day's (`dayAfter`), when `dayOnly`. */
function instantOf(
  date: WrittenDate,
  order: SiteDateOrder | null,
  zone: Zone,
  dayOnly: boolean,
  dayAfter: boolean,
): number {
  if (!dayOnly) return wallToInstant(zone, resolveWall(date, order, true));
  const midnight = resolveWall(date, order, false);
  return wallToInstant(zone, dayAfter ? midnight + DAY_MS : midnight);
}

/** Reads one answer. Never throws on what the portal sent: the unreadable is skipped and counted. */
export function parseAccessibility(
  result: unknown,
  context: AccessibilityContext,
): ParsedAccessibility {
  const known = context.format;
  if (typeof result !== 'object' || result === null)
    return { blocks: new Map(), skipped: 1, format: known };
  const knownOrder = known ? orderOf(known) : null;
  const evidence = FIRST_EVIDENCE.reset();
  let read = READER.read(result, context, knownOrder, evidence);
  const order = evidence.order(knownOrder);
  if (order !== knownOrder) read = READER.read(result, context, order, SECOND_EVIDENCE.reset());
  const format = order
    ? siteDateFormat(order, evidence.clock(known ? clockOf(known) : null))
    : known;
  return { blocks: read.blocks, skipped: read.skipped, format };
}

const NO_CONTEXT: AccessibilityContext = { format: null };

/**
 * Reads an answer in one order (null: only dates that read the same in both). One reader serves
 * every call (reading is synchronous): its objects, and so their hidden classes, outlive each
 * fetch, so the optimised code that embeds those classes is not thrown away at every collection.
 */
class AnswerReader {
  private context: AccessibilityContext = NO_CONTEXT;
  private order: SiteDateOrder | null = null;
  private evidence = new FormatEvidence();
  private fallback: Zone = UTC_ZONE;
  // Every entry's two dates are split into these: nothing is kept past the entry.
  private readonly from = new WrittenDate();
  private readonly to = new WrittenDate();
  private skipped = 0;

  read(
    result: object,
    context: AccessibilityContext,
    order: SiteDateOrder | null,
    evidence: FormatEvidence,
  ): { blocks: Map<number, CalendarBlock[]>; skipped: number } {
    this.context = context;
    this.order = order;
    this.evidence = evidence;
    this.fallback = zoneNamed(context.fallbackZone) ?? UTC_ZONE;
    this.skipped = 0;
    const blocks = new Map<number, CalendarBlock[]>();
    for (const key of Object.keys(result)) {
      const list: unknown = (result as Record<string, unknown>)[key];
      const user = userIdOf(key);
      const entries = Array.isArray(list) ? list : isRecord(list) ? Object.values(list) : null;
      if (!Number.isSafeInteger(user) || user === 0 || !entries) {
        this.skipped++;
        continue;
      }
      const userZone = zoneNamed(this.context.userZones?.get(user)) ?? this.fallback;
      const found: CalendarBlock[] = [];
      for (let i = 0; i < entries.length; i++) {
        const block = this.readEntry(entries[i], userZone);
        if (block) found.push(block);
        else this.skipped++;
      }
      blocks.set(user, mergeBlocks(found));
    }
    this.context = NO_CONTEXT; // the caller's zones are not kept past the call
    return { blocks, skipped: this.skipped };
  }

  /** One entry → its block, or null to skip it. */
  private readEntry(raw: unknown, userZone: Zone): CalendarBlock | null {
    if (!isRecord(raw)) return null;
    if (isSet(raw['FROM_HR'])) return this.readChartRecord(raw, userZone);
    const kind = kindOf(raw['ACCESSIBILITY']);
    const textFrom = raw['DATE_FROM'];
    const textTo = raw['DATE_TO'];
    if (!kind || typeof textFrom !== 'string' || typeof textTo !== 'string') return null;
    const allDay = isSet(raw['DT_SKIP_TIME']);
    const tzFrom = raw['TZ_FROM'];
    const tzTo = raw['TZ_TO'];
    // An all-day entry often has no zone: its days are its owner's. A timed entry without one
    // has no instant: better unknown than hours off.
    const zoneFrom = allDay && isBlank(tzFrom) ? userZone : zoneNamed(tzFrom);
    const zoneTo = isBlank(tzTo) ? zoneFrom : zoneNamed(tzTo);
    if (!zoneFrom || !zoneTo) return null;
    const { evidence, from, to } = this;
    if (!splitSiteDate(textFrom, from) || !splitSiteDate(textTo, to)) return null;
    if (!evidence.settled) {
      evidence.see(from);
      evidence.see(to);
      evidence.vote(from, unixMs(raw['DATE_FROM_TS_UTC']), to, unixMs(raw['DATE_TO_TS_UTC']));
    }
    // Never the *_TS_UTC fields: for a recurring occurrence they are the series'.
    const start = instantOf(from, this.order, zoneFrom, allDay, false);
    let end = instantOf(to, this.order, zoneTo, allDay, true);
    // An hour that the autumn change repeats, written 02:00–02:00: the end is the second 02:00.
    if (!allDay && end <= start)
      end = wallToInstant(zoneTo, resolveWall(to, this.order, true), 'later');
    return blockOf(kind, start, end);
  }

  /**
   * An absence-chart record: `FROM`/`TO` are the instants of `DT_FROM`/`DT_TO` (a day-only `DT_TO`
   * is the last day, so the block runs a day past its midnight); the dates are read only when a
   * timestamp is missing, in the owner's zone.
   */
  private readChartRecord(raw: Record<string, unknown>, userZone: Zone): CalendarBlock | null {
    const { from, to } = this;
    const hasFrom = splitSiteDate(raw['DT_FROM'], from);
    // DT_TO says whether TO is a last day or an end time: without it TO means nothing.
    if (!splitSiteDate(raw['DT_TO'], to)) return null;
    const fromMs = unixMs(raw['FROM']);
    const toMs = unixMs(raw['TO']);
    if (hasFrom) {
      this.evidence.see(from);
      this.evidence.see(to);
      this.evidence.vote(from, fromMs, to, toMs);
    }
    const start = Number.isNaN(fromMs)
      ? hasFrom
        ? instantOf(from, this.order, userZone, !from.hasTime, false)
        : NaN
      : fromMs;
    const end = Number.isNaN(toMs)
      ? instantOf(to, this.order, userZone, !to.hasTime, true)
      : to.hasTime
        ? toMs
        : toMs + DAY_MS;
    return blockOf(CHART_KIND, start, end);
  }
}

const READER = new AnswerReader();
// The first reading gathers the evidence that decides the order; a second one gathers its own.
const FIRST_EVIDENCE = new FormatEvidence();
const SECOND_EVIDENCE = new FormatEvidence();

function blockOf(kind: CalendarKind, from: number, until: number): CalendarBlock | null {
  if (Number.isNaN(from) || Number.isNaN(until) || until < from) return null;
  return { kind, from, until };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
