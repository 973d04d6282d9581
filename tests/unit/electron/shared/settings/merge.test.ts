import { describe, expect, it } from 'vitest';
import { mergeSettingsUpdate } from '../../../../../electron/shared/settings/merge.js';
import { DEFAULT_SETTINGS } from '../../../../../electron/shared/settings/defaults.js';
import type { Settings } from '../../../../../electron/shared/settings/schema.js';

describe('mergeSettingsUpdate', () => {
  it('merges the nested groups field by field', () => {
    const merged = mergeSettingsUpdate(DEFAULT_SETTINGS, {
      alerts: { sound: true },
      history: { retentionDays: 30 },
      ui: { theme: 'dark' },
    }) as Settings;
    expect(merged.alerts).toEqual({ ...DEFAULT_SETTINGS.alerts, sound: true });
    expect(merged.history).toEqual({ retentionDays: 30 });
    expect(merged.ui).toEqual({ ...DEFAULT_SETTINGS.ui, theme: 'dark' });
  });

  it('replaces top-level fields whole, lists and maps included', () => {
    const current: Settings = { ...DEFAULT_SETTINGS, rules: { '1': 'starred' }, watchIds: [1, 2] };
    const merged = mergeSettingsUpdate(current, {
      pollIntervalSec: 60,
      rules: { '3': 'muted' },
      watchIds: [3],
    }) as Settings;
    expect(merged).toEqual({
      ...current,
      pollIntervalSec: 60,
      rules: { '3': 'muted' },
      watchIds: [3],
    });
  });

  it('an empty update changes nothing, and the current settings are left alone', () => {
    const current = structuredClone(DEFAULT_SETTINGS);
    expect(mergeSettingsUpdate(current, {})).toEqual(DEFAULT_SETTINGS);
    mergeSettingsUpdate(current, { alerts: { sound: true } });
    expect(current).toEqual(DEFAULT_SETTINGS);
  });

  it('does not validate: a wrong value goes through for the caller to check', () => {
    const merged = mergeSettingsUpdate(DEFAULT_SETTINGS, {
      pollIntervalSec: -1,
    }) as Record<string, unknown>;
    expect(merged.pollIntervalSec).toBe(-1);
  });
});
