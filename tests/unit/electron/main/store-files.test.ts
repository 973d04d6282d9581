import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../../../electron/shared/settings/schema.js';
import {
  asideName,
  nodeFileOps,
  prepareJsonFile,
  prepareSettingsFile,
} from '../../../../electron/main/store-files.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'b24-settings-'));
}

describe('settings file recovery (real files)', () => {
  it('moves a corrupt file aside, reports it and keeps its bytes', () => {
    const path = join(dir(), 'settings.json');
    writeFileSync(path, '{"version": 1, "pollIntervalSec": ');
    const prepared = prepareSettingsFile(path, nodeFileOps, NOW);
    expect(prepared.settings).toEqual(DEFAULT_SETTINGS);
    expect(prepared.asidePath).toBe(asideName(path, NOW));
    expect(prepared.asidePath).toMatch(/settings\.json\.corrupt-2026-11-23T09-00-00-000Z$/);
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(prepared.asidePath ?? '', 'utf8')).toBe(
      '{"version": 1, "pollIntervalSec": ',
    );
    expect(prepared.problem).toMatch(/not valid JSON.*moved to/);
  });

  it('repairs a partly bad file, keeping a copy of the original', () => {
    const path = join(dir(), 'settings.json');
    const original = JSON.stringify({ ...DEFAULT_SETTINGS, pollIntervalSec: 0, watchIds: [7] });
    writeFileSync(path, original);
    const prepared = prepareSettingsFile(path, nodeFileOps, NOW);
    expect(prepared.settings.watchIds).toEqual([7]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(prepared.settings);
    expect(readFileSync(prepared.asidePath ?? '', 'utf8')).toBe(original);
    expect(prepared.problem).toMatch(/pollIntervalSec/);
  });

  it('writes a migrated file back and leaves a good one untouched', () => {
    const folder = dir();
    const path = join(folder, 'settings.json');
    const { version: _version, ...unversioned } = DEFAULT_SETTINGS;
    writeFileSync(path, JSON.stringify(unversioned));
    expect(prepareSettingsFile(path, nodeFileOps, NOW).problem).toBeNull();
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(SETTINGS_VERSION);
    const before = readFileSync(path, 'utf8');
    prepareSettingsFile(path, nodeFileOps, NOW);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(folder)).toEqual(['settings.json']);
  });

  it('does nothing without a file', () => {
    const path = join(dir(), 'settings.json');
    expect(prepareSettingsFile(path, nodeFileOps, NOW)).toEqual({
      settings: DEFAULT_SETTINGS,
      problem: null,
      asidePath: null,
    });
    expect(existsSync(path)).toBe(false);
  });

  it('moves other unusable store files aside as a whole', () => {
    const path = join(dir(), 'state.json');
    writeFileSync(path, '{"alertMemory": 5}');
    const result = prepareJsonFile(
      path,
      nodeFileOps,
      NOW,
      (value) => typeof (value as { alertMemory?: unknown }).alertMemory === 'object',
      'state',
      1024,
    );
    expect(result.problem).toMatch(/state file could not be read/);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(result.asidePath ?? '')).toBe(true);
  });
});
