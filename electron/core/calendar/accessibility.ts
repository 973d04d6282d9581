/**
 * `calendar.accessibility.get` answer → merged busy blocks per user id. The facts it relies on
 * are in /work/shared/docs/bitrix24-rest.md, "Who can be reached, and when"; the choices made
 * where they leave room are in this folder's README.
 *
 * Two passes: the first checks every entry and splits its dates into numbers while gathering
 * evidence of the portal's date order; the second, with the order decided, turns the numbers
 * into instants. Nothing here throws on what the portal sends: a bad entry is skipped and counted.
 */
import { mergeBlocks, type CalendarBlock, type CalendarKind } from '../../shared/calendar.js';
import {
  DAY_MS,
  clockOf,
  orderOf,
  siteDateFormat,
  splitSiteDate,
  wallMs,
  type SiteClock,
  type SiteDateFormat,
  type SiteDateOrder,
  type WrittenDate,
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

/** `free` never comes back from the server; any value not here is skipped. */
const KIND_BY_ACCESSIBILITY: ReadonlyMap<unknown, CalendarKind> = new Map<unknown, CalendarKind>([
  ['busy', 'meeting'],
  ['quest', 'tentative'],
  ['absent', 'out-of-office'],
]);
const CHART_KIND: CalendarKind = 'out-of-office';

const USER_ID = /^[1-9][0-9]{0,15}$/;
const UNIX_SECONDS = /^-?[0-9]{1,12}$/;
/**
 * How far a written date may be from the timestamp sent with it and still agree with it: the
 * timestamp is the real instant (or a chart date's midnight in the server's zone, or an all-day
 * entry's end of day), the written date wall time in some zone. Reading the date in the wrong
 * order moves it by at least 27 days, so two days tell the orders apart without knowing the zone.
 */
const AGREEMENT_MS = 2 * DAY_MS;
/** Once one order leads by this many entries, more evidence would not change the decision. */
const DECISIVE_LEAD = 32;

const TRUE_FLAGS: ReadonlySet<unknown> = new Set<unknown>([true, 'true', 'Y', 1, '1']);

function unixMs(value: unknown): number {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value * 1000 : NaN;
  if (typeof value === 'string' && UNIX_SECONDS.test(value)) return Number(value) * 1000;
  return NaN;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An entry that passed the first pass; its dates are read once the order is known. */
interface Pending {
  readonly user: number;
  readonly kind: CalendarKind;
  /** `from` is a first day (the block starts at its midnight). */
  readonly fromDayOnly: boolean;
  /** `to` is a last day, inclusive (the block ends at the next midnight). */
  readonly toDayOnly: boolean;
  readonly from: WrittenDate | null;
  readonly to: WrittenDate | null;
  readonly zoneFrom: Zone;
  readonly zoneTo: Zone;
  /** Chart records: the instants sent with the dates (NaN when absent), preferred over the dates. */
  readonly fromInstant: number;
  readonly untilInstant: number;
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
    if (Math.abs(this.dayFirst - this.monthFirst) >= DECISIVE_LEAD) return;
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
    const dmyAgrees = Math.abs(fromDmy - fromMs) <= AGREEMENT_MS && Math.abs(toDmy - toMs) <= AGREEMENT_MS;
    const mdyAgrees = Math.abs(fromMdy - fromMs) <= AGREEMENT_MS && Math.abs(toMdy - toMs) <= AGREEMENT_MS;
    if (dmyAgrees && !mdyAgrees) this.dayFirst++;
    else if (mdyAgrees && !dmyAgrees) this.monthFirst++;
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
function instantOf(date: WrittenDate, order: SiteDateOrder | null, zone: Zone, dayOnly: boolean, dayAfter: boolean): number {
  if (!dayOnly) return wallToInstant(zone, resolveWall(date, order, true));
  const midnight = resolveWall(date, order, false);
  return wallToInstant(zone, dayAfter ? midnight + DAY_MS : midnight);
}

function blockOf(entry: Pending, order: SiteDateOrder | null): CalendarBlock | null {
  const from = Number.isNaN(entry.fromInstant) ? instantOf(entry.from!, order, entry.zoneFrom, entry.fromDayOnly, false) : entry.fromInstant;
  const until = Number.isNaN(entry.untilInstant) ? instantOf(entry.to!, order, entry.zoneTo, entry.toDayOnly, true) : entry.untilInstant;
  if (Number.isNaN(from) || Number.isNaN(until) || until < from) return null;
  return { kind: entry.kind, from, until };
}

/** Reads one answer. Never throws on what the portal sent: the unreadable is skipped and counted. */
export function parseAccessibility(result: unknown, context: AccessibilityContext): ParsedAccessibility {
  const blocks = new Map<number, CalendarBlock[]>();
  const known = context.format;
  if (typeof result !== 'object' || result === null) return { blocks, skipped: 1, format: known };

  const fallback = zoneNamed(context.fallbackZone) ?? UTC_ZONE;
  const evidence = new FormatEvidence();
  const pending: Pending[] = [];
  let skipped = 0;

  const userIds = Object.keys(result);
  for (const key of userIds) {
    const list: unknown = (result as Record<string, unknown>)[key];
    if (!USER_ID.test(key) || !Number(key) || !Number.isSafeInteger(Number(key))) {
      skipped++;
      continue;
    }
    const entries = Array.isArray(list) ? list : isRecord(list) ? Object.values(list) : null;
    if (!entries) {
      skipped++;
      continue;
    }
    const user = Number(key);
    blocks.set(user, []);
    const userZone = zoneNamed(context.userZones?.get(user)) ?? fallback;
    for (let i = 0; i < entries.length; i++) {
      const entry = readEntry(entries[i], user, userZone, evidence);
      if (entry) pending.push(entry);
      else skipped++;
    }
  }

  const order = evidence.order(known ? orderOf(known) : null);
  const format = order ? siteDateFormat(order, evidence.clock(known ? clockOf(known) : null)) : known;
  for (const entry of pending) {
    const block = blockOf(entry, order);
    if (block) blocks.get(entry.user)!.push(block);
    else skipped++;
  }
  for (const [user, list] of blocks) blocks.set(user, mergeBlocks(list));
  return { blocks, skipped, format };
}

/** First pass over one entry: its shape checked, its dates split, its evidence noted; null to skip it. */
function readEntry(raw: unknown, user: number, userZone: Zone, evidence: FormatEvidence): Pending | null {
  if (!isRecord(raw)) return null;
  if (TRUE_FLAGS.has(raw['FROM_HR'])) return readChartRecord(raw, user, userZone, evidence);

  const kind = KIND_BY_ACCESSIBILITY.get(raw['ACCESSIBILITY']);
  if (!kind) return null;
  const from = splitSiteDate(raw['DATE_FROM']);
  const to = splitSiteDate(raw['DATE_TO']);
  if (!from || !to) return null;
  const allDay = TRUE_FLAGS.has(raw['DT_SKIP_TIME']);
  const tzFrom = raw['TZ_FROM'];
  const tzTo = raw['TZ_TO'];
  let zoneFrom: Zone | null;
  let zoneTo: Zone | null;
  if (allDay) {
    // An all-day entry often has no zone: its days are its owner's.
    zoneFrom = isBlank(tzFrom) ? userZone : zoneNamed(tzFrom);
    zoneTo = isBlank(tzTo) ? zoneFrom : zoneNamed(tzTo);
  } else {
    // A timed entry without a zone has no instant: better unknown than hours off.
    zoneFrom = zoneNamed(tzFrom);
    zoneTo = isBlank(tzTo) ? zoneFrom : zoneNamed(tzTo);
  }
  if (!zoneFrom || !zoneTo) return null;
  evidence.see(from);
  evidence.see(to);
  evidence.vote(from, unixMs(raw['DATE_FROM_TS_UTC']), to, unixMs(raw['DATE_TO_TS_UTC']));
  return { user, kind, fromDayOnly: allDay, toDayOnly: allDay, from, to, zoneFrom, zoneTo, fromInstant: NaN, untilInstant: NaN };
}

/**
 * An absence-chart record: `FROM`/`TO` are the instants of `DT_FROM`/`DT_TO` (a day-only `DT_TO`
 * is the last day, so the block runs a day past its midnight); the dates are read only when a
 * timestamp is missing, in the owner's zone.
 */
function readChartRecord(raw: Record<string, unknown>, user: number, userZone: Zone, evidence: FormatEvidence): Pending | null {
  const from = splitSiteDate(raw['DT_FROM']);
  const to = splitSiteDate(raw['DT_TO']);
  const fromMs = unixMs(raw['FROM']);
  const toMs = unixMs(raw['TO']);
  // DT_TO says whether TO is a last day or an end time: without it TO means nothing.
  if (!to || (!from && Number.isNaN(fromMs))) return null;
  if (from) {
    evidence.see(from);
    evidence.see(to);
    evidence.vote(from, fromMs, to, toMs);
  }
  const toDayOnly = !to.hasTime;
  return {
    user,
    kind: CHART_KIND,
    fromDayOnly: from ? !from.hasTime : false,
    toDayOnly,
    from,
    to,
    zoneFrom: userZone,
    zoneTo: userZone,
    fromInstant: fromMs,
    untilInstant: Number.isNaN(toMs) ? NaN : toDayOnly ? toMs + DAY_MS : toMs,
  };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
