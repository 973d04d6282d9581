import type { AlertLedgerPort, SecretPort, SettingsPort } from '../core/ports.js';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings/schema.js';

/**
 * Browser mode keeps everything in memory: it is a development and testing host, and the
 * credential must never land on disk unencrypted outside Electron's safeStorage.
 */
export function memoryPorts(initial: Partial<Settings> = {}, secret: string | null = null) {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...initial };
  let storedSecret = secret;
  const settingsPort: SettingsPort = { load: () => settings, save: (next) => (settings = next) };
  const secretPort: SecretPort = {
    get: () => storedSecret,
    set: (next) => (storedSecret = next),
    weak: false,
  };
  return { settings: settingsPort, secrets: secretPort, alertLedger: memoryAlertLedger() };
}

/** What was alerted, for the run only. The policy prunes people who left, so a save replaces, never merges. */
export function memoryAlertLedger(): AlertLedgerPort {
  let alerted: Record<string, string> = {};
  return { load: () => ({ ...alerted }), save: (next) => (alerted = { ...next }) };
}
