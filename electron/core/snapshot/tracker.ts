import type { Colleague, Patch, PresenceTransition, Snapshot } from '../../shared/domain.js';
import { transitionBetween } from '../presence/transitions.js';
import { diffColleagues } from '../../shared/snapshot/compare.js';

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

/** Canonical order (see shared/snapshot/diff.ts); when a poll lists someone twice, the first entry wins. */
function canonicalColleagues(colleagues: readonly Colleague[]): Colleague[] {
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
  private index: Map<number, Colleague> | null = null;

  get current(): Snapshot | null {
    return this.snapshot;
  }

  /** The current colleagues by id (built on first use per snapshot). */
  get byId(): ReadonlyMap<number, Colleague> {
    if (this.index === null) {
      this.index = new Map();
      for (const colleague of this.snapshot?.colleagues ?? []) this.index.set(colleague.id, colleague);
    }
    return this.index;
  }

  update(colleagues: readonly Colleague[], at: number): SnapshotUpdate {
    const next = canonicalColleagues(colleagues);
    const prev = this.snapshot;
    if (prev === null) {
      return { snapshot: this.advance(next, at), patch: null, transitions: [] };
    }
    const transitions: PresenceTransition[] = [];
    const { added, changed, removed } = diffColleagues(prev.colleagues, next, (before, after) => {
      const transition = transitionBetween(before, after, at);
      if (transition) transitions.push(transition);
    });
    if (added.length === 0 && changed.length === 0 && removed.length === 0) {
      return { snapshot: prev, patch: null, transitions };
    }
    const snapshot = this.advance(next, at);
    return { snapshot, patch: { seq: snapshot.seq, at, added, changed, removed }, transitions };
  }

  private advance(colleagues: Colleague[], at: number): Snapshot {
    this.lastSeq += 1;
    this.snapshot = { seq: this.lastSeq, at, colleagues };
    this.index = null;
    return this.snapshot;
  }
}
