import { describe, expect, it } from 'vitest';
import { PRESENCES } from '../../../../../electron/shared/domain.js';
import {
  isAvailableNow,
  isReachableNow,
  blockEndedSince,
} from '../../../../../electron/shared/presence/available.js';
import { BLOCKING_CALENDAR_KINDS } from '../../../../../electron/shared/calendar.js';
import { fakeBridgeScript } from '../../../../e2e-web/support/fake-bridge.js';
import { DEFAULT_SETTINGS } from '../../../../../electron/shared/settings/defaults.js';

describe('isAvailableNow', () => {
  it('is true at a computer or on the phone, false idle or offline', () => {
    expect(PRESENCES.filter(isAvailableNow)).toEqual(['online', 'mobile']);
  });

  it('is the rule the browser tests’ fake bridge is handed, not a copy of it', () => {
    const script = fakeBridgeScript({
      settings: DEFAULT_SETTINGS,
      connection: 'demo',
      teamSize: 4,
    });
    expect(script).toContain(
      JSON.stringify({
        availablePresences: PRESENCES.filter(isAvailableNow),
        blockingKinds: BLOCKING_CALENDAR_KINDS,
      }),
    );
  });
});

describe('isReachableNow (the bell)', () => {
  const now = 1_800_000_000_000;
  const block = (kind: 'meeting' | 'tentative' | 'out-of-office', from: number, until: number) => ({
    kind,
    from,
    until,
  });

  it('waits out a meeting or an absence covering now, not a tentative invitation', () => {
    const meeting = [block('meeting', now - 60_000, now + 60_000)];
    expect(isReachableNow({ presence: 'online', calendar: meeting }, now)).toBe(false);
    expect(
      isReachableNow(
        { presence: 'online', calendar: [block('out-of-office', now - 1, now + 1)] },
        now,
      ),
    ).toBe(false);
    expect(
      isReachableNow({ presence: 'online', calendar: [block('tentative', now - 1, now + 1)] }, now),
    ).toBe(true);
    // The meeting's end is exclusive: free at that very moment.
    expect(isReachableNow({ presence: 'online', calendar: meeting }, now + 60_000)).toBe(true);
    expect(isReachableNow({ presence: 'online', calendar: null }, now)).toBe(true);
    expect(isReachableNow({ presence: 'idle', calendar: [] }, now)).toBe(false);
  });

  it('names the block that ended since the request, none while still in one', () => {
    const day = [
      block('meeting', now - 120_000, now - 60_000),
      block('tentative', now - 50_000, now - 40_000),
      block('meeting', now + 60_000, now + 120_000),
    ];
    expect(blockEndedSince(day, now - 90_000, now)).toBe('meeting');
    expect(blockEndedSince(day, now - 30_000, now)).toBe(null);
    expect(blockEndedSince(day, now - 90_000, now + 90_000)).toBe(null);
    expect(blockEndedSince(null, 0, now)).toBe(null);
  });
});
