import type { Settings, SettingsUpdate } from './schema.js';

/**
 * An update laid over the settings, its nested groups merged rather than replaced: the one
 * merge behind schema.ts's applySettingsUpdate (which then validates with zod) and the panel's
 * zod-free one for optimistic updates (renderer/src/lib/settings-update.ts). Not validated here.
 */
export function mergeSettingsUpdate(current: Settings, update: SettingsUpdate): unknown {
  return {
    ...current,
    ...update,
    alerts: { ...current.alerts, ...update.alerts },
    history: { ...current.history, ...update.history },
    ui: { ...current.ui, ...update.ui },
  };
}
