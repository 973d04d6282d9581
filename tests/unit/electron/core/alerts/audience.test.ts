import { describe, expect, it } from 'vitest';
import { heldBack, isStarred, wanted } from '../../../../../electron/core/alerts/audience.js';
import type { LocalTimeFn } from '../../../../../electron/core/alerts/quiet-hours.js';
import { DEFAULT_SETTINGS } from '../../../../../electron/shared/settings/defaults.js';
import type { Settings } from '../../../../../electron/shared/settings/schema.js';
import { colleague } from '../../../../support/colleague.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0);
const rules: Settings['rules'] = { '2': 'starred', '3': 'muted' };
const plain = colleague(1);
const starred = colleague(2);
const muted = colleague(3);

function settings(
  scope: Settings['alerts']['scope'],
  alerts: Partial<Settings['alerts']> = {},
): Pick<Settings, 'alerts' | 'rules'> {
  return { alerts: { ...DEFAULT_SETTINGS.alerts, scope, ...alerts }, rules };
}

describe('isStarred', () => {
  it('reads the per-person rule', () => {
    expect(isStarred(starred, rules)).toBe(true);
    expect(isStarred(plain, rules)).toBe(false);
    expect(isStarred(muted, rules)).toBe(false);
  });
});

describe('wanted', () => {
  it("'everyone' alerts about all but the muted", () => {
    const who = settings('everyone');
    expect([plain, starred, muted].map((person) => wanted(person, who))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("'starred' alerts only about starred people", () => {
    const who = settings('starred');
    expect([plain, starred, muted].map((person) => wanted(person, who))).toEqual([
      false,
      true,
      false,
    ]);
  });

  it("'nobody' is the off switch, stars included", () => {
    const who = settings('nobody');
    expect([plain, starred, muted].map((person) => wanted(person, who))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('never alerts about a bot, even a starred one', () => {
    expect(wanted(colleague(2, { bot: true }), settings('everyone'))).toBe(false);
    expect(wanted(colleague(2, { bot: true }), settings('starred'))).toBe(false);
  });
});

describe('heldBack', () => {
  // Monday 09:00 wherever the test says it is: the zone is the caller's, here a fixed function.
  const mondayNine: LocalTimeFn = () => ({ day: 1, minutes: 9 * 60 });
  const workdayQuiet = {
    enabled: true,
    windows: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '10:00' }],
  };

  it('holds nothing back by default', () => {
    expect(heldBack(settings('everyone'), NOW, mondayNine)).toBe(false);
  });

  it('holds alerts back while paused, and lets them out when the pause ends', () => {
    const paused = settings('everyone', { pausedUntil: NOW + 60_000 });
    expect(heldBack(paused, NOW, mondayNine)).toBe(true);
    expect(heldBack(paused, NOW + 59_999, mondayNine)).toBe(true);
    expect(heldBack(paused, NOW + 60_000, mondayNine)).toBe(false);
  });

  it('holds alerts back inside enabled quiet hours only', () => {
    expect(heldBack(settings('everyone', { quietHours: workdayQuiet }), NOW, mondayNine)).toBe(
      true,
    );
    expect(
      heldBack(
        settings('everyone', { quietHours: { ...workdayQuiet, enabled: false } }),
        NOW,
        mondayNine,
      ),
    ).toBe(false);
    const mondayNoon: LocalTimeFn = () => ({ day: 1, minutes: 12 * 60 });
    expect(heldBack(settings('everyone', { quietHours: workdayQuiet }), NOW, mondayNoon)).toBe(
      false,
    );
  });

  it('asks the local time of the very instant it judges', () => {
    const asked: number[] = [];
    const localTime: LocalTimeFn = (at) => {
      asked.push(at);
      return { day: 1, minutes: 9 * 60 };
    };
    heldBack(settings('everyone', { quietHours: workdayQuiet }), NOW + 5, localTime);
    expect(asked).toEqual([NOW + 5]);
  });
});
