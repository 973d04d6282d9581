import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileOps, prepareSettingsFile } from '../../../../../electron/main/store-files.js';
import {
  MIGRATIONS,
  migrateSettings,
  storedVersion,
} from '../../../../../electron/core/settings/migrations.js';
import { SETTINGS_VERSION } from '../../../../../electron/shared/settings/schema.js';

describe('settings migrations', () => {
  it('has a step from every older version up to the current one', () => {
    for (let version = 0; version < SETTINGS_VERSION; version++)
      expect(MIGRATIONS[version]).toBeTypeOf('function');
  });

  it('leaves a current file alone', () => {
    const raw = { version: SETTINGS_VERSION, pollIntervalSec: 45 };
    expect(migrateSettings(raw)).toEqual({ kind: 'current', value: raw });
  });

  it('stamps an unversioned file as version 1, and brings it up to date', () => {
    expect(migrateSettings({ pollIntervalSec: 45 })).toEqual({
      kind: 'migrated',
      from: 0,
      value: { pollIntervalSec: 45, version: SETTINGS_VERSION },
    });
  });

  it('moves the old default online limit (1440 s) to 900 s and keeps any value the user chose', () => {
    // Up to version 2 only: the step this test is about.
    expect(
      migrateSettings({ version: 1, onlineLimitSec: 1440, pollIntervalSec: 30 }, MIGRATIONS, 2),
    ).toEqual({
      kind: 'migrated',
      from: 1,
      value: { version: 2, onlineLimitSec: 900, pollIntervalSec: 30 },
    });
    for (const chosen of [120, 600, 1200, 3600]) {
      expect(migrateSettings({ version: 1, onlineLimitSec: chosen }, MIGRATIONS, 2)).toEqual({
        kind: 'migrated',
        from: 1,
        value: { version: 2, onlineLimitSec: chosen },
      });
    }
    expect(migrateSettings({ onlineLimitSec: 1440 })).toMatchObject({
      value: { version: SETTINGS_VERSION, onlineLimitSec: 900 },
    });
  });

  it('turns a saved OAuth connection (never startable) into "not connected" and keeps the others', () => {
    expect(
      migrateSettings(
        {
          version: 2,
          connection: { kind: 'oauth', portalHost: 'acme.bitrix24.com' },
          pollIntervalSec: 45,
        },
        MIGRATIONS,
        3,
      ),
    ).toEqual({
      kind: 'migrated',
      from: 2,
      value: { version: 3, connection: { kind: 'none' }, pollIntervalSec: 45 },
    });
    const webhook = { kind: 'webhook', portalHost: 'acme.bitrix24.com', userId: 7 };
    expect(migrateSettings({ version: 2, connection: webhook }, MIGRATIONS, 3)).toEqual({
      kind: 'migrated',
      from: 2,
      value: { version: 3, connection: webhook },
    });
    expect(migrateSettings({ version: 2, connection: { kind: 'demo' } })).toMatchObject({
      value: { connection: { kind: 'demo' } },
    });
  });

  it('raises an online limit below the 5-minute "online" window to 5 minutes, and keeps any other', () => {
    for (const short of [120, 180, 299]) {
      expect(migrateSettings({ version: 3, onlineLimitSec: short })).toEqual({
        kind: 'migrated',
        from: 3,
        value: { version: 4, onlineLimitSec: 300 },
      });
    }
    for (const kept of [300, 900, 1440, 86_400]) {
      expect(migrateSettings({ version: 3, onlineLimitSec: kept })).toEqual({
        kind: 'migrated',
        from: 3,
        value: { version: 4, onlineLimitSec: kept },
      });
    }
    // Not a number: left for validation to refuse (and recovery to repair), not invented here.
    expect(migrateSettings({ version: 3, onlineLimitSec: 'x' })).toEqual({
      kind: 'migrated',
      from: 3,
      value: { version: 4, onlineLimitSec: 'x' },
    });
  });

  it('runs steps in order', () => {
    const steps = {
      0: (raw: Record<string, unknown>) => ({ ...raw, version: 1, trail: ['0→1'] }),
      1: (raw: Record<string, unknown>) => ({
        ...raw,
        version: 2,
        trail: [...(raw.trail as string[]), '1→2'],
      }),
    };
    expect(migrateSettings({}, steps, 2)).toEqual({
      kind: 'migrated',
      from: 0,
      value: { version: 2, trail: ['0→1', '1→2'] },
    });
    expect(migrateSettings({ version: 1, trail: [] }, steps, 2)).toEqual({
      kind: 'migrated',
      from: 1,
      value: { version: 2, trail: ['1→2'] },
    });
  });

  it('refuses files from a newer app and nonsense versions', () => {
    expect(migrateSettings({ version: SETTINGS_VERSION + 1 })).toEqual({
      kind: 'newer',
      version: SETTINGS_VERSION + 1,
    });
    expect(migrateSettings({ version: 'one' }).kind).toBe('invalid');
    expect(migrateSettings([]).kind).toBe('invalid');
    expect(migrateSettings(null).kind).toBe('invalid');
    expect(migrateSettings({ version: 0 }, {}, 1)).toEqual({
      kind: 'invalid',
      reason: 'No migration from settings version 0.',
    });
    expect(storedVersion({ version: 1.5 })).toBeNull();
  });
});

describe('a real settings file of version 2 with an OAuth connection', () => {
  const path = join(import.meta.dirname, 'fixtures', 'settings-v2-oauth.json');

  it('opens as "not connected", every other choice kept, and is written back as the current version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'b24-settings-v2-'));
    const file = join(dir, 'settings.json');
    copyFileSync(path, file);
    const prepared = prepareSettingsFile(file, nodeFileOps, Date.UTC(2026, 0, 5));
    expect(prepared.problem).toBeNull();
    const old = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    // Fields added since that file was written come in with their defaults.
    expect(prepared.settings).toEqual({
      ...old,
      version: SETTINGS_VERSION,
      connection: { kind: 'none' },
      notifyOnce: [],
      history: { retentionDays: 7 },
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(prepared.settings);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});

describe('a real settings file of version 3 with a 3-minute online limit', () => {
  it('opens with the limit raised to 5 minutes, every other choice kept', () => {
    const fixture = join(import.meta.dirname, 'fixtures', 'settings-v3-short-online-limit.json');
    const file = join(mkdtempSync(join(tmpdir(), 'b24-settings-v3-')), 'settings.json');
    copyFileSync(fixture, file);
    const prepared = prepareSettingsFile(file, nodeFileOps, 0);
    expect(prepared.problem).toBeNull();
    const old = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>;
    expect(old.onlineLimitSec).toBe(180);
    expect(prepared.settings).toEqual({ ...old, version: SETTINGS_VERSION, onlineLimitSec: 300 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(prepared.settings);
  });
});
