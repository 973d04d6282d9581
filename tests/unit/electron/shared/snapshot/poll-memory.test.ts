import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PollMemory } from '../../../../../electron/shared/snapshot/poll-memory.js';

describe('PollMemory', () => {
  it('finds what the last poll kept, as a map of its first entry per id would, in any order of asking', () => {
    const pollArb = fc.oneof(
      fc
        .uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 20 })
        .map((ids) => ids.sort((a, b) => a - b)),
      fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 20 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ kept: pollArb, asked: pollArb }), { minLength: 1, maxLength: 6 }),
        (polls) => {
          const memory = new PollMemory<{ id: number; poll: number; index: number }>();
          let expected = new Map<number, { id: number; poll: number; index: number }>();
          polls.forEach(({ kept, asked }, poll) => {
            for (const id of asked) expect(memory.find(id)).toBe(expected.get(id));
            const next = new Map<number, { id: number; poll: number; index: number }>();
            kept.forEach((id, index) => {
              const entry = { id, poll, index };
              memory.keep(entry);
              if (!next.has(id)) next.set(id, entry);
            });
            memory.endPoll();
            expected = next;
            expect(memory.size).toBe(next.size);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hands out the first of a repeated id, also on the in-order path (fast-check seed 419360537)', () => {
    const memory = new PollMemory<{ id: number; index: number }>();
    memory.keep({ id: 5, index: 0 });
    memory.keep({ id: 5, index: 1 });
    memory.endPoll();
    expect(memory.find(5)).toEqual({ id: 5, index: 0 });
    expect(memory.find(5)).toEqual({ id: 5, index: 0 });
  });
});
