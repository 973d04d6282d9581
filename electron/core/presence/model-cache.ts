import type { RawUser } from '../bitrix/types.js';
import type { Colleague } from '../domain.js';
import { parseAtom } from './dates.js';
import { DESKTOP_ALIVE_MS, toColleague, type ModelOptions } from './model.js';

/**
 * Models a whole poll, reusing last poll's Colleague object for everyone whose raw fields did
 * not change and whose derived state cannot have changed with time since. In a steady state
 * almost nobody changes between two polls, so this replaces ~5,000 full derivations (dates,
 * URL and colour checks, departments copy) with field comparisons, and hands the diff the
 * *same* object for unchanged people, which it skips by identity.
 *
 * Invariant (tested): `update(raws, now, options)[i]` deep-equals `toColleague(raws[i], now, options)`.
 * The state toColleague derives from time flips at most once per condition as time moves on
 * (online → offline at last activity + limit, desktop → not at desktop date + 180 s, mobile → not
 * at mobile date + limit), so a result stays valid until the earliest such moment after it was
 * computed. Leave end dates depend on the calendar day in the portal's offset: people with an
 * `absent` date are simply derived again every poll.
 */

/** RawUser fields toColleague does not read: a change in them cannot change the result. */
type UnreadField = 'active' | 'gender';
const _READ_FIELDS = [
  'id',
  'name',
  'first_name',
  'last_name',
  'work_position',
  'color',
  'avatar',
  'avatar_hr',
  'extranet',
  'bot',
  'status',
  'idle',
  'last_activity_date',
  'mobile_last_date',
  'desktop_last_date',
  'absent',
  'departments',
] as const satisfies readonly (keyof RawUser)[];
type Uncovered = Exclude<keyof RawUser, (typeof _READ_FIELDS)[number] | UnreadField>;
// Fails to compile when RawUser gains a field nobody decided about.
const everyFieldDecided: [Uncovered] extends [never] ? true : Uncovered = true;
void everyFieldDecided;

function sameDepartments(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Every field of _READ_FIELDS, with named property reads (monomorphic and fast, see
 * snapshot/compare.ts). A unit test changes each field in turn to prove none is missing.
 */
function sameInput(a: RawUser, b: RawUser): boolean {
  return (
    a.id === b.id &&
    a.last_activity_date === b.last_activity_date &&
    a.desktop_last_date === b.desktop_last_date &&
    a.mobile_last_date === b.mobile_last_date &&
    a.idle === b.idle &&
    a.status === b.status &&
    a.absent === b.absent &&
    a.name === b.name &&
    a.first_name === b.first_name &&
    a.last_name === b.last_name &&
    a.work_position === b.work_position &&
    a.avatar === b.avatar &&
    a.avatar_hr === b.avatar_hr &&
    a.color === b.color &&
    a.bot === b.bot &&
    a.extranet === b.extranet &&
    sameDepartments(a.departments, b.departments)
  );
}

/** The first moment after `now` at which toColleague(raw, t) may differ from toColleague(raw, now). */
export function modelValidUntil(raw: RawUser, now: number, options: ModelOptions): number {
  if (raw.absent) return now;
  const limitMs = options.onlineLimitSec * 1000;
  let until = Number.POSITIVE_INFINITY;
  const consider = (date: string | false | undefined, afterMs: number): void => {
    const at = parseAtom(date);
    if (at === null) return;
    const boundary = at + afterMs;
    if (boundary > now && boundary < until) until = boundary;
  };
  consider(raw.last_activity_date, limitMs);
  consider(raw.desktop_last_date, DESKTOP_ALIVE_MS);
  consider(raw.mobile_last_date, limitMs);
  return until;
}

interface Entry {
  raw: RawUser;
  colleague: Colleague;
  /** When it was derived: a clock that went back invalidates it. */
  at: number;
  validUntil: number;
  limitSec: number;
  /** Last poll that saw this id, to forget people who left. */
  seen: number;
}

export class ColleagueModel {
  private readonly entries = new Map<number, Entry>();
  private poll = 0;

  /** Colleagues for one poll, in the order of `raws`. */
  update(raws: readonly RawUser[], now: number, options: ModelOptions): Colleague[] {
    const poll = ++this.poll;
    const out = new Array<Colleague>(raws.length);
    let distinct = 0;
    for (let i = 0; i < raws.length; i++) {
      const raw = raws[i] as RawUser;
      let entry = this.entries.get(raw.id);
      if (entry === undefined) {
        entry = this.derive(raw, now, options, poll);
        this.entries.set(raw.id, entry);
      } else if (
        now >= entry.at &&
        now < entry.validUntil &&
        entry.limitSec === options.onlineLimitSec &&
        (entry.raw === raw || sameInput(entry.raw, raw))
      ) {
        entry.raw = raw;
      } else {
        const fresh = this.derive(raw, now, options, poll);
        entry.raw = raw;
        entry.colleague = fresh.colleague;
        entry.at = now;
        entry.validUntil = fresh.validUntil;
        entry.limitSec = options.onlineLimitSec;
      }
      if (entry.seen !== poll) {
        entry.seen = poll;
        distinct++;
      }
      out[i] = entry.colleague;
    }
    if (this.entries.size !== distinct) {
      for (const [id, entry] of this.entries) if (entry.seen !== poll) this.entries.delete(id);
    }
    return out;
  }

  /** People remembered (for soak tests: it never exceeds the last poll's team). */
  get size(): number {
    return this.entries.size;
  }

  private derive(raw: RawUser, now: number, options: ModelOptions, poll: number): Entry {
    return {
      raw,
      colleague: toColleague(raw, now, options),
      at: now,
      validUntil: modelValidUntil(raw, now, options),
      limitSec: options.onlineLimitSec,
      seen: poll,
    };
  }
}
