import { describe, expect, it } from 'vitest';
import type { Colleague } from '../../../../../electron/shared/domain.js';
import { SnapshotTracker } from '../../../../../electron/core/snapshot/tracker.js';
import { colleague } from '../../../../support/colleague.js';

const AT = 1_700_000_100_000;

/** The transitions the engine sees between two polls (through the tracker, as in production). */
function presenceTransitions(prev: Colleague[], next: Colleague[], at: number) {
  const tracker = new SnapshotTracker();
  tracker.update(prev, at - 30_000);
  return tracker.update(next, at).transitions;
}

describe('transitions between two polls', () => {
  it('reports a change of presence with the name from the newer poll', () => {
    const prev = [colleague(1, { presence: 'offline', presenceSince: 5 }), colleague(2)];
    const next = [colleague(1, { presence: 'online', name: 'Anna Petrova' }), colleague(2)];
    expect(presenceTransitions(prev, next, AT)).toEqual([
      { userId: 1, name: 'Anna Petrova', from: 'offline', to: 'online', at: AT },
    ]);
  });

  it('ignores a refreshed last activity, a new position or an unchanged presence', () => {
    const prev = [
      colleague(1, { lastActivity: 1 }),
      colleague(2, { presence: 'idle', presenceSince: 10 }),
    ];
    const next = [
      colleague(1, { lastActivity: 2, position: 'Lead', desktop: true }),
      colleague(2, { presence: 'idle', presenceSince: 20 }),
    ];
    expect(presenceTransitions(prev, next, AT)).toEqual([]);
  });

  it('reports leave start and end, alone (from === to) or together with presence', () => {
    const prev = [colleague(1), colleague(2, { absentUntil: '2026-11-20', presence: 'offline' })];
    const next = [
      colleague(1, { absentUntil: '2026-12-01' }),
      colleague(2, { absentUntil: null, presence: 'online' }),
    ];
    expect(presenceTransitions(prev, next, AT)).toEqual([
      { userId: 1, name: 'Person 1', from: 'online', to: 'online', at: AT, leave: 'started' },
      { userId: 2, name: 'Person 2', from: 'offline', to: 'online', at: AT, leave: 'ended' },
    ]);
  });

  it('an extended leave is not a transition', () => {
    const prev = [colleague(1, { absentUntil: '2026-11-20' })];
    const next = [colleague(1, { absentUntil: '2026-11-27' })];
    expect(presenceTransitions(prev, next, AT)).toEqual([]);
  });

  it('people who appear or disappear are not transitions', () => {
    const prev = [colleague(1, { presence: 'offline' })];
    const next = [colleague(2, { presence: 'online' })];
    expect(presenceTransitions(prev, next, AT)).toEqual([]);
  });

  it('omits the leave key rather than setting it to undefined (plain JSON)', () => {
    const [transition] = presenceTransitions(
      [colleague(1, { presence: 'online' })],
      [colleague(1, { presence: 'mobile' })],
      AT,
    );
    expect(transition && 'leave' in transition).toBe(false);
  });
});
