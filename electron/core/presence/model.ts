import type { RawUser } from '../bitrix/types.js';
import type { Colleague, Presence } from '../domain.js';
import { atomDateIfNotPast, parseAtom } from './dates.js';
import { safeAvatarUrl, safeColor } from './sanitize.js';

/**
 * Raw Bitrix24 user → Colleague, following Bitrix's own messenger rules (IM module, CIMStatus;
 * see docs/bitrix24-rest.md "Deriving presence"). Pure and cheap: it runs for every person on
 * every poll.
 *
 * Presence precedence: offline (no last activity, or older than the online limit) → idle →
 * mobile → online. Decisions where the notes leave room:
 * - Idle counts only while the desktop messenger is running (Bitrix reports idle only then). A
 *   stale idle date next to an old `desktop_last_date` (the app crashed while idle) is ignored.
 *   When a portal does not send `desktop_last_date` at all, the idle date is trusted as is.
 * - Mobile: `mobile_last_date` newer than the online limit and less than 300 s away from
 *   `last_activity_date` (either side: the data carries no promise which one is later).
 * - Boundaries are strict as in Bitrix: online while `now - last < limit`, desktop while
 *   `desktop_last_date + 180 s > now`.
 * - Any date that is missing, malformed or offset-less (see dates.ts) degrades only its own
 *   field: a bad `mobile_last_date` just means "not mobile".
 * - Leave: `absent` is the last day of leave; kept as YYYY-MM-DD (the date as the portal wrote
 *   it) while that day is today or later in the portal's offset, else null.
 * - Name: `name`, else first + last, else `#id` (language-neutral, so alerts never say " is online").
 */

/** The mobile app counts while its last sign of life is this close to the last activity. */
export const MOBILE_ACTIVITY_WINDOW_MS = 300_000;
/** Bitrix: desktop_last_date + 120 s + 60 s > now. */
export const DESKTOP_ALIVE_MS = 180_000;

export interface ModelOptions {
  /** The portal's online limit (PHP session lifetime) in seconds. */
  readonly onlineLimitSec: number;
}

function trimmed(value: string | undefined): string {
  return value === undefined ? '' : value.trim();
}

function displayName(raw: RawUser, firstName: string, lastName: string): string {
  const name = trimmed(raw.name);
  if (name) return name;
  const joined = firstName && lastName ? `${firstName} ${lastName}` : firstName || lastName;
  return joined || `#${raw.id}`;
}

/** The dates presence is derived from, as a user object carries them. */
export type PresenceDateFields = Pick<RawUser, 'last_activity_date' | 'mobile_last_date' | 'desktop_last_date' | 'idle'>;

export interface DerivedPresence {
  readonly presence: Presence;
  readonly presenceSince: number | null;
  readonly lastActivity: number | null;
  /** The desktop messenger is running. */
  readonly desktop: boolean;
}

/**
 * Bitrix24's rules (see the API notes), in one place: the app derives presence with it, and
 * the demo portal shapes its people's dates with it, so the two can never disagree.
 */
export function derivePresence(fields: PresenceDateFields, now: number, onlineLimitSec: number): DerivedPresence {
  const limitMs = onlineLimitSec * 1000;
  const lastActivity = parseAtom(fields.last_activity_date);
  const desktopLast = parseAtom(fields.desktop_last_date);
  const desktop = desktopLast !== null && desktopLast + DESKTOP_ALIVE_MS > now;
  if (lastActivity === null || now - lastActivity >= limitMs) {
    return { presence: 'offline', presenceSince: lastActivity, lastActivity, desktop };
  }
  const idle = fields.idle ? parseAtom(fields.idle) : null;
  if (idle !== null && (desktop || fields.desktop_last_date === undefined)) {
    return { presence: 'idle', presenceSince: idle, lastActivity, desktop };
  }
  const mobileLast = fields.mobile_last_date ? parseAtom(fields.mobile_last_date) : null;
  const mobile = mobileLast !== null && now - mobileLast < limitMs && Math.abs(lastActivity - mobileLast) < MOBILE_ACTIVITY_WINDOW_MS;
  return { presence: mobile ? 'mobile' : 'online', presenceSince: null, lastActivity, desktop };
}

export function toColleague(raw: RawUser, now: number, options: ModelOptions): Colleague {
  const { presence, presenceSince, lastActivity, desktop } = derivePresence(raw, now, options.onlineLimitSec);

  const firstName = trimmed(raw.first_name);
  const lastName = trimmed(raw.last_name);
  const status = raw.status ? raw.status : 'online';
  return {
    id: raw.id,
    name: displayName(raw, firstName, lastName),
    firstName,
    lastName,
    position: trimmed(raw.work_position),
    departments: raw.departments ? raw.departments.slice() : [],
    avatar: safeAvatarUrl(raw.avatar) ?? safeAvatarUrl(raw.avatar_hr),
    color: safeColor(raw.color),
    presence,
    presenceSince,
    lastActivity,
    desktop,
    status,
    absentUntil: raw.absent ? atomDateIfNotPast(raw.absent, now) : null,
    bot: raw.bot === true,
    extranet: raw.extranet === true,
  };
}

/** Models a whole poll. */
export function toColleagues(raws: readonly RawUser[], now: number, options: ModelOptions): Colleague[] {
  const out = new Array<Colleague>(raws.length);
  for (let i = 0; i < raws.length; i++) out[i] = toColleague(raws[i] as RawUser, now, options);
  return out;
}
