import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Colleague } from '../../../../../electron/shared/domain.js';
import { applyPatch, diffSnapshots } from '../../../../../electron/shared/snapshot/diff.js';
import { SnapshotTracker } from '../../../../../electron/core/snapshot/tracker.js';
import { colleague } from '../../../../support/colleague.js';

describe('SnapshotTracker', () => {
  it('starts with a full snapshot in canonical order, no patch, no transitions', () => {
    const tracker = new SnapshotTracker();
    expect(tracker.current).toBeNull();
    const first = tracker.update([colleague(3), colleague(1), colleague(2)], 100);
    expect(first.patch).toBeNull();
    expect(first.transitions).toEqual([]);
    expect(first.snapshot.seq).toBe(1);
    expect(first.snapshot.at).toBe(100);
    expect(first.snapshot.colleagues.map((item) => item.id)).toEqual([1, 2, 3]);
    expect(tracker.current).toBe(first.snapshot);
  });

  it('emits a patch with seq + 1 that rebuilds the new snapshot, plus the transitions', () => {
    const tracker = new SnapshotTracker();
    const first = tracker.update([colleague(1, { presence: 'offline' }), colleague(2)], 100);
    const second = tracker.update(
      [colleague(1, { presence: 'online', name: 'Anna' }), colleague(3)],
      200,
    );
    expect(second.snapshot.seq).toBe(2);
    expect(second.patch).not.toBeNull();
    expect(applyPatch(first.snapshot, second.patch!)).toStrictEqual(second.snapshot);
    expect(second.patch).toMatchObject({ seq: 2, at: 200, removed: [2], added: [colleague(3)] });
    expect(second.transitions).toEqual([
      { userId: 1, name: 'Anna', from: 'offline', to: 'online', at: 200 },
    ]);
  });

  it('does not advance or emit an empty patch when nothing changed', () => {
    const tracker = new SnapshotTracker();
    const first = tracker.update([colleague(1)], 100);
    const same = tracker.update([colleague(1)], 200);
    expect(same.patch).toBeNull();
    expect(same.transitions).toEqual([]);
    expect(same.snapshot).toBe(first.snapshot);
    const changed = tracker.update([colleague(1, { lastActivity: 5 })], 300);
    expect(changed.snapshot.seq).toBe(2);
    expect(changed.transitions).toEqual([]); // a refreshed last activity is a change, not a transition
    expect(changed.patch).toStrictEqual({
      seq: 2,
      at: 300,
      added: [],
      changed: [],
      removed: [],
      activity: [[1, 5]],
    });
  });

  it('keeps the first entry when a poll lists someone twice', () => {
    const tracker = new SnapshotTracker();
    const { snapshot } = tracker.update(
      [colleague(2, { name: 'first' }), colleague(1), colleague(2, { name: 'second' })],
      1,
    );
    expect(snapshot.colleagues.map((item) => item.name)).toEqual(['Person 1', 'first']);
  });

  it('indexes the current snapshot by id', () => {
    const tracker = new SnapshotTracker();
    tracker.update([colleague(5), colleague(7)], 1);
    expect([...tracker.byId.keys()]).toEqual([5, 7]);
    tracker.update([colleague(7)], 2);
    expect([...tracker.byId.keys()]).toEqual([7]);
  });

  it('does not keep a reference to the caller’s array', () => {
    const tracker = new SnapshotTracker();
    const input = [colleague(1)];
    tracker.update(input, 1);
    input.push(colleague(2));
    expect(tracker.current?.colleagues).toHaveLength(1);
  });
});

describe('SnapshotTracker patches equal diffSnapshots', () => {
  const person = (id: number, version: number): Colleague =>
    colleague(id, {
      presence: (['online', 'idle', 'offline'] as const)[version % 3],
      lastActivity: 1_000 * version,
    });
  /** One poll's step for a person: the same object (the model reused it), an equal copy, activity only, anything, gone. */
  const step = fc.constantFrom(
    'same',
    'same',
    'copy',
    'activity',
    'activity',
    'activity-null',
    'presence',
    'gone',
    'duplicate',
  );
  const pollsArb = fc.record({
    size: fc.integer({ min: 0, max: 12 }),
    polls: fc.array(
      fc.record({
        steps: fc.array(step, { minLength: 15, maxLength: 15 }),
        join: fc.uniqueArray(fc.integer({ min: 1, max: 15 }), { maxLength: 3 }),
        shuffle: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
  });

  it('over random poll sequences with reused objects, shuffled and repeated entries', () => {
    fc.assert(
      fc.property(pollsArb, ({ size, polls }) => {
        const tracker = new SnapshotTracker();
        let list: Colleague[] = Array.from({ length: size }, (_, i) => person(i + 1, 0));
        let previous = tracker.update(list, 0).snapshot;
        polls.forEach(({ steps, join, shuffle }, n) => {
          const next: Colleague[] = [];
          for (const item of list) {
            const what = steps[item.id - 1];
            if (what === 'gone') continue;
            if (what === 'same') next.push(item);
            else if (what === 'copy') next.push({ ...item });
            else if (what === 'activity')
              next.push({ ...item, lastActivity: (item.lastActivity ?? 0) + 240_000 });
            else if (what === 'activity-null') next.push({ ...item, lastActivity: null });
            else if (what === 'duplicate') next.push(item, { ...item, name: 'second' });
            else next.push(person(item.id, n + 1));
          }
          for (const id of join)
            if (!next.some((item) => item.id === id)) next.push(person(id, n + 1));
          const input = shuffle ? next.slice().reverse() : next.sort((a, b) => a.id - b.id);
          const { snapshot, patch } = tracker.update(input, n + 1);
          const expected = diffSnapshots(previous, { ...snapshot, seq: previous.seq + 1 });
          const empty =
            expected.added.length +
              expected.changed.length +
              expected.removed.length +
              (expected.activity?.length ?? 0) ===
            0;
          if (empty) {
            expect(patch).toBeNull();
            expect(snapshot).toBe(previous);
          } else {
            expect(patch).toStrictEqual(expected);
            expect(applyPatch(previous, patch!)).toStrictEqual(snapshot);
          }
          previous = snapshot;
          list = snapshot.colleagues.slice();
        });
      }),
      { numRuns: 300 },
    );
  });
});
