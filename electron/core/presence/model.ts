import type { RawUser } from '../bitrix/types.js';
import type { Colleague, Presence } from '../../shared/domain.js';
import { lastDayOffIfNotOver, parseAtom } from './dates.js';
import { safeAvatarUrl, safeColor } from './sanitize.js';

/**
 * Raw Bitrix24 user → Colleague, following the Bitrix24 messenger's own rules as they apply to
 * what a portal really sends (docs/bitrix24-rest.md, "What current Bitrix24 portals really send"
 * and "Deriving presence"). Pure and cheap: it runs for every person on every poll.
 *
 * Current portals report only `last_activity_date`, `absent` and (in im.user.get)
 * `desktop_last_date`; `status`, `idle` and `mobile_last_date` are hard-coded for REST callers.
 * So presence comes from the last activity alone:
 * - online while it is under 5 minutes old (the messenger's "Online");
 * - idle from there until the online limit: no sign of activity for N minutes, dated from the
 *   last activity (the messenger's "Last seen N min ago" while it still counts the person online);
 * - offline past the limit, or with no activity at all.
 * A connected messenger has its owner's activity refreshed every 240 s by the portal, so people
 * at a connected desk never fall out of the 5-minute window.
 *
 * Old portals also send real `idle`, `mobile_last_date` and `status`; where they do:
 * - idle: the desktop app's idle date, while the desktop app is running (or when nobody has
 *   said whether it is), dates the idle state instead of the last activity;
 * - mobile: `mobile_last_date` within the online limit and less than 300 s away from the last
 *   activity (either side), as the old messenger showed it (before the 5-minute rule);
 * - a chosen status is kept as sent. A current portal's "online" is no choice at all.
 * Any date that is missing, malformed or offset-less degrades only its own field.
 * Name: `name`, else first + last, else `#id` (language-neutral, so alerts never say " is online").
 */

/** The messenger shows "Online" only while the last activity is this recent. */
export const ACTIVE_WINDOW_MS = 300_000;
/** The mobile app counts while its last sign of life is this close to the last activity. */
export const MOBILE_ACTIVITY_WINDOW_MS = 300_000;
/** Bitrix: desktop_last_date + 120 s + 60 s > now. */
export const DESKTOP_ALIVE_MS = 180_000;

export interface ModelOptions {
  /** The portal's online limit (PHP session lifetime) in seconds. */
  readonly onlineLimitSec: number;
  /**
   * Whether the desktop app is running, as last checked (im.user.get); null when unknown. Used
   * where the user object itself has no desktop date (current portals send false in the list
   * methods; old ones send the real date in every method).
   */
  readonly desktopOf?: (id: number) => boolean | null;
}

function trimmed(value: string | null | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}

function displayName(raw: RawUser, firstName: string, lastName: string): string {
  const name = trimmed(raw.name);
  if (name) return name;
  const joined = firstName && lastName ? `${firstName} ${lastName}` : firstName || lastName;
  return joined || `#${raw.id}`;
}

/** The name the panel shows for a user object: `name`, else first and last, else "#id". */
export function nameOf(raw: RawUser): string {
  return displayName(raw, trimmed(raw.first_name), trimmed(raw.last_name));
}

/** The dates presence is derived from, as a user object carries them. */
export type PresenceDateFields = Pick<RawUser, 'last_activity_date' | 'mobile_last_date' | 'idle'>;

export interface DerivedPresence {
  readonly presence: Presence;
  readonly presenceSince: number | null;
  readonly lastActivity: number | null;
}

/** Whether `desktop_last_date` says the desktop app is running at `at`; null when it says nothing. */
export function desktopRunningAt(desktopLastDate: string | false | undefined, at: number): boolean | null {
  const last = parseAtom(desktopLastDate);
  return last === null ? null : last + DESKTOP_ALIVE_MS > at;
}

/**
 * @param desktop whether the desktop app is running (null: unknown). Only an old portal's idle
 *   date depends on it: Bitrix24 reports idle only while the desktop app runs, so an idle date
 *   next to a closed desktop app is a leftover (the app crashed while idle).
 */
export function derivePresence(fields: PresenceDateFields, now: number, onlineLimitSec: number, desktop: boolean | null): DerivedPresence {
  const lastActivity = parseAtom(fields.last_activity_date);
  if (lastActivity === null || now - lastActivity >= onlineLimitSec * 1000) {
    return { presence: 'offline', presenceSince: lastActivity, lastActivity };
  }
  const idle = fields.idle ? parseAtom(fields.idle) : null;
  if (idle !== null && desktop !== false) return { presence: 'idle', presenceSince: idle, lastActivity };
  const mobileLast = fields.mobile_last_date ? parseAtom(fields.mobile_last_date) : null;
  if (mobileLast !== null && now - mobileLast < onlineLimitSec * 1000 && Math.abs(lastActivity - mobileLast) < MOBILE_ACTIVITY_WINDOW_MS) {
    return { presence: 'mobile', presenceSince: null, lastActivity };
  }
  if (now - lastActivity >= ACTIVE_WINDOW_MS) return { presence: 'idle', presenceSince: lastActivity, lastActivity };
  return { presence: 'online', presenceSince: null, lastActivity };
}

/** The portal's placeholder for "no picture": current portals send it as avatar_hr. */
const PLACEHOLDER_AVATAR = /\/bitrix\/js\/im\/images\/blank\.gif(?:[?#]|$)/;

function checkedAvatar(candidate: string | undefined): string | null {
  const url = safeAvatarUrl(candidate);
  return url !== null && !PLACEHOLDER_AVATAR.test(url) ? url : null;
}

/**
 * The same avatar URLs come back poll after poll: their regex checks are remembered (bounded,
 * so a portal sending ever-new strings cannot grow it without limit).
 */
const avatarChecks = new Map<string, string | null>();
const AVATAR_CHECKS_KEPT = 50_000;

function avatarOf(raw: RawUser): string | null {
  for (const candidate of [raw.avatar, raw.avatar_hr]) {
    if (!candidate) continue;
    let url = avatarChecks.get(candidate);
    if (url === undefined) {
      if (avatarChecks.size >= AVATAR_CHECKS_KEPT) avatarChecks.clear();
      url = checkedAvatar(candidate);
      avatarChecks.set(candidate, url);
    }
    if (url !== null) return url;
  }
  return null;
}

/**
 * Whether the desktop app runs: a date in the object itself is the freshest word (old portals
 * send it in every method), then the last im.user.get check, then a `false` in the object
 * (never ran it: what a list method of a current portal says of everyone, and why it comes last).
 */
function desktopState(raw: RawUser, now: number, options: ModelOptions): boolean | null {
  const inObject = desktopRunningAt(raw.desktop_last_date, now);
  if (inObject !== null) return inObject;
  const checked = options.desktopOf?.(raw.id) ?? null;
  if (checked !== null) return checked;
  return raw.desktop_last_date === false ? false : null;
}

export function toColleague(raw: RawUser, now: number, options: ModelOptions): Colleague {
  const desktop = desktopState(raw, now, options);
  const { presence, presenceSince, lastActivity } = derivePresence(raw, now, options.onlineLimitSec, desktop);

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
    avatar: avatarOf(raw),
    color: safeColor(raw.color),
    presence,
    presenceSince,
    lastActivity,
    // Someone gone offline has no connected desktop app, whatever the last check said.
    desktop: desktop === true && presence !== 'offline',
    status,
    absentUntil: raw.absent ? lastDayOffIfNotOver(raw.absent, now) : null,
    bot: raw.bot === true,
    extranet: raw.extranet === true,
    gender: raw.gender === 'M' || raw.gender === 'F' ? raw.gender : null,
  };
}

/** Models a whole poll. */
export function toColleagues(raws: readonly RawUser[], now: number, options: ModelOptions): Colleague[] {
  const out = new Array<Colleague>(raws.length);
  for (let i = 0; i < raws.length; i++) out[i] = toColleague(raws[i] as RawUser, now, options);
  return out;
}
