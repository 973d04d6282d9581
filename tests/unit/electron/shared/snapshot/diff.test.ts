import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Colleague, Patch, Snapshot } from '../../../../../electron/shared/domain.js';
import { PatchSchema, SnapshotSchema } from '../../../../../electron/shared/contract.js';
import {
  NonCanonicalSnapshotError,
  changedFields,
  PatchMismatchError,
  SequenceGapError,
  applyPatch,
  diffSnapshots,
  patchChanges,
} from '../../../../../electron/shared/snapshot/diff.js';
import { colleague } from '../../../../support/colleague.js';

// Small value domains, so random pairs often share values and often differ.
const colleagueArb = (id: number): fc.Arbitrary<Colleague> =>
  fc.record(
    {
      id: fc.constant(id),
      name: fc.constantFrom('Anna', 'Борис', '<b>x</b>', ''),
      firstName: fc.constantFrom('A', 'B'),
      lastName: fc.constantFrom('P', 'S'),
      position: fc.constantFrom('', 'Dev'),
      departments: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
      avatar: fc.constantFrom(null, 'https://cdn.example/a.png', 'https://cdn.example/b.png'),
      color: fc.constantFrom(null, '#aabbcc'),
      presence: fc.constantFrom('online', 'idle', 'mobile', 'offline'),
      presenceSince: fc.constantFrom(null, 1_700_000_000_000, 1_700_000_060_000),
      lastActivity: fc.constantFrom(null, 1_700_000_000_000, 1_700_000_030_000),
      desktop: fc.boolean(),
      status: fc.constantFrom('online', 'dnd', 'custom'),
      absentUntil: fc.constantFrom(null, '2026-12-01'),
      bot: fc.boolean(),
      extranet: fc.boolean(),
      gender: fc.constantFrom(null, 'M', 'F'),
      calendar: fc.constantFrom(
        null,
        [],
        [{ kind: 'meeting' as const, from: 1_700_000_000_000, until: 1_700_000_900_000 }],
      ),
      timeZone: fc.constantFrom(null, 'Europe/Berlin'),
    },
    { noNullPrototype: true },
  );

/** A canonical colleague list: a random subset of ids 1..30, ascending. */
const colleaguesArb: fc.Arbitrary<Colleague[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 20 })
  .chain((ids) => fc.tuple(...ids.sort((a, b) => a - b).map(colleagueArb)));

/**
 * What happens to someone in both snapshots: kept (an equal copy, the common case), the same
 * object (the model reused it), only lastActivity refreshed (the most common change: a
 * messenger's), lastActivity cleared, anything (the random next entry), or removed.
 */
const FATES = [
  'copy',
  'same',
  'activity',
  'activity',
  'activity-null',
  'random',
  'removed',
] as const;

type Fate = (typeof FATES)[number];
function fated(before: Colleague, fate: Fate): Colleague {
  switch (fate) {
    case 'same':
      return before;
    case 'activity':
      return { ...before, lastActivity: (before.lastActivity ?? 1_700_000_000_000) + 240_000 };
    case 'activity-null':
      return { ...before, lastActivity: null };
    default:
      return { ...before }; // an equal copy, not the same object
  }
}

/**
 * A next snapshot that keeps some people unchanged, refreshes many's activity, varies some,
 * removes some (people of prev) and adds some (the people of `next` prev does not have).
 */
const pairArb: fc.Arbitrary<[Snapshot, Snapshot]> = fc
  .record({
    prev: colleaguesArb,
    next: colleaguesArb,
    fate: fc.array(fc.constantFrom(...FATES), { minLength: 30, maxLength: 30 }),
    random: fc.array(colleagueArb(1), { minLength: 30, maxLength: 30 }),
  })
  .map(({ prev, next, fate, random }) => {
    const ids = [...new Set([...prev.map((item) => item.id), ...next.map((item) => item.id)])].sort(
      (a, b) => a - b,
    );
    const prevById = new Map(prev.map((item) => [item.id, item]));
    const nextById = new Map(next.map((item) => [item.id, item]));
    const merged = ids.flatMap((id): Colleague[] => {
      const before = prevById.get(id);
      if (!before) return [nextById.get(id) as Colleague];
      switch (fate[id - 1]) {
        case 'removed':
          return [];
        case 'random':
          return [nextById.get(id) ?? { ...(random[id - 1] as Colleague), id }];
        default:
          return [fated(before, fate[id - 1] as Fate)];
      }
    });
    return [
      { seq: 4, at: 1_000, colleagues: prev },
      { seq: 5, at: 2_000, colleagues: merged },
    ];
  });

describe('diffSnapshots / applyPatch properties', () => {
  it('apply(prev, diff(prev, next)) reproduces next exactly', () => {
    fc.assert(
      fc.property(pairArb, ([prev, next]) => {
        expect(applyPatch(prev, diffSnapshots(prev, next))).toStrictEqual(next);
      }),
      { numRuns: 500 },
    );
  });

  it('the patch mentions only changed people and only their changed fields', () => {
    fc.assert(
      fc.property(pairArb, ([prev, next]) => {
        const patch = diffSnapshots(prev, next);
        const before = new Map(prev.colleagues.map((item) => [item.id, item]));
        const after = new Map(next.colleagues.map((item) => [item.id, item]));
        expect(patch.seq).toBe(next.seq);
        expect(patch.at).toBe(next.at);
        expect(patch.added.map((item) => item.id)).toEqual(
          [...after.keys()].filter((id) => !before.has(id)),
        );
        expect(patch.removed).toEqual([...before.keys()].filter((id) => !after.has(id)));
        const activity = patch.activity ?? [];
        const activityIds = activity.map(([id]) => id);
        const changedIds = new Set([...patch.changed.map((change) => change.id), ...activityIds]);
        for (const [id, next] of after) {
          const old = before.get(id);
          if (!old) continue;
          expect(changedIds.has(id)).toBe(JSON.stringify(old) !== JSON.stringify(next));
        }
        // activity: ascending, each id once, in no other list; exactly the lastActivity-only changes.
        expect(patch.activity === undefined || patch.activity.length > 0).toBe(true);
        expect(activityIds).toEqual([...new Set(activityIds)].sort((a, b) => a - b));
        for (const [id, lastActivity] of activity) {
          expect(patch.changed.some((change) => change.id === id)).toBe(false);
          expect(patch.added.some((item) => item.id === id) || patch.removed.includes(id)).toBe(
            false,
          );
          expect({ ...before.get(id), lastActivity }).toStrictEqual(after.get(id));
          expect(before.get(id)?.lastActivity).not.toBe(lastActivity);
        }
        for (const change of patch.changed) {
          const old = before.get(change.id) as Colleague;
          const now = after.get(change.id) as Colleague;
          expect(Object.keys(change.fields).length).toBeGreaterThan(0);
          const onlyActivity = Object.keys(change.fields).join() === 'lastActivity';
          expect(onlyActivity && change.fields.lastActivity !== null, 'belongs in activity').toBe(
            false,
          );
          for (const [key, value] of Object.entries(change.fields)) {
            expect(value).toEqual(now[key as keyof Colleague]);
            expect(value).not.toEqual(old[key as keyof Colleague]);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('survives a JSON round trip and the contract schemas unchanged', () => {
    fc.assert(
      fc.property(pairArb, ([prev, next]) => {
        const patch = diffSnapshots(prev, next);
        const wirePatch = PatchSchema.parse(JSON.parse(JSON.stringify(patch)));
        const wirePrev = SnapshotSchema.parse(JSON.parse(JSON.stringify(prev)));
        expect(wirePatch).toStrictEqual(patch);
        expect(applyPatch(wirePrev, wirePatch)).toStrictEqual(next);
      }),
      { numRuns: 300 },
    );
  });

  it('generates activity-only changes often (the case the compact form is for)', () => {
    const samples = fc.sample(pairArb, { numRuns: 200, seed: 7 });
    const withActivity = samples.filter(
      ([prev, next]) => (diffSnapshots(prev, next).activity?.length ?? 0) > 0,
    );
    expect(withActivity.length).toBeGreaterThan(100);
  });

  it('patchChanges lists every changed person once, activity ones as { lastActivity }, in id order', () => {
    fc.assert(
      fc.property(pairArb, ([prev, next]) => {
        const patch = diffSnapshots(prev, next);
        const all = patchChanges(patch);
        const before = new Map(prev.colleagues.map((item) => [item.id, item]));
        const ids = all.map((change) => change.id);
        expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
        for (const change of all)
          expect(
            changedFields(
              before.get(change.id) as Colleague,
              next.colleagues.find((item) => item.id === change.id) as Colleague,
            ),
          ).toEqual(change.fields);
        if (!patch.activity) expect(all).toBe(patch.changed);
      }),
      { numRuns: 300 },
    );
  });

  it('never modifies its inputs', () => {
    fc.assert(
      fc.property(pairArb, ([prev, next]) => {
        const prevCopy = structuredClone(prev);
        const nextCopy = structuredClone(next);
        applyPatch(prev, diffSnapshots(prev, next));
        expect(prev).toStrictEqual(prevCopy);
        expect(next).toStrictEqual(nextCopy);
      }),
      { numRuns: 100 },
    );
  });
});

describe('diffSnapshots', () => {
  it('compares departments by elements, not by identity', () => {
    const prev = { seq: 1, at: 0, colleagues: [colleague(1, { departments: [1, 2] })] };
    const same = { seq: 2, at: 1, colleagues: [colleague(1, { departments: [1, 2] })] };
    const moved = { seq: 2, at: 1, colleagues: [colleague(1, { departments: [2, 1] })] };
    expect(diffSnapshots(prev, same).changed).toEqual([]);
    expect(diffSnapshots(prev, moved).changed).toEqual([
      { id: 1, fields: { departments: [2, 1] } },
    ]);
  });

  it('tells null from 0 and from a missing value', () => {
    const prev = { seq: 1, at: 0, colleagues: [colleague(1, { presenceSince: null })] };
    const next = { seq: 2, at: 1, colleagues: [colleague(1, { presenceSince: 0 })] };
    expect(diffSnapshots(prev, next).changed).toEqual([{ id: 1, fields: { presenceSince: 0 } }]);
  });

  it('rejects snapshots out of canonical order or with a repeated id', () => {
    const ok = { seq: 1, at: 0, colleagues: [colleague(1), colleague(2)] };
    const unsorted = { seq: 2, at: 1, colleagues: [colleague(2), colleague(1)] };
    const repeated = { seq: 2, at: 1, colleagues: [colleague(1), colleague(1)] };
    expect(() => diffSnapshots(ok, unsorted)).toThrow(NonCanonicalSnapshotError);
    expect(() => diffSnapshots(repeated, ok)).toThrow(/ascending id/);
  });
});

describe('applyPatch errors', () => {
  const prev: Snapshot = { seq: 3, at: 0, colleagues: [colleague(1), colleague(3)] };
  const empty = { at: 1, added: [], changed: [], removed: [] };

  it('throws SequenceGapError for a patch that does not directly follow', () => {
    for (const seq of [3, 5, 1]) {
      const attempt = () => applyPatch(prev, { ...empty, seq });
      expect(attempt).toThrow(SequenceGapError);
      expect(attempt).toThrow(expect.objectContaining({ expected: 4, received: seq }));
    }
  });

  it('throws PatchMismatchError when the patch does not fit the snapshot', () => {
    expect(() => applyPatch(prev, { ...empty, seq: 4, added: [colleague(3)] })).toThrow(
      PatchMismatchError,
    );
    expect(() => applyPatch(prev, { ...empty, seq: 4, removed: [2] })).toThrow(/does not have: 2/);
    expect(() =>
      applyPatch(prev, { ...empty, seq: 4, changed: [{ id: 9, fields: { name: 'x' } }] }),
    ).toThrow(PatchMismatchError);
    expect(() =>
      applyPatch(prev, { ...empty, seq: 4, added: [colleague(2), colleague(2)] }),
    ).toThrow(NonCanonicalSnapshotError);
  });

  it('applies activity entries and refuses malformed ones (unknown, unsorted, repeated, in another list)', () => {
    const three: Snapshot = {
      seq: 3,
      at: 0,
      colleagues: [colleague(1), colleague(3), colleague(5)],
    };
    const patch = (extra: Partial<Patch>): Patch => ({ ...empty, seq: 4, ...extra });
    const next = applyPatch(
      three,
      patch({
        activity: [
          [1, 10],
          [5, 50],
        ],
        changed: [{ id: 3, fields: { name: 'x' } }],
      }),
    );
    expect(next.colleagues).toStrictEqual([
      colleague(1, { lastActivity: 10 }),
      colleague(3, { name: 'x' }),
      colleague(5, { lastActivity: 50 }),
    ]);
    expect(applyPatch(three, patch({ activity: [] })).colleagues).toStrictEqual(three.colleagues);
    const refused: Array<[string, Partial<Patch>]> = [
      ['unknown id', { activity: [[2, 10]] }],
      [
        'unknown id after the last',
        {
          activity: [
            [5, 10],
            [9, 10],
          ],
        },
      ],
      [
        'unknown id before the first',
        {
          activity: [
            [0, 10],
            [1, 10],
          ],
        },
      ],
      [
        'unsorted',
        {
          activity: [
            [3, 10],
            [1, 10],
          ],
        },
      ],
      [
        'unsorted (far)',
        {
          activity: [
            [5, 10],
            [1, 10],
          ],
        },
      ],
      [
        'repeated',
        {
          activity: [
            [3, 10],
            [3, 11],
          ],
        },
      ],
      ['also changed', { activity: [[3, 10]], changed: [{ id: 3, fields: { name: 'x' } }] }],
      ['also removed', { activity: [[3, 10]], removed: [3] }],
      ['also added', { activity: [[4, 10]], added: [colleague(4)] }],
    ];
    for (const [what, extra] of refused)
      expect(() => applyPatch(three, patch(extra)), what).toThrow(PatchMismatchError);
  });

  it('the schema takes activity only as [id, epoch ms] pairs', () => {
    const base = { ...empty, seq: 4 };
    expect(PatchSchema.safeParse({ ...base, activity: [[1, 10]] }).success).toBe(true);
    expect(PatchSchema.safeParse(base).success).toBe(true);
    for (const activity of [
      [[1, null]],
      [[0, 10]],
      [[1, -1]],
      [[1, 1.5]],
      [[1]],
      [[1, 10, 3]],
      [{ id: 1, lastActivity: 10 }],
      null,
      [[1, 10]].values(),
    ]) {
      expect(PatchSchema.safeParse({ ...base, activity }).success, JSON.stringify(activity)).toBe(
        false,
      );
    }
  });

  it('accepts added people in any order and still yields canonical order', () => {
    const next = applyPatch(prev, { ...empty, seq: 4, added: [colleague(4), colleague(2)] });
    expect(next.colleagues.map((item) => item.id)).toEqual([1, 2, 3, 4]);
  });
});

describe('a large team', () => {
  it('patches 5,000 people with 1 % changed by naming only the 50 who changed', () => {
    const prev: Snapshot = {
      seq: 1,
      at: 0,
      colleagues: Array.from({ length: 5000 }, (_, i) => colleague(i + 1, { departments: [1, 2] })),
    };
    const next: Snapshot = {
      seq: 2,
      at: 1,
      // Fresh objects for everyone, as the model produces each poll; every 100th person changed.
      colleagues: prev.colleagues.map((item) =>
        item.id % 100 === 0
          ? { ...item, presence: 'offline' as const }
          : { ...item, departments: [1, 2] },
      ),
    };
    const patch = diffSnapshots(prev, next);
    expect(patch.activity).toBeUndefined();
    expect(patch.changed).toHaveLength(50);
    expect(patch.changed.every((change) => Object.keys(change.fields).join() === 'presence')).toBe(
      true,
    );
    expect(applyPatch(prev, patch)).toEqual(next);
  });
});

describe('changedFields', () => {
  it('notices a change in every single field', () => {
    const base = colleague(1, { departments: [1] });
    const different: { [K in keyof Colleague]: Colleague[K] } = {
      id: 1,
      name: 'other',
      firstName: 'other',
      lastName: 'other',
      position: 'other',
      departments: [2],
      avatar: 'https://cdn.example/x.png',
      color: '#000000',
      presence: 'offline',
      presenceSince: 1,
      lastActivity: 2,
      desktop: true,
      status: 'dnd',
      absentUntil: '2026-12-01',
      bot: true,
      extranet: true,
      gender: 'F',
      calendar: [{ kind: 'tentative', from: 1, until: 2 }],
      timeZone: 'Asia/Tokyo',
    };
    for (const key of Object.keys(base) as (keyof Colleague)[]) {
      if (key === 'id') continue;
      const changed = { ...base, [key]: different[key] };
      expect(changedFields(base, changed), key).toEqual({ [key]: different[key] });
    }
  });
});
