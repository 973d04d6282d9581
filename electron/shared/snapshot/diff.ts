import type { ActivityChange, Colleague, ColleagueChange, Patch, Snapshot } from '../domain.js';
import { assertCanonical, diffColleagues } from './compare.js';

/*
 * Snapshot diff and apply. No Node or DOM APIs here: the renderer imports `applyPatch` too.
 *
 * Canonical order: a snapshot's colleagues are sorted by ascending id, each id once. That makes
 * `applyPatch(prev, diffSnapshots(prev, next))` reproduce `next` exactly (same order, same
 * values) without the patch having to carry an order, and lets both functions work as one
 * linear merge walk instead of building maps. `diffSnapshots` rejects non-canonical input
 * loudly rather than producing a patch that would silently rebuild a different list.
 * Patches list `added`, `changed`, `removed` and `activity` in ascending id order, each person in
 * one of them at most once. `activity` ([id, lastActivity] pairs, left out when empty) carries the
 * people whose only change is a new non-null lastActivity: most of a patch's entries, in a
 * quarter of the bytes of a `changed` entry.
 */

export { changedFields, NonCanonicalSnapshotError } from './compare.js';

export class SequenceGapError extends Error {
  override readonly name = 'SequenceGapError';
  constructor(
    readonly expected: number,
    readonly received: number,
  ) {
    super(`Patch ${received} does not follow snapshot ${expected - 1}: a full snapshot is needed`);
  }
}

/** The patch does not fit the snapshot it claims to follow (the two sides have diverged). */
export class PatchMismatchError extends Error {
  override readonly name = 'PatchMismatchError';
}

function activityMismatch(seq: number, id: number): PatchMismatchError {
  return new PatchMismatchError(
    `Patch ${seq} names people the snapshot does not have: ${id} (activity, or out of ascending id order)`,
  );
}

export function diffSnapshots(prev: Snapshot, next: Snapshot): Patch {
  assertCanonical(prev.colleagues, 'previous snapshot');
  assertCanonical(next.colleagues, 'next snapshot');
  const { added, changed, removed, activity } = diffColleagues(prev.colleagues, next.colleagues);
  return patchOf(next.seq, next.at, added, changed, removed, activity);
}

/** The patch object as diffSnapshots and the engine's tracker both build it (`activity` only when not empty). */
export function patchOf(
  seq: number,
  at: number,
  added: readonly Colleague[],
  changed: readonly ColleagueChange[],
  removed: readonly number[],
  activity: readonly ActivityChange[],
): Patch {
  return activity.length === 0
    ? { seq, at, added, changed, removed }
    : { seq, at, added, changed, removed, activity };
}

/**
 * Every changed person as a `changed` entry, `activity` ones included (as `{ lastActivity }`), in
 * ascending id order: for consumers that report changes per person (the CLI's `change` events).
 * Returns `patch.changed` itself when the patch has no `activity`.
 */
export function patchChanges(patch: Patch): readonly ColleagueChange[] {
  const activity = patch.activity;
  if (activity === undefined || activity.length === 0) return patch.changed;
  const changed = patch.changed;
  const all: ColleagueChange[] = [];
  let c = 0;
  for (const [id, lastActivity] of activity) {
    for (let item = changed[c]; item !== undefined && item.id < id; item = changed[++c])
      all.push(item);
    all.push({ id, fields: { lastActivity } });
  }
  for (; c < changed.length; c++) all.push(changed[c] as ColleagueChange);
  return all;
}

function byId(a: { readonly id: number }, b: { readonly id: number }): number {
  return a.id - b.id;
}

function isSortedById(items: readonly { readonly id: number }[]): boolean {
  for (let i = 1; i < items.length; i++)
    if ((items[i] as Colleague).id <= (items[i - 1] as Colleague).id) return false;
  return true;
}

/**
 * Applies a patch to the snapshot it follows. Throws SequenceGapError when the patch is not the
 * next one (the caller should ask for a full snapshot), PatchMismatchError when it names people
 * the snapshot does not have (or already has, for `added`), names someone in two of its lists,
 * or has an `activity` list out of ascending id order. `prev` is never modified.
 */
export function applyPatch(prev: Snapshot, patch: Patch): Snapshot {
  if (patch.seq !== prev.seq + 1) throw new SequenceGapError(prev.seq + 1, patch.seq);

  const changes = new Map<number, ColleagueChange['fields']>();
  for (const change of patch.changed) changes.set(change.id, change.fields);
  const removed = new Set(patch.removed);
  const added = isSortedById(patch.added) ? patch.added : patch.added.slice().sort(byId);

  // `activity` is walked alongside (it is sorted): an entry the walk passes without meeting its
  // person is unknown, out of order or repeated, and the patch is refused.
  const activity = patch.activity ?? [];
  let k = 0;

  const colleagues: Colleague[] = [];
  let a = 0;
  for (const current of prev.colleagues) {
    for (let next = added[a]; next !== undefined && next.id < current.id; next = added[++a])
      colleagues.push(next);
    if (added[a]?.id === current.id)
      throw new PatchMismatchError(`Patch ${patch.seq} adds ${current.id}, who is already there`);
    let lastActivity: number | undefined;
    const entry = activity[k];
    if (entry !== undefined && entry[0] <= current.id) {
      if (entry[0] < current.id) throw activityMismatch(patch.seq, entry[0]);
      lastActivity = entry[1];
      const following = activity[++k];
      if (following !== undefined && following[0] <= current.id) {
        throw new PatchMismatchError(
          `Patch ${patch.seq}: activity is not in ascending id order without repeats (${following[0]} after ${current.id})`,
        );
      }
    }
    if (removed.delete(current.id)) {
      if (changes.has(current.id) || lastActivity !== undefined) {
        throw new PatchMismatchError(`Patch ${patch.seq} both changes and removes ${current.id}`);
      }
      continue;
    }
    const fields = changes.get(current.id);
    if (fields === undefined) {
      colleagues.push(lastActivity === undefined ? current : { ...current, lastActivity });
    } else {
      if (lastActivity !== undefined)
        throw new PatchMismatchError(
          `Patch ${patch.seq} lists ${current.id} in both changed and activity`,
        );
      changes.delete(current.id);
      colleagues.push({ ...current, ...fields, id: current.id });
    }
  }
  for (; a < added.length; a++) colleagues.push(added[a] as Colleague);
  assertCanonical(colleagues, `patch ${patch.seq}`);
  const stray = activity[k];
  if (stray !== undefined) throw activityMismatch(patch.seq, stray[0]);

  const unknown = [...changes.keys(), ...removed];
  if (unknown.length > 0) {
    throw new PatchMismatchError(
      `Patch ${patch.seq} names people the snapshot does not have: ${unknown.join(', ')}`,
    );
  }
  return { seq: patch.seq, at: patch.at, colleagues };
}
