// Over 300 lines on purpose: the messenger's presence rules and the per-person derivation that
// applies them every poll (names, avatars, desktop, leave, reuse of last poll's work) read as one
// algorithm; split, the rules and the shortcuts that must agree with them would drift apart.
import type { RawUser } from '../bitrix/types.js';
import type { Colleague, Presence } from '../../shared/domain.js';
import type { CalendarBlock } from '../../shared/calendar.js';
import { ACTIVE_WINDOW_SEC } from '../../shared/settings/defaults.js';
import { lastDayOffIfNotOver, leaveOf, parseAtom, type Leave } from './dates.js';
import { safeAvatarUrl, safeColor } from './sanitize.js';
import { LastPollIndex } from '../../shared/snapshot/last-poll-index.js';
import { displayText } from '../../shared/display-text.js';
import { SECOND_MS } from '../../shared/time-units.js';

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
 * Name: `name`, else first + last, else `#id` (language-neutral, so alerts never say " is online"),
 * each cleaned by displayText (a name is whatever its owner typed).
 */

/** The messenger shows "Online" only while the last activity is this recent. */
export const ACTIVE_WINDOW_MS = ACTIVE_WINDOW_SEC * 1000;
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
  /**
   * The person's merged calendar blocks as last fetched, null when not known (the default). The
   * same array while the blocks are the same: the model compares it by identity.
   */
  readonly calendarOf?: (id: number) => readonly CalendarBlock[] | null;
  /** The person's checked IANA zone, null when not known (the default). */
  readonly timeZoneOf?: (id: number) => string | null;
}

/** Portal text as every host may show it: no controls or bidi overrides, capped (display-text.ts). */
function cleaned(value: string | null | undefined): string {
  return typeof value === 'string' ? displayText(value) : '';
}

function displayName(raw: RawUser, firstName: string, lastName: string): string {
  const name = cleaned(raw.name);
  if (name) return name;
  const joined =
    firstName && lastName ? displayText(`${firstName} ${lastName}`) : firstName || lastName;
  return joined || `#${raw.id}`;
}

/** The name the panel shows for a user object: `name`, else first and last, else "#id". */
export function nameOf(raw: RawUser): string {
  return displayName(raw, cleaned(raw.first_name), cleaned(raw.last_name));
}

/** The dates presence is derived from, as a user object carries them. */
export type PresenceDateFields = Pick<RawUser, 'last_activity_date' | 'mobile_last_date' | 'idle'>;

export interface DerivedPresence {
  readonly presence: Presence;
  readonly presenceSince: number | null;
  readonly lastActivity: number | null;
}

/** Whether `desktop_last_date` says the desktop app is running at `at`; null when it says nothing. */
export function desktopRunningAt(
  desktopLastDate: string | false | undefined,
  at: number,
): boolean | null {
  return desktopRunningFrom(parseAtom(desktopLastDate), at);
}

function desktopRunningFrom(desktopLast: number | null, at: number): boolean | null {
  return desktopLast === null ? null : desktopLast + DESKTOP_ALIVE_MS > at;
}

/** Which rule of derivePresence applies; presence and presenceSince follow from it. */
const enum Rule {
  Offline,
  IdleReported,
  Mobile,
  IdleByActivity,
  Online,
}

const PRESENCE_OF: readonly Presence[] = ['offline', 'idle', 'mobile', 'idle', 'online'];

/** derivePresence on parsed dates: the one place the rules are written, for both model paths. */
function presenceRule(
  lastActivity: number | null,
  idle: number | null,
  mobileLast: number | null,
  now: number,
  limitMs: number,
  desktop: boolean | null,
): Rule {
  if (lastActivity === null || now - lastActivity >= limitMs) return Rule.Offline;
  if (idle !== null && desktop !== false) return Rule.IdleReported;
  if (
    mobileLast !== null &&
    now - mobileLast < limitMs &&
    Math.abs(lastActivity - mobileLast) < MOBILE_ACTIVITY_WINDOW_MS
  ) {
    return Rule.Mobile;
  }
  if (now - lastActivity >= ACTIVE_WINDOW_MS) return Rule.IdleByActivity;
  return Rule.Online;
}

function sinceOf(rule: Rule, lastActivity: number | null, idle: number | null): number | null {
  if (rule === Rule.IdleReported) return idle;
  return rule === Rule.Offline || rule === Rule.IdleByActivity ? lastActivity : null;
}

/**
 * @param desktop whether the desktop app is running (null: unknown). Only an old portal's idle
 *   date depends on it: Bitrix24 reports idle only while the desktop app runs, so an idle date
 *   next to a closed desktop app is a leftover (the app crashed while idle).
 */
export function derivePresence(
  fields: PresenceDateFields,
  now: number,
  onlineLimitSec: number,
  desktop: boolean | null,
): DerivedPresence {
  const lastActivity = parseAtom(fields.last_activity_date);
  const idle = parseAtom(fields.idle);
  const rule = presenceRule(
    lastActivity,
    idle,
    parseAtom(fields.mobile_last_date),
    now,
    onlineLimitSec * SECOND_MS,
    desktop,
  );
  return {
    presence: PRESENCE_OF[rule] as Presence,
    presenceSince: sinceOf(rule, lastActivity, idle),
    lastActivity,
  };
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
function desktopState(
  raw: RawUser,
  desktopLast: number | null,
  now: number,
  options: ModelOptions,
): boolean | null {
  const inObject = desktopRunningFrom(desktopLast, now);
  if (inObject !== null) return inObject;
  const checked = options.desktopOf?.(raw.id) ?? null;
  if (checked !== null) return checked;
  return raw.desktop_last_date === false ? false : null;
}

/**
 * What a user object says independently of the time: its dates parsed, its leave, and the
 * display fields as the colleague carries them. Everything else of a Colleague is a function of
 * these, `now`, the online limit and the desktop check (`timedColleague`).
 */
class Modelled {
  readonly id: number;
  constructor(
    readonly raw: RawUser,
    readonly limitMs: number,
    readonly lastActivity: number | null,
    readonly idle: number | null,
    readonly mobileLast: number | null,
    readonly desktopLast: number | null,
    readonly leave: Leave | null,
    public colleague: Colleague,
    /** What the colleague was derived with: the rule, its desktop flag and leave (kept here, so a reuse reads no other object). */
    public rule: Rule,
    public running: boolean,
    public absentUntil: string | null,
    public calendar: readonly CalendarBlock[] | null,
    public timeZone: string | null,
  ) {
    this.id = raw.id;
  }
}

/** The Colleague of the same user object at another time: `base` with its time-dependent fields replaced. */
function timedColleague(
  base: Colleague,
  presence: Presence,
  presenceSince: number | null,
  lastActivity: number | null,
  desktop: boolean,
  absentUntil: string | null,
  calendar: readonly CalendarBlock[] | null,
  timeZone: string | null,
): Colleague {
  return {
    id: base.id,
    name: base.name,
    firstName: base.firstName,
    lastName: base.lastName,
    position: base.position,
    departments: base.departments,
    avatar: base.avatar,
    color: base.color,
    presence,
    presenceSince,
    lastActivity,
    desktop,
    status: base.status,
    absentUntil,
    bot: base.bot,
    extranet: base.extranet,
    gender: base.gender,
    calendar,
    timeZone,
  };
}

function sameIds(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A user object's Colleague, its dates parsed and its presence rule applied by the caller.
 * `before` is what the last poll made of this person's previous object, when there was one: a
 * display field whose inputs are the same values (`===`) is taken from it rather than derived
 * again (each is a pure function of exactly the inputs compared), which also hands the diff the
 * same string objects to compare.
 */
function freshColleague(
  raw: RawUser,
  lastActivity: number | null,
  idle: number | null,
  rule: Rule,
  running: boolean,
  absentUntil: string | null,
  calendar: readonly CalendarBlock[] | null,
  timeZone: string | null,
  before: Modelled | undefined,
): Colleague {
  const old = before?.raw;
  const kept = before?.colleague;
  let name: string;
  let firstName: string;
  let lastName: string;
  if (
    old !== undefined &&
    kept !== undefined &&
    raw.first_name === old.first_name &&
    raw.last_name === old.last_name &&
    raw.name === old.name
  ) {
    name = kept.name;
    firstName = kept.firstName;
    lastName = kept.lastName;
  } else {
    firstName = cleaned(raw.first_name);
    lastName = cleaned(raw.last_name);
    name = displayName(raw, firstName, lastName);
  }
  // The same properties in the same order as timedColleague: one hidden class for all.
  return {
    id: raw.id,
    name,
    firstName,
    lastName,
    position:
      old !== undefined && kept !== undefined && raw.work_position === old.work_position
        ? kept.position
        : cleaned(raw.work_position),
    departments:
      old !== undefined && kept !== undefined && sameIds(raw.departments, old.departments)
        ? kept.departments
        : raw.departments
          ? raw.departments.slice()
          : [],
    avatar:
      old !== undefined &&
      kept !== undefined &&
      raw.avatar === old.avatar &&
      raw.avatar_hr === old.avatar_hr
        ? kept.avatar
        : avatarOf(raw),
    color:
      old !== undefined && kept !== undefined && raw.color === old.color
        ? kept.color
        : safeColor(raw.color),
    presence: PRESENCE_OF[rule] as Presence,
    presenceSince: sinceOf(rule, lastActivity, idle),
    lastActivity,
    desktop: running,
    status:
      old !== undefined && kept !== undefined && raw.status === old.status
        ? kept.status
        : raw.status
          ? raw.status
          : 'online',
    absentUntil,
    bot: raw.bot === true,
    extranet: raw.extranet === true,
    gender: raw.gender === 'M' || raw.gender === 'F' ? raw.gender : null,
    calendar,
    timeZone,
  };
}

function modelled(
  raw: RawUser,
  now: number,
  options: ModelOptions,
  before: Modelled | undefined,
): Modelled {
  const limitMs = options.onlineLimitSec * SECOND_MS;
  const lastActivity = parseAtom(raw.last_activity_date);
  const idle = parseAtom(raw.idle);
  const mobileLast = parseAtom(raw.mobile_last_date);
  const desktopLast = parseAtom(raw.desktop_last_date);
  const leave = raw.absent ? leaveOf(raw.absent) : null;
  const absentUntil = leave !== null && now < leave.endsAt ? leave.lastDay : null;
  const desktop = desktopState(raw, desktopLast, now, options);
  const rule = presenceRule(lastActivity, idle, mobileLast, now, limitMs, desktop);
  // Someone gone offline has no connected desktop app, whatever the last check said.
  const running = desktop === true && rule !== Rule.Offline;
  const calendar = options.calendarOf?.(raw.id) ?? null;
  const timeZone = options.timeZoneOf?.(raw.id) ?? null;
  const colleague = freshColleague(
    raw,
    lastActivity,
    idle,
    rule,
    running,
    absentUntil,
    calendar,
    timeZone,
    before,
  );
  return new Modelled(
    raw,
    limitMs,
    lastActivity,
    idle,
    mobileLast,
    desktopLast,
    leave,
    colleague,
    rule,
    running,
    absentUntil,
    calendar,
    timeZone,
  );
}

export function toColleague(raw: RawUser, now: number, options: ModelOptions): Colleague {
  const lastActivity = parseAtom(raw.last_activity_date);
  const idle = parseAtom(raw.idle);
  const desktop = desktopState(raw, parseAtom(raw.desktop_last_date), now, options);
  const rule = presenceRule(
    lastActivity,
    idle,
    parseAtom(raw.mobile_last_date),
    now,
    options.onlineLimitSec * SECOND_MS,
    desktop,
  );
  const absentUntil = raw.absent ? lastDayOffIfNotOver(raw.absent, now) : null;
  const calendar = options.calendarOf?.(raw.id) ?? null;
  const timeZone = options.timeZoneOf?.(raw.id) ?? null;
  return freshColleague(
    raw,
    lastActivity,
    idle,
    rule,
    desktop === true && rule !== Rule.Offline,
    absentUntil,
    calendar,
    timeZone,
    undefined,
  );
}

/** Models a whole poll, from scratch (PresenceModel does the same, reusing what did not change). */
export function toColleagues(
  raws: readonly RawUser[],
  now: number,
  options: ModelOptions,
): Colleague[] {
  const out = new Array<Colleague>(raws.length);
  for (let i = 0; i < raws.length; i++) out[i] = toColleague(raws[i] as RawUser, now, options);
  return out;
}

/**
 * toColleagues that remembers the previous poll, for the engine: most people's RawUser is the
 * very object of the previous poll (the source's UserChecks hands back the same object when the
 * user object did not change). For those only what depends on the time is derived again, from
 * the dates parsed last time: the desktop state, the presence rule, the leave's end. When all of
 * it comes out the same, the previous Colleague itself is returned, so the tracker's diff skips
 * the person on `===`. Otherwise (the online → idle → offline steps of someone whose object did
 * not change, a leave ending, a desktop check changing its answer) a new Colleague is built from
 * the previous one with the new time-dependent fields. A RawUser not seen last poll, or an online
 * limit that changed, goes the full way (freshColleague, as toColleague), taking from last poll's
 * Colleague only display fields whose inputs are the same values. The result is always what
 * toColleagues gives for the same input: both paths apply the same rules (presenceRule, sinceOf)
 * and tests/unit/electron/core/presence/model.reuse.test.ts compares them over random polls and clock steps. People
 * are found in last poll's order (LastPollIndex); only those of the last poll are kept.
 */
export class PresenceModel {
  private readonly lastPoll = new LastPollIndex<Modelled>();

  update(raws: readonly RawUser[], now: number, options: ModelOptions): Colleague[] {
    const limitMs = options.onlineLimitSec * SECOND_MS;
    const lastPoll = this.lastPoll;
    const out = new Array<Colleague>(raws.length);
    for (let i = 0; i < raws.length; i++) {
      const raw = raws[i] as RawUser;
      let entry = lastPoll.find(raw.id);
      if (entry !== undefined && entry.raw === raw && entry.limitMs === limitMs) {
        const desktop = desktopState(raw, entry.desktopLast, now, options);
        const rule = presenceRule(
          entry.lastActivity,
          entry.idle,
          entry.mobileLast,
          now,
          limitMs,
          desktop,
        );
        const running = desktop === true && rule !== Rule.Offline;
        const leave = entry.leave;
        const absentUntil = leave !== null && now < leave.endsAt ? leave.lastDay : null;
        const calendar = options.calendarOf?.(raw.id) ?? null;
        const timeZone = options.timeZoneOf?.(raw.id) ?? null;
        if (
          rule !== entry.rule ||
          running !== entry.running ||
          absentUntil !== entry.absentUntil ||
          calendar !== entry.calendar ||
          timeZone !== entry.timeZone
        ) {
          const since = sinceOf(rule, entry.lastActivity, entry.idle);
          entry.colleague = timedColleague(
            entry.colleague,
            PRESENCE_OF[rule] as Presence,
            since,
            entry.lastActivity,
            running,
            absentUntil,
            calendar,
            timeZone,
          );
          entry.rule = rule;
          entry.running = running;
          entry.absentUntil = absentUntil;
          entry.calendar = calendar;
          entry.timeZone = timeZone;
        }
      } else {
        // A new object for someone known: what did not change is taken from before.
        entry = modelled(raw, now, options, entry);
      }
      lastPoll.keep(entry);
      out[i] = entry.colleague;
    }
    lastPoll.endPoll();
    return out;
  }

  /** People remembered (for tests). */
  get size(): number {
    return this.lastPoll.size;
  }
}
