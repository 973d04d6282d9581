import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.js';

function fakeRepo(options: { pathTxt?: string; binary?: boolean }): string {
  const root = mkdtempSync(join(tmpdir(), 'b24-electron-'));
  const pkg = join(root, 'node_modules', 'electron');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  if (options.pathTxt !== undefined) writeFileSync(join(pkg, 'path.txt'), options.pathTxt);
  if (options.binary) writeFileSync(join(pkg, 'dist', options.pathTxt ?? 'electron'), '');
  return root;
}

describe('Electron binary detection (decides whether the smoke tests skip)', () => {
  it('finds the binary named by path.txt', () => {
    const root = fakeRepo({ pathTxt: 'electron', binary: true });
    expect(findElectronBinary(root, {})).toEqual({
      found: true,
      path: join(root, 'node_modules', 'electron', 'dist', 'electron'),
    });
  });

  it('explains a missing download', () => {
    expect(findElectronBinary(fakeRepo({}), {})).toMatchObject({
      found: false,
      reason: expect.stringMatching(/never downloaded/),
    });
    expect(findElectronBinary(fakeRepo({ pathTxt: 'electron' }), {})).toMatchObject({
      found: false,
      reason: expect.stringMatching(/no Electron binary at/),
    });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const root = fakeRepo({ pathTxt: 'electron' });
    const dist = mkdtempSync(join(tmpdir(), 'b24-dist-'));
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toMatchObject({
      found: false,
      reason: expect.stringMatching(/OVERRIDE/),
    });
    writeFileSync(join(dist, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toEqual({
      found: true,
      path: join(dist, 'electron'),
    });
  });
});
