import type { Colleague, Patch, PresenceTransition, Snapshot } from '../../shared/domain.js';
import { transitionBetween } from '../presence/transitions.js';
import { diffColleagues } from '../../shared/snapshot/compare.js';
import { patchOf } from '../../shared/snapshot/diff.js';

export interface SnapshotUpdate {
  /** The current snapshot (unchanged object when nothing changed). */
  readonly snapshot: Snapshot;
  /** How to get from the previous snapshot to this one; null for the first and when nothing changed. */
  readonly patch: Patch | null;
  readonly transitions: PresenceTransition[];
}

function byId(a: Colleague, b: Colleague): number {
  return a.id - b.id;
}

/**
 * Canonical order (see shared/snapshot/diff.ts); when a poll lists someone twice, the first entry
 * wins. `previous` is the last snapshot's (canonical) list: where both neighbours are the very
 * objects at the same places in it, their order is known without reading them.
 */
function canonicalColleagues(
  colleagues: readonly Colleague[],
  previous: readonly Colleague[],
): Colleague[] {
  // Polls come in ascending ids (the portal's page order): one pass proves it, no sort.
  let canonical = true;
  for (let i = 1; i < colleagues.length; i++) {
    const before = colleagues[i - 1] as Colleague;
    const item = colleagues[i] as Colleague;
    if (before === previous[i - 1] && item === previous[i]) continue;
    if (item.id <= before.id) {
      canonical = false;
      break;
    }
  }
  if (canonical) return colleagues.slice();
  const sorted = colleagues.slice().sort(byId); // stable: the first of equal ids stays first
  let write = 0;
  for (let read = 0; read < sorted.length; read++) {
    const item = sorted[read] as Colleague;
    if (write > 0 && (sorted[write - 1] as Colleague).id === item.id) continue;
    sorted[write++] = item;
  }
  sorted.length = write;
  return sorted;
}

/**
 * A snapshot's colleagues by id, read by binary search in its canonical list: built in no time
 * for every snapshot (a Map of 5,000 cost the alerts half their time), while its users (the
 * alert policy, notify-once) only look up the few people that changed.
 */
class CanonicalIndex implements ReadonlyMap<number, Colleague> {
  constructor(private readonly colleagues: readonly Colleague[]) {}

  get size(): number {
    return this.colleagues.length;
  }

  get(id: number): Colleague | undefined {
    const list = this.colleagues;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const colleague = list[mid] as Colleague;
      if (colleague.id === id) return colleague;
      if (colleague.id < id) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  forEach(
    callback: (value: Colleague, key: number, map: ReadonlyMap<number, Colleague>) => void,
    thisArg?: unknown,
  ): void {
    for (const colleague of this.colleagues) callback.call(thisArg, colleague, colleague.id, this);
  }

  *entries(): MapIterator<[number, Colleague]> {
    for (const colleague of this.colleagues) yield [colleague.id, colleague];
  }

  *keys(): MapIterator<number> {
    for (const colleague of this.colleagues) yield colleague.id;
  }

  *values(): MapIterator<Colleague> {
    yield* this.colleagues;
  }

  [Symbol.iterator](): MapIterator<[number, Colleague]> {
    return this.entries();
  }
}

/**
 * Turns successive polls into versioned snapshots, patches and transitions.
 * - The first update yields a full snapshot and no patch, no transitions: there is nothing to
 *   compare with. (A new connection gets a new engine, and so a new tracker.)
 * - seq grows by exactly 1 per emitted patch. An update that changes nothing returns the current
 *   snapshot as it is (same seq, same `at`) and patch null: an empty patch would only make every
 *   listener do work, and freshness is reported by Health.lastSuccessAt, not by the snapshot.
 */
export class SnapshotTracker {
  private snapshot: Snapshot | null = null;
  private lastSeq = 0;
  private index: ReadonlyMap<number, Colleague> | null = null;

  get current(): Snapshot | null {
    return this.snapshot;
  }

  /** The current colleagues by id (a new map object per snapshot: the policy keeps the previous one). */
  get byId(): ReadonlyMap<number, Colleague> {
    this.index ??= new CanonicalIndex(this.snapshot?.colleagues ?? []);
    return this.index;
  }

  update(colleagues: readonly Colleague[], at: number): SnapshotUpdate {
    const prev = this.snapshot;
    const next = canonicalColleagues(colleagues, prev?.colleagues ?? []);
    if (prev === null) {
      return { snapshot: this.advance(next, at), patch: null, transitions: [] };
    }
    const transitions: PresenceTransition[] = [];
    const { added, changed, removed, activity } = diffColleagues(
      prev.colleagues,
      next,
      (before, after) => {
        const transition = transitionBetween(before, after, at);
        if (transition) transitions.push(transition);
      },
    );
    if (
      added.length === 0 &&
      changed.length === 0 &&
      removed.length === 0 &&
      activity.length === 0
    ) {
      return { snapshot: prev, patch: null, transitions };
    }
    const snapshot = this.advance(next, at);
    return {
      snapshot,
      patch: patchOf(snapshot.seq, at, added, changed, removed, activity),
      transitions,
    };
  }

  private advance(colleagues: Colleague[], at: number): Snapshot {
    this.lastSeq += 1;
    this.snapshot = { seq: this.lastSeq, at, colleagues };
    this.index = null;
    return this.snapshot;
  }
}
