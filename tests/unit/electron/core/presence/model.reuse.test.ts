import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseRawUserDetailed,
  USER_INPUT_FIELDS,
  UserChecks,
} from '../../../../../electron/core/bitrix/schemas.js';
import { uniqueById } from '../../../../../electron/core/bitrix/team.js';
import type { RawUser } from '../../../../../electron/core/bitrix/types.js';
import {
  PresenceModel,
  toColleague,
  toColleagues,
  type ModelOptions,
} from '../../../../../electron/core/presence/model.js';
import { SnapshotTracker } from '../../../../../electron/core/snapshot/tracker.js';

/**
 * The engine's shortcuts for people whose user object did not change (UserChecks hands back the
 * previous RawUser, PresenceModel the previous Colleague or one with only its time-dependent
 * fields derived again, the tracker skips identical objects) must give exactly what the plain
 * path gives: every object through the check, toColleagues from scratch, a tracker of its own.
 */

// 2026-11-23 09:00:00 UTC; the portal writes Moscow time (+03:00).
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

function atom(ms: number): string {
  return `${new Date(ms + 3 * 3_600_000).toISOString().slice(0, 19)}+03:00`;
}

/** A date field around the poll's time: recent, near the 5-minute and online-limit edges, odd. */
const dateArb = (now: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(
      false,
      '',
      undefined,
      null,
      '2026-02-30T10:00:00+03:00',
      '2026-11-23 08:08:50',
      12,
    ),
    fc.integer({ min: -1_000, max: 2_000 }).map((seconds) => atom(now - seconds * 1000)),
    fc
      .constantFrom(299, 300, 301, 899, 900, 901, 1439, 1440)
      .map((seconds) => atom(now - seconds * 1000)),
  );

/** A user object as a portal might send it: mostly valid, sometimes odd in one field. */
const userObjectArb = (id: number, now: number): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      id: fc.oneof(
        { weight: 9, arbitrary: fc.constant(id) },
        { weight: 1, arbitrary: fc.constantFrom(String(id), -1, 'x') },
      ),
      active: fc.constantFrom(true, false, 'Y', undefined),
      name: fc.constantFrom('Anna Petrova', ' Борис ', '', undefined, 5),
      first_name: fc.constantFrom('Anna', 'Борис', undefined),
      last_name: fc.constantFrom('Petrova', '', undefined),
      work_position: fc.constantFrom('Accountant', null, undefined, ' QA '),
      color: fc.constantFrom('#df532d', '#DF532D', 'red', undefined),
      avatar: fc.constantFrom('', 'https://cdn.example/a.png', 'javascript:alert(1)', undefined),
      avatar_hr: fc.constantFrom(
        'https://b24.example/bitrix/js/im/images/blank.gif',
        'https://cdn.example/b.png',
        undefined,
      ),
      gender: fc.constantFrom('M', 'F', '', undefined),
      extranet: fc.constantFrom(true, false, undefined),
      bot: fc.constantFrom(true, false, undefined, 'N'),
      status: fc.constantFrom('online', 'dnd', 'away', '', undefined),
      idle: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: dateArb(now) },
      ),
      last_activity_date: dateArb(now),
      mobile_last_date: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: dateArb(now) },
      ),
      desktop_last_date: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: dateArb(now) },
      ),
      absent: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        {
          weight: 1,
          arbitrary: fc
            .integer({ min: -120, max: 120 })
            .map((seconds) => atom(now + seconds * 1000)),
        },
        { weight: 1, arbitrary: fc.constantFrom('2026-12-04T00:00:00+03:00', 'soon') },
      ),
      departments: fc.constantFrom([1, 5], [1], [], undefined, ['1'], [1, 'x']),
    },
    { requiredKeys: ['id'] },
  );

interface Step {
  /** Milliseconds the clock moves before this poll (negative: a clock set back). */
  readonly advanceMs: number;
  readonly onlineLimitSec: number;
  /** Per person: keep last poll's object itself, send an equal copy, or a new object. */
  readonly people: readonly {
    readonly how: 'same' | 'copy' | 'new';
    readonly fresh: Record<string, unknown>;
  }[];
  readonly desktop: readonly (boolean | null)[];
}

const PEOPLE = 4;

const stepArb: fc.Arbitrary<Step> = fc.record({
  advanceMs: fc.oneof(
    fc.constantFrom(30_000, 60_000, 240_000, 300_000, 1_000),
    fc.integer({ min: -120_000, max: 1_500_000 }),
  ),
  onlineLimitSec: fc.oneof(
    { weight: 5, arbitrary: fc.constant(900) },
    { weight: 1, arbitrary: fc.constantFrom(600, 1440) },
  ),
  people: fc.array(
    fc.record({
      how: fc.constantFrom('same', 'same', 'same', 'copy', 'new'),
      // Generated around T0; the clock steps move `now` away from it, which is the point.
      fresh: fc.integer({ min: 1, max: PEOPLE }).chain((id) => userObjectArb(id, T0)),
    }),
    { minLength: PEOPLE, maxLength: PEOPLE },
  ),
  desktop: fc.array(fc.constantFrom(true, false, null), { minLength: PEOPLE, maxLength: PEOPLE }),
});

/** A parse result's contents (UserChecks hands out its own entry objects). */
const result = (parse: { user: RawUser | null; degraded: boolean }) => ({
  user: parse.user,
  degraded: parse.degraded,
});

function plainUsers(values: readonly unknown[]): RawUser[] {
  const users: RawUser[] = [];
  for (const value of values) {
    const user = parseRawUserDetailed(value).user;
    if (user) users.push(user);
  }
  return uniqueById([users]);
}

describe('unchanged people: the reusing pipeline equals the plain one', () => {
  it('over random polls, user objects and clock steps (colleagues, patches, transitions)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 12 }), (steps) => {
        const checks = new UserChecks();
        const model = new PresenceModel();
        const fast = new SnapshotTracker();
        const plain = new SnapshotTracker();
        let now = T0;
        let previous: unknown[] = [];
        for (const step of steps) {
          now += step.advanceMs;
          const values = step.people.map((person, index) => {
            const before = previous[index];
            if (person.how === 'same' && before !== undefined) return before;
            if (person.how === 'copy' && before !== undefined) return structuredClone(before);
            return person.fresh;
          });
          previous = values;
          const desktopOf = (id: number): boolean | null => step.desktop[(id - 1) % PEOPLE] ?? null;
          const options: ModelOptions = { onlineLimitSec: step.onlineLimitSec, desktopOf };

          const fastUsers: RawUser[] = [];
          for (const value of values) {
            const parsed = checks.parse(value);
            expect(result(parsed)).toEqual(parseRawUserDetailed(value));
            if (parsed.user) fastUsers.push(parsed.user);
          }
          checks.sweep();
          const fastColleagues = model.update(uniqueById([fastUsers]), now, options);
          const plainColleagues = toColleagues(plainUsers(values), now, options);
          expect(fastColleagues).toEqual(plainColleagues);

          const a = fast.update(fastColleagues, now);
          const b = plain.update(plainColleagues, now);
          expect(a.patch).toEqual(b.patch);
          expect(a.transitions).toEqual(b.transitions);
          expect(a.snapshot).toEqual(b.snapshot);
        }
        expect(checks.size).toBeLessThanOrEqual(PEOPLE);
        expect(model.size).toBeLessThanOrEqual(PEOPLE);
      }),
      { numRuns: 400 },
    );
  });

  it('an unchanged object keeps its RawUser and Colleague, and still goes online → idle → offline on time', () => {
    const checks = new UserChecks();
    const model = new PresenceModel();
    const options = { onlineLimitSec: 900 };
    const object = {
      id: 7,
      name: 'Anna Petrova',
      last_activity_date: atom(T0),
      idle: false,
      mobile_last_date: false,
      desktop_last_date: false,
      absent: false,
    };
    const poll = (now: number) => {
      const user = checks.parse(structuredClone(object)).user as RawUser;
      checks.sweep();
      const [colleague] = model.update([user], now, options);
      expect(colleague).toEqual(toColleague(user, now, options));
      return { user, colleague: colleague as ReturnType<typeof toColleague> };
    };
    const first = poll(T0 + 30_000);
    const second = poll(T0 + 60_000);
    expect(second.user).toBe(first.user);
    expect(second.colleague).toBe(first.colleague);
    expect(second.colleague.presence).toBe('online');
    expect(poll(T0 + 299_999).colleague.presence).toBe('online');
    const idle = poll(T0 + 300_000).colleague;
    expect(idle).toMatchObject({ presence: 'idle', presenceSince: T0 });
    expect(poll(T0 + 899_999).colleague).toBe(idle);
    expect(poll(T0 + 900_000).colleague).toMatchObject({ presence: 'offline', presenceSince: T0 });
    // The clock set back: online again, as the plain path says.
    expect(poll(T0 + 10_000).colleague.presence).toBe('online');
  });

  it('a leave that ends while the object stays the same ends on time', () => {
    const model = new PresenceModel();
    const options = { onlineLimitSec: 900 };
    const user: RawUser = { id: 3, last_activity_date: atom(T0), absent: atom(T0 + 60_000) };
    expect(model.update([user], T0, options)[0]?.absentUntil).toBe('2026-11-23');
    expect(model.update([user], T0 + 59_999, options)[0]?.absentUntil).toBe('2026-11-23');
    expect(model.update([user], T0 + 60_000, options)[0]?.absentUntil).toBeNull();
  });

  it('a change of any one field the check keeps is never taken for the same object', () => {
    const base: Record<string, unknown> = {
      id: 7,
      active: true,
      name: 'Anna',
      first_name: 'Anna',
      last_name: 'Petrova',
      work_position: 'QA',
      color: '#df532d',
      avatar: 'https://cdn.example/a.png',
      avatar_hr: 'https://cdn.example/a.png',
      gender: 'F',
      extranet: false,
      bot: false,
      status: 'online',
      idle: false,
      last_activity_date: atom(T0),
      mobile_last_date: false,
      desktop_last_date: false,
      absent: false,
      departments: [1, 5],
    };
    const other: Record<string, unknown> = {
      id: 8,
      active: false,
      name: 'Anna P',
      first_name: 'Ann',
      last_name: 'Petrov',
      work_position: null,
      color: '#000000',
      avatar: '',
      avatar_hr: 'https://cdn.example/b.png',
      gender: 'M',
      extranet: true,
      bot: true,
      status: 'dnd',
      idle: atom(T0),
      last_activity_date: atom(T0 + 1000),
      mobile_last_date: atom(T0),
      desktop_last_date: atom(T0),
      absent: atom(T0 + 86_400_000),
      departments: [1, 6],
    };
    expect(Object.keys(base).sort()).toEqual([...USER_INPUT_FIELDS].sort());
    for (const field of USER_INPUT_FIELDS) {
      const checks = new UserChecks();
      const first = checks.parse(structuredClone(base)).user;
      checks.sweep();
      const changed = { ...structuredClone(base), [field]: other[field] };
      const second = checks.parse(changed);
      expect(second.user, field).not.toBe(first);
      expect(result(second), field).toEqual(parseRawUserDetailed(changed));
    }
    // Departments: one id more, one fewer, and not an array at all.
    for (const departments of [[1, 5, 6], [1], '1,5']) {
      const checks = new UserChecks();
      const first = checks.parse(structuredClone(base)).user;
      const second = checks.parse({ ...structuredClone(base), departments });
      expect(second.user).not.toBe(first);
    }
  });

  it('forgets people a fetch did not see', () => {
    const checks = new UserChecks();
    const model = new PresenceModel();
    const users = [1, 2, 3].map(
      (id) => checks.parse({ id, last_activity_date: atom(T0) }).user as RawUser,
    );
    checks.sweep();
    model.update(users, T0, { onlineLimitSec: 900 });
    checks.parse({ id: 2, last_activity_date: atom(T0) });
    checks.sweep();
    model.update([users[1] as RawUser], T0, { onlineLimitSec: 900 });
    expect(checks.size).toBe(1);
    expect(model.size).toBe(1);
  });
});

describe('uniqueById', () => {
  it('keeps ascending pages as they are, and the first of a repeated id otherwise', () => {
    const a = { id: 1 };
    const b = { id: 2 };
    const b2 = { id: 2, name: 'again' };
    const c = { id: 3 };
    expect(uniqueById([[a, b], [c]])).toEqual([a, b, c]);
    expect(
      uniqueById([
        [a, b],
        [b2, c],
      ]),
    ).toEqual([a, b, c]);
    expect(
      uniqueById([
        [c, a],
        [b, a],
      ]),
    ).toEqual([c, a, b]);
  });
});
