import { describe, expect, it } from 'vitest';
import { classify, decide } from '../../../../../electron/core/alerts/classify.js';
import type {
  Colleague,
  Presence,
  PresenceTransition,
} from '../../../../../electron/shared/domain.js';
import { colleague } from '../../../../support/colleague.js';

const ALL = { online: true, backFromIdle: true, offline: true, backFromLeave: true };
const AT = 1_000;
const person = (presence: Presence, fields: Partial<Colleague> = {}): Colleague =>
  colleague(1, { presence, ...fields });
const change = (from: Presence, to: Presence, leave?: 'started' | 'ended'): PresenceTransition => ({
  userId: 1,
  name: 'Person 1',
  from,
  to,
  at: AT,
  ...(leave ? { leave } : {}),
});

describe('classify', () => {
  it.each([
    ['offline', 'online', { presenceSince: 7 }, { kind: 'online', marker: '7' }],
    ['offline', 'idle', { presenceSince: null }, { kind: 'online', marker: '@1000' }],
    ['idle', 'mobile', { presenceSince: 9 }, { kind: 'back-from-idle', marker: '9' }],
    ['online', 'mobile', {}, null],
    ['online', 'idle', {}, null],
  ] as const)('%s → %s', (from, to, before, expected) => {
    expect(classify(change(from, to), person(from, before), person(to), ALL)).toEqual(expected);
  });

  it('dates an offline alert by the last activity after it, and a leave by its last day off', () => {
    expect(
      classify(
        change('online', 'offline'),
        person('online'),
        person('offline', { presenceSince: 5 }),
        ALL,
      ),
    ).toEqual({ kind: 'offline', marker: '5' });
    const onLeave = person('offline', { absentUntil: '2026-11-22' });
    expect(classify(change('offline', 'online', 'ended'), onLeave, person('online'), ALL)).toEqual({
      kind: 'back-from-leave',
      marker: '2026-11-22',
    });
    expect(
      classify(change('offline', 'online', 'ended'), onLeave, person('online'), {
        ...ALL,
        backFromLeave: false,
      }),
    ).toMatchObject({ kind: 'online' });
  });
});

describe('decide', () => {
  it('says a transition once, and remembers it', () => {
    const first = decide(
      change('offline', 'online'),
      person('offline', { presenceSince: 7 }),
      person('online'),
      ALL,
      {},
    );
    expect(first).toEqual({ said: { online: '7' }, alert: { kind: 'online', marker: '7' } });
    const again = decide(
      change('offline', 'online'),
      person('offline', { presenceSince: 7 }),
      person('online'),
      ALL,
      first.said,
    );
    expect(again).toEqual({ said: first.said, alert: null });
    expect(again.said).toBe(first.said);
  });

  it('keeps a leave that ended while the person was away for their return', () => {
    const onLeave = person('offline', { absentUntil: '2026-11-22' });
    const ended = decide(change('offline', 'offline', 'ended'), onLeave, person('offline'), ALL, {
      offline: '3',
    });
    expect(ended).toEqual({
      said: { offline: '3', awaitingReturnFrom: '2026-11-22' },
      alert: null,
    });
    const back = decide(
      change('offline', 'online'),
      person('offline', { presenceSince: 8 }),
      person('online'),
      ALL,
      ended.said,
    );
    expect(back).toEqual({
      said: { offline: '3', 'back-from-leave': '2026-11-22' },
      alert: { kind: 'back-from-leave', marker: '2026-11-22' },
    });
    // With back-from-leave off, the return is an ordinary arrival, and the wait is over.
    const plain = decide(
      change('offline', 'online'),
      person('offline', { presenceSince: 8 }),
      person('online'),
      { ...ALL, backFromLeave: false },
      ended.said,
    );
    expect(plain).toEqual({
      said: { offline: '3', online: '8' },
      alert: { kind: 'online', marker: '8' },
    });
  });
});
