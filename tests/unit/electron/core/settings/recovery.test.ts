import { describe, expect, it } from 'vitest';
import { inspectSettingsText } from '../../../../../electron/core/settings/recovery.js';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
} from '../../../../../electron/shared/settings/schema.js';

const text = (value: unknown): string => JSON.stringify(value);

describe('settings file inspection', () => {
  it('uses defaults when there is no file', () => {
    expect(inspectSettingsText(null)).toEqual({ kind: 'missing', settings: DEFAULT_SETTINGS });
  });

  it('accepts a valid file as it is', () => {
    const stored = { ...DEFAULT_SETTINGS, pollIntervalSec: 90 };
    expect(inspectSettingsText(text(stored))).toEqual({
      kind: 'ok',
      settings: stored,
      rewrite: false,
      migratedFrom: null,
    });
  });

  it('does not rewrite a file only because its keys are in another order', () => {
    const reordered = Object.fromEntries(Object.entries(DEFAULT_SETTINGS).reverse());
    expect(inspectSettingsText(text(reordered))).toMatchObject({ kind: 'ok', rewrite: false });
  });

  it('completes missing fields from defaults and asks for a rewrite', () => {
    const { alerts, ...rest } = DEFAULT_SETTINGS;
    const { sound: _sound, ...alertsWithoutSound } = alerts;
    const verdict = inspectSettingsText(text({ ...rest, alerts: alertsWithoutSound }));
    expect(verdict).toMatchObject({ kind: 'ok', rewrite: true });
    expect(verdict.settings.alerts.sound).toBe(DEFAULT_SETTINGS.alerts.sound);
  });

  it('migrates an unversioned file', () => {
    const { version: _version, ...unversioned } = { ...DEFAULT_SETTINGS, pollIntervalSec: 15 };
    const verdict = inspectSettingsText(text(unversioned));
    expect(verdict).toMatchObject({ kind: 'ok', rewrite: true, migratedFrom: 0 });
    expect(verdict.settings).toMatchObject({ version: SETTINGS_VERSION, pollIntervalSec: 15 });
  });

  it('repairs only the bad fields and says which', () => {
    const stored = {
      ...DEFAULT_SETTINGS,
      pollIntervalSec: 1,
      watchIds: [4, 5],
      ui: { ...DEFAULT_SETTINGS.ui, theme: 'neon' },
    };
    const verdict = inspectSettingsText(text(stored));
    expect(verdict.kind).toBe('repaired');
    if (verdict.kind !== 'repaired') return;
    expect(verdict.settings.pollIntervalSec).toBe(DEFAULT_SETTINGS.pollIntervalSec);
    expect(verdict.settings.ui).toEqual(DEFAULT_SETTINGS.ui);
    expect(verdict.settings.watchIds).toEqual([4, 5]);
    expect(verdict.issues.join('\n')).toMatch(/pollIntervalSec: At least 2 seconds/);
    expect(verdict.issues.join('\n')).toMatch(/ui\.theme/);
  });

  it.each([
    ['not JSON', '{"version": 1,'],
    ['an array', '[]'],
    ['a newer version', text({ ...DEFAULT_SETTINGS, version: SETTINGS_VERSION + 1 })],
    ['empty', ''],
  ])('calls a file that is %s corrupt', (_name, content) => {
    const verdict = inspectSettingsText(content);
    expect(verdict.kind).toBe('corrupt');
    expect(verdict.settings).toEqual(DEFAULT_SETTINGS);
  });
});
