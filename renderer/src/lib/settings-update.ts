import type { Settings, SettingsUpdate } from '$shared/settings/schema.js';
import { mergeSettingsUpdate } from '$shared/settings/merge.js';
import { isSettings } from './fast-checks.js';

/**
 * The panel's applySettingsUpdate ($shared/settings/schema.ts) for its optimistic updates,
 * without zod (which the panel loads only after its first paint): the same merge (merge.ts), and the
 * same answer for a valid result; throws where the shared one would (an invalid value).
 * tests/unit/renderer/src/lib/fast-checks.test.ts compares the two.
 */
export function applySettingsUpdate(current: Settings, update: SettingsUpdate): Settings {
  const merged = mergeSettingsUpdate(current, update);
  if (!isSettings(merged)) throw new Error('invalid settings');
  return merged as Settings;
}
