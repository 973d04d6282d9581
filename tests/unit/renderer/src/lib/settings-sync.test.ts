import { describe, expect, it } from 'vitest';
import type { RevisedSettings } from '../../../../../electron/shared/contract.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../../electron/shared/settings/schema.js';
import { applySettingsUpdate } from '../../../../../renderer/src/lib/settings-update.js';
import { SettingsSync, type SettingsEdit } from '../../../../../renderer/src/lib/settings-sync.js';

/**
 * Two quick changes, each answered twice (the command's answer and the `settings` event): what
 * the panel shows must never step back to a state without a change that is on its way or done.
 */
const darkTheme: SettingsEdit = (settings) =>
  applySettingsUpdate(settings, { ui: { theme: 'dark' } });
const noSound: SettingsEdit = (settings) =>
  applySettingsUpdate(settings, { alerts: { sound: false } });
const both = (settings: Settings) =>
  settings.ui.theme === 'dark' && settings.alerts.sound === false;

/** The host: applies each change to its settings and counts them, as app-service.ts does. */
function host() {
  let settings: Settings = DEFAULT_SETTINGS;
  let revision = 0;
  return {
    session: (): RevisedSettings => ({ ...settings, revision }),
    apply(edit: SettingsEdit): RevisedSettings {
      settings = edit(settings);
      revision += 1;
      return { ...settings, revision };
    },
  };
}

describe('SettingsSync', () => {
  it('two quick changes, answered and evented in the order the host sends them: no step back', () => {
    const portal = host();
    const sync = new SettingsSync(DEFAULT_SETTINGS);
    sync.reset(portal.session());
    const a = sync.begin(darkTheme);
    const b = sync.begin(noSound);
    const shown: Settings[] = [sync.settings];
    // The host handles A, then B: each emits its event, then answers.
    const afterA = portal.apply(darkTheme);
    sync.receive(afterA); // event A
    shown.push(sync.settings);
    sync.receive(afterA); // answer A
    sync.end(a);
    shown.push(sync.settings);
    const afterB = portal.apply(noSound);
    sync.receive(afterB); // event B
    shown.push(sync.settings);
    sync.receive(afterB); // answer B
    sync.end(b);
    shown.push(sync.settings);
    expect(shown.map(both)).toEqual([true, true, true, true, true]);
    const { revision, ...latest } = portal.session();
    expect(revision).toBe(2);
    expect(sync.settings).toEqual(latest);
  });

  it('drops an answer or event older than what it has, and one as old', () => {
    const portal = host();
    const sync = new SettingsSync(DEFAULT_SETTINGS);
    const afterA = portal.apply(darkTheme);
    const afterB = portal.apply(noSound);
    expect(sync.receive(afterB)).toBe(true);
    expect(sync.receive(afterA)).toBe(false);
    expect(sync.receive(afterB)).toBe(false);
    expect(both(sync.settings)).toBe(true);
  });

  it('a refused change goes back, and the other one on its way stays shown', () => {
    const sync = new SettingsSync(DEFAULT_SETTINGS);
    const a = sync.begin(darkTheme);
    const b = sync.begin(noSound);
    sync.end(b); // refused: no settings came with it
    expect(sync.settings.ui.theme).toBe('dark');
    expect(sync.settings.alerts.sound).toBe(DEFAULT_SETTINGS.alerts.sound);
    sync.end(a);
    expect(sync.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('an invalid change is not shown, and does not hide the others', () => {
    const sync = new SettingsSync(DEFAULT_SETTINGS);
    sync.begin((settings) => applySettingsUpdate(settings, { pollIntervalSec: 1 }));
    sync.begin(darkTheme);
    expect(sync.settings.pollIntervalSec).toBe(DEFAULT_SETTINGS.pollIntervalSec);
    expect(sync.settings.ui.theme).toBe('dark');
  });

  it('takes values without a revision as they come, and a new session whatever its revision', () => {
    const portal = host();
    const sync = new SettingsSync(DEFAULT_SETTINGS);
    portal.apply(darkTheme);
    expect(sync.receive(portal.apply(noSound))).toBe(true);
    expect(sync.receive({ ...DEFAULT_SETTINGS, pollIntervalSec: 90 })).toBe(true);
    expect(sync.settings.pollIntervalSec).toBe(90);
    // A host restarted behind a reconnected bridge counts from 0 again.
    sync.reset({ ...DEFAULT_SETTINGS, revision: 0 });
    expect(sync.settings).toEqual(DEFAULT_SETTINGS);
    expect(
      sync.receive({
        ...DEFAULT_SETTINGS,
        ui: { ...DEFAULT_SETTINGS.ui, theme: 'light' },
        revision: 1,
      }),
    ).toBe(true);
    expect(sync.settings).not.toHaveProperty('revision');
  });
});
