import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../electron/shared/snapshot/diff.js';
import { SnapshotTracker } from '../../../electron/core/snapshot/tracker.js';
import { colleague } from '../../support/colleague.js';

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
    const second = tracker.update([colleague(1, { presence: 'online', name: 'Anna' }), colleague(3)], 200);
    expect(second.snapshot.seq).toBe(2);
    expect(second.patch).not.toBeNull();
    expect(applyPatch(first.snapshot, second.patch!)).toStrictEqual(second.snapshot);
    expect(second.patch).toMatchObject({ seq: 2, at: 200, removed: [2], added: [colleague(3)] });
    expect(second.transitions).toEqual([{ userId: 1, name: 'Anna', from: 'offline', to: 'online', at: 200 }]);
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
    expect(changed.patch?.changed).toEqual([{ id: 1, fields: { lastActivity: 5 } }]);
  });

  it('keeps the first entry when a poll lists someone twice', () => {
    const tracker = new SnapshotTracker();
    const { snapshot } = tracker.update([colleague(2, { name: 'first' }), colleague(1), colleague(2, { name: 'second' })], 1);
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
