import type { ActivityChange, Colleague, ColleagueChange } from '../domain.js';
import type { CalendarBlock } from '../calendar.js';

/**
 * Field-by-field comparison and the merge walk behind diffSnapshots and SnapshotTracker.
 * Lists are in canonical order (ascending id, each id once; see diff.ts). No Node or DOM APIs.
 */

type MutableFields = { -readonly [K in keyof Omit<Colleague, 'id'>]?: Colleague[K] };

/** Every compared field. The type check below fails to compile when Colleague gains a field. */
const SCALAR_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'position',
  'avatar',
  'color',
  'presence',
  'presenceSince',
  'lastActivity',
  'desktop',
  'status',
  'absentUntil',
  'bot',
  'extranet',
  'gender',
  'timeZone',
] as const satisfies readonly (keyof Colleague)[];
type ComparedField = (typeof SCALAR_FIELDS)[number] | 'departments' | 'calendar' | 'id';
type Uncompared = Exclude<keyof Colleague, ComparedField>;
const everyFieldCompared: [Uncompared] extends [never] ? true : Uncompared = true;
void everyFieldCompared;

export class NonCanonicalSnapshotError extends Error {
  override readonly name = 'NonCanonicalSnapshotError';
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Blocks equal in value; the engine hands back the previous array when they are, so `===` decides most. */
export function sameBlocks(
  a: readonly CalendarBlock[] | null,
  b: readonly CalendarBlock[] | null,
): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as CalendarBlock;
    const y = b[i] as CalendarBlock;
    if (x.kind !== y.kind || x.from !== y.from || x.until !== y.until) return false;
  }
  return true;
}

/**
 * Field by field with named property reads: V8 keeps these monomorphic and fast, where a loop
 * over key names would do slow keyed lookups for every person on every poll. It must name every
 * field of SCALAR_FIELDS; a unit test changes each field in turn to prove it does.
 */
function sameColleague(a: Colleague, b: Colleague): boolean {
  return a.lastActivity === b.lastActivity && sameButActivity(a, b);
}

/** Every field but lastActivity equal (the other half of sameColleague). */
function sameButActivity(a: Colleague, b: Colleague): boolean {
  return (
    a.presence === b.presence &&
    a.presenceSince === b.presenceSince &&
    a.desktop === b.desktop &&
    a.status === b.status &&
    a.absentUntil === b.absentUntil &&
    a.name === b.name &&
    a.firstName === b.firstName &&
    a.lastName === b.lastName &&
    a.position === b.position &&
    a.avatar === b.avatar &&
    a.color === b.color &&
    a.bot === b.bot &&
    a.extranet === b.extranet &&
    a.gender === b.gender &&
    a.timeZone === b.timeZone &&
    sameNumbers(a.departments, b.departments) &&
    sameBlocks(a.calendar, b.calendar)
  );
}

/** The fields of `after` that differ from `before`, or null when none do. */
export function changedFields(
  before: Colleague,
  after: Colleague,
): Partial<Omit<Colleague, 'id'>> | null {
  if (sameColleague(before, after)) return null;
  const fields: MutableFields = {};
  for (const key of SCALAR_FIELDS) {
    if (before[key] !== after[key]) (fields as Record<string, unknown>)[key] = after[key];
  }
  if (!sameNumbers(before.departments, after.departments)) fields.departments = after.departments;
  if (!sameBlocks(before.calendar, after.calendar)) fields.calendar = after.calendar;
  return fields;
}

export function assertCanonical(colleagues: readonly Colleague[], what: string): void {
  for (let i = 1; i < colleagues.length; i++) {
    const previousId = (colleagues[i - 1] as Colleague).id;
    const id = (colleagues[i] as Colleague).id;
    if (!(id > previousId)) {
      throw new NonCanonicalSnapshotError(
        `${what}: colleagues must be sorted by ascending id without repeats (id ${id} after ${previousId})`,
      );
    }
  }
}

/**
 * Merge walk over two canonical colleague lists. A person whose only change is a new non-null
 * lastActivity goes to `activity` ([id, lastActivity], see Patch), any other change to `changed`;
 * all four lists come out in ascending id order. `onChanged` sees each changed pair (either
 * list), so the tracker can derive transitions in the same pass.
 */
export function diffColleagues(
  prev: readonly Colleague[],
  next: readonly Colleague[],
  onChanged?: (before: Colleague, after: Colleague) => void,
): {
  added: Colleague[];
  changed: ColleagueChange[];
  removed: number[];
  activity: ActivityChange[];
} {
  const added: Colleague[] = [];
  const changed: ColleagueChange[] = [];
  const removed: number[] = [];
  const activity: ActivityChange[] = [];
  let i = 0;
  let j = 0;
  while (i < prev.length || j < next.length) {
    const before = prev[i];
    const after = next[j];
    if (before === after && before !== undefined) {
      // The same object (the model reused it): same id, nothing changed, and nothing to read.
      i++;
      j++;
      continue;
    }
    if (after === undefined || (before !== undefined && before.id < after.id)) {
      removed.push((before as Colleague).id);
      i++;
    } else if (before === undefined || after.id < before.id) {
      added.push(after);
      j++;
    } else {
      const lastActivity = after.lastActivity;
      if (
        lastActivity !== before.lastActivity &&
        lastActivity !== null &&
        sameButActivity(before, after)
      ) {
        // The most common change by far (a messenger's refresh): the compact form, no field object.
        activity.push([after.id, lastActivity]);
        onChanged?.(before, after);
      } else {
        const fields = changedFields(before, after);
        if (fields) {
          changed.push({ id: after.id, fields });
          onChanged?.(before, after);
        }
      }
      i++;
      j++;
    }
  }
  return { added, changed, removed, activity };
}
