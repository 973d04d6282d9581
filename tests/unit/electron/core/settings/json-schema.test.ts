import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { settingsStoreSchema } from '../../../../../electron/core/settings/json-schema.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../../electron/shared/settings/schema.js';

/**
 * electron-store is conf plus Electron paths: conf itself (the same validator, Ajv 2020) runs
 * here without Electron, so the generated schema is tested against the real store code.
 */
function open(cwd: string): Conf<Settings> {
  const { schema, rootSchema } = settingsStoreSchema();
  return new Conf<Settings>({
    cwd,
    configName: 'settings',
    projectVersion: '0.0.0',
    schema: schema as never,
    rootSchema: rootSchema as never,
    defaults: DEFAULT_SETTINGS,
  });
}

describe('settings JSON schema for electron-store', () => {
  it('accepts the defaults and round-trips them', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'b24-conf-'));
    const store = open(cwd);
    expect(store.store).toEqual(DEFAULT_SETTINGS);
    store.store = { ...DEFAULT_SETTINGS, pollIntervalSec: 120 };
    expect(open(cwd).store.pollIntervalSec).toBe(120);
  });

  it('rejects writes the zod schema rejects', () => {
    const store = open(mkdtempSync(join(tmpdir(), 'b24-conf-')));
    expect(() => (store.store = { ...DEFAULT_SETTINGS, pollIntervalSec: 1 })).toThrow(
      /schema violation/,
    );
    expect(() => store.set('connection', { kind: 'webhook', portalHost: '', userId: 1 })).toThrow(
      /schema violation/,
    );
    expect(() => (store.store = { ...DEFAULT_SETTINGS, unknownKey: true } as Settings)).toThrow(
      /schema violation/,
    );
  });

  it('makes the store refuse a file that violates it (which the recovery step handles first)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'b24-conf-'));
    writeFileSync(
      join(cwd, 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, onlineLimitSec: 5 }),
    );
    expect(() => open(cwd)).toThrow(/schema violation/);
  });
});
