import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { APP_ID, PRODUCT_NAME } from '../../../electron/main/app-identity.js';
import { trayIconPath } from '../../../electron/main/tray-icons.js';
import type { TrayIconState } from '../../../electron/main/tray.js';

/** From @electron/fuses' constants (not exported by its entry point). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  afterPack: string;
  icon: string;
  extraResources: Array<{ from: string; to: string }>;
  linux: { target: string[]; icon: string; executableName: string };
  win: { target: string[] };
  mac: { target: string[] };
}

const config = require(join(root, 'build', 'electron-builder.config.cjs')) as BuilderConfig;
const { fuseConfig } = require(join(root, 'build', 'fuses.cjs')) as {
  fuseConfig: Record<number, boolean>;
};
const afterPack = require(join(root, 'build', 'after-pack.cjs')) as (
  context: unknown,
) => Promise<void>;

describe('electron-builder configuration', () => {
  it('is wired from package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.dist).toContain('--config build/electron-builder.config.cjs');
  });

  it("passes electron-builder's own configuration schema", () => {
    const Ajv = require('ajv') as new (options: object) => {
      compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
    };
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      require('app-builder-lib/scheme.json') as object,
    );
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...config, notAnOption: true })).toBe(false);
  });

  it('names the app as the shell does', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
  });

  it('packs only the built app and package.json, in an asar', () => {
    expect(config.asar).toBe(true);
    const included = config.files.filter((pattern) => !pattern.startsWith('!'));
    expect(included.sort()).toEqual(['dist/**', 'package.json']);
    for (const source of [
      'electron',
      'renderer',
      'tests',
      'scripts',
      'build',
      'node_modules/.cache',
    ]) {
      expect(included.some((pattern) => pattern.startsWith(source))).toBe(false);
    }
    expect(config.files).toEqual(
      expect.arrayContaining(['!dist/cli/**', '!dist/bench/**', '!**/*.map']),
    );
  });

  it("keeps electron-builder's own deb dependencies (GTK, NSS…) and only recommends the indicator", () => {
    const deb = (config as unknown as { deb?: { depends?: unknown; recommends?: string[] } }).deb;
    expect(deb?.depends).toBeUndefined();
    expect(deb?.recommends?.join()).toMatch(/appindicator/);
  });

  it('targets AppImage + deb, NSIS and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('flips the fuses the app relies on', () => {
    expect(config.afterPack).toBe('./build/after-pack.cjs');
    expect(fuseConfig[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuseConfig[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuseConfig[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuseConfig[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuseConfig[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuseConfig[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });

  it('has every icon it references, including each tray state at 1x and 2x', () => {
    expect(existsSync(join(root, config.icon))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(existsSync(join(root, config.linux.icon, `${size}x${size}.png`))).toBe(true);
    expect(config.extraResources).toEqual([
      expect.objectContaining({ from: 'build/tray', to: 'tray' }),
    ]);
    const states: TrayIconState[] = ['online', 'nobody', 'paused', 'problem', 'disconnected'];
    for (const state of states) {
      const dev = trayIconPath(state, { packaged: false, resourcesPath: '/unused', appRoot: root });
      expect(existsSync(dev)).toBe(true);
      expect(existsSync(dev.replace(/\.png$/, '@2x.png'))).toBe(true);
      expect(
        trayIconPath(state, { packaged: true, resourcesPath: '/opt/app/resources', appRoot: root }),
      ).toBe(`/opt/app/resources/tray/tray-${state}.png`);
    }
    const png = readFileSync(join(root, 'build', 'tray', 'tray-online@2x.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(32);
  });
});

describe('afterPack hook', () => {
  it('writes the fuses into the packed binary', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'b24-pack-'));
    // A stand-in Electron binary: the fuse wire is the sentinel, version 1, length, then one byte per fuse.
    const wire = Buffer.concat([
      Buffer.from('ELF…padding…'),
      Buffer.from(SENTINEL, 'ascii'),
      Buffer.from([1, 8]),
      Buffer.alloc(8, FuseState.ENABLE),
      Buffer.from('…rest of the binary'),
    ]);
    writeFileSync(join(appOutDir, 'b24-presence'), wire);
    await afterPack({
      appOutDir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'B24 Presence' }, executableName: 'b24-presence' },
    });
    const fuses = (await getCurrentFuseWire(join(appOutDir, 'b24-presence'))) as unknown as Record<
      number,
      number
    >;
    expect(fuses[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
  });
});
