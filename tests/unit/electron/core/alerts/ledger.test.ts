import { describe, expect, it } from 'vitest';
import {
  loadAlertLedger,
  parseSaidAbout,
  serialiseAlertLedger,
  serialiseSaidAbout,
  transitionIdentity,
} from '../../../../../electron/core/alerts/ledger.js';
import { AlertPolicy } from '../../../../../electron/core/alerts/policy.js';
import { ManualClock } from '../../../../../electron/core/clock.js';
import type { AlertIntent, Colleague } from '../../../../../electron/shared/domain.js';
import { DEFAULT_SETTINGS } from '../../../../../electron/shared/settings/schema.js';
import { colleague } from '../../../../support/colleague.js';

/** What the policy wrote to the state file before the ledger had typed records, captured from a real run. */
const WRITTEN_BEFORE = {
  '1': 'on:1795417200000 off:1795420800000',
  '2': 'ret:2026-11-22',
  '3': 'idle:1795417199995 off:@1795424520000',
  // It put the newest identity last, so a person who came back online reads this way round.
  '4': 'off:1795420800000 on:1795424400000 leave:2026-11-22',
  // Clearing the awaited return of someone with nothing else remembered left an empty string.
  '5': '',
};

describe('alert ledger codec', () => {
  it('reads what the policy wrote before the typed records', () => {
    const ledger = loadAlertLedger({ load: () => ({ ...WRITTEN_BEFORE }), save: () => undefined });
    expect([...ledger]).toEqual([
      [1, { online: '1795417200000', offline: '1795420800000' }],
      [2, { awaitingReturnFrom: '2026-11-22' }],
      [3, { 'back-from-idle': '1795417199995', offline: '@1795424520000' }],
      [4, { offline: '1795420800000', online: '1795424400000', 'back-from-leave': '2026-11-22' }],
      [5, {}],
    ]);
  });

  it('writes the same items back, in one fixed order', () => {
    const ledger = loadAlertLedger({ load: () => ({ ...WRITTEN_BEFORE }), save: () => undefined });
    expect(serialiseAlertLedger(ledger)).toEqual({
      ...WRITTEN_BEFORE,
      '4': 'on:1795424400000 off:1795420800000 leave:2026-11-22',
    });
    for (const value of ['on:1 idle:@2 off:3 leave:2026-11-22 ret:2026-12-04', 'ret:', '']) {
      expect(serialiseSaidAbout(parseSaidAbout(value))).toBe(value);
    }
  });

  it('drops what it does not know, and entries that are not what the policy writes', () => {
    expect(parseSaidAbout('on:5 zz:9 nonsense :7 off:6')).toEqual({ online: '5', offline: '6' });
    const ledger = loadAlertLedger({
      load: () =>
        ({
          '1': 'on:5',
          nope: 'on:1',
          '007': 'on:1',
          '2': 42,
          '3': 'x'.repeat(501),
        }) as unknown as Record<string, string>,
      save: () => undefined,
    });
    expect([...ledger.keys()]).toEqual([1]);
    expect(
      loadAlertLedger({
        load: () => null as unknown as Record<string, string>,
        save: () => undefined,
      }).size,
    ).toBe(0);
  });

  it('names a transition as alert ids always have: code and marker', () => {
    expect(transitionIdentity('online', '1795417200000')).toBe('on:1795417200000');
    expect(transitionIdentity('back-from-idle', '@5')).toBe('idle:@5');
    expect(transitionIdentity('offline', '7')).toBe('off:7');
    expect(transitionIdentity('back-from-leave', '2026-11-22')).toBe('leave:2026-11-22');
  });

  it('an old ledger keeps its promises after the upgrade: no repeat, and the awaited return is said', () => {
    let stored: Record<string, string> = { ...WRITTEN_BEFORE };
    const alerts: AlertIntent[] = [];
    const clock = new ManualClock();
    const policy = new AlertPolicy({
      clock,
      getSettings: () => ({
        alerts: {
          ...DEFAULT_SETTINGS.alerts,
          burstWindowSec: 0,
          kinds: { online: true, backFromIdle: true, offline: true, backFromLeave: true },
        },
        rules: {},
      }),
      ledger: { load: () => stored, save: (next) => (stored = next) },
      emit: (alert) => alerts.push(alert),
    });
    const person = (id: number, fields: Partial<Colleague>): Colleague =>
      colleague(id, { name: `P${id}`, ...fields });
    const before = [
      person(1, { presence: 'offline', presenceSince: 1_795_417_200_000 }),
      person(2, { presence: 'offline' }),
    ];
    policy.baseline(before);
    const after = new Map([
      [1, person(1, { presence: 'online', presenceSince: null })],
      [2, person(2, { presence: 'online', presenceSince: null })],
    ]);
    policy.observe(
      [
        { userId: 1, name: 'P1', from: 'offline', to: 'online', at: clock.now() },
        { userId: 2, name: 'P2', from: 'offline', to: 'online', at: clock.now() },
      ],
      after,
    );
    expect(alerts.map((alert) => alert.title)).toEqual(['P2 is back from leave']);
    expect(stored).toEqual({ '1': 'on:1795417200000 off:1795420800000', '2': 'leave:2026-11-22' });
  });
});
