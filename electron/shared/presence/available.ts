import {
  BLOCKING_CALENDAR_KINDS,
  isBlockedAt,
  type CalendarBlock,
  type CalendarKind,
} from '../calendar.js';
import type { Colleague, Presence } from '../domain.js';

/**
 * Who is "available now": active at a computer or on the phone. A "back" alert is still true
 * while the person is (alerts), and reachability (below) starts from it.
 */
export const AVAILABLE_PRESENCES = ['online', 'mobile'] as const satisfies readonly Presence[];

const AVAILABLE: ReadonlySet<Presence> = new Set(AVAILABLE_PRESENCES);

export function isAvailableNow(presence: Presence): boolean {
  return AVAILABLE.has(presence);
}

/**
 * Who the bell ("tell me once") waits for: available, and out of any meeting or out-of-office
 * block covering `now` (a tentative invitation does not hold anyone back). Notify-once answers
 * "already" for them (app-service) and fires when someone becomes so (engine); the panel's
 * browser-test fake is handed `REACHABLE_RULES` and answers the same.
 */
export function isReachableNow(
  person: Pick<Colleague, 'presence' | 'calendar'>,
  now: number,
): boolean {
  return isAvailableNow(person.presence) && !isBlockedAt(person.calendar, now);
}

/** The data behind `isReachableNow`, for code that cannot import it (the fake bridge's init script). */
export const REACHABLE_RULES = {
  availablePresences: AVAILABLE_PRESENCES,
  blockingKinds: BLOCKING_CALENDAR_KINDS,
} as const satisfies {
  readonly availablePresences: readonly Presence[];
  readonly blockingKinds: readonly CalendarKind[];
};

type BlockingKind = (typeof BLOCKING_CALENDAR_KINDS)[number];

function isBlocking(kind: CalendarKind): kind is BlockingKind {
  return (BLOCKING_CALENDAR_KINDS as readonly CalendarKind[]).includes(kind);
}

/**
 * The kind of the last blocking block that ended after `since` and by `now`, for the bell's
 * "free: her meeting ended"; null when nothing held the person back since then.
 */
export function blockEndedSince(
  calendar: readonly CalendarBlock[] | null,
  since: number,
  now: number,
): BlockingKind | null {
  if (!calendar || isBlockedAt(calendar, now)) return null;
  let ended: BlockingKind | null = null;
  for (const block of calendar) {
    if (block.until > now) break;
    if (block.until > since && isBlocking(block.kind)) ended = block.kind;
  }
  return ended;
}
