/**
 * Who can be reached, and when: a colleague's calendar as the panel, the tray, the CLI and the
 * alerts read it. The portal has no "in a meeting now" flag; the engine turns its calendar
 * entries into merged blocks once per fetch, and everyone derives "now" from those blocks at
 * their own moment, so "until 15:30" ends at 15:30 and not at the next fetch.
 */

/** Strongest first: a merged block takes the strongest kind inside it. */
export const CALENDAR_KINDS = ['out-of-office', 'meeting', 'tentative'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** One busy stretch (epoch ms, `until` exclusive). Back-to-back or overlapping entries are one block. */
export interface CalendarBlock {
  readonly kind: CalendarKind;
  readonly from: number;
  readonly until: number;
}

/** The kinds that make a person unreachable; a tentative invitation may yet be declined. */
export const BLOCKING_CALENDAR_KINDS = [
  'out-of-office',
  'meeting',
] as const satisfies readonly CalendarKind[];
const BLOCKING_KINDS: ReadonlySet<CalendarKind> = new Set<CalendarKind>(BLOCKING_CALENDAR_KINDS);

function stronger(a: CalendarKind, b: CalendarKind): CalendarKind {
  return CALENDAR_KINDS.indexOf(a) <= CALENDAR_KINDS.indexOf(b) ? a : b;
}

/**
 * Entries in any order → ascending blocks that neither overlap nor touch: when one ends as the
 * next begins, the person is not free in between. Empty or inverted entries are dropped.
 */
export function mergeBlocks(entries: readonly CalendarBlock[]): CalendarBlock[] {
  const sorted = entries
    .filter((e) => e.until > e.from)
    .sort((a, b) => a.from - b.from || a.until - b.until);
  const merged: CalendarBlock[] = [];
  for (const entry of sorted) {
    const last = merged.at(-1);
    if (last && entry.from <= last.until) {
      merged[merged.length - 1] = {
        kind: stronger(last.kind, entry.kind),
        from: last.from,
        until: Math.max(last.until, entry.until),
      };
    } else {
      merged.push({ kind: entry.kind, from: entry.from, until: entry.until });
    }
  }
  return merged;
}

export interface CalendarMoment {
  /** The block covering the moment (`from <= now < until`), or null. */
  readonly now: CalendarBlock | null;
  /** The first block starting after the moment, or null. */
  readonly next: CalendarBlock | null;
}

const NOTHING: CalendarMoment = { now: null, next: null };

/** What the calendar says at `now`; `blocks` ascending and merged (as `mergeBlocks` leaves them). */
export function calendarAt(blocks: readonly CalendarBlock[] | null, now: number): CalendarMoment {
  if (!blocks) return NOTHING;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.until <= now) continue;
    if (block.from <= now) return { now: block, next: blocks[i + 1] ?? null };
    return { now: null, next: block };
  }
  return NOTHING;
}

/** In a meeting or out of office at `now` (a tentative invitation does not count). */
export function isBlockedAt(blocks: readonly CalendarBlock[] | null, now: number): boolean {
  const current = calendarAt(blocks, now).now;
  return current !== null && BLOCKING_KINDS.has(current.kind);
}
