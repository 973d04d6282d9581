import type { Colleague, ColleagueChange, Patch, Snapshot } from '../domain.js';
import { assertCanonical, diffColleagues } from './compare.js';

/**
 * Snapshot diff and apply. No Node or DOM APIs here: the renderer imports `applyPatch` too.
 *
 * Canonical order: a snapshot's colleagues are sorted by ascending id, each id once. That makes
 * `applyPatch(prev, diffSnapshots(prev, next))` reproduce `next` exactly (same order, same
 * values) without the patch having to carry an order, and lets both functions work as one
 * linear merge walk instead of building maps. `diffSnapshots` rejects non-canonical input
 * loudly rather than producing a patch that would silently rebuild a different list.
 * Patches list `added`, `changed` and `removed` in ascending id order.
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

export function diffSnapshots(prev: Snapshot, next: Snapshot): Patch {
  assertCanonical(prev.colleagues, 'previous snapshot');
  assertCanonical(next.colleagues, 'next snapshot');
  return { seq: next.seq, at: next.at, ...diffColleagues(prev.colleagues, next.colleagues) };
}

function byId(a: { readonly id: number }, b: { readonly id: number }): number {
  return a.id - b.id;
}

function isSortedById(items: readonly { readonly id: number }[]): boolean {
  for (let i = 1; i < items.length; i++) if ((items[i] as Colleague).id <= (items[i - 1] as Colleague).id) return false;
  return true;
}

/**
 * Applies a patch to the snapshot it follows. Throws SequenceGapError when the patch is not the
 * next one (the caller should ask for a full snapshot), PatchMismatchError when it names people
 * the snapshot does not have (or already has, for `added`). `prev` is never modified.
 */
export function applyPatch(prev: Snapshot, patch: Patch): Snapshot {
  if (patch.seq !== prev.seq + 1) throw new SequenceGapError(prev.seq + 1, patch.seq);

  const changes = new Map<number, ColleagueChange['fields']>();
  for (const change of patch.changed) changes.set(change.id, change.fields);
  const removed = new Set(patch.removed);
  const added = isSortedById(patch.added) ? patch.added : patch.added.slice().sort(byId);

  const colleagues: Colleague[] = [];
  let a = 0;
  for (const current of prev.colleagues) {
    for (let next = added[a]; next !== undefined && next.id < current.id; next = added[++a]) colleagues.push(next);
    if (added[a]?.id === current.id) throw new PatchMismatchError(`Patch ${patch.seq} adds ${current.id}, who is already there`);
    if (removed.delete(current.id)) {
      if (changes.has(current.id)) throw new PatchMismatchError(`Patch ${patch.seq} both changes and removes ${current.id}`);
      continue;
    }
    const fields = changes.get(current.id);
    if (fields === undefined) {
      colleagues.push(current);
    } else {
      changes.delete(current.id);
      colleagues.push({ ...current, ...fields, id: current.id });
    }
  }
  for (; a < added.length; a++) colleagues.push(added[a] as Colleague);
  assertCanonical(colleagues, `patch ${patch.seq}`);

  const unknown = [...changes.keys(), ...removed];
  if (unknown.length > 0) {
    throw new PatchMismatchError(`Patch ${patch.seq} names people the snapshot does not have: ${unknown.join(', ')}`);
  }
  return { seq: patch.seq, at: patch.at, colleagues };
}
