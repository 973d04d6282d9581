import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Colleague, Presence } from '../../../../../electron/shared/domain.js';
import { DesktopChecks } from '../../../../../electron/core/presence/desktop.js';

/** The order candidates() had as one sort with the priority set in the comparator. */
function reference(
  checks: DesktopChecks,
  colleagues: readonly Colleague[],
  priority: ReadonlySet<number>,
): number[] {
  const wanted: { id: number; rank: number }[] = [];
  const seen = new Set<number>();
  for (const colleague of colleagues) {
    seen.add(colleague.id);
    if (colleague.presence === 'offline') continue;
    wanted.push({
      id: colleague.id,
      rank: checks.checkedAt(colleague.id) ?? Number.NEGATIVE_INFINITY,
    });
  }
  for (const id of priority) if (!seen.has(id)) wanted.push({ id, rank: Number.NEGATIVE_INFINITY });
  wanted.sort(
    (a, b) =>
      Number(priority.has(b.id)) - Number(priority.has(a.id)) || a.rank - b.rank || a.id - b.id,
  );
  return wanted.map((entry) => entry.id);
}

const person = (id: number, presence: Presence) => ({ id, presence }) as Colleague;

describe('DesktopChecks.candidates', () => {
  it('priority first, then by oldest check and id: the same order as one sort with the priority in the comparator', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.integer({ min: 1, max: 40 }),
            presence: fc.constantFrom<Presence>('online', 'idle', 'mobile', 'offline'),
          }),
        ),
        fc.array(
          fc.record({ id: fc.integer({ min: 1, max: 40 }), at: fc.integer({ min: 0, max: 5 }) }),
        ),
        fc.uniqueArray(fc.integer({ min: 1, max: 50 }), { maxLength: 8 }),
        (people, answers, priorityIds) => {
          const checks = new DesktopChecks();
          for (const { id, at } of answers) checks.record(new Map([[id, false]]), at);
          const colleagues = people.map(({ id, presence }) => person(id, presence));
          const priority = new Set(priorityIds);
          expect(checks.candidates(colleagues, priority)).toEqual(
            reference(checks, colleagues, priority),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
