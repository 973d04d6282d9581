import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LastPollIndex } from '../../../../../electron/shared/snapshot/last-poll-index.js';

describe('LastPollIndex', () => {
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
          const lastPoll = new LastPollIndex<{ id: number; poll: number; index: number }>();
          let expected = new Map<number, { id: number; poll: number; index: number }>();
          polls.forEach(({ kept, asked }, poll) => {
            for (const id of asked) expect(lastPoll.find(id)).toBe(expected.get(id));
            const next = new Map<number, { id: number; poll: number; index: number }>();
            kept.forEach((id, index) => {
              const entry = { id, poll, index };
              lastPoll.keep(entry);
              if (!next.has(id)) next.set(id, entry);
            });
            lastPoll.endPoll();
            expected = next;
            expect(lastPoll.size).toBe(next.size);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hands out the first of a repeated id, also on the in-order path (fast-check seed 419360537)', () => {
    const lastPoll = new LastPollIndex<{ id: number; index: number }>();
    lastPoll.keep({ id: 5, index: 0 });
    lastPoll.keep({ id: 5, index: 1 });
    lastPoll.endPoll();
    expect(lastPoll.find(5)).toEqual({ id: 5, index: 0 });
    expect(lastPoll.find(5)).toEqual({ id: 5, index: 0 });
  });
});
